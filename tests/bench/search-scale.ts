// npm run bench:search-scale -- --articles N[,N…]
// How the bytes a query reads grow with the archive, without building a site: the generated corpus's raw
// files (tests/bench/corpus.ts, furniture and all) are indexed in memory by searchRecords, and the query set
// of tests/bench/search.ts runs through the page's own code (public/js/search-core.js) with a loader that
// counts the bytes of every file it asks for (as stored, and gzipped). The fragments' text is kept as sizes
// only, so that a large index fits in memory.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { gunzipSync, gzipSync } from "node:zlib";
import { generateCorpus } from "./corpus.ts";
import { INDEX_DIR, searchRecords } from "../../src/archive/search.ts";
import { foldTableForBrowser } from "../../src/text/index.ts";
import type { ArticleEntry } from "../../src/model.ts";
import { registry } from "../helpers.ts";
import * as core from "../../public/js/search-core.js";
import { BENCH_QUERIES } from "./search-queries.ts";

const { values } = parseArgs({ options: { articles: { type: "string", default: "10000" } } });

for (const n of values.articles!.split(",").map(Number)) {
  const dir = mkdtempSync(path.join(tmpdir(), "search-scale-"));
  try {
    generateCorpus(n, dir);
    const texts = readdirSync(dir).sort().map((f) => readFileSync(path.join(dir, f), "utf8"));
    const entries = texts.map((t, i) => ({ url: `/articles/${i}/`, title: t.slice(0, t.indexOf("\n") > 0 ? Math.min(t.indexOf("\n"), 120) : 80), date: null, events: [], actors: [] }) as unknown as ArticleEntry);
    const byEntry = new Map(entries.map((e, i) => [e, texts[i]!]));
    const kept = new Map<string, string>();
    const sizes = new Map<string, { bytes: number; gz: number }>();
    let shardMax = 0;
    for (const f of searchRecords({ articles: entries, base: "/", actors: registry.actors, text: (e) => byEntry.get(e)! })) {
      const name = f.path.slice(INDEX_DIR.length + 1);
      const buf = Buffer.from(f.content);
      sizes.set(name, { bytes: buf.length, gz: typeof f.content === "string" ? gzipSync(buf).length : buf.length });
      if (typeof f.content === "string") kept.set(name, f.content);
      else {
        const json = gunzipSync(f.content).toString("utf8");
        kept.set(name, name.startsWith("x/") ? JSON.stringify({ ...JSON.parse(json), t: "" }) : json);
      }
      if (name.startsWith("terms/")) shardMax = Math.max(shardMax, buf.length);
    }
    const table = foldTableForBrowser();
    const per: { q: string; bytes: number; gz: number; total: number }[] = [];
    for (const q of BENCH_QUERIES) {
      let bytes = 0;
      let gz = 0;
      const s = core.createSearch({ table, load: async (name: string) => {
        const size = sizes.get(name)!;
        bytes += size.bytes;
        gz += size.gz;
        return JSON.parse(kept.get(name)!);
      } });
      const r = await s.search(q);
      await s.documents(r.results.slice(0, core.PAGE_SIZE), r);
      per.push({ q, bytes, gz, total: r.total });
    }
    per.sort((a, b) => a.gz - b.gz);
    const med = per[per.length >> 1]!;
    const max = per.at(-1)!;
    const shards = [...sizes.keys()].filter((k) => k.startsWith("terms/")).length;
    console.log(`${n} articles: ${sizes.size} files, ${shards} shards (largest ${(shardMax / 1024).toFixed(1)} kB); a query reads median ${(med.bytes / 1024).toFixed(1)} kB (${(med.gz / 1024).toFixed(1)} kB gzipped), most ${(max.bytes / 1024).toFixed(1)} kB (${(max.gz / 1024).toFixed(1)} gzipped, «${max.q}»)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
