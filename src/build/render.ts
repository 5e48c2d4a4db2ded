// Rendering the site into a folder, on this thread: Eleventy's few pages, the bulk pages and the API
// (src/render), the search index.
import type { Archive } from "../model.ts";
import type nunjucks from "nunjucks";
import { apiFiles, assetFiles, createRenderer, nunjucksPlugin, siteEnvironment as environmentOf, pageFiles, pageSpecs, withBase, writeChanged, type PreviousFiles, type WriteResult } from "../render/index.ts";
import type { Progress } from "../progress.ts";
import { CONFIG, TEMPLATES } from "./paths.ts";
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

export function countPages(written: unknown): number {
  const flat = Array.isArray(written) ? written.flat(2) : [];
  return flat.filter((w) => w && typeof w === "object" && "outputPath" in w && (w as { outputPath: unknown }).outputPath).length;
}
