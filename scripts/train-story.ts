/**
 * `npm run train -- --task story-qa …`: trains the story reader (a memory network) in Node.
 * scripts/train.ts hands over to `trainStoryCli` when --task is story-qa.
 * With --json, one JSON object per evaluation; the last line carries status, exactMatch,
 * attentionCorrectness, uniformBaseline, lastSentenceBaseline and chance at its top level.
 */
import { parseArgs } from "node:util";
import * as tf from "../src/components/tf.ts";
import { SENTENCE_ENCODINGS } from "../src/components/model/memory-network.ts";
import { MAX_STORY_SENTENCES } from "../src/components/tasks/stories.ts";
import {
  DEFAULT_STORY_TRAIN,
  trainStoryReader,
  type StorySnapshot,
  type StoryTrainConfig,
} from "../src/components/train/story-learner.ts";

export const STORY_TASK = "story-qa";

const D = DEFAULT_STORY_TRAIN;
export const STORY_USAGE = `story-qa options, defaults in brackets (--seed, --eval-every, --backend, --json as above;
the reader's own defaults: --steps ${D.steps} --batch ${D.batchSize} --lr ${D.learningRate} --lr-half-life ${D.learningRateHalfLife}):
  --hops N             memory-network hops, 1–3 [${D.hops}]
  --hidden N           embedding (hidden) size d [${D.embeddingSize}]
  --min-sentences N    fewest sentences per story [${D.minSentences}]
  --max-sentences N    most sentences per story (memory slots), up to ${MAX_STORY_SENTENCES} [${D.maxSentences}]
  --encoding KIND      ${SENTENCE_ENCODINGS.join(" | ")}: how a sentence's words are summed [${D.encoding}]
  --no-temporal        drop the learned temporal encoding (the reader then cannot tell old from new)
  --test-size N        held-out questions [${D.testSize}]`;

const STRING_OPTIONS = [
  ...["task", "steps", "seed", "batch", "lr", "lr-half-life", "eval-every", "backend", "hops", "hidden"],
  ...["min-sentences", "max-sentences", "encoding", "test-size"],
];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function line(s: StorySnapshot): string {
  const m = s.metrics ?? {};
  const p = s.probe;
  const probe = p
    ? `  ${p.question.join(" ")}? → ${p.answer} [${p.attention
        .at(-1)!
        .map((a) => a.toFixed(2))
        .join(" ")}]`
    : "";
  return (
    `step ${String(s.step).padStart(5)}  loss ${s.loss.toFixed(4)}  answers ${pct(s.exactMatch)}  ` +
    `on support ${pct(m.attentionCorrectness ?? 0)} (uniform ${pct(m.uniformBaseline ?? 0)})  ` +
    `${s.stepsPerSecond.toFixed(1)} steps/s${probe}`
  );
}

/** Runs the CLI for argv (without node and the script); returns the process exit code. */
export async function trainStoryCli(argv: string[], usage: string): Promise<number> {
  const fail = (message: string): number => {
    console.error(`error: ${message}\n\n${usage}`);
    return 2;
  };
  let args;
  try {
    args = parseArgs({
      args: argv,
      strict: true,
      options: {
        ...Object.fromEntries(STRING_OPTIONS.map((k) => [k, { type: "string" as const }])),
        "no-temporal": { type: "boolean" },
        json: { type: "boolean" },
      },
    }).values as Record<string, string | boolean | undefined>;
  } catch (e) {
    return fail((e as Error).message);
  }
  const num = (flag: string): number | undefined => {
    const v = args[flag];
    if (v === undefined) return undefined;
    const n = Number(v);
    if (typeof v !== "string" || v.trim() === "" || !Number.isFinite(n))
      throw new Error(`--${flag} needs a number (got "${v}")`);
    return n;
  };
  const backend = (args.backend as string | undefined) ?? "wasm";
  if (backend !== "wasm" && backend !== "cpu") return fail(`unknown backend "${backend}" (Node runs wasm or cpu)`);
  let config: Partial<StoryTrainConfig>;
  try {
    const raw: Partial<StoryTrainConfig> = {
      steps: num("steps"),
      seed: num("seed"),
      batchSize: num("batch"),
      learningRate: num("lr"),
      learningRateHalfLife: num("lr-half-life"),
      evalEvery: num("eval-every"),
      hops: num("hops"),
      embeddingSize: num("hidden"),
      minSentences: num("min-sentences"),
      maxSentences: num("max-sentences"),
      testSize: num("test-size"),
      encoding: args.encoding as StoryTrainConfig["encoding"] | undefined,
      temporal: args["no-temporal"] ? false : undefined,
    };
    config = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
    if (config.evalEvery) config.reportEvery = config.evalEvery;
  } catch (e) {
    return fail((e as Error).message);
  }
  if (backend === "wasm") await import("@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.fesm.min.js");
  if (!(await tf.setBackend(backend))) return fail(`backend ${backend} failed to start`);
  await tf.ready();
  try {
    let last: StorySnapshot | undefined;
    for await (const s of trainStoryReader(config)) {
      last = s;
      const m = s.metrics ?? {};
      const top = {
        attentionCorrectness: m.attentionCorrectness,
        uniformBaseline: m.uniformBaseline,
        lastSentenceBaseline: m.lastSentenceBaseline,
        chance: m.chance,
      };
      console.log(args.json ? JSON.stringify({ task: STORY_TASK, ...s, ...top }) : line(s));
    }
    if (last && !args.json) {
      console.log(
        `\n${last.status} after ${last.step} steps in ${(last.elapsedMs / 1000).toFixed(1)} s on ${last.backend}`,
      );
      if (last.reason) console.log(last.reason);
      console.log(`parameters: ${last.parameterCount}; chance ${pct(last.metrics?.chance ?? 0)}`);
      for (const [k, v] of Object.entries(last.metrics ?? {})) console.log(`  ${k}: ${pct(v)}`);
      console.log("answers right by number of sentences:");
      for (const b of last.exactMatchByLength)
        console.log(`  ${String(b.length).padStart(3)}: ${pct(b.accuracy)} of ${b.count}`);
    }
    return last?.status === "diverged" ? 1 : 0;
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 2;
  }
}
