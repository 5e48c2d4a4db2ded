// Text: Arabic normalisation for matching (fold) and cleaning for what readers see (clean).
export { fold, foldTableForBrowser, originalOffset, originalOffsets, offsetWalk, particleForms, stripDiacritics, stripTatweel, foldAlef, foldYehKaf, foldTehMarbuta, westernDigits } from "./fold.ts";
export { tokenize, formsOf, withoutConjunction, wordUnits, sentences, wordCount, hasArabic, scriptRuns } from "./tokens.ts";
export type { Token, ScriptRun } from "./tokens.ts";
export { clean, cleanChars, cleanValues, compileCleanRules, compileNames, furnitureRule, lineTail, namesOneOf, openingCredit, spaceAfterPunctuation } from "./clean.ts";
export type { Cleaned, CleanRules, Removed } from "./clean.ts";
