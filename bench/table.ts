/** The printed result: one markdown table of every backend and model, then the footnotes. */
import type { BackendReport, ModelRow, TimeTo99Result } from "./spec.ts";

const HEADER = [
  "where",
  "backend",
  "model",
  "ms/step",
  "kernels/step",
  "ours÷layers kernels",
  "ours÷layers time",
  "GFLOP/s",
  "efficiency (%)",
  "µs/kernel",
];

const fixed = (x: number | undefined, digits: number) =>
  x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(digits);

/** Our "none" is compared with tf.layers without attention, every other kind with its Luong-dot model. */
export function layersCounterpart(rows: ModelRow[], row: ModelRow): ModelRow | undefined {
  if (!row.model.startsWith("ours ")) return undefined;
  const name = row.model === "ours none" ? "layers none" : "layers dot";
  return rows.find((r) => r.model === name && !r.error);
}

function modelCells(report: BackendReport, row: ModelRow): string[] {
  if (row.error) return [`failed: ${row.error}`, "", "", "", "", "", ""];
  const ms = row.msPerStep!;
  const gflops = row.flops !== undefined ? row.flops / (ms / 1000) / 1e9 : undefined;
  const twin = layersCounterpart(report.rows, row);
  return [
    fixed(ms, 1),
    String(row.kernelsPerStep ?? "–"),
    twin ? fixed(row.kernelsPerStep! / twin.kernelsPerStep!, 2) : "",
    twin ? fixed(ms / twin.msPerStep!, 2) : "",
    fixed(gflops, 2),
    report.matmulGflops && gflops !== undefined ? fixed((100 * gflops) / report.matmulGflops, 1) : "–",
    row.kernelsPerStep ? fixed((1000 * ms) / row.kernelsPerStep, 1) : "–",
  ];
}

export function formatTable(reports: BackendReport[]): string {
  const lines = [HEADER, HEADER.map((h, i) => (i < 3 ? "---" : "---:"))];
  for (const report of reports) {
    if (report.error || report.rows.length === 0) {
      lines.push([
        report.where,
        report.backend,
        `not measured: ${report.error ?? "no rows"}`,
        ...HEADER.slice(3).map(() => ""),
      ]);
      continue;
    }
    for (const row of report.rows) lines.push([report.where, report.backend, row.model, ...modelCells(report, row)]);
  }
  return lines.map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}

export function formatFootnotes(reports: BackendReport[]): string[] {
  const notes = [
    "ms/step: median of the timed steps, each ending with a read of its loss. kernels/step: tf.profile of one step (forward, backward, Adam).",
    'ours÷layers: "ours none" against "layers none", every attention kind against "layers dot" (Luong dot after the decoder, as tfjs-examples date-conversion-attention).',
    "GFLOP/s: analytic training FLOPs (bench/flops.ts) ÷ step time. efficiency: that ÷ the 512×512 matmul speed on the same backend in the same process/page.",
  ];
  const sizes = reports.map((r) => r.transformer).find(Boolean);
  if (sizes) {
    notes.push(
      `transformer: d_model ${sizes.modelSize}, ${sizes.heads} heads, ${sizes.layers} encoder + ${sizes.layers} decoder layers, d_ff ${sizes.ffnSize}, ${sizes.norm}-norm, sinusoidal positions (the trainer's defaults), on the same batch; its GFLOP/s uses bench/flops.ts transformerTrainingFlops.`,
    );
  }
  for (const r of reports) {
    if (r.error) continue;
    const details = Object.entries(r.details ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    notes.push(
      `${r.where}/${r.backend}: 512² matmul ${fixed(r.matmulGflops, 2)} GFLOP/s; batch S=${r.sourceLength}, T=${r.targetLength}` +
        (details ? `; ${details}` : ""),
    );
  }
  return notes;
}

export function formatTimeTo99(r: TimeTo99Result, target: number): string {
  const where = `${r.where}/${r.backend}, attention ${r.attention}`;
  if (r.error) return `Time to ${target * 100}% exact match (${where}): failed: ${r.error}`;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  if (r.reached) {
    return (
      `Time to ${target * 100}% exact match (${where}): reached ${pct(r.exactMatch)} at step ${r.step}, ` +
      `${r.seconds.toFixed(1)} s wall (${r.trainSeconds.toFixed(1)} s training, the rest evaluation)`
    );
  }
  return (
    `Time to ${target * 100}% exact match (${where}): not reached (${r.stop}); last evaluation ${pct(r.exactMatch)} ` +
    `exact, ${pct(r.tokenAccuracy)} tokens at step ${r.step} (best ${pct(r.best.exactMatch)} at step ${r.best.step}), after ${r.seconds.toFixed(1)} s wall (${r.trainSeconds.toFixed(1)} s training)`
  );
}
