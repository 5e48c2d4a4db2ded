// Shared by the tests: the real registry, compiled once, and a way to run the text stages on a string.
import { loadRegistry } from "../src/ingest/index.ts";
import { compile, toArticle } from "../src/pipeline.ts";
import type { Article, Seed, SeedMeta } from "../src/model.ts";

export const registry = loadRegistry();
export const compiled = compile(registry);

/** Run clean → extract → tag on an Arabic text as if it were a seed file. */
export function article(body: string, meta: SeedMeta = {}, format: "txt" | "md" = "txt"): Article {
  const seed: Seed = { source: "test.txt", format, body, meta, language: "arb", warnings: [] };
  return toArticle(seed, compiled);
}

export const actorIds = (a: Article) => a.actors.map((x) => x.id).sort();
export const primary = (a: Article) => a.events.find((e) => e.role === "primary")?.id ?? null;
export const mentioned = (a: Article) => a.events.filter((e) => e.role === "mentioned").map((e) => e.id).sort();
