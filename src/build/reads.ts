// What Eleventy's pages read of the archive: every value a template reached, by its path from the
// archive (src/build/render.ts eleventyPages()). Pages made from the same templates and the same values
// at the same paths are the same pages: their control flow and their text depend on nothing else (the
// templates, the code and the settings are in the site fingerprint). So an update compares those values,
// not the whole archive, and an edit that no page of Eleventy's shows (the lead of an article neither on
// the home page nor in a feed) leaves them as they are.
import { createHash } from "node:crypto";
import { dataKey } from "../render/index.ts";

/** Between the keys of a path (a key holding it makes the reads unusable: `trackReads()`). */
const SEP = "\u001f";
/** The last key of a path that stands for the object's own keys (Object.keys, `for k, v in`). */
const KEYS = "\u001d";
/** Before the last key of a path that stands for `key in object`. */
const HAS = "\u001e";

/** Objects read through: plain objects and arrays. A Date, a Map or any other object is a value. */
const plain = (v: object) => Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null;

/** What stands for a value in the signature: its data, or for an object read through, its kind only (what is read of it is a path of its own). */
function valueKey(v: unknown): string {
  if (v === undefined) return "u";
  if (v === null) return "n";
  if (typeof v === "string") return `s${v.length}:${v}`;
  if (typeof v === "function") return "f";
  if (typeof v !== "object") return `${typeof v}:${String(v)}`;
  if (plain(v)) return Array.isArray(v) ? "a" : "o";
  return `x${dataKey(v)}`;
}

/**
 * `root` as templates are to see it, and the paths of what they read of it: a proxy for each object
 * reached, at each path it is reached by. `reads()` is null when a template called one of the data's own
 * functions (Archive.page(), .text(), .apiEntry(): an article's body, which no path stands for).
 */
export function trackReads<T extends object>(root: T): { root: T; reads(): string[] | null } {
  const paths = new Set<string>();
  let opaque = false;
  const wrap = (target: object, at: string): object =>
    new Proxy(target, {
      get(t, key) {
        const v: unknown = Reflect.get(t, key);
        if (typeof key === "symbol") return v;
        if (typeof v === "function") {
          // A method of Array.prototype (slice, map) is called on the proxy and reads through it.
          if (Object.hasOwn(t, key)) opaque = true;
          return v;
        }
        if (key.includes(SEP) || key[0] === HAS || key === KEYS) opaque = true;
        const p = at + SEP + key;
        paths.add(p);
        return v !== null && typeof v === "object" && plain(v) ? wrap(v, p) : v;
      },
      has(t, key) {
        if (typeof key === "string") {
          if (key.includes(SEP)) opaque = true;
          paths.add(`${at}${SEP}${HAS}${key}`);
        }
        return Reflect.has(t, key);
      },
      ownKeys(t) {
        paths.add(at + SEP + KEYS);
        return Reflect.ownKeys(t);
      },
    });
  return { root: wrap(root, "") as T, reads: () => (opaque ? null : [...paths]) };
}

/** A hash of the values at `paths` (trackReads()) in `root`. */
export function readsSignature(root: object, paths: readonly string[]): string {
  const h = createHash("sha1");
  let out = "";
  for (const p of paths) {
    const keys = p.split(SEP);
    let v: unknown = root;
    let key = "";
    for (let i = 1; i < keys.length; i++) {
      const k = keys[i]!;
      const o = v !== null && typeof v === "object" ? (v as Record<string, unknown>) : null;
      if (k === KEYS) key = o ? `k${Object.keys(o).join(SEP)}` : "k";
      else if (k[0] === HAS) key = `h${o !== null && k.slice(1) in o}`;
      else {
        v = o ? o[k] : undefined;
        continue;
      }
      break;
    }
    out += `${p}=${key || valueKey(v)}\n`;
    if (out.length > 1 << 16) {
      h.update(out);
      out = "";
    }
  }
  return h.update(out).digest("base64url");
}
