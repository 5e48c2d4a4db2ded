// The pipeline: ingest → text → extract → tag → archive. Pure except for ingest, which reads files.
import type { Archive, Article, Registry, Rejection, Seed } from "./model.ts";
import { ingest, loadRegistry, type IngestOptions } from "./ingest/index.ts";
import { clean, compileCleanRules, type CleanRules } from "./text/index.ts";
import { compileExtractRules, extract } from "./extract/index.ts";
import { compileTagger, tag, type Tagger } from "./tag/index.ts";
import { buildArchive, hashText } from "./archive/index.ts";

export interface Compiled {
  registry: Registry;
  clean: CleanRules;
  tagger: Tagger;
}

/** Compile every registry rule once; reuse for all articles. */
export function compile(registry: Registry): Compiled {
  const extractRules = compileExtractRules(registry);
  return { registry, clean: compileCleanRules(registry.furniture, registry.calendar), tagger: compileTagger(registry, extractRules) };
}

/** Markdown seeds are authored, not scraped: their text is read from the Markdown, without furniture rules. */
function markdownParagraphs(md: string): string[] {
  return md
    .split(/\n\s*\n/)
    .map((b) => b.replace(/^#{1,6}\s+/gm, "").replace(/^>\s?/gm, "").replace(/[*_`]+/g, "").replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
}

/** One seed through the text stages. */
export function toArticle(seed: Seed, c: Compiled): Article {
  const paragraphs = seed.format === "md" ? markdownParagraphs(seed.body) : clean(seed.body, c.clean).paragraphs;
  const ex = extract(paragraphs, seed.meta, c.tagger.extract);
  // The headline and the dateline are evidence too ("أنطاليا - واس:").
  const parts = [...(ex.titleFrom === "headline" ? [ex.title] : []), ...(ex.dateline ? [ex.dateline] : []), ...ex.paragraphs];
  const tagged = tag(parts, ex.date, seed.meta, c.tagger);
  let date = ex.date;
  const primary = tagged.events.find((e) => e.role === "primary");
  if (!date && primary) {
    const ev = c.tagger.events.get(primary.id)!;
    date = { iso: ev.dates[0]!, inferred: true, from: `تاريخ ${ev.name.ar}` };
  }
  return {
    source: seed.source,
    format: seed.format,
    ...(seed.meta.url ? { sourceUrl: seed.meta.url } : {}),
    ...(seed.meta.source ? { sourceName: seed.meta.source } : {}),
    title: ex.title,
    titleFrom: ex.titleFrom,
    date,
    byline: ex.byline,
    dateline: ex.dateline,
    paragraphs: ex.paragraphs,
    ...(seed.format === "md" ? { markdown: seed.body } : {}),
    events: tagged.events,
    actors: tagged.actors,
    quotes: tagged.quotes,
    candidates: tagged.candidates,
    language: seed.language,
    hash: hashText(parts),
    ...(seed.meta.slug ? { slugHint: seed.meta.slug } : {}),
    warnings: [...seed.warnings, ...tagged.warnings],
  };
}

export interface PipelineOptions extends IngestOptions {
  seeds: string;
  registryDir?: string;
  base?: string;
  siteUrl?: string;
}

export interface PipelineResult {
  archive: Archive;
  timings: Record<string, number>;
}

/** Run every stage on a seeds folder. Throws RegistryError when the registry is broken. */
export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const t0 = performance.now();
  const registry = loadRegistry(opts.registryDir);
  const compiled = compile(registry);
  const { seeds, rejections } = await ingest(opts.seeds, opts);
  const t1 = performance.now();
  const articles: Article[] = [];
  const failed: Rejection[] = [...rejections];
  for (const s of seeds) {
    const a = toArticle(s, compiled);
    if (!a.paragraphs.length && !a.markdown) failed.push({ source: s.source, reason: "no article text left after removing page furniture" });
    else articles.push(a);
  }
  const t2 = performance.now();
  const archive = buildArchive(articles, failed, registry, { base: opts.base, siteUrl: opts.siteUrl });
  const t3 = performance.now();
  return { archive, timings: { ingest: t1 - t0, text: t2 - t1, archive: t3 - t2 } };
}

