// The build: the stages of src/pipeline.ts over the seeds, then the site rendered and put in place
// (src/build/site.ts), with the text cache, the previous build's page signatures and the summary.
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runPipeline } from "../pipeline.ts";
import { ArticleSpool, TextCache, fingerprint } from "../cache.ts";
import { createProgress, type Progress } from "../progress.ts";
import { BuildError } from "./errors.ts";
import { checkOutput, manifestFile, pruneSearchStates, readPrevious, recoverInterrupted, searchStateOf, siteFingerprint } from "./output.ts";
import { ROOT } from "./paths.ts";
import type { Site } from "../strings/index.ts";
import { localhostWarning, type Settings } from "../settings/index.ts";
import { loadEleventy } from "./render.ts";
import { renderSite } from "./site.ts";
import { Stages } from "./stages.ts";
import { summary } from "./summary.ts";

export { BuildError, describe, failureMessage } from "./errors.ts";
export { MARKER } from "./output.ts";
export { Stages } from "./stages.ts";

/** What a build is given (src/cli.ts makes it from the command line; paths are absolute). */
export interface BuildOptions {
  seeds: string;
  out: string;
  base: string;
  siteUrl: string;
  strict: boolean;
  quiet: boolean;
  /** The text cache's folder, or null for none. */
  cache: string | null;
  stats: string | null;
  threads: number | undefined;
  /** Build the articles whose front matter says draft: true (marked as drafts). */
  drafts: boolean;
  /** The registry's folder. */
  registry: string;
  /** What readers see: the settings' title, menu, digits, calendars and interface strings. */
  site: Site;
  /** The settings file read, and the public address (for the localhost warning). */
  settings: Pick<Settings, "url" | "file">;
}

/**
 * The text cache of --cache, keyed to this version of the code (src/ and public/js/, whose count.js the
 * build's counted phrases run) and of the registry.
 */
export function openCache(o: { cache: string | null; registry: string }): TextCache | undefined {
  return o.cache ? new TextCache(o.cache, fingerprint([path.join(ROOT, "src"), path.join(ROOT, "public", "js"), o.registry])) : undefined;
}

export async function build(o: BuildOptions): Promise<number> {
  const start = performance.now();
  checkOutput(o.out, o.seeds);
  for (const note of recoverInterrupted(o.out)) if (!o.quiet) console.log(`note: ${note}`);
  const warning = localhostWarning(o.settings);
  if (warning && !o.quiet) console.error(warning);
  if (!existsSync(o.seeds)) throw new BuildError(`the seeds folder ${o.seeds} does not exist`);
  const progress = createProgress({ quiet: o.quiet });
  const cache = openCache(o);
  cache?.hold();
  const stages = new Stages();
  // Whole articles wait in a file beside the output folder (known to be writable) until their pages are
  // made: at 50,000 articles, keeping them in memory took 3 GB more.
  const spool = new ArticleSpool(`${o.out}.spool-${process.pid}`);
  const drop = () => {
    spool.close();
    cache?.release();
  };
  process.once("exit", drop);
  try {
    return await buildWith(o, start, progress, cache, stages, spool);
  } finally {
    drop();
    process.off("exit", drop);
  }
}

async function buildWith(o: BuildOptions, start: number, progress: Progress, cache: TextCache | undefined, stages: Stages, spool: ArticleSpool): Promise<number> {
  const manifest = manifestFile(o);
  const global = siteFingerprint(o.base, o.siteUrl, o.site, o.registry);
  const previous = readPrevious(manifest, global, o.out);
  // A build with no last build to update renders Eleventy's pages: their module loads while the threads
  // tag the articles (a failure to load is reported where it is used). An update may keep them unloaded.
  if (!previous) loadEleventy().catch(() => undefined);
  let tagging = false;
  const { archive, registry, timings } = await runPipeline({
    seeds: o.seeds,
    registryDir: o.registry,
    site: o.site,
    base: o.base,
    siteUrl: o.siteUrl,
    cache,
    spool,
    threads: o.threads,
    drafts: o.drafts,
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
  stages.restart();
  if (o.strict && (archive.report.skipped.length || archive.report.duplicates.length)) {
    console.error(summary(archive, o.out, 0, performance.now() - start, o.drafts));
    console.error(`--strict: ${archive.report.skipped.length} skipped and ${archive.report.duplicates.length} duplicate file(s); nothing was written.`);
    return 3;
  }
  const searchState = cache ? searchStateOf(o, cache.print) : undefined;
  const { pages, written, bytes, searchScanned } = await renderSite(archive, o.out, stages, progress, previous, manifest, global, searchState);
  cache?.prune();
  if (searchState) pruneSearchStates(searchState);
  const ms = performance.now() - start;
  if (!o.quiet) {
    console.log(summary(archive, o.out, pages, ms, o.drafts));
    console.log(`  ${stages.list.map((s) => `${s.stage} ${(s.ms / 1000).toFixed(1)} s`).join(", ")}; peak memory ${Math.max(...stages.list.map((s) => s.peakRssMB))} MB` +
      (cache ? `; cache: ${cache.hits} of ${cache.hits + cache.misses} files unchanged` : "") +
      (previous ? `; ${written} page(s) changed, the rest kept` : ""));
  }
  if (o.stats) {
    writeFileSync(o.stats, JSON.stringify({ articles: archive.report.articles, pages, pagesWritten: written, htmlBytes: bytes, ms: Math.round(ms), stages: stages.list, cache: cache ? { hits: cache.hits, misses: cache.misses } : null, searchScanned }, null, 2));
  }
  return 0;
}
