// The full-text search index: static JSON files that the search page (public/js/search-core.js)
// fetches a few at a time, so that a query loads a few hundred kilobytes whatever the archive's size.
//
// Terms are the folded forms of every word of an article's title and text, with and without attached
// particles — exactly what formsOf() gives for a token — so "اوباما" finds "أوباما", "كيرى" finds
// "كيري" and "الرئيس" finds "والرئيس" and "للرئيس"; the page folds the query with the same table.
//
// Layout, under search/index/ (INDEX_DIR):
//   manifest.json   {version, hash, articles, block, shards, terms}, written last. `hash` covers every
//                   other file; the page adds it to every other fetch (?v=), so a rebuilt site is never
//                   read together with a cached part of the old index.
//   terms/<k>.json  the terms whose shardOf() is k: {"term": postings, …}. The shard count is
//                   chosen from the size of all postings so that a shard is about SHARD_BYTES.
//   facets.json     {events: [{id, name, docs | bits}], actors: […]}: the articles of every event and
//                   actor, for the filters and their counts.
//   docs/<k>.json   articles k·block … k·block + block − 1 (DOC_BLOCK, 32), each {url, title, date,
//                   iso, e, a}; e and a index facets.json. About 10 kB a file: a page of ten results from
//                   anywhere in the archive fetches at most ten. There is no text here: the excerpt is cut
//                   from the article's own page (fetched by the search page, then in the browser's cache
//                   when the reader opens it), between the <!--search--> and <!--/search--> marks of
//                   templates/pages/article.njk. A file per article would be 10,000 more files to write
//                   for 10,000 articles — the largest part of the build's file system time.
//
// Articles are numbered by their place in archive.articles (newest first). A posting list is one of:
//   [v, …]                   articles ascending, each v = (gap << 3) | weight, gap = the difference to
//                            the previous article (the first is its number + 1), weight = 4 if the term
//                            is in the title, plus min(occurrences, 4) − 1;
//   {"bits": b, "title": g}  for a term in many articles, when shorter: b is a bit set (below) of the
//                            articles, g the gaps of those with the term in the title (occurrences are
//                            not kept: such a common term weighs little in the ranking anyway).
// Facets use the same two forms without weights: "docs": [gap, …] or "bits": b.
// A bit set is base64 (A–Z a–z 0–9 + /), six articles a character, article 6k + j in bit j of character k.
//
// Building is one linear pass over the text: words are scanned without a regular expression and a
// distinct word's term ids are computed once; each article's postings are appended to flat typed arrays
// (4 bytes a posting) and grouped by term at the end with a counting sort (4 more bytes a posting while
// it runs). No object is made per posting or per occurrence; the files are made one at a time.
import { createHash } from "node:crypto";
import type { Archive, ArticleEntry } from "../model.ts";
import { fold, formsOf, particleForms, tokenize, wordUnits } from "../text/index.ts";
import { htmlText, shardOf } from "../../public/js/search-core.js";

// The text of rendered Markdown, a line per block: the same function cuts an article page's text for the
// search page's excerpts (pageText() in search-core.js), so what is indexed is what the excerpt shows.
export { htmlText };

/** The shard file of a term (the search page computes it with the same function). */
export { shardOf };

/** Where the index lives in the site. */
export const INDEX_DIR = "search/index";
export const INDEX_VERSION = 2;
/** Articles a file of docs/ holds. */
export const DOC_BLOCK = 32;
/** Target size of a term shard, in bytes of JSON. */
export const SHARD_BYTES = 64 * 1024;

export interface SearchFile {
  /** Relative to the site's root, e.g. "search/index/terms/3.json". */
  path: string;
  content: string;
}

/** Every folded and particle-free form of the words of `text`, once each. */
export function searchForms(text: string): string {
  const seen = new Set<string>();
  for (const t of tokenize(text)) for (const f of formsOf(t)) seen.add(f);
  return [...seen].join(" ");
}

/** Postings per chunk of PostingsBuilder's storage. */
const POSTING_CHUNK = 1 << 18;
/** About how many postings are inverted at once: the shards are written in groups of about this many. */
const GROUP_POSTINGS = 1 << 22;

/** `a` copied into a new array of `size` elements; the new room is filled with `fill`. */
function grown<T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(a: T, size: number, fill = 0): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  if (fill) next.fill(fill, a.length);
  next.set(a);
  return next;
}

/**
 * Collects the postings of one article after another. Distinct raw words are kept in an open-addressing
 * table keyed by their code units, so a word that occurs again costs a hash and a comparison, no string.
 */
class PostingsBuilder {
  readonly terms: string[] = [];
  private readonly termId = new Map<string, number>();
  // Raw words: how many, their code units wordChars[wordStartChar[w] .. wordStartChar[w + 1]), hash,
  // and term ids wordTerms[wordStart[w] .. wordStart[w + 1]).
  private words = 0;
  private wordChars = new Uint16Array(1 << 14);
  private wordStartChar = new Int32Array(1024);
  private wordHash = new Int32Array(1024);
  private wordStart = new Int32Array(1024);
  private wordTerms = new Int32Array(4096);
  private wordTermCount = 0;
  /** The table: pairs (hash, word id), the id −1 in an empty slot. */
  private slots = new Int32Array(2 << 12).fill(-1);
  // Per term, for the article being read: the article's number once seen, occurrences (at most 4),
  // whether in the title; and the terms of the article in order of appearance.
  private seen = new Int32Array(1024).fill(-1);
  private tf = new Uint8Array(1024);
  private inTitle = new Uint8Array(1024);
  private docTerms = new Int32Array(1024);
  private docTermCount = 0;
  // Per term, over all articles so far: how many have it (df), the last of them and the last with it in
  // the title, and the bytes of its posting list and of its list of titles (digits and separators).
  df = new Int32Array(1024);
  private lastDoc = new Int32Array(1024).fill(-1);
  private lastTitle = new Int32Array(1024).fill(-1);
  private listBytes = new Float64Array(1024);
  private titleBytes = new Float64Array(1024);
  // Every posting, article after article, as (term << 3) | weight, in chunks so that growing copies
  // nothing; and where each article's postings end.
  private readonly chunks: Int32Array[] = [];
  private chunk = new Int32Array(0);
  private chunkCount = 0;
  private total = 0;
  private docEnd = new Int32Array(1024);
  private docs = 0;

  /** Article `doc` (numbers ascending), its title and text. */
  add(doc: number, title: string, text: string): void {
    this.docTermCount = 0;
    this.scan(doc, title, 1);
    this.scan(doc, text, 0);
    const { docTerms, tf, inTitle, df, lastDoc, lastTitle, listBytes, titleBytes } = this;
    let { chunk, chunkCount } = this;
    for (let i = 0; i < this.docTermCount; i++) {
      if (chunkCount === chunk.length) {
        this.chunks.push((chunk = new Int32Array(POSTING_CHUNK)));
        chunkCount = 0;
      }
      const id = docTerms[i]!;
      const w = (inTitle[id]! << 2) | (tf[id]! - 1);
      chunk[chunkCount++] = (id << 3) | w;
      df[id]!++;
      listBytes[id]! += digits(((doc - lastDoc[id]!) << 3) | w) + 1;
      lastDoc[id] = doc;
      if (w & 4) {
        titleBytes[id]! += digits(doc - lastTitle[id]!) + 1;
        lastTitle[id] = doc;
      }
    }
    this.chunk = chunk;
    this.chunkCount = chunkCount;
    this.total += this.docTermCount;
    if (doc !== this.docs) throw new Error("articles must be added in order");
    if (this.docs === this.docEnd.length) this.docEnd = grown(this.docEnd, this.docs * 2);
    this.docEnd[this.docs++] = this.total;
  }

  private scan(doc: number, text: string, title: number): void {
    const n = text.length;
    let { seen, tf, inTitle, docTerms, wordTerms, wordStart, docTermCount } = this;
    let i = 0;
    while (i < n) {
      let c = text.charCodeAt(i);
      let u = wordUnits(text, i);
      if (u === 0) {
        i++;
        continue;
      }
      const start = i;
      let h = 0x811c9dc5;
      for (;;) {
        h = Math.imul(h ^ c, 0x01000193);
        if (u === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), 0x01000193);
        i += u;
        if (i >= n) break;
        u = wordUnits(text, i);
        if (u === 0) break;
        c = text.charCodeAt(i);
      }
      let w = this.find(text, start, i, h);
      if (w < 0) {
        w = this.newWord(text, start, i, h);
        // A new word may have grown these.
        ({ seen, tf, inTitle, docTerms, wordTerms, wordStart } = this);
      }
      for (let k = wordStart[w]!, end = wordStart[w + 1]!; k < end; k++) {
        const id = wordTerms[k]!;
        if (seen[id] !== doc) {
          seen[id] = doc;
          tf[id] = 1;
          inTitle[id] = title;
          docTerms[docTermCount++] = id;
        } else {
          if (tf[id]! < 4) tf[id]!++;
          if (title) inTitle[id] = 1;
        }
      }
    }
    this.docTermCount = docTermCount;
  }

  /** The id of the raw word text[start, end) with hash h, or −1. */
  private find(text: string, start: number, end: number, h: number): number {
    const { slots, wordChars, wordStartChar } = this;
    const mask = (slots.length >> 1) - 1;
    const len = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const w = slots[2 * s + 1]!;
      if (w === -1) return -1;
      if (slots[2 * s] !== h) continue;
      const from = wordStartChar[w]!;
      if (wordStartChar[w + 1]! - from !== len) continue;
      let k = 0;
      while (k < len && wordChars[from + k] === text.charCodeAt(start + k)) k++;
      if (k === len) return w;
    }
  }

  /** Adds the raw word text[start, end) with hash h and its terms; returns its id. */
  private newWord(text: string, start: number, end: number, h: number): number {
    const w = this.words++;
    if (w + 2 > this.wordHash.length) {
      this.wordHash = grown(this.wordHash, this.wordHash.length * 2);
      this.wordStart = grown(this.wordStart, this.wordStart.length * 2);
      this.wordStartChar = grown(this.wordStartChar, this.wordStartChar.length * 2);
    }
    this.wordHash[w] = h;
    const from = this.wordStartChar[w]!;
    if (from + end - start > this.wordChars.length) this.wordChars = grown(this.wordChars, Math.max(from + end - start, this.wordChars.length * 2));
    for (let k = start; k < end; k++) this.wordChars[from + k - start] = text.charCodeAt(k);
    this.wordStartChar[w + 1] = from + end - start;
    for (const f of particleForms(fold(text.slice(start, end)))) {
      if (f === "") continue;
      let id = this.termId.get(f);
      if (id === undefined) {
        id = this.terms.length;
        this.termId.set(f, id);
        this.terms.push(f);
        if (id >= this.seen.length) {
          const size = this.seen.length * 2;
          this.seen = grown(this.seen, size, -1);
          this.tf = grown(this.tf, size);
          this.inTitle = grown(this.inTitle, size);
          this.docTerms = grown(this.docTerms, size);
          this.df = grown(this.df, size);
          this.lastDoc = grown(this.lastDoc, size, -1);
          this.lastTitle = grown(this.lastTitle, size, -1);
          this.listBytes = grown(this.listBytes, size);
          this.titleBytes = grown(this.titleBytes, size);
        }
      }
      if (this.wordTermCount === this.wordTerms.length) this.wordTerms = grown(this.wordTerms, this.wordTerms.length * 2);
      this.wordTerms[this.wordTermCount++] = id;
    }
    this.wordStart[w + 1] = this.wordTermCount;
    // Insert into the table, growing it to keep it at most half full.
    if (this.words * 4 > this.slots.length) this.rehash();
    else this.insert(this.slots, w, h);
    return w;
  }

  private insert(slots: Int32Array, w: number, h: number): void {
    const mask = (slots.length >> 1) - 1;
    let s = h & mask;
    while (slots[2 * s + 1] !== -1) s = (s + 1) & mask;
    slots[2 * s] = h;
    slots[2 * s + 1] = w;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let w = 0; w < this.words; w++) this.insert(slots, w, this.wordHash[w]!);
    this.slots = slots;
  }

  /**
   * Bytes of term t's posting list in its shorter form (see the top of this file), negative for the bit
   * set, among `articles` articles.
   */
  size(t: number, articles: number): number {
    const list = 1 + this.listBytes[t]!;
    // {"bits":"…","title":[…]}
    const bits = 20 + Math.ceil(articles / 6) + (this.titleBytes[t]! ? 1 + this.titleBytes[t]! : 2);
    return bits < list ? -bits : list;
  }

  /**
   * The postings of the terms t with keep[t] = 1, grouped by term: those of t are values[at[t] ..
   * at[t] + df[t]), each (article << 3) | weight, articles ascending. Once `last`, the postings are let go.
   */
  invert(keep: Uint8Array, at: Int32Array, last: boolean): Int32Array {
    const { terms, chunks, docEnd, df } = this;
    let size = 0;
    for (let t = 0; t < terms.length; t++) {
      if (!keep[t]) continue;
      at[t] = size;
      size += df[t]!;
    }
    const fill = at.slice(0, terms.length);
    const values = new Int32Array(size);
    let doc = 0;
    for (let p = 0, c = 0; c < chunks.length; c++) {
      const chunk = chunks[c]!;
      for (let i = 0; i < POSTING_CHUNK && p < this.total; i++, p++) {
        while (p >= docEnd[doc]!) doc++;
        const v = chunk[i]!;
        if (keep[v >>> 3]) values[fill[v >>> 3]!++] = (doc << 3) | (v & 7);
      }
      if (last) chunks[c] = new Int32Array(0);
    }
    return values;
  }

  /** All postings so far. */
  get postings(): number {
    return this.total;
  }
}

// ---- Encoding: posting lists are written as ASCII bytes, then read once as a string ----

const B64 = Buffer.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", "latin1");

/** A growable buffer of ASCII JSON. */
class Ascii {
  private buf = Buffer.allocUnsafe(1 << 16);
  length = 0;
  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.length + n, this.buf.length * 2));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
  }
  byte(c: number): void {
    this.room(1);
    this.buf[this.length++] = c;
  }
  /** A non-negative integer in decimal. */
  int(v: number): void {
    this.room(11);
    const end = (this.length += digits(v));
    for (let i = end - 1; ; i--) {
      this.buf[i] = 48 + (v % 10);
      v = Math.floor(v / 10);
      if (v === 0) break;
    }
  }
  /** Ascending article numbers as gaps, "[g, …]" (the first gap is the number + 1). */
  gaps(docs: ArrayLike<number>): void {
    this.byte(0x5b);
    let prev = -1;
    for (let i = 0; i < docs.length; i++) {
      if (i) this.byte(0x2c);
      this.int(docs[i]! - prev);
      prev = docs[i]!;
    }
    this.byte(0x5d);
  }
  /** The bit set of ascending article numbers among `n`, as a JSON string. */
  bits(docs: ArrayLike<number>, n: number): void {
    const chars = Math.ceil(n / 6);
    this.room(chars + 2);
    const buf = this.buf;
    buf[this.length++] = 0x22;
    const from = this.length;
    buf.fill(0, from, from + chars);
    for (let i = 0; i < docs.length; i++) buf[from + ((docs[i]! / 6) | 0)]! |= 1 << docs[i]! % 6;
    for (let i = from; i < from + chars; i++) buf[i] = B64[buf[i]!]!;
    this.length = from + chars;
    buf[this.length++] = 0x22;
  }
  ascii(s: string): void {
    this.room(s.length);
    this.length += this.buf.write(s, this.length, "latin1");
  }
  /** Everything written since `from`, as a string; the buffer is then reset to `from`. */
  take(from = 0): string {
    const s = this.buf.toString("latin1", from, this.length);
    this.length = from;
    return s;
  }
}

/** Characters of the decimal form of a non-negative integer. */
function digits(n: number): number {
  return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : n < 1000000 ? 6 : String(n).length;
}

/** Writes a term's posting list, values[from, to): the bit set form when `bits`. */
function writePostings(out: Ascii, values: Int32Array, from: number, to: number, articles: number, bits: boolean, scratch: number[]): void {
  if (bits) {
    scratch.length = 0;
    for (let i = from; i < to; i++) scratch.push(values[i]! >> 3);
    out.ascii('{"bits":');
    out.bits(scratch, articles);
    scratch.length = 0;
    for (let i = from; i < to; i++) if (values[i]! & 4) scratch.push(values[i]! >> 3);
    out.ascii(',"title":');
    out.gaps(scratch);
    out.byte(0x7d);
    return;
  }
  out.byte(0x5b);
  let prev = -1;
  for (let i = from; i < to; i++) {
    const doc = values[i]! >> 3;
    if (i !== from) out.byte(0x2c);
    out.int(((doc - prev) << 3) | (values[i]! & 7));
    prev = doc;
  }
  out.byte(0x5d);
}

interface Facet {
  id: string;
  name: string;
  docs: number[];
}

/** Events or actors, by id, with their articles. */
function facetList(articles: readonly ArticleEntry[], pick: (a: ArticleEntry) => { id: string; name: string }[]): Facet[] {
  const byId = new Map<string, Facet>();
  articles.forEach((a, doc) => {
    for (const x of pick(a)) {
      let f = byId.get(x.id);
      if (!f) byId.set(x.id, (f = { id: x.id, name: x.name, docs: [] }));
      if (f.docs[f.docs.length - 1] !== doc) f.docs.push(doc);
    }
  });
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function facetsJson(list: Facet[], articles: number, out: Ascii): string {
  return `[${list.map((f) => {
    // The gaps or the bit set, whichever is shorter.
    out.gaps(f.docs);
    const docs = out.length > Math.ceil(articles / 6) + 2 ? (out.take(), out.bits(f.docs, articles), `"bits":${out.take()}`) : `"docs":${out.take()}`;
    return `\n{"id":${JSON.stringify(f.id)},"name":${JSON.stringify(f.name)},${docs}}`;
  }).join(",")}]`;
}

/**
 * The search index of `archive` as files, made one at a time so that a large archive's index is never
 * in memory whole: the articles' display data, then the facets, the term shards, and the manifest last.
 * Pure: src/build/render.ts (writeSearch) writes them.
 */
export function* searchRecords(archive: Pick<Archive, "articles" | "base" | "text">, shardBytes = SHARD_BYTES): Generator<SearchFile> {
  const articles = archive.articles;
  const n = articles.length;
  const hash = createHash("sha256");
  const file = (name: string, content: string): SearchFile => {
    hash.update(name).update("\0").update(content, "utf16le");
    return { path: `${INDEX_DIR}/${name}`, content };
  };

  const events = facetList(articles, (a) => a.events);
  const actors = facetList(articles, (a) => a.actors);
  const eventIndex = new Map(events.map((f, i) => [f.id, i]));
  const actorIndex = new Map(actors.map((f, i) => [f.id, i]));
  const postings = new PostingsBuilder();
  const block: string[] = [];
  for (let doc = 0; doc < n; doc++) {
    const a = articles[doc]!;
    const text = archive.text(a);
    postings.add(doc, a.title, text);
    block.push(JSON.stringify({
      url: archive.base + a.url.replace(/^\//, ""),
      title: a.title,
      date: a.date ? `${a.date.gregorian}${a.date.inferred ? ` (${a.date.note})` : ""}` : "",
      iso: a.date?.iso ?? "",
      e: a.events.map((e) => eventIndex.get(e.id)!),
      a: a.actors.map((x) => actorIndex.get(x.id)!),
    }));
    if (block.length === DOC_BLOCK || doc === n - 1) {
      yield file(`docs/${Math.floor(doc / DOC_BLOCK)}.json`, `[${block.join(",\n")}]\n`);
      block.length = 0;
    }
  }
  const out = new Ascii();
  yield file("facets.json", `{"events":${facetsJson(events, n, out)},\n"actors":${facetsJson(actors, n, out)}}\n`);

  // The shard count from the size of every list; then the lists of a group of shards at a time (every
  // GROUP_POSTINGS postings, a group more), so that only part of them is held inverted at once.
  const terms = postings.terms;
  const bits = new Uint8Array(terms.length);
  let bytes = 0;
  for (let t = 0; t < terms.length; t++) {
    const size = postings.size(t, n);
    bits[t] = size < 0 ? 1 : 0;
    bytes += Math.abs(size) + Buffer.byteLength(terms[t]!) + 5;
  }
  const shards = Math.max(1, Math.round(bytes / shardBytes));
  const groups = Math.min(shards, Math.ceil(postings.postings / GROUP_POSTINGS) || 1);
  const byShard: number[][] = Array.from({ length: shards }, () => []);
  for (let t = 0; t < terms.length; t++) byShard[shardOf(terms[t]!, shards)]!.push(t);
  const keep = new Uint8Array(terms.length);
  const at = new Int32Array(terms.length);
  const scratch: number[] = [];
  for (let g = 0; g < groups; g++) {
    keep.fill(0);
    for (let k = g; k < shards; k += groups) for (const t of byShard[k]!) keep[t] = 1;
    const values = postings.invert(keep, at, g === groups - 1);
    for (let k = g; k < shards; k += groups) {
      // Terms in the order they were first met, as they are numbered.
      const entries = byShard[k]!.map((t) => {
        writePostings(out, values, at[t]!, at[t]! + postings.df[t]!, n, bits[t] === 1, scratch);
        return `${JSON.stringify(terms[t])}:${out.take()}`;
      });
      yield file(`terms/${k}.json`, `{${entries.join(",\n")}}\n`);
    }
  }

  const manifest = { version: INDEX_VERSION, hash: hash.digest("hex").slice(0, 16), articles: n, block: DOC_BLOCK, shards, terms: terms.length };
  yield { path: `${INDEX_DIR}/manifest.json`, content: JSON.stringify(manifest) + "\n" };
}
