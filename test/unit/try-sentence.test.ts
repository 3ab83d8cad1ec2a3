// "Try your own sentence" says when an input is longer than anything the model trained on, and
// still shows the model's answer (what happens then is the question for the class).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { trySentence } from "../../src/components/ui/try-sentence.ts";
import { longerThanTrained } from "../../src/components/pages/lesson-text.ts";
import type { Translation } from "../../src/components/model/index.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");

const echo = async (text: string): Promise<Translation> => ({
  source: text,
  sourceTokens: [...text],
  output: text,
  outputTokens: [...text, "</s>"],
});

async function messageFor(value: string): Promise<{ message: string; answered: boolean }> {
  const t = trySentence({
    task: () => "reverse-words",
    translate: echo,
    value,
    note: (s) => longerThanTrained(s, { maxLength: 24 }),
    document: document as unknown as Document,
  });
  await new Promise((r) => setTimeout(r, 10));
  return {
    message: t.element.querySelector(".glimpse-try-message")?.textContent ?? "",
    answered: (t.element.querySelector(".glimpse-try-result")?.childNodes.length ?? 0) > 0,
  };
}

test("a sentence longer than the training inputs gets a warning, and the model still answers", async () => {
  const long = await messageFor("the cat sat on the mat and the dog ran");
  assert.match(long.message, /has 38 characters; the model never saw an input longer than 24/);
  assert.ok(long.answered);
  const short = await messageFor("the cat sat");
  assert.equal(short.message, "");
  assert.ok(short.answered);
});

test("sentenceHeatmaps redraws the same chart while the sentence keeps its length, and draws a new one for another length", async () => {
  const { sentenceHeatmaps } = await import("../../src/components/ui/training-page.ts");
  const draw = sentenceHeatmaps(document as unknown as Document);
  const translation = (w: number, output = "ba", source = "ab"): Translation => ({
    source,
    sourceTokens: [...source],
    output,
    outputTokens: [...output, "</s>"],
    weights: [...output, "</s>"].map(() => [...source].map((_, j) => (j === 0 ? w : (1 - w) / (source.length - 1)))),
  });
  const fills = (svg: SVGSVGElement) => [...svg.querySelectorAll("rect[fill]")].map((r) => r.getAttribute("fill"));
  const first = draw(translation(0.9));
  const before = fills(first);
  const again = draw(translation(0.1));
  assert.equal(again, first, "same tokens: the same element, recoloured");
  assert.notDeepEqual(fills(again), before);
  const longer = draw(translation(0.1, "bb a"));
  assert.equal(longer, first, "another answer: the same element, relabelled");
  assert.deepEqual(
    [...longer.querySelectorAll(".row-label")].map((t) => t.textContent),
    ["b", "b", "␣", "a", "end"],
  );
  assert.notEqual(draw(translation(0.1, "ba", "abc")), first, "a sentence of another length: a new chart");
});

test("a key asks at once; keys typed while the model answers ask once more, with the latest text", async () => {
  const asked: { text: string; answer: () => void }[] = [];
  const t = trySentence({
    task: () => "reverse-words",
    translate: (text) =>
      new Promise<Translation>((resolve) => asked.push({ text, answer: () => void echo(text).then(resolve) })),
    value: "",
    document: document as unknown as Document,
  });
  const input = t.element.querySelector("input") as unknown as HTMLInputElement;
  const type = (value: string) => {
    input.value = value;
    input.dispatchEvent(new (document as unknown as Document).defaultView!.Event("input"));
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  type("a");
  await settle();
  assert.deepEqual(
    asked.map((a) => a.text),
    ["a"],
    "asked without waiting for a pause",
  );
  type("ab");
  type("abc");
  await settle();
  assert.equal(asked.length, 1, "nothing more is asked while a question is in flight");
  asked[0].answer();
  await settle();
  await settle();
  assert.deepEqual(
    asked.map((a) => a.text),
    ["a", "abc"],
    "then once more, with the latest text",
  );
  asked[1].answer();
  await settle();
  await settle();
  assert.match(t.element.querySelector(".glimpse-try-result")?.textContent ?? "", /abc/);
  assert.equal(asked.length, 2);
});
