/**
 * A replacement for the TensorFlow.js engine's `endScope` (4.22), the function that ends every
 * `tf.tidy`: it frees the tensors the scope made and hands the returned ones to the outer scope.
 *
 * Why: in Chromium 156 the stock one never stays optimised. On the soft-vs-hard race
 * (`--js-flags=--trace-deopt-verbose`, two workers, 15 s) V8 deoptimised it about 1,200 times
 * ("wrong map") at one site, `this.state.activeScope.track.length` read afresh on every pass of
 * its loop (a scope's `track` is an empty small-integer array or an array of tensors), and
 * TurboFan recompiled it about seven times a second per worker, 15-70 ms each, on the browser's
 * background threads: with the walk over the result it inlines, about a third of a 2-core
 * machine while the race's workers waited for a core. Node's older V8 settles after two
 * deopts, so only the browser paid. This version reads the array once and handles the usual
 * results (nothing, a tensor, an array of tensors) without the generic walk.
 *
 * Same behaviour (test/unit/engine-scope.test.ts): every tensor the scope made is freed unless
 * it was kept (`tf.keep`) or returned; returned tensors made in the scope move to the outer one.
 */
import * as tf from "./tf.js";

interface Scope {
  track: tf.Tensor[];
  id: number;
}
interface TrackedTensor extends tf.Tensor {
  kept: boolean;
  scopeId: number;
}
interface EngineInternals {
  state: { activeScope: Scope | null; scopeStack: Scope[] };
  track(t: tf.Tensor): unknown;
  endScope(result?: tf.TensorContainer): void;
}

/** The tensors a tidy returns, each once; the generic walk only for nested containers. */
function returnedTensors(result: tf.TensorContainer | undefined): tf.Tensor[] {
  if (result == null) return [];
  if (result instanceof tf.Tensor) return [result];
  if (Array.isArray(result) && result.every((t) => t instanceof tf.Tensor)) return [...new Set(result as tf.Tensor[])];
  return tf.tensor_util.getTensorsInContainer(result);
}

function disposeTracked(track: tf.Tensor[], returned: Set<number>): void {
  for (let i = 0; i < track.length; i++) {
    const t = track[i] as TrackedTensor;
    if (!t.kept && !returned.has(t.id)) t.dispose();
  }
}

function endScope(this: EngineInternals, result?: tf.TensorContainer): void {
  const returned = returnedTensors(result);
  const ids = new Set<number>();
  for (const t of returned) ids.add(t.id);
  const scope = this.state.activeScope!;
  disposeTracked(scope.track, ids);
  const stack = this.state.scopeStack;
  stack.pop();
  this.state.activeScope = stack.length === 0 ? null : stack[stack.length - 1];
  for (const t of returned as TrackedTensor[]) if (!t.kept && t.scopeId === scope.id) this.track(t);
}

/** Installs the replacement on the engine (once; later calls do nothing). */
export function useLeanEndScope(): void {
  const engine = tf.engine() as unknown as EngineInternals;
  if (engine.endScope !== endScope) engine.endScope = endScope;
}

/** Puts the stock `endScope` back (tests compare the two). */
export function useStockEndScope(): void {
  delete (tf.engine() as unknown as Partial<EngineInternals>).endScope;
}
