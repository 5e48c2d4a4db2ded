// The one entry point: `npm run build` (build) and `npm start` (serve).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, rmdirSync, writeFileSync, accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import fg from "fast-glob";
import type { Archive, ArticleEntry, Registry, Spooled } from "./model.ts";
import { RegistryError } from "./ingest/index.ts";
import { normalizeBase, normalizeSiteUrl, searchRecords } from "./archive/index.ts";
import { INDEX_DIR } from "./archive/search.ts";
import { runPipeline, type SeedMemory } from "./pipeline.ts";
import { apiFiles, articleSpec, contentFiles, createRenderer, createSigner, outputPath, pageFiles, pageSpecs, unchanged, withBase, writeChanged, type PageSpec, type Signatures, type WriteResult } from "./render/index.ts";
import { ArticleSpool, TextCache, fingerprint, type SpoolShare } from "./cache.ts";
import { createProgress, type Progress } from "./progress.ts";
import { claimed, runWorker, unwarm, warm, type PageJob, type SearchJob, type Written } from "./workers.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const CONFIG = path.join(ROOT, "eleventy.config.ts");
const TEMPLATES = path.join(ROOT, "templates");
const REGISTRY = path.join(ROOT, "src", "registry");
/** Written into every output folder so a later build knows the folder is ours to replace. */
export const MARKER = ".archive-build";

const USAGE = `Usage:
  npm run build -- [--seeds DIR] [--out DIR] [--base /sub/path/] [--site-url URL] [--cache DIR | --no-cache]
                   [--threads N] [--strict] [--quiet] [--stats FILE]
  npm start -- [--seeds DIR] [--out DIR] [--port N] [--cache DIR | --no-cache]

  --seeds DIR   folder of .txt and .md articles (default: seeds/)
  --out DIR     where the site is written (default: _site/)
  --base PATH   serve the site under this path, e.g. /archive/ (default: /)
  --site-url U  the public address of the host, for feeds, the sitemap and canonical links
                (default: http://localhost:8080)
  --cache DIR   where the text stages remember each file by content hash, so a rebuild only
                reprocesses changed files (default: .cache/text/; safe to delete)
  --no-cache    neither read nor write the cache
  --threads N   worker threads for the text stages (default: one per core, for a few hundred files or more)
  --strict      fail (exit 3) and write nothing when any file was skipped
  --quiet       print only errors (no progress, no summary)
  --stats FILE  write the time and peak memory of each stage, pages and bytes written, as JSON
  --port N      dev server port for npm start (default: 8080)`;

export class BuildError extends Error {}

interface Options {
  command: "build" | "serve";
  seeds: string;
  out: string;
  base: string;
  siteUrl: string;
  strict: boolean;
  quiet: boolean;
  port: number;
  cache: string | null;
  stats: string | null;
  threads: number | undefined;
}

function parse(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seeds: { type: "string", default: "seeds" },
      out: { type: "string", default: "_site" },
      base: { type: "string", default: "/" },
      "site-url": { type: "string", default: "http://localhost:8080" },
      strict: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      cache: { type: "string", default: ".cache/text" },
      "no-cache": { type: "boolean", default: false },
      stats: { type: "string" },
      threads: { type: "string" },
      port: { type: "string", default: "8080" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const command = positionals[0] ?? "build";
  if (command !== "build" && command !== "serve") throw new BuildError(`unknown command "${command}"\n${USAGE}`);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) throw new BuildError(`--threads must be a whole number from 1 to 64, not "${values.threads}"`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new BuildError(`--port must be a port number, not "${values.port}"`);
  return {
    command,
    seeds: path.resolve(values.seeds),
    out: path.resolve(values.out),
    base: normalizeBase(values.base),
    siteUrl: normalizeSiteUrl(values["site-url"]),
    strict: values.strict,
    quiet: values.quiet,
    port,
    cache: values["no-cache"] ? null : path.resolve(values.cache),
    stats: values.stats ? path.resolve(values.stats) : null,
    threads,
  };
}

/** Refuse output folders whose replacement would destroy something that is not a previous build. */
function checkOutput(out: string, seeds: string): void {
  const inside = (a: string, b: string) => a === b || !path.relative(b, a).startsWith("..");
  if (out === path.parse(out).root) throw new BuildError(`--out ${out} is the root of the file system`);
  if (inside(ROOT, out) || inside(seeds, out) || inside(out, seeds) || inside(TEMPLATES, out) || inside(out, TEMPLATES)) {
    throw new BuildError(`--out ${out} overlaps the project, the seeds or the templates; choose a folder of its own`);
  }
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new BuildError(`--out ${out} exists and is not a folder`);
    const entries = readdirSync(out);
    if (entries.length && !entries.includes(MARKER)) {
      throw new BuildError(`--out ${out} already holds files that this tool did not write; empty it or choose another folder`);
    }
  }
  const parent = path.dirname(out);
  try {
    mkdirSync(parent, { recursive: true });
    accessSync(parent, constants.W_OK);
  } catch (e) {
    throw new BuildError(`cannot write the output folder ${out}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
}

/** Eleventy's module, loaded once: a build starts it loading while the worker threads tag the articles. */
let eleventyModule: Promise<typeof import("@11ty/eleventy")> | undefined;
const loadEleventy = () => (eleventyModule ??= import("@11ty/eleventy"));

/** Eleventy over the archive. */
async function eleventy(archive: Archive | (() => Promise<Archive>), out: string, base: string, runMode: "build" | "serve", extra?: (c: any) => void) {
  const { default: Eleventy } = await loadEleventy();
  return new Eleventy(TEMPLATES, out, {
    source: "script",
    runMode,
    configPath: CONFIG,
    quietMode: true,
    config(cfg: any) {
      cfg.addGlobalData("archive", archive);
      // --base: the same rewriting of root-relative links as the pages of src/render get.
      cfg.addTransform("base", function (this: { page: { outputPath?: string | false } }, content: string) {
        return typeof this.page.outputPath === "string" && this.page.outputPath.endsWith(".html") ? withBase(content, base) : content;
      });
      extra?.(cfg);
    },
  });
}

/**
 * The bulk pages and the API (src/render), written into `dir` where changed. In a build (`site` given)
 * with every article set aside in the spool's shared memory, the article pages are rendered and written
 * on a worker thread while this one writes the rest, then both take the article pages left a few at a
 * time (claimed()), so that neither waits for the other at the end. A build without (`site.spool`
 * undefined: a large archive) renders every page here, collecting garbage every COLLECT_EVERY pages.
 */
async function writePages(archive: Archive, dir: string, progress: Progress, previous?: Signatures, existing?: string, site?: { siteUrl: string; spool?: SpoolShare; registry: Registry }):
  Promise<WriteResult & { pages: number }> {
  const specs = pageSpecs(archive);
  progress.stage("pages", specs.length, "pages written or up to date");
  const sign = createSigner();
  const signatures: Signatures = new Map();
  const aside: { entry: ArticleEntry; spooled: Spooled }[] = [];
  const here: PageSpec[] = [];
  for (const spec of specs) {
    const spooled = site?.spool && spec.article ? archive.spooled(spec.article) : undefined;
    if (!spooled) {
      here.push(spec);
      continue;
    }
    const file = { path: outputPath(spec.url), signature: sign(spec) };
    signatures.set(file.path, file.signature);
    if (!unchanged(file, dir, { previous, existing })) aside.push({ entry: spec.article!, spooled });
  }
  // Pages counted before any is written: those unchanged, then as each thread reports.
  const before = signatures.size - aside.length;
  let theirs = 0;
  let mine = 0;
  let mineAside = 0;
  const show = () => progress.update(before + theirs + mine + mineAside);
  const next = new SharedArrayBuffer(4);
  const worker = aside.length
    ? runWorker<Written>("page-worker.ts", {
        articles: aside.map((a) => a.entry),
        spooled: aside.map((a) => a.spooled),
        spool: site!.spool!,
        registry: site!.registry,
        templatesDir: TEMPLATES,
        base: archive.base,
        siteRoot: archive.siteRoot,
        siteUrl: site!.siteUrl,
        dir,
        next,
      } satisfies PageJob, (n) => {
        theirs = n;
        show();
      })
    : undefined;
  let pages: WriteResult;
  let api: WriteResult;
  let shared: WriteResult;
  try {
    const renderer = createRenderer(TEMPLATES, archive);
    const alone = site && !site.spool;
    pages = writeChanged(pageFiles(here, renderer, sign), dir, { previous, existing, onFile: (done) => {
      mine = done;
      show();
      if (alone && done % COLLECT_EVERY === 0) collectGarbage();
    } });
    api = writeChanged(apiFiles(archive), dir, { previous, existing });
    // The article pages the worker has not reached yet (signed above).
    const left = function* () {
      for (const i of claimed(new Int32Array(next), aside.length)) yield articleSpec(aside[i]!.entry, archive.page);
    };
    shared = writeChanged(pageFiles(left(), renderer, () => ""), dir, { onFile: (done) => ((mineAside = done), show()) });
  } catch (e) {
    await worker?.stop();
    throw e;
  }
  const done = await worker?.done;
  theirs = aside.length - mineAside;
  show();
  progress.end();
  return {
    signatures: new Map([...signatures, ...pages.signatures, ...api.signatures]),
    pages: specs.length + api.signatures.size,
    written: pages.written + shared.written + (done?.written ?? 0) + api.written,
    bytes: pages.bytes + shared.bytes + (done?.bytes ?? 0) + api.bytes,
  };
}

/** The search index (src/archive/search.ts), written into `dir` where changed. */
function writeSearch(archive: Archive, dir: string, previous?: Signatures, existing?: string): WriteResult {
  return writeChanged(contentFiles(searchRecords(archive)), dir, { previous, existing });
}

/**
 * The search index written into `dir`: on a worker thread when `spool` is given (a build of up to
 * THREADED_RENDER_MAX files) and every article was set aside in it, else on this thread when awaited.
 */
function startSearch(archive: Archive, dir: string, spool: SpoolShare | undefined, previous?: Signatures, existing?: string): { done(): Promise<WriteResult & { ms: number }>; stop(): Promise<void> } {
  const spooled = archive.articles.map((e) => archive.spooledText(e));
  if (spool && spooled.every((s) => s !== undefined)) {
    const mine = [...(previous ?? [])].filter(([rel]) => rel.startsWith(`${INDEX_DIR}/`));
    const worker = runWorker<Written>("search-worker.ts", { articles: archive.articles, spooled, spool, base: archive.base, actors: archive.actors.map((a) => ({ id: a.id, variants: a.variants })), dir, previous: mine, existing } satisfies SearchJob);
    return { done: async () => {
      const r = await worker.done;
      return { ...r, signatures: new Map(r.signatures) };
    }, stop: worker.stop };
  }
  return {
    async done() {
      const start = performance.now();
      return { ...writeSearch(archive, dir, previous, existing), ms: performance.now() - start };
    },
    stop: async () => undefined,
  };
}

/** Delete from `out` the files of the previous build that this one did not make, and their emptied folders. */
function removeStale(out: string, previous: Signatures | undefined, current: Signatures): void {
  for (const rel of previous?.keys() ?? []) {
    if (current.has(rel)) continue;
    rmSync(path.join(out, rel), { force: true });
    try {
      rmdirSync(path.dirname(path.join(out, rel)));
    } catch {
      // not empty
    }
  }
}

/** Every file under `dir` (but those matching `ignore`), relative, with "/" separators. */
function filesUnder(dir: string, ignore: string[] = []): string[] {
  return fg.sync("**/*", { cwd: dir, dot: true, onlyFiles: true, ignore });
}

const markerText = (build: string) => `Written by the Arabic news archive build ${build}; the next build replaces this folder.\n`;

/** The state of the last build into an output folder, kept beside the text cache. */
interface SiteManifest {
  /** Code, registry and templates fingerprint, base and site URL: any change rewrites every page. */
  global: string;
  /** Also in the output folder's marker: a folder written by another build is never updated in place. */
  build: string;
  files: [string, string][];
}

function manifestFile(o: Options): string | null {
  return o.cache ? path.join(o.cache, `pages-${createHash("sha256").update(o.out).digest("hex").slice(0, 16)}.json`) : null;
}

function siteFingerprint(base: string, siteUrl: string): string {
  return `${fingerprint([path.join(ROOT, "src"), TEMPLATES])} ${base} ${siteUrl}`;
}

/** The signatures of the previous build into `out`, if it can be updated in place. */
function readPrevious(file: string | null, global: string, out: string): Signatures | undefined {
  if (!file) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, "utf8")) as SiteManifest;
    if (m.global !== global || readFileSync(path.join(out, MARKER), "utf8") !== markerText(m.build)) return undefined;
    return new Map(m.files);
  } catch {
    return undefined;
  }
}

/**
 * Render into a folder beside the output, then put it in place: with no usable previous build by
 * swapping the folders, else by moving in the files that changed and deleting those that are gone.
 * A failure while rendering leaves the old site untouched.
 */
async function renderSite(archive: Archive, registry: Registry, out: string, siteUrl: string, spool: SpoolShare | undefined, stages: Stages, progress: Progress, previous: Signatures | undefined, manifest: string | null, global: string):
  Promise<{ pages: number; written: number; bytes: number }> {
  const tmp = `${out}.tmp-${process.pid}`;
  const old = `${out}.old-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp, { recursive: true });
  } catch (e) {
    throw new BuildError(`cannot write the output folder ${out}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  try {
    // The search index goes to its thread first (into INDEX_DIR, where nothing else writes); this one
    // renders Eleventy's few pages meanwhile, then the other pages.
    const searching = startSearch(archive, tmp, spool, previous, out);
    let bulk: Awaited<ReturnType<typeof writePages>>;
    let written: unknown;
    let eleventyFiles: string[];
    try {
      const elev = await eleventy(archive, tmp, archive.base, "build");
      // Eleventy prints its "Wrote N files" line even in quiet mode; our summary says it (errors reach us as exceptions).
      (elev as unknown as { logger: { overrideLogger(l: false): void } }).logger.overrideLogger(false);
      written = (await elev.write()) as unknown;
      // Eleventy's few pages and the copy of public/ are written every time.
      eleventyFiles = filesUnder(tmp, [`${INDEX_DIR}/**`]);
      bulk = await writePages(archive, tmp, progress, previous, out, { siteUrl, spool, registry });
    } catch (e) {
      await searching.stop();
      throw e;
    }
    stages.lap("render");
    // A large archive's search index is made next on this thread: with the garbage of rendering gone first.
    if (!spool) collectGarbage();
    const search = await searching.done();
    // Its own time: it ran beside the render stage.
    stages.add("search", search.ms);
    stages.restart();
    const signatures: Signatures = new Map([...eleventyFiles.map((f): [string, string] => [f, ""]), ...bulk.signatures, ...search.signatures]);
    // Named by what was built: two builds of the same input leave the same marker.
    const build = createHash("sha256").update(global).update(JSON.stringify([...signatures])).digest("hex").slice(0, 16);
    if (manifest) rmSync(manifest, { force: true });
    if (previous) {
      // Moves and deletions only from here: a build stopped now leaves every file whole, and no manifest,
      // so the next build rewrites everything.
      const made = new Set<string>();
      for (const rel of filesUnder(tmp)) {
        const dir = path.dirname(path.join(out, rel));
        if (!made.has(dir)) {
          mkdirSync(dir, { recursive: true });
          made.add(dir);
        }
        renameSync(path.join(tmp, rel), path.join(out, rel));
      }
      removeStale(out, previous, signatures);
      writeFileSync(path.join(out, MARKER), markerText(build));
      rmSync(tmp, { recursive: true, force: true });
    } else {
      writeFileSync(path.join(tmp, MARKER), markerText(build));
      const had = existsSync(out);
      if (had) renameSync(out, old);
      try {
        renameSync(tmp, out);
      } catch (e) {
        if (had) renameSync(old, out);
        throw e;
      }
      rmSync(old, { recursive: true, force: true });
    }
    if (manifest) {
      try {
        mkdirSync(path.dirname(manifest), { recursive: true });
        writeFileSync(manifest, JSON.stringify({ global, build, files: [...signatures] } satisfies SiteManifest));
      } catch {
        // Without it the next build rewrites every page.
      }
    }
    stages.lap("swap");
    return { pages: countPages(written) + bulk.pages, written: bulk.written, bytes: bulk.bytes };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // Eleventy may still be writing other pages when one fails: clean up again once it is done.
    process.once("exit", () => rmSync(tmp, { recursive: true, force: true }));
    throw e;
  }
}

/**
 * A full garbage collection, when Node runs with --expose-gc (`npm run build` and `npm start` do; else
 * nothing). Used where the main thread goes on alone through a large archive (above THREADED_RENDER_MAX):
 * between stages and every COLLECT_EVERY pages it renders. At 50,000 articles V8 otherwise sometimes let
 * the heap grow to 770 MB around 435 MB of live objects while rendering, and the peak went from 0.9 GB
 * to 1.03–1.09 GB in five builds of six; with these collections (0.2–0.35 s each) the render stage stays
 * at the text stage's peak (0.79–0.81 GB).
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
const COLLECT_EVERY = 15_000;

/** Wall time and peak memory (resident set, this process) at the end of each stage. */
export class Stages {
  readonly list: { stage: string; ms: number; peakRssMB: number }[] = [];
  private last = performance.now();
  lap(stage: string): void {
    const now = performance.now();
    this.list.push({ stage, ms: Math.round(now - this.last), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) });
    this.last = now;
  }
  restart(): void {
    this.last = performance.now();
  }
  add(stage: string, ms: number): void {
    this.list.push({ stage, ms: Math.round(ms), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) });
  }
}

function countPages(written: unknown): number {
  const flat = Array.isArray(written) ? written.flat(2) : [];
  return flat.filter((w) => w && typeof w === "object" && "outputPath" in w && (w as { outputPath: unknown }).outputPath).length;
}

/** The message of an error and of its causes (Eleventy wraps template errors several times). */
export function describe(e: unknown): string {
  const lines: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 6; depth++) {
    const err = cur as { message?: string; originalError?: unknown; cause?: unknown };
    const msg = (err.message ?? String(cur)).trim();
    if (msg && !lines.some((l) => l.includes(msg))) lines.push(msg);
    cur = err.originalError ?? err.cause;
  }
  return lines.join("\n  caused by: ");
}

function summary(archive: Archive, out: string, pages: number, ms: number): string {
  const r = archive.report;
  const lines = [`Built ${r.articles} articles, ${r.events} events, ${r.actors} actors (${pages} files) into ${path.relative(process.cwd(), out) || "."}/ in ${(ms / 1000).toFixed(1)} s`];
  if (r.skipped.length) {
    lines.push(`Skipped ${r.skipped.length} file(s):`);
    for (const s of r.skipped) lines.push(`  ${s.source}: ${s.reason}`);
  }
  if (r.duplicates.length) {
    lines.push(`Duplicates (${r.duplicates.length}), not built twice:`);
    for (const d of r.duplicates) lines.push(`  ${d.source}: same text as ${d.duplicateOf}`);
  }
  if (r.warnings.length) {
    lines.push(`Warnings (${r.warnings.length}):`);
    for (const w of r.warnings) lines.push(`  ${w.source}: ${w.message}`);
  }
  return lines.join("\n");
}

/** The text cache of --cache, keyed to this version of the code and the registry (both under src/). */
function openCache(o: Options): TextCache | undefined {
  return o.cache ? new TextCache(o.cache, fingerprint([path.join(ROOT, "src")])) : undefined;
}

export async function build(o: Options): Promise<number> {
  const start = performance.now();
  checkOutput(o.out, o.seeds);
  if (!existsSync(o.seeds)) throw new BuildError(`the seeds folder ${o.seeds} does not exist`);
  const progress = createProgress({ quiet: o.quiet });
  const cache = openCache(o);
  const stages = new Stages();
  // Whole articles wait in a file beside the output folder (known to be writable) until their pages are
  // made: at 50,000 articles, keeping them in memory took 3 GB more.
  const spool = new ArticleSpool(`${o.out}.spool-${process.pid}`);
  const drop = () => spool.close();
  process.once("exit", drop);
  try {
    return await buildWith(o, start, progress, cache, stages, spool);
  } finally {
    await unwarm();
    drop();
    process.off("exit", drop);
  }
}

/**
 * Up to this many seed files the render stage runs on three threads (src/page-worker.ts,
 * src/search-worker.ts) and the spool keeps articles in shared memory; above it, on the main thread
 * with the articles on disk: each thread holds its own copy of the article list and the search
 * worker its postings, and at 50,000 articles the threads took the peak from 0.8 to 2 GB.
 */
export const THREADED_RENDER_MAX = 12_000;

async function buildWith(o: Options, start: number, progress: Progress, cache: TextCache | undefined, stages: Stages, spool: ArticleSpool): Promise<number> {
  // A failure to load is reported where Eleventy is first used.
  loadEleventy().catch(() => undefined);
  let tagging = false;
  let threaded = true;
  const { archive, registry, timings } = await runPipeline({
    seeds: o.seeds,
    registryDir: REGISTRY,
    base: o.base,
    siteUrl: o.siteUrl,
    cache,
    spool,
    threads: o.threads,
    onListed(files) {
      if (files > THREADED_RENDER_MAX) {
        threaded = false;
        spool.onDiskOnly();
      } else {
        // The render stage's threads load their modules while the articles are tagged.
        warm("search-worker.ts");
        warm("page-worker.ts");
      }
    },
    onRead(done, total) {
      if (done === 1) progress.stage("reading", total, "files read");
      progress.update(done);
      if (done === total) progress.end();
    },
    onFile(done, total) {
      if (!tagging) progress.stage("articles", total, "files read and tagged");
      tagging = true;
      progress.update(done);
    },
  });
  progress.end();
  for (const [stage, ms] of Object.entries(timings)) stages.add(stage, ms);
  if (!threaded) collectGarbage();
  stages.restart();
  if (o.strict && (archive.report.skipped.length || archive.report.duplicates.length)) {
    console.error(summary(archive, o.out, 0, performance.now() - start));
    console.error(`--strict: ${archive.report.skipped.length} skipped and ${archive.report.duplicates.length} duplicate file(s); nothing was written.`);
    return 3;
  }
  const manifest = manifestFile(o);
  const global = siteFingerprint(archive.base, o.siteUrl);
  const previous = readPrevious(manifest, global, o.out);
  const { pages, written, bytes } = await renderSite(archive, registry, o.out, o.siteUrl, threaded ? spool.share : undefined, stages, progress, previous, manifest, global);
  cache?.prune();
  const ms = performance.now() - start;
  if (!o.quiet) {
    console.log(summary(archive, o.out, pages, ms));
    console.log(`  ${stages.list.map((s) => `${s.stage} ${(s.ms / 1000).toFixed(1)} s`).join(", ")}; peak memory ${Math.max(...stages.list.map((s) => s.peakRssMB))} MB` +
      (cache ? `; cache: ${cache.hits} of ${cache.hits + cache.misses} files unchanged` : "") +
      (previous ? `; ${written} page(s) changed, the rest kept` : ""));
  }
  if (o.stats) {
    writeFileSync(o.stats, JSON.stringify({ articles: archive.report.articles, pages, pagesWritten: written, htmlBytes: bytes, ms: Math.round(ms), stages: stages.list, cache: cache ? { hits: cache.hits, misses: cache.misses } : null }, null, 2));
  }
  return 0;
}

async function serve(o: Options): Promise<void> {
  checkOutput(o.out, o.seeds);
  // Between rebuilds the server keeps what it made of every file (read again only when its size or time
  // changes) and the signature of every page (written again only when it changes).
  const memory: SeedMemory = new Map();
  let previous: Signatures | undefined;
  let previousSearch: Signatures | undefined;
  let global = "";
  let started = 0;
  const load = async () => {
    started = performance.now();
    try {
      const now = siteFingerprint(o.base, o.siteUrl);
      if (now !== global) {
        // The registry or the templates changed: every file is tagged and every page written again.
        memory.clear();
        previous = undefined;
        previousSearch = undefined;
        global = now;
      }
      // A fresh cache object each time (its counters), over the same folder: only changed files are reprocessed.
      const cache = openCache(o);
      const { archive } = await runPipeline({ seeds: o.seeds, registryDir: REGISTRY, base: o.base, siteUrl: o.siteUrl, cache, memory });
      console.log(`[archive] ${archive.report.articles} articles, ${archive.report.skipped.length} skipped` + (cache ? `, ${cache.misses} file(s) (re)processed` : ""));
      return archive;
    } catch (e) {
      console.error(`[archive] ${describe(e)}`);
      throw e;
    }
  };
  let latest: Archive | undefined;
  const loadAndKeep = async () => (latest = await load());
  const elev = await eleventy(loadAndKeep, o.out, o.base, "serve", (cfg) => {
    cfg.on("eleventy.after", async () => {
      const archive = latest;
      if (!archive) return;
      const { signatures, written, pages } = await writePages(archive, o.out, createProgress({ quiet: true }), previous);
      removeStale(o.out, previous, signatures);
      previous = signatures;
      console.log(`[archive] ${written} of ${pages} pages written; ${((performance.now() - started) / 1000).toFixed(2)} s since the change`);
      // The search index once the pages are served (it is built from the whole archive, about a second
      // for 10,000 articles); a later change finds the new pages without waiting for it.
      setTimeout(() => {
        if (archive !== latest) return;
        const t = performance.now();
        try {
          // The first time, the folder may hold an older build: its search index is replaced whole.
          if (!previousSearch) rmSync(path.join(o.out, INDEX_DIR), { recursive: true, force: true });
          const search = writeSearch(archive, o.out, previousSearch);
          removeStale(o.out, previousSearch, search.signatures);
          previousSearch = search.signatures;
          console.log(`[archive] search index: ${search.written} of ${search.signatures.size} files written in ${((performance.now() - t) / 1000).toFixed(2)} s`);
        } catch (e) {
          // Written whole again by the next change; the server goes on.
          previousSearch = undefined;
          console.error(`[archive] the search index could not be written: ${describe(e)}`);
        }
      }, 0);
    });
    cfg.addWatchTarget(path.join(TEMPLATES, "pages"));
    cfg.addWatchTarget(o.seeds);
    cfg.addWatchTarget(REGISTRY);
    cfg.addWatchTarget(path.join(ROOT, "public"));
    cfg.setServerOptions({ port: o.port });
  });
  await elev.init();
  const rebuild = (await elev.watch()) as unknown as (path: string) => Promise<void>;
  // Eleventy 3 only logs a deleted file; a deleted article (or registry file) must leave the site too.
  (elev as unknown as { watcher: { on(event: "unlink", f: (p: string) => void): void } }).watcher.on("unlink", (p) => {
    if (/\.(txt|md|ya?ml)$/i.test(p)) void rebuild(p);
  });
  writeFileSync(path.join(o.out, MARKER), "Written by the Arabic news archive dev server.\n");
  elev.serve(o.port);
}

async function main(): Promise<void> {
  let o: Options;
  try {
    o = parse(process.argv.slice(2));
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exit(2);
  }
  process.chdir(ROOT);
  try {
    if (o.command === "serve") await serve(o);
    else {
      process.exitCode = await build(o);
    }
  } catch (e) {
    if (e instanceof RegistryError) console.error(`error: the registry is invalid: ${e.message}\nNothing was written.`);
    else if (e instanceof BuildError) console.error(`error: ${e.message}\nNothing was written.`);
    else console.error(`error: the site could not be rendered; the previous output is unchanged.\n  ${describe(e)}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
