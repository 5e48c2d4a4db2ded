// The full-text search index: static JSON files that the search page (public/js/search-core.js) fetches
// a few at a time. A query reads the manifest, the facet list, one small term shard per word (or per pair
// of words of a phrase), and for each result shown its one fragment (display data and text): never a whole
// article page, never a file that grows with the archive except the shards' count.
//
// Words and particles. Terms are folded words (src/text fold()) as the writer wrote them, and the pairs of
// adjacent words ("مجلس الامن") for phrases. A word that starts with an attached particle (و ف ب ك ل, and
// ال after them: وال بال فال كال لل — the forms particleForms() of src/text gives) is also filed under the
// word without it, but only when
//   - what remains is a word the archive knows on its own (a term), of at least MIN_STEM letters, and
//   - the word is not itself a known word: a registry name (بوتين, كيري), or a word that takes particles or
//     the article itself (وكيري, البيان make كيري and بيان words of their own).
// So والرئيس and للرئيس are filed under الرئيس too, but كيري is never filed under يري, nor بوتين under وتين.
// A pair is filed the same way under its first word's particle-free forms ("ومجلس الامن" → "مجلس الامن").
// The page applies the same rules to a query word it does not find (queryRules(), from the same
// particleForms(), is in the manifest), and pairs a word with its definite or indefinite twin (لاجئين ↔
// اللاجئين), which shardKey() keeps in the same shard.
//
// Layout, under search/index/ (INDEX_DIR):
//   manifest.json   {version, hash, articles, shards, terms, rules}, written last. `hash` covers every other
//                   file (their names and signatures); the page adds it to every other fetch (?v=), so a
//                   rebuilt site is never read together with a cached part of the old index.
//   terms/<k>.json.gz the terms whose shardOf(shardKey(term)) is k: {"term": postings, …}, gzipped; the
//                   shard count is chosen so that a shard is about SHARD_BYTES of JSON before gzip.
//   facets.json     {facets: [{key, values: [{id, name, n}]}], names: [{actor, v}]}: every facet (event,
//                   actor, tag, year: FACETS) with its values and how many articles each has; `names` are
//                   the registry's folded spellings of each actor (v), for queries that name one.
//   f/<key>/<i>.json the articles of value i of facet `key`: [gap, …] or {"bits": b}.
//   x/<doc>.json.gz an article's fragment, one file an article, gzipped (as Pagefind stores its own): the
//                   JSON of its display data {url, title, date, iso, f: {key: [value, …]}} and its text
//                   once, t (the parts of textParts() joined by line breaks), for the excerpt. The page
//                   inflates it (readIndexFile() of search-core.js), unless the server already did.
//
// Articles are numbered by their place in archive.articles (newest first: the number is the date order).
// A posting list is one of:
//   [v, …]                   articles ascending, v = (gap << 3) | weight: gap = the difference to the
//                            previous article (the first is its number + 1), weight = 4 if the
//                            term is in the title, plus min(occurrences, 4) − 1;
//   {"bits": b, "title": g}  for a term in many articles, when shorter: b is a bit set (below) of the
//                            articles, g the gaps of those with the term in the title;
//   {"see": [r, …], "p": p}  a word filed under particle-free forms r too (its articles are in theirs),
//                            p one of the two forms above: the page looks the r up as well.
// A bit set is base64 (A–Z a–z 0–9 + /), six articles a character, article 6k + j in bit j of character k.
import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync, renameSync, rmSync, writeSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Archive, ArticleEntry } from "../model.ts";
import { fold, particleForms, wordUnits } from "../text/index.ts";
import { STEM, htmlText, shardKey, shardOf } from "../../public/js/search-core.js";

// The text of rendered Markdown, a line per block (src/archive articleText uses it).
export { htmlText, shardKey, shardOf };

/** Where the index lives in the site. */
export const INDEX_DIR = "search/index";
export const INDEX_VERSION = 4;
/** Target size of a term shard, in bytes of JSON (before gzip). */
export const SHARD_BYTES = 12 * 1024;
/** About how many characters a part of an article's text holds (textParts()). */
export const PART_CHARS = 1200;
/** The last part textParts() cuts: later text is one part. */
const MAX_PART = 7;
/** Letters a word must keep once a particle is taken off. */
export const MIN_STEM: number = STEM;
/** The definite article, as folded. */
export const ARTICLE = "ال";

export interface SearchFile {
  /** Relative to the site's root, e.g. "search/index/terms/3.json". */
  path: string;
  /** JSON text; the gzipped JSON of a fragment (x/) or a shard (terms/), compressed when read. */
  readonly content: string | Uint8Array;
  /**
   * A hash of the file's JSON text before compression (a fragment's: its article's version and a hash of
   * the rest; a shard's: of its terms and of each one's postings): a rebuild compresses only the files
   * that changed, and makes only the shards that changed.
   */
  signature: string;
}

/** What the index is made from: the archive's articles, and the registry's actors with their spellings. */
export type SearchInput = Pick<Archive, "articles" | "base" | "text"> & { actors?: readonly { id: string; variants: readonly string[] }[] };

/** How searchRecords() makes the index. */
export interface SearchOptions {
  /** About how large a shard's JSON is (SHARD_BYTES). */
  shardBytes?: number;
  /** The postings the last build kept, read for unchanged articles and kept again for the next. */
  state?: SearchState;
  /** Told how many articles' texts were scanned, how many shards made (with `alone` those made apart). */
  counts?: { scanned: number; shards?: number; alone?: number };
  /** Whether a file of that signature is in place already (an update): such a shard is not made. */
  kept?: (path: string, signature: string) => boolean;
}

/**
 * Where a build keeps its articles' postings for the next (`file`, in the text cache's folder), and what
 * they were made by. See KnownPostings.
 */
export interface SearchState {
  file: string;
  /** What made the postings (the index's format, the code and registry): a state of another key is not read. */
  key: string;
  /** The output folder it is of: a state whose folder is gone is removed (pruneSearchStates). */
  out: string;
}

/** A facet of the filters: its key (in the page's address) and an article's values. */
interface FacetDef {
  key: string;
  pick(a: ArticleEntry): { id: string; name: string }[];
}

/**
 * The facets the search page filters by. Tags come from the articles' front matter when they have any
 * (an entry's `tags`, strings); a facet no article has is left out of facets.json.
 */
export const FACETS: readonly FacetDef[] = [
  { key: "event", pick: (a) => a.events },
  { key: "actor", pick: (a) => a.actors },
  { key: "tag", pick: (a) => tagsOf(a).map((t) => ({ id: t, name: t })) },
  { key: "year", pick: (a) => (a.date ? [{ id: a.date.iso.slice(0, 4), name: a.date.iso.slice(0, 4) }] : []) },
];

/** An entry's tags (front matter `tags`, strings), none when it has none. */
function tagsOf(a: ArticleEntry): string[] {
  const tags: unknown = (a as unknown as { tags?: unknown }).tags;
  return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string" && t.trim() !== "") : [];
}

/**
 * The particle rules of particleForms() as data, for the search page: for each prefix of particle letters
 * (at most three, the deepest particleForms looks), the replacements it gives, in its order. A word t
 * starting with prefix P stands for R + t.slice(P.length) for each R of rules[P] (the longest P first).
 * Found by asking particleForms itself, so the page cannot drift from it.
 */
export function queryRules(): { prefixes: Record<string, string[]>; stem: number; article: string } {
  const letters = "وفبكل";
  const stem = "ثجح"; // letters no rule looks at
  const prefixes: Record<string, string[]> = {};
  const probe = (p: string) => {
    if (p) {
      const forms = particleForms(p + stem).slice(1).map((f) => f.slice(0, f.length - stem.length));
      if (forms.length) prefixes[p] = forms;
    }
    if (p.length < 3) for (const c of letters) probe(p + c);
  };
  probe("");
  return { prefixes, stem: MIN_STEM, article: ARTICLE };
}

/** Postings per chunk of PostingsBuilder's storage. */
const POSTING_CHUNK = 1 << 18;
/** About how many postings are inverted at once: the shards are written in groups of about this many. */
const GROUP_POSTINGS = 1 << 22;
/** Term ids stay below 2^25: a pair's key a · MAX_TERMS + b is then an exact number. */
const MAX_TERMS = 1 << 25;

/** `a` copied into a new array of `size` elements; the new room is filled with `fill`. */
function grown<T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(a: T, size: number, fill = 0): T {
  const next = new (a.constructor as new (n: number) => T)(size);
  if (fill) next.fill(fill, a.length);
  next.set(a);
  return next;
}

/**
 * Collects the postings of one article after another: each word's folded form and each pair of adjacent
 * words is a term. Distinct raw words are kept in an open-addressing table keyed by their code units, so a
 * word that occurs again costs a hash and a comparison, no string.
 */
class PostingsBuilder {
  /** The folded word of a word term; "" for a pair. */
  readonly terms: string[] = [];
  /** A pair's two word terms (−1 for a word term). */
  private pairA = new Int32Array(1024).fill(-1);
  private pairB = new Int32Array(1024).fill(-1);
  readonly termId = new Map<string, number>();
  private readonly pairId = new Map<number, number>();
  // Raw words: how many, their code units wordChars[wordStartChar[w] .. wordStartChar[w + 1]), hash, term.
  private words = 0;
  private wordChars = new Uint16Array(1 << 14);
  private wordStartChar = new Int32Array(1024);
  private wordHash = new Int32Array(1024);
  private wordTerm = new Int32Array(1024);
  /** The table: pairs (hash, word id), the id −1 in an empty slot. */
  private slots = new Int32Array(2 << 12).fill(-1);
  // Per term, for the article being read: the article's number once seen, occurrences (at most 4),
  // whether in the title; and the article's terms in order.
  private seen = new Int32Array(1024).fill(-1);
  private tf = new Uint8Array(1024);
  private inTitle = new Uint8Array(1024);
  private docTerms = new Int32Array(1024);
  private docTermCount = 0;
  /** Per term: how many articles have it (once aliases are added, an upper bound). */
  df = new Int32Array(1024);
  // Every posting, article after article, as (term << 3) | weight, in chunks so that growing
  // copies nothing; and where each article's postings end.
  private readonly chunks: Int32Array[] = [];
  private chunk = new Int32Array(0);
  private chunkCount = 0;
  private total = 0;
  private docEnd = new Int32Array(1024);
  private docs = 0;
  /** Other terms a term's postings are also filed under (aliases()): from[i] → to[i]. */
  aliasFrom: number[] = [];
  aliasTo: number[] = [];
  /** df as the articles gave it, before aliases() adds to it. */
  private scanned = new Int32Array(0);
  /** The words a word is also filed under (its postings are in theirs): the page looks them up too. */
  see = new Map<number, number[]>();

  /** Article `doc` (numbers ascending), its title and its text's parts. */
  add(doc: number, title: string, parts: readonly string[]): void {
    this.docTermCount = 0;
    this.scan(doc, title, 1);
    for (const p of parts) this.scan(doc, p, 0);
    const { docTerms, tf, inTitle, df } = this;
    let { chunk, chunkCount } = this;
    for (let i = 0; i < this.docTermCount; i++) {
      if (chunkCount === chunk.length) {
        this.chunks.push((chunk = new Int32Array(POSTING_CHUNK)));
        chunkCount = 0;
      }
      const id = docTerms[i]!;
      chunk[chunkCount++] = (id << 3) | (inTitle[id]! << 2) | (tf[id]! - 1);
      df[id]!++;
    }
    this.ended(doc, chunk, chunkCount, this.docTermCount);
  }

  /**
   * Article `doc` from the postings a previous build scanned of the same text (KnownPostings): its terms
   * get this build's numbers (`remap`, old term → new, −1 until met) in the order the article meets them,
   * which is the order a scan gives, so the index is the one a scan of every article makes.
   */
  addKnown(doc: number, values: Int32Array, known: KnownPostings, remap: Int32Array): void {
    let { chunk, chunkCount } = this;
    for (let i = 0; i < values.length; i++) {
      if (chunkCount === chunk.length) {
        this.chunks.push((chunk = new Int32Array(POSTING_CHUNK)));
        chunkCount = 0;
      }
      const v = values[i]!;
      const old = v >>> 3;
      if (old >= remap.length) throw new StateDamaged();
      let id = remap[old]!;
      if (id < 0) {
        const a = known.pairA[old]!;
        // A pair's words come before it in the article (a word is counted before the pair it closes).
        const wa = a < 0 ? -1 : remap[a]!;
        const wb = a < 0 ? -1 : remap[known.pairB[old]!]!;
        if (a >= 0 && (wa < 0 || wb < 0)) throw new StateDamaged();
        id = remap[old] = a < 0 ? this.word(known.terms[old]!) : this.pair(wa, wb);
      }
      chunk[chunkCount++] = (id << 3) | (v & 7);
      this.df[id]!++;
    }
    this.ended(doc, chunk, chunkCount, values.length);
  }

  /** Article `doc`'s `count` postings were put in the chunks, up to `chunk`[`chunkCount`]. */
  private ended(doc: number, chunk: Int32Array<ArrayBuffer>, chunkCount: number, count: number): void {
    this.chunk = chunk;
    this.chunkCount = chunkCount;
    this.total += count;
    if (doc !== this.docs) throw new Error("articles must be added in order");
    if (this.docs === this.docEnd.length) this.docEnd = grown(this.docEnd, this.docs * 2);
    this.docEnd[this.docs++] = this.total;
  }

  /** The term of folded word `f`, made if new. */
  private word(f: string): number {
    let id = this.termId.get(f);
    if (id === undefined) this.termId.set(f, (id = this.newTerm(f, -1, -1)));
    return id;
  }

  /**
   * Every article's postings as scanned (before aliases()), for the next build (KnownPostings.read):
   * written beside, then renamed. `versions` are the articles', in their order.
   */
  save(state: SearchState, versions: readonly string[]): void {
    const tmp = `${state.file}.${process.pid}.tmp`;
    let fd: number | undefined;
    try {
      fd = openSync(tmp, "w");
      const terms = this.terms.length;
      const header = Buffer.from(JSON.stringify({ key: state.key, out: state.out, versions, terms: this.terms, total: this.total }));
      const head = Buffer.alloc(8 + Math.ceil(header.length / 4) * 4);
      head.writeUInt32LE(KNOWN_FORMAT, 0);
      head.writeUInt32LE(header.length, 4);
      header.copy(head, 8);
      writeSync(fd, head);
      for (const a of [this.pairA.subarray(0, terms), this.pairB.subarray(0, terms), this.docEnd.subarray(0, this.docs)]) writeSync(fd, bytesOf(a));
      let left = this.total;
      for (const c of this.chunks) {
        const n = Math.min(left, POSTING_CHUNK);
        if (n > 0) writeSync(fd, bytesOf(c.subarray(0, n)));
        left -= n;
      }
      closeSync(fd);
      fd = undefined;
      renameSync(tmp, state.file);
    } catch {
      // Without it the next build scans every article again.
      if (fd !== undefined) closeSync(fd);
      rmSync(tmp, { force: true });
    }
  }

  /** Counts term `id` in the article being read. */
  private count(doc: number, id: number, title: number): void {
    if (this.seen[id] !== doc) {
      this.seen[id] = doc;
      this.tf[id] = 1;
      this.inTitle[id] = title;
      this.docTerms[this.docTermCount++] = id;
    } else {
      if (this.tf[id]! < 4) this.tf[id]!++;
      if (title) this.inTitle[id] = 1;
    }
  }

  private scan(doc: number, text: string, title: number): void {
    const n = text.length;
    let i = 0;
    // The previous word's term, while only spaces lie between it and the next word (−1 otherwise).
    let prev = -1;
    while (i < n) {
      let c = text.charCodeAt(i);
      let u = wordUnits(text, i);
      if (u === 0) {
        if (c !== 0x20 && c !== 0xa0 && c !== 0x200f && c !== 0x200e) prev = -1;
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
      if (w < 0) w = this.newWord(text, start, i, h);
      const id = this.wordTerm[w]!;
      if (id < 0) {
        // A word of marks alone: no term, and no pair across it.
        prev = -1;
        continue;
      }
      this.count(doc, id, title);
      if (prev >= 0) this.count(doc, this.pair(prev, id), title);
      prev = id;
    }
  }

  /** The id of term `s` (a word, or a pair when a, b ≥ 0), made if new. */
  private newTerm(s: string, a: number, b: number): number {
    const id = this.terms.length;
    if (id >= MAX_TERMS) throw new Error("too many distinct words and pairs for the search index");
    this.terms.push(s);
    if (id >= this.seen.length) {
      const size = this.seen.length * 2;
      this.seen = grown(this.seen, size, -1);
      this.tf = grown(this.tf, size);
      this.inTitle = grown(this.inTitle, size);
      this.docTerms = grown(this.docTerms, size);
      this.df = grown(this.df, size);
      this.pairA = grown(this.pairA, size, -1);
      this.pairB = grown(this.pairB, size, -1);
    }
    this.pairA[id] = a;
    this.pairB[id] = b;
    return id;
  }

  /** The term of the pair (a, b), made if new. */
  pair(a: number, b: number): number {
    const key = a * MAX_TERMS + b;
    let id = this.pairId.get(key);
    if (id === undefined) this.pairId.set(key, (id = this.newTerm("", a, b)));
    return id;
  }

  /** The text of term t: a folded word, or two separated by a space. */
  text(t: number): string {
    const a = this.pairA[t]!;
    return a < 0 ? this.terms[t]! : `${this.terms[a]} ${this.terms[this.pairB[t]!]}`;
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

  /** Adds the raw word text[start, end) with hash h and its term; returns its id. */
  private newWord(text: string, start: number, end: number, h: number): number {
    const w = this.words++;
    if (w + 2 > this.wordHash.length) {
      this.wordHash = grown(this.wordHash, this.wordHash.length * 2);
      this.wordTerm = grown(this.wordTerm, this.wordTerm.length * 2);
      this.wordStartChar = grown(this.wordStartChar, this.wordStartChar.length * 2);
    }
    this.wordHash[w] = h;
    const from = this.wordStartChar[w]!;
    if (from + end - start > this.wordChars.length) this.wordChars = grown(this.wordChars, Math.max(from + end - start, this.wordChars.length * 2));
    for (let k = start; k < end; k++) this.wordChars[from + k - start] = text.charCodeAt(k);
    this.wordStartChar[w + 1] = from + end - start;
    const f = fold(text.slice(start, end));
    this.wordTerm[w] = f === "" ? -1 : this.word(f);
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
   * Files every word under its particle-free forms where the rules at the top of this file allow it, and
   * every pair under its first word's: once all articles are in. `names` are the registry's folded words.
   */
  aliases(names: ReadonlySet<string>): void {
    const { termId } = this;
    const words = this.terms.length;
    this.scanned = this.df.slice(0, words);
    // (Pairs are made while scanning, then here from those; words, after scanning, only for registry words.)
    // Words that are words of their own: registry names, and words another word carries a particle on.
    const own = new Set<string>(names);
    for (let t = 0; t < words; t++) {
      const v = this.terms[t]!;
      if (v === "") continue;
      for (const r of particleForms(v).slice(1)) if (termId.has(r)) own.add(r);
      if (v.startsWith(ARTICLE) && termId.has(v.slice(ARTICLE.length))) own.add(v.slice(ARTICLE.length));
    }
    const wordAlias = new Map<number, number[]>();
    // A reading that gives the article back (للرئيس → الرئيس, وبالرئيس → الرئيس) is kept even for a word
    // of its own (وللرئيس makes للرئيس one): ال after a particle is hardly ever part of a word; only a
    // registry name keeps it whole.
    const article = (r: string) => r.startsWith(ARTICLE);
    for (let t = 0; t < words; t++) {
      const w = this.terms[t]!;
      if (w === "" || names.has(w)) continue;
      let forms = particleForms(w).slice(1);
      if (own.has(w)) forms = w.startsWith(ARTICLE) ? [] : forms.filter(article);
      // وكيري: once كيري is a word of its own, not يري.
      const c = w[0];
      const m = w.slice(1);
      if ((c === "و" || c === "ف") && own.has(m) && !own.has(w)) forms = names.has(m) ? [m] : [m, ...particleForms(m).slice(1).filter(article)];
      const to: number[] = [];
      for (const r of forms) {
        if (r.length < MIN_STEM) continue;
        // A registry word is known even where no article has it on its own.
        const id = names.has(r) ? this.word(r) : termId.get(r);
        if (id !== undefined && !to.includes(id)) to.push(id);
      }
      if (to.length) wordAlias.set(t, to);
    }
    for (const [t, to] of wordAlias) for (const r of to) this.alias(t, r);
    this.see = wordAlias;
    // Pairs (words and pairs are numbered as met), those made before this loop adds more.
    const pairs = this.terms.length;
    for (let t = 0; t < pairs; t++) {
      if (this.pairA[t]! < 0) continue;
      const to = wordAlias.get(this.pairA[t]!);
      if (to) for (const r of to) this.alias(t, this.pair(r, this.pairB[t]!));
    }
  }

  private alias(from: number, to: number): void {
    this.aliasFrom.push(from);
    this.aliasTo.push(to);
    // The articles `from` has itself (a posting goes to a term and its aliases, not theirs in turn).
    this.df[to]! += this.scanned[from] ?? 0;
  }

  /**
   * The postings of the terms t with keep[t] = 1, grouped by term: those of t are values[at[t] ..
   * at[t] + df[t]), each (article << 3) | weight, articles ascending; an article may come
   * twice or more in a row (from a term and from its aliases). Once `last`, the postings are let go.
   */
  invert(keep: Uint8Array, at: Int32Array, last: boolean): Int32Array {
    const { terms, chunks, docEnd, df } = this;
    let size = 0;
    for (let t = 0; t < terms.length; t++) {
      if (!keep[t]) continue;
      at[t] = size;
      size += df[t]!;
    }
    const { first, next } = this.aliasLists(keep);
    const fill = at.slice(0, terms.length);
    const values = new Int32Array(size);
    let doc = 0;
    for (let p = 0, c = 0; c < chunks.length; c++) {
      const chunk = chunks[c]!;
      for (let i = 0; i < POSTING_CHUNK && p < this.total; i++, p++) {
        while (p >= docEnd[doc]!) doc++;
        const v = chunk[i]!;
        const t = v >>> 3;
        const posting = (doc << 3) | (v & 7);
        if (keep[t]) values[fill[t]!++] = posting;
        for (let a = first[t]!; a >= 0; a = next[a]!) values[fill[this.aliasTo[a]!]!++] = posting;
      }
      if (last) chunks[c] = new Int32Array(0);
    }
    return values;
  }

  /** A term's aliases t with keep[t] (all without `keep`), as linked lists: first[term] → next[i] → … (−1 ends). */
  private aliasLists(keep?: Uint8Array): { first: Int32Array; next: Int32Array } {
    const first = new Int32Array(this.terms.length).fill(-1);
    const next = new Int32Array(this.aliasFrom.length).fill(-1);
    for (let i = this.aliasFrom.length - 1; i >= 0; i--) {
      if (keep && !keep[this.aliasTo[i]!]) continue;
      next[i] = first[this.aliasFrom[i]!]!;
      first[this.aliasFrom[i]!] = i;
    }
    return { first, next };
  }

  /**
   * A hash of each term's postings as invert() lists them (listHash(): two 32-bit lanes, term t's at 2t
   * and 2t + 1), without inverting them: a shard whose terms' lists are all as before is not made again.
   */
  listHashes(): Int32Array {
    const { terms, chunks, docEnd } = this;
    const h = new Int32Array(2 * terms.length);
    for (let t = 0; t < terms.length; t++) {
      h[2 * t] = LIST_SEED_A;
      h[2 * t + 1] = LIST_SEED_B;
    }
    const { first, next } = this.aliasLists();
    let doc = 0;
    for (let p = 0, c = 0; c < chunks.length; c++) {
      const chunk = chunks[c]!;
      for (let i = 0; i < POSTING_CHUNK && p < this.total; i++, p++) {
        while (p >= docEnd[doc]!) doc++;
        const v = chunk[i]!;
        const posting = (doc << 3) | (v & 7);
        listHash(h, v >>> 3, posting);
        for (let a = first[v >>> 3]!; a >= 0; a = next[a]!) listHash(h, this.aliasTo[a]!, posting);
      }
    }
    return h;
  }

  /** A hash of each term's text (two 32-bit lanes, term t's at 2t and 2t + 1): a pair's from its words'. */
  textHashes(): Int32Array {
    const terms = this.terms.length;
    const h = new Int32Array(2 * terms);
    for (let t = 0; t < terms; t++) {
      const a = this.pairA[t]!;
      if (a >= 0) {
        const b = this.pairB[t]!;
        h[2 * t] = mixed(h[2 * a]!, h[2 * b]!);
        h[2 * t + 1] = mixed(h[2 * a + 1]! ^ 0x2545f491, h[2 * b + 1]!);
        continue;
      }
      const w = this.terms[t]!;
      let x = LIST_SEED_A;
      let y = LIST_SEED_B;
      for (let i = 0; i < w.length; i++) {
        x = Math.imul(x ^ w.charCodeAt(i), 0x01000193);
        y = mixed(y, w.charCodeAt(i));
      }
      h[2 * t] = x;
      h[2 * t + 1] = y;
    }
    return h;
  }

  /** All postings so far. */
  get postings(): number {
    return this.total;
  }
}

const LIST_SEED_A = 0x811c9dc5 | 0;
const LIST_SEED_B = 0x1b873593;

/** Term t's list hash in `h` (as listHashes() makes it) from its inverted postings values[from, to). */
function listHashOf(h: Int32Array, t: number, values: Int32Array, from: number, to: number): void {
  h[2 * t] = LIST_SEED_A;
  h[2 * t + 1] = LIST_SEED_B;
  for (let i = from; i < to; i++) listHash(h, t, values[i]!);
}

/** Adds `posting` to term t's list hash in `h` (listHashes()): two lanes, order-dependent. */
function listHash(h: Int32Array, t: number, posting: number): void {
  h[2 * t] = Math.imul(h[2 * t]! ^ posting, 0x01000193);
  h[2 * t + 1] = mixed(h[2 * t + 1]!, posting);
}

/** The bytes of a typed array (as the machine orders them: the file is read back on the same machine). */
function bytesOf(a: Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** The first four bytes of a KnownPostings file: its format. */
const KNOWN_FORMAT = 0x31585349;

/** A KnownPostings file whose parts do not agree: the index is then made by scanning every article. */
class StateDamaged extends Error {
  constructor() {
    super("the search index's state of the previous build is damaged");
  }
}

interface StateHeader {
  key: string;
  out: string;
  versions: string[];
  terms: string[];
  total: number;
}

/** The header of the state file open at `fd` and where its arrays start; throws if it is no state. */
function stateHeader(fd: number, size: number): { header: StateHeader; at: number } {
  const head = Buffer.alloc(8);
  if (readSync(fd, head, 0, 8, 0) !== 8 || head.readUInt32LE(0) !== KNOWN_FORMAT) throw new StateDamaged();
  const length = head.readUInt32LE(4);
  if (8 + length > size) throw new StateDamaged();
  const json = Buffer.alloc(length);
  readSync(fd, json, 0, length, 8);
  return { header: JSON.parse(json.toString()) as StateHeader, at: 8 + Math.ceil(length / 4) * 4 };
}

/**
 * The postings of the previous build's articles (PostingsBuilder.save), by version: an article whose
 * version (a hash of its file) is unchanged has the same title and text, so the same postings, which are
 * read instead of scanning its text again (at 10,000 articles the scan and the reading of the texts were
 * about half of a rebuild's index). The file: its format and the length of a JSON header ({key, out,
 * versions, terms, total}), the header padded to 4 bytes, then as 32-bit integers each term's pair words
 * (pairA, pairB), each article's end (docEnd) and the postings. A file of another key, or cut, is not
 * read; an article is read from it when added.
 */
export class KnownPostings {
  readonly terms: string[];
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  private readonly docEnd: Int32Array;
  private readonly postingsAt: number;
  /** The previous build's article number of each version. */
  readonly byVersion: Map<string, number>;

  private constructor(private readonly fd: number, header: { versions: string[]; terms: string[] }, arrays: Int32Array, postingsAt: number) {
    const t = header.terms.length;
    this.terms = header.terms;
    this.pairA = arrays.subarray(0, t);
    this.pairB = arrays.subarray(t, 2 * t);
    this.docEnd = arrays.subarray(2 * t);
    this.postingsAt = postingsAt;
    this.byVersion = new Map(header.versions.map((v, i) => [v, i]));
  }

  /**
   * The postings of `state.file` if it is whole, of `state.key` and its parts agree (each article's end
   * after the last, the last at the postings' end; a pair's words numbered before it), else null.
   * close() when done. A posting naming a term the file lacks is found when its article is read.
   */
  static open(state: SearchState): KnownPostings | null {
    let fd: number | undefined;
    try {
      fd = openSync(state.file, "r");
      const size = fstatSync(fd).size;
      const { header, at } = stateHeader(fd, size);
      if (header.key !== state.key) return (closeSync(fd), null);
      const t = header.terms.length;
      const arrays = new Int32Array(2 * t + header.versions.length);
      const postingsAt = at + arrays.byteLength;
      if (size !== postingsAt + 4 * header.total) throw new StateDamaged();
      if (readSync(fd, bytesOf(arrays), 0, arrays.byteLength, at) !== arrays.byteLength) throw new StateDamaged();
      for (let i = 0; i < t; i++) {
        const a = arrays[i]!;
        const b = arrays[t + i]!;
        if (a < 0 ? b >= 0 || header.terms[i] === "" : a >= i || b < 0 || b >= i || arrays[a]! >= 0 || arrays[b]! >= 0) throw new StateDamaged();
      }
      let end = 0;
      for (let d = 2 * t; d < arrays.length; d++) if (arrays[d]! < end || (end = arrays[d]!) > header.total) throw new StateDamaged();
      if (end !== header.total) throw new StateDamaged();
      return new KnownPostings(fd, header, arrays, postingsAt);
    } catch {
      if (fd !== undefined) closeSync(fd);
      return null;
    }
  }

  private buf = new Int32Array(4096);

  /** The postings of the previous build's article `doc` (valid until the next read). */
  read(doc: number): Int32Array {
    const from = doc ? this.docEnd[doc - 1]! : 0;
    const n = this.docEnd[doc]! - from;
    if (n > this.buf.length) this.buf = new Int32Array(n * 2);
    const out = this.buf.subarray(0, n);
    if (readSync(this.fd, bytesOf(out), 0, 4 * n, this.postingsAt + 4 * from) !== 4 * n) throw new StateDamaged();
    return out;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** The key and output folder of the search state `file`, or null if it is no state (pruneSearchStates, src/build/output.ts). */
export function stateOf(file: string): { key: string; out: string } | null {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const { header } = stateHeader(fd, fstatSync(fd).size);
    return typeof header.key === "string" && typeof header.out === "string" ? { key: header.key, out: header.out } : null;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
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
    if (!(v >= 0)) throw new Error(`search index: ${v} is not a non-negative integer`);
    this.room(16);
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

/**
 * Writes a term's posting list from values[from, to) (articles ascending, repeats in a row merged: title
 * if either, occurrences added), as a list or as a bit set, whichever is shorter.
 */
function writePostings(out: Ascii, values: Int32Array, from: number, to: number, articles: number, docs: number[], merged: number[]): void {
  docs.length = 0;
  merged.length = 0;
  for (let i = from; i < to; i++) {
    const doc = values[i]! >> 3;
    const v = values[i]! & 7;
    if (docs.length && docs[docs.length - 1] === doc) {
      const m = merged[merged.length - 1]!;
      const tf = Math.min(3, (m & 3) + (v & 3) + 1);
      merged[merged.length - 1] = (m & 4) | (v & 4) | tf;
    } else {
      docs.push(doc);
      merged.push(v);
    }
  }
  const start = out.length;
  out.byte(0x5b);
  let prev = -1;
  for (let i = 0; i < docs.length; i++) {
    if (i) out.byte(0x2c);
    out.int((docs[i]! - prev) * 8 + merged[i]!);
    prev = docs[i]!;
  }
  out.byte(0x5d);
  if (out.length - start < Math.ceil(articles / 6) + 24) return;
  out.take(start);
  out.ascii('{"bits":');
  out.bits(docs, articles);
  out.ascii(',"title":');
  out.gaps(docs.filter((_, i) => merged[i]! & 4));
  out.byte(0x7d);
}

interface FacetValue {
  id: string;
  name: string;
  docs: number[];
}

/** A facet's values, by id, with their articles. */
function facetValues(articles: readonly ArticleEntry[], def: FacetDef): FacetValue[] {
  const byId = new Map<string, FacetValue>();
  articles.forEach((a, doc) => {
    for (const x of def.pick(a)) {
      let f = byId.get(x.id);
      if (!f) byId.set(x.id, (f = { id: x.id, name: x.name, docs: [] }));
      if (f.docs[f.docs.length - 1] !== doc) f.docs.push(doc);
    }
  });
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The parts of an article's text: whole paragraphs (lines), about PART_CHARS each, the last holding the
 * rest (at most MAX_PART + 1 parts). A part ends at a line break; the words of a paragraph cut in two are
 * indexed in both parts' order, so pairs across the cut are lost (rare: the cut is at a space).
 */
export function textParts(text: string): string[] {
  const parts: string[] = [];
  let cur = "";
  const end = () => {
    parts.push(cur);
    cur = "";
  };
  for (let line of text.split("\n")) {
    if (!line) continue;
    // A paragraph much longer than a part (a scraped page without line breaks) is cut at a space.
    while (line.length > 2 * PART_CHARS && parts.length < MAX_PART) {
      const cut = line.lastIndexOf(" ", PART_CHARS - cur.length) > 0 ? line.lastIndexOf(" ", PART_CHARS - cur.length) : line.indexOf(" ", PART_CHARS);
      if (cut <= 0) break;
      cur = cur ? `${cur}\n${line.slice(0, cut)}` : line.slice(0, cut);
      line = line.slice(cut + 1);
      end();
    }
    cur = cur ? `${cur}\n${line}` : line;
    if (cur.length >= PART_CHARS && parts.length < MAX_PART) end();
  }
  if (cur || !parts.length) parts.push(cur);
  return parts;
}

/**
 * A signer of shards (searchRecords): shard k's signature from the article count and, for each of its
 * terms in order, the term, its "see" forms, its list's length and its list's hash (`lists`, as
 * listHashes() gives them), folded into two 32-bit lanes with no string made: a word's text is hashed
 * once, a pair's from its two words'.
 */
function shardSigner(postings: PostingsBuilder, byShard: number[][], n: number): (k: number, lists: Int32Array) => string {
  const text = postings.textHashes();
  return (k, lists) => {
    let x = mixed(LIST_SEED_A, n);
    let y = mixed(LIST_SEED_B, n);
    for (const t of byShard[k]!) {
      x = mixed(mixed(mixed(x, text[2 * t]!), postings.df[t]!), lists[2 * t]!);
      y = mixed(mixed(mixed(y, text[2 * t + 1]!), postings.df[t]!), lists[2 * t + 1]!);
      for (const r of postings.see.get(t) ?? []) {
        x = mixed(x ^ 0x5bd1e995, text[2 * r]!);
        y = mixed(y ^ 0x5bd1e995, text[2 * r + 1]!);
      }
      x = mixed(x, -1);
      y = mixed(y, -1);
    }
    return `${(x >>> 0).toString(36)}.${(y >>> 0).toString(36)}.gz`;
  };
}

/** `h` with `v` mixed in (a murmur-like step: a bijection of h for each v, and of v for each h). */
function mixed(h: number, v: number): number {
  const b = Math.imul((h + Math.imul(v, 0xcc9e2d51)) | 0, 0x5bd1e995);
  return b ^ (b >>> 15);
}

/**
 * The search index of `input` as files, made one at a time so that a large archive's index is never in
 * memory whole: the articles' text parts, the facets, the term shards, and the manifest last
 * (src/build/search.ts writeSearch writes them). Options:
 * - `state`: the postings of articles unchanged since the build that kept it are read from it, and the
 *   state is kept for the next;
 * - `kept(path, signature)`: whether a file of that signature is in place already (an update): a shard
 *   whose signature says so is not made (its content, if read all the same, is made then, alone: a pass
 *   over every posting for that shard, meant for a file that went missing in between).
 */
export function* searchRecords(input: SearchInput, opts: SearchOptions = {}): Generator<SearchFile> {
  const { shardBytes = SHARD_BYTES, state, counts = { scanned: 0 }, kept } = opts;
  const articles = input.articles;
  const n = articles.length;
  // The manifest's hash covers every file's name and signature.
  const hash = createHash("sha256");
  const sha1 = (text: string) => createHash("sha1").update(text).digest("base64url");
  const signed = (name: string, signature: string) => hash.update(name).update("\0").update(signature).update("\0");
  const file = (name: string, text: string, gzip = false): SearchFile => {
    const signature = sha1(text) + (gzip ? ".gz" : "");
    signed(name, signature);
    return gzip ? { path: `${INDEX_DIR}/${name}`, signature, get content() { return gzipSync(text); } } : { path: `${INDEX_DIR}/${name}`, signature, content: text };
  };

  const facets = FACETS.map((def) => ({ key: def.key, def, values: facetValues(articles, def) })).filter((f) => f.values.length);
  const valueIndex = facets.map((f) => new Map(f.values.map((v, i) => [v.id, i])));
  let postings = new PostingsBuilder();
  // The previous build's postings, where an article is unchanged: its text is then read only if its
  // fragment is written.
  let known = state ? KnownPostings.open(state) : null;
  const remap = known ? new Int32Array(known.terms.length).fill(-1) : new Int32Array(0);
  counts.scanned = 0;
  const scan = (doc: number, a: ArticleEntry): string[] => {
    const parts = textParts(input.text(a));
    postings.add(doc, a.title, parts);
    counts.scanned++;
    return parts;
  };
  try {
    for (let doc = 0; doc < n; doc++) {
      const a = articles[doc]!;
      const was = typeof a.version === "string" ? known?.byVersion.get(a.version) : undefined;
      let parts: string[] | undefined;
      if (known && was !== undefined) {
        try {
          postings.addKnown(doc, known.read(was), known, remap);
        } catch (e) {
          if (!(e instanceof StateDamaged)) throw e;
          // A posting of a term the file lacks, or cut since it was opened: scanned from the start.
          known.close();
          known = null;
          postings = new PostingsBuilder();
          for (let d = 0; d < doc; d++) scan(d, articles[d]!);
          parts = scan(doc, a);
        }
      } else parts = scan(doc, a);
      const f: Record<string, number[]> = {};
      facets.forEach((x, k) => {
        const ids = x.def.pick(a).map((v) => valueIndex[k]!.get(v.id)!);
        if (ids.length) f[x.key] = [...new Set(ids)];
      });
      // The article's one fragment: its display data and its text once, the parts one after another. Its
      // text is the article's (its version, a hash of its file, in a build of the same code), so the
      // signature is made of the version and the rest, and the JSON only when the file is written.
      const shown = { url: input.base + a.url.replace(/^\//, ""), title: a.title, date: a.date ? a.date.gregorian : "", iso: a.date?.iso ?? "", f };
      const name = `x/${doc}.json.gz`;
      const signature = `${a.version}.${sha1(JSON.stringify(shown))}.gz`;
      signed(name, signature);
      yield { path: `${INDEX_DIR}/${name}`, signature, get content() { return gzipSync(JSON.stringify({ ...shown, t: (parts ??= textParts(input.text(a))).join("\n") }) + "\n"); } };
    }
  } finally {
    known?.close();
  }
  // With nothing scanned, the state read holds every article's postings already.
  if (state && !(known && counts.scanned === 0)) postings.save(state, articles.map((a) => a.version));

  // Facets: the list, then each value's articles.
  const out = new Ascii();
  const names = (input.actors ?? []).map((x) => ({ id: x.id, v: [...new Set(x.variants.map((s) => fold(s).replace(/[^\p{L}\p{M}\p{N}]+/gu, " ").trim()).filter(Boolean))] }));
  const actorFacet = facets.find((f) => f.key === "actor");
  const actorIndex = actorFacet ? valueIndex[facets.indexOf(actorFacet)]! : new Map<string, number>();
  const namesJson = names.filter((x) => actorIndex.has(x.id)).map((x) => JSON.stringify({ actor: actorIndex.get(x.id), v: x.v }));
  const facetJson = facets.map((f) => `{"key":${JSON.stringify(f.key)},"values":[${f.values.map((v) => `\n${JSON.stringify({ id: v.id, name: v.name, n: v.docs.length })}`).join(",")}]}`);
  yield file("facets.json", `{"facets":[${facetJson.join(",\n")}],\n"names":[${namesJson.join(",\n")}]}\n`);
  for (const f of facets) {
    for (const [i, v] of f.values.entries()) {
      out.gaps(v.docs);
      const docs = out.length > Math.ceil(n / 6) + 12 ? (out.take(), out.bits(v.docs, n), `{"bits":${out.take()}}`) : out.take();
      yield file(`f/${f.key}/${i}.json`, docs + "\n");
    }
  }

  // Particle-free forms, then the shard count from an estimate of every list's size; then the lists of a
  // group of shards at a time (every GROUP_POSTINGS postings, a group more), so that only part of them is
  // held inverted at once.
  const registryWords = new Set(names.flatMap((x) => x.v.flatMap((s) => s.split(" "))));
  postings.aliases(registryWords);
  const terms = postings.terms.length;
  const keys: string[] = new Array(terms);
  let bytes = 0;
  for (let t = 0; t < terms; t++) {
    const df = postings.df[t]!;
    if (!df) continue;
    keys[t] = postings.text(t);
    const list = df * (digits(Math.ceil(n / df) * 8) + 1);
    bytes += Math.min(list, n / 6 + 24) + Buffer.byteLength(keys[t]!) + 5;
  }
  const shards = Math.max(1, Math.round(bytes / shardBytes));
  const groups = Math.min(shards, Math.ceil(postings.postings / GROUP_POSTINGS) || 1);
  const byShard: number[][] = Array.from({ length: shards }, () => []);
  for (let t = 0; t < terms; t++) if (keys[t] !== undefined) byShard[shardOf(shardKey(keys[t]!), shards)]!.push(t);
  // A shard's signature (shardSigner()) covers all its JSON is made of, so that an update finds the shards
  // it leaves as they are without making their lists: it hashes every list first; a full build makes every
  // shard and hashes each list from its inverted values (the same hash) as it writes it.
  const shardPath = (k: number) => `${INDEX_DIR}/terms/${k}.json.gz`;
  const sign = shardSigner(postings, byShard, n);
  const lists = kept ? postings.listHashes() : new Int32Array(2 * terms);
  const signatures = kept ? byShard.map((_, k) => sign(k, lists)) : [];
  const changed = byShard.map((_, k) => !kept?.(shardPath(k), signatures[k]!));
  const keep = new Uint8Array(terms);
  const at = new Int32Array(terms);
  const docs: number[] = [];
  const merged: number[] = [];
  // Shard k's JSON from `values` (invert()'s, holding its terms from `from`); terms in the order they were
  // first met, as they are numbered.
  const shardText = (k: number, values: Int32Array, from: Int32Array) => {
    const entries = byShard[k]!.map((t) => {
      writePostings(out, values, from[t]!, from[t]! + postings.df[t]!, n, docs, merged);
      const see = postings.see.get(t);
      return see ? `${JSON.stringify(keys[t])}:{"see":${JSON.stringify(see.map((r) => keys[r]))},"p":${out.take()}}` : `${JSON.stringify(keys[t])}:${out.take()}`;
    });
    return `{${entries.join(",\n")}}\n`;
  };
  // A shard left as it is but read all the same: its lists made alone (an update keeps the postings).
  const alone = (k: number) => {
    const only = new Uint8Array(terms);
    const from = new Int32Array(terms);
    for (const t of byShard[k]!) only[t] = 1;
    counts.alone!++;
    return shardText(k, postings.invert(only, from, false), from);
  };
  counts.shards = changed.filter(Boolean).length;
  counts.alone = 0;
  /** Terms written, in all shards. */
  let written = 0;
  for (let g = 0; g < groups; g++) {
    keep.fill(0);
    let some = false;
    for (let k = g; k < shards; k += groups) {
      if (!changed[k]) continue;
      for (const t of byShard[k]!) keep[t] = 1;
      some ||= byShard[k]!.length > 0;
    }
    // An update keeps the postings to the end, for alone().
    const values = some ? postings.invert(keep, at, !kept && g === groups - 1) : new Int32Array(0);
    for (let k = g; k < shards; k += groups) {
      written += byShard[k]!.length;
      if (!kept) {
        for (const t of byShard[k]!) listHashOf(lists, t, values, at[t]!, at[t]! + postings.df[t]!);
        signatures[k] = sign(k, lists);
      }
      signed(`terms/${k}.json.gz`, signatures[k]!);
      const text = changed[k] ? shardText(k, values, at) : undefined;
      yield { path: shardPath(k), signature: signatures[k]!, get content() { return gzipSync(text ?? alone(k)); } };
    }
  }

  const manifest = { version: INDEX_VERSION, hash: hash.digest("hex").slice(0, 16), articles: n, shards, terms: written, rules: queryRules() };
  const text = JSON.stringify(manifest) + "\n";
  yield { path: `${INDEX_DIR}/manifest.json`, signature: sha1(text), content: text };
}
