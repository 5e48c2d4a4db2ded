// The output folder: what may be replaced, the marker of a build, the manifest of the last build's
// pages, and the removal of pages that are gone.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import { fingerprint } from "../cache.ts";
import type { Signatures } from "../render/index.ts";
import { BuildError } from "./errors.ts";
import { REGISTRY, ROOT, TEMPLATES } from "./paths.ts";

/** Written into every output folder so a later build knows the folder is ours to replace. */
export const MARKER = ".archive-build";

/** Refuse output folders whose replacement would destroy something that is not a previous build. */
export function checkOutput(out: string, seeds: string): void {
  const inside = (a: string, b: string) => a === b || !path.relative(b, a).startsWith("..");
  if (out === path.parse(out).root) throw new BuildError(`--out ${out} is the root of the file system`);
  if (inside(ROOT, out) || inside(seeds, out) || inside(out, seeds) || inside(TEMPLATES, out) || inside(out, TEMPLATES)) {
    throw new BuildError(`--out ${out} overlaps the project, the seeds or the templates; choose a folder of its own`);
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

export const markerText = (build: string) => `Written by the Arabic news archive build ${build}; the next build replaces this folder.\n`;

/** The state of the last build into an output folder, kept beside the text cache. */
export interface SiteManifest {
  /** Code, registry and templates fingerprint, base and site URL: any change rewrites every page. */
  global: string;
  /** Also in the output folder's marker: a folder written by another build is never updated in place. */
  build: string;
  files: [string, string][];
}

export function manifestFile(o: { cache: string | null; out: string }): string | null {
  return o.cache ? path.join(o.cache, `pages-${createHash("sha256").update(o.out).digest("hex").slice(0, 16)}.json`) : null;
}

export function siteFingerprint(base: string, siteUrl: string): string {
  return `${fingerprint([path.join(ROOT, "src"), REGISTRY, TEMPLATES])} ${base} ${siteUrl}`;
}

/** The signatures of the previous build into `out`, if it can be updated in place. */
export function readPrevious(file: string | null, global: string, out: string): Signatures | undefined {
  if (!file) return undefined;
  try {
    const m = JSON.parse(readFileSync(file, "utf8")) as SiteManifest;
    if (m.global !== global || readFileSync(path.join(out, MARKER), "utf8") !== markerText(m.build)) return undefined;
    return new Map(m.files);
  } catch {
    return undefined;
  }
}
