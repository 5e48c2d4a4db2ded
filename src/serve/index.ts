// The dev server (`npm start`): Eleventy watches the seeds, the registry, the templates and public/,
// and every change rebuilds what it touches and serves the site from memory and the output folder.
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Archive } from "../model.ts";
import { INDEX_DIR } from "../archive/search.ts";
import { runPipeline, type SeedMemory } from "../pipeline.ts";
import type { Signatures } from "../render/index.ts";
import { createProgress } from "../progress.ts";
import { describe, openCache, type BuildOptions } from "../build/index.ts";
import { MARKER, checkOutput, removeStale, siteFingerprint } from "../build/output.ts";
import { REGISTRY, ROOT, TEMPLATES } from "../build/paths.ts";
import { eleventy, writePages, writeSearch } from "../build/render.ts";

/** What the dev server is given: a build's options and the port. */
export interface ServeOptions extends BuildOptions {
  port: number;
}

export async function serve(o: ServeOptions): Promise<void> {
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
      const { archive } = await runPipeline({ seeds: o.seeds, registryDir: REGISTRY, base: o.base, siteUrl: o.siteUrl, cache, memory, drafts: true });
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
