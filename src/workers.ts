// Worker threads: the text stages on every core (seed files the cache does not know are sent in batches,
// each thread with its own compiled registry; results come back in the order the files were listed), the
// render stage's threads (started ahead, given their job as a message), and the compiled code they run.
import { Worker, parentPort } from "node:worker_threads";
import { availableParallelism } from "node:os";
import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fingerprint, textOf } from "./cache.ts";
import type { Article, ArticleEntry, ArticleHead, Registry, Rejection, Spooled } from "./model.ts";
import type { SpoolShare, Text } from "./cache.ts";

/**
 * A seed file through the text stages as the main thread keeps it: the article's head and the whole
 * result as JSON text (what the cache and the spool store), or why the file is no article. Made on the
 * worker threads, so that the main thread neither copies nor serializes whole articles.
 */
export type Done = { rejection: Rejection } | { head: ArticleHead; json: Text; apart?: { api: Text; text: Text }; article?: Article };

export interface Job {
  rel: string;
  bytes: Uint8Array;
  /** The file's content hash (its article's version). */
  key: string;
}

/** What a text stages' worker thread (src/text-worker.ts) needs: the registry, and whether to send texts apart (pipeline.ts finish). */
export interface TextWorkerData {
  /** The registry as the main thread loaded it (each thread parsing the YAML again took 110-130 ms). */
  registry: Registry;
  apart: boolean;
}

/** Seed files sent to a text thread at once (and processed together on the main thread, pipeline.ts processFiles). */
export const BATCH = 25;
/** Batches a text thread holds at once. */
const IN_FLIGHT = 2;

/** The worker threads' entry points, in src/. */
const ENTRIES = ["text-worker.ts", "page-worker.ts", "search-worker.ts"];

/**
 * A batch of results as a text thread sends it (packDone): the heads and rejections as objects, and every
 * text (Done's json and apart) as UTF-16 in one buffer, which postMessage moves instead of copying.
 */
export interface PackedDone {
  results: ({ rejection: Rejection } | { head: ArticleHead; lengths: number[] })[];
  texts: Uint8Array;
}

/** The results of a batch packed for the main thread; `transfer` is the buffer to move. Articles are left out. */
export function packDone(done: Done[]): { packed: PackedDone; transfer: ArrayBuffer } {
  const parts: string[] = [];
  const results: PackedDone["results"] = done.map((d) => {
    if ("rejection" in d) return d;
    const texts = [d.json, ...(d.apart ? [d.apart.api, d.apart.text] : [])].map(textOf);
    parts.push(...texts);
    return { head: d.head, lengths: texts.map((t) => t.length) };
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
  const next = (units: number) => batch.texts.subarray(at, (at += units * 2));
  return batch.results.map((r) => {
    if ("rejection" in r) return r;
    const [json, api, text] = r.lengths.map(next);
    return { head: r.head, json: json!, ...(api && text ? { apart: { api, text } } : {}) };
  });
}

/** Where compiled worker threads are kept, by a hash of src/, public/js/ and the compiler's version (safe to delete). */
export const WORKER_BUNDLES = path.join(import.meta.dirname, "..", "node_modules", ".cache", "arabic-news-archive", "workers");

let bundles: string | null | undefined;

/**
 * The folder holding each worker thread's code compiled into one JavaScript module by esbuild, made once
 * for each version of src/; null if it cannot be made (the threads then go through tsx). A thread started
 * from it neither starts a TypeScript loader thread of its own nor has each module transformed and
 * resolved through it: ready in about 0.3 s and 0.4 s of CPU instead of 0.55 s and 0.8 s.
 */
export function workerBundles(): string | null {
  if (bundles !== undefined) return bundles;
  const src = import.meta.dirname;
  try {
    // Loaded here only: the threads, whose code includes this module, never need it.
    const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
    // The threads' code includes the search page's script (particleForms, shardOf, htmlText).
    const dir = path.join(WORKER_BUNDLES, `${fingerprint([src, path.join(src, "..", "public", "js")])}-${esbuild.version}`);
    if (!ENTRIES.every((e) => existsSync(path.join(dir, e.replace(/\.ts$/, ".mjs"))))) {
      // Written beside, then renamed: a build never starts a thread from half-written code.
      const tmp = `${dir}.tmp-${process.pid}`;
      esbuild.buildSync({
        entryPoints: ENTRIES.map((e) => path.join(src, e)),
        outdir: tmp,
        outExtension: { ".js": ".mjs" },
        bundle: true,
        platform: "node",
        format: "esm",
        target: `node${process.versions.node}`,
        // Packages are imported from node_modules, which the folder is under.
        packages: "external",
        logLevel: "silent",
      });
      try {
        renameSync(tmp, dir);
      } catch (e) {
        // Another build made it meanwhile.
        rmSync(tmp, { recursive: true, force: true });
        if (!existsSync(dir)) throw e;
      }
      // The code of older versions of src/.
      for (const old of readdirSync(WORKER_BUNDLES)) {
        if (old !== path.basename(dir) && !old.includes(".tmp-")) rmSync(path.join(WORKER_BUNDLES, old), { recursive: true, force: true });
      }
    }
    bundles = dir;
  } catch {
    bundles = null;
  }
  return bundles;
}

/**
 * The options of this process that a thread running compiled code is started with: only the profilers'
 * (`--cpu-prof`, `--heap-prof` and their settings). A thread otherwise inherits them all, `--import tsx`
 * included, and loads the TypeScript loader it does not need (a text thread was ready in 0.30-0.37 s
 * instead of 0.43-0.67 s, with 0.15 s less CPU); V8's options (--expose-gc, the heap's) hold for every
 * thread of the process, and a thread refuses to be given them.
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

/** A worker thread running `file` (in src/) with `workerData`. */
export function startWorker(file: string, workerData: unknown): Worker {
  const dir = workerBundles();
  if (dir) return new Worker(path.join(dir, file.replace(/\.ts$/, ".mjs")), { workerData, execArgv: threadExecArgv(process.execArgv) });
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
        // Up to IN_FLIGHT batches at once: the thread starts the next while this thread, busy reading
        // files, has yet to take the answer to the last.
        const inFlight: number[][] = [];
        let parked = false;
        let stopping = false;
        const fill = () => {
          parked = false;
          while (inFlight.length < IN_FLIGHT && this.next < this.added) {
            const batch: number[] = [];
            while (batch.length < BATCH && this.next < this.added) batch.push(this.next++);
            inFlight.push(batch);
            w.postMessage(batch.map(take));
          }
          if (inFlight.length === IN_FLIGHT || stopping) return;
          if (this.closed) {
            if (inFlight.length) return; // the answers still to come call fill() again
            stopping = true;
            void w.terminate().then(() => resolve());
          } else {
            parked = true;
            this.parked.push(fill);
          }
        };
        w.on("message", (results: PackedDone | "ready") => {
          if (results !== "ready") {
            const batch = inFlight.shift()!;
            unpackDone(results).forEach((r, k) => onDone(batch[k]!, r));
          }
          if (!parked) fill();
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

/** Worker threads started before their job is known (warm()), by file: their modules load meanwhile. */
const warmed = new Map<string, Worker>();

/**
 * Start the worker thread of `file` (in src/) now, for a runWorker() of the same file later: starting a
 * thread and loading its modules takes a few tenths of a second, which it spends while this thread works.
 */
export function warm(file: string): void {
  if (!warmed.has(file)) warmed.set(file, startWorker(file, undefined));
}

/** Stop the warmed threads no runWorker() took (a build that ended early, or did not need them). */
export async function unwarm(): Promise<void> {
  const idle = [...warmed.values()];
  warmed.clear();
  await Promise.all(idle.map((w) => w.terminate()));
}

/**
 * Run `file` (in src/) on a worker thread (a warmed one if there is one) with `data`, its first message
 * (jobWorkerData() in the thread), until it posts `{result}`; `{progress: n}` messages go to onProgress.
 * stop() ends it early (the build failed elsewhere).
 */
export function runWorker<T>(file: string, data: unknown, onProgress?: (n: number) => void): { done: Promise<T>; stop(): Promise<void> } {
  const w = warmed.get(file) ?? startWorker(file, undefined);
  warmed.delete(file);
  const done = new Promise<T>((resolve, reject) => {
    w.on("message", (m: { progress?: number; result?: T }) => {
      if (m.result !== undefined) resolve(m.result);
      else if (m.progress !== undefined) onProgress?.(m.progress);
    });
    w.once("error", reject);
    w.once("exit", (code) => reject(new Error(`the worker thread of ${file} stopped before it finished (exit code ${code})`)));
  });
  w.postMessage(data);
  // Until the caller awaits it, a failure is held, not reported as unhandled.
  done.catch(() => undefined);
  return { done, stop: () => w.terminate().then(() => undefined) };
}

/** In a thread of runWorker(): its job, the first message it gets. */
export function jobWorkerData<T>(): Promise<T> {
  return new Promise((resolve) => parentPort!.once("message", resolve));
}

/** What the search index's worker thread (src/search-worker.ts) needs: the articles, where each one's text was set aside, where to write. */
export interface SearchJob {
  articles: ArticleEntry[];
  /** Where each article's text (articleText) is in the spool. */
  spooled: Spooled[];
  spool: SpoolShare;
  base: string;
  /** The registry's actors and their spellings (search queries that name one). */
  actors: { id: string; variants: string[] }[];
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
  registry: Registry;
  templatesDir: string;
  /** The Archive's base and siteRoot, and the --site-url it was built with. */
  base: string;
  siteRoot: string;
  siteUrl: string;
  site: import("./strings/index.ts").Site;
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
