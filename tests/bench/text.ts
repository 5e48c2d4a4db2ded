// npm run bench:text [-- --mb N]: throughput of the text stages (clean, extract, tag) on one core.
// The corpus is generated from the seeds and the evaluation texts: paragraphs shuffled between
// articles, so every article differs and the matchers do real work.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadRegistry } from "../../src/ingest/index.ts";
import { compile, toArticle } from "../../src/pipeline.ts";
import type { Seed } from "../../src/model.ts";

const { values } = parseArgs({ options: { mb: { type: "string", default: "20" } } });
const targetBytes = Number(values.mb) * 1024 * 1024;
const ROOT = path.join(import.meta.dirname, "..", "..");

const sources = [path.join(ROOT, "seeds"), path.join(ROOT, "tests", "fixtures", "eval")].flatMap((dir) =>
  readdirSync(dir).filter((f) => f.endsWith(".txt")).map((f) => readFileSync(path.join(dir, f), "utf8")),
);
const paragraphs = sources.flatMap((s) => s.split(/\n\s*\n|\n/).filter((p) => p.trim().length > 40));

// A deterministic shuffle, so runs are comparable.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const corpus: Seed[] = [];
let bytes = 0;
while (bytes < targetBytes) {
  const n = 6 + Math.floor(rand() * 10);
  const body = Array.from({ length: n }, () => paragraphs[Math.floor(rand() * paragraphs.length)]!).join("\n");
  corpus.push({ source: `bench-${corpus.length}.txt`, format: "txt", body, meta: {}, language: "arb", warnings: [] });
  bytes += Buffer.byteLength(body);
}

const compiled = compile(loadRegistry());
for (const s of corpus.slice(0, 200)) toArticle(s, compiled); // warm up the JIT

const start = performance.now();
let events = 0;
let quotes = 0;
for (const s of corpus) {
  const a = toArticle(s, compiled);
  events += a.events.length;
  quotes += a.quotes.length;
}
const seconds = (performance.now() - start) / 1000;
const mb = bytes / 1024 / 1024;
console.log(`text stages (clean, extract, tag) on one core: ${corpus.length} articles, ${mb.toFixed(1)} MB of Arabic text`);
console.log(`  ${seconds.toFixed(2)} s → ${(mb / seconds).toFixed(1)} MB/s, ${((seconds * 1000) / corpus.length).toFixed(2)} ms per article`);
console.log(`  (${events} event tags, ${quotes} quotes found)`);
