// A build's site put in place: rendered into a folder beside the output, then swapped in whole or
// moved in file by file.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Archive, Registry } from "../model.ts";
import { INDEX_DIR } from "../archive/search.ts";
import type { Signatures } from "../render/index.ts";
import type { SpoolShare } from "../cache.ts";
import type { Progress } from "../progress.ts";
import { BuildError } from "./errors.ts";
import { INTERRUPTED_MARKER, MARKER, filesUnder, markerText, removeStale, type SiteManifest } from "./output.ts";
import { countPages, eleventy, writePages, startSearch } from "./render.ts";
import { collectGarbage, type Stages } from "./stages.ts";

/**
 * Render into a folder beside the output, then put it in place: with no usable previous build by
 * swapping the folders, else by moving in the files that changed and deleting those that are gone.
 * A failure while rendering leaves the old site untouched.
 */
export async function renderSite(archive: Archive, registry: Registry, out: string, siteUrl: string, spool: SpoolShare | undefined, stages: Stages, progress: Progress, previous: Signatures | undefined, manifest: string | null, global: string):
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
      const elev = await eleventy(archive, archive.site, tmp, archive.base, "build");
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
      // Moves and deletions only from here: a build stopped now leaves every file whole, no manifest and
      // the marker of an unfinished update, so the next build replaces the folder whole.
      writeFileSync(path.join(out, MARKER), INTERRUPTED_MARKER);
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
    // Eleventy may still be writing other pages and copying public/ when one page fails: the folder is
    // removed once it is done (removed now, a copy still running failed with a stack trace of its own).
    process.once("exit", () => rmSync(tmp, { recursive: true, force: true }));
    throw e;
  }
}
