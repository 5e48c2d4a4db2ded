// Arabic numbers in the site's words: counted phrases, ordinals and digits. One implementation for the
// build (src/strings imports this file) and for the browser (the search script imports it beside itself);
// the words themselves are data, from the dictionary of interface strings (src/strings/ar.ts).
//
// Agreement follows Intl.PluralRules("ar"), which looks at the last two digits of the number:
//   zero           0           a sentence          لا مقالات بعد
//   one            1           no digit            مقال واحد
//   two            2           the dual, no digit  مقالان
//   few            3–10, 103…  plural              3 مقالات، 103 مقالات
//   many           11–99, 111… accusative singular 11 مقالاً، 111 مقالاً
//   other          100–102, 1000… singular         100 مقال، 102 مقال

/**
 * A counted noun's phrases by plural category; `{n}` stands for the number.
 * @typedef {{ zero: string, one: string, two: string, few: string, many: string, other: string }} Forms
 */

/** @typedef {"latn" | "arab"} Digits */

const rules = new Intl.PluralRules("ar");
/** @type {Map<string, Intl.NumberFormat>} */
const formats = new Map();

/**
 * A whole number in Western (latn) or Arabic-Indic (arab) digits, without grouping (years read as 2015).
 * @param {number} n
 * @param {Digits} [digits]
 * @returns {string}
 */
export function num(n, digits = "latn") {
  let f = formats.get(digits);
  if (!f) formats.set(digits, (f = new Intl.NumberFormat(`ar-u-nu-${digits === "arab" ? "arab" : "latn"}`, { useGrouping: false, maximumFractionDigits: 0 })));
  return f.format(n);
}

/**
 * Western digits in a text as Arabic-Indic ones when `digits` is "arab" (text made by Intl with latn digits,
 * such as a date). Other text is returned as it is.
 * @param {string} text
 * @param {Digits} [digits]
 * @returns {string}
 */
export function withDigits(text, digits = "latn") {
  return digits === "arab" ? text.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + d.charCodeAt(0) - 48)) : text;
}

/**
 * The phrase for `n` of a noun: `forms[category]` with `{n}` replaced by the number in `digits`.
 * @param {number} n a whole number, 0 or more
 * @param {Forms} forms
 * @param {Digits} [digits]
 * @returns {string}
 */
export function counted(n, forms, digits = "latn") {
  const category = /** @type {keyof Forms} */ (rules.select(n));
  const pattern = forms[category] ?? forms.other;
  return pattern.replace(/\{n\}/g, num(n, digits));
}

/**
 * An ordinal or a number in words when the dictionary has a word for it (`words[0]` for 1, …), else the
 * number in `digits`: الثانية, but 12.
 * @param {number} n
 * @param {readonly string[]} words
 * @param {Digits} [digits]
 * @returns {string}
 */
export function inWords(n, words, digits = "latn") {
  return Number.isInteger(n) && n >= 1 && n <= words.length ? /** @type {string} */ (words[n - 1]) : num(n, digits);
}
