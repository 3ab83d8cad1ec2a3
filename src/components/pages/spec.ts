// A page spec: everything about a live page's controls that is not DOM. Its defaults, each
// control's kind, range and label, the URL schema derived from them (url-state.ts), and
// config(settings): the run the page trains. ui/page-controls.ts builds the inputs from it;
// Node tests check it against the page's committed snapshot.
import { decodeState, encodeState, type Field, type Schema } from "../state/url-state.js";

export type Settings = Record<string, string | number | boolean | string[]>;

interface ControlBase {
  /** The setting's name, in the URL and in `Settings`. */
  key: string;
  /** The visible label (also the slider's accessible name). */
  label: string;
  /** Shown only in the advanced row (hidden in presenter mode). */
  advanced?: boolean;
  /** Not in the control rows: the page displays `controls.inputs[key]` where its prose needs it. */
  detached?: boolean;
}

export type Control = ControlBase &
  (
    | { kind: "range"; min: number; max: number; step: number; default: number; whole?: boolean; log?: boolean }
    /** One of `options`; `numeric` values are numbers in Settings, strings in the URL. */
    | {
        kind: "select" | "radio";
        options: readonly { value: string; label: string }[];
        default: string;
        numeric?: boolean;
      }
    /** A group of checkboxes, each its own boolean setting (`key` names the group only). */
    | { kind: "flags"; options: readonly { key: string; label: string; default: boolean }[] }
    /** A group of checkboxes whose checked values are one setting (a comma list in the URL). */
    | { kind: "set"; options: readonly { value: string; label: string }[]; default: readonly string[] }
    | { kind: "text"; maxLength: number; default: string; submit?: string }
  );

export interface PageSpec<Config = unknown> {
  /** The page's name: in weights files and messages ("the attention page"). */
  page: string;
  controls: readonly Control[];
  /** The run the page trains (or measures) for these settings. */
  config(settings: Settings): Config;
  /** Captions and other words that depend on the settings. */
  captions?: Record<string, (settings: Settings) => string>;
}

/** The URL schema of a spec: one field per setting, bounds and defaults from the controls. */
export function schemaOf(spec: PageSpec): Schema {
  const schema: Record<string, Field> = {};
  for (const c of spec.controls) {
    switch (c.kind) {
      case "range":
        schema[c.key] = { kind: c.whole === false ? "number" : "int", min: c.min, max: c.max, default: c.default };
        break;
      case "select":
      case "radio":
        schema[c.key] = { kind: "enum", values: c.options.map((o) => o.value), default: c.default };
        break;
      case "flags":
        for (const o of c.options) schema[o.key] = { kind: "bool", default: o.default };
        break;
      case "set":
        schema[c.key] = { kind: "text", maxLength: 200, default: c.default.join(",") };
        break;
      case "text":
        schema[c.key] = { kind: "text", maxLength: c.maxLength, default: c.default };
        break;
    }
  }
  return schema;
}

/** The settings a page opens with. */
export function defaultSettings(spec: PageSpec): Settings {
  return decodeSettings(spec, "").settings;
}

/** Settings from a query string (strict: what does not fit keeps its default, with a notice). */
export function decodeSettings(spec: PageSpec, search: string): { settings: Settings; notices: string[] } {
  const { values, notices } = decodeState(schemaOf(spec), search);
  const settings: Settings = { ...(values as Settings) };
  for (const c of spec.controls) {
    if (c.kind === "set") {
      const raw = String(settings[c.key]);
      const known = raw.split(",").filter((v) => c.options.some((o) => o.value === v));
      if (raw && known.length === 0)
        notices.push(`Ignored "${c.key}": it named none of ${c.options.map((o) => o.value).join(", ")}.`);
      settings[c.key] = known.length ? known : [...c.default];
    } else if ((c.kind === "select" || c.kind === "radio") && c.numeric) settings[c.key] = Number(settings[c.key]);
  }
  return { settings, notices };
}

/** The query string for `settings` (defaults left out, so the default page has a bare URL). */
export function encodeSettings(spec: PageSpec, settings: Settings): string {
  const values: Record<string, unknown> = {};
  for (const c of spec.controls) {
    if (c.kind === "flags") for (const o of c.options) values[o.key] = settings[o.key];
    else if (c.kind === "set") {
      const chosen = c.options.map((o) => o.value).filter((v) => (settings[c.key] as string[]).includes(v));
      values[c.key] = chosen.join(",");
    } else values[c.key] = c.kind === "range" || c.kind === "text" ? settings[c.key] : String(settings[c.key]);
  }
  return encodeState(schemaOf(spec), values as never);
}
