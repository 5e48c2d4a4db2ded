// A worker thread of src/cli.ts (writePages): renders and writes article pages while the main thread
// writes the other pages, reading each article from the spool file where the pipeline set it aside.
import { closeSync, openSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { articlePageView, normalizeBase, normalizeSiteUrl } from "./archive/index.ts";
import { readSpooled } from "./cache.ts";
import { loadRegistry } from "./ingest/index.ts";
import { articleSpec, createRenderer, outputPath, writeChanged, type OutputFile } from "./render/index.ts";
import type { PageJob, Written } from "./workers.ts";

const job = workerData as PageJob;
const start = performance.now();
const view = articlePageView(loadRegistry(job.registryDir), { base: job.base, siteUrl: job.siteUrl });
const base = normalizeBase(job.base);
const renderer = createRenderer(job.templatesDir, { base, siteRoot: normalizeSiteUrl(job.siteUrl) + base.replace(/\/$/, "") });
const fds = new Map<string, number>();
const fd = (file: string) => {
  let d = fds.get(file);
  if (d === undefined) fds.set(file, (d = openSync(file, "r")));
  return d;
};
try {
  const files = job.articles.map((entry, i): OutputFile => ({
    path: outputPath(entry.url),
    signature: "",
    content: () => {
      const s = job.spooled[i]!;
      return renderer.render(articleSpec(entry, () => view(readSpooled(fd(s.file), s), entry)));
    },
  }));
  const r = writeChanged(files, job.dir, { onFile: (n) => n % 250 === 0 && parentPort!.postMessage({ progress: n }) });
  parentPort!.postMessage({ result: { written: r.written, bytes: r.bytes, ms: performance.now() - start } satisfies Written });
} finally {
  for (const d of fds.values()) closeSync(d);
}
