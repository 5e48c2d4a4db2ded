// Packages loaded the first time they are used instead of when the program starts (docs/ARCHITECTURE.md,
// "What loads when"; figures in docs/PERFORMANCE.md):
// - zod (the registry's and the settings' schemas), yaml (front matter, registry, settings), gray-matter
//   (front matter) and piscina (the worker pool): about 0.1 s together, which a rebuild reprocessing a
//   plain-text article or two does not need;
// - franc (the language of a file being reprocessed), about 50 ms: it makes every language's trigram
//   tables as it loads; a rebuild that reprocesses no article does not need it;
// - marked (Markdown articles, Markdown templates).
// franc and marked are ES modules: require() loads them on Node 20.19 and later and 22.12 and later
// (package.json's engines); under tsx, tsx's require() compiles them.
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
