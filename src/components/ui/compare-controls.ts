// Train/Pause, Step and Reset for a page's race, plus a status line. The status element
// carries data-status, data-step, data-run-id and data-exact-match (the weakest model's, once
// every model has been evaluated) so tests can follow training without reading pixels.
// Works on anything shaped like a compare WorkerClient (tests pass a stub).
import type { CompareState } from "../compare/compare-state.js";
import { thousands } from "../format.js";

export interface RaceHandle {
  readonly state: CompareState;
  readonly running: boolean;
  toggle(): void;
  step(): void;
  reset(): void;
  subscribe(listener: (s: CompareState) => void): () => void;
}

/** How the models share the machine: in turn in one worker, or split across several. */
const sharing = (workers: number) =>
  workers > 1 ? `split across ${workers} workers, one per processor core` : "one step of each in turn";

export function compareStatusText(s: CompareState): string {
  const n = s.lanes.length;
  const models = `${n} model${n === 1 ? "" : "s"}`;
  const diverged = s.lanes.filter((l) => l.status === "diverged").length;
  const note = diverged ? ` ${diverged} diverged and stopped.` : "";
  switch (s.status) {
    case "pretrained":
      return `Showing ${models} trained beforehand for ${thousands(s.step)} steps each. Press Train to train them from scratch, side by side.`;
    case "starting":
      return `Starting: building ${models} and the data…`;
    case "training":
    case "paused":
      return `${s.status === "paused" ? "Paused at" : "Training"} step ${s.step} of ${s.totalSteps} (${models}, ${sharing(s.workers ?? 1)}${s.backend ? `, on ${s.backend}` : ""}).${note}`;
    case "done":
      return `Done: ${models} trained for ${s.step} steps each.${note}`;
    case "error":
      return s.reason ?? "Training stopped.";
  }
}

export function compareControls(
  client: RaceHandle,
  options: { onReset?: () => void; document?: Document } = {},
): HTMLElement {
  const doc = options.document ?? document;
  const root = doc.createElement("div");
  root.className = "glimpse-trainer";
  const buttons = doc.createElement("div");
  buttons.className = "glimpse-trainer-buttons";
  const button = (text: string, title: string, onClick: () => void) => {
    const b = doc.createElement("button");
    b.type = "button";
    b.textContent = text;
    b.title = title;
    b.addEventListener("click", onClick);
    buttons.append(b);
    return b;
  };
  const play = button("Train", "Train or pause (space)", () => client.toggle());
  play.className = "glimpse-play";
  button("Step", "Train a few more steps, then pause (→)", () => client.step());
  button("Reset", "Back to the pretrained models and the default settings (r)", () => {
    client.reset();
    options.onReset?.();
  });
  const status = doc.createElement("p");
  status.className = "glimpse-train-status";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  root.append(buttons, status);
  let lastText = "";
  client.subscribe((s) => {
    const running = client.running;
    play.textContent = running ? "Pause" : s.status === "paused" ? "Resume" : "Train";
    play.setAttribute("aria-pressed", String(running));
    status.dataset.status = s.status;
    status.dataset.step = String(s.step);
    status.dataset.runId = String(s.runId);
    // The mean loss of the models still training: one number a test can watch fall.
    const losses = s.lanes.filter((l) => l.status !== "diverged" && Number.isFinite(l.loss)).map((l) => l.loss);
    status.dataset.loss = losses.length ? String(losses.reduce((a, b) => a + b, 0) / losses.length) : "";
    // The race's exact match is its weakest model's (the verdict waits for every one).
    // A diverged model has stopped and does not hold the others back.
    const racing = s.lanes.filter((l) => l.status !== "diverged");
    if (racing.length > 0 && racing.every((l) => l.evaluatedAt > 0)) {
      status.dataset.exactMatch = String(Math.min(...racing.map((l) => l.exactMatch)));
    } else delete status.dataset.exactMatch;
    status.classList.toggle("is-problem", s.status === "error");
    // Screen readers hear a change only every 50 steps, not every report.
    const text = compareStatusText({ ...s, step: s.status === "training" ? Math.floor(s.step / 50) * 50 : s.step });
    if (text !== lastText) status.textContent = lastText = text;
  });
  return root;
}
