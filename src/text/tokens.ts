import { fold } from "./fold.ts";

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
}

// Letters, combining marks and digits (tatweel is a letter, \p{Lm}).
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const SENTENCE_BREAK = /[.!?؟؛;\n…]/;
const COMMA = /[،,]/;

/** Split text into words with their offsets; punctuation only marks boundaries. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const gap = text.slice(last, start);
    tokens.push({
      text: m[0],
      folded: fold(m[0]),
      start,
      end: start + m[0].length,
      breakBefore: tokens.length === 0 || SENTENCE_BREAK.test(gap),
      commaBefore: COMMA.test(gap),
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

export function wordCount(s: string): number {
  return (s.match(WORD) ?? []).length;
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
