// Wire copies: the same story printed by several papers (an SPA or agency dispatch, lightly edited by each).
// Each article's body is cut into shingles (runs of SHINGLE folded words) and summed up by a MinHash
// signature of HASHES numbers, made with the article in the text stage (ArticleHead.wire). Grouping cuts
// every signature into BANDS bands: articles that share a whole band land in one bucket (locality-sensitive
// hashing), and only articles sharing a bucket are compared. Cost grows with the number of articles, never
// with the number of pairs. Copies of one dispatch also print the same figures: two texts of which each
// has a number the other lacks are two stories however alike (yesterday's and today's count of air strikes).
import type { WirePrint } from "../model.ts";
import { tokenize } from "../text/index.ts";

/** Words a shingle: long enough that two stories on one topic share few, short enough to survive edits. */
export const SHINGLE = 4;
/** Numbers of a signature: BANDS bands of ROWS. */
export const BANDS = 16;
export const ROWS = 4;
export const HASHES = BANDS * ROWS;
/** Signatures agreeing at this share of their numbers (the estimated Jaccard similarity of the shingle sets) are one story. */
export const SAME_STORY = 0.5;
/** A text of fewer shingles is too short to tell a wire copy from a stock phrase. */
export const MIN_SHINGLES = 12;
/** Copies of one dispatch are printed within these many days of each other. */
export const MAX_DAYS_APART = 3;
/** In a bucket larger than this, each article is compared with the bucket's first only (no pairs of a crowd). */
const BUCKET_PAIRS = 8;

/** 32-bit FNV-1a of a string. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The i-th hash of a shingle's hash: x mixed with seed i (murmur3's finaliser). */
function mix(x: number, i: number): number {
  let h = (x ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const MAX_FIGURES = 64;
const FIGURE = /^\d+$/;

/** The folded words of a body, in order (what the text stage's tokens of the body are, as folded). */
function bodyWords(paragraphs: string[]): string[] {
  const words: string[] = [];
  for (const p of paragraphs) for (const t of tokenize(p)) if (t.folded) words.push(t.folded);
  return words;
}

/** The print of a body, or null when it is too short to compare. */
export function wirePrint(paragraphs: string[]): WirePrint | null {
  return printOfWords(bodyWords(paragraphs));
}

/** The print of a body given as its folded words (no empty word), or null when it is too short to compare. */
export function printOfWords(words: readonly string[]): WirePrint | null {
  const signature = signatureOfWords(words);
  if (!signature) return null;
  const figures = new Set<string>();
  for (const w of words) {
    if (figures.size >= MAX_FIGURES) break;
    if (FIGURE.test(w)) figures.add(w);
  }
  return { signature, figures: [...figures] };
}

/** The MinHash signature of a body's shingles, or null when it is too short to compare. */
export function wireSignature(paragraphs: string[]): number[] | null {
  return signatureOfWords(bodyWords(paragraphs));
}

function signatureOfWords(words: readonly string[]): number[] | null {
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE <= words.length; i++) shingles.add(fnv(words.slice(i, i + SHINGLE).join(" ")));
  if (shingles.size < MIN_SHINGLES) return null;
  const sig = new Array<number>(HASHES).fill(0xffffffff);
  for (const x of shingles) {
    for (let k = 0; k < HASHES; k++) {
      const h = mix(x, k);
      if (h < sig[k]!) sig[k] = h;
    }
  }
  return sig;
}

/**
 * A band of a signature (its ROWS numbers from `from`) as a small integer (30 bits, which a Map keys
 * fastest): equal bands give equal keys; the few different bands that share one are told apart by
 * sameBand. Joining the numbers into a string key instead took a quarter of the archive stage at 10,000
 * articles.
 */
function bandKey(sig: number[], from: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < from + ROWS; k++) h = Math.imul(h ^ sig[k]!, 0x01000193);
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

function sameBand(a: number[], b: number[], from: number): boolean {
  for (let k = from; k < from + ROWS; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** The share of positions at which two signatures agree: an estimate of their texts' Jaccard similarity. */
export function similarity(a: number[], b: number[]): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

export interface WireItem {
  /** ArticleHead.wire */
  print: WirePrint | null;
  /** YYYY-MM-DD, or null when undated. */
  date: string | null;
}

const DAY = 86_400_000;

/** True when one list of figures holds every figure of the other (a copy may leave a paragraph out). */
function sameFigures(a: string[], b: string[]): boolean {
  const [few, many] = a.length <= b.length ? [a, b] : [b, a];
  const all = new Set(many);
  return few.every((f) => all.has(f));
}

/**
 * Groups of items that are one story (indices into `items`, each group in the items' order, groups by their
 * first item). Two items are one story when their signatures agree at SAME_STORY of their numbers, the
 * figures of one are all in the other and, if both are dated, they are at most MAX_DAYS_APART days apart;
 * a group is what such links join.
 */
export function wireGroups(items: WireItem[]): number[][] {
  const parent = items.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const sameStory = (i: number, j: number) => {
    const a = items[i]!;
    const b = items[j]!;
    if (a.date && b.date && Math.abs(Date.parse(a.date) - Date.parse(b.date)) > MAX_DAYS_APART * DAY) return false;
    return similarity(a.print!.signature, b.print!.signature) >= SAME_STORY && sameFigures(a.print!.figures, b.print!.figures);
  };
  const link = (i: number, j: number) => {
    const ri = root(i);
    const rj = root(j);
    if (ri !== rj && sameStory(i, j)) parent[Math.max(ri, rj)] = Math.min(ri, rj);
  };
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<number, number[]>();
    items.forEach((it, i) => {
      if (!it.print) return;
      const key = bandKey(it.print.signature, band * ROWS);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    });
    for (const shared of buckets.values()) {
      if (shared.length < 2) continue;
      for (const bucket of exactBands(shared, band * ROWS)) {
        if (bucket.length < 2) continue;
        if (bucket.length <= BUCKET_PAIRS) {
          for (let x = 0; x < bucket.length; x++) for (let y = x + 1; y < bucket.length; y++) link(bucket[x]!, bucket[y]!);
        } else for (let x = 1; x < bucket.length; x++) link(bucket[0]!, bucket[x]!);
      }
    }
  }
  // The items of one key with the same band, each set in the items' order (nearly always the one set).
  function exactBands(shared: number[], from: number): number[][] {
    const sets: number[][] = [];
    for (const i of shared) {
      const set = sets.find((s) => sameBand(items[s[0]!]!.print!.signature, items[i]!.print!.signature, from));
      if (set) set.push(i);
      else sets.push([i]);
    }
    return sets;
  }
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const r = root(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  return [...groups.values()].filter((g) => g.length > 1).sort((a, b) => a[0]! - b[0]!);
}
