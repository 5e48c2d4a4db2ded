// Rendering the site into a folder: Eleventy's few pages, the bulk pages and the API (src/render),
// the search index, on worker threads or on this one.
import type { Archive, ArticleEntry, Registry, Spooled } from "../model.ts";
import { searchRecords } from "../archive/index.ts";
import { INDEX_DIR } from "../archive/search.ts";
import { apiFiles, assetFiles, articleSpec, contentFiles, createRenderer, createSigner, outputPath, pageFiles, pageSpecs, uiGlobals, unchanged, withBase, writeChanged, type PageSpec, type Signatures, type WriteResult } from "../render/index.ts";
import type { SpoolShare } from "../cache.ts";
import type { Progress } from "../progress.ts";
import type { Site } from "../strings/index.ts";
import { claimed, runWorker, type PageJob, type SearchJob, type Written } from "../workers.ts";
import { CONFIG, TEMPLATES } from "./paths.ts";
import { COLLECT_EVERY, collectGarbage } from "./stages.ts";

/** Eleventy's module, loaded once: a build starts it loading while the worker threads tag the articles. */
let eleventyModule: Promise<typeof import("@11ty/eleventy")> | undefined;
export const loadEleventy = () => (eleventyModule ??= import("@11ty/eleventy"));

/** Eleventy over the archive. */
export async function eleventy(archive: Archive | (() => Promise<Archive>), site: Site, out: string, base: string, runMode: "build" | "watch", extra?: (c: any) => void) {
  const { default: Eleventy } = await loadEleventy();
  return new Eleventy(TEMPLATES, out, {
    source: "script",
    runMode,
    configPath: CONFIG,
    quietMode: true,
    config(cfg: any) {
      cfg.addGlobalData("archive", archive);
      for (const [name, value] of Object.entries(uiGlobals(site))) cfg.addNunjucksGlobal(name, value);
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
export async function writePages(archive: Archive, dir: string, progress: Progress, previous?: Signatures, existing?: string, site?: { siteUrl: string; spool?: SpoolShare; registry: Registry }):
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
        site: archive.site,
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
    api = writeChanged([...apiFiles(archive), ...assetFiles(archive)], dir, { previous, existing });
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
export function writeSearch(archive: Archive, dir: string, previous?: Signatures, existing?: string): WriteResult {
  return writeChanged(contentFiles(searchRecords(archive)), dir, { previous, existing });
}

/**
 * The search index written into `dir`: on a worker thread when `spool` is given (a build of up to
 * THREADED_RENDER_MAX files) and every article was set aside in it, else on this thread when awaited.
 */
export function startSearch(archive: Archive, dir: string, spool: SpoolShare | undefined, previous?: Signatures, existing?: string): { done(): Promise<WriteResult & { ms: number }>; stop(): Promise<void> } {
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

export function countPages(written: unknown): number {
  const flat = Array.isArray(written) ? written.flat(2) : [];
  return flat.filter((w) => w && typeof w === "object" && "outputPath" in w && (w as { outputPath: unknown }).outputPath).length;
}
