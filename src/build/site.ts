// A build's site put in place: rendered into a folder beside the output, then swapped in whole or
// moved in file by file.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Archive } from "../model.ts";
import type { SearchState } from "../archive/search.ts";
import type { Signatures } from "../render/index.ts";
import type { Progress } from "../progress.ts";
import { BuildError, PartlyWrittenError, describe } from "./errors.ts";
import { INTERRUPTED_MARKER, MARKER, filesUnder, markerText, removeStale, type Previous, type SiteManifest } from "./output.ts";
import { eleventyPages, siteEnvironment, writePages } from "./render.ts";
import { writeSearch, writeSearchOnThread } from "./search.ts";
import type { Stages } from "./stages.ts";

/**
 * Render into a folder beside the output, then put it in place: with no usable previous build by
 * swapping the folders, else by moving in the files that changed and deleting those that are gone.
 * A failure while rendering leaves the old site untouched.
 */
export async function renderSite(archive: Archive, out: string, stages: Stages, progress: Progress, previous: Previous | undefined, manifest: string | null, global: string, searchState?: SearchState):
  Promise<{ pages: number; written: number; bytes: number; searchScanned: number }> {
  const tmp = `${out}.tmp-${process.pid}`;
  const old = `${out}.old-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp, { recursive: true });
  } catch (e) {
    throw new BuildError(`cannot write the output folder ${out}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  try {
    // With no previous build to update, every page is rendered: the search index is made on a thread of
    // its own meanwhile (src/build/search.ts; its files are under search/index/, which no page is). An
    // update renders few pages, and the index is made here after them: there a thread cost more than it
    // overlapped (docs/PERFORMANCE.md). The `search` stage is the wait for it, or its making, after the pages.
    const searching = previous ? undefined : writeSearchOnThread(archive, tmp, searchState);
    // Awaited below; if the pages fail first, theirs is the failure reported.
    searching?.catch(() => undefined);
    const env = siteEnvironment(archive.site);
    const eleventy = await eleventyPages(archive, tmp, env, global, previous && { eleventy: previous.eleventy, existing: out });
    const before = { previous: previous?.files, existing: out };
    const bulk = writePages(archive, env, tmp, progress, before);
    stages.lap("render");
    const search = searching ? await searching : writeSearch(archive, tmp, before, searchState);
    stages.lap("search");
    const signatures: Signatures = new Map([...eleventy.files.map((f): [string, string] => [f, ""]), ...bulk.signatures, ...search.signatures]);
    // Named by what was built: two builds of the same input leave the same marker.
    const build = createHash("sha256").update(global).update(JSON.stringify([...signatures])).digest("hex").slice(0, 16);
    if (manifest) rmSync(manifest, { force: true });
    if (previous) {
      // Moves and deletions only from here: a build stopped now leaves every file whole, no manifest and
      // the marker of an unfinished update, so the next build replaces the folder whole.
      writeFileSync(path.join(out, MARKER), INTERRUPTED_MARKER);
      try {
        const made = new Set<string>();
        for (const rel of filesUnder(tmp)) {
          const dir = path.dirname(path.join(out, rel));
          if (!made.has(dir)) {
            mkdirSync(dir, { recursive: true });
            made.add(dir);
          }
          renameSync(path.join(tmp, rel), path.join(out, rel));
        }
        removeStale(out, previous.files, signatures);
      } catch (e) {
        throw new PartlyWrittenError(`the site could not be moved into ${out}: ${describe(e)}\n  The folder holds part of this build, and says so: the next build replaces it whole.`);
      }
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
        writeFileSync(manifest, JSON.stringify({ global, build, files: [...signatures], eleventy } satisfies SiteManifest));
      } catch {
        // Without it the next build rewrites every page.
      }
    }
    stages.lap("swap");
    return { pages: eleventy.pages + bulk.pages, written: bulk.written, bytes: bulk.bytes, searchScanned: search.scanned };
  } catch (e) {
    // Eleventy may still be writing other pages and copying public/ when one page fails: the folder is
    // removed once it is done (removed now, a copy still running failed with a stack trace of its own).
    process.once("exit", () => rmSync(tmp, { recursive: true, force: true }));
    throw e;
  }
}
