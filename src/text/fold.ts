// Arabic normalisation for matching and search only. Readers never see folded text.
// Each step is a small named function, composed by fold().

const DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED]/g;
const TATWEEL = /\u0640/g;
const INVISIBLES = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF\u00AD]/g;
const ALEFS = /[\u0622\u0623\u0625\u0671\u0672\u0673\u0675]/g;
const YEHS = /[\u0649\u06CC\u06D0]/g;
const KAFS = /[\u06A9\u06AA]/g;
const TEH_MARBUTA = /[\u0629\u06C0]/g;
const DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

export function stripDiacritics(s: string): string {
  return s.replace(DIACRITICS, "");
}

export function stripTatweel(s: string): string {
  return s.replace(TATWEEL, "");
}

export function stripInvisibles(s: string): string {
  return s.replace(INVISIBLES, "");
}

/** أ إ آ ٱ and the rarer hamza-carrying alefs become bare ا. */
export function foldAlef(s: string): string {
  return s.replace(ALEFS, "\u0627");
}

/** ى (alef maksura) and Persian ی become ي; Persian ک becomes ك. */
export function foldYehKaf(s: string): string {
  return s.replace(YEHS, "\u064A").replace(KAFS, "\u0643");
}

/** ة and ۀ become ه. */
export function foldTehMarbuta(s: string): string {
  return s.replace(TEH_MARBUTA, "\u0647");
}

/** Arabic-Indic (٠–٩) and Persian (۰–۹) digits become Western digits. */
export function westernDigits(s: string): string {
  return s.replace(DIGITS, (d) => {
    const c = d.charCodeAt(0);
    return String(c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
  });
}

/** The named steps above, in order, applied to one string (what fills the table below). */
export function foldSteps(s: string): string {
  return foldTehMarbuta(foldYehKaf(foldAlef(westernDigits(stripTatweel(stripDiacritics(stripInvisibles(s.normalize("NFKC")))))))).toLowerCase();
}

/** Any character a step after NFKC changes (their character classes, without the g flag). */
const STEPPED = new RegExp([INVISIBLES, DIACRITICS, TATWEEL, DIGITS, ALEFS, YEHS, KAFS, TEH_MARBUTA].map((r) => r.source).join("|"));

// fold() runs on every word of every article: what each UTF-16 code unit becomes is worked out by the
// steps the first time the unit is met, and kept in a table (null: the steps leave it as it is). The steps
// run only on a character that NFKC, lower case or one of their classes changes. Worked out for all 63,488
// code units when the module loaded, the table took 15–25 ms of every process and thread, most of it for
// characters no article holds.
const TABLE: (string | null | undefined)[] = new Array(0x10000);

/** What the code unit `c` folds to, or null when the steps leave it as it is (a lone surrogate too). */
function foldedUnit(c: number): string | null {
  const known = TABLE[c];
  if (known !== undefined) return known;
  const ch = String.fromCharCode(c);
  let r: string | null = null;
  if (!(c >= 0xd800 && c <= 0xdfff) && !(ch.normalize("NFKC") === ch && ch.toLowerCase() === ch && !STEPPED.test(ch))) {
    const f = foldSteps(ch);
    if (f !== ch) r = f;
  }
  TABLE[c] = r;
  return r;
}

/** The folded form used for matching: every spelling variant of a word folds to one string. */
export function fold(s: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const r = foldedUnit(s.charCodeAt(i));
    if (r === null) continue;
    out += s.slice(from, i) + r;
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * The forms a folded token may stand for once attached particles are taken off:
 * و/ف, then ب/ك/ل, and لل for ل + ال. The token itself always comes first.
 * Callers accept a stripped form only when it is a known registry word, so a
 * word is never matched inside a longer word. The search page gets these rules
 * as data made from this function (queryRules() in src/archive/search.ts).
 */
export function particleForms(token: string): string[] {
  // Runs for every word of every article: no closures, no intermediate arrays.
  const forms = [token];
  // (A word of marks alone folds to "": no read past its end.)
  if (token.length < 2) return forms;
  const c0 = token[0];
  const afterConj = c0 === "و" || c0 === "ف" ? token.slice(1) : null;
  for (let k = 0; k < 2; k++) {
    const t = k === 0 ? token : afterConj;
    if (t === null || t.length < 2) continue;
    if (t !== token) pushForm(forms, t);
    if (t.startsWith("لل")) pushForm(forms, "ال" + t.slice(2));
    const p = t[0];
    if (p === "ب" || p === "ك" || p === "ل") pushForm(forms, t.slice(1));
  }
  return forms;
}

function pushForm(forms: string[], f: string): void {
  if (f.length >= 2 && !forms.includes(f)) forms.push(f);
}

/**
 * Where folded character `k` of fold(s) comes from: its index in `s` (s.length for k = fold(s).length).
 * The original text behind fold(s)[start, end) is s.slice(originalOffset(s, start), originalOffset(s, end)):
 * characters that fold to nothing (marks, tatweel) go with the folded character before them. Walks
 * `s` without building a map of it: the callers want two offsets of a paragraph or a word.
 */
export function originalOffset(s: string, k: number): number {
  return originalOffsets(s, [k])[0]!;
}

/** Code units of text originalOffsets() has walked over since the process started (tests read it to see the work grow with the text alone). */
export const offsetWalk = { steps: 0 };

/**
 * originalOffset() of each of `ks` (in any order), in one walk of `s` from its start to the furthest
 * offset: a paragraph with a thousand dates is walked once, not a thousand times.
 */
export function originalOffsets(s: string, ks: readonly number[]): number[] {
  const out: number[] = new Array(ks.length);
  const order = ks.length > 1 ? ks.map((_, n) => n).sort((a, b) => ks[a]! - ks[b]!) : [0];
  let i = 0;
  let j = 0; // folded characters before s[i]
  for (const n of order) {
    const k = ks[n]!;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      let units = 1;
      let width: number;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        // A surrogate pair: fold leaves it as it is.
        units = 2;
        width = 2;
      } else width = foldedUnit(c)?.length ?? 1;
      if (k < j + width) break;
      j += width;
      i += units;
    }
    out[n] = i;
  }
  offsetWalk.steps += i;
  return out;
}

/** The fold table for the browser (search queries): Arabic letters, marks, digits and invisibles only. */
export function foldTableForBrowser(): Record<string, string> {
  const out: Record<string, string> = {};
  const ranges: [number, number][] = [[0x0600, 0x06ff], [0x0750, 0x077f], [0x08a0, 0x08ff], [0x200b, 0x200f], [0xfb50, 0xfdff], [0xfe70, 0xfeff]];
  for (const [from, to] of ranges) {
    for (let c = from; c <= to; c++) {
      const r = foldedUnit(c);
      if (r !== null) out[String.fromCharCode(c)] = r;
    }
  }
  return out;
}
