// The lesson tells the truth: every figure docs/teaching.md quotes about a model is checked here
// against the snapshot it describes, and a figure no check covers fails the census. Regenerate a
// snapshot with another seed and this test names the sentence to rewrite.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import type { PageSnapshot } from "../../src/components/state/page-snapshot.ts";
import type { CompareSnapshot } from "../../src/components/compare/compare-state.ts";
import type { CostSnapshot } from "../../src/components/cost/cost-figures.ts";
import { attentionShare } from "../../src/components/cost/cost-figures.ts";
import { SCORE_LABELS } from "../../src/components/compare/compare-configs.ts";
import { compareShares } from "../../src/components/compare/findings.ts";
import { ATTENTION_DEFAULTS } from "../../src/components/pages/page-configs.ts";
import {
  encoderLesson,
  lengthContrast,
  lengthFacts,
  longerThanTrained,
  mergeFacts,
  translationLessonText,
} from "../../src/components/pages/lesson-text.ts";
import { alignSentence, reorders, translateText } from "../../src/components/tasks/translate.ts";

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf-8");
const json = <T>(name: string): T => JSON.parse(read(`src/data/${name}.json`));
const bottleneck = json<PageSnapshot>("bottleneck-snapshot");
const attention = json<PageSnapshot>("attention-snapshot");
const softHard = json<CompareSnapshot>("soft-vs-hard-snapshot");
const scoring = json<CompareSnapshot>("scoring-snapshot");
const cost = json<CostSnapshot>("cost-snapshot");

const pct = (x: number) => Math.round(x * 100);
const num = (s: string) => Number(s.replace(/,/g, ""));
/** Markdown soft-wraps sentences: match across line breaks and list indentation. */
const flat = (text: string) => text.replace(/\s*\n\s*/g, " ");

interface Claim {
  name: string;
  pattern: RegExp;
  check(m: RegExpMatchArray): void;
}

const CLAIMS: Claim[] = [
  {
    name: "bottleneck overall",
    pattern: /without attention \(([\d,]+) training steps\) reverses only about (\d+)% of held-out sentences exactly/,
    check: (m) => {
      assert.equal(num(m[1]), bottleneck.step);
      assert.equal(num(m[2]), pct(bottleneck.exactMatch));
    },
  },
  {
    name: "bottleneck by length",
    pattern: /about (\d+)% of (\d+)-character inputs right, none from (\d+) characters on/,
    check: (m) => {
      const f = lengthFacts(bottleneck.exactMatchByLength);
      assert.equal(num(m[1]), pct(f.shortest.accuracy));
      assert.equal(num(m[2]), f.shortest.length);
      assert.equal(num(m[3]), f.zeroFrom);
    },
  },
  {
    name: "attention overall and by length",
    pattern:
      /with attention: about (\d+)% exact overall after ([\d,]+) steps, between (\d+)% \(at (\d+) characters\) and (\d+)% at every length/,
    check: (m) => {
      const f = lengthFacts(attention.exactMatchByLength);
      assert.equal(num(m[1]), pct(attention.exactMatch));
      assert.equal(num(m[2]), attention.step);
      assert.equal(num(m[3]), pct(f.worst.accuracy));
      assert.equal(num(m[4]), f.worst.length);
      assert.equal(num(m[5]), pct(f.best.accuracy));
    },
  },
  {
    name: "the one-letter shift",
    pattern:
      /peaks on the letter being copied for (\d+) of (\d+) letters; .{0,80}?one-way encoder, (\d+) of (\d+) peak one position to the right/,
    check: (m) => {
      const l = encoderLesson(attention);
      assert.ok(l);
      assert.deepEqual([m[1], m[2], m[3], m[4]].map(num), [
        l.both.onCopied,
        l.both.letters,
        l.oneWay.oneLate,
        l.oneWay.letters,
      ]);
    },
  },
  {
    name: "soft vs hard",
    pattern: /after ([\d,]+) steps, soft attention reaches (\d+)–(\d+)% exact match, hard attention (\d+)–(\d+)%/,
    check: (m) => {
      const range = (mode: string) => {
        const xs = softHard.final.lanes.filter((l) => l.id.startsWith(mode)).map((l) => pct(l.exactMatch));
        return [Math.min(...xs), Math.max(...xs)];
      };
      assert.equal(num(m[1]), softHard.final.step);
      assert.deepEqual([num(m[2]), num(m[3])], range("soft"));
      assert.deepEqual([num(m[4]), num(m[5])], range("hard"));
    },
  },
  {
    name: "scoring race",
    pattern: /In the committed run \(([\d,]+) steps\): ([^.]+)\./,
    check: (m) => {
      assert.equal(num(m[1]), scoring.final.step);
      const stated = m[2].split(/, | and /).map((part) => part.trim());
      assert.equal(stated.length, scoring.final.lanes.length, `every lane named once: ${m[2]}`);
      for (const lane of scoring.final.lanes) {
        const name = SCORE_LABELS[lane.id as keyof typeof SCORE_LABELS].replace(/ \(.*\)$/, "");
        assert.ok(
          stated.includes(`${name} ${pct(lane.exactMatch)}%`),
          `"${name} ${pct(lane.exactMatch)}%" in "${m[2]}"`,
        );
      }
    },
  },
  {
    name: "the first live picture",
    pattern: /its first picture appears after (\d+) steps/,
    check: (m) => assert.equal(num(m[1]), ATTENTION_DEFAULTS.evalEvery),
  },
  {
    name: "exit question on ties: dot and concat of the scoring run, which the rule calls about the same",
    pattern: /two models got (\d+)% and (\d+)% on (\d+) sentences\. Is one better\?/,
    check: (m) => {
      const lane = (id: string) => scoring.final.lanes.find((l) => l.id === id)!;
      assert.deepEqual([num(m[1]), num(m[2])], [pct(lane("dot").exactMatch), pct(lane("concat").exactMatch)]);
      assert.equal(num(m[3]), scoring.race.base.testSize);
      assert.equal(
        compareShares([lane("dot").exactMatch], [lane("concat").exactMatch], num(m[3])).verdict,
        "about the same",
      );
    },
  },
  {
    name: "cost: attention's share of a step",
    pattern: /attention added (\d+)% to a training step at (\d+) characters/,
    check: (m) => {
      const sentence = attentionShare(cost.points);
      assert.match(sentence, new RegExp(`At ${m[2]} characters .*\\(${m[1]}% of it\\)`));
    },
  },
  {
    name: "cost: n × m scores",
    pattern: /computes \$n \\times m\$ scores: ([\d,]+) for a (\d+)-character sentence/,
    check: (m) => assert.equal(num(m[1]), num(m[2]) * num(m[2])),
  },
];

describe("docs/teaching.md quotes the snapshots truthfully", () => {
  const doc = flat(read("docs/teaching.md"));
  const covered: [number, number][] = [];
  for (const claim of CLAIMS) {
    it(`${claim.name}: the sentence is there and its numbers are the snapshot's`, () => {
      const m = doc.match(claim.pattern);
      assert.ok(m && m.index !== undefined, `teaching.md no longer says ${claim.pattern}`);
      claim.check(m);
      covered.push([m.index, m.index + m[0].length]);
    });
  }
  it("census: every percentage and step count in teaching.md is inside a checked sentence", () => {
    const loose: string[] = [];
    for (const m of doc.matchAll(/\d[\d,]*(\.\d+)?%|\b[\d,]+ (training )?steps\b/g)) {
      const at = m.index ?? 0;
      if (!covered.some(([a, b]) => at >= a && at < b)) loose.push(`"${doc.slice(Math.max(0, at - 40), at + 20)}"`);
    }
    assert.deepEqual(loose, [], "figures no test checks");
  });
});

describe("page prose bound to the snapshots", () => {
  it("the attention page's length sentence is rendered from the snapshot, and says what it shows", () => {
    const page = read("src/attention.md");
    assert.match(page, /\$\{lengthContrast\(snapshot\.comparison\)\}/);
    assert.doesNotMatch(page, /length hardly matters/);
    const text = lengthContrast(attention.comparison);
    const worst = lengthFacts(attention.comparison.attention).worst;
    if (worst.accuracy < 0.95)
      assert.match(text, new RegExp(`between ${pct(worst.accuracy)}% \\(at ${worst.length} characters\\)`));
  });

  it("the toy translation probe the attention page names is what the grammar says", () => {
    const page = flat(read("src/attention.md"));
    const m = page.match(/The probe "([a-z ]+)" should become "([a-z ]+)"/);
    assert.ok(m);
    assert.equal(translateText(m[1]), m[2]);
  });

  it("the toy-translation picture is a snapshot's: its probe reorders and merges, and the caption's shares are its weights'", () => {
    const t = attention.translation;
    assert.ok(t?.probe.weights, "attention-snapshot.json has a translation picture (npm run snapshots)");
    assert.equal(t.config.task, "translate");
    assert.equal(t.step, attention.step, "same budget as the page's model");
    const pair = alignSentence(t.probe.source);
    assert.ok(pair && reorders(pair.alignment), "the probe is a sentence of the grammar that reorders");
    const facts = mergeFacts(t.probe);
    assert.deepEqual(
      facts.map((f) => f.merge),
      ["the sun → sol"],
    );
    const caption = translationLessonText(t);
    for (const s of facts[0].shares)
      assert.match(caption, new RegExp(`${pct(s.share)}% of its attention on “${s.word}”`));
    assert.match(caption, new RegExp(`\\(${pct(t.exactMatch)}% of held-out sentences exactly right\\)`));
  });

  it("mergeFacts measures each merged word's attention on the words that make it", () => {
    const source = "the big dog sees the sun";
    const output = "lo hun gro sol vid";
    const sourceTokens = [...source];
    const outputTokens = [...output, "</s>"];
    // Every row looks at "sun" (chars 21-23) except the rows of "sol" (output chars 11-13):
    // a quarter on "the" (17-19), three quarters on "sun".
    const weights = outputTokens.map((_, i) =>
      sourceTokens.map((_, j) =>
        i >= 11 && i <= 13 ? (j >= 17 && j <= 19 ? 0.25 / 3 : j >= 21 ? 0.75 / 3 : 0) : j === 21 ? 1 : 0,
      ),
    );
    const [fact] = mergeFacts({ source, sourceTokens, output, outputTokens, weights } as never);
    assert.equal(fact.merge, "the sun → sol");
    assert.equal(fact.right, true);
    assert.deepEqual(
      fact.shares.map((s) => [s.word, Math.round(s.share * 100)]),
      [
        ["the", 25],
        ["sun", 75],
      ],
    );
    assert.deepEqual(
      mergeFacts({ source: "the cat sat", sourceTokens: [], output: "", outputTokens: [], weights: [] } as never),
      [],
    );
  });

  it("one notation: weights and scores are written α_{t,j}, e_{t,j} on every page", () => {
    for (const page of ["index", "bottleneck", "attention", "soft-vs-hard", "scoring", "cost"]) {
      const text = read(`src/${page}.md`);
      assert.doesNotMatch(text, /(alpha|e)_\{t[jk1n]\}/, `${page}.md`);
      for (const m of text.matchAll(/\\tilde h/g)) {
        assert.match(
          text.slice(Math.max(0, (m.index ?? 0) - 80), (m.index ?? 0) + 20),
          /Luong et al\. write/,
          `${page}.md: h̃ only where Luong's notation is quoted`,
        );
      }
    }
  });

  it("'try your own' warns when the input is longer than anything the model trained on", () => {
    assert.equal(longerThanTrained("the cat sat", { maxLength: 24 }), undefined);
    assert.match(
      longerThanTrained("a".repeat(30), { maxLength: 24 }) ?? "",
      /30 characters; the model never saw an input longer than 24/,
    );
  });
});
