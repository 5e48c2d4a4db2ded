// The output folder: what may be replaced, the marker of a build, the manifest of the last build's
// pages, and the removal of pages that are gone.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, rmdirSync, accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { fingerprint, running } from "../cache.ts";
import type { Signatures } from "../render/index.ts";
import { INDEX_VERSION, stateOf, type SearchState } from "../archive/search.ts";
import { BuildError } from "./errors.ts";
import type { ReadTree } from "./reads.ts";
import { ROOT, TEMPLATES } from "./paths.ts";
import type { Site } from "../strings/index.ts";

/** Written into every output folder so a later build knows the folder is ours to replace. */
export const MARKER = ".archive-build";

/** `p` with every link resolved, also when it does not exist yet: its nearest existing folder's real path and the rest. */
export function realPath(p: string): string {
  const rest: string[] = [];
  let cur = path.resolve(p);
  for (;;) {
    try {
      return path.join(realpathSync(cur), ...rest);
    } catch {
      const parent = path.dirname(cur);
      if (parent === cur) return path.join(cur, ...rest);
      rest.unshift(path.basename(cur));
      cur = parent;
    }
  }
}

/** Whether `a` is `b` or inside it. A name that starts with two dots ("..x") is inside; ".." is not. */
export function isWithin(a: string, b: string): boolean {
  const rel = path.relative(b, a);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * Refuse output folders whose replacement would destroy something that is not a previous build, comparing
 * real paths (a link to the seeds is the seeds): the root, a folder holding the project, anything that
 * overlaps the articles, the templates, public/ or src/.
 */
export function checkOutput(out: string, seeds: string): void {
  if (out === path.parse(out).root) throw new BuildError(`--out ${out} is the root of the file system`);
  const real = realPath(out);
  if (real === path.parse(real).root) throw new BuildError(`--out ${out} is the root of the file system (through a link)`);
  if (isWithin(realPath(ROOT), real)) throw new BuildError(`--out ${out} holds the project itself; choose a folder of its own`);
  const guarded: [string, string][] = [[seeds, "the articles folder"], [TEMPLATES, "the templates"], [path.join(ROOT, "public"), "public/ (copied into every site)"], [path.join(ROOT, "src"), "src/"]];
  for (const [dir, what] of guarded) {
    const realDir = realPath(dir);
    if (isWithin(real, realDir)) throw new BuildError(`--out ${out} ${real === realDir ? "is" : "is inside"} ${what} ${realDir}; choose a folder of its own`);
    if (isWithin(realDir, real)) throw new BuildError(`--out ${out} holds ${what} ${realDir}; choose a folder of its own`);
  }
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new BuildError(`--out ${out} exists and is not a folder`);
    const entries = readdirSync(out);
    if (entries.length && !entries.includes(MARKER)) {
      throw new BuildError(`--out ${out} already holds files that this tool did not write; empty it or choose another folder`);
    }
  }
  const parent = path.dirname(out);
  try {
    mkdirSync(parent, { recursive: true });
    accessSync(parent, constants.W_OK);
  } catch (e) {
    throw new BuildError(`cannot write the output folder ${out}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
}

/** Delete from `out` the files of the previous build that this one did not make, and their emptied folders. */
export function removeStale(out: string, previous: Signatures | undefined, current: Signatures): void {
  for (const rel of previous?.keys() ?? []) {
    if (current.has(rel)) continue;
    rmSync(path.join(out, rel), { force: true });
    try {
      rmdirSync(path.dirname(path.join(out, rel)));
    } catch {
      // not empty
    }
  }
}

/** Every file under `dir` (but those matching `ignore`), relative, with "/" separators. */
export function filesUnder(dir: string, ignore: string[] = []): string[] {
  return fg.sync("**/*", { cwd: dir, dot: true, onlyFiles: true, ignore });
}

/**
 * The marker while an incremental build moves its pages into the output folder: a build stopped then
 * leaves it, and the next build, finding no marker of a complete build, replaces the folder whole.
 */
export const INTERRUPTED_MARKER = "Being updated by the Arabic news archive build; if this stays, the update was stopped half-way and the next build replaces this folder whole.\n";

/** What a build keeps beside its output folder while it runs: out.tmp-PID, out.old-PID, out.spool-PID. */
const BESIDE = /^(.*)\.(tmp|old|spool)-(\d+)$/;

/**
 * Put right what a build that was killed (SIGKILL, a power cut) left beside `out`, before this one
 * starts: with no `out`, the previous site set aside by a full swap (out.old-PID) is put back; the
 * folders and spools of processes that no longer run are removed; a folder left half-updated is said
 * to be (readPrevious() then refuses it, and the build replaces it whole). Returns what it found, for the user.
 */
export function recoverInterrupted(out: string): string[] {
  const parent = path.dirname(out);
  const name = path.basename(out);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  const notes: string[] = [];
  const stale = entries.flatMap((entry) => {
    const m = BESIDE.exec(entry);
    const pid = Number(m?.[3]);
    return m && m[1] === name && pid !== process.pid && !running(pid) ? [{ entry, kind: m[2]!, file: path.join(parent, entry) }] : [];
  });
  if (!existsSync(out)) {
    const aside = stale.filter((s) => s.kind === "old" && existsSync(path.join(s.file, MARKER))).sort((a, b) => statSync(b.file).mtimeMs - statSync(a.file).mtimeMs)[0];
    if (aside) {
      renameSync(aside.file, out);
      notes.push(`the last build into ${out} was stopped between the two renames of its swap: the site before it is back in place (from ${aside.entry})`);
    }
  } else if (readMarker(out) === INTERRUPTED_MARKER) {
    notes.push(`the last build into ${out} was stopped while it moved its pages in: this build replaces the folder whole`);
  }
  const left = stale.filter((s) => existsSync(s.file));
  for (const s of left) rmSync(s.file, { recursive: true, force: true });
  if (left.length) notes.push(`removed what stopped builds left beside the output: ${left.map((s) => s.entry).join(", ")}`);
  return notes;
}

function readMarker(out: string): string | undefined {
  try {
    return readFileSync(path.join(out, MARKER), "utf8");
  } catch {
    return undefined;
  }
}

export const markerText = (build: string) => `Written by the Arabic news archive build ${build}; the next build replaces this folder.\n`;

/** The state of the last build into an output folder, kept beside the text cache. */
export interface SiteManifest {
  /** Code, registry and templates fingerprint, base and site URL: any change rewrites every page. */
  global: string;
  /** Also in the output folder's marker: a folder written by another build is never updated in place. */
  build: string;
  files: [string, string][];
  /** Eleventy's pages: what they read, their signature, their count and their files (src/build/render.ts eleventyPages()). */
  eleventy: EleventyPages | null;
}

/**
 * What Eleventy wrote in a build: the files of its pages and of public/, and how many were pages; the paths
 * of the archive its pages read (src/build/reads.ts) and their signature, both null when a page read what
 * no path stands for (an article's body).
 */
export interface EleventyPages {
  signature: string | null;
  reads: ReadTree | null;
  pages: number;
  files: string[];
}

/** The last build into an output folder that can be updated in place: each file's signature, and Eleventy's share. */
export interface Previous {
  files: Signatures;
  eleventy: EleventyPages | null;
}

/** The part of a cache file's name that tells which output folder it is of. */
function outputTag(out: string): string {
  return createHash("sha256").update(out).digest("hex").slice(0, 16);
}

export function manifestFile(o: { cache: string | null; out: string }): string | null {
  return o.cache ? path.join(o.cache, `pages-${outputTag(o.out)}.json`) : null;
}

/**
 * Where the search index keeps its articles' postings for the next build into `out` (src/archive/search.ts
 * KnownPostings), beside the manifest. Its key: the index's format and the text cache's version (`print`:
 * the code, public/js/ whose search-core.js the index runs, and the registry), which make the postings of an
 * article's text; not the templates or the settings, which change none.
 */
export function searchStateOf(o: { cache: string | null; out: string }, print: string): SearchState | undefined {
  return o.cache ? { file: path.join(o.cache, `search-${outputTag(o.out)}.bin`), key: `${INDEX_VERSION} ${print}`, out: o.out } : undefined;
}

/**
 * Remove from the cache folder beside `current` (this build's state, kept) the search states no build
 * will read: of another key (made by other code), of an output folder that is gone, or no state; and a
 * state half-written (`search-*.tmp`) by a build that is no longer running.
 */
export function pruneSearchStates(current: SearchState): void {
  const dir = path.dirname(current.file);
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.startsWith("search-") && f !== path.basename(current.file));
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(dir, name);
    const writer = /\.(\d+)\.tmp$/.exec(name);
    let stale: boolean;
    if (writer) stale = !running(Number(writer[1]));
    else {
      const state = stateOf(file);
      stale = !state || state.key !== current.key || !existsSync(state.out);
    }
    if (stale) rmSync(file, { force: true });
  }
}

export function siteFingerprint(base: string, siteUrl: string, site: Site, registry: string): string {
  return `${fingerprint([path.join(ROOT, "src"), registry, TEMPLATES])} ${base} ${siteUrl} ${createHash("sha256").update(JSON.stringify(site)).digest("hex")}`;
}

/** The previous build into `out`, if it can be updated in place. */
export function readPrevious(file: string | null, global: string, out: string): Previous | undefined {
  if (!file) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, "utf8")) as SiteManifest;
    if (m.global !== global || readFileSync(path.join(out, MARKER), "utf8") !== markerText(m.build)) return undefined;
    return { files: new Map(m.files), eleventy: m.eleventy ?? null };
  } catch {
    return undefined;
  }
}
