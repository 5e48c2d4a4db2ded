// What is made the first time it is used instead of when the program starts: a rebuild that reprocesses
// a plain-text article or two needs none of zod (the registry's and the settings' schemas), yaml (front
// matter, registry, settings), gray-matter (front matter) or piscina (the worker pool), whose loading
// took about 0.1 s of every build (docs/PERFORMANCE.md). CommonJS packages only: require() of an ES
// module needs a newer Node than this project asks for.
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

/** The exports of the CommonJS package `name`, loaded when first asked for. */
export const lazyPackage = <T>(name: string): (() => T) => once(() => load(name) as T);

/** zod, for the schemas of the registry (src/ingest/registry.ts) and of the settings (src/settings). */
export const zod = lazyPackage<typeof import("zod")>("zod");
