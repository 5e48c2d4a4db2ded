// The text stages on every core: seed files the cache does not know are sent in batches to worker
// threads, each with its own compiled registry; results come back in the order the files were listed.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { Done } from "./pipeline.ts";

export interface Job {
  rel: string;
  bytes: Uint8Array;
  /** The file's content hash (its article's version). */
  key: string;
}

const BATCH = 25;

/** How many threads are worth starting for `jobs` files (one core's worth per 150 files, at most one per core). */
export function threadsFor(jobs: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(jobs / 150)));
}

/**
 * Process `count` jobs on `threads` worker threads; `take(i)` gives job i when it is sent (so that the
 * bytes of files are not all held at once), `onDone` is told after each file.
 */
export async function processOnWorkers(count: number, take: (i: number) => Job, registryDir: string | undefined, threads: number, onDone: (i: number, r: Done) => void): Promise<void> {
  const entry = new URL("./text-worker.ts", import.meta.url).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  // Under tsx a worker must register the TypeScript loader itself before importing the entry.
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`;
  let next = 0;
  const run = () =>
    new Promise<void>((resolve, reject) => {
      const w = new Worker(boot, { eval: true, workerData: { registryDir } });
      let batch: number[] = [];
      const send = () => {
        batch = [];
        while (batch.length < BATCH && next < count) batch.push(next++);
        if (!batch.length) {
          void w.terminate().then(() => resolve());
          return;
        }
        w.postMessage(batch.map(take));
      };
      w.on("message", (results: Done[] | "ready") => {
        if (results !== "ready") results.forEach((r, k) => onDone(batch[k]!, r));
        send();
      });
      w.on("error", (e) => reject(e));
    });
  await Promise.all(Array.from({ length: threads }, run));
}
