// A worker thread of src/build/render.ts (startSearch): writes the search index while the main thread renders
// the pages. It reads every article's text, which the text stages set aside apart from the whole article,
// from the spool (shared memory or its file).
import { parentPort } from "node:worker_threads";
import { searchRecords } from "./archive/index.ts";
import { SpoolReader } from "./cache.ts";
import { contentFiles, writeChanged } from "./render/files.ts";
import { jobWorkerData, type SearchJob, type Written } from "./workers.ts";

const job = await jobWorkerData<SearchJob>();
const start = performance.now();
const spool = new SpoolReader(job.spool);
const where = new Map(job.articles.map((e, i) => [e, job.spooled[i]!]));
try {
  const text = (e: (typeof job.articles)[number]) => spool.text(where.get(e)!);
  const r = writeChanged(contentFiles(searchRecords({ articles: job.articles, base: job.base, actors: job.actors, text })), job.dir, { previous: new Map(job.previous), existing: job.existing });
  parentPort!.postMessage({ result: { signatures: [...r.signatures], written: r.written, bytes: r.bytes, ms: performance.now() - start } satisfies Written });
} finally {
  spool.close();
}
