import { test } from "node:test";
import assert from "node:assert/strict";
import { compileExtractRules, extract, findDates, titleFromSentence, bylineOf, datelineOf } from "../src/extract/index.ts";
import { registry, article } from "./helpers.ts";

const rules = compileExtractRules(registry);
const iso = (s: string) => findDates(s, rules).map((d) => d.iso);

test("dates: Egyptian, Levantine and Maghrebi month names, both digit forms, with and without a space", () => {
  assert.deepEqual(iso("انعقد الاجتماع في 22 يناير 2015 بحضور الوزراء"), ["2015-01-22"]);
  assert.deepEqual(iso("يوم الأحد ١٥ تشرين الثاني ٢٠١٥"), ["2015-11-15"]);
  assert.deepEqual(iso("الأحد 15نوفمبر/تشرين الثاني 2015، عددا من"), ["2015-11-15"]);
  assert.deepEqual(iso("في 15 سبتمبر (أيلول) 2014 افتتح"), ["2014-09-15"]);
  assert.deepEqual(iso("الاثنين 16 نونبر 2015"), ["2015-11-16"]);
  assert.deepEqual(iso("في 3 جانفي 2016 قال"), ["2016-01-03"]);
  assert.deepEqual(iso("في 5 آذار 2014 و 7 أبريل 2014"), ["2014-03-05", "2014-04-07"]);
  assert.deepEqual(iso("بتاريخ 2015/11/15"), ["2015-11-15"]);
  assert.deepEqual(iso("بتاريخ 15-11-2015"), ["2015-11-15"]);
});

test("dates: a month name is a date only next to a day and a year", () => {
  assert.deepEqual(iso("في 3 ديسمبر (كانون الأول) الماضي"), []);
  assert.deepEqual(iso("اشترى سيارة نيسان عام 2015"), []);
  assert.deepEqual(iso("وصل في شهر آب وغادر"), []);
  assert.deepEqual(iso("في 31 فبراير 2015"), []);
});

test("dates: what the date was read from is shown as written", () => {
  assert.equal(findDates("الأحد ١٥ نوفمبر ٢٠١٥ قال", rules)[0]!.text, "١٥ نوفمبر ٢٠١٥");
  // With its vowel marks and tatweel, two dates in one paragraph.
  assert.deepEqual(findDates("وصل في ١٥ نُوفَمـبر ٢٠١٥م، وغادر في 16 تشرين الثاني 2015.", rules).map((d) => d.text), ["١٥ نُوفَمـبر ٢٠١٥", "16 تشرين الثاني 2015"]);
});

test("title: the headline, else the opening sentence cut at a word boundary", () => {
  const withHeadline = extract(["الأمطار تغرق الأحياء الشرقية", "غمرت الأمطار أحياء المدينة الشرقية أمس."], {}, rules);
  assert.equal(withHeadline.title, "الأمطار تغرق الأحياء الشرقية");
  assert.equal(withHeadline.titleFrom, "headline");
  assert.deepEqual(withHeadline.paragraphs, ["غمرت الأمطار أحياء المدينة الشرقية أمس."]);

  const long = "أعلنت وزارة الصحة في بيان صدر مساء اليوم عن إطلاق حملة وطنية واسعة للتطعيم ضد الحصبة في جميع المحافظات والمناطق الريفية. وقالت الوزارة إن الحملة تستمر شهراً.";
  const t = titleFromSentence(long);
  assert.ok(t.length <= 91, t);
  assert.ok(t.endsWith("…"));
  assert.ok(long.startsWith(t.slice(0, -1)), "cut at a word boundary of the first sentence");
  assert.equal(extract([long], { title: "عنوان من البيانات" }, rules).title, "عنوان من البيانات");
});

test("byline and dateline are fields, not body text", () => {
  assert.equal(bylineOf("بقلم: سامر الخطيب", rules), "سامر الخطيب");
  assert.equal(bylineOf("كتب - Aissa Boukanoun", rules), "Aissa Boukanoun");
  assert.equal(bylineOf("كتب الوزير رسالة طويلة إلى نظيره يشرح فيها موقف بلاده من الأزمة", rules), null);
  assert.deepEqual(datelineOf("باريس ـ (الوطن) ـ وكالات:", rules), { dateline: "باريس ـ (الوطن) ـ وكالات", rest: "" });
  assert.deepEqual(datelineOf("لندن - (رويترز) - قال مسؤولون إن المحادثات انتهت.", rules), { dateline: "لندن - (رويترز)", rest: "قال مسؤولون إن المحادثات انتهت." });
  assert.equal(datelineOf("الرئيس - الذي وصل أمس - قال إن", rules), null);

  const ex = extract(["انتخابات بلدية هادئة", "بقلم: ليلى حسن", "عمّان ـ (الأناضول) ـ جرت الانتخابات البلدية اليوم في أجواء هادئة."], {}, rules);
  assert.equal(ex.byline, "ليلى حسن");
  assert.equal(ex.dateline, "عمّان ـ (الأناضول)");
  assert.deepEqual(ex.paragraphs, ["جرت الانتخابات البلدية اليوم في أجواء هادئة."]);
});

test("article date: front matter, else the opening, else none (an event does not date an article)", () => {
  const fromMeta = article("افتتح المؤتمر في 2 مايو 2016 أعماله.", { date: "2016-05-01" });
  assert.deepEqual(fromMeta.date, { iso: "2016-05-01", from: "front matter" });
  const fromText = article("افتتح المؤتمر في ٢ مايو ٢٠١٦ أعماله بحضور الوفود.");
  assert.equal(fromText.date?.iso, "2016-05-02");
  assert.equal(fromText.date?.from, "٢ مايو ٢٠١٦");
  const aboutEvent = article("انطلقت في منتجع أنطاليا التركي أعمال قمة مجموعة العشرين بمشاركة الرئيس الأمريكي باراك أوباما ونظيره الروسي فلاديمير بوتين، وعلى هامش القمة التقى الزعماء لبحث الأزمة السورية.");
  assert.equal(aboutEvent.date, null);
  assert.equal(article("قال وزير الزراعة إن موسم القمح كان جيداً هذا العام.").date, null);
});
