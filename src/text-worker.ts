// A worker thread of src/workers.ts: compiles the registry once, then runs batches of seed files
// through parsing and the text stages.
import { parentPort, workerData } from "node:worker_threads";
import { loadRegistry } from "./ingest/index.ts";
import { compile, processBytes } from "./pipeline.ts";
import type { Job } from "./workers.ts";

const { registryDir } = workerData as { registryDir?: string };
const compiled = compile(loadRegistry(registryDir));
parentPort!.on("message", (jobs: Job[]) => {
  parentPort!.postMessage(jobs.map((j) => processBytes(j.rel, j.bytes, compiled)));
});
parentPort!.postMessage("ready");
