// The one gradient check every model's tests use: each parameter's analytic gradient against
// central differences, at the coordinates where it is largest (where a wrong formula shows most).
import assert from "node:assert/strict";
import * as tf from "../../src/components/tf.ts";

export interface GradientCheckOptions {
  /** Central-difference step. In float32, 5e-3 keeps round-off (~1e-7 / 1e-2) far below the
   * tolerance; sharply curved losses (layer norm) need a smaller one. */
  eps?: number;
  /** Coordinates checked per parameter. */
  coordinates?: number;
}

/**
 * Asserts that every parameter in `params` has a non-zero gradient (a parameter the loss ignores
 * is a wiring bug) that matches finite differences within 1e-3 + 3%. Restores every weight and
 * frees the gradients; returns how many coordinates were checked.
 */
export function assertGradientsMatchFiniteDifferences(
  params: Record<string, tf.Variable>,
  lossOf: () => tf.Scalar,
  { eps = 5e-3, coordinates = 3 }: GradientCheckOptions = {},
): number {
  const loss = () => tf.tidy(() => lossOf().arraySync() as number);
  const { grads, value } = tf.variableGrads(lossOf, Object.values(params));
  value.dispose();
  let checked = 0;
  try {
    for (const [name, variable] of Object.entries(params)) {
      const g = grads[variable.name].dataSync();
      const original = variable.dataSync().slice();
      assert.ok(
        g.some((x) => x !== 0),
        `${name} has no gradient`,
      );
      const coords = [...g.keys()].sort((a, b) => Math.abs(g[b]) - Math.abs(g[a])).slice(0, coordinates);
      for (const i of coords) {
        const at = (delta: number) => {
          const w = original.slice();
          w[i] += delta;
          tf.tidy(() => variable.assign(tf.tensor(w, variable.shape)));
          return loss();
        };
        const numeric = (at(eps) - at(-eps)) / (2 * eps);
        tf.tidy(() => variable.assign(tf.tensor(original, variable.shape)));
        const tolerance = 1e-3 + 0.03 * Math.abs(numeric);
        assert.ok(Math.abs(numeric - g[i]) < tolerance, `${name}[${i}]: analytic ${g[i]}, numeric ${numeric}`);
        checked++;
      }
    }
  } finally {
    tf.dispose(Object.values(grads));
  }
  assert.ok(checked >= Object.keys(params).length, "checked every parameter");
  return checked;
}
