// The pipeline: ingest → text → extract → tag → archive. Pure except for ingest, which reads files.
import type { Archive, Article, ArticleHead, ArticleSource, Registry, Rejection, Seed } from "./model.ts";
import { DEFAULT_MAX_BYTES, isContentRejection, listSeeds, loadRegistry, parseSeed, registryKey, readSeedBytes, rejection, vetAssets, type IngestOptions } from "./ingest/index.ts";
import { statSync } from "node:fs";
import path from "node:path";
import { contentKey, readSpot, spotted, textOf, type ArticleSpool, type Cached, type CachedResult, type Done, type TextCache } from "./cache.ts";
import { BATCH, FILES_PER_THREAD, TextPool, threadsFor, type Job } from "./workers.ts";
import { clean, cleanChars, cleanValues, compileCleanRules, lineTail, openingCredit, type CleanRules } from "./text/index.ts";
import { compileExtractRules, extract } from "./extract/index.ts";
import { compileTagger, tag, type Tagger } from "./tag/index.ts";
import { articleFiles, buildArchive, hashText, headOf, internHead } from "./archive/index.ts";
import { printOfWords } from "./archive/wire.ts";

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

/** A Markdown block as text: without its markup (headings, quotes, emphasis, links), on one line. */
function plainBlock(b: string): string {
  return b.replace(/^#{1,6}\s+/gm, "").replace(/^>\s?/gm, "").replace(/[*_`]+/g, "").replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/\s*\n\s*/g, " ").trim();
}

/**
 * Markdown seeds are authored: their text is read from the Markdown, without the furniture rules of
 * scraped pages, except the furniture a page may run into the last line (a tag tail, a link to the story)
 * and an opening credit line. `blocks` are the Markdown blocks of `paragraphs`, one for one, with the same
 * furniture taken out: what readers see is what was read.
 */
function markdownParagraphs(md: string, rules: CleanRules): { paragraphs: string[]; published: null; credits: string[]; blocks: string[] } {
  const blocks = md.split(/\n\s*\n/).filter((b) => plainBlock(b));
  const paragraphs = blocks.map(plainBlock);
  const tail = paragraphs.length ? lineTail(paragraphs[paragraphs.length - 1]!, rules) : null;
  if (tail) {
    if (tail.kept) {
      paragraphs[paragraphs.length - 1] = tail.kept;
      blocks[blocks.length - 1] = lineTail(blocks[blocks.length - 1]!, rules)?.kept || tail.kept;
    } else {
      paragraphs.pop();
      blocks.pop();
    }
  }
  const credit = openingCredit(paragraphs, rules);
  if (credit) {
    paragraphs.shift();
    blocks.shift();
  }
  return { paragraphs, published: null, credits: credit ? [credit] : [], blocks };
}

/**
 * The Markdown readers see: the blocks whose text extract() kept (`read` → `kept`), with a dateline it cut
 * off the front of one cut there too. A dropped block that is no credit stays when the front matter gives the
 * title (a deck, a caption, a poem's first line: not a headline to take out).
 */
function shownMarkdown(blocks: string[], read: string[], kept: string[], credits: (string | null)[], titled: boolean): string {
  const out: string[] = [];
  let j = 0;
  for (let k = 0; k < blocks.length; k++) {
    const p = read[k]!;
    const e = kept[j];
    if (e === p) {
      out.push(blocks[k]!);
      j++;
    } else if (e && p.endsWith(e)) {
      const at = blocks[k]!.indexOf(e.slice(0, 24));
      out.push(at >= 0 ? blocks[k]!.slice(at) : e);
      j++;
    } else if (k === 0 && titled && !credits.some((c) => c && p.includes(c))) out.push(blocks[k]!);
  }
  return out.join("\n\n");
}

/** One seed through the text stages. */
export function toArticle(input: Seed, c: Compiled): Article {
  // A Markdown file's text and its front-matter values get the character cleaning clean() gives a body.
  const seed = input.format === "md" ? { ...input, body: cleanChars(input.body, true), meta: cleanValues(input.meta) } : input;
  const cleaned = seed.format === "md" ? markdownParagraphs(seed.body, c.clean) : clean(seed.body, c.clean);
  const ex = extract(cleaned.paragraphs, seed.meta, c.tagger.extract, cleaned);
  // The headline and the dateline are evidence too ("أنطاليا - واس:").
  const parts = [...(ex.titleFrom === "headline" ? [ex.title] : []), ...(ex.dateline ? [ex.dateline] : []), ...ex.paragraphs];
  const tagged = tag(parts, ex.date, seed.meta, c.tagger);
  // The body's words, for its wire print, are the tagger's words past the headline and the dateline.
  const bodyFrom = parts.slice(0, parts.length - ex.paragraphs.length).reduce((n, p) => n + p.length + 1, 0);
  const bodyWords = tagged.tokens.filter((t) => t.start >= bodyFrom && t.folded).map((t) => t.folded);
  // An article without a date of its own stays undated: an event it is tagged with does not date it.
  const date = ex.date;
  const m = seed.meta;
  const files = seed.format === "md" ? articleFiles(seed.source, seed.body, m.image) : { files: [], warnings: [] };
  return {
    source: seed.source,
    format: seed.format,
    ...(seed.meta.url ? { sourceUrl: seed.meta.url } : {}),
    ...(seed.meta.source ? { sourceName: seed.meta.source } : {}),
    title: ex.title,
    titleFrom: ex.titleFrom,
    date,
    byline: ex.byline ?? (m.authors ? m.authors.join("، ") : null),
    dateline: ex.dateline,
    paragraphs: ex.paragraphs,
    ...("blocks" in cleaned ? { markdown: shownMarkdown(cleaned.blocks, cleaned.paragraphs, ex.paragraphs, [ex.dateline, ex.byline], !!m.title) } : {}),
    events: tagged.events,
    actors: tagged.actors,
    quotes: tagged.quotes,
    candidates: tagged.candidates,
    language: seed.language,
    hash: hashText(parts),
    wire: printOfWords(bodyWords),
    ...(seed.meta.slug ? { slugHint: seed.meta.slug } : {}),
    ...(m.draft ? { draft: true } : {}),
    ...(m.tags ? { tags: m.tags } : {}),
    ...(m.authors ? { authors: m.authors } : {}),
    ...(m.image ? { image: { src: m.image, alt: m.imageAlt ?? m.imageCaption ?? "", caption: m.imageCaption ?? "" } } : {}),
    ...(m.description ? { description: m.description } : {}),
    ...(m.updated ? { updated: m.updated } : {}),
    ...(files.files.length ? { files: files.files } : {}),
    warnings: [...seed.warnings, ...files.warnings, ...tagged.warnings],
  };
}

export interface PipelineOptions extends IngestOptions {
  seeds: string;
  registryDir?: string;
  base?: string;
  siteUrl?: string;
  /** What readers see (archive.config.yaml through src/settings). */
  site?: import("./strings/index.ts").Site;
  /** Remembers what the text stages made of each file, by content hash. */
  cache?: TextCache;
  /** Worker threads for the text stages (default: by the number of files to process and of cores). */
  threads?: number;
  /** Told after each seed file (done, total). */
  onFile?: (done: number, total: number) => void;
  /** Told after each seed file is first read and looked up in the cache (done, total), before the text stages. */
  onRead?: (done: number, total: number) => void;
  /** Told how many seed files were found, before any is read. */
  onListed?: (files: number) => void;
  /**
   * What a long-running process (the dev server) already made of each file: a file whose size and
   * modification time are unchanged is not read again, and keeps its Article object (and so the
   * archive's memoised view of it). Updated in place; made for one registry and code version.
   */
  memory?: SeedMemory;
  /**
   * The paths under `seeds` (files or folders, relative to it) that may have changed since the last run, as
   * a watcher told them (the dev server): a file of `memory` that is not one of them, nor under one, is
   * taken as it is, with no stat. Without it every file is looked at.
   */
  touched?: readonly string[];
  /**
   * Where whole articles are set aside until their pages are made: the archive keeps each article's head
   * (ArticleHead), and its page, API entry and search text read it back. Without a spool every article
   * stays in memory (the dev server, which keeps them between rebuilds).
   */
  spool?: ArticleSpool;
  /** Bytes of files read ahead of the text stages (default READ_AHEAD). */
  readAhead?: number;
  /** Build the articles with `draft: true` too (--drafts; the dev server). */
  drafts?: boolean;
  /** The archive the last run made (the dev server's): what is unchanged in it is taken as it is (ArchiveOptions.previous). */
  previous?: Archive;
  /**
   * The registry the last run loaded and compiled (PipelineResult.compiled), given when its files are known
   * to be unchanged (the dev server, by the site's fingerprint): it is not read again.
   */
  compiled?: Compiled;
}

/** Bytes of files read and waiting for the text stages; past it, a file is read again when its turn comes. */
export const READ_AHEAD = 64 << 20;

/** What became of a seed file. */
export type Processed = { source: ArticleSource } | { rejection: Rejection };

/** Per seed file: its size and modification time when last read, and the result. */
export type SeedMemory = Map<string, { size: number; mtimeMs: number; result: Processed }>;

export interface PipelineResult {
  archive: Archive;
  /** The registry the archive was tagged with (loaded from registryDir). */
  registry: Registry;
  /** The same, compiled: for the next run over the same registry (PipelineOptions.compiled). */
  compiled: Compiled;
  /** Milliseconds: ingest (listing and reading files, registry), text (decoding, language, clean, extract, tag), archive (view models). */
  timings: Record<string, number>;
}

/** Why a file's content is no article, from a parse error (other errors are not about the content: rethrown). */
function contentRejection(rel: string, e: unknown): { rejection: Rejection } {
  if (!isContentRejection(e)) throw e;
  return { rejection: rejection(rel, e) };
}

/** A seed through the text stages: an article, or why it cannot be one. */
function processSeed(seed: Seed, compiled: Compiled): CachedResult {
  try {
    const a = toArticle(seed, compiled);
    return !a.paragraphs.length && !a.markdown ? { rejection: { source: seed.source, reason: "no article text left after removing page furniture" } } : { article: a };
  } catch (e) {
    return contentRejection(seed.source, e);
  }
}

/**
 * Seed files' bytes through parsing and the text stages, in order: an article, or why a file cannot be
 * one. Every file of the batch is parsed (decoded, its language judged) before any goes through the text
 * stages: franc's trigram tables then stay in the processor's caches from one file to the next. Called in
 * turn with the text stages, each franc call took about twice as long (300 µs against 120-150 µs for a
 * 200-character sample, 5,000 files of the benchmark corpus).
 */
export function processFiles(files: { rel: string; bytes: Uint8Array }[], compiled: Compiled): CachedResult[] {
  const seeds = files.map(({ rel, bytes }): Seed | { rejection: Rejection } => {
    try {
      return parseSeed(rel, bytes);
    } catch (e) {
      return contentRejection(rel, e);
    }
  });
  return seeds.map((s) => ("rejection" in s ? s : processSeed(s, compiled)));
}

/**
 * The Done of a result; `key` (the file's content hash) becomes the article's version, which the render
 * stage compares to skip unchanged pages.
 */
export function finish(r: CachedResult, key: string): Done {
  if (!("article" in r)) return r;
  r.article.version = key;
  return { head: headOf(r.article), json: JSON.stringify(r), article: r.article };
}

/** Whether the file `rel` is one of the `touched` paths or under one (PipelineOptions.touched). */
export function touchedFile(rel: string, touched: readonly string[]): boolean {
  for (const t of touched) if (rel === t || t === "" || (rel.startsWith(t) && rel[t.length] === "/")) return true;
  return false;
}

/** Run every stage on a seeds folder. Throws RegistryError when the registry is broken. */
export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const t0 = performance.now();
  // A registry loaded from the same bytes before is read back from the cache as JSON.
  const load = () => loadRegistry(opts.registryDir);
  const compiled = opts.compiled ?? compile(opts.cache ? opts.cache.kept(registryKey(opts.registryDir), load) : load());
  const registry = compiled.registry;
  // What the listing found and does not read (special files, hidden ones, unreadable folders) is reported.
  const { files, skipped } = await listSeeds(opts.seeds);
  opts.onListed?.(files.length);
  const t1 = performance.now();
  // Read every file and ask the cache; what it does not know goes through the text stages, on worker
  // threads when there is enough of it.
  const results: (Processed | undefined)[] = new Array(files.length);
  type Todo = { rel: string; bytes?: Uint8Array; index: number; key: string; stat?: { size: number; mtimeMs: number }; failed?: Rejection };
  const todo: Todo[] = [];
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let done = 0;
  // While files are first read, those already known (cache, memory) or unreadable are counted, and
  // told in one call once all are read (onRead tells the reading itself).
  let reading = true;
  const finished = () => {
    done++;
    if (!reading) opts.onFile?.(done, files.length);
  };
  let read = 0;
  let held = 0;
  const readAhead = opts.readAhead ?? READ_AHEAD;
  const store = (job: Todo, d: Done | Cached, fresh: boolean) => {
    if (job.failed) d = { rejection: job.failed };
    if (fresh && !job.failed && !("at" in d)) opts.cache?.set(job.key, d);
    let result: Processed;
    if ("rejection" in d) result = d;
    else if ("at" in d) {
      // From the cache: the article stays in its entry, read from there as from the spool (the dev
      // server, with no spool, keeps it in memory).
      const head = internHead(d.head);
      if (opts.spool) result = { source: { head, load: spotted(d.at) } };
      else {
        const article = readSpot(d.at);
        result = { source: { head, load: () => article } };
      }
    } else {
      // A head made on this thread is interned already; one cloned from a thread is not.
      const head = d.article ? d.head : internHead(d.head);
      if (opts.spool) result = { source: { head, load: opts.spool.put(d.json) } };
      else {
        const article = d.article ?? (JSON.parse(textOf(d.json)) as { article: Article }).article;
        result = { source: { head, load: () => article } };
      }
    }
    results[job.index] = result;
    if (job.stat) opts.memory?.set(job.rel, { ...job.stat, result });
    finished();
  };
  const take = (i: number): Job => {
    const job = todo[i]!;
    let bytes = job.bytes;
    job.bytes = undefined;
    if (bytes) held -= bytes.length;
    else {
      try {
        bytes = readSeedBytes(opts.seeds, job.rel, maxBytes);
        job.key = contentKey(job.rel, bytes);
      } catch (e) {
        job.failed = rejection(job.rel, e);
        bytes = new Uint8Array();
      }
    }
    return { rel: job.rel, bytes, key: job.key };
  };
  // The worker threads start as soon as there is enough to do and work while the rest is read: with
  // `threads` given, at the first file to process; else at the 2 × FILES_PER_THREAD-th (threadsFor).
  const cores = opts.threads ?? threadsFor(files.length);
  const startAt = opts.threads !== undefined ? (opts.threads > 1 ? 1 : Infinity) : cores > 1 ? 2 * FILES_PER_THREAD : Infinity;
  let pool: TextPool | undefined;
  for (let index = 0; index < files.length; index++) {
    const rel = files[index]!;
    const t = performance.now();
    let bytes: Buffer;
    let stat: { size: number; mtimeMs: number } | undefined;
    try {
      if (opts.memory) {
        const known = opts.memory.get(rel);
        if (known && opts.touched && !touchedFile(rel, opts.touched)) {
          results[index] = known.result;
          finished();
          continue;
        }
        const st = statSync(path.join(opts.seeds, rel));
        stat = { size: st.size, mtimeMs: st.mtimeMs };
        if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) {
          results[index] = known.result;
          finished();
          continue;
        }
      }
      bytes = readSeedBytes(opts.seeds, rel, maxBytes);
    } catch (e) {
      opts.memory?.delete(rel);
      results[index] = { rejection: rejection(rel, e) };
      finished();
      continue;
    } finally {
      read += performance.now() - t;
      opts.onRead?.(index + 1, files.length);
    }
    const key = contentKey(rel, bytes);
    const hit = opts.cache?.get(key);
    if (hit) store({ rel, index, key, stat }, hit, false);
    else {
      // The bytes of a large corpus are not all held: past readAhead the file is read again when sent.
      const ahead = held + bytes.length <= readAhead;
      if (ahead) held += bytes.length;
      todo.push({ rel, bytes: ahead ? bytes : undefined, index, key, stat });
      if (!pool && todo.length >= startAt) pool = new TextPool(take, { registry }, cores, (i, r) => store(todo[i]!, r, true));
    }
    // Every so often the threads get what was read since, and their results are stored.
    if (pool && index % 64 === 63) {
      pool.add(todo.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  reading = false;
  if (done) opts.onFile?.(done, files.length);
  if (pool) {
    pool.add(todo.length);
    await pool.close();
  } else {
    for (let i = 0; i < todo.length; i += BATCH) {
      const jobs = Array.from({ length: Math.min(BATCH, todo.length - i) }, (_, k) => take(i + k));
      processFiles(jobs, compiled).forEach((r, k) => store(todo[i + k]!, finish(r, jobs[k]!.key), true));
    }
  }
  if (opts.memory) {
    const present = new Set(files);
    for (const rel of opts.memory.keys()) if (!present.has(rel)) opts.memory.delete(rel);
  }
  const articles: ArticleSource[] = [];
  const failed: Rejection[] = [...skipped];
  for (const r of results) {
    if (r && "source" in r) articles.push(r.source);
    else if (r) failed.push(r.rejection);
  }
  // The files articles link to are looked at on every build (a cached article may have gained its image).
  const status = vetAssets(opts.seeds, articles.flatMap((a) => a.head.files ?? []));
  const t2 = performance.now();
  const archive = buildArchive(articles, failed, registry, { base: opts.base, siteUrl: opts.siteUrl, drafts: opts.drafts, assets: { root: opts.seeds, status }, site: opts.site, previous: opts.previous });
  const t3 = performance.now();
  return { archive, registry, compiled, timings: { ingest: t1 - t0 + read, text: t2 - t1 - read, archive: t3 - t2 } };
}
