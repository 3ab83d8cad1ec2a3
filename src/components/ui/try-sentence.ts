// "Try your own sentence": a labelled text box, the model's answer beside the expected one,
// and a plain message for anything the model cannot read (odd characters, too long, empty).
import { outputComparison } from "../charts/outputComparison.js";
import type { Translation } from "../model/index.js";
import type { TaskName } from "../tasks/index.js";
import { checkSentence } from "./sentence.js";

export interface TrySentenceOptions {
  task: () => TaskName;
  translate: (text: string) => Promise<Translation>;
  /** Draws extra pictures for a translation (the attention page's heatmap); null clears them. */
  extra?: (t: Translation | null) => Node | null;
  value?: string;
  /** A note shown above the answer when the sentence is valid but unusual (e.g. lesson-text.ts's
   * longerThanTrained: longer than anything the model was trained on). The model still answers. */
  note?: (text: string) => string | undefined;
  document?: Document;
}

export interface TrySentence {
  element: HTMLElement;
  /** Asks the model again (it may have changed). */
  refresh(): void;
}

export function trySentence(options: TrySentenceOptions): TrySentence {
  const doc = options.document ?? document;
  const element = doc.createElement("div");
  element.className = "glimpse-try";
  const id = `try-${Math.random().toString(36).slice(2, 8)}`;
  const label = doc.createElement("label");
  label.htmlFor = id;
  label.textContent = "Your sentence";
  const input = doc.createElement("input");
  input.id = id;
  input.type = "text";
  input.value = options.value ?? "";
  input.autocomplete = "off";
  input.spellcheck = false;
  const message = doc.createElement("p");
  message.className = "glimpse-try-message";
  message.setAttribute("role", "status");
  message.setAttribute("aria-live", "polite");
  const result = doc.createElement("div");
  result.className = "glimpse-try-result";
  const extra = doc.createElement("div");
  element.append(label, input, message, result, extra);

  let ticket = 0;
  const show = (text: string) => {
    message.textContent = text;
    message.dataset.message = text ? "true" : "false";
  };
  async function run(): Promise<void> {
    const mine = ++ticket;
    const check = checkSentence(input.value, options.task());
    if (!check.ok) {
      show(check.message);
      result.replaceChildren();
      extra.replaceChildren();
      return;
    }
    try {
      const t = await options.translate(check.text);
      if (mine !== ticket) return; // a newer request is on its way
      const notes = [
        options.note?.(check.text),
        check.expected === undefined
          ? "This sentence is outside the task's grammar, so there is no expected answer."
          : undefined,
      ].filter((n): n is string => Boolean(n));
      show(notes.join(" "));
      result.replaceChildren(outputComparison(check.expected ?? "", t.output, { document: doc }));
      const more = options.extra?.(t);
      // A picture recoloured in place is already shown: moving it again would re-lay it out.
      if (!(more && extra.childNodes.length === 1 && extra.firstChild === more)) {
        extra.replaceChildren(...(more ? [more] : []));
      }
    } catch (e) {
      if (mine !== ticket) return;
      show(e instanceof Error ? e.message : String(e));
      result.replaceChildren();
      extra.replaceChildren();
    }
  }
  // A key asks at once when no question is in flight; keys typed meanwhile ask once more, with
  // the latest text, when it returns. The answer comes as soon as the model can give it (no
  // pause to wait out), and a fast typist never queues one question per key behind a training run.
  let asking = false;
  let again = false;
  async function ask(): Promise<void> {
    if (asking) {
      again = true;
      return;
    }
    asking = true;
    try {
      await run();
    } finally {
      asking = false;
    }
    if (again) {
      again = false;
      void ask();
    }
  }
  input.addEventListener("input", () => void ask());
  void ask();
  return { element, refresh: () => void ask() };
}
