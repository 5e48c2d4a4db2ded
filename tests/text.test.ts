import { test } from "node:test";
import assert from "node:assert/strict";
import { clean, compileCleanRules, fold, formsOf, originalOffset, wordCount, particleForms, tokenize, withoutConjunction, spaceAfterPunctuation, scriptRuns } from "../src/text/index.ts";
import { foldSteps } from "../src/text/fold.ts";
import { wordUnits } from "../src/text/tokens.ts";
import { registry } from "./helpers.ts";

const rules = compileCleanRules(registry.furniture, registry.calendar);

test("fold: alef forms, ى/ي, ة/ه, diacritics, tatweel and digits fold to one form", () => {
  assert.equal(fold("أوباما"), fold("اوباما"));
  assert.equal(fold("إردوغان"), fold("اردوغان"));
  assert.equal(fold("آذار"), "اذار");
  assert.equal(fold("كيرى"), fold("كيري"));
  assert.equal(fold("الأمريكى"), fold("الأمريكي"));
  assert.equal(fold("القمة"), fold("القمه"));
  assert.equal(fold("داعـــش"), "داعش");
  assert.equal(fold("مُؤْتَمَرٌ"), "مؤتمر");
  assert.equal(fold("١٥ نوفمبر ٢٠١٥"), "15 نوفمبر 2015");
  assert.equal(fold("۱۳۹۴"), "1394");
  // Presentation forms and decomposed hamza fold like the plain letters.
  assert.equal(fold("\uFEFB"), "لا");
  assert.equal(fold("ا\u0654وباما"), fold("أوباما"));
});

test("particleForms: و ف ب ك ل and لل come off, the whole token is kept first", () => {
  assert.deepEqual(particleForms(fold("وأوباما")).slice(0, 2), ["واوباما", "اوباما"]);
  assert.ok(particleForms(fold("لأردوغان")).includes("اردوغان"));
  assert.ok(particleForms(fold("بالأسد")).includes("الاسد"));
  assert.ok(particleForms(fold("للرئيس")).includes("الرئيس"));
  assert.ok(particleForms(fold("فبوتين")).includes("بوتين"));
  assert.ok(particleForms(fold("وكيري")).includes("كيري"));
  // A name that starts with a particle letter is kept whole.
  assert.equal(particleForms("بوتين")[0], "بوتين");
});

test("a word of tatweel or marks alone folds to nothing: its forms are itself and no conjunction comes off it", () => {
  const [t] = tokenize("ـــ");
  assert.equal(t!.folded, "");
  assert.deepEqual(particleForms(""), [""]);
  assert.deepEqual(particleForms("و"), ["و"]);
  // Two letters are enough for a form: لل stands for ل + ال.
  assert.deepEqual(particleForms("لل"), ["لل", "ال"]);
  assert.deepEqual(formsOf(t!), [""]);
  assert.equal(withoutConjunction(t!), null);
  assert.deepEqual(particleForms(fold("وللرئيس")), ["وللرئيس", "للرئيس", "الرئيس", "لرئيس"]);
});

test("tokenize: offsets point into the written text; sentence breaks are marked", () => {
  const text = "قال أوباما. ثم غادر لـ«داعش»";
  const t = tokenize(text);
  assert.deepEqual(t.map((x) => text.slice(x.start, x.end)), ["قال", "أوباما", "ثم", "غادر", "لـ", "داعش"]);
  assert.equal(t[2]!.breakBefore, true);
  assert.equal(t[1]!.breakBefore, false);
});

test("tokenize finds the words /[\\p{L}\\p{M}\\p{N}]+/u finds: diacritics, tatweel, both digit forms, letters outside the BMP, lone surrogates", () => {
  const text = "وَقَالَ الرَّئِيسُ: «اجتمـــاع ٢٠١٥» و2014، 𝟏𝟐 نقطة 😀 كلمة\uD800فصل 𐌰𐌱 x\u0301y؛ ۱۲۳.";
  const expected = [...text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)].map((m) => [m[0], m.index]);
  assert.deepEqual(tokenize(text).map((t) => [t.text, t.start]), expected);
  const words = tokenize(text);
  assert.ok(words.some((t) => t.text === "𝟏𝟐") && words.some((t) => t.text === "𐌰𐌱"));
  assert.deepEqual(words.filter((t) => t.commaBefore).map((t) => t.text), ["𝟏𝟐"]);
});

test("spaceAfterPunctuation puts the lost space back, leaves numbers alone", () => {
  assert.equal(spaceAfterPunctuation("التحويلات المالية.فإن التحالف"), "التحويلات المالية. فإن التحالف");
  assert.equal(spaceAfterPunctuation("الأسد،فهم"), "الأسد، فهم");
  assert.equal(spaceAfterPunctuation("نسبة 3.5 بالمئة"), "نسبة 3.5 بالمئة");
});

test("clean drops share bars, ads, English interface strings and the related-articles tail", () => {
  const raw = [
    "وزير يزور مدينة ساحلية",
    "",
    "شارك هذا المقالTwitter",
    "Share this article",
    "اعلان",
    "زار وزير السياحة مدينة ساحلية صغيرة صباح اليوم وتفقد مشاريع الفنادق الجديدة على الشاطئ.",
    "وقال الوزير إن الموسم المقبل سيشهد زيادة في عدد الزوار.",
    "إلى الأعلى",
    "اقرأ أيضاً",
    "افتتاح متحف جديد في العاصمة",
    "ارتفاع أسعار الوقود",
  ].join("\n");
  const c = clean(raw, rules);
  assert.deepEqual(c.paragraphs, [
    "وزير يزور مدينة ساحلية",
    "زار وزير السياحة مدينة ساحلية صغيرة صباح اليوم وتفقد مشاريع الفنادق الجديدة على الشاطئ.",
    "وقال الوزير إن الموسم المقبل سيشهد زيادة في عدد الزوار.",
  ]);
  assert.ok(c.removed.some((r) => r.line === "ارتفاع أسعار الوقود" && r.rule === "related-articles tail"));
  assert.ok(c.removed.some((r) => r.line === "Share this article"));
});

test("clean drops breadcrumbs, a page-header date and comment counters, keeps dated sentences", () => {
  const raw = [
    "الخميس ١٢ مارس ٢٠٢٠ م - ١٧ رجب ١٤٤١ هـ",
    "الرئيسية / أخبار / عربي ودولي",
    "تعليقات (4)",
    "افتتح المعرض الدولي للكتاب أبوابه في 3 مارس 2020 بمشاركة مئات دور النشر من أنحاء المنطقة.",
  ].join("\n");
  const c = clean(raw, rules);
  assert.deepEqual(c.paragraphs, ["افتتح المعرض الدولي للكتاب أبوابه في 3 مارس 2020 بمشاركة مئات دور النشر من أنحاء المنطقة."]);
  assert.deepEqual(c.removed.map((r) => r.rule).slice(0, 2), ["page-header date", "breadcrumb"]);
  assert.match(c.removed[2]!.rule, /^furniture pattern/);
});

test("clean joins hard-wrapped lines but keeps short subheadings apart", () => {
  const raw = [
    "أعلنت الحكومة اليوم عن خطة جديدة لتطوير شبكة النقل العام في المدن الكبرى",
    "تشمل بناء خطوط للحافلات السريعة وتوسيع محطات القطارات خلال السنوات الخمس المقبلة.",
    "تمويل الخطة",
    "وقال وزير المالية إن تمويل المشروع سيأتي من الموازنة العامة ومن قروض ميسرة.",
  ].join("\n");
  assert.deepEqual(clean(raw, rules).paragraphs, [
    "أعلنت الحكومة اليوم عن خطة جديدة لتطوير شبكة النقل العام في المدن الكبرى تشمل بناء خطوط للحافلات السريعة وتوسيع محطات القطارات خلال السنوات الخمس المقبلة.",
    "تمويل الخطة",
    "وقال وزير المالية إن تمويل المشروع سيأتي من الموازنة العامة ومن قروض ميسرة.",
  ]);
});

test("clean removes a headline printed twice and a teaser repeated in full", () => {
  const raw = [
    "أمطار غزيرة تغمر شوارع المدينة",
    "",
    "أمطار غزيرة تغمر شوارع المدينة",
    "غمرت أمطار غزيرة شوارع المدينة مساء أمس وتسببت في",
    "",
    "غمرت أمطار غزيرة شوارع المدينة مساء أمس وتسببت في تعطل حركة السير لساعات.",
  ].join("\n");
  assert.deepEqual(clean(raw, rules).paragraphs, [
    "أمطار غزيرة تغمر شوارع المدينة",
    "غمرت أمطار غزيرة شوارع المدينة مساء أمس وتسببت في تعطل حركة السير لساعات.",
  ]);
});

test("clean keeps the writer's spelling: no folding in what readers see", () => {
  const raw = "قال الرئيس الأمريكى إن القمة ستُعقد في موعدها، وأكد أن الوفود وصلت.";
  assert.deepEqual(clean(raw, rules).paragraphs, [raw]);
});

test("scriptRuns isolates Latin names", () => {
  assert.deepEqual(scriptRuns("بقلم Aissa Boukanoun اليوم"), [
    { text: "بقلم ", latin: false },
    { text: "Aissa Boukanoun", latin: true },
    { text: " اليوم", latin: false },
  ]);
});

test("wordUnits gives every UTF-16 code unit what the class of letters, marks and digits says (its table is filled as units are met)", () => {
  const word = /^[\p{L}\p{M}\p{N}]$/u;
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    // A surrogate alone is no word character.
    const want = c >= 0xd800 && c <= 0xdfff ? 0 : word.test(ch) ? 1 : 0;
    if (wordUnits(ch, 0) !== want) assert.fail(`U+${c.toString(16).toUpperCase().padStart(4, "0")}: ${wordUnits(ch, 0)}, not ${want}`);
  }
  // A surrogate pair: two units of a letter (MATHEMATICAL BOLD CAPITAL A), none of an emoji; again, from the table.
  for (let round = 0; round < 2; round++) {
    assert.equal(wordUnits("\u{1D400}", 0), 2);
    assert.equal(wordUnits("\u{1F600}", 0), 0);
  }
  assert.equal(wordUnits("كتب", 1), 1);
  assert.equal(wordUnits("كتب، ثم", 3), 0);
});

test("fold's table gives every UTF-16 code unit what the named steps make of it (the table skips only characters no step changes)", () => {
  let changed = 0;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    const want = foldSteps(ch);
    if (fold(ch) !== want) assert.fail(`U+${c.toString(16).toUpperCase().padStart(4, "0")}: fold gives ${JSON.stringify(fold(ch))}, the steps ${JSON.stringify(want)}`);
    if (want !== ch) changed++;
  }
  // Arabic presentation forms, hamza alefs, diacritics, digits, Latin capitals and the rest: thousands change.
  assert.ok(changed > 3000, `${changed} code units change`);
  assert.equal(fold("ﻷ"), "لا");
  assert.equal(fold("إِعْلَانٌ ١٢"), "اعلان 12");
});

test("originalOffset: where each folded character comes from, marks and tatweel going with the letter before them", () => {
  const written = "قمّة ﻻ ـأنطاليا 😀ٱ";
  const folded = fold(written);
  assert.equal(folded, "قمه لا انطاليا 😀ا");
  // Each folded character from its letter; the shadda and the tatweel fold to nothing.
  const offsets = Array.from({ length: folded.length + 1 }, (_, k) => originalOffset(written, k));
  assert.deepEqual(offsets, [0, 1, 3, 4, 5, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 16, 18, 19]);
  // The written text behind a folded range: "قم" with its shadda, "انطاليا" without the tatweel before it, the ligature whole.
  assert.equal(written.slice(originalOffset(written, 0), originalOffset(written, 2)), "قمّ");
  const at = folded.indexOf("انطاليا");
  assert.equal(written.slice(originalOffset(written, at), originalOffset(written, at + 7)), "أنطاليا");
  assert.equal(written.slice(originalOffset(written, 4), originalOffset(written, 6)), "ﻻ");
  assert.equal(originalOffset("", 0), 0);
});

test("wordCount counts words between spaces, and stops counting at `enough`", () => {
  const p = "قال الوزير\u00a0إن المؤتمر\tسيعقد في أنطاليا  غدا";
  assert.equal(wordCount(p), 8);
  assert.equal(wordCount(p, 5), 5);
  assert.equal(wordCount(p, 20), 8);
  assert.equal(wordCount("   "), 0);
});

test("clean: control characters go, tabs and wide spaces become one space, lines are trimmed", () => {
  const rules = compileCleanRules(registry.furniture, registry.calendar);
  const raw = [
    "  قال وزير الخارجية\tإن الاجتماع\u00a0سيعقد في لندن\u2009غدا  ",
    "وأضاف أن\u0007 التحالف   سيبحث الخطوات المقبلة\u3000ضد التنظيم",
    "",
    " وختم الوزير حديثه بالقول إن الاجتماع سيكون مهما للتحالف ",
  ].join("\n");
  assert.deepEqual(clean(raw, rules).paragraphs, [
    "قال وزير الخارجية إن الاجتماع سيعقد في لندن غدا",
    "وأضاف أن التحالف سيبحث الخطوات المقبلة ضد التنظيم",
    "وختم الوزير حديثه بالقول إن الاجتماع سيكون مهما للتحالف",
  ]);
});
