// Extract: title, date, dateline and byline from the cleaned paragraphs.
import type { ArticleDate, Registry, SeedMeta } from "../model.ts";
import { compileNames, fold, namesOneOf, originalOffset, originalOffsets, particleForms, sentences, tokenize, wordCount } from "../text/index.ts";

export interface ExtractRules {
  date: RegExp;
  monthYear: RegExp;
  numericDate: RegExp;
  monthOf: Map<string, number>;
  agencies: string[];
  /** Agencies and papers, folded, that make a credit line a dateline (furniture.yaml agencies and papers). */
  creditNames: string[];
  bylineWords: string[];
  /** Folded phrases (as word lists) that put a date just after them at another time (calendar.yaml otherTime). */
  otherTime: string[][];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Compile the calendar and furniture data into the regular expressions used for every article. */
export function compileExtractRules(reg: Registry): ExtractRules {
  const monthOf = new Map<string, number>();
  for (const m of reg.calendar.months) monthOf.set(fold(m.name).replace(/\s+/g, " "), m.month);
  const names = [...monthOf.keys()].sort((a, b) => b.length - a.length).map((n) => escape(n).replace(/ /g, "\\s+"));
  const month = `(?:${names.join("|")})`;
  const date = new RegExp(
    `(?<![\\p{L}\\p{N}])(\\d{1,2})\\s*(?:من\\s+)?(?:شهر\\s+)?(${month})(?![\\p{L}])` +
      `(?:\\s*[/(\\-]\\s*${month}\\s*\\)?)?` +
      `\\s*[,،]?\\s*(?:من\\s+)?(?:عام|سنه)?\\s*(\\d{4})(?!\\d)`,
    "gu",
  );
  const monthYear = new RegExp(
    `(?<![\\p{L}\\p{N}])(${month})(?:\\s*[/(\\-]\\s*${month}\\s*\\)?)?\\s*[,،]?\\s*(?:من\\s+)?(?:عام|سنه)?\\s*(\\d{4})(?!\\d)`,
    "gu",
  );
  const numericDate = /(?<![\d/.-])(?:(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}))(?![\d/.-])/gu;
  return {
    date,
    monthYear,
    numericDate,
    monthOf,
    agencies: reg.furniture.agencies.map((a) => fold(a)),
    creditNames: compileNames([...reg.furniture.agencies, ...reg.furniture.papers]),
    bylineWords: reg.furniture.bylines.map((b) => fold(b)),
    otherTime: reg.calendar.otherTime.map((w) => tokenize(w).map((t) => t.folded)).filter((w) => w.length > 0),
  };
}

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1) return null;
  return dt.toISOString().slice(0, 10);
}

export interface FoundDate {
  iso: string;
  /** The words as written. */
  text: string;
}

const ANY_DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]/;
/** Every date and month pattern above has a year: four digits once folded. */
const YEAR = /\d{4}/;

/** Every full date (day, month, year) in the text, in order. Month names count only next to a day and a year. */
export function findDates(text: string, rules: ExtractRules): FoundDate[] {
  if (!ANY_DIGIT.test(text)) return []; // no digit, no date
  return datesIn(text, fold(text), rules);
}

/** findDates() on `text` folded once (`folded`). */
function datesIn(text: string, folded: string, rules: ExtractRules): FoundDate[] {
  if (!YEAR.test(folded)) return []; // no year, no date
  const found: { at: number; end: number; iso: string }[] = [];
  // exec() rather than matchAll(), which copies the regular expression on every call (3 µs, three times a
  // paragraph). None of these expressions matches an empty string.
  rules.date.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = rules.date.exec(folded)); ) {
    const month = rules.monthOf.get(m[2]!.replace(/\s+/g, " "));
    const iso = month ? isoDate(Number(m[3]), month, Number(m[1])) : null;
    if (iso) found.push({ at: m.index, end: m.index + m[0].length, iso });
  }
  rules.numericDate.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = rules.numericDate.exec(folded)); ) {
    const iso = m[1] ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : isoDate(Number(m[6]), Number(m[5]), Number(m[4]));
    if (iso) found.push({ at: m.index, end: m.index + m[0].length, iso });
  }
  if (found.length > 1) found.sort((a, b) => a.at - b.at);
  // The words as written: every date's two offsets found in one walk of the paragraph.
  const offsets = originalOffsets(text, found.flatMap((f) => [f.at, f.end]));
  return found.map((f, n) => ({ iso: f.iso, text: text.slice(offsets[2 * n], offsets[2 * n + 1]).trim() }));
}

/**
 * The dates written in a paragraph (findDates) and the months it names with a year, without a day
 * ("منتصف تشرين الثاني 2015") or with one, as YYYY-MM, once each; the paragraph is folded once for both.
 */
export function datesAndMonths(text: string, rules: ExtractRules): { dates: FoundDate[]; months: string[] } {
  if (!ANY_DIGIT.test(text)) return { dates: [], months: [] };
  const f = fold(text);
  if (!YEAR.test(f)) return { dates: [], months: [] };
  const dates = datesIn(text, f, rules);
  const out: string[] = [];
  rules.monthYear.lastIndex = 0;
  for (let m: RegExpExecArray | null; (m = rules.monthYear.exec(f)); ) {
    const month = rules.monthOf.get(m[1]!.replace(/\s+/g, " "));
    const year = Number(m[2]);
    if (month && year >= 1900 && year <= 2100) out.push(`${year}-${String(month).padStart(2, "0")}`);
  }
  for (const d of dates) out.push(d.iso.slice(0, 7));
  return { dates, months: [...new Set(out)] };
}

/** How many words before a date are read for a word of another time ("مونديال روسيا في 15 يوليو 2018"). */
const OTHER_TIME_WORDS = 4;

/** True when a word of another time (calendar.yaml otherTime) comes just before the date `d` found in `text`. */
export function atAnotherTime(text: string, d: FoundDate, rules: ExtractRules): boolean {
  const at = text.indexOf(d.text);
  const before = tokenize(text.slice(0, at < 0 ? 0 : at)).slice(-OTHER_TIME_WORDS);
  for (const phrase of rules.otherTime) {
    for (let i = 0; i + phrase.length <= before.length; i++) {
      let all = particleForms(before[i]!.folded).includes(phrase[0]!);
      for (let k = 1; all && k < phrase.length; k++) all = before[i + k]!.folded === phrase[k];
      if (all) return true;
    }
  }
  return false;
}

/**
 * The article's own date. A scraped page's header gives it (`published`: the date line under the headline,
 * a «نشر في» line); else the front matter; else the first date of the opening (headline, dateline, first
 * paragraph) that no word of another time comes just before. A date further down the body tells of some
 * other day (a tournament, an anniversary, a deadline): without one of the above the article is undated.
 */
export function articleDate(published: string | null, meta: SeedMeta, lead: string[], rules: ExtractRules): ArticleDate | null {
  const header = published ? findDates(published, rules)[0] : undefined;
  if (header) return { iso: header.iso, from: header.text };
  if (meta.date) return { iso: meta.date, from: "front matter" };
  for (const text of lead) {
    const d = findDates(text, rules).find((x) => !atAnotherTime(text, x, rules));
    if (d) return { iso: d.iso, from: d.text };
  }
  return null;
}

export interface Extracted {
  title: string;
  titleFrom: "front-matter" | "headline" | "opening-sentence";
  byline: string | null;
  dateline: string | null;
  /** The article's own date (articleDate), or null. */
  date: ArticleDate | null;
  paragraphs: string[];
}

const TITLE_MAX = 90;
const HEADLINE_MAX_WORDS = 16;
const ENDS_SENTENCE = /[.!?؟…،,؛]["'»”’)\]]*$/u;
const DASH = "[ـ–—-]";

/** Cut the opening sentence at a word boundary so it reads as a title. */
export function titleFromSentence(paragraph: string, max = TITLE_MAX): string {
  const first = (sentences(paragraph)[0] ?? paragraph).replace(/[.:؛،]+$/u, "").trim();
  if (first.length <= max) return first;
  const cut = first.slice(0, max + 1);
  const space = cut.lastIndexOf(" ");
  return `${cut.slice(0, space > max / 2 ? space : max).replace(/[\s،,:؛]+$/u, "")}…`;
}

function isHeadline(p: string, rest: number): boolean {
  return rest > 0 && p.length <= 140 && wordCount(p) <= HEADLINE_MAX_WORDS && !ENDS_SENTENCE.test(p);
}

/** "بقلم: فلان" → "فلان" */
export function bylineOf(p: string, rules: ExtractRules): string | null {
  if (p.length > 90) return null;
  const m = p.match(/^([\p{L}\p{M}]+)\s*[:：ـ–—-]?\s*(.+)$/u);
  if (!m) return null;
  const word = fold(m[1]!);
  if (!rules.bylineWords.includes(word)) return null;
  const hasColon = /^[\p{L}\p{M}]+\s*[:：ـ–—-]/u.test(p);
  const name = m[2]!.trim();
  if (!hasColon && wordCount(name) > 5) return null;
  return name || null;
}

/** A dateline at the start of a paragraph: "باريس ـ (الوطن) ـ وكالات:" or "لندن - رويترز -". */
export function datelineOf(p: string, rules: ExtractRules): { dateline: string; rest: string } | null {
  const re = new RegExp(
    `^([\\p{L}\\p{M} ]{2,30}?)\\s*${DASH}\\s*(\\(?[^()\\n:]{1,30}?\\)?)\\s*(?:${DASH}\\s*([^:\\n]{0,25}?)\\s*)?(?:[:：]|${DASH}|$)\\s*`,
    "u",
  );
  const m = p.match(re);
  if (!m) return null;
  const agencyText = fold(`${m[2] ?? ""} ${m[3] ?? ""}`).replace(/[()]/g, " ").replace(/\s+/g, " ").trim();
  const named = rules.agencies.some((a) => agencyText === a || agencyText.split(/\s*[،,]\s*|\s+و/).includes(a) || agencyText.includes(a));
  // The agency first and a one-word place after it, closed by a colon: "سبق- تيماء:", "واس- الرياض:".
  const agencyFirst = /[:：]\s*$/u.test(m[0]) && !m[3] && tokenize(m[2]!).length === 1 && namesOneOf(m[1]!, rules.creditNames) && tokenize(m[1]!).length <= 2;
  if (!(named || agencyFirst) || wordCount(m[1]!) > 3) return null;
  const dateline = m[0].trim().replace(new RegExp(`\\s*(?:[:：]|${DASH})$`, "u"), "").trim();
  return { dateline, rest: p.slice(m[0].length).trim() };
}

/**
 * A page's credit line (Cleaned.credits) read as a dateline or a byline. One that names an agency or a
 * paper ("واس - الرياض", "لندن: «الشرق الأوسط»") is a dateline; else the place before a colon is the
 * dateline and the rest the byline ("عدن: محمد علي محسن"); else it is a byline ("د. أسامة شبكشي").
 */
export function creditOf(line: string, rules: ExtractRules): { dateline: string | null; byline: string | null } {
  const text = line.replace(/\s*[:：]\s*$/u, "").trim();
  if (namesOneOf(text, rules.creditNames)) return { dateline: text, byline: null };
  const colon = text.search(/[:：]/u);
  if (colon > 0) return { dateline: text.slice(0, colon).trim(), byline: text.slice(colon + 1).trim() || null };
  return { dateline: null, byline: text };
}

/** `header` is what clean() read from a scraped page's header: its date line and its credit lines. */
export function extract(input: string[], meta: SeedMeta, rules: ExtractRules, header: { published: string | null; credits: string[] } = { published: null, credits: [] }): Extracted {
  const paragraphs = [...input];
  let headline: string | null = null;
  if (paragraphs.length > 1 && isHeadline(paragraphs[0]!, paragraphs.length - 1) && !bylineOf(paragraphs[0]!, rules)) {
    headline = paragraphs.shift()!;
  }

  let byline: string | null = meta.byline ?? null;
  let dateline: string | null = null;
  for (const c of header.credits) {
    const credit = creditOf(c, rules);
    dateline ??= credit.dateline;
    byline ??= credit.byline;
  }
  // The credit line repeated at the start of the body ("سبق- أبها:" under the date line, then "سبق- أبها:
  // استهوت …"): it is the credit, not body text.
  for (const c of header.credits) {
    const line = c.replace(/\s*[:：]\s*$/u, "").trim();
    const p = paragraphs[0];
    if (!line || !p?.startsWith(line) || !/^(?:[\s:：]|$)/u.test(p.slice(line.length))) continue;
    const rest = p.slice(line.length).replace(/^[\s:：]+/u, "");
    if (rest) paragraphs[0] = rest;
    else paragraphs.shift();
  }
  for (let i = 0; i < paragraphs.length; i++) {
    if (i >= 3 && i < paragraphs.length - 2) continue;
    const b = bylineOf(paragraphs[i]!, rules);
    if (b) {
      byline ??= b;
      paragraphs.splice(i, 1);
      break;
    }
  }

  // A dateline opening the text, also when the page's credit line gave one ("واس- الرياض:" under the date
  // line, then again at the start of the body): it is not body text.
  for (let i = 0; i < Math.min(2, paragraphs.length); i++) {
    const d = datelineOf(paragraphs[i]!, rules);
    if (d) {
      dateline ??= d.dateline;
      if (d.rest) paragraphs[i] = d.rest;
      else paragraphs.splice(i, 1);
      break;
    }
  }

  const date = articleDate(header.published, meta, [headline ?? "", dateline ?? "", paragraphs[0] ?? ""], rules);

  const title = meta.title ?? headline ?? titleFromSentence(paragraphs[0] ?? "");
  const titleFrom = meta.title ? "front-matter" : headline ? "headline" : "opening-sentence";
  return { title, titleFrom, byline, dateline, date, paragraphs };
}
