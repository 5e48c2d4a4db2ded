// Rendering the site into a folder, on this thread: Eleventy's few pages, the bulk pages and the API
// (src/render), the search index.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Archive } from "../model.ts";
import type nunjucks from "nunjucks";
import { fingerprint } from "../cache.ts";
import { apiFiles, assetFiles, createRenderer, dataKey, nunjucksPlugin, siteEnvironment as environmentOf, pageFiles, pageSpecs, withBase, writeChanged, type OutputFile, type PreviousFiles, type WriteResult } from "../render/index.ts";
import type { Progress } from "../progress.ts";
import { CONFIG, ROOT, TEMPLATES } from "./paths.ts";
import { INDEX_DIR } from "../archive/search.ts";
import { filesUnder, type EleventyPages } from "./output.ts";
import type { Site } from "../strings/index.ts";

/** Eleventy's module, loaded once: a build starts it loading while the worker threads tag the articles. */
let eleventyModule: Promise<typeof import("@11ty/eleventy")> | undefined;
export const loadEleventy = () => (eleventyModule ??= import("@11ty/eleventy"));

/** The Nunjucks environment of the project's templates, for eleventy() and writePages(). */
export const siteEnvironment = (site: Site) => environmentOf(TEMPLATES, site);

/** Eleventy over the archive, rendering its templates through `env`. */
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
 * What Eleventy's pages are made of, apart from the templates, the code, the registry, the settings, the
 * base and the site URL that `global` covers (siteFingerprint): the archive's data, the Eleventy config,
 * public/ (copied into the site) and the locked versions of the packages (Eleventy, its plugins, the fonts
 * copied from node_modules). An update build whose signature is the last build's keeps Eleventy's files
 * and does not load Eleventy (src/build/site.ts). An article's entry stands as its summary, its
 * `viewsVersion` (a hash of its events, actors and their counts, quotes, tags and authors) and the rest of
 * its fields but its file's hashes (`version`, `apiVersion`): what its body adds reaches a template only
 * through the archive's functions, which watchReads() watches. Keying each entry whole cost 0.18 s at
 * 10,000 articles, as long as Eleventy's pages take.
 */
export function eleventySignature(archive: Archive, global: string): string {
  const h = createHash("sha256").update(global).update("\0").update(fingerprint([path.join(ROOT, "public")]));
  for (const file of [CONFIG, path.join(ROOT, "package-lock.json"), path.join(ROOT, ".eleventyignore")]) {
    h.update("\0").update(existsSync(file) ? readFileSync(file) : "");
  }
  const { articles, ...rest } = archive;
  h.update("\0").update(dataKey(rest));
  for (const e of articles) {
    const { slug, viewsVersion, primaryEvent, copies, absent, source, draft } = e;
    h.update(`\0${slug}@${viewsVersion}${dataKey(archive.summaries.get(slug))}${dataKey([primaryEvent, copies, absent, source, draft])}`);
  }
  return h.digest("base64url");
}

/**
 * The archive as Eleventy is given it, and whether a template called one of its functions (an article's
 * page, API entry or text): pages made of those are not a function of the signed data, so a build that
 * called one keeps no signature for Eleventy's pages.
 */
export function watchReads(archive: Archive): { archive: Archive; called(): boolean } {
  let called = false;
  const watched: Record<string, unknown> = { ...archive };
  for (const [k, v] of Object.entries(archive)) {
    if (typeof v === "function") watched[k] = (...args: unknown[]) => ((called = true), (v as (...a: unknown[]) => unknown)(...args));
  }
  return { archive: watched as unknown as Archive, called: () => called };
}

/**
 * Eleventy's pages and its copy of public/, written into \`dir\`; in an update (\`last\`: the last build's,
 * whose files are in \`existing\`) with the same signature as the last build's and its files all in place,
 * those files are kept as they are and Eleventy is not even loaded.
 */
export async function eleventyPages(archive: Archive, dir: string, env: nunjucks.Environment, global: string, last?: { eleventy: EleventyPages | null; existing: string }): Promise<EleventyPages & { kept: boolean }> {
  const signature = eleventySignature(archive, global);
  const was = last?.eleventy;
  if (was && was.signature === signature && was.files.every((f) => existsSync(path.join(last.existing, f)))) return { ...was, kept: true };
  const reads = watchReads(archive);
  const elev = await eleventy(reads.archive, dir, archive.base, "build", env);
  // Eleventy prints its "Wrote N files" line even in quiet mode; our summary says it (errors reach us as exceptions).
  elev.disableLogger();
  const written = (await elev.write()) as unknown;
  // The search index's thread may be writing under search/index/ meanwhile; no page is there.
  return { signature: reads.called() ? null : signature, pages: countPages(written), files: filesUnder(dir, [`${INDEX_DIR}/**`]), kept: false };
}

/** The bulk pages, the API and the articles' files (src/render): each signed, rendered through `env` when written. */
export interface SiteFiles {
  pages: OutputFile[];
  other: OutputFile[];
}

export function siteFiles(archive: Archive, env: nunjucks.Environment): SiteFiles {
  return { pages: [...pageFiles(pageSpecs(archive), createRenderer(env, archive))], other: [...apiFiles(archive), ...assetFiles(archive)] };
}

/** `files` written into `dir` where changed since `before`. */
export function writePages(files: SiteFiles, dir: string, progress: Progress, before: PreviousFiles = {}): WriteResult & { pages: number } {
  progress.stage("pages", files.pages.length, "pages written or up to date");
  const pages = writeChanged(files.pages, dir, { ...before, onFile: (done) => progress.update(done) });
  const other = writeChanged(files.other, dir, before);
  progress.end();
  return {
    signatures: new Map([...pages.signatures, ...other.signatures]),
    pages: files.pages.length + other.signatures.size,
    written: pages.written + other.written,
    bytes: pages.bytes + other.bytes,
  };
}

export function countPages(written: unknown): number {
  const flat = Array.isArray(written) ? written.flat(2) : [];
  return flat.filter((w) => w && typeof w === "object" && "outputPath" in w && (w as { outputPath: unknown }).outputPath).length;
}
