// A worker thread of src/workers.ts: compiles the registry once, then runs batches of seed files
// through parsing and the text stages, and sends back each article's head and JSON (pipeline.ts finish).
import { parentPort, workerData } from "node:worker_threads";
import { loadRegistry } from "./ingest/index.ts";
import { compile, finish, processBytes } from "./pipeline.ts";
import type { Job, TextWorkerData } from "./workers.ts";

const { registryDir, apart } = workerData as TextWorkerData;
const compiled = compile(loadRegistry(registryDir));
parentPort!.on("message", (jobs: Job[]) => {
  // The head and the JSON text only: the whole article is not copied to the main thread.
  parentPort!.postMessage(jobs.map((j) => {
    const d = finish(processBytes(j.rel, j.bytes, compiled), j.key, apart);
    if ("article" in d) delete d.article;
    return d;
  }));
});
parentPort!.postMessage("ready");
