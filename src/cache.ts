// The content-hash cache of the text stages: what ingest, clean, extract and tag made of a seed file,
// keyed by a hash of the file's path and bytes and of everything that could change the result (the
// registry files and the code of src/). It lives outside the output folder (default .cache/text/) and
// is safe to delete between builds: a missing or unreadable entry is simply recomputed. A build reads its
// articles back from their entries while it renders, and holds the cache meanwhile (hold(), prune()).
import { createHash } from "node:crypto";
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import type { Article, ArticleHead, Rejection, SpoolSpot } from "./model.ts";

export type CachedResult = { article: Article } | { rejection: Rejection };

/**
 * A seed file through the text stages as the main thread keeps it: the article's head and the whole
 * result as JSON text (what the cache and the spool store), or why the file is no article. Made on the
 * worker threads (so that the main thread neither copies nor serializes whole articles) or read from
 * a cache entry; `article` only when made on this thread.
 */
export type Done = { rejection: Rejection } | { head: ArticleHead; json: Text; article?: Article };

/**
 * A cache entry as get() reads it: the article's head, and where in the entry's file its JSON is (read
 * only when the article is, as from the spool), or why the file is no article.
 */
export type Cached = { rejection: Rejection } | { head: ArticleHead; at: SpoolSpot };

/** A hash of every file under `dirs` (registry, source code): a change to any of them empties the cache. */
export function fingerprint(dirs: string[]): string {
  const h = createHash("sha256");
  const walk = (root: string, dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(root, p);
      else if (e.isFile()) h.update(path.relative(root, p)).update("\0").update(readFileSync(p)).update("\0");
    }
  };
  for (const d of dirs) walk(d, d);
  return h.digest("hex").slice(0, 16);
}

/** What identifies a seed file's content: a hash of its path and bytes (the cache key, and an article's version). */
export function contentKey(rel: string, bytes: Uint8Array): string {
  return createHash("sha256").update(rel).update("\0").update(bytes).digest("hex").slice(0, 32);
}

export class TextCache {
  readonly dir: string;
  private readonly used = new Set<string>();
  hits = 0;
  misses = 0;

  /** `root` is the cache folder; entries of other fingerprints live beside and are removed by prune(). */
  constructor(root: string, readonly print: string) {
    this.dir = path.join(root, print);
  }

  private file(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.entry`);
  }

  private scratch = Buffer.allocUnsafe(1 << 14);

  /**
   * The entry of `key`: the article's head and where its `{"article": …}` JSON is in the entry's file,
   * or why the file is no article; undefined when missing or damaged (it is made again). Only the head
   * is read: the article is read from the entry when its page or search text is made (see ENTRY below).
   */
  get(key: string): Cached | undefined {
    this.used.add(key);
    const file = this.file(key);
    let fd: number | undefined;
    try {
      fd = openSync(file, "r");
      const size = fstatSync(fd).size;
      let bytes = this.scratch;
      const n = readSync(fd, bytes, 0, Math.min(size, bytes.length), 0);
      const headLength = bytes.readUInt32LE(0);
      const from = 8 + headLength;
      const length = bytes.readUInt32LE(4);
      if (n < 8 || headLength % 2 || size !== from + length || length < 4) throw new Error("damaged cache entry");
      if (from + 2 > n) {
        bytes = Buffer.allocUnsafe(from + 2);
        readSync(fd, bytes, 0, from + 2, 0);
      }
      if (bytes.readUInt16LE(from) !== 0x7b) throw new Error("damaged cache entry");
      let d: Cached;
      if (headLength) d = { head: JSON.parse(bytes.toString("utf16le", 8, from)) as ArticleHead, at: { file, at: from, length } };
      else {
        const json = Buffer.allocUnsafe(length);
        readSync(fd, json, 0, length, from);
        d = JSON.parse(json.toString("utf16le")) as { rejection: Rejection };
      }
      this.hits++;
      return d;
    } catch {
      this.misses++;
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** Remember what the text stages made of the file of `key`. */
  set(key: string, d: Done): void {
    this.used.add(key);
    writeWhole(this.file(key), entryBytes(d));
  }

  /**
   * A value made by `make` and kept as JSON under `name` (a hash of what it is made from, which the
   * fingerprint does not cover): the registry as loaded (src/ingest/registry.ts registryKey()), whose
   * reading, YAML parsing and schema check took 90 ms of a 0.45 s rebuild of 1,000 articles.
   */
  kept<T>(name: string, make: () => T): T {
    const file = path.join(this.dir, "values", `${name}.json`);
    this.used.add(`${name}.json`);
    try {
      return JSON.parse(readFileSync(file, "utf8")) as T;
    } catch {
      // Not kept yet, or damaged: made again.
    }
    const value = make();
    writeWhole(file, JSON.stringify(value));
    return value;
  }

  /** The file saying that process `pid` is using the cache (hold()). */
  private holder(pid: number): string {
    return path.join(path.dirname(this.dir), `using-${pid}`);
  }

  /**
   * Say that this build uses the cache until release(): its articles are read from their entries while
   * it renders (get()), so another build's prune() must leave them.
   */
  hold(): void {
    try {
      mkdirSync(path.dirname(this.dir), { recursive: true });
      writeFileSync(this.holder(process.pid), "");
    } catch {
      // An unwritable cache is not pruned by anyone either.
    }
  }

  release(): void {
    rmSync(this.holder(process.pid), { force: true });
  }

  /**
   * Remove entries this build did not use, and caches made by other code or registry versions; nothing
   * while another build that is running holds the cache (its entries may be ones this build did not use).
   */
  prune(): void {
    try {
      for (const e of readdirSync(path.dirname(this.dir))) {
        const pid = /^using-(\d+)$/.exec(e)?.[1];
        if (pid && Number(pid) !== process.pid) {
          if (running(Number(pid))) return;
          rmSync(path.join(path.dirname(this.dir), e), { force: true });
        }
      }
      for (const e of readdirSync(path.dirname(this.dir))) if (/^[0-9a-f]{16}$/.test(e) && e !== path.basename(this.dir)) rmSync(path.join(path.dirname(this.dir), e), { recursive: true, force: true });
      for (const sub of readdirSync(this.dir)) {
        for (const f of readdirSync(path.join(this.dir, sub))) {
          if (!this.used.has(f.replace(/\.entry$/, ""))) rmSync(path.join(this.dir, sub, f), { force: true });
        }
      }
    } catch {
      // Nothing to prune.
    }
  }
}

/**
 * Write a cache file whole, then rename it into place: a build stopped half-way never leaves a torn file.
 * A cache that cannot be written only makes the next build slower: a failure is left unsaid.
 */
function writeWhole(file: string, data: string | Uint8Array): void {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    // Made again next time.
  }
}

/** Whether process `pid` is running (on this machine). */
export function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * ENTRY, a cache entry's bytes: the byte lengths of the head's JSON and of the result's (4 bytes each,
 * little-endian), the head's JSON, then the `{"article": …}` JSON; both texts as UTF-16 (Text). A
 * rejection has no head (length 0) and its `{"rejection": …}` JSON. UTF-16 because reading it back is
 * then a copy: kept as UTF-8, a rebuild of 10,000 cached articles spent about 0.8 s decoding their
 * entries and 0.3 s parsing them, and 0.5 s making each article's head again. The lengths tell a cut or
 * overlong entry, which is made again; the result's JSON is parsed only when the article is read.
 */
function entryBytes(d: Done): Buffer {
  const head = "head" in d ? Buffer.from(JSON.stringify(d.head), "utf16le") : Buffer.alloc(0);
  const json = utf16("head" in d ? d.json : JSON.stringify(d));
  const sizes = Buffer.alloc(8);
  sizes.writeUInt32LE(head.length, 0);
  sizes.writeUInt32LE(json.length, 4);
  return Buffer.concat([sizes, head, json]);
}

/**
 * A text, or its UTF-16 code units as little-endian bytes (how the text threads send the texts of their
 * results, and how the spool keeps them). Moving UTF-16 between threads is a copy, where UTF-8 would be
 * an encoding on the way in and a decoding on the way out: at 10,000 articles the main thread spent about
 * 0.7 s of CPU receiving and encoding these texts, and the threads reading them back 1.2 s decoding them.
 */
export type Text = string | Uint8Array;

/** The UTF-16 bytes of a text. */
export function utf16(text: Text): Uint8Array {
  return typeof text === "string" ? Buffer.from(text, "utf16le") : text;
}

/** A text as a string. */
export function textOf(text: Text): string {
  return typeof text === "string" ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString("utf16le");
}

/**
 * The article at `spot`: of the spool file open as `fd` (ArticleSpool.put, or a thread that opened it),
 * or of another file (a cache entry, TextCache.get), opened for the read.
 */
export function readSpot(spot: SpoolSpot, fd?: number): Article {
  const own = fd === undefined ? openSync(spot.file, "r") : fd;
  try {
    const bytes = Buffer.allocUnsafe(spot.length);
    if (readSync(own, bytes, 0, bytes.length, spot.at) !== bytes.length) throw new Error(`${spot.file} was cut while the build read it`);
    return (JSON.parse(bytes.toString("utf16le")) as { article: Article }).article;
  } finally {
    if (fd === undefined) closeSync(own);
  }
}

/** An article kept at `spot` (of the file open as `fd`, or a cache entry): a function that reads a fresh copy of it, and where it is. */
export function spotted(spot: SpoolSpot, fd?: number): (() => Article) & { spot: SpoolSpot } {
  return Object.assign(() => readSpot(spot, fd), { spot });
}

/**
 * Whole articles set aside for the length of a build, so that a large archive does not hold every body
 * in its heap between the text stages and the pages that need it: each `{"article": …}` JSON text is
 * appended to one file as UTF-16 (Text) and read back by its offset when its page, its API entry and its
 * search text are made. close() deletes the file.
 */
export class ArticleSpool {
  private readonly fd: number;
  private size = 0;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, "w+");
  }

  /** Keep an article given as `{"article": …}` JSON text: a function that reads a fresh copy of it, and where it is. */
  put(json: Text): (() => Article) & { spot: SpoolSpot } {
    const buf = utf16(json);
    const spot: SpoolSpot = { file: this.file, at: this.size, length: buf.length };
    writeSync(this.fd, buf, 0, buf.length, spot.at);
    this.size += buf.length;
    return spotted(spot, this.fd);
  }

  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.file, { force: true });
  }
}
