/**
 * Every control and the seed in the URL, so a link reproduces a run. Parsing is strict and
 * never evaluates anything: a value that does not fit its field is dropped with a notice and
 * the field keeps its default. DOM-free (tested in Node); pages pass `location.search`.
 */
export type Field =
  | { kind: "int"; min: number; max: number; default: number }
  | { kind: "number"; min: number; max: number; default: number }
  | { kind: "enum"; values: readonly string[]; default: string }
  | { kind: "bool"; default: boolean }
  | { kind: "text"; maxLength: number; default: string };

export type Schema = Record<string, Field>;
export type StateOf<S extends Schema> = {
  [K in keyof S]: S[K] extends { kind: "bool" } ? boolean : S[K] extends { kind: "int" | "number" } ? number : string;
};

export function defaults<S extends Schema>(schema: S): StateOf<S> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(schema)) out[k] = f.default;
  return out as StateOf<S>;
}

const show = (s: string) => JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** Parses one raw value; returns undefined and a reason when it does not fit. */
function parseField(field: Field, raw: string): { value?: unknown; problem?: string } {
  switch (field.kind) {
    case "int":
    case "number": {
      const n = /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(raw) ? Number(raw) : NaN;
      if (!Number.isFinite(n)) return { problem: `${show(raw)} is not a number` };
      if (field.kind === "int" && !Number.isInteger(n)) return { problem: `${show(raw)} is not a whole number` };
      if (n < field.min || n > field.max) return { problem: `${raw} is outside ${field.min}–${field.max}` };
      return { value: n };
    }
    case "enum":
      return field.values.includes(raw)
        ? { value: raw }
        : { problem: `${show(raw)} is not one of ${field.values.join(", ")}` };
    case "bool":
      if (raw === "1" || raw === "true") return { value: true };
      if (raw === "0" || raw === "false") return { value: false };
      return { problem: `${show(raw)} is not 1 or 0` };
    case "text":
      if ([...raw].length > field.maxLength) return { problem: `text longer than ${field.maxLength} characters` };
      // Control characters have no business in a shared sentence.
      if (/[\u0000-\u001f\u007f]/.test(raw)) return { problem: "text with control characters" };
      return { value: raw };
  }
}

export interface Decoded<S extends Schema> {
  values: StateOf<S>;
  /** Which fields came from the URL. */
  present: (keyof S)[];
  /** One line per ignored parameter, for a visible notice. */
  notices: string[];
}

export function decodeState<S extends Schema>(schema: S, search: string): Decoded<S> {
  const values = defaults(schema) as Record<string, unknown>;
  const present: (keyof S)[] = [];
  const notices: string[] = [];
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(search);
  } catch {
    return { values: values as StateOf<S>, present, notices: ["The link's settings could not be read."] };
  }
  const seen = new Set<string>();
  for (const [key, raw] of params) {
    if (!Object.hasOwn(schema, key)) {
      notices.push(`Ignored unknown setting ${show(key)}.`);
      continue;
    }
    if (seen.has(key)) {
      notices.push(`Ignored a second value for "${key}".`);
      continue;
    }
    seen.add(key);
    const { value, problem } = parseField(schema[key], raw);
    if (problem) notices.push(`Ignored "${key}": ${problem}.`);
    else {
      values[key] = value;
      present.push(key);
    }
  }
  return { values: values as StateOf<S>, present, notices };
}

/** A query string holding the values that differ from their defaults, in schema order. */
export function encodeState<S extends Schema>(schema: S, values: Partial<StateOf<S>>): string {
  const params = new URLSearchParams();
  for (const [key, field] of Object.entries(schema)) {
    const v = (values as Record<string, unknown>)[key];
    if (v === undefined || v === field.default) continue;
    params.set(key, field.kind === "bool" ? (v ? "1" : "0") : String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}
