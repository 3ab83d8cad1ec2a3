// Which tfjs backend to compute on: the pure decision, free of tfjs and the DOM, so Node
// tests can feed it any mix of measurements and failures. The browser side that runs the
// trials is in backend.ts.

export type BackendName = "webgl" | "wasm" | "cpu";

/** Preference when nothing is measured: the GPU first, then wasm (SIMD), then plain JS. */
export const DEFAULT_ORDER: readonly BackendName[] = ["webgl", "wasm", "cpu"];

/** What trying one backend gave: it failed, it works, or it works and took `ms` per run
 * of the caller's measurement (e.g. a few training steps). */
export type Trial = { name: BackendName; ok: false; error: string } | { name: BackendName; ok: true; ms?: number };

export interface Choice {
  name: BackendName;
  /** One sentence for the reader (shown as the badge's tooltip). */
  reason: string;
}

function formatMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

/**
 * Picks the backend from trial results. With measurements, the fastest working one wins
 * (ties go to the earlier in `order`); without, the first working one in `order`.
 * Returns null when nothing worked.
 */
export function chooseBackend(trials: readonly Trial[], order: readonly BackendName[] = DEFAULT_ORDER): Choice | null {
  const rank = (name: BackendName) => {
    const i = order.indexOf(name);
    return i < 0 ? order.length : i;
  };
  const working = trials
    .filter((t): t is Extract<Trial, { ok: true }> => t.ok)
    .sort((a, b) => rank(a.name) - rank(b.name));
  const failed = trials.filter((t): t is Extract<Trial, { ok: false }> => !t.ok);
  if (working.length === 0) return null;

  const measured = working.filter((t) => typeof t.ms === "number" && Number.isFinite(t.ms));
  const failures = failed.map((t) => `${t.name} failed: ${t.error}`).join("; ");
  if (measured.length > 0) {
    // Array.prototype.sort is stable, so equal times keep the preference order.
    const best = [...measured].sort((a, b) => (a.ms as number) - (b.ms as number))[0];
    const timings = measured.map((t) => `${t.name} ${formatMs(t.ms as number)}`).join(", ");
    return { name: best.name, reason: `fastest when measured (${timings})${failures ? `; ${failures}` : ""}` };
  }
  const first = working[0];
  if (rank(first.name) === 0) return { name: first.name, reason: "preferred backend" };
  return {
    name: first.name,
    reason: `fallback: ${failures || `${order.slice(0, rank(first.name)).join(", ")} not available`}`,
  };
}

/**
 * True for a WebGL renderer string that names a software rasteriser (SwiftShader, llvmpipe,
 * Microsoft's Basic Render Driver). Software WebGL emulates the GPU on the same CPU cores wasm
 * uses, and measured 3–4× slower than wasm on this project's models (shared/PERFORMANCE.md),
 * so racing it only delays the reader's first answer.
 */
export function isSoftwareRenderer(renderer: string | undefined): boolean {
  return renderer !== undefined && /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer);
}
