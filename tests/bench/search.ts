// npm run bench:search -- (--articles N | --corpus DIR | --site DIR) [--no-pagefind] [--index-only]
// The archive's search against Pagefind on the same articles: the query set of tests/search-set.ts and the
// issue's examples, each typed into our search page and run through Pagefind's own JavaScript API, in
// Chromium with a fresh cache per query; prints results and bytes read per query side by side (a Markdown
// table for docs/PERFORMANCE.md) and the sizes of our index's files.
//   --articles N   generate N articles (tests/bench/corpus.ts) and build them
//   --corpus DIR   build the articles of DIR (e.g. ../shared/corpus/saudinewsnet)
//   --site DIR     a site already built
//   --index-only   only our index's file sizes, made in memory without rendering (for large N)
// Pagefind (npm `pagefind`, a devDependency) indexes the built article pages into a folder of the
// benchmark's own; it is never part of the product.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { generateCorpus } from "./corpus.ts";
import { build, freePort } from "../support/site.ts";
import { BENCH_QUERIES } from "./search-queries.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string" },
    corpus: { type: "string" },
    site: { type: "string" },
    "no-pagefind": { type: "boolean", default: false },
    "index-only": { type: "boolean", default: false },
  },
});


const work = mkdtempSync(path.join(tmpdir(), "bench-search-"));
const kB = (b: number) => (b / 1024).toFixed(1);

async function indexOnly(seeds: string): Promise<void> {
  const { runPipeline } = await import("../../src/pipeline.ts");
  const { searchRecords } = await import("../../src/archive/search.ts");
  const { archive } = await runPipeline({ seeds, registryDir: path.join(import.meta.dirname, "..", "..", "src", "registry"), base: "/", siteUrl: "" } as Parameters<typeof runPipeline>[0]);
  const sizes = new Map<string, number[]>();
  for (const f of searchRecords(archive)) {
    const kind = f.path.split("/")[2]!.replace(/\.json$/, "");
    const list = sizes.get(kind) ?? [];
    list.push(Buffer.byteLength(f.content));
    sizes.set(kind, list);
  }
  report(archive.articles.length, sizes);
}

function report(articles: number, sizes: Map<string, number[]>): void {
  console.log(`\nOur index for ${articles} articles: file sizes (bytes; gzip not applied)`);
  for (const [kind, list] of sizes) {
    list.sort((a, b) => a - b);
    const sum = list.reduce((a, b) => a + b, 0);
    console.log(`  ${kind.padEnd(9)} ${String(list.length).padStart(7)} files, ${kB(sum).padStart(9)} kB, median ${list[list.length >> 1]}, p99 ${list[Math.floor(list.length * 0.99)]}, largest ${list.at(-1)}`);
  }
}

function siteSizes(site: string): Map<string, number[]> {
  const sizes = new Map<string, number[]>();
  const walk = (dir: string, kind: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, kind || e.name);
      else {
        const k = kind || e.name.replace(/\.json$/, "");
        const list = sizes.get(k) ?? [];
        list.push(statSync(p).size);
        sizes.set(k, list);
      }
    }
  };
  walk(path.join(site, "search", "index"), "");
  return sizes;
}

/** A static server that counts what it sends: requests and bytes (as stored, and gzipped) per path prefix. */
async function countingServer(dir: string) {
  let log: { path: string; bytes: number; gz: number }[] = [];
  const gz = new Map<string, number>();
  const types: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json", ".css": "text/css", ".wasm": "application/wasm" };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    let p = path.join(dir, decodeURIComponent(url.pathname));
    if (existsSync(p) && statSync(p).isDirectory()) p = path.join(p, "index.html");
    if (!p.startsWith(dir) || !existsSync(p)) {
      res.writeHead(404).end();
      return;
    }
    const body = readFileSync(p);
    // Pagefind's index files are gzipped already; ours are JSON a server would gzip.
    if (!gz.has(p)) gz.set(p, /\/pagefind\//.test(p) ? body.length : gzipSync(body).length);
    log.push({ path: url.pathname, bytes: body.length, gz: gz.get(p)! });
    res.writeHead(200, { "content-type": types[path.extname(p)] ?? "application/octet-stream" }).end(body);
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${port}`, server, take: () => ((l) => ((log = []), l))(log) };
}

async function compare(site: string, pagefind: boolean): Promise<void> {
  if (pagefind) {
    const pf = await import("pagefind");
    const { index } = await pf.createIndex({ rootSelector: "main", forceLanguage: "ar" });
    await index!.addDirectory({ path: site, glob: "articles/*/index.html" });
    await index!.writeFiles({ outputPath: path.join(site, "pagefind") });
    await pf.close();
    // A page of the benchmark's own that runs a query through Pagefind's API and reads the first ten results.
    writeFileSync(path.join(site, "pagefind-bench.html"), `<!doctype html><meta charset="utf-8"><script type="module">
const pf = await import("/pagefind/pagefind.js");
await pf.init();
const q = new URLSearchParams(location.search).get("q");
const r = await pf.search(q);
await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
window.done = { total: r.results.length };
</script>`);
  }
  const { url, server, take } = await countingServer(site);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  const rows: string[] = [];
  const ours: number[] = [];
  const theirs: number[] = [];
  try {
    for (const q of BENCH_QUERIES) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      take();
      await page.goto(`${url}/search/?q=${encodeURIComponent(q)}`);
      await page.waitForFunction(() => {
        const s = document.getElementById("search-status")?.textContent ?? "";
        return s && !s.includes("…") && (document.querySelector(".search-results li") || !/نتيج|نتائج/.test(s) || /لا نتائج/.test(s));
      }, undefined, { timeout: 60_000 });
      await page.waitForLoadState("networkidle");
      const status = (await page.locator("#search-status").innerText()).trim();
      const total = /لا نتائج/.test(status) ? 0 : /نتيجة واحدة/.test(status) ? 1 : /نتيجتان/.test(status) ? 2 : Number(/([\d,]+)/.exec(status)?.[1]?.replace(/,/g, "") ?? NaN);
      const mine = take().filter((r) => r.path.startsWith("/search/index/"));
      const mineBytes = mine.reduce((a, r) => a + r.bytes, 0);
      const mineGz = mine.reduce((a, r) => a + r.gz, 0);
      ours.push(mineGz);
      let cells = `| ${q} | ${total} | ${mine.length} | ${kB(mineBytes)} | ${kB(mineGz)} |`;
      if (pagefind) {
        await page.goto(`${url}/pagefind-bench.html?q=${encodeURIComponent(q)}`);
        await page.waitForFunction(() => (window as unknown as { done?: unknown }).done, undefined, { timeout: 60_000 });
        const t = (await page.evaluate(() => (window as unknown as { done: { total: number } }).done)).total;
        const theirsLog = take().filter((r) => r.path.startsWith("/pagefind/"));
        const engine = theirsLog.filter((r) => /\.(js|wasm|pagefind)$|entry\.json$/.test(r.path) && !/pf_/.test(r.path));
        const indexBytes = theirsLog.filter((r) => !engine.includes(r)).reduce((a, r) => a + r.bytes, 0);
        const all = theirsLog.reduce((a, r) => a + r.bytes, 0);
        theirs.push(indexBytes);
        cells += ` ${t} | ${theirsLog.length} | ${kB(indexBytes)} | ${kB(all)} |`;
      }
      rows.push(cells);
      await ctx.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`\n| query | ours: results | requests | kB as stored | kB gzipped |${pagefind ? " Pagefind: results | requests | kB index | kB with its engine |" : ""}`);
  console.log(`|---|---|---|---|---|${pagefind ? "---|---|---|---|" : ""}`);
  for (const r of rows) console.log(r);
  const med = (l: number[]) => [...l].sort((a, b) => a - b)[l.length >> 1]!;
  console.log(`\nmedian kB a query: ours ${kB(med(ours))} (gzipped), largest ${kB(Math.max(...ours))}${pagefind ? `; Pagefind ${kB(med(theirs))} (its index files, gzipped as stored), largest ${kB(Math.max(...theirs))}` : ""}`);
  report(Number(JSON.parse(readFileSync(path.join(site, "search", "index", "manifest.json"), "utf8")).articles), siteSizes(site));
}

try {
  let site = values.site ? path.resolve(values.site) : "";
  let seeds = values.corpus ? path.resolve(values.corpus) : "";
  if (!site && !seeds) {
    const n = Number(values.articles ?? 1000);
    seeds = path.join(work, "corpus");
    generateCorpus(n, seeds);
  }
  if (values["index-only"]) await indexOnly(seeds);
  else {
    if (!site) {
      site = path.join(work, "site");
      const r = build(["--seeds", seeds, "--out", site, "--no-cache"]);
      if (r.code !== 0) throw new Error(r.err);
    }
    await compare(site, !values["no-pagefind"]);
  }
} finally {
  if (!values.site) rmSync(work, { recursive: true, force: true });
}
