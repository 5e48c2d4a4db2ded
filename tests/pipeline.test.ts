// The pipeline at scale, on small corpora: whole articles set aside on disk (ArticleSpool) make the same
// archive and pages as articles kept in memory, and files read again when their bytes were not held.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { compile, processFiles, runPipeline } from "../src/pipeline.ts";
import { loadRegistry } from "../src/ingest/index.ts";
import { ArticleSpool, TextCache } from "../src/cache.ts";
import { searchRecords } from "../src/archive/index.ts";
import { apiFiles, createRenderer, pageSpecs } from "../src/render/index.ts";
import type { Archive } from "../src/model.ts";
import { ROOT } from "./support/site.ts";
import { generateCorpus } from "./bench/corpus.ts";
import { threadExecArgv } from "../src/workers.ts";
import { writeSearch, writeSearchOnThread } from "../src/build/search.ts";

let work: string;
let seeds: string;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), "pipeline-"));
  seeds = path.join(work, "seeds");
  generateCorpus(40, seeds, 7);
  cpSync(path.join(ROOT, "seeds"), path.join(seeds, "real"), { recursive: true });
  // Markdown (its page is rendered from the Markdown) and a duplicate.
  writeFileSync(path.join(seeds, "note.md"), "---\ntitle: ملاحظة عن قمة أنطاليا\ndate: 2015-11-16\n---\nقال **باراك أوباما** في أنطاليا إن القمة ناقشت أزمة اللاجئين.\n\n> وأضاف أن التعاون مستمر.\n");
  cpSync(path.join(seeds, "real", "002_348bd785be705d98.txt"), path.join(seeds, "copy.txt"));
});

after(() => rmSync(work, { recursive: true, force: true }));

/** Everything the render stage makes of an archive: each page's HTML, the API and the search index. */
function everything(archive: Archive): Map<string, string> {
  const out = new Map<string, string>();
  const renderer = createRenderer(path.join(ROOT, "templates"), archive);
  for (const spec of pageSpecs(archive)) out.set(spec.url, renderer.render(spec));
  for (const f of apiFiles(archive)) {
    const c = f.content();
    out.set(f.path, typeof c === "string" ? c : [...c].join(""));
  }
  for (const f of searchRecords(archive)) out.set(f.path, typeof f.content === "string" ? f.content : Buffer.from(f.content).toString("base64"));
  return out;
}

test("articles set aside on disk and read back make the same archive, pages, API and search index as articles kept in memory", async () => {
  const kept = (await runPipeline({ seeds, threads: 1 })).archive;
  const file = path.join(work, "spool", "articles");
  const spool = new ArticleSpool(file);
  let aside: Archive;
  try {
    // readAhead 0: no file's bytes are held between the first read and the text stages; all are read again.
    aside = (await runPipeline({ seeds, threads: 1, spool, readAhead: 0 })).archive;
    assert.equal(aside.articles.length, 46);
    // As JSON: the views share objects (summaries, dates) in ways deepEqual walks very slowly.
    for (const part of ["report", "articles", "events", "actors", "feeds", "byDate"] as const) assert.equal(JSON.stringify(aside[part]), JSON.stringify(kept[part]), part);
    const a = everything(aside);
    const b = everything(kept);
    assert.deepEqual([...a.keys()], [...b.keys()]);
    for (const [k, v] of b) assert.equal(a.get(k), v, k);
    // The Markdown article's page comes from its Markdown, read back from the spool.
    const note = aside.articles.find((e) => e.source === "note.md")!;
    assert.match(a.get(note.url)!, /<strong>باراك أوباما<\/strong>/);
    assert.deepEqual(aside.report.duplicates, [{ source: "real/002_348bd785be705d98.txt", duplicateOf: "copy.txt" }]);
  } finally {
    spool.close();
  }
  assert.equal(existsSync(file), false, "close() deletes the file");
});

test("articles read from the cache into the spool make every page, API file and search file that fresh ones make", async () => {
  const kept = everything((await runPipeline({ seeds, threads: 1 })).archive);
  const cache = new TextCache(path.join(work, "spool-cache"), "0000000000000test");
  await runPipeline({ seeds, threads: 1, cache });
  const again = new TextCache(path.join(work, "spool-cache"), "0000000000000test");
  const spool = new ArticleSpool(path.join(work, "spool", "cached"));
  try {
    const cached = everything((await runPipeline({ seeds, threads: 1, cache: again, spool })).archive);
    assert.deepEqual([again.hits, again.misses], [47, 0]);
    assert.deepEqual([...cached.keys()], [...kept.keys()]);
    for (const [k, v] of kept) assert.equal(cached.get(k), v, k);
  } finally {
    spool.close();
  }
});

test("the search index made on its own thread from the spool is the one made here from articles in memory", async () => {
  const kept = (await runPipeline({ seeds, threads: 1 })).archive;
  const spool = new ArticleSpool(path.join(work, "spool", "search"));
  try {
    const aside = (await runPipeline({ seeds, threads: 1, spool })).archive;
    assert.ok(aside.articles.every((e) => aside.spot(e) !== null) && kept.articles.every((e) => kept.spot(e) === null));
    const [there, here] = [path.join(work, "index-thread"), path.join(work, "index-here")];
    const [t, h] = [await writeSearchOnThread(aside, there), await writeSearchOnThread(kept, here)];
    assert.deepEqual([...t.signatures], [...h.signatures]);
    assert.equal(t.written, h.written);
    assert.ok(t.written > 46, "a fragment per article, the shards, the facets, the manifest");
    for (const [file] of h.signatures) assert.ok(readFileSync(path.join(there, file)).equals(readFileSync(path.join(here, file))), file);
    // An update with the signatures of the first (on this thread, as an update makes it) writes nothing that did not change.
    const again = writeSearch(aside, there, { previous: t.signatures, existing: there });
    assert.equal(again.written, 0);
  } finally {
    spool.close();
  }
});

test("results of two worker threads, moved to this thread as UTF-16 and set aside on disk, make what one thread makes", async () => {
  const kept = (await runPipeline({ seeds, threads: 1 })).archive;
  const spool = new ArticleSpool(path.join(work, "spool", "threads"));
  try {
    const aside = (await runPipeline({ seeds, threads: 2, spool })).archive;
    for (const part of ["report", "articles", "events", "actors"] as const) assert.equal(JSON.stringify(aside[part]), JSON.stringify(kept[part]), part);
    const a = everything(aside);
    for (const [k, v] of everything(kept)) assert.equal(a.get(k), v, k);
  } finally {
    spool.close();
  }
});

test("a file that vanishes before it is read again is reported, and the rest is built", async () => {
  const dir = path.join(work, "vanishing");
  generateCorpus(6, dir, 11);
  const last = path.join(dir, "article-000005.txt");
  assert.ok(existsSync(last));
  const { archive } = await runPipeline({
    seeds: dir,
    threads: 1,
    readAhead: 0,
    // Told once every file has been read and hashed: with nothing read ahead, each is read again when its batch goes through the text stages.
    onRead: (done, total) => {
      if (done === total) rmSync(last);
    },
  });
  assert.equal(archive.articles.length, 5);
  assert.deepEqual(archive.report.skipped, [{ source: "article-000005.txt", reason: "broken symbolic link or file vanished" }]);
});

test("a damaged cache entry counts as a miss and its file is processed again", async () => {
  const root = path.join(work, "cache");
  const first = new TextCache(root, "0000000000000test");
  const before = (await runPipeline({ seeds, threads: 1, cache: first })).archive;
  assert.equal(first.misses, 47);
  const entries = readdirSync(first.dir).flatMap((sub) => readdirSync(path.join(first.dir, sub)).map((f) => path.join(first.dir, sub, f)));
  // One entry overwritten with text, one cut short, one with bytes after its end.
  writeFileSync(entries[0]!, '{"article": {"title": "مقطوع');
  const cut = readFileSync(entries[1]!);
  writeFileSync(entries[1]!, cut.subarray(0, cut.length - 40));
  writeFileSync(entries[2]!, Buffer.concat([readFileSync(entries[2]!), Buffer.from("}", "utf16le")]));
  const again = new TextCache(root, "0000000000000test");
  const after = (await runPipeline({ seeds, threads: 1, cache: again })).archive;
  assert.deepEqual([again.hits, again.misses], [44, 3]);
  assert.equal(JSON.stringify(after.articles), JSON.stringify(before.articles));
  // Read from the cache, every article is what the text stages made of it: its head and its whole text.
  const third = new TextCache(root, "0000000000000test");
  const cached = (await runPipeline({ seeds, threads: 1, cache: third })).archive;
  assert.deepEqual([third.hits, third.misses], [47, 0]);
  assert.equal(JSON.stringify(cached.articles), JSON.stringify(before.articles));
  for (const e of before.articles) assert.equal(JSON.stringify(cached.page(e)), JSON.stringify(before.page(e)));
});

test("the pool's threads (the TypeScript through tsx, as here) find in every file what this thread finds", async () => {
  const here = (await runPipeline({ seeds, threads: 1 })).archive;
  const threads = (await runPipeline({ seeds, threads: 2 })).archive;
  assert.equal(threads.articles.length, 46);
  assert.equal(JSON.stringify(threads.articles), JSON.stringify(here.articles));
  assert.deepEqual(threads.report, here.report);
});

test("with several batches in flight per thread, two threads give every file the result one thread gives, once", async () => {
  // 2 threads × 2 batches of 25 in flight: 170 files keep both threads' queues full, then drain them;
  // the copies check that a duplicate is told apart the same way whatever thread read the original.
  const many = path.join(work, "many");
  generateCorpus(160, many, 11);
  const originals = readdirSync(many).sort();
  for (let i = 0; i < 10; i++) cpSync(path.join(many, originals[i * 7]!), path.join(many, `zz-copy-${i}.txt`));
  const told: number[] = [];
  const one = (await runPipeline({ seeds: many, threads: 1 })).archive;
  const two = (await runPipeline({ seeds: many, threads: 2, readAhead: 64 << 10, onFile: (done) => told.push(done) })).archive;
  assert.equal(one.articles.length + one.report.skipped.length + one.report.duplicates.length, 170);
  assert.equal(one.report.duplicates.length, 10);
  assert.equal(JSON.stringify(two.articles), JSON.stringify(one.articles));
  assert.deepEqual(two.report, one.report);
  assert.equal(told.at(-1), 170);
  assert.deepEqual(told, [...told].sort((a, b) => a - b), "progress only goes forward");
});

test("a batch of files (all parsed, then all through the text stages) gives each file, in order, what it gives alone", () => {
  const c = compile(loadRegistry());
  const enc = (s: string) => new TextEncoder().encode(s);
  const files = [
    { rel: "a.txt", bytes: enc("وصل الرئيس الأمريكي باراك أوباما إلى مدينة أنطاليا التركية للمشاركة في قمة مجموعة العشرين.\n\nوقال أوباما إن القمة ستبحث أزمة اللاجئين ومكافحة الإرهاب.") },
    { rel: "english.txt", bytes: enc("The leaders of the twenty largest economies met in Antalya to discuss the refugee crisis and the fight against terrorism.") },
    { rel: "empty.txt", bytes: new Uint8Array() },
    { rel: "persian.txt", bytes: enc("رهبران کشورهای گروه بیست در شهر آنتالیا گرد هم آمدند تا درباره بحران پناهجویان و مبارزه با تروریسم گفتگو کنند.") },
    { rel: "b.txt", bytes: enc("اجتمع وزراء خارجية دول التحالف الدولي ضد تنظيم داعش في العاصمة البريطانية لندن.\n\nوأكد وزير الخارجية الأمريكي جون كيري أن الحملة على التنظيم ستستمر.") },
  ];
  const together = processFiles(files, c);
  assert.deepEqual(together.map((r) => ("article" in r ? r.article.source : `rejected ${r.rejection.source}`)), ["a.txt", "rejected english.txt", "rejected empty.txt", "rejected persian.txt", "b.txt"]);
  files.forEach((f, i) => assert.equal(JSON.stringify(together[i]), JSON.stringify(processFiles([f], c)[0]), f.rel));
  const primary = (r: (typeof together)[number]) => ("article" in r ? r.article.events.find((e) => e.role === "primary")?.id : undefined);
  assert.equal(primary(together[0]!), "g20-antalya-2015");
  assert.equal(primary(together[4]!), "london-coalition-2015");
  const reason = (r: (typeof together)[number]) => ("rejection" in r ? r.rejection.reason : "");
  assert.match(reason(together[1]!), /not Arabic.*eng/);
  assert.match(reason(together[3]!), /not Arabic: the text reads as Persian/);
});

test("threads of compiled code are started with the profilers' options only: no TypeScript loader, no V8 options (which they refuse)", () => {
  assert.deepEqual(
    threadExecArgv(["--expose-gc", "--max-semi-space-size=32", "--import", "tsx", "--cpu-prof", "--cpu-prof-dir", "/tmp/p", "--heap-prof-interval=1024", "--import=tsx"]),
    ["--cpu-prof", "--cpu-prof-dir", "/tmp/p", "--heap-prof-interval=1024"],
  );
  assert.deepEqual(threadExecArgv(["--import", "tsx"]), []);
  assert.deepEqual(threadExecArgv(["--cpu-prof-name"]), ["--cpu-prof-name"], "a value that is missing is not made up");
});
