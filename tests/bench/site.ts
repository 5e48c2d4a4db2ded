// npm run bench -- --articles N [--vs-hugo] [--runs K] [--cold-only] [--keep]
// Generates N raw Arabic articles (tests/bench/corpus.ts), builds them with `npm run build` from a cold
// start (no cache), and prints each stage's time and the peak memory, pages written and output size;
// then changes one article and rebuilds with the content-hash cache. With --vs-hugo it also builds the
// same corpus as a minimal Hugo site (tests/bench/hugo.ts) and prints the median of K runs of each, run
// in turn, and the ratio of our wall time to Hugo's. --cold-only stops after the cold build (the largest
// archives: its peak memory and time per article are what is asked of them).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateCorpus } from "./corpus.ts";
import { writeHugoSite, type HugoArticle } from "./hugo.ts";
import { BUILD_COMMAND, NODE_FLAGS } from "../support/site.ts";

const ROOT = path.join(import.meta.dirname, "..", "..");
const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "1000" },
    "vs-hugo": { type: "boolean", default: false },
    runs: { type: "string", default: "3" },
    keep: { type: "boolean", default: false },
    "cold-only": { type: "boolean", default: false },
  },
});
const n = Number(values.articles);
const runs = Math.max(1, Number(values.runs));
if (!Number.isInteger(n) || n < 1) throw new Error("--articles must be a positive whole number");

interface Stats {
  articles: number;
  pages: number;
  pagesWritten: number;
  htmlBytes: number;
  ms: number;
  stages: { stage: string; ms: number; peakRssMB: number }[];
  cache: { hits: number; misses: number } | null;
}

/** Resident memory of a process and all its descendants, in kB, from /proc. */
function treeRssKB(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const status = readFileSync(`/proc/${d}/status`, "utf8");
      rss.set(Number(d), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(d)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    total += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

/** Run a command; wall time and the peak memory of its process tree (sampled every 50 ms). */
async function measure(cmd: string, args: string[], cwd = ROOT): Promise<{ ms: number; peakMB: number; stderr: string }> {
  const start = performance.now();
  const child = spawn(cmd, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, treeRssKB(child.pid!))), 50);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${code}):\n${stderr}`);
  return { ms: performance.now() - start, peakMB: Math.round(peak / 1024), stderr };
}

function folderBytes(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    files++;
    bytes += statSync(path.join(e.parentPath, e.name)).size;
  }
  return { files, bytes };
}

/** Add a sentence to the longest paragraph of a generated article (text after its furniture is cut). */
function editBody(file: string, sentence: string): void {
  const lines = readFileSync(file, "utf8").split("\n");
  const longest = lines.reduce((best, l, i) => (l.length > lines[best]!.length ? i : best), 0);
  lines[longest] = `${lines[longest]} ${sentence}`;
  writeFileSync(file, lines.join("\n"));
}

/** Write everything buffered to disk and let the machine settle, so that one build's writes are not paid by the next. */
function settle(): void {
  spawnSync("sync");
  spawnSync("sleep", ["2"]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

const work = mkdtempSync(path.join(tmpdir(), "archive-bench-"));
const corpus = path.join(work, "corpus");
const out = path.join(work, "site");
const cache = path.join(work, "cache");
const statsFile = path.join(work, "stats.json");

const build = (extra: string[], to = out) =>
  measure(process.execPath, [...BUILD_COMMAND, "--seeds", corpus, "--out", to, "--quiet", "--stats", statsFile, ...extra]);

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
const corpusBytes = generateCorpus(n, corpus);
console.log(`corpus: ${n} generated articles, ${mb(corpusBytes)} in ${corpus}`);

// A cold build: no cache, after the corpus is on disk.
settle();
const cold = await build(["--no-cache"]);
const stats = JSON.parse(readFileSync(statsFile, "utf8")) as Stats;
const size = folderBytes(out);
console.log(`\ncold build (no cache): ${s(cold.ms)} wall, peak memory ${cold.peakMB} MB (whole process tree)`);
console.log("  stage        time      peak RSS so far (node)");
for (const st of stats.stages) console.log(`  ${st.stage.padEnd(11)}${s(st.ms).padStart(9)}   ${st.peakRssMB} MB`);
console.log(`  ${stats.articles} articles → ${stats.pages} pages, ${size.files} files, ${mb(size.bytes)} on disk`);
console.log(`  per article: ${(cold.ms / n).toFixed(2)} ms`);
if (values["cold-only"]) {
  if (values.keep) console.log(`\nkept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
  process.exit(0);
}

// A rebuild after one article changes, with the cache warm.
await build(["--cache", cache]);
const first = readdirSync(corpus).sort()[Math.floor(n / 2)]!;
editBody(path.join(corpus, first), "وأضاف المتحدث أن الاجتماع المقبل سيعقد في الربيع.");
const warm = await build(["--cache", cache]);
const warmStats = JSON.parse(readFileSync(statsFile, "utf8")) as Stats;
console.log(`\nrebuild after changing ${first} (npm run build, cache warm): ${s(warm.ms)} wall; ${warmStats.cache?.misses} file(s) reprocessed, ${warmStats.pagesWritten} of ${warmStats.pages} pages written`);
console.log(`  ${warmStats.stages.map((st) => `${st.stage} ${s(st.ms)}`).join(", ")}`);

/**
 * The dev server (npm start): from adding a sentence to one file to the server's line saying the
 * pages are written, for a few files in turn (after its first build, from the warm cache).
 */
async function serveRebuilds(files: string[]): Promise<{ ms: number; line: string }[]> {
  const port = 20000 + (process.pid % 10000);
  const child = spawn(process.execPath, [...NODE_FLAGS, "--import", "tsx", path.join(ROOT, "src", "cli.ts"), "serve", "--seeds", corpus, "--out", path.join(work, "served"), "--cache", cache, "--port", String(port)],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  const waiters: ((line: string) => void)[] = [];
  let ready: () => void;
  const watching = new Promise<void>((resolve) => (ready = resolve));
  const onData = (d: Buffer) => {
    log += d;
    for (const m of log.matchAll(/^\[archive\] (\d+ of \d+ pages written|search index:).*$/gm)) waiters.shift()?.(m[0]);
    // Changes are seen once the watcher is ready: Eleventy says so after its first build.
    if (/Server at /.test(log)) ready();
    log = log.slice(log.lastIndexOf("\n") + 1);
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const next = () => new Promise<string>((resolve, reject) => {
    waiters.push(resolve);
    child.once("exit", (code) => reject(new Error(`the dev server stopped (${code})`)));
  });
  const results: { ms: number; line: string }[] = [];
  try {
    await next();
    await next();
    await watching;
    for (const f of files) {
      // One change at a time, on a server at rest: after the search index of the previous one.
      await new Promise((r) => setTimeout(r, 1000));
      const done = next();
      const indexed = next();
      const t0 = performance.now();
      editBody(path.join(corpus, f), "وقال مسؤول آخر إن المحادثات ستتواصل في الأيام المقبلة.");
      const line = await done;
      results.push({ ms: performance.now() - t0, line: `${line}\n  ${await indexed}` });
    }
  } finally {
    process.kill(-child.pid!, "SIGTERM");
  }
  return results;
}
const names = readdirSync(corpus).sort();
const served = await serveRebuilds([1, 3, 5].map((k) => names[Math.floor((k * n) / 7)]!));
console.log(`\nrebuild after changing one file (npm start, the dev server): ${served.map((r) => s(r.ms)).join(", ")}; median ${s(median(served.map((r) => r.ms)))}`);
for (const r of served) console.log(`  ${r.line}`);

if (values["vs-hugo"]) {
  const hugo = spawnSync("hugo", ["version"], { encoding: "utf8" });
  if (hugo.status !== 0) throw new Error("hugo is not installed (apt-get install hugo)");
  const articles = JSON.parse(readFileSync(path.join(out, "api", "articles.json"), "utf8")) as HugoArticle[];
  const site = path.join(work, "hugo");
  writeHugoSite(articles, corpus, site);
  console.log(`\nvs ${hugo.stdout.trim().split(" ").slice(0, 2).join(" ")}: ${runs} runs each, in turn`);
  const ours: number[] = [];
  const theirs: number[] = [];
  // Each run writes into a folder of its own, and every run's output is kept until the benchmark ends:
  // on ext4 without a journal (as on the machine of docs/PERFORMANCE.md's figures) a new file is not given an
  // inode freed less than a minute before, and a build that follows the removal of the previous output
  // pays for searching past them (in one pair of runs, 3.5 s more system time for ours, 1 s for Hugo's). The
  // benchmark times the builds, not that.
  const runsDir = path.join(work, "runs");
  for (let r = 0; r < runs; r++) {
    settle();
    ours.push((await build(["--no-cache"], path.join(runsDir, `ours-${r + 1}`))).ms);
    settle();
    const h = await measure("hugo", ["--quiet", "-s", site, "-d", path.join(runsDir, `hugo-${r + 1}`)]);
    theirs.push(h.ms);
    console.log(`  run ${r + 1}: ours ${s(ours[r]!)}, Hugo ${s(h.ms)} (Hugo peak ${h.peakMB} MB)`);
  }
  const hugoFiles = folderBytes(path.join(runsDir, `hugo-${runs}`));
  console.log(`  Hugo wrote ${hugoFiles.files} files, ${mb(hugoFiles.bytes)}`);
  console.log(`  median: ours ${s(median(ours))}, Hugo ${s(median(theirs))}; ratio ${(median(ours) / median(theirs)).toFixed(2)}`);
  console.log(`  rebuild after one change: npm run build ${((100 * warm.ms) / median(theirs)).toFixed(0)}%, npm start ${((100 * median(served.map((r) => r.ms))) / median(theirs)).toFixed(0)}% of Hugo's full build`);
}

if (values.keep) console.log(`\nkept: ${work}`);
else rmSync(work, { recursive: true, force: true });
