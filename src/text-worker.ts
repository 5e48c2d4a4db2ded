// A worker thread of src/workers.ts: compiles the registry it is given once, then runs batches of seed files
// through parsing and the text stages, and sends back each article's head and texts (pipeline.ts finish, packDone).
import { parentPort, workerData } from "node:worker_threads";
import { compile, finish, processFiles } from "./pipeline.ts";
import { packDone, type Job, type TextWorkerData } from "./workers.ts";

const { registry } = workerData as TextWorkerData;
const compiled = compile(registry);
parentPort!.on("message", (jobs: Job[]) => {
  // The heads and the texts only (the whole article is not copied to the main thread), the texts moved
  // as one buffer.
  const { packed, transfer } = packDone(processFiles(jobs, compiled).map((r, i) => finish(r, jobs[i]!.key)));
  parentPort!.postMessage(packed, [transfer]);
});
parentPort!.postMessage("ready");
