// Rendering the site into a folder, on this thread: Eleventy's few pages, the bulk pages and the API
// (src/render), the search index.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Archive } from "../model.ts";
import type nunjucks from "nunjucks";
import { fingerprint } from "../cache.ts";
import { apiFiles, assetFiles, createRenderer, nunjucksPlugin, siteEnvironment as environmentOf, pageFiles, pageSpecs, withBase, writeChanged, type PreviousFiles, type WriteResult } from "../render/index.ts";
import type { Progress } from "../progress.ts";
import { CONFIG, ROOT, TEMPLATES } from "./paths.ts";
import { INDEX_DIR } from "../archive/search.ts";
import { filesUnder, type EleventyPages } from "./output.ts";
import { readsSignature, trackReads, type ReadTree } from "./reads.ts";
import type { Site } from "../strings/index.ts";

/** Eleventy's module, loaded once: a build starts it loading while the worker threads tag the articles. */
let eleventyModule: Promise<typeof import("@11ty/eleventy")> | undefined;
export const loadEleventy = () => (eleventyModule ??= import("@11ty/eleventy"));

/** The Nunjucks environment of the project's templates, for eleventy() and writePages(). */
export const siteEnvironment = (site: Site) => environmentOf(TEMPLATES, site);

/** What eleventyData() makes: a class of its own, so that it is not a plain object. */
class ArchiveData {}

/**
 * The archive as Eleventy's global data. Eleventy copies the plain objects of its global data at every
 * build (`Merge` of @11ty/eleventy-utils: the archive's own object and the records under it; lists and
 * other objects are passed on), and so reads all of them, which trackReads() would take for pages reading
 * everything; an object of a class of its own it passes as it is.
 */
export const eleventyData = (archive: Archive): Archive => Object.assign(Object.create(ArchiveData.prototype) as Archive, archive);

/** Eleventy over the archive (given as eleventyData() makes it, or a function giving it), rendering its templates through `env`. */
export async function eleventy(archive: Archive | (() => Promise<Archive>), out: string, base: string, runMode: "build" | "watch", env: nunjucks.Environment, extra?: (c: any) => void) {
  const { default: Eleventy } = await loadEleventy();
  return new Eleventy(TEMPLATES, out, {
    source: "script",
    runMode,
    configPath: CONFIG,
    quietMode: true,
    config(cfg: any) {
      cfg.addPlugin(nunjucksPlugin(env));
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
 * What Eleventy's pages are made of besides the archive, apart from the templates, the code, the registry,
 * the settings, the base and the site URL that `global` covers (siteFingerprint): the Eleventy config,
 * public/ (copied into the site), the locked versions of the packages (Eleventy, its plugins, the fonts
 * copied from node_modules), package.json (Eleventy's `pkg` data) and the files that tell Eleventy what to
 * leave out (.eleventyignore, .gitignore).
 */
function eleventyInputs(global: string): string {
  const h = createHash("sha256").update(global).update("\0").update(fingerprint([path.join(ROOT, "public")]));
  for (const file of [CONFIG, ...["package-lock.json", "package.json", ".eleventyignore", ".gitignore"].map((f) => path.join(ROOT, f))]) {
    h.update("\0").update(existsSync(file) ? readFileSync(file) : "");
  }
  return h.digest("base64url");
}

/** The signature of Eleventy's pages: their inputs and the values at the paths of the archive they read (src/build/reads.ts). */
const eleventySignature = (inputs: string, archive: Archive, reads: ReadTree) => createHash("sha256").update(inputs).update("\0").update(readsSignature(archive, reads)).digest("base64url");

/**
 * Eleventy's pages and its copy of public/, written into `dir`. In an update (`last`: the last build's,
 * whose files are in `existing`) where the values the last build's pages read of the archive, and their
 * other inputs, are as they were, and the files are all in place, those files are kept as they are and
 * Eleventy is not even loaded.
 */
export async function eleventyPages(archive: Archive, dir: string, env: nunjucks.Environment, global: string, last?: { eleventy: EleventyPages | null; existing: string }): Promise<EleventyPages> {
  const inputs = eleventyInputs(global);
  const was = last?.eleventy;
  if (last && was?.reads && was.signature === eleventySignature(inputs, archive, was.reads) && was.files.every((f) => existsSync(path.join(last.existing, f)))) return was;
  const tracked = trackReads(eleventyData(archive));
  const elev = await eleventy(tracked.root, dir, archive.base, "build", env);
  // Eleventy prints its "Wrote N files" line even in quiet mode; our summary says it (errors reach us as exceptions).
  elev.disableLogger();
  const written = (await elev.write()) as unknown;
  const reads = tracked.reads();
  // The search index's thread may be writing under search/index/ meanwhile; no page is there.
  const files = filesUnder(dir, [`${INDEX_DIR}/**`]);
  return { signature: reads ? eleventySignature(inputs, archive, reads) : null, reads, pages: countPages(written), files };
}

/** The bulk pages, the API and the articles' files (src/render), rendered through `env` and written into `dir` where changed since `before`. */
export function writePages(archive: Archive, env: nunjucks.Environment, dir: string, progress: Progress, before: PreviousFiles = {}): WriteResult & { pages: number } {
  const specs = pageSpecs(archive);
  progress.stage("pages", specs.length, "pages written or up to date");
  const renderer = createRenderer(env, archive);
  const pages = writeChanged(pageFiles(specs, renderer), dir, { ...before, onFile: (done) => progress.update(done) });
  const api = writeChanged([...apiFiles(archive), ...assetFiles(archive)], dir, before);
  progress.end();
  return {
    signatures: new Map([...pages.signatures, ...api.signatures]),
    pages: specs.length + api.signatures.size,
    written: pages.written + api.written,
    bytes: pages.bytes + api.bytes,
  };
}

function countPages(written: unknown): number {
  const flat = Array.isArray(written) ? written.flat(2) : [];
  return flat.filter((w) => w && typeof w === "object" && "outputPath" in w && (w as { outputPath: unknown }).outputPath).length;
}
