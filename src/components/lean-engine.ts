/**
 * Two methods of the TensorFlow.js engine (4.22) rewritten so that the browser's V8 keeps them
 * optimised: `endScope`, which ends every `tf.tidy`, and `gradients`, behind `tf.variableGrads`.
 *
 * Why: in Chromium 156, profiled on the soft-vs-hard race (`--js-flags=--trace-deopt-verbose`,
 * two workers, 15 s), V8 deoptimised the stock versions over and over ("wrong map") and
 * recompiled them on the browser's background threads, 15-70 ms a time: those threads then used
 * about a third of a 2-core machine while the race's workers waited for a core. The sites:
 *  - endScope's loop re-read `this.state.activeScope.track` for each tensor: about 1,200
 *    deoptimisations. This version reads the array once and handles the usual results
 *    (nothing, a tensor, an array of tensors) without the generic container walk.
 *  - gradients' tape filter and backprop (tape.ts) keep their sets of tensor ids in plain
 *    objects indexed by ids in the millions: about 350. This version uses Set and Map, and
 *    reads each tape node's inputs with Object.values/entries, not for-in: every kernel names
 *    its inputs differently, and a keyed load inside for-in was deoptimised at each new shape.
 * Node's older V8 settles after a deopt or two, so only the browser paid.
 *
 * Same behaviour, step for step (test/unit/lean-engine.test.ts compares each with the stock
 * one): a tidy frees what it made unless kept or returned and hands returned tensors to the
 * outer scope; gradients walk the same tape in the same order, so they are equal bit for bit.
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
type InputGradients = Record<string, () => tf.Tensor>;
interface TapeNode {
  id: number;
  kernelName: string;
  inputs: Record<string, tf.Tensor>;
  outputs: tf.Tensor[];
  saved: tf.Tensor[];
  gradient?: (dys: (tf.Tensor | null)[]) => InputGradients;
}
interface EngineInternals {
  state: { activeScope: Scope | null; scopeStack: Scope[]; activeTape: TapeNode[] | null; gradientDepth: number };
  track(t: tf.Tensor): unknown;
  tidy<T extends tf.TensorContainer>(nameOrFn: string | (() => T), fn?: () => T): T;
  scopedRun<T>(start: () => void, end: () => void, f: () => T): T;
  startTape(): void;
  endTape(): void;
  makeTensor(values: Float32Array, shape: number[], dtype: "float32"): tf.Tensor;
  runKernel(name: string, inputs: Record<string, tf.Tensor>): tf.Tensor;
  endScope(result?: tf.TensorContainer): void;
  gradients(f: () => tf.Tensor, xs: tf.Tensor[], dy?: tf.Tensor, allowNoGradients?: boolean): unknown;
}

// ---- endScope ----

/** The tensors a tidy returns, each once; the generic walk only for other containers. */
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

// ---- gradients (tfjs-core engine.ts and tape.ts) ----

/** The tape's nodes on a path from some x to y, each keeping only the inputs that depend on an x. */
function nodesFromXToY(tape: TapeNode[], xs: tf.Tensor[], y: tf.Tensor): TapeNode[] {
  const fromX = new Set(xs.map((x) => x.id));
  const nodesFromX = new Set<number>();
  for (const node of tape) {
    for (const input of Object.values(node.inputs)) {
      if (fromX.has(input.id)) {
        for (const o of node.outputs) fromX.add(o.id);
        nodesFromX.add(node.id);
        break;
      }
    }
  }
  const toY = new Set([y.id]);
  const nodesToY = new Set<number>();
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i];
    if (!node.outputs.some((o) => toY.has(o.id))) continue;
    for (const input of Object.values(node.inputs)) {
      toY.add(input.id);
      nodesToY.add(node.id);
    }
  }
  const filtered: TapeNode[] = [];
  for (const node of tape) {
    if (!nodesFromX.has(node.id) || !nodesToY.has(node.id)) continue;
    const inputs: Record<string, tf.Tensor> = {};
    for (const [name, input] of Object.entries(node.inputs)) if (fromX.has(input.id)) inputs[name] = input;
    filtered.push({ ...node, inputs, outputs: node.outputs });
  }
  return filtered;
}

/** Walks the filtered tape backwards, summing each input's gradient into `grads` (by tensor id). */
function backpropagate(engine: EngineInternals, grads: Map<number, tf.Tensor>, tape: TapeNode[]): void {
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i];
    const dys = node.outputs.map((o) => grads.get(o.id) ?? null);
    if (node.gradient == null) {
      throw new Error(`Cannot compute gradient: gradient function not found for ${node.kernelName}.`);
    }
    const inputGradients = node.gradient(dys);
    for (const [name, x] of Object.entries(node.inputs)) {
      if (!(name in inputGradients)) {
        throw new Error(
          `Cannot backprop through input ${name}. Available gradients found: ${Object.keys(inputGradients)}.`,
        );
      }
      const dx = engine.tidy(() => inputGradients[name]());
      if (dx.dtype !== "float32") {
        throw new Error(
          `Error in gradient for op ${node.kernelName}. The gradient of input ${name} must have 'float32' dtype, but has '${dx.dtype}'`,
        );
      }
      if (!tf.util.arraysEqual(dx.shape, x.shape)) {
        throw new Error(
          `Error in gradient for op ${node.kernelName}. The gradient of input '${name}' has shape '${dx.shape}', which does not match the shape of the input '${x.shape}'`,
        );
      }
      const sum = grads.get(x.id);
      if (sum == null) grads.set(x.id, dx);
      else {
        grads.set(x.id, engine.runKernel("Add", { a: sum, b: dx }));
        sum.dispose();
      }
    }
  }
}

function gradients(
  this: EngineInternals,
  f: () => tf.Tensor,
  xs: tf.Tensor[],
  dy?: tf.Tensor,
  allowNoGradients = false,
): { value: tf.Tensor; grads: (tf.Tensor | undefined)[] } {
  if (xs.length === 0) throw new Error("gradients() received an empty list of xs.");
  if (dy != null && dy.dtype !== "float32") throw new Error(`dy must have 'float32' dtype, but has '${dy.dtype}'`);
  const y = this.scopedRun(
    () => this.startTape(),
    () => this.endTape(),
    () => this.tidy("forward", f),
  );
  if (!(y instanceof tf.Tensor)) throw new Error("The result y returned by f() must be a tensor.");
  const tape = nodesFromXToY(this.state.activeTape!, xs, y);
  if (!allowNoGradients && tape.length === 0 && xs.length > 0) {
    throw new Error(
      "Cannot compute gradient of y=f(x) with respect to x. Make sure that the f you passed encloses all operations that lead from x to y.",
    );
  }
  return this.tidy("backward", () => {
    const grads = new Map<number, tf.Tensor>();
    grads.set(y.id, dy ?? this.makeTensor(new Float32Array(y.size).fill(1), y.shape, "float32"));
    backpropagate(this, grads, tape);
    const out = xs.map((x) => grads.get(x.id));
    if (this.state.gradientDepth === 0) {
      // Not inside another gradient: the tape and the tensors it saved are done with.
      for (const node of this.state.activeTape!) for (const t of node.saved) t.dispose();
      this.state.activeTape = null;
    }
    return { value: y, grads: out } as unknown as tf.TensorContainer;
  }) as unknown as { value: tf.Tensor; grads: (tf.Tensor | undefined)[] };
}

/** Installs both on the engine (once; later calls do nothing). */
export function useLeanEngine(): void {
  const engine = tf.engine() as unknown as EngineInternals;
  if (engine.endScope !== endScope) engine.endScope = endScope;
  if (engine.gradients !== gradients) engine.gradients = gradients;
}

/** Puts the stock methods back (the tests compare the two). */
export function useStockEngine(): void {
  const engine = tf.engine() as unknown as Partial<EngineInternals>;
  delete engine.endScope;
  delete engine.gradients;
}
