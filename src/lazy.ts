// What is made the first time it is used instead of when the program starts: a rebuild that reprocesses
// a plain-text article or two needs none of zod (the registry's and the settings' schemas), yaml (front
// matter, registry, settings), gray-matter (front matter) or piscina (the worker pool), whose loading
// took about 0.1 s of every build, nor marked (Markdown articles); one that reprocesses no article (nothing
// changed, or only the templates or the settings) does not need franc (the language of a text: it makes
// its tables of every language's trigrams as it loads, about 50 ms) either (docs/PERFORMANCE.md). franc and
// marked are ES modules: require() loads them on Node 20.19 and later (package.json's engines).
import { createRequire } from "node:module";

const load = createRequire(import.meta.url);

/** `make()`'s value, made when first asked for. */
export function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

/** The exports of the package `name`, loaded when first asked for. */
export const lazyPackage = <T>(name: string): (() => T) => once(() => load(name) as T);

/** zod, for the schemas of the registry (src/ingest/registry.ts) and of the settings (src/settings). */
export const zod = lazyPackage<typeof import("zod")>("zod");
