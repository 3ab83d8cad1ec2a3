import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeState, defaults, encodeState, type Schema } from "../../src/components/state/url-state.ts";

const schema = {
  hidden: { kind: "int", min: 4, max: 256, default: 32 },
  lr: { kind: "number", min: 0.0001, max: 1, default: 0.01 },
  attention: { kind: "enum", values: ["none", "additive", "dot"], default: "additive" },
  reverse: { kind: "bool", default: false },
  probe: { kind: "text", maxLength: 60, default: "the cat sat on the mat" },
} satisfies Schema;

test("encode then decode gives back every value", () => {
  const values = { hidden: 64, lr: 0.003, attention: "dot", reverse: true, probe: "a <b> & c 😀" };
  const url = encodeState(schema, values);
  const back = decodeState(schema, url);
  assert.deepEqual(back.values, values);
  assert.deepEqual(back.notices, []);
  assert.deepEqual(back.present.sort(), ["attention", "hidden", "lr", "probe", "reverse"]);
});

test("defaults are left out of the link", () => {
  assert.equal(encodeState(schema, defaults(schema)), "");
  assert.equal(encodeState(schema, { ...defaults(schema), hidden: 16 }), "?hidden=16");
});

test("bad values are ignored with a notice and keep their defaults", () => {
  const { values, notices } = decodeState(schema, "?hidden=9999&lr=abc&attention=eval&reverse=maybe&hidden=8");
  assert.deepEqual(values, defaults(schema));
  assert.equal(notices.length, 5);
  assert.match(notices[0], /"hidden": 9999 is outside 4–256/);
  assert.match(notices[1], /"lr": "abc" is not a number/);
  assert.match(notices[2], /"attention": "eval" is not one of/);
  assert.match(notices[4], /second value for "hidden"/);
});

test("hostile parameters are never executed and cannot touch prototypes", () => {
  const { values, notices } = decodeState(
    schema,
    "?__proto__=1&constructor=x&hidden=1e400&lr=Infinity&probe=%3Cscript%3Ealert(1)%3C/script%3E&probe=2",
  );
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.getPrototypeOf(values), Object.prototype);
  assert.equal(values.hidden, 32);
  assert.equal(values.lr, 0.01);
  assert.equal(values.probe, "<script>alert(1)</script>"); // kept as plain text; pages render it as text
  assert.ok(notices.some((n) => /unknown setting "__proto__"/.test(n)));
  assert.ok(notices.some((n) => /unknown setting "constructor"/.test(n)));
});

test("whole numbers, lengths and control characters are checked", () => {
  assert.match(decodeState(schema, "?hidden=32.5").notices[0], /not a whole number/);
  assert.match(decodeState(schema, `?probe=${"a".repeat(61)}`).notices[0], /longer than 60/);
  assert.match(decodeState(schema, "?probe=a%00b").notices[0], /control characters/);
});
