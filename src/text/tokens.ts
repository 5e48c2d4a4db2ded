import { fold, particleForms } from "./fold.ts";

export interface Token {
  /** The word as written. */
  text: string;
  /** fold(text) */
  folded: string;
  start: number;
  end: number;
  /** A sentence or paragraph boundary lies between this token and the previous one. */
  breakBefore: boolean;
  /** A comma lies between this token and the previous one. */
  commaBefore: boolean;
  /** particleForms(folded), computed on first use by formsOf(). */
  forms: string[] | undefined;
  /** folded without a leading و or ف (null when it has none), computed on first use by withoutConjunction(). */
  bare: string | null | undefined;
}

/** The forms of a token with attached particles taken off, computed once per token. */
export function formsOf(t: Token): string[] {
  return (t.forms ??= particleForms(t.folded));
}

/** The folded token without the conjunction و or ف in front of it, or null; computed once per token. */
export function withoutConjunction(t: Token): string | null {
  if (t.bare === undefined) {
    // (A word of marks alone folds to "": no charCodeAt past the end.)
    const c = t.folded.length ? t.folded.charCodeAt(0) : 0;
    t.bare = c === 0x648 || c === 0x641 ? t.folded.slice(1) : null;
  }
  return t.bare;
}

// ---- Words: letters, combining marks and digits (tatweel is a letter, \p{Lm}), as /[\p{L}\p{M}\p{N}]+/gu
// finds them, scanned by code unit (tokenize runs on every article, the search index on every page) ----

/**
 * For each UTF-16 code unit: 1 a word character, 2 a high surrogate (look at the pair), 0 neither; UNSEEN
 * until the unit is first met (worked out for all 65,536 when the module loaded, it took 10–15 ms of every
 * process and thread).
 */
const UNSEEN = 255;
const UNIT = new Uint8Array(0x10000).fill(UNSEEN);
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

function unitOf(c: number): number {
  const k = c >= 0xd800 && c <= 0xdbff ? 2 : c >= 0xdc00 && c <= 0xdfff ? 0 : WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
  UNIT[c] = k;
  return k;
}
const astral = new Map<number, boolean>();

/** How many code units at `i` belong to a word: 0, 1 or 2 (a surrogate pair). */
export function wordUnits(text: string, i: number): number {
  const c = text.charCodeAt(i);
  let k = UNIT[c]!;
  if (k === UNSEEN) k = unitOf(c);
  if (k !== 2) return k;
  const lo = text.charCodeAt(i + 1);
  if (!(lo >= 0xdc00 && lo <= 0xdfff)) return 0;
  const cp = (c - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
  let w = astral.get(cp);
  if (w === undefined) astral.set(cp, (w = WORD_CHAR.test(String.fromCodePoint(cp))));
  return w ? 2 : 0;
}

const BREAK = 1;
const COMMA = 2;
/** What the characters between two words say: a sentence or paragraph break (BREAK), a comma (COMMA). */
function gapKind(text: string, from: number, to: number): number {
  let kind = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // . ! ? ؟ ؛ ; newline …
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x61f || c === 0x61b || c === 0x3b || c === 0x0a || c === 0x2026) kind |= BREAK;
    else if (c === 0x60c || c === 0x2c) kind |= COMMA;
  }
  return kind;
}

/** Split text into words with their offsets; punctuation only marks boundaries. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    let u = wordUnits(text, i);
    if (u === 0) {
      i++;
      continue;
    }
    const start = i;
    i += u;
    while (i < n && (u = wordUnits(text, i)) !== 0) i += u;
    const word = text.slice(start, i);
    const gap = gapKind(text, last, start);
    tokens.push({
      text: word,
      folded: fold(word),
      start,
      end: i,
      breakBefore: tokens.length === 0 || (gap & BREAK) !== 0,
      commaBefore: (gap & COMMA) !== 0,
      // Every token has the same shape from the start: the JIT keeps one map for them.
      forms: undefined,
      bare: undefined,
    });
    last = i;
  }
  return tokens;
}

/** Split a paragraph into sentences, keeping the final punctuation with each sentence. */
export function sentences(paragraph: string): string[] {
  const out: string[] = [];
  const re = /[^.!?؟…]+(?:[.!?؟…]+["»”'’)\]]*|$)/gu;
  for (const m of paragraph.matchAll(re)) {
    const s = m[0].trim();
    if (s) out.push(s);
  }
  return out;
}

/**
 * Words separated by spaces (an approximation of tokenize(s).length that allocates nothing); counting
 * stops at `enough` (a paragraph need not be read to its end to know it has five words).
 */
export function wordCount(s: string, enough = Infinity): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length && n < enough; i++) {
    const c = s.charCodeAt(i);
    const space = c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0xa0 || c === 0x200f || c === 0x200e;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

const ARABIC_LETTER = /[\u0620-\u064A\u0671-\u06D3\u06FA-\u06FF]/;
export function hasArabic(s: string): boolean {
  return ARABIC_LETTER.test(s);
}

export interface ScriptRun {
  text: string;
  latin: boolean;
}

/** Split text into runs of Latin-script words and everything else, for <bdi lang="en"> in templates. */
export function scriptRuns(s: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  const re = /[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F0-9'’.\- ]*[A-Za-z\u00C0-\u024F0-9]|[A-Za-z\u00C0-\u024F]/g;
  let last = 0;
  for (const m of s.matchAll(re)) {
    if (m.index > last) runs.push({ text: s.slice(last, m.index), latin: false });
    runs.push({ text: m[0], latin: true });
    last = m.index + m[0].length;
  }
  if (last < s.length) runs.push({ text: s.slice(last), latin: false });
  return runs;
}
