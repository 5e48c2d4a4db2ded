// What Eleventy's pages read of the archive: every value a template reached, by its path from the
// archive (src/build/render.ts eleventyPages()). Pages made from the same templates and the same values
// at the same paths are the same pages: their control flow and their text depend on nothing else (the
// templates, the code and the settings are in the site fingerprint). So an update compares those values,
// not the whole archive, and an edit that no page of Eleventy's shows (the lead of an article neither on
// the home page nor in a feed) leaves them as they are.
import { createHash } from "node:crypto";
import { dataKey } from "../render/index.ts";

/**
 * The paths read, as a tree of keys from the archive: a node's keys are the properties read of the value
 * at its path, and three marks: KEYS (its own keys were listed: Object.keys, `for k, v in`), HAS + key
 * (`key in` it was tested) and OWN + key (whether it has the key of its own was asked: Nunjucks' `sort`
 * and `groupby` by an attribute). Objects with no prototype, so that a key such as `__proto__` or
 * `constructor` is a node like any other; kept in the build's manifest as JSON, which keeps the keys' order.
 */
export type ReadTree = { [key: string]: ReadTree };

const KEYS = "\u001d";
const HAS = "\u001e";
const OWN = "\u001c";

const node = (): ReadTree => Object.create(null) as ReadTree;

/** Objects read through: plain objects and arrays. A Date, a Map or any other object is a value. */
const plain = (v: object) => Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null;

/** What stands for a value in the signature: its data, or for an object read through, its kind only (what is read of it is in its node). */
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
 * `root` as templates are to see it, and the tree of what they read of it: a proxy for each object
 * reached, one for each path it is reached by (the same object reached by two paths is two objects to a
 * template). `reads()` is null when a template read one of the data's own functions (Archive.page(),
 * .text(), .apiEntry(): an article's body, which no path stands for), a key that a mark could be taken
 * for, or a frozen object (which a proxy may not stand for).
 */
export function trackReads<T extends object>(root: T): { root: T; reads(): ReadTree | null } {
  const tree = node();
  const proxies = new WeakMap<ReadTree, object>();
  let opaque = false;
  const wrap = (target: object, at: ReadTree): object => {
    let proxy = proxies.get(at);
    if (!proxy) proxies.set(at, (proxy = watched(target, at)));
    return proxy;
  };
  const watched = (target: object, at: ReadTree): object =>
    new Proxy(target, {
      get(t, key) {
        const v: unknown = Reflect.get(t, key);
        if (typeof key === "symbol") return v;
        if (typeof v === "function") {
          // A method of Array.prototype (slice, map) is called on the proxy and reads through it.
          if (Object.hasOwn(t, key)) opaque = true;
          return v;
        }
        if (key === KEYS || key[0] === HAS || key[0] === OWN) opaque = true;
        const next = (at[key] ??= node());
        if (v === null || typeof v !== "object" || !plain(v)) return v;
        if (Object.isFrozen(v)) {
          opaque = true;
          return v;
        }
        return wrap(v, next);
      },
      getOwnPropertyDescriptor(t, key) {
        if (typeof key === "string") at[OWN + key] ??= node();
        return Reflect.getOwnPropertyDescriptor(t, key);
      },
      has(t, key) {
        if (typeof key === "string") at[HAS + key] ??= node();
        return Reflect.has(t, key);
      },
      ownKeys(t) {
        at[KEYS] ??= node();
        return Reflect.ownKeys(t);
      },
    });
  return { root: wrap(root, tree) as T, reads: () => (opaque ? null : tree) };
}

/** A hash of the values `reads` (trackReads()) reaches in `root`, and of the tree's shape. */
export function readsSignature(root: object, reads: ReadTree): string {
  const h = createHash("sha1");
  let out = "";
  const walk = (v: unknown, at: ReadTree) => {
    const o = v !== null && typeof v === "object" ? (v as Record<string, unknown>) : null;
    for (const key in at) {
      if (key === KEYS) out += `${KEYS}${o ? Object.keys(o).join(KEYS) : ""};`;
      else if (key[0] === HAS) out += `${key}=${o !== null && key.slice(1) in o};`;
      else if (key[0] === OWN) out += `${key}=${o !== null && Object.hasOwn(o, key.slice(1))};`;
      else {
        const next = o ? o[key] : undefined;
        out += `${key.length}:${key}=${valueKey(next)}(`;
        walk(next, at[key]!);
        out += ")";
      }
      if (out.length > 1 << 16) {
        h.update(out);
        out = "";
      }
    }
  };
  walk(root, reads);
  return h.update(out).digest("base64url");
}
