/**
 * The honest costs per layer, recurrent attention model against the Transformer (D2L §11.6's
 * comparison of CNNs, RNNs and self-attention, measured here instead of quoted): how many scores
 * attention computes, how many sequential steps encoding takes, the longest path between two
 * positions, and how many steps greedy decoding takes. Plain data in, table rows and sentences
 * out, every number taken from the figures given. DOM-free.
 */
import { kernelsPerPosition, type KernelCount } from "./kernel-counts.js";

export interface ModelCostFigures {
  /** e.g. "GRU + additive attention", "Transformer". */
  name: string;
  /** Attention scores one head of one layer computed over the probe's source (counted from its map). */
  sourceScores: number;
  /** One encoder pass's kernel launches at several source lengths (kernel-growth.ts). */
  encoderKernels: KernelCount[];
  /** Decoder steps greedy decoding took for the probe. */
  decodeSteps: number;
  /** Output tokens it produced (characters and the end marker). */
  outputs: number;
}

export interface CostFigures {
  /** The probe's source length n. */
  sourceLength: number;
  recurrent: ModelCostFigures;
  transformer: ModelCostFigures;
}

export interface CostRow {
  /** What is counted. */
  cost: string;
  recurrent: number;
  transformer: number;
  /** The textbook orders, for a caption: e.g. "n vs 1". */
  order: string;
}

/** Sequential encoder steps: the positions a recurrence walks through, 1 when kernels do not grow with n. */
export function sequentialSteps(m: ModelCostFigures, n: number): number {
  return kernelsPerPosition(m.encoderKernels) > 0 ? n : 1;
}

/** Longest path between two positions: n − 1 recurrent steps from the first to the last; one attention hop otherwise. */
export function longestPath(m: ModelCostFigures, n: number): number {
  return sequentialSteps(m, n) > 1 ? n - 1 : 1;
}

export function costRows(f: CostFigures): CostRow[] {
  const n = f.sourceLength;
  const { recurrent: r, transformer: t } = f;
  return [
    {
      cost: "attention scores over the source, per head and layer",
      recurrent: r.sourceScores,
      transformer: t.sourceScores,
      order: "n·m vs n²",
    },
    {
      cost: "sequential steps to encode",
      recurrent: sequentialSteps(r, n),
      transformer: sequentialSteps(t, n),
      order: "n vs 1",
    },
    {
      cost: "longest path between two source positions",
      recurrent: longestPath(r, n),
      transformer: longestPath(t, n),
      order: "n vs 1",
    },
    { cost: "greedy decoding steps", recurrent: r.decodeSteps, transformer: t.decodeSteps, order: "m vs m" },
  ];
}

const plural = (k: number, word: string) => `${k} ${word}${k === 1 ? "" : "s"}`;

/** One sentence per row, then the verdict on "the Transformer removed attention's time cost". */
export function costSentences(f: CostFigures): string[] {
  const n = f.sourceLength;
  const { recurrent: r, transformer: t } = f;
  const [scores, steps, path, decoding] = costRows(f);
  const growth = (m: ModelCostFigures) => {
    const k = kernelsPerPosition(m.encoderKernels);
    const lengths = m.encoderKernels.map((c) => c.length).sort((a, b) => a - b);
    const span = `from ${lengths[0]} to ${lengths[lengths.length - 1]} characters`;
    return k > 0
      ? `its kernel count grew by ${+k.toFixed(1)} per character ${span}`
      : `its kernel count stayed the same ${span}`;
  };
  const sentences = [
    `For this ${n}-character sentence, each Transformer head computed ${scores.transformer} scores in each encoder layer (n² = ${n}²), ` +
      `where the GRU's attention computed ${scores.recurrent} (n × m, one row per output).`,
    `Encoding took the ${r.name} ${plural(steps.recurrent, "sequential step")} (${growth(r)}) and the ${t.name} ${plural(steps.transformer, "step")} (${growth(t)}).`,
    `Information from the first character reaches the last through ${plural(path.recurrent, "recurrent step")} in the ${r.name}, through ${plural(path.transformer, "attention hop")} in each Transformer layer.`,
    `Greedy decoding still takes one step per output: ${decoding.recurrent} for ${plural(r.outputs, "output")} in the ${r.name}, ${decoding.transformer} for ${plural(t.outputs, "output")} in the ${t.name}.`,
  ];
  const removedSequential = steps.transformer < steps.recurrent;
  const keptQuadratic = scores.transformer >= n * n;
  const decodingSequential = decoding.transformer >= t.outputs;
  sentences.push(
    `So the claim that the Transformer removed attention's time cost holds only in part: ` +
      (removedSequential
        ? `the sequential steps of training and encoding go, `
        : `the sequential steps did not go here, `) +
      (keptQuadratic ? `the n² scores remain, ` : `the scores did not grow as n², `) +
      (decodingSequential
        ? `and greedy decoding is still one step per output.`
        : `and decoding took fewer steps than outputs.`),
  );
  return sentences;
}
