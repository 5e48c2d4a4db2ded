// A worker thread of src/build/render.ts (writePages): renders and writes article pages while the main thread
// writes the other pages, reading each article from the spool (shared memory or its file). The article
// pages are claimed a few at a time (workers.ts claimed()): the main thread takes its share once it has
// written the rest.
import { parentPort } from "node:worker_threads";
import { articlePageView } from "./archive/index.ts";
import { SpoolReader } from "./cache.ts";
import { articleSpec, createRenderer, outputPath, writeChanged, type OutputFile } from "./render/index.ts";
import { claimed, jobWorkerData, type PageJob, type Written } from "./workers.ts";

const job = await jobWorkerData<PageJob>();
const start = performance.now();
const view = articlePageView(job.registry, { base: job.base, siteUrl: job.siteUrl, site: job.site });
const renderer = createRenderer(job.templatesDir, { base: job.base, siteRoot: job.siteRoot, site: job.site });
const spool = new SpoolReader(job.spool);
try {
  function* files(): Generator<OutputFile> {
    for (const i of claimed(new Int32Array(job.next), job.articles.length)) {
      const entry = job.articles[i]!;
      const s = job.spooled[i]!;
      yield { path: outputPath(entry.url), signature: "", content: () => renderer.render(articleSpec(entry, () => view(spool.read(s), entry))) };
    }
  }
  const r = writeChanged(files(), job.dir, { onFile: (n) => n % 250 === 0 && parentPort!.postMessage({ progress: n }) });
  parentPort!.postMessage({ result: { written: r.written, bytes: r.bytes, ms: performance.now() - start } satisfies Written });
} finally {
  spool.close();
}
