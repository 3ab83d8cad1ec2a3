// Play/pause, step and reset buttons plus a status line for a page's live model. The status
// element carries data-status, data-step and data-loss so tests (and curious readers with dev
// tools) can follow training without reading pixels.
import type { TrainingClient } from "../pages/live.js";
import type { TrainerState } from "../state/trainer-state.js";
import { thousands } from "../format.js";

export interface TrainerControlsOptions {
  /** Also put the page's controls back to their defaults (called by Reset). */
  onReset?: () => void;
  /** Shown as a one-click fix when training diverges: retrain with a lower learning rate. */
  onLowerRate?: () => void;
  document?: Document;
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

export function statusText(s: TrainerState): string {
  const figures = Number.isFinite(s.loss) ? `loss ${s.loss.toFixed(3)}, exact match ${pct(s.exactMatch)}` : "";
  switch (s.status) {
    case "pretrained":
      return `Showing the pretrained model (${thousands(s.step)} steps): ${figures}. Press Train to train one from scratch.`;
    case "starting":
      return "Starting: building the model and the data…";
    case "training":
    case "paused":
      return `${s.status === "paused" ? "Paused at" : "Training:"} step ${s.step} of ${s.totalSteps}${figures ? `, ${figures}` : ""}${
        s.stepsPerSecond > 0 ? ` (${s.stepsPerSecond.toFixed(1)} steps/s on ${s.backend})` : ""
      }.`;
    case "done":
      return `Done after ${s.step} steps: ${figures}.`;
    case "diverged":
    case "error":
    case "loaded":
      return s.reason ?? "Training stopped.";
  }
}

export function trainerControls(client: TrainingClient, options: TrainerControlsOptions = {}): HTMLElement {
  const doc = options.document ?? document;
  const root = doc.createElement("div");
  root.className = "glimpse-trainer";
  const buttons = doc.createElement("div");
  buttons.className = "glimpse-trainer-buttons";
  const button = (text: string, onClick: () => void) => {
    const b = doc.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.addEventListener("click", onClick);
    buttons.append(b);
    return b;
  };
  const play = button("Train", () => client.toggle());
  play.className = "glimpse-play";
  const step = button("Step", () => client.step());
  step.title = "Train a few more steps, then pause";
  const reset = button("Reset", () => {
    client.reset();
    options.onReset?.();
  });
  reset.title = "Back to the pretrained model and the default settings";
  const status = doc.createElement("p");
  status.className = "glimpse-train-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  // A diverged run explains itself in the status line and offers the fix in one click.
  const retry = doc.createElement("button");
  retry.type = "button";
  retry.className = "glimpse-lower-rate";
  retry.textContent = "Retrain with a lower learning rate";
  retry.hidden = true;
  retry.addEventListener("click", () => options.onLowerRate?.());
  root.append(buttons, status, retry);

  client.subscribe((s) => {
    const running = client.running;
    play.textContent = running ? "Pause" : s.status === "paused" ? "Resume" : "Train";
    play.setAttribute("aria-pressed", String(running));
    status.dataset.status = s.status;
    status.dataset.step = String(s.step);
    status.dataset.runId = String(s.runId);
    status.dataset.loss = Number.isFinite(s.loss) ? String(s.loss) : "";
    status.dataset.exactMatch = String(s.exactMatch);
    status.classList.toggle("is-problem", s.status === "diverged" || s.status === "error");
    status.textContent = statusText(s);
    retry.hidden = !(s.status === "diverged" && options.onLowerRate);
  });
  return root;
}
