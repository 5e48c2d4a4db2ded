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
  /**
   * The header line that gives the page's publication date, as written: a «نشر في:» line, else a line that
   * is only a date right under the headline. A date line above the headline is the site's own "today" and
   * is not kept here. Null when the page has neither.
   */
  published: string | null;
  /**
   * The page's dateline or byline lines taken out of the header: a short line that is not a sentence, just
   * under the header date line or between the headline and it ("عدن: محمد علي محسن", "واس - الرياض").
   */
  credits: string[];
}

export interface CleanRules {
  lines: Set<string>;
  prefixes: string[];
  patterns: RegExp[];
  tails: Set<string>;
  breadcrumbHomes: Set<string>;
  dateWords: Set<string>;
  /** Folded words that open a publication-date line ("نشر في", "تاريخ النشر"). */
  published: string[];
  /** Markers that end the article's last line, folded, as word lists (furniture.yaml lineTails). */
  lineTails: string[][];
  /** Agencies and papers that a credit line names (furniture.yaml agencies and papers), as namesOneOf() reads them. */
  creditNames: string[];
}

/** Names for namesOneOf(): each folded, its words joined by one space. */
export function compileNames(names: string[]): string[] {
  return names.map((n) => tokenize(n).map((t) => t.folded).join(" ")).filter(Boolean);
}

/** True when `text` has one of the compiled `names` as whole words ("عين اليوم – واشنطن" names عين اليوم). */
export function namesOneOf(text: string, names: string[]): boolean {
  const words = ` ${tokenize(text).map((t) => t.folded).join(" ")} `;
  return names.some((n) => words.includes(` ${n} `));
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
    published: f.published.map(norm).sort((a, b) => b.length - a.length),
    lineTails: f.lineTails.map((t) => tokenize(t).map((x) => x.folded)).filter((t) => t.length > 0),
    creditNames: compileNames([...f.agencies, ...f.papers]),
  };
}

// Sentence-final punctuation, possibly followed by closing quotes or brackets.
const TERMINAL = /[.!?؟…:؛]["'»”’)\]]*$/u;
const BREADCRUMB_SEP = /\s+[/›»>|]\s+|\s+\\\s+/u;
/** A line this long that does not end a sentence was wrapped by the scraper. */
const WRAP_MIN_CHARS = 60;
/** The longest line between a headline and its date line: a byline or a dateline, not article text. */
const HEADER_LINE_WORDS = 8;

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
/**
 * 1 for a code unit CONTROLS or WIDE_SPACES changes (found by them, alone, the first time the unit is met:
 * for all 65,536 when the module loaded, 8–10 ms of every process and thread), 0 for the others, UNSEEN
 * before.
 */
const UNSEEN = 255;
const REPLACED = new Uint8Array(0x10000).fill(UNSEEN);
const CHANGES = [new RegExp(CONTROLS.source), new RegExp(WIDE_SPACES.source)];
REPLACED[0x26] = 1; // &: a character reference, perhaps

function replacedUnit(c: number): number {
  const r = CHANGES.some((re) => re.test(String.fromCharCode(c))) ? 1 : 0;
  REPLACED[c] = r;
  return r;
}

/**
 * Character references a scraper left in the text ("&quot;داعش&quot;", "&#8220;تفجير سروج&#8221;") as the
 * characters they stand for. Those of < > & stay as written (they never make markup out of text); a
 * control character, a tab or a line break decoded is a space (it never splits a line or a paragraph).
 * In Markdown the references of its own syntax characters stay too: "&#95;" is an underscore that marks
 * nothing, and Markdown itself shows it as one.
 */
const REFERENCE = /&(?:(quot|nbsp|apos)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g;
const NAMED: Record<string, string> = { quot: '"', nbsp: "\u00A0", apos: "'" };
/** The characters Markdown gives a meaning to (a reference to one of them in Markdown is written so as not to). */
const MARKDOWN_SYNTAX = "\\`*_{}[]()#+-.!|~";
function decodeReferences(s: string, markdown = false): string {
  if (!s.includes("&")) return s;
  return s.replace(REFERENCE, (ref: string, name?: string, dec?: string, hex?: string) => {
    if (name) return NAMED[name]!;
    const c = dec ? Number(dec) : parseInt(hex!, 16);
    if (c > 0x10ffff || c === 0x3c || c === 0x3e || c === 0x26) return ref;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return " ";
    if (markdown && MARKDOWN_SYNTAX.includes(String.fromCharCode(c))) return ref;
    return String.fromCodePoint(c);
  });
}

/**
 * A line with character references decoded, control characters taken out, tabs and the wider spaces made spaces, runs of spaces made one
 * and trimmed. Most lines have nothing of the kind: one pass over their code units finds that, and they
 * are only trimmed (a fifth of the time the three replacements took on the benchmark corpus).
 */
function normalizeLine(line: string): string {
  let prev = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    let r = REPLACED[c]!;
    if (r === UNSEEN) r = replacedUnit(c);
    if (r === 1 || (c === 0x20 && prev === 0x20)) return decodeReferences(line).replace(CONTROLS, "").replace(WIDE_SPACES, " ").replace(/ {2,}/g, " ").trim();
    prev = c;
  }
  return line.trim();
}

/** `s` with its character references decoded and without the characters of CONTROLS (tabs and newlines stay); `markdown`: `s` is Markdown (see decodeReferences). */
export function cleanChars(s: string, markdown = false): string {
  const d = decodeReferences(s, markdown);
  return HAS_CONTROL.test(d) ? d.replace(CONTROLS, "") : d;
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
  if (publishedLine(f, rules)) return PUBLISHED;
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

const PUBLISHED = "publication-date line";
const DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]/;

/** A folded line that opens with a publication-date word and carries a number: "نشر في: 25 يوليو 2015". */
function publishedLine(folded: string, rules: CleanRules): boolean {
  for (const w of rules.published) {
    if (folded.startsWith(w) && !/[\p{L}\p{N}]/u.test(folded.charAt(w.length))) return DIGIT.test(folded);
  }
  return false;
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

/** A credit line is at most this many words with a separator (":", "-", "،", "(", «»), this many without. */
const CREDIT_WORDS = 14;
const CREDIT_NAME_WORDS = 6;
const CREDIT_SEPARATOR = /[:：\-–—ـ(،,/«»"“”]/u;
/** A sentence's end, closing quotes or brackets after it. */
const SENTENCE_END = /[.!?؟…]["'»”’)\]]*\s*$/u;

/**
 * A page-header credit: a dateline or a byline, short and not a sentence. One that names an agency or a
 * paper may end with the agency's full stop ("نيروبي - أ. ف. ب.").
 */
function isCredit(line: string, rules: CleanRules): boolean {
  if (!hasArabic(line)) return false;
  const separated = CREDIT_SEPARATOR.test(line);
  if (separated && namesOneOf(line, rules.creditNames)) return wordCount(line, CREDIT_WORDS + 1) <= CREDIT_WORDS;
  if (SENTENCE_END.test(line)) return false;
  const limit = separated ? CREDIT_WORDS : CREDIT_NAME_WORDS;
  return wordCount(line, limit + 1) <= limit;
}

/**
 * The credit line an authored (Markdown) article opens with, taken out of its paragraphs: only one that
 * names an agency or a paper with a separator ("تونس - لندن: «الشرق الأوسط»"), since its opening paragraph
 * may be any short line.
 */
export function openingCredit(paragraphs: string[], rules: CleanRules): string | null {
  const p = paragraphs[0];
  if (!p || paragraphs.length < 2 || !CREDIT_SEPARATOR.test(p) || !namesOneOf(p, rules.creditNames)) return null;
  return isCredit(p, rules) ? p : null;
}

/** Words of a line tail left after its marker at most: a headline or a list of tags, not a paragraph. */
const TAIL_MAX_WORDS = 30;

/**
 * The article's last line without the furniture a page runs into it ("… المدينة. رابط الخبر بصحيفة الوئام:
 * عنوان", "… ضربات. سمات العراق داعش"): a marker of furniture.yaml lineTails and what follows it on the
 * line, at most TAIL_MAX_WORDS words. A one-word marker (سمات) is a common word too: it counts only at the
 * start of the line or where a sentence has ended. Null when the line has no such tail.
 */
export function lineTail(line: string, rules: CleanRules): { kept: string; tail: string } | null {
  const tokens = tokenize(line);
  for (let i = 0; i < tokens.length; i++) {
    for (const marker of rules.lineTails) {
      if (i + marker.length > tokens.length || tokens.length - i - marker.length > TAIL_MAX_WORDS) continue;
      let same = true;
      for (let k = 0; same && k < marker.length; k++) same = tokens[i + k]!.folded === marker[k];
      if (!same) continue;
      const before = line.slice(0, tokens[i]!.start);
      const after = line.slice(tokens[i]!.start);
      if (marker.length === 1 && i > 0 && !SENTENCE_END.test(before)) continue;
      return { kept: before.trim(), tail: after.trim() };
    }
  }
  return null;
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

  // 2. Drop furniture lines; keep blank lines as paragraph boundaries. A date line is read before it is
  // dropped: the first «نشر في» line, else a date-only line in the page header right under the headline
  // (after one text line, or two when the second is short, a byline or a dateline), is the publication date.
  const kept: string[] = [];
  let published: string | null = null;
  let headerDate = -1; // index in `kept` of the date line under the headline
  let headerDateLine: string | null = null;
  const textAt: number[] = []; // indices in `kept` of the text lines
  let header = true;
  for (const l of lines.slice(0, end)) {
    if (!l) {
      kept.push("");
      continue;
    }
    const rule = furnitureRule(l, rules);
    if (rule) {
      if (rule === PUBLISHED) published ??= l;
      else if (rule === "page-header date" && header && textAt.length > 0 && headerDate < 0) {
        headerDate = kept.length;
        headerDateLine = l;
      }
      removed.push({ line: l, rule });
      kept.push("");
    } else {
      textAt.push(kept.length);
      kept.push(l);
      if (textAt.length > 2 || (textAt.length === 2 && wordCount(l, HEADER_LINE_WORDS + 1) > HEADER_LINE_WORDS)) header = false;
    }
  }
  const credits: string[] = [];
  if (headerDate >= 0) {
    published ??= headerDateLine;
    // The page's credit: the line between the headline and the date line, or the one just under the date.
    const above = textAt.length > 1 && textAt[1]! < headerDate ? textAt[1]! : -1;
    const below = textAt.find((i) => i > headerDate) ?? -1;
    for (const i of [above, below]) {
      if (i < 0 || !isCredit(kept[i]!, rules)) continue;
      credits.push(kept[i]!);
      removed.push({ line: kept[i]!, rule: "dateline or byline" });
      kept[i] = "";
    }
  }
  // The last text line may run into page furniture: it ends where the marker begins.
  const last = textAt.filter((i) => kept[i]).at(-1);
  if (last !== undefined) {
    const t = lineTail(kept[last]!, rules);
    if (t) {
      removed.push({ line: t.tail, rule: "line tail" });
      kept[last] = t.kept;
    }
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
  return { paragraphs: out, removed, published, credits };
}
