// The backend choice, remembered per browser: timing real training steps on wasm and WebGL
// takes seconds (shader compilation most of them), and a reader's first answer must not wait
// for it on every visit. The page keeps the last measured choice in localStorage with the
// WebGL renderer it was measured on, and the worker reuses it while the renderer is the same.
import type { BackendName } from "../backend-choice.js";

export const BACKEND_MEMORY_KEY = "glimpse-backend-choice";
const NAMES: readonly BackendName[] = ["webgl", "wasm", "cpu"];

export interface RememberedBackend {
  name: BackendName;
  /** The WebGL renderer the choice was measured with ("none" where there was no WebGL). */
  renderer: string;
  /** The measured reason, kept for the badge's tooltip. */
  reason: string;
}

/** The subset of Storage used here (tests pass a Map-backed one). */
export type KeyValueStore = Pick<Storage, "getItem" | "setItem">;

function browserStorage(): KeyValueStore | undefined {
  try {
    return typeof localStorage === "undefined" ? undefined : localStorage;
  } catch {
    return undefined; // storage blocked (privacy settings, sandboxed frames): measure every time
  }
}

/** The remembered choice, or undefined when none is stored or what is stored is not one. */
export function recallBackend(store = browserStorage()): RememberedBackend | undefined {
  try {
    const v: unknown = JSON.parse(store?.getItem(BACKEND_MEMORY_KEY) ?? "null");
    if (typeof v !== "object" || v === null) return undefined;
    const { name, renderer, reason } = v as Record<string, unknown>;
    if (!NAMES.includes(name as BackendName) || typeof renderer !== "string" || typeof reason !== "string")
      return undefined;
    return { name: name as BackendName, renderer, reason };
  } catch {
    return undefined;
  }
}

export function rememberBackend(choice: RememberedBackend, store = browserStorage()): void {
  try {
    store?.setItem(BACKEND_MEMORY_KEY, JSON.stringify(choice));
  } catch {
    // a full or blocked storage only means the next visit measures again
  }
}
