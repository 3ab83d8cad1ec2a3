// A page's controls built from its spec (pages/spec.ts): the inputs with their labels (the
// slider beside a number box gets the same accessible name), the link's settings read
// strictly with a visible notice for what was ignored, the address bar kept in step, and
// set / reset for Reset, loaded weights and the divergence fix. The page writes
//   const controls = pageControls(spec);
//   const settings = view(controls.element);
import * as Inputs from "@observablehq/inputs";
import {
  decodeSettings,
  defaultSettings,
  encodeSettings,
  type Control,
  type PageSpec,
  type Settings,
} from "../pages/spec.js";
import { settingsSearch, syncSearch, urlNotices } from "./share-link.js";

type Input = HTMLElement & { value: any };

export interface PageControls {
  /** Both rows (main and advanced); its value is the page's Settings, and it fires "input" on any change. */
  element: HTMLElement & { value: Settings };
  /** One input per control, by key (a flags group under its group key). */
  inputs: Record<string, Input>;
  /** What the link carried that was not used (empty when nothing). */
  notices: HTMLElement;
  /** Puts the given settings into the inputs (the page then retrains, or not, as for a reader's change). */
  set(settings: Partial<Settings>): void;
  /** Every control back to its default. */
  reset(): void;
  /** Writes `settings` into the address bar (defaults left out), keeping presenter mode. */
  sync(settings: Settings): void;
}

function build(c: Control, value: Settings): Input {
  const label = c.label;
  switch (c.kind) {
    case "range": {
      const input = Inputs.range([c.min, c.max], {
        step: c.step,
        value: value[c.key],
        label,
        ...(c.log ? { transform: Math.log } : {}),
      });
      // Inputs.range labels its number box; the slider beside it gets the same name.
      input.querySelector("input[type=range]")?.setAttribute("aria-label", label);
      return input;
    }
    case "select":
    case "radio": {
      const data = new Map(c.options.map((o) => [o.label, c.numeric ? Number(o.value) : o.value]));
      return c.kind === "select"
        ? Inputs.select(data, { label, value: value[c.key] })
        : Inputs.radio(data, { label, value: value[c.key] });
    }
    case "flags":
      return Inputs.checkbox(
        c.options.map((o) => o.label),
        { label, value: c.options.filter((o) => value[o.key]).map((o) => o.label) },
      );
    case "set":
      return Inputs.checkbox(
        c.options.map((o) => o.value),
        { label, value: value[c.key], format: (v: string) => c.options.find((o) => o.value === v)?.label ?? v },
      );
    case "text":
      return Inputs.text({
        label,
        value: value[c.key],
        maxlength: c.maxLength,
        ...(c.submit ? { submit: c.submit } : {}),
      });
  }
}

/** The settings an input shows, for its control. */
function read(c: Control, input: Input, into: Settings): void {
  if (c.kind === "flags") for (const o of c.options) into[o.key] = (input.value as string[]).includes(o.label);
  else into[c.key] = input.value;
}

function write(c: Control, input: Input, settings: Partial<Settings>): boolean {
  let value: unknown;
  if (c.kind === "flags") {
    if (!c.options.some((o) => settings[o.key] !== undefined)) return false;
    value = c.options.filter((o) => settings[o.key]).map((o) => o.label);
  } else if (settings[c.key] === undefined) return false;
  else value = settings[c.key];
  if (JSON.stringify(input.value) === JSON.stringify(value)) return false;
  input.value = value;
  return true;
}

export function pageControls(
  spec: PageSpec,
  { search = location.search, doc = document }: { search?: string; doc?: Document } = {},
): PageControls {
  const { settings: initial, notices } = decodeSettings(spec, settingsSearch(search));
  const inputs: Record<string, Input> = {};
  const main = doc.createElement("div");
  main.className = "glimpse-controls";
  const advanced = doc.createElement("div");
  advanced.className = "glimpse-controls glimpse-advanced";
  for (const c of spec.controls) {
    inputs[c.key] = build(c, initial);
    if (!c.detached) (c.advanced ? advanced : main).append(inputs[c.key]);
  }
  const element = doc.createElement("div") as unknown as HTMLElement & { value: Settings };
  element.className = "glimpse-page-controls";
  element.append(...[main, advanced].filter((row) => row.childElementCount > 0));
  // Each Inputs element fires its own "input"; the page sees one value, the whole Settings.
  Object.defineProperty(element, "value", {
    get: () => {
      const out: Settings = {};
      for (const c of spec.controls) read(c, inputs[c.key], out);
      return out;
    },
  });
  // A control the page shows elsewhere still changes the page's settings.
  for (const c of spec.controls) {
    if (c.detached)
      inputs[c.key].addEventListener("input", () => element.dispatchEvent(new Event("input", { bubbles: true })));
  }
  const set = (settings: Partial<Settings>) => {
    let changed = false;
    for (const c of spec.controls) changed = write(c, inputs[c.key], settings) || changed;
    if (changed) element.dispatchEvent(new Event("input", { bubbles: true }));
  };
  return {
    element,
    inputs,
    notices: urlNotices(notices, doc),
    set,
    reset: () => set(defaultSettings(spec)),
    sync: (settings) => syncSearch(encodeSettings(spec, settings)),
  };
}
