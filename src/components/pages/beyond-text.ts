// Sentences the "Beyond translation" page says about its two models, generated from measured
// figures (the snapshot's, then the live run's): nothing here is typed by hand.
import type { BeyondState, ModelFigures } from "./beyond.js";
import { thousands } from "../format.js";

const pct = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? "not yet measured" : `${Math.round(v * 100)}%`;

const whose = (f: ModelFigures<unknown>) =>
  f.live
    ? `After ${thousands(f.evaluatedAt)} steps of live training`
    : `The pretrained model (${thousands(f.evaluatedAt)} steps)`;

/** Exact captions and attention correctness beside their chance and uniform baselines. */
export function captionMetricsText(f: ModelFigures<unknown>): string {
  const m = f.metrics;
  return (
    `${whose(f)} writes ${pct(f.exactMatch)} of held-out captions exactly right (guessing: ${pct(m.chanceExactMatch)}). ` +
    `For words that name a shape or colour, ${pct(m.attentionCorrectness)} of its attention falls on that shape's cells; ` +
    `attention spread evenly would put ${pct(m.uniformBaseline)} there.`
  );
}

/** Answer accuracy and attention on the supporting sentence beside their baselines. */
export function storyMetricsText(f: ModelFigures<unknown>): string {
  const m = f.metrics;
  return (
    `${whose(f)} answers ${pct(f.exactMatch)} of held-out questions right (guessing: ${pct(m.chance)}). ` +
    `It puts ${pct(m.attentionCorrectness)} of its attention on the sentence that holds the answer; ` +
    `attention spread evenly over the sentences would put ${pct(m.uniformBaseline)} there.`
  );
}

/** The status line under the Train buttons. */
export function beyondStatusText(s: BeyondState): string {
  const which = s.training === "story" ? "the story reader" : "the captioner";
  const f = s.training === "story" ? s.story : s.caption;
  switch (s.status) {
    case "pretrained":
      return "Showing the pretrained models. Press a Train button to train one from scratch, here in your browser.";
    case "starting":
      return `Starting: building ${which} and its data…`;
    case "training":
      return `Training ${which}: step ${thousands(f.step)} of ${thousands(s.totalSteps)}, loss ${Number.isFinite(f.loss) ? f.loss.toFixed(3) : "…"}.`;
    case "paused":
      return `Paused ${which} at step ${thousands(f.step)}.`;
    case "done":
      return `Trained ${which} for ${thousands(f.step)} steps: exact ${pct(f.exactMatch)}, attention on target ${pct(f.metrics.attentionCorrectness)}.`;
    case "diverged":
      return `Training ${which} diverged: ${s.reason ?? "the loss stopped being a number"}. Try another seed.`;
    case "error":
      return s.reason ?? "Something went wrong.";
  }
}
