// npm run eval: prints the evaluation and every miss with its file.
// npm run eval -- --search: the search's query set instead (searchReport below).
import { evaluate } from "./evaluate.ts";
import { evaluateReal, realCorpusAvailable } from "./real.ts";
import { evaluateSearch } from "../search-set.ts";

/** Precision and recall of every query of the search's query set (tests/search-set.ts), and over the set. */
async function searchReport(): Promise<void> {
  const r = await evaluateSearch();
  console.log(`Search: ${r.scores.length} queries over the articles of tests/search-set.ts\n`);
  for (const s of r.scores) {
    const flag = s.precision < 1 || s.recall < 1 || s.wrong.length ? "  <-" : "";
    console.log(`${s.q.query.padEnd(22)} precision ${s.precision.toFixed(2)}  recall ${s.recall.toFixed(2)}  found ${s.found.length}${s.wrong.length ? `  wrongly: ${s.wrong.join(", ")}` : ""}  (${s.q.case})${flag}`);
  }
  console.log(`\nover the set                 precision ${r.precision.toFixed(3)}  recall ${r.recall.toFixed(3)}`);
}

if (process.argv.includes("--search")) {
  await searchReport();
  process.exit(0);
}

const r = await evaluate();
const pct = (x: { value: number; hit: number; total: number }) => `${(x.value * 100).toFixed(1)}% (${x.hit}/${x.total})`;
console.log(`Evaluation on ${r.files} texts in tests/fixtures/eval/\n`);
for (const [id, m] of Object.entries(r.events)) console.log(`event ${id.padEnd(24)} precision ${pct(m.precision)}  recall ${pct(m.recall)}`);
console.log(`primary-event accuracy         ${pct(r.primaryAccuracy)}`);
console.log(`distractors given an event     ${r.distractorsTagged.length}${r.distractorsTagged.length ? ` (${r.distractorsTagged.join(", ")})` : ""}`);
console.log(`actors                         precision ${pct(r.actors.precision)}  recall ${pct(r.actors.recall)}  F1 ${r.actors.f1.toFixed(3)}`);
console.log(`date accuracy (dated texts)    ${pct(r.dateAccuracy)}`);
console.log(`dates invented (undated texts) ${pct(r.dateFalse)}`);
console.log(`quote attribution              precision ${pct(r.quotes.precision)}  recall ${pct(r.quotes.recall)}`);
console.log(`title accuracy (headlines)     ${pct(r.titleAccuracy)}`);
console.log(`cleaning kept gold sentences   ${pct(r.keep)}`);
console.log(`cleaning kept every sentence   ${pct(r.sentences)}`);
console.log(`cleaning removed furniture     ${pct(r.drop)}`);

const real = realCorpusAvailable() ? evaluateReal() : null;
if (real) {
  console.log(`\nEvaluation on ${real.files} real articles of ../shared/corpus/, hand-checked in tests/fixtures/eval/real.yaml\n`);
  console.log(`quotes (right speaker, start)  precision ${pct(real.quotes.precision)}  recall ${pct(real.quotes.recall)}`);
  console.log(`  … of those, right end too    ${pct(real.quoteEnds)}`);
  console.log(`  unknown speakers' quotes given to an actor ${pct(real.unknownTaken)}`);
  console.log(`actors                         precision ${pct(real.actors.precision)}  recall ${pct(real.actors.recall)}`);
  console.log(`events (none in these texts)   precision ${pct(real.events.precision)}  recall ${pct(real.events.recall)}  primary tags ${real.events.primary}`);
  console.log(`dates                          precision ${pct(real.dates.precision)}  recall ${pct(real.dates.recall)}`);
} else console.log("\n(../shared/corpus/ not found: the real-text evaluation is skipped)");

if (r.misses.length) {
  console.log(`\nMisses (${r.misses.length}):`);
  for (const m of r.misses) console.log(`  ${m.file}: ${m.what}`);
}
if (real?.misses.length) {
  console.log(`\nMisses on real text (${real.misses.length}):`);
  for (const m of real.misses) console.log(`  ${m.file}: ${m.what}`);
}
