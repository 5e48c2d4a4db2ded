// Writing the search index (src/archive/search.ts) into the output folder. In a full build, with every
// article in the build's spool file, the index is made on a thread of the pool while this thread renders
// the pages (src/build/site.ts): the thread is sent what the index reads of each entry and where its
// article is in the spool, reads the articles itself and writes the files. An update of the previous
// build and the dev server (whose articles are in memory) make it here, with the same code.
import { closeSync, openSync } from "node:fs";
import type { Archive, ArticleEntry, SpoolSpot } from "../model.ts";
import { articleText, searchRecords } from "../archive/index.ts";
import type { SearchInput, SearchState } from "../archive/search.ts";
import { readSpot } from "../cache.ts";
import { contentFiles, unchanged, writeChanged, type PreviousFiles, type WriteResult } from "../render/index.ts";
import { SEARCH_WORKER, runTask } from "../workers.ts";

/** What a thread needs to write the index: the entries as the index reads them, and each article's spot. */
export interface SearchJob {
  entries: Pick<ArticleEntry, "url" | "title" | "date" | "events" | "actors" | "tags" | "version">[];
  spots: SpoolSpot[];
  base: string;
  actors: { id: string; variants: string[] }[];
  dir: string;
  state?: SearchState;
}

/** What writing the index did: its files, and how many articles' texts it scanned (the others' postings were known). */
export type SearchResult = WriteResult & { scanned: number };

/**
 * The search index of `input` (an Archive) written into `dir` on this thread, where changed since `before`;
 * with `state`, from the postings the previous build kept of unchanged articles, and kept for the next
 * (KnownPostings).
 */
export function writeSearch(input: SearchInput, dir: string, before: PreviousFiles = {}, state?: SearchState): SearchResult {
  const counts = { scanned: 0 };
  // A shard the folder has already (as writeChanged finds it) is not made at all.
  const kept = before.previous ? (p: string, signature: string) => unchanged({ path: p, signature }, dir, before) : undefined;
  return { ...writeChanged(contentFiles(searchRecords(input, { state, counts, kept })), dir, before), scanned: counts.scanned };
}

/** The task of the search index's thread (src/search-worker.ts): the index of a job, its signatures as pairs. */
export function searchTask(job: SearchJob): Omit<SearchResult, "signatures"> & { signatures: [string, string][] } {
  // The spool file (that of more than one spot) is kept open; an article in its cache entry opens that.
  const seen = new Set<string>();
  let spool: string | undefined;
  for (const s of job.spots) {
    if (seen.has(s.file)) spool = s.file;
    else seen.add(s.file);
  }
  const fd = spool ? openSync(spool, "r") : undefined;
  try {
    const spotOf = new Map(job.entries.map((e, i) => [e, job.spots[i]!]));
    const input: SearchInput = {
      articles: job.entries as ArticleEntry[],
      base: job.base,
      actors: job.actors,
      text: (e) => {
        const spot = spotOf.get(e)!;
        return articleText(readSpot(spot, spot.file === spool ? fd : undefined));
      },
    };
    const r = writeSearch(input, job.dir, {}, job.state);
    return { ...r, signatures: [...r.signatures] };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The search index of a full build (every file written) on a thread of its own, started at once; the
 * promise settles when the thread is done. Made here when an article is not in the spool.
 */
export async function writeSearchOnThread(archive: Archive, dir: string, state?: SearchState): Promise<SearchResult> {
  const spots = archive.articles.map((e) => archive.spot(e));
  if (!archive.articles.length || spots.some((s) => s === null)) return writeSearch(archive, dir, {}, state);
  const job: SearchJob = {
    entries: archive.articles.map(({ url, title, date, events, actors, tags, version }) => ({ url, title, date, events, actors, tags, version })),
    spots: spots as SpoolSpot[],
    base: archive.base,
    actors: archive.actors.map(({ id, variants }) => ({ id, variants })),
    dir,
    ...(state ? { state } : {}),
  };
  const r = await runTask<SearchJob, ReturnType<typeof searchTask>>(SEARCH_WORKER, job);
  return { ...r, signatures: new Map(r.signatures) };
}
