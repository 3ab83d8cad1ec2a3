// Everything the "Beyond translation" page wires up, written once: the one worker client, the
// controls from the spec, the toolbar (train either model, stop, reset), the captioner's small
// multiples with a step walker, "draw your own", and the story highlighted by attention with
// "ask your own". The page (src/beyond.md) displays the parts it narrates.
import type { WorkerSource } from "../worker/client.js";
import { captionAttentionChart, massOnShape, type CaptionPicture } from "../charts/captionAttention.js";
import { storyAttentionChart, type StoryPicture } from "../charts/storyAttention.js";
import { exportButtons } from "../export/download.js";
import type { SavedCaptioner } from "../model/captioner.js";
import type { StoryAnswer, StoryReaderCheckpoint } from "../model/story-reader.js";
import { beyondClient, beyondSpec, type BeyondState } from "../pages/beyond.js";
import type { BeyondCaptionSnapshot, BeyondStorySnapshot } from "../pages/beyond-snapshot.js";
import { beyondStatusText, captionMetricsText, storyMetricsText } from "../pages/beyond-text.js";
import type { Settings } from "../pages/spec.js";
import type { CaptionProbe } from "../train/caption.js";
import { figure } from "./page-figures.js";
import { pageControls } from "./page-controls.js";
import { bindShortcuts, presenterToggle } from "./presenter.js";
import { sceneEditor } from "./scene-editor.js";
import { copyLinkButton } from "./share-link.js";
import { WASM_PATHS } from "./wasm-paths.js";

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className = "", text = "") => {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text) e.textContent = text;
  return e;
};
const button = (text: string, className: string, onClick: () => void) => {
  const b = el("button", className, text);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
};

export function beyondPage(
  snapshots: { caption: BeyondCaptionSnapshot; story: BeyondStorySnapshot },
  /** The pretrained checkpoints, or their files' URLs (FileAttachment(...).href), fetched by the worker. */
  checkpoints: { caption: SavedCaptioner | string; story: StoryReaderCheckpoint | string },
  workerUrl: WorkerSource,
) {
  const client = beyondClient(workerUrl, snapshots, checkpoints, WASM_PATHS);
  const controls = pageControls(beyondSpec);
  const disposers: (() => void)[] = [];
  const config = () => beyondSpec.config(controls.element.value);
  const trainCaption = () => client.start({ model: "caption", config: config().caption });
  const trainStory = () => client.start({ model: "story", config: config().story });
  const reset = () => {
    client.reset();
    controls.reset();
  };
  disposers.push(bindShortcuts({ "play-pause": () => client.toggle(), reset }));

  function toolbar(): HTMLElement {
    const root = el("div", "glimpse-toolbar");
    const buttons = el("div", "glimpse-trainer-buttons");
    const status = el("p", "glimpse-train-status");
    status.setAttribute("role", "status");
    buttons.append(
      button("Train the captioner", "glimpse-play", trainCaption),
      button("Train the story reader", "glimpse-train-story", trainStory),
      button("Pause / resume", "glimpse-pause", () => client.toggle()),
      button("Reset", "glimpse-reset", reset),
    );
    const extras = el("div", "glimpse-toolbar-extras");
    extras.append(presenterToggle(), copyLinkButton());
    root.append(buttons, status, extras);
    disposers.push(
      client.every(300, (s: BeyondState) => {
        status.textContent = beyondStatusText(s);
        status.dataset.status = s.status;
        status.dataset.model = s.training ?? "";
        const f = s[s.training ?? "caption"];
        status.dataset.exactMatch = String(f.exactMatch);
        status.dataset.runId = String(s.runId);
        status.dataset.step = String(f.step);
        status.dataset.loss = Number.isFinite(f.loss) ? String(f.loss) : "";
      }),
    );
    return root;
  }

  /** The held-out scene's caption, one small multiple per word, with a step walker over the words. */
  function captionFigure(): HTMLElement {
    let picture: CaptionPicture = client.state.caption.probe;
    let at = 0;
    const chart = captionAttentionChart(picture);
    const walker = el("div", "glimpse-walker");
    const said = el("p", "glimpse-walker-text");
    said.setAttribute("aria-live", "polite");
    const show = () => {
      at = Math.max(0, Math.min(picture.tokens.length - 1, at));
      chart.update(picture, at);
      const mass = massOnShape(picture, at);
      said.textContent =
        `Word ${at + 1} of ${picture.tokens.length}: "${picture.tokens[at]}"` +
        (mass === undefined ? "." : `, with ${Math.round(mass * 100)}% of its attention on the shape it names.`);
    };
    walker.append(
      button("◀ Previous word", "glimpse-walker-prev", () => (at--, show())),
      button("Next word ▶", "glimpse-walker-next", () => (at++, show())),
      said,
    );
    const f = figure(chart.svg, captionMetricsText(client.state.caption));
    f.classList.add("glimpse-caption-figure");
    const caption = f.querySelector("figcaption")!;
    f.append(
      walker,
      exportButtons(() => chart.svg, "Captioner attention"),
    );
    disposers.push(
      client.watch(
        (s) => s.caption,
        (c) => {
          picture = c.probe;
          caption.textContent = captionMetricsText(c);
          f.dataset.evaluatedAt = String(c.evaluatedAt);
          f.dataset.live = String(c.live);
          show();
        },
      ),
    );
    show();
    return f;
  }

  /** Draw your own: the editor, a Caption button, and the model's caption with its attention. */
  function drawYourOwn(): HTMLElement {
    const probe = snapshots.caption.probe;
    const editor = sceneEditor(probe.scene.shapes, probe.scene.imageSize);
    const root = el("div", "glimpse-try glimpse-draw");
    const result = el("p", "glimpse-try-result");
    result.setAttribute("aria-live", "polite");
    const message = el("p", "glimpse-try-message");
    let chart: ReturnType<typeof captionAttentionChart> | undefined;
    const holder = el("div", "glimpse-draw-chart");
    const ask = async () => {
      message.textContent = "Captioning…";
      try {
        const p = await client.request<CaptionProbe>("caption-scene", editor.scene());
        message.textContent = "";
        result.textContent = `The model says: "${p.words.join(" ")}". The scene's own caption: "${p.target.join(" ")}".`;
        if (chart) chart.update(p);
        else
          holder.append(
            (chart = captionAttentionChart(p, { label: "Where the captioner looked in your picture" })).svg,
          );
      } catch (e) {
        message.textContent = (e as Error).message;
        result.textContent = "";
      }
    };
    root.append(editor.element, button("Caption my picture", "glimpse-caption-mine", ask), message, result, holder);
    return root;
  }

  /** The probe story highlighted by attention, then whatever the reader asks. */
  function storyFigure(): HTMLElement {
    let picture: StoryPicture = client.state.story.probe;
    const chart = storyAttentionChart(picture);
    const f = figure(chart.svg, storyMetricsText(client.state.story));
    f.classList.add("glimpse-story-figure");
    const caption = f.querySelector("figcaption")!;
    const form = el("form", "glimpse-try glimpse-ask");
    const storyBox = el("textarea");
    storyBox.rows = 4;
    storyBox.value = snapshots.story.config.probeStory;
    storyBox.setAttribute("aria-label", "The story (sentences end with a full stop)");
    const question = el("input");
    question.value = snapshots.story.config.probeQuestion;
    question.setAttribute("aria-label", "Your question");
    const result = el("p", "glimpse-try-result");
    result.setAttribute("aria-live", "polite");
    const message = el("p", "glimpse-try-message");
    const storyLabel = el("label", "", "Story ");
    storyLabel.append(storyBox);
    const questionLabel = el("label", "", "Question ");
    questionLabel.append(question);
    const submit = el("button", "", "Ask");
    submit.type = "submit";
    form.append(storyLabel, questionLabel, submit, message, result);
    // The pretrained reader's answer to its own probe is in the snapshot (the same model:
    // test/unit/snapshot-answers.test.ts): asked that, the page answers at once, before the worker
    // has loaded TensorFlow.js (issue 13); any other story or question, or a trained reader, asks it.
    const fromSnapshot = () =>
      !client.state.story.live &&
      storyBox.value === snapshots.story.config.probeStory &&
      question.value === snapshots.story.config.probeQuestion;
    const ask = async () => {
      try {
        const a = fromSnapshot()
          ? snapshots.story.probe
          : await client.request<StoryAnswer>("ask", { story: storyBox.value, question: question.value });
        message.textContent = "";
        picture = a;
        chart.update(a);
        result.textContent =
          `The reader answers "${a.answer}".` + (a.expected ? ` The story's own answer: "${a.expected}".` : "");
      } catch (e) {
        message.textContent = (e as Error).message;
        result.textContent = "";
      }
    };
    form.addEventListener("submit", (e) => (e.preventDefault(), void ask()));
    f.append(
      form,
      exportButtons(() => chart.svg, "Story attention"),
    );
    disposers.push(
      client.watch(
        (s) => s.story,
        (s) => {
          caption.textContent = storyMetricsText(s);
          f.dataset.evaluatedAt = String(s.evaluatedAt);
          f.dataset.live = String(s.live);
          if (s.live) void ask();
          else chart.update((picture = s.probe));
        },
      ),
    );
    return f;
  }

  return {
    client,
    controls,
    toolbar,
    captionFigure,
    drawYourOwn,
    storyFigure,
    /** Called with the controls' value: retrains the captioner when they changed; keeps the URL in step. */
    configure(settings: Settings) {
      client.configure({ model: "caption", config: beyondSpec.config(settings).caption });
      controls.sync(settings);
    },
    dispose() {
      for (const d of disposers) d();
      client.terminate();
    },
  };
}
