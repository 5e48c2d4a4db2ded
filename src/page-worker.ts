// A worker thread of src/cli.ts (writePages): renders and writes article pages while the main thread
// writes the other pages, reading each article from the spool (shared memory or its file).
import { parentPort, workerData } from "node:worker_threads";
import { articlePageView } from "./archive/index.ts";
import { SpoolReader } from "./cache.ts";
import { loadRegistry } from "./ingest/index.ts";
import { articleSpec, createRenderer, outputPath, writeChanged, type OutputFile } from "./render/index.ts";
import type { PageJob, Written } from "./workers.ts";

const job = workerData as PageJob;
const start = performance.now();
const view = articlePageView(loadRegistry(job.registryDir), { base: job.base, siteUrl: job.siteUrl });
const renderer = createRenderer(job.templatesDir, { base: job.base, siteRoot: job.siteRoot });
const spool = new SpoolReader(job.spool);
try {
  const files = job.articles.map((entry, i): OutputFile => ({
    path: outputPath(entry.url),
    signature: "",
    content: () => {
      const s = job.spooled[i]!;
      return renderer.render(articleSpec(entry, () => view(spool.read(s), entry)));
    },
  }));
  const r = writeChanged(files, job.dir, { onFile: (n) => n % 250 === 0 && parentPort!.postMessage({ progress: n }) });
  parentPort!.postMessage({ result: { written: r.written, bytes: r.bytes, ms: performance.now() - start } satisfies Written });
} finally {
  spool.close();
}
