// The article's own date: the header line under the headline or a «نشر في» line, else front matter, else the
// opening; never a date of another time, never an event's date. On the corpus: tests/corpus.test.ts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { article, registry } from "./helpers.ts";
import { clean, compileCleanRules } from "../src/text/index.ts";

const rules = compileCleanRules(registry.furniture, registry.calendar);
const dateOf = (lines: string[], meta = {}) => article(lines.join("\n"), meta).date;

test("a line that is only a date, right under the headline, is the publication date and leaves the body", () => {
  const lines = ["البلدية تفتتح حديقة جديدة في الحي الشمالي", "25 يوليو 2015", "", "افتتحت البلدية صباح أمس حديقة عامة جديدة في الحي الشمالي تضم ملاعب للأطفال وممرات للمشي."];
  const c = clean(lines.join("\n"), rules);
  assert.equal(c.published, "25 يوليو 2015");
  assert.ok(!c.paragraphs.some((p) => p.includes("يوليو")), "the date line is not body text");
  assert.deepEqual(dateOf(lines), { iso: "2015-07-25", from: "25 يوليو 2015" });
});

test("a byline or dateline between the headline and the date line still leaves it the header date", () => {
  assert.equal(dateOf(["ارتفاع أسعار الخضار في الأسواق", "جدة: سامي العتيبي", "3 أغسطس 2015", "ارتفعت أسعار الخضار في أسواق جدة خلال الأسبوع الجاري بسبب قلة المعروض."])?.iso, "2015-08-03");
});

test("a «نشر في» line gives the date wherever the header puts it, and is dropped", () => {
  const lines = ["نشر في: 2 أغسطس 2015", "وزارة التعليم تعلن موعد بدء العام الدراسي", "أعلنت وزارة التعليم أن العام الدراسي الجديد يبدأ في 30 أغسطس 2015 في جميع المدارس."];
  const c = clean(lines.join("\n"), rules);
  assert.equal(c.published, "نشر في: 2 أغسطس 2015");
  assert.equal(c.removed[0]!.rule, "publication-date line");
  assert.equal(dateOf(lines)?.iso, "2015-08-02", "the header date, not the date of the announcement");
  assert.equal(dateOf(["تاريخ النشر: 05/08/2015", "سقوط أمطار على المرتفعات", "هطلت أمطار متوسطة على مرتفعات المنطقة الجنوبية مساء أمس."])?.iso, "2015-08-05");
});

test("a date line above the headline is the site's own today, not the article's date", () => {
  const lines = ["الخميس 12 مارس 2020", "الرئيسية / أخبار / محليات", "افتتاح مكتبة عامة في المدينة", "افتتحت مكتبة عامة جديدة في وسط المدينة تضم آلاف الكتب وقاعات للمطالعة."];
  assert.equal(clean(lines.join("\n"), rules).published, null);
  assert.equal(dateOf(lines), null);
});

test("a date line deep in the body is not a header date", () => {
  const lines = [
    "المنتخب يستعد للبطولة الآسيوية",
    "بدأ المنتخب الوطني معسكره التدريبي استعدادا للبطولة الآسيوية بمشاركة جميع اللاعبين المحترفين في الخارج.",
    "وقال المدرب إن الفريق سيخوض ثلاث مباريات ودية قبل السفر إلى مقر البطولة في الشهر المقبل.",
    "10 سبتمبر 2015",
  ];
  assert.equal(clean(lines.join("\n"), rules).published, null);
  assert.equal(dateOf(lines), null);
});

test("the header date wins over front matter and over any date in the body", () => {
  assert.equal(dateOf(["العنوان الرئيسي للخبر هنا", "25 يوليو 2015", "وقعت الحادثة في 20 يوليو 2015 على الطريق السريع قرب المدينة."], { date: "2015-07-30" })?.iso, "2015-07-25");
  assert.equal(article("وقعت الحادثة في 20 يوليو 2015 على الطريق السريع قرب المدينة.", { date: "2015-07-30" }).date?.from, "front matter");
});

test("without a header, the first date of the opening paragraph dates the article", () => {
  assert.equal(dateOf(["التقى وزير الخارجية نظيره الفرنسي صباح الأحد 15 نوفمبر 2015 في العاصمة وبحثا ملفات المنطقة."])?.iso, "2015-11-15");
});

test("a date of another time is not the article's date: a tournament, an anniversary, a deadline, a birth", () => {
  const other = [
    "يستعد المنتخب لمونديال روسيا في 14 يونيو 2018 بمعسكر طويل في أوروبا.",
    "أحيا السكان الذكرى السبعين لانتهاء الحرب في 15 أغسطس 1945 بمسيرة صامتة.",
    "منحت الحكومة الشركات مهلة حتى 1 يناير 2016 لتصحيح أوضاع العمال.",
    "ولد الشاعر في 3 مارس 1950 في قرية صغيرة قرب الساحل.",
    "تسري الأنظمة الجديدة اعتبارا من 1 سبتمبر 2015 على جميع المنشآت.",
  ];
  for (const p of other) assert.equal(dateOf([p]), null, p);
  // A date of another time first, the article's own date after it: the own date is taken.
  assert.equal(dateOf(["قال المدرب يوم الأحد 26 يوليو 2015 إن الاستعداد لمونديال 14 يونيو 2018 بدأ مبكرا."])?.iso, "2015-07-26");
});

test("a date further down the body does not date the article", () => {
  const lines = [
    "يعيش سكان الحي أزمة مياه منذ أسابيع، ويطالبون البلدية بحل عاجل ينهي معاناتهم اليومية مع الصهاريج.",
    "وكانت البلدية قد وعدت في 4 مايو 2014 بمد شبكة جديدة للحي خلال عام واحد.",
  ];
  assert.equal(dateOf(lines), null);
});

test("an article without a date of its own stays undated, whatever event it is tagged with", () => {
  const a = article("انطلقت في منتجع أنطاليا التركي أعمال قمة مجموعة العشرين بمشاركة الرئيس الأمريكي باراك أوباما ونظيره الروسي فلاديمير بوتين، وعلى هامش القمة التقى الزعماء لبحث الأزمة السورية.");
  assert.equal(a.events.find((e) => e.role === "primary")?.id, "g20-antalya-2015");
  assert.equal(a.date, null);
});
