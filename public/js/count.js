// Counted phrases in Arabic: a number and its noun agree (one, two, 3–10, 11–99, 100 and more), as
// Intl.PluralRules("ar") names the cases. The page gives the patterns; `{n}` stands for the number.

const RULES = new Intl.PluralRules("ar");
const FORMATS = { latn: new Intl.NumberFormat("ar-u-nu-latn"), arab: new Intl.NumberFormat("ar-u-nu-arab") };

/**
 * The phrase for `n` things: forms = {zero, one, two, few, many, other}, patterns with `{n}` (one and two
 * usually without it: «نتيجة واحدة», «نتيجتان»; zero a sentence: «لا نتائج»); digits "latn" or "arab".
 */
export function counted(n, forms, digits = "latn") {
  const pattern = forms[RULES.select(n)] ?? forms.other;
  return pattern.replace(/\{n\}/g, (FORMATS[digits] ?? FORMATS.latn).format(n));
}
