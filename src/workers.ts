// The text stages on every core: seed files the cache does not know are sent in batches to worker
// threads, each with its own compiled registry; results come back in the order the files were listed.
import { Worker } from "node:worker_threads";
import { availableParallelism } from "node:os";
import type { Done } from "./pipeline.ts";
import type { ArticleEntry, Spooled } from "./model.ts";
import type { SpoolShare } from "./cache.ts";

export interface Job {
  rel: string;
  bytes: Uint8Array;
  /** The file's content hash (its article's version). */
  key: string;
}

/** What a text stages' worker thread (src/text-worker.ts) needs: the registry, and whether to send texts apart (pipeline.ts finish). */
export interface TextWorkerData {
  registryDir?: string;
  apart: boolean;
}

const BATCH = 25;

/** A worker thread running `file` (in src/) with `workerData`. */
export function startWorker(file: string, workerData: unknown): Worker {
  const entry = new URL(`./${file}`, import.meta.url).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  // Under tsx a worker must register the TypeScript loader itself before importing the entry.
  const boot = `import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

/** How many threads are worth starting for `jobs` files (one core's worth per 150 files, at most one per core). */
export function threadsFor(jobs: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(jobs / 150)));
}

/**
 * Worker threads running the text stages on jobs that arrive while they work: the main thread reads
 * files and adds them (add()), the threads take them in batches, and close() says no more will come.
 * `take(i)` gives job i when it is sent (so that the bytes of files are not all held at once), `onDone`
 * is told after each file.
 */
export class TextPool {
  private added = 0;
  private next = 0;
  private closed = false;
  private parked: (() => void)[] = [];
  /** Settles when every job added before close() is done. */
  readonly done: Promise<void>;

  constructor(take: (i: number) => Job, data: TextWorkerData, threads: number, onDone: (i: number, r: Done) => void) {
    const run = () =>
      new Promise<void>((resolve, reject) => {
        const w = startWorker("text-worker.ts", data);
        let batch: number[] = [];
        const send = () => {
          batch = [];
          while (batch.length < BATCH && this.next < this.added) batch.push(this.next++);
          if (batch.length) w.postMessage(batch.map(take));
          else if (this.closed) void w.terminate().then(() => resolve());
          else this.parked.push(send);
        };
        w.on("message", (results: Done[] | "ready") => {
          if (results !== "ready") results.forEach((r, k) => onDone(batch[k]!, r));
          send();
        });
        w.on("error", (e) => reject(e));
      });
    this.done = Promise.all(Array.from({ length: threads }, run)).then(() => undefined);
    // Until the caller awaits it, a failure is held, not reported as unhandled.
    this.done.catch(() => undefined);
  }

  /** Jobs [0, count) may now be taken. */
  add(count: number): void {
    this.added = count;
    this.wake();
  }

  /** No job will be added after those already added. */
  close(): Promise<void> {
    this.closed = true;
    this.wake();
    return this.done;
  }

  private wake(): void {
    const parked = this.parked;
    this.parked = [];
    for (const send of parked) send();
  }
}

/**
 * Run `file` (in src/) on a worker thread until it posts `{result}`; `{progress: n}` messages go to
 * onProgress. stop() ends it early (the build failed elsewhere).
 */
export function runWorker<T>(file: string, data: unknown, onProgress?: (n: number) => void): { done: Promise<T>; stop(): Promise<void> } {
  const w = startWorker(file, data);
  const done = new Promise<T>((resolve, reject) => {
    w.on("message", (m: { progress?: number; result?: T }) => {
      if (m.result !== undefined) resolve(m.result);
      else if (m.progress !== undefined) onProgress?.(m.progress);
    });
    w.once("error", reject);
    w.once("exit", (code) => reject(new Error(`the worker thread of ${file} stopped before it finished (exit code ${code})`)));
  });
  // Until the caller awaits it, a failure is held, not reported as unhandled.
  done.catch(() => undefined);
  return { done, stop: () => w.terminate().then(() => undefined) };
}

/** What the search index's worker thread (src/search-worker.ts) needs: the articles, where each one's text was set aside, where to write. */
export interface SearchJob {
  articles: ArticleEntry[];
  /** Where each article's text (articleText) is in the spool. */
  spooled: Spooled[];
  spool: SpoolShare;
  base: string;
  dir: string;
  /** The previous build's files under search/ (path, signature), and the folder they are in. */
  previous: [string, string][];
  existing?: string;
}

/** What the article pages' worker thread (src/page-worker.ts) needs: the pages to write and how. */
export interface PageJob {
  articles: ArticleEntry[];
  spooled: Spooled[];
  spool: SpoolShare;
  registryDir?: string;
  templatesDir: string;
  /** The Archive's base and siteRoot, and the --site-url it was built with. */
  base: string;
  siteRoot: string;
  siteUrl: string;
  dir: string;
  /** The claim counter the threads writing article pages share (claimed()). */
  next: SharedArrayBuffer;
}

/** Article pages a thread claims at a time: small enough that the threads finish together. */
const CLAIM = 16;

/**
 * Indices in [0, count) claimed a few at a time from a counter shared by every thread that does the same
 * work (`next`, an Int32Array over a SharedArrayBuffer): each index goes to exactly one thread, and a
 * thread that is done with its own work takes what the others have not reached.
 */
export function* claimed(next: Int32Array, count: number): Generator<number> {
  for (;;) {
    const from = Atomics.add(next, 0, CLAIM);
    if (from >= count) return;
    for (let i = from; i < Math.min(count, from + CLAIM); i++) yield i;
  }
}

/** The result of a worker that wrote files. */
export interface Written {
  signatures?: [string, string][];
  written: number;
  bytes: number;
  /** The worker's own time. */
  ms: number;
}
