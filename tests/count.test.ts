// Counted phrases, ordinals and digits (public/js/count.js through src/strings): Arabic number agreement.
import test from "node:test";
import assert from "node:assert/strict";
import { counted, inWords, num, withDigits } from "../public/js/count.js";
import { DEFAULT_STRINGS, createUi, defaultSite, type Forms } from "../src/strings/index.ts";

const articles = DEFAULT_STRINGS["count.articles"] as Forms;
const mentions = DEFAULT_STRINGS["count.mentions"] as Forms;
const pages = DEFAULT_STRINGS["count.pages"] as Forms;

test("counted: every plural category of Arabic, by the real counts", () => {
  const expected: [number, string, string][] = [
    [0, "لا مقالات بعد", "لا مقالات بعد"],
    [1, "مقال واحد", "مقال واحد"],
    [2, "مقالان", "مقالان"],
    [3, "3 مقالات", "٣ مقالات"],
    [10, "10 مقالات", "١٠ مقالات"],
    [11, "11 مقالاً", "١١ مقالاً"],
    [99, "99 مقالاً", "٩٩ مقالاً"],
    [100, "100 مقال", "١٠٠ مقال"],
    [101, "101 مقال", "١٠١ مقال"],
    [102, "102 مقال", "١٠٢ مقال"],
    // By the last two digits from 103: مئة وثلاثة مقالات، مئة وأحد عشر مقالاً.
    [103, "103 مقالات", "١٠٣ مقالات"],
    [111, "111 مقالاً", "١١١ مقالاً"],
    [1000, "1000 مقال", "١٠٠٠ مقال"],
  ];
  for (const [n, latn, arab] of expected) {
    assert.equal(counted(n, articles, "latn"), latn, `${n} (latn)`);
    assert.equal(counted(n, articles, "arab"), arab, `${n} (arab)`);
  }
  assert.equal(counted(5, articles), "5 مقالات", "Western digits by default");
});

test("counted: dual forms and a feminine noun", () => {
  assert.equal(counted(2, mentions), "مرتان");
  assert.equal(counted(1, mentions), "مرة واحدة");
  assert.equal(counted(4, mentions, "arab"), "٤ مرات");
  assert.equal(counted(12, mentions), "12 مرة");
  assert.equal(counted(2, pages), "صفحتان");
  for (const noun of ["actors", "events", "quotes", "results", "days", "files"]) {
    const forms = DEFAULT_STRINGS[`count.${noun}`] as Forms;
    assert.doesNotMatch(counted(2, forms), /\d/, `${noun}: the dual has no digit`);
    assert.doesNotMatch(counted(1, forms), /\d/, `${noun}: one has no digit`);
    assert.match(counted(0, forms), /^لا /, `${noun}: zero is a sentence`);
    assert.match(counted(7, forms), /^7 /);
  }
  assert.equal(counted(2, DEFAULT_STRINGS["count.actors"] as Forms), "فاعلان");
  assert.equal(counted(15, DEFAULT_STRINGS["count.days"] as Forms), "15 يوماً");
});

test("num and withDigits: Arabic-Indic digits, no grouping", () => {
  assert.equal(num(2015, "arab"), "٢٠١٥");
  assert.equal(num(2015, "latn"), "2015");
  assert.equal(num(12345), "12345");
  assert.equal(withDigits("15 نوفمبر 2015", "arab"), "١٥ نوفمبر ٢٠١٥");
  assert.equal(withDigits("15 نوفمبر 2015", "latn"), "15 نوفمبر 2015");
});

test("ordinals and page numbers: الصفحة الثانية من خمس", () => {
  const latn = createUi(defaultSite());
  const arab = createUi(defaultSite({ digits: "arab" }));
  assert.equal(latn.pageOf(2, 5), "الصفحة الثانية من خمس.");
  assert.equal(latn.pageOf(1, 2), "الصفحة الأولى من اثنتين.");
  assert.equal(latn.pageOf(10, 10), "الصفحة العاشرة من عشر.");
  assert.equal(latn.pageOf(3, 12), "الصفحة الثالثة من 12.");
  assert.equal(latn.pageOf(11, 40), "الصفحة 11 من 40.");
  assert.equal(arab.pageOf(11, 40), "الصفحة ١١ من ٤٠.");
  assert.equal(latn.paged("الأحداث", 1), "الأحداث");
  assert.equal(latn.paged("الأحداث", 3), "الأحداث — الصفحة الثالثة");
  assert.equal(arab.paged("الأحداث", 13), "الأحداث — الصفحة ١٣");
  assert.equal(inWords(0, ["الأولى"]), "0");
});

test("createUi: patterns in the site's digits, overrides keep agreement", () => {
  const ui = createUi(defaultSite({ digits: "arab" }));
  assert.equal(ui.count(11, "actors"), "١١ فاعلاً");
  assert.equal(ui.t("home.eventArticles", { articles: ui.count(3, "articles") }), "المقالات عنه: ٣ مقالات");
  assert.equal(ui.t("chart.pairsCell", { first: "أ", second: "ب", articles: 4 }), "أ وب: ٤");
  const over = createUi(defaultSite({ strings: { "count.articles": { zero: "لا أخبار", one: "خبر واحد", two: "خبران", few: "{n} أخبار", many: "{n} خبراً", other: "{n} خبر" } } }));
  assert.equal(over.count(2, "articles"), "خبران");
  assert.equal(over.count(25, "articles"), "25 خبراً");
  assert.equal(over.count(0, "articles"), "لا أخبار");
  assert.throws(() => ui.count(3, "cats"), /count\.cats/);
});

test("tOf: a woman is spoken of in the feminine where the dictionary has the entry's .female form", () => {
  const ui = createUi(defaultSite({ digits: "arab" }));
  const woman = { gender: "female" as const };
  assert.equal(ui.tOf("actor.quotes", woman), "ما قالته");
  assert.equal(ui.tOf("actor.quotes", { gender: "male" }), "ما قاله");
  assert.equal(ui.tOf("actor.quotes", { gender: null }), "ما قاله", "no gender in the registry: the masculine, as before");
  assert.equal(ui.tOf("actor.articlesCount", woman, { articles: ui.count(12, "articles") }), "يذكرها ١٢ مقالاً.");
  assert.equal(ui.tOf("actor.titles", woman), "الصفات التي وردت بها");
  assert.equal(ui.tOf("actor.timeline", woman), "الخط الزمني", "an entry without a .female form is the same for everyone");
  const over = createUi(defaultSite({ strings: { "actor.quotes.female": "من أقوالها" } }));
  assert.equal(over.tOf("actor.quotes", woman), "من أقوالها");
  // An editor who changes the entry alone is heard on every page, a woman's too.
  const plain = createUi(defaultSite({ strings: { "actor.quotes": "من الأقوال" } }));
  assert.equal(plain.tOf("actor.quotes", woman), "من الأقوال");
  assert.equal(plain.tOf("actor.quotes", { gender: "male" }), "من الأقوال");
});
