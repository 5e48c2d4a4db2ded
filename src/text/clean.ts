// clean(): turns scraped text into the paragraphs readers see. It drops page furniture (rules are
// data, registry/furniture.yaml), joins hard-wrapped lines, removes repeated headlines and
// teasers, and puts a space after sentence punctuation. It never rewrites the writer's words.
import type { Calendar, Furniture } from "../model.ts";
import { fold, particleForms } from "./fold.ts";
import { hasArabic, tokenize, wordCount } from "./tokens.ts";

export interface Removed {
  line: string;
  rule: string;
}

export interface Cleaned {
  paragraphs: string[];
  removed: Removed[];
}

export interface CleanRules {
  lines: Set<string>;
  prefixes: string[];
  patterns: RegExp[];
  tails: Set<string>;
  breadcrumbHomes: Set<string>;
  dateWords: Set<string>;
}

/** Compile the furniture and calendar data once; reuse for every article. */
export function compileCleanRules(f: Furniture, cal: Calendar): CleanRules {
  const norm = (s: string) => fold(s).replace(/\s+/g, " ").trim();
  const dateWords = new Set<string>();
  for (const w of [...cal.months.map((m) => m.name), ...cal.weekdays, ...cal.hijri]) {
    for (const t of tokenize(w)) dateWords.add(t.folded);
  }
  return {
    lines: new Set(f.lines.map(norm)),
    prefixes: f.prefixes.map(norm),
    patterns: f.patterns.map((p) => new RegExp(p, "u")),
    tails: new Set(f.tails.map(norm)),
    breadcrumbHomes: new Set(f.breadcrumbHomes.map(norm)),
    dateWords,
  };
}

// Sentence-final punctuation, possibly followed by closing quotes or brackets.
const TERMINAL = /[.!?؟…:؛]["'»”’)\]]*$/u;
const BREADCRUMB_SEP = /\s+[/›»>|]\s+|\s+\\\s+/u;
/** A line this long that does not end a sentence was wrapped by the scraper. */
const WRAP_MIN_CHARS = 60;

/**
 * Characters readers never see, taken out of bodies, front-matter values and the file names shown: C0
 * controls but tab and newline, DEL and the C1 controls; the Bidi embedding, override and isolate
 * controls (U+202A–U+202E, U+2066–U+2069), which could make a title or a file name read as something
 * else (RLM, LRM and ALM, U+200F U+200E U+061C, stay: Arabic text needs them); the noncharacters U+FFFE
 * and U+FFFF; a surrogate without its other half. None of them may appear in XML (the feeds) but the
 * Bidi controls and C1, which are as useless to readers.
 */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_CONTROL = new RegExp(CONTROLS.source);
const WIDE_SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g;
/** 1 for a code unit CONTROLS or WIDE_SPACES changes (made from them: 8 ms a thread). */
const REPLACED = new Uint8Array(0x10000);
{
  const changes = [new RegExp(CONTROLS.source), new RegExp(WIDE_SPACES.source)];
  for (let c = 0; c < 0x10000; c++) if (changes.some((re) => re.test(String.fromCharCode(c)))) REPLACED[c] = 1;
}

/**
 * A line with control characters taken out, tabs and the wider spaces made spaces, runs of spaces made one
 * and trimmed. Most lines have nothing of the kind: one pass over their code units finds that, and they
 * are only trimmed (a fifth of the time the three replacements took on the benchmark corpus).
 */
function normalizeLine(line: string): string {
  let prev = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (REPLACED[c] === 1 || (c === 0x20 && prev === 0x20)) return line.replace(CONTROLS, "").replace(WIDE_SPACES, " ").replace(/ {2,}/g, " ").trim();
    prev = c;
  }
  return line.trim();
}

/** `s` without the characters of CONTROLS (tabs and newlines stay). */
export function cleanChars(s: string): string {
  return HAS_CONTROL.test(s) ? s.replace(CONTROLS, "") : s;
}

/**
 * Front-matter values as readers may see them: every string (also in a list or a mapping) through
 * cleanChars(), a run of spaces left by a removed character made one, and trimmed.
 */
export function cleanValues<T>(v: T): T {
  if (typeof v === "string") {
    const c = cleanChars(v);
    return (c === v ? v : c.replace(/ {2,}/g, " ").trim()) as T;
  }
  if (Array.isArray(v)) return v.map(cleanValues) as T;
  if (v && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = cleanValues(x);
    return out as T;
  }
  return v;
}

/** Why a line is page furniture, or null when it is article text. */
/** Page furniture is short: a line longer than this is article text, whatever words it starts with. */
const FURNITURE_MAX_CHARS = 300;

export function furnitureRule(line: string, rules: CleanRules): string | null {
  if (line.length > FURNITURE_MAX_CHARS) return hasArabic(line) ? null : "interface text without Arabic";
  const f = fold(line).replace(/\s+/g, " ").trim();
  if (rules.lines.has(f)) return "furniture line";
  for (const p of rules.prefixes) if (f.startsWith(p)) return `furniture prefix "${p}"`;
  for (const re of rules.patterns) if (re.test(f)) return `furniture pattern ${re.source}`;
  if (!hasArabic(line)) return /\p{L}/u.test(line) ? "interface text without Arabic" : "no words";
  const parts = /[/›»>|\\]/.test(line) ? line.split(BREADCRUMB_SEP) : [line];
  if (parts.length >= 3 && (rules.breadcrumbHomes.has(fold(parts[0]!).trim()) || parts.every((p) => wordCount(p) <= 6))) {
    return "breadcrumb";
  }
  if (isDateOnly(line, rules)) return "page-header date";
  return null;
}

/** A line made only of a date (weekday, day, month, year, Hijri date): a page header, not article text. */
function isDateOnly(line: string, rules: CleanRules): boolean {
  if (!/[0-9\u0660-\u0669\u06F0-\u06F9]{4}/.test(line)) return false;
  const tokens = tokenize(line.replace(/[A-Za-z]+/g, " "));
  if (tokens.length < 3 || tokens.length > 14) return false;
  let year = false;
  for (const t of tokens) {
    if (/^\d+$/.test(t.folded)) {
      if (t.folded.length === 4) year = true;
      continue;
    }
    if (!particleForms(t.folded).some((f) => rules.dateWords.has(f))) return false;
  }
  return year;
}

/** Insert the space a scraper lost after sentence punctuation ("المالية.فإن" → "المالية. فإن"). */
export function spaceAfterPunctuation(s: string): string {
  return s.replace(/([.،؛:!؟?])(?=[\u0621-\u064A\u0671-\u06D3])/gu, "$1 ");
}

/** The paragraph a reader sees, with whitespace and punctuation spacing repaired. */
function finish(p: string): string {
  return spaceAfterPunctuation(p).replace(/ {2,}/g, " ").trim();
}

export function clean(raw: string, rules: CleanRules): Cleaned {
  const removed: Removed[] = [];
  // The arrays of clean() are made by literals and push, not map(): V8 then gives them one shape whatever
  // their length, and clean() is not recompiled when a short file comes.
  const lines: string[] = [];
  for (const l of raw.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n").split("\n")) lines.push(normalizeLine(l));

  // 1. The related-articles tail: a tail marker after some article text ends the article.
  let seenText = false;
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (!l) continue;
    if (seenText && rules.tails.has(fold(l).replace(/[:：.]+$/, "").trim())) {
      end = i;
      for (const x of lines.slice(i)) if (x) removed.push({ line: x, rule: "related-articles tail" });
      break;
    }
    if (!seenText && wordCount(l, 8) >= 8) seenText = true;
  }

  // 2. Drop furniture lines; keep blank lines as paragraph boundaries.
  const kept: string[] = [];
  for (const l of lines.slice(0, end)) {
    if (!l) {
      kept.push("");
      continue;
    }
    const rule = furnitureRule(l, rules);
    if (rule) {
      removed.push({ line: l, rule });
      kept.push("");
    } else kept.push(l);
  }

  // 3. Join hard-wrapped lines: a long line that does not end a sentence continues on the next line.
  const paragraphs: string[] = [];
  let current = "";
  let lastLen = 0; // length of the last physical line in `current`
  for (const l of kept) {
    if (!l) {
      if (current) paragraphs.push(current);
      current = "";
      continue;
    }
    if (current && !TERMINAL.test(current) && lastLen >= WRAP_MIN_CHARS) current += " " + l;
    else {
      if (current) paragraphs.push(current);
      current = l;
    }
    lastLen = l.length;
  }
  if (current) paragraphs.push(current);

  // 4. Drop repeated paragraphs (a headline printed twice) and teasers cut short of the paragraph that follows.
  const finished: string[] = [];
  const keys: string[] = [];
  for (const p of paragraphs) {
    const f = finish(p);
    finished.push(f);
    keys.push(fold(f));
  }
  const out: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < finished.length; i++) {
    const p = finished[i]!;
    const key = keys[i]!;
    if (seen.has(key)) {
      removed.push({ line: p, rule: "repeated paragraph" });
      continue;
    }
    let teaser = false;
    if (wordCount(p, 5) >= 5) {
      for (let k = i + 1; k < keys.length && !teaser; k++) teaser = keys[k]!.length > key.length && keys[k]!.startsWith(key);
    }
    if (teaser) {
      removed.push({ line: p, rule: "teaser repeated in full below" });
      continue;
    }
    seen.add(key);
    out.push(p);
  }
  return { paragraphs: out, removed };
}
