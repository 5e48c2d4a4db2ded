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
  forms?: string[];
}

/** The forms of a token with attached particles taken off, computed once per token. */
export function formsOf(t: Token): string[] {
  return (t.forms ??= particleForms(t.folded));
}

// Letters, combining marks and digits (tatweel is a letter, \p{Lm}).
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** What the characters between two words say: a sentence or paragraph break, a comma. */
function gapKind(text: string, from: number, to: number): { brk: boolean; comma: boolean } {
  let brk = false;
  let comma = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // . ! ? ؟ ؛ ; newline …
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x61f || c === 0x61b || c === 0x3b || c === 0x0a || c === 0x2026) brk = true;
    else if (c === 0x60c || c === 0x2c) comma = true;
  }
  return { brk, comma };
}

/** Split text into words with their offsets; punctuation only marks boundaries. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const gap = gapKind(text, last, start);
    tokens.push({
      text: m[0],
      folded: fold(m[0]),
      start,
      end: start + m[0].length,
      breakBefore: tokens.length === 0 || gap.brk,
      commaBefore: gap.comma,
    });
    last = start + m[0].length;
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

/** Words separated by spaces (an approximation of tokenize(s).length that allocates nothing). */
export function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
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
