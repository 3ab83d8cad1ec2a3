// A race small enough for a unit test: three models (soft, hard, dot) on 2-6 character inputs,
// 20 steps, reports every 5 and evaluations every 10.
import type { RaceConfig } from "../../src/components/compare/race.ts";

export const SMALL_RACE: RaceConfig = {
  base: {
    minLength: 2,
    maxLength: 6,
    hiddenSize: 12,
    embeddingSize: 8,
    attentionSize: 8,
    batchSize: 8,
    testSize: 16,
    reportEvery: 5,
    evalEvery: 10,
    probe: "ab cd",
  },
  lanes: [
    { id: "soft", label: "soft", config: { attention: "additive", mode: "soft" } },
    { id: "hard", label: "hard", config: { attention: "additive", mode: "hard", seed: 2 } },
    { id: "dot", label: "dot", config: { attention: "dot" } },
  ],
  steps: 20,
  threshold: 0.95,
};
