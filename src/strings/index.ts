// The words of the site: the dictionary of interface strings (ar.ts) with the settings' overrides, and
// the functions templates and view models use to say things with it (t, count, num, ordinal, pageOf).
// Counted phrases, ordinals and digits come from public/js/count.js, which the search page imports too.
import { counted, inWords, num, withDigits, type Digits, type Forms } from "../../public/js/count.js";
import { ar } from "./ar.ts";

export type { Digits, Forms };
export { counted, inWords, num, withDigits };

/** An entry of the dictionary: a pattern, a counted noun's forms, or a list of words. */
export type Entry = string | Forms | readonly string[];
export type Dictionary = Record<string, Entry>;
export type StringKey = keyof typeof ar;
export type Noun = StringKey extends infer K ? (K extends `count.${infer N}` ? N : never) : never;

/** The dictionary shipped with the tool. */
export const DEFAULT_STRINGS: Dictionary = ar;

export const PLURAL_CATEGORIES = ["zero", "one", "two", "few", "many", "other"] as const;

/** What kind of value an entry of the default dictionary takes: "text", "forms" or "words". */
export function entryKind(e: Entry): "text" | "forms" | "words" {
  return typeof e === "string" ? "text" : Array.isArray(e) ? "words" : "forms";
}

export type MonthNames = "egyptian" | "levantine" | "both";

/** The part of the settings that decides what readers see (and nothing about where files are). */
export interface Site {
  title: string;
  description: string;
  /** BCP 47 tag of the pages' language (html lang, og:locale, the feeds' xml:lang). */
  locale: string;
  digits: Digits;
  calendars: { months: MonthNames; hijri: boolean };
  /** The header's navigation: site-relative URLs ("/articles/") or full addresses. */
  menu: { label: string; url: string }[];
  footer: string;
  licence: string;
  /** The whole dictionary, overrides applied. */
  strings: Dictionary;
}

/** The site when the settings say nothing: the default dictionary's title, menu and footer. */
export function defaultSite(over: Partial<Site> = {}): Site {
  const strings = { ...ar, ...(over.strings ?? {}) } as Dictionary;
  const text = (k: StringKey) => strings[k] as string;
  return {
    title: text("site.title"),
    description: text("site.description"),
    locale: "ar",
    digits: "latn",
    calendars: { months: "both", hijri: true },
    menu: [
      { label: text("menu.articles"), url: "/articles/" },
      { label: text("menu.events"), url: "/events/" },
      { label: text("menu.actors"), url: "/actors/" },
      { label: text("menu.archive"), url: "/archive/" },
    ],
    footer: text("site.footer"),
    licence: text("site.licence"),
    ...over,
    strings,
  };
}

export interface Ui {
  digits: Digits;
  /** The entry `key` with its {names} filled in (numbers in the site's digits). */
  t(key: string, vars?: Record<string, string | number>): string;
  /** The entry `key` said of a person: `key.female` for a woman when the dictionary has it (unless the settings changed `key` alone), else `key`. */
  tOf(key: string, who: { gender: "female" | "male" | null }, vars?: Record<string, string | number>): string;
  /** `n` of a counted noun ("articles", "actors", …), agreeing with the number. */
  count(n: number, noun: string): string;
  /** A number in the site's digits. */
  num(n: number): string;
  /** A feminine ordinal in words up to ten (الثانية), else the number. */
  ordinal(n: number): string;
  /** "الصفحة الثانية من خمس." */
  pageOf(n: number, total: number): string;
  /** A page's title with its page number after the first: "الأحداث — الصفحة الثانية". */
  paged(title: string, n: number): string;
  /** Western digits in a text made elsewhere (a date from Intl) in the site's digits. */
  digitsIn(text: string): string;
}

/** The speaking functions over a site's dictionary and digits. */
export function createUi(site: Pick<Site, "strings" | "digits">): Ui {
  const { strings, digits } = site;
  const entry = (key: string): Entry => {
    const e = strings[key];
    if (e === undefined) throw new Error(`no interface string "${key}" in the dictionary (src/strings/ar.ts)`);
    return e;
  };
  const t = (key: string, vars?: Record<string, string | number>): string => {
    const e = entry(key);
    if (typeof e !== "string") throw new Error(`interface string "${key}" is not a text`);
    if (!vars) return e;
    return e.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const v = vars[name];
      return v === undefined ? whole : typeof v === "number" ? num(v, digits) : v;
    });
  };
  const words = (key: string) => entry(key) as readonly string[];
  const ui: Ui = {
    digits,
    t,
    tOf(key, who, vars) {
      const female = `${key}.female`;
      const shipped = ar as Record<string, Entry | undefined>;
      // An editor who changed the entry and not its feminine twin is heard on a woman's page too.
      const ownWords = strings[key] !== shipped[key] && strings[female] === shipped[female];
      return t(who.gender === "female" && strings[female] !== undefined && !ownWords ? female : key, vars);
    },
    count(n, noun) {
      const forms = entry(`count.${noun}`);
      if (entryKind(forms) !== "forms") throw new Error(`interface string "count.${noun}" is not a counted noun`);
      return counted(n, forms as Forms, digits);
    },
    num: (n) => num(n, digits),
    ordinal: (n) => inWords(n, words("words.ordinalFeminine"), digits),
    pageOf: (n, total) => t("list.pageOf", { ordinal: ui.ordinal(n), total: inWords(total, words("words.cardinalFeminine"), digits) }),
    paged: (title, n) => (n > 1 ? t("list.page", { title, ordinal: ui.ordinal(n) }) : title),
    digitsIn: (text) => withDigits(text, digits),
  };
  return ui;
}

/** The search page script's names for its strings, and the dictionary's keys they come from. */
const SEARCH_SCRIPT: Record<string, string> = {
  all: "search.all", searching: "search.searching", indexError: "search.indexError", resultsError: "search.resultsError",
  noWords: "search.noWords", found: "search.found", foundFiltered: "search.foundFiltered", foundFiltersOnly: "search.foundFiltersOnly",
  none: "search.none", noneFiltered: "search.noneFiltered", noneFiltersOnly: "search.noneFiltersOnly", about: "search.about",
  listSeparator: "list.comma", results: "count.results",
};

/** The strings the search page's script needs (public/js/search.js), as the JSON of a <script type="application/json">. */
export function searchStrings(site: Site): string {
  const strings = Object.fromEntries(Object.entries(SEARCH_SCRIPT).map(([name, key]) => [name, site.strings[key]]));
  return JSON.stringify({ ...strings, digits: site.digits }).replace(/</g, "\\u003c");
}
