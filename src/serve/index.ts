// The dev server (`npm start`): src/serve/watch.ts watches the seeds, Eleventy the registry, the
// templates and public/; every change rebuilds what it touches into the dev server's own folder, which
// src/serve/static.ts serves on 127.0.0.1 (or --host). A mistake in the registry or a template is
// printed as the build prints it, and the last site built goes on being served; a file skipped or warned
// about is named when a rebuild finds it; the server stops with its parent process.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Archive } from "../model.ts";
import { INDEX_DIR, type SearchState } from "../archive/search.ts";
import { runPipeline, type Compiled, type SeedMemory } from "../pipeline.ts";
import { fingerprint } from "../cache.ts";
import { forgetTemplates, type Signatures } from "../render/index.ts";
import { createProgress } from "../progress.ts";
import { BuildError, describe, failureMessage, openCache, type BuildOptions } from "../build/index.ts";
import { MARKER, checkOutput, removeStale, searchStateOf, siteFingerprint } from "../build/output.ts";
import { ROOT, TEMPLATES } from "../build/paths.ts";
import { eleventy, eleventyData, siteEnvironment, writePages } from "../build/render.ts";
import { writeSearch } from "../build/search.ts";
import { fileNotes } from "../build/summary.ts";
import { serveFolder, type StaticServer } from "./static.ts";
import { watchFolders } from "./watch.ts";

/** What the dev server is given: a build's options, the port and the address to listen on. */
export interface ServeOptions extends BuildOptions {
  port: number;
  host: string;
}

const DEV_MARKER = "Written by the Arabic news archive dev server.\n";

/**
 * The causes in Eleventy's error messages (what its logger was given: "[11ty] 1. …", "[11ty] 2. …" and a
 * stack trace), in the words describe() gives them for the build: without prefixes, colours, "(via …)".
 */
export function eleventyCauses(messages: string[]): string[] {
  const causes: string[] = [];
  for (const message of messages) {
    const text = message.replace(/\x1b\[[0-9;]*m/g, "").replace(/^\[11ty\] ?/gm, "").trim();
    const m = /^\d+\.\s+([\s\S]*?)(?:\s+\(via [^)]+\))?$/.exec(text);
    if (m) causes.push(m[1]!);
  }
  return causes;
}

export async function serve(o: ServeOptions): Promise<number | void> {
  checkOutput(o.out, o.seeds);
  const markerFile = path.join(o.out, MARKER);
  if (existsSync(markerFile) && readFileSync(markerFile, "utf8") !== DEV_MARKER) {
    throw new BuildError(`--out ${o.out} holds a build of the site; the dev server writes a folder of its own (by default .cache/serve-site/)`);
  }
  // Between rebuilds the server keeps what it made of every file (read again only when its size or time
  // changes) and the signature of every page (written again only when it changes).
  const memory: SeedMemory = new Map();
  let previous: Signatures | undefined;
  let previousSearch: Signatures | undefined;
  let global = "";
  /** The registry as the last rebuild compiled it, for the next while the site's fingerprint holds. */
  let compiled: Compiled | undefined;
  /**
   * The paths the articles' watcher told since the last rebuild began, so that the pipeline looks only at
   * those files (PipelineOptions.touched); null while every file must be looked at: until a rebuild has
   * begun with the watcher on (a file may have changed before it started), and for good once a folder
   * cannot be watched.
   */
  let told: Set<string> | null = null;
  let watching = false;
  /** Whether a folder of the articles could not be watched: said once, and every file is looked at from then on. */
  let warned = false;
  /** A fingerprint of the templates Nunjucks compiled last: they are compiled again only when one changes. */
  let templates = "";
  /** Where the search index keeps its postings for the next rebuild (with a cache), as the build does. */
  let searchState: SearchState | undefined;
  let started = 0;
  /** The report's lines about files printed so far: a rebuild prints only those it adds. */
  let noted = new Set<string>();
  const load = async () => {
    started = performance.now();
    const paths = told;
    told = watching && !warned ? new Set() : null;
    try {
      const now = siteFingerprint(o.base, o.siteUrl, o.site, o.registry);
      if (now !== global) {
        // The registry or the templates changed: every file is tagged and every page written again.
        memory.clear();
        previous = undefined;
        previousSearch = undefined;
        compiled = undefined;
        global = now;
      }
      // The folder is written by this server alone, so the pages it wrote are not looked for one by one
      // (28,000 files at 10,000 articles: a rebuild 14% faster without, docs/PERFORMANCE.md); if it was
      // deleted or emptied, all are written again.
      if (!existsSync(markerFile)) {
        previous = undefined;
        previousSearch = undefined;
        mkdirSync(o.out, { recursive: true });
        writeFileSync(markerFile, DEV_MARKER);
      }
      // A fresh cache object each time (its counters), over the same folder: only changed files are reprocessed.
      const cache = openCache(o);
      searchState = cache ? searchStateOf(o, cache.print) : undefined;
      const result = await runPipeline({ seeds: o.seeds, registryDir: o.registry, base: o.base, siteUrl: o.siteUrl, site: o.site, cache, memory, touched: paths ? touchedUnder(o.seeds, paths) : undefined, drafts: true, previous: latest, compiled });
      const { archive } = result;
      compiled = result.compiled;
      console.log(`[archive] ${archive.report.articles} articles, ${archive.report.skipped.length} skipped` + (cache ? `, ${cache.misses} file(s) (re)processed` : ""));
      // Every file skipped or warned about is named, as the build's summary names it, once: a line stays
      // unprinted while it holds, and is printed again if it comes back after being put right.
      const notes = fileNotes(archive.report);
      for (const n of notes) if (!noted.has(n)) console.log(`[archive] ${n}`);
      noted = new Set(notes);
      return archive;
    } catch (e) {
      // The first build: there is no site to serve; the command prints the mistake as the build does.
      // What this rebuild was told is told again to the next.
      told = paths && told ? new Set([...paths, ...told]) : null;
      if (!latest) throw e;
      // Printed as the build prints it; Eleventy goes on with the last archive made, which changes nothing.
      round.reported = true;
      console.error(failureMessage(e, true));
      round.failed = true;
      return latest;
    }
  };
  let latest: Archive | undefined;
  let server: StaticServer | undefined;
  /** This rebuild: whether it reached its end, and whether its failure was printed already. */
  let round = { done: false, failed: false, reported: false };
  /** Eleventy's own error messages (a template of a page it renders), printed by us as the build would. */
  const eleventyErrors: string[] = [];
  const loadAndKeep = async () => (latest = await load());
  const env = siteEnvironment(o.site);
  const elev = await eleventy(async () => eleventyData(await loadAndKeep()), o.out, o.base, "watch", env, (cfg) => {
    cfg.on("eleventy.before", () => {
      // A template may have changed since the last rebuild: if one did, all are compiled again (Eleventy
      // drops a changed file from the environment's cache itself, not a deleted one); otherwise they are
      // kept, and the registry with them (load()).
      let now = "";
      try {
        now = fingerprint([TEMPLATES]);
      } catch {
        // Unreadable: compiled again, and the rebuild says why.
      }
      if (!now || now !== templates) forgetTemplates(env);
      templates = now;
      round = { done: false, failed: false, reported: false };
      eleventyErrors.length = 0;
    });
    // Told after every call of Eleventy's rebuild, also one made while a rebuild runs (its change is
    // queued for after it): a round is reported failed only once Eleventy has said why.
    cfg.on("eleventy.afterwatch", () => {
      if (eleventyErrors.length) reportEleventyFailure();
    });
    cfg.on("eleventy.after", async () => {
      round.done = true;
      const archive = latest;
      if (!archive || round.failed) return;
      let result: Awaited<ReturnType<typeof writePages>>;
      try {
        result = writePages(archive, env, o.out, createProgress({ quiet: true }), { previous, held: true });
        removeStale(o.out, previous, result.signatures);
      } catch (e) {
        // Printed here, in the build's words; the pages written before the mistake stay, the others keep
        // their last version.
        console.error(failureMessage(e, true));
        return;
      }
      const { signatures, written, pages } = result;
      previous = signatures;
      console.log(`[archive] ${written} of ${pages} pages written; ${((performance.now() - started) / 1000).toFixed(2)} s since the change`);
      server?.reload();
      // The search index once the pages are served (it is built from the whole archive, about a second
      // for 10,000 articles); a later change finds the new pages without waiting for it. The articles are in
      // memory, not in a spool: the index is made on this thread.
      setTimeout(() => {
        if (archive !== latest) return;
        const t = performance.now();
        try {
          // The first time, the folder may hold an older build: its search index is replaced whole.
          if (!previousSearch) rmSync(path.join(o.out, INDEX_DIR), { recursive: true, force: true });
          const search = writeSearch(archive, o.out, { previous: previousSearch, held: true }, searchState);
          removeStale(o.out, previousSearch, search.signatures);
          previousSearch = search.signatures;
          console.log(`[archive] search index: ${search.written} of ${search.signatures.size} files written, ${search.scanned} of ${archive.articles.length} articles scanned, in ${((performance.now() - t) / 1000).toFixed(2)} s`);
        } catch (e) {
          // Written whole again by the next change; the server goes on.
          previousSearch = undefined;
          console.error(`[archive] the search index could not be written: ${describe(e)}`);
        }
      }, 0);
    });
    cfg.addWatchTarget(path.join(TEMPLATES, "pages"));
    cfg.addWatchTarget(o.registry);
    cfg.addWatchTarget(path.join(ROOT, "public"));
  });
  // Eleventy's messages go to us: its errors are printed in the build's words (reportEleventyFailure), the rest is not shown.
  elev.logger.overrideLogger({
    log() {},
    info() {},
    warn() {},
    error: (m: unknown) => void eleventyErrors.push(String(m)),
  });
  const reportEleventyFailure = () => {
    if (round.done || round.reported) return;
    round.reported = true;
    const causes = eleventyCauses(eleventyErrors);
    console.error(failureMessage(Object.assign(new Error(causes.join("\n  caused by: ") || "Eleventy stopped without saying why")), true));
  };
  // The folder is the dev server's from the start: a first build that fails leaves a folder it may write again.
  mkdirSync(o.out, { recursive: true });
  writeFileSync(markerFile, DEV_MARKER);
  await elev.init();
  const rebuild = await elev.watch();
  if (!round.done) {
    // The first build failed: there is no site to serve.
    reportEleventyFailure();
    await elev.stopWatch();
    return 1;
  }
  watching = true;
  // Eleventy 3 only logs a deleted file; a deleted registry file must change the site too.
  elev.watcher.on("unlink", (p: string) => {
    if (/\.ya?ml$/i.test(p)) void rebuild(p);
  });
  // The articles folder: every change, deletion included, rebuilds through Eleventy as its own watcher's would.
  const articles = watchFolders(o.seeds, (paths) => {
    for (const p of paths) {
      told?.add(p);
      void rebuild(p);
    }
  }, (folder, e) => {
    told = null;
    if (!warned) console.error(`[archive] ${folder} cannot be watched (${describe(e)}): a change in it is seen at the next change elsewhere`);
    warned = true;
  });
  try {
    server = await serveFolder(o.out, o.base, o.host, o.port);
  } catch (e) {
    articles.close();
    await elev.stopWatch();
    throw e;
  }
  console.log(`[archive] Server at ${server.url} (the site in ${path.relative(process.cwd(), o.out) || "."}/; Ctrl-C stops it)`);
  stopWith(async () => {
    articles.close();
    await Promise.all([server?.close(), elev.stopWatch()]);
  });
}

/** Most paths told between two rebuilds that are looked at one by one; past it, every file is (a checkout). */
const MOST_TOLD = 256;

/**
 * The paths a watcher told, relative to `seeds`, as PipelineOptions.touched takes them: "" (every file) for
 * the folder itself or a path outside it (its parent's event: the folder removed or made); undefined
 * (every file looked at) past MOST_TOLD paths.
 */
export function touchedUnder(seeds: string, paths: Iterable<string>): string[] | undefined {
  const root = path.resolve(seeds);
  const rels = new Set<string>();
  for (const p of paths) {
    const rel = path.relative(root, p);
    rels.add(rel.startsWith("..") || path.isAbsolute(rel) ? "" : rel.split(path.sep).join("/"));
    if (rels.size > MOST_TOLD) return undefined;
  }
  return [...rels];
}

/**
 * Stop on Ctrl-C, on SIGTERM and when the process that started this one is gone (npm, killed, leaves
 * its children running otherwise), after `close`, and leave nothing running behind.
 */
function stopWith(close: () => Promise<void>): void {
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    // Whatever happens to the closing, the process ends within a second.
    setTimeout(() => process.exit(code), 1000).unref();
    close().finally(() => process.exit(code));
  };
  process.once("SIGINT", () => stop(130));
  process.once("SIGTERM", () => stop(143));
  process.once("SIGHUP", () => stop(129));
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop(0);
  }, 500).unref();
}
