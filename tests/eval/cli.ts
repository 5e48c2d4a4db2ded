// npm run eval: prints the evaluation and every miss with its file.
import { evaluate } from "./evaluate.ts";

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
if (r.misses.length) {
  console.log(`\nMisses (${r.misses.length}):`);
  for (const m of r.misses) console.log(`  ${m.file}: ${m.what}`);
}
