// The real newspaper corpus (../shared/corpus/saudinewsnet, read-only) through the text stages, for tests
// that check a rule's rate on text nobody here wrote. Read once per test file.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseSeed } from "../../src/ingest/index.ts";
import { toArticle } from "../../src/pipeline.ts";
import type { Article, Seed } from "../../src/model.ts";
import { compiled } from "../helpers.ts";

export const CORPUS = path.join(import.meta.dirname, "..", "..", "..", "shared", "corpus", "saudinewsnet");
export const MANIFEST = path.join(CORPUS, "..", "saudinewsnet-manifest.json");

export interface ManifestEntry {
  file: string;
  source: string;
  date_extracted: string;
  title: string;
}

export interface CorpusArticle {
  file: string;
  seed: Seed;
  article: Article;
  manifest: ManifestEntry;
}

let loaded: CorpusArticle[] | null = null;

/** Every corpus file the ingest stage accepts, with its article and manifest entry (files it skips are left out). */
export function corpusArticles(): CorpusArticle[] {
  if (loaded) return loaded;
  const manifest = new Map((JSON.parse(readFileSync(MANIFEST, "utf8")) as ManifestEntry[]).map((m) => [m.file, m]));
  const out: CorpusArticle[] = [];
  for (const file of readdirSync(CORPUS).sort()) {
    let seed: Seed;
    try {
      seed = parseSeed(file, readFileSync(path.join(CORPUS, file)));
    } catch {
      continue; // named in the build report; not an article
    }
    out.push({ file, seed, article: toArticle(seed, compiled), manifest: manifest.get(file)! });
  }
  return (loaded = out);
}

/** false when the corpus is there; otherwise the reason to skip (under CI, where shared/ is laid beside the clone, it throws). */
export function corpusMissing(): string | false {
  if (existsSync(MANIFEST)) return false;
  const reason = `the corpus is not at ${CORPUS}`;
  if (process.env.CI) throw new Error(reason);
  return reason;
}
