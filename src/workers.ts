// Worker threads: the text stages on every core (seed files the cache does not know are sent in batches,
// each thread with its own compiled registry; results come back in the order the files were listed), and
// the compiled code they run. The build's only parallel work.
import type { Piscina } from "piscina";
import { lazyPackage } from "./lazy.ts";
import { availableParallelism } from "node:os";
import path from "node:path";
import { textOf } from "./cache.ts";
import type { ArticleHead, Registry, Rejection } from "./model.ts";
import type { Done, Text } from "./cache.ts";

const piscina = lazyPackage<typeof import("piscina")>("piscina");

export interface Job {
  rel: string;
  bytes: Uint8Array;
  /** The file's content hash (its article's version). */
  key: string;
}

/** What a text stages' worker thread (src/text-worker.ts) needs. */
export interface TextWorkerData {
  /** The registry as the main thread loaded it (each thread parsing the YAML again took 110-130 ms). */
  registry: Registry;
}

/** Seed files sent to a text thread at once (and processed together on the main thread, pipeline.ts processFiles). */
export const BATCH = 25;
/** Batches a text thread holds at once. */
const IN_FLIGHT = 2;

/**
 * A batch of results as a text thread sends it (packDone): the heads and rejections as objects, and every
 * Done's json as UTF-16 in one buffer, which postMessage moves instead of copying.
 */
export interface PackedDone {
  results: ({ rejection: Rejection } | { head: ArticleHead; length: number })[];
  texts: Uint8Array;
}

/** The results of a batch packed for the main thread; `transfer` is the buffer to move. Articles are left out. */
export function packDone(done: Done[]): { packed: PackedDone; transfer: ArrayBuffer } {
  const parts: string[] = [];
  const results: PackedDone["results"] = done.map((d) => {
    if ("rejection" in d) return d;
    const json = textOf(d.json);
    parts.push(json);
    return { head: d.head, length: json.length };
  });
  let units = 0;
  for (const t of parts) units += t.length;
  // A buffer of its own (not a slice of Node's pool), so that it can be moved.
  const buf = Buffer.allocUnsafeSlow(units * 2);
  let at = 0;
  for (const t of parts) at += buf.write(t, at, "utf16le");
  return { packed: { results, texts: new Uint8Array(buf.buffer, buf.byteOffset, at) }, transfer: buf.buffer };
}

/** The Done of each result of a packed batch; its texts are views of the batch's buffer. */
export function unpackDone(batch: PackedDone): Done[] {
  let at = 0;
  return batch.results.map((r) => ("rejection" in r ? r : { head: r.head, json: batch.texts.subarray(at, (at += r.length * 2)) }));
}

/**
 * The options of this process that the pool's threads are started with: only the profilers' (`--cpu-prof`,
 * `--heap-prof` and their settings). A thread otherwise inherits them all: `--import tsx`, which does not
 * work in a thread (src/text-worker.mjs registers tsx itself when the code is not compiled), and V8's
 * options, which hold for every thread of the process and which a thread refuses to be given.
 */
export function threadExecArgv(execArgv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    if (!/^--(cpu|heap)-prof(-|=|$)/.test(a)) continue;
    out.push(a);
    // --cpu-prof-dir DIR and the like: the value is the next argument.
    if (/^--(cpu|heap)-prof-(dir|name|interval)$/.test(a) && i + 1 < execArgv.length) out.push(execArgv[++i]!);
  }
  return out;
}

/**
 * The file the pool's threads load, beside this module: the text stages' compiled code when the program
 * runs compiled (src/run.mjs), else src/text-worker.mjs, which registers the TypeScript loader in the thread
 * before loading src/text-worker.ts.
 */
const TEXT_WORKER = path.join(import.meta.dirname, "text-worker.mjs");

/**
 * Files to process a thread is worth starting for: a thread takes about half a second of both cores to
 * load the code and compile the registry. Measured on this 2-core machine, quiet (docs/PERFORMANCE.md),
 * cold builds of the benchmark's articles with two threads against none: 600 files, the same (3.6-3.8 s
 * either way); 800 files, 4.04 s against 4.42 s (median of 4 pairs); 1,000 files, 4.35 s against 4.87 s.
 */
export const FILES_PER_THREAD = 350;

/** How many threads are worth starting for `jobs` files (one per FILES_PER_THREAD files, at most one per core; 1 means none). */
export function threadsFor(jobs: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(jobs / FILES_PER_THREAD)));
}

/** The file the search index's thread loads (src/search-worker.ts; found as TEXT_WORKER is). */
export const SEARCH_WORKER = path.join(import.meta.dirname, "search-worker.mjs");

/**
 * The default task of `file` on a thread of its own, while this thread goes on; the thread ends with the
 * task. The search index is made so (src/build/search.ts).
 */
export async function runTask<J, R>(file: string, job: J): Promise<R> {
  const pool = new (piscina().Piscina)({ filename: file, minThreads: 1, maxThreads: 1, execArgv: threadExecArgv(process.execArgv) });
  try {
    return (await pool.run(job)) as R;
  } finally {
    await pool.destroy();
  }
}

/**
 * The text stages on `threads` threads of a piscina pool, over jobs that arrive while they work: the main
 * thread reads files and adds them (add()), the pool is given batches of BATCH files, at most IN_FLIGHT a
 * thread at a time, and close() says no more will come. `take(i)` gives job i when its batch is sent (so
 * that the bytes of files are not all held at once), `onDone` is told after each file.
 */
export class TextPool {
  private readonly pool: Piscina;
  private added = 0;
  private next = 0;
  private running = 0;
  private closed = false;
  private over = false;
  private settle!: { resolve(): void; reject(e: unknown): void };
  /** Settles when every job added before close() is done. */
  readonly done: Promise<void>;

  constructor(private readonly take: (i: number) => Job, data: TextWorkerData, private readonly threads: number, private readonly onDone: (i: number, r: Done) => void) {
    this.pool = new (piscina().Piscina)({ filename: TEXT_WORKER, workerData: data, minThreads: threads, maxThreads: threads, idleTimeout: Infinity, execArgv: threadExecArgv(process.execArgv) });
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    // Until the caller awaits it, a failure is held, not reported as unhandled.
    this.done.catch(() => undefined);
  }

  /** Jobs [0, count) may now be taken. */
  add(count: number): void {
    this.added = count;
    this.send();
  }

  /** No job will be added after those already added. */
  close(): Promise<void> {
    this.closed = true;
    this.send();
    return this.done;
  }

  private send(): void {
    while (!this.over && this.running < this.threads * IN_FLIGHT && this.next < this.added) {
      const batch: number[] = [];
      while (batch.length < BATCH && this.next < this.added) batch.push(this.next++);
      this.running++;
      this.pool.run(batch.map((i) => this.take(i))).then(
        (packed: PackedDone) => {
          this.running--;
          try {
            unpackDone(packed).forEach((r, k) => this.onDone(batch[k]!, r));
          } catch (e) {
            this.end(e);
            return;
          }
          this.send();
        },
        (e: unknown) => this.end(e),
      );
    }
    if (this.closed && !this.running && this.next >= this.added) this.end();
  }

  private end(failure?: unknown): void {
    if (this.over) return;
    this.over = true;
    void this.pool.destroy().then(() => (failure === undefined ? this.settle.resolve() : this.settle.reject(failure)));
  }
}
