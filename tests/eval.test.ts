// The evaluation on texts the seeds are not part of (tests/fixtures/eval/, gold.yaml): fails below the targets.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { evaluate, type EvalResult } from "./eval/evaluate.ts";
import { evaluateReal, realCorpusAvailable } from "./eval/real.ts";

let r: EvalResult;
before(async () => {
  r = await evaluate();
});

const missesOf = (what: RegExp) => r.misses.filter((m) => what.test(m.what)).map((m) => `${m.file}: ${m.what}`);

test("the evaluation set has at least 60 texts with gold labels", () => {
  assert.ok(r.files >= 60, `${r.files} texts`);
});

test("primary-event accuracy is 100% and no distractor gets an event", () => {
  assert.equal(r.primaryAccuracy.value, 1, missesOf(/primary event/).join("\n"));
  assert.deepEqual(r.distractorsTagged, []);
  for (const [id, m] of Object.entries(r.events)) {
    assert.equal(m.precision.value, 1, `${id} precision`);
    assert.equal(m.recall.value, 1, `${id} recall`);
  }
});

test("actor F1 is at least 0.97", () => {
  assert.ok(r.actors.f1 >= 0.97, missesOf(/^actor/).join("\n"));
});

test("dates are right wherever the text carries one, and never invented", () => {
  assert.equal(r.dateAccuracy.value, 1, missesOf(/^date/).join("\n"));
  assert.equal(r.dateFalse.hit, 0, missesOf(/^date/).join("\n"));
});

test("quote attribution: precision at least 0.95, recall at least 0.85", () => {
  assert.ok(r.quotes.precision.value >= 0.95, `precision ${r.quotes.precision.value}\n${missesOf(/not theirs/).join("\n")}`);
  assert.ok(r.quotes.recall.value >= 0.85, `recall ${r.quotes.recall.value}`);
});

test("titles: every headline is found", () => {
  assert.equal(r.titleAccuracy.value, 1, missesOf(/^title/).join("\n"));
});

test("cleaning keeps every gold sentence and removes every furniture line", () => {
  assert.equal(r.keep.value, 1, missesOf(/lost a sentence/).join("\n"));
  assert.equal(r.sentences.value, 1, missesOf(/lost a sentence/).join("\n"));
  assert.ok(r.sentences.total > 250, `${r.sentences.total} sentences checked`);
  assert.equal(r.drop.value, 1, missesOf(/furniture kept/).join("\n"));
});

// The hand-checked real newspaper articles (tests/fixtures/eval/real.yaml, texts in ../shared/corpus/).
test("real text: at least 40 hand-checked articles; quotes precision ≥ 0.90 and recall ≥ 0.80 (speaker and start); actor precision ≥ 0.98", { skip: !realCorpusAvailable() && "../shared/corpus/ not found" }, () => {
  const real = evaluateReal();
  const misses = (what: RegExp) => real.misses.filter((m) => what.test(m.what)).map((m) => `${m.file}: ${m.what}`).join("\n");
  assert.ok(real.files >= 40, `${real.files} articles`);
  assert.ok(real.quotes.precision.value >= 0.9, `quote precision ${real.quotes.precision.value}\n${misses(/given to|starts wrong/)}`);
  assert.ok(real.quotes.recall.value >= 0.8, `quote recall ${real.quotes.recall.value}\n${misses(/missed/)}`);
  assert.ok(real.actors.precision.value >= 0.98, `actor precision ${real.actors.precision.value}\n${misses(/^actor/)}`);
});
