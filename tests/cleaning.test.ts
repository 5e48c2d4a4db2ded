// Cleaning by kinds of lines: a scraped page's credit line (dateline or byline) is a field, not body text;
// furniture a page runs into the article's last line is cut there. Short articles written for each rule.
import { test } from "node:test";
import assert from "node:assert/strict";
import { article, registry } from "./helpers.ts";
import { clean, compileCleanRules, lineTail, openingCredit } from "../src/text/index.ts";

const rules = compileCleanRules(registry.furniture, registry.calendar);
const BODY = "أعلنت الهيئة العامة للأرصاد أن موجة حارة ستضرب المنطقة الشرقية خلال الأيام الثلاثة المقبلة، ودعت السكان إلى تجنب الخروج وقت الظهيرة.";
const scraped = (...header: string[]) => article([...header, "", BODY].join("\n"));

test("the line under the date line is the page's credit: a place and a person, a place and a paper, a columnist", () => {
  const person = scraped("موجة حارة على الشرقية", "28 يوليو 2015", "الدمام: خالد المطيري");
  assert.deepEqual([person.dateline, person.byline, person.paragraphs], ["الدمام", "خالد المطيري", [BODY]]);
  const paper = scraped("موجة حارة على الشرقية", "28 يوليو 2015", "لندن: «الشرق الأوسط»");
  assert.deepEqual([paper.dateline, paper.byline, paper.paragraphs], ["لندن: «الشرق الأوسط»", null, [BODY]]);
  for (const credit of ["واس - الرياض", "عين اليوم – جدة", "«الاقتصادية» من الرياض", "جدة-الوئام:", "نيروبي - أ. ف. ب."]) {
    const a = scraped("موجة حارة على الشرقية", "28 يوليو 2015", credit);
    assert.equal(a.dateline, credit.replace(/:$/, ""), credit);
    assert.deepEqual(a.paragraphs, [BODY], credit);
  }
  const columnist = scraped("موجة حارة على الشرقية", "28 يوليو 2015", "د. سعاد الحربي");
  assert.deepEqual([columnist.dateline, columnist.byline, columnist.paragraphs], [null, "د. سعاد الحربي", [BODY]]);
});

test("a credit line between the headline and the date line goes too", () => {
  const a = scraped("موجة حارة على الشرقية", "الخبر - منى العلي", "28 يوليو 2015");
  assert.equal(a.byline, "الخبر - منى العلي");
  assert.deepEqual(a.paragraphs, [BODY]);
});

test("under the date line, a sentence, a question or a long line is article text, not a credit", () => {
  for (const line of ["هل تنجح خطة الطوارئ هذا الصيف؟", "حذرت الأرصاد من ارتفاع درجات الحرارة.", "الأرصاد تحذر السكان من موجة حر شديدة تضرب المنطقة الشرقية"]) {
    const c = clean(["موجة حارة على الشرقية", "28 يوليو 2015", line, "", BODY].join("\n"), rules);
    assert.deepEqual(c.credits, [], line);
    assert.ok(c.paragraphs.includes(line), line);
  }
  // Without a date line there is no page header to read: a short second line stays.
  assert.deepEqual(clean(["موجة حارة على الشرقية", "الدمام: خالد المطيري", BODY].join("\n"), rules).credits, []);
});

test("a Markdown article's opening credit line naming a paper or an agency is a dateline", () => {
  const md = article(`سبق- وكالات:\n\n${BODY}`, { title: "موجة حارة" }, "md");
  assert.deepEqual([md.dateline, md.paragraphs], ["سبق- وكالات", [BODY]]);
  const inline = article(`واس- جدة: ${BODY}`, { title: "موجة حارة" }, "md");
  assert.deepEqual([inline.dateline, inline.paragraphs], ["واس- جدة", [BODY]]);
  // A short opening paragraph without a separator is no credit (a subtitle, a caption), paper or not.
  assert.equal(openingCredit(["رئيس بلدية المدينة", BODY], rules), null);
  assert.equal(openingCredit(["موجة حارة تضرب الشرقية", BODY], rules), null);
});

test("a link to the story and the page's tags run into the last line are cut there", () => {
  const page = (last: string) => article(["موجة حارة على الشرقية", "28 يوليو 2015", "", BODY, last].join("\n")).paragraphs;
  assert.deepEqual(page("وقال المتحدث إن الفرق جاهزة. رابط الخبر بصحيفة الوئام: موجة حارة على الشرقية"), [BODY, "وقال المتحدث إن الفرق جاهزة."]);
  assert.deepEqual(page("وقال المتحدث إن الفرق جاهزة. سمات الأرصاد الحرارة الشرقية"), [BODY, "وقال المتحدث إن الفرق جاهزة."]);
  assert.deepEqual(page("سمات الأرصاد الحرارة الشرقية"), [BODY], "a line of tags alone goes whole");
  assert.deepEqual(lineTail("وأصيب عدد من المارة. رابط الخبر بصحيفة الوئام: حريق", rules), { kept: "وأصيب عدد من المارة.", tail: "رابط الخبر بصحيفة الوئام: حريق" });
  const md = article(`${BODY}\n\nوقال المتحدث إن الفرق جاهزة. سمات الأرصاد الحرارة`, { title: "موجة حارة" }, "md");
  assert.deepEqual(md.paragraphs, [BODY, "وقال المتحدث إن الفرق جاهزة."]);
});

test("the word سمات inside a sentence is the writer's, wherever it stands", () => {
  for (const line of [
    "ومن أهم سمات المجتمع المحلي التكافل والتعاون بين الجيران.",
    "وتحدث الباحث عن سمات الشعر الشعبي في المضمون والشكل، ومدى تأثره بالبيئة",
    "ومن أبرز سمات المرحلة المقبلة الاعتماد على الطاقة المتجددة",
  ]) {
    assert.equal(lineTail(line, rules), null, line);
    assert.ok(article(`${BODY}\n${line}`).paragraphs.includes(line), line);
  }
});

// What readers see of a Markdown article is its Markdown: the furniture read out of it is out of that too.
test("a Markdown article's page shows none of the credit or furniture taken out of its text", () => {
  const md = article(`**عين اليوم – الدمام**\n\n${BODY}\n\nوقال المتحدث إن *الفرق* جاهزة. رابط الخبر بصحيفة الوئام: موجة حارة على الشرقية`, { title: "موجة حارة" }, "md");
  assert.equal(md.dateline, "عين اليوم – الدمام");
  assert.equal(md.markdown, `${BODY}\n\nوقال المتحدث إن *الفرق* جاهزة.`);
  const inline = article(`واس- جدة: ${BODY}\n\nسمات الأرصاد الحرارة`, { title: "موجة حارة" }, "md");
  assert.deepEqual([inline.dateline, inline.markdown], ["واس- جدة", BODY]);
  // A short first block that is no credit (a deck, a poem's first line) stays on the page of a titled article.
  const poem = article(`يا ليل الصب متى غده\n\nأقيام الساعة موعده؟ رقد السمار فأرقه أسف للبين يردده`, { title: "قصيدة" }, "md");
  assert.ok(poem.markdown!.startsWith("يا ليل الصب متى غده\n\n"), poem.markdown);
});

test("a scraped page's dateline repeated at the start of its body goes from the body too", () => {
  const a = scraped("موجة حارة على الشرقية", "28 يوليو 2015", "واس- الدمام:", "", `واس- الدمام: ${BODY}`);
  assert.equal(a.dateline, "واس- الدمام");
  assert.deepEqual(a.paragraphs, [BODY, BODY]);
  const named = scraped("موجة حارة على الشرقية", "28 يوليو 2015", "الدمام: خالد المطيري", "", `الدمام - واس: ${BODY}`);
  assert.deepEqual([named.dateline, named.byline, named.paragraphs], ["الدمام", "خالد المطيري", [BODY, BODY]]);
  // Any credit line repeated word for word at the start of the body, a dateline by its form or not.
  const byline = scraped("موجة حارة على الشرقية", "28 يوليو 2015", "منى العلي- سبق- الخبر:", "", `منى العلي- سبق- الخبر: ${BODY}`);
  assert.deepEqual(byline.paragraphs, [BODY, BODY]);
});

test("character references a scraper left are the characters they stand for; those of < > & stay as written", () => {
  const txt = scraped("&quot;الأرصاد&quot; تحذر من موجة حارة", "28 يوليو 2015", "", "وقال المتحدث إن &#8220;الفرق جاهزة&#8221;&nbsp;للطوارئ وإن &lt;التنبيه&gt; يصل بالرسائل.");
  assert.equal(txt.title, '"الأرصاد" تحذر من موجة حارة');
  assert.deepEqual(txt.paragraphs, ["وقال المتحدث إن “الفرق جاهزة” للطوارئ وإن &lt;التنبيه&gt; يصل بالرسائل.", BODY]);
  const md = article(`${BODY}\n\nوقال المتحدث إن &#x201C;الفرق جاهزة&#x201D;.`, { title: "تحذير من &#8220;موجة حارة&#8221;" }, "md");
  assert.equal(md.title, "تحذير من “موجة حارة”");
  assert.deepEqual(md.paragraphs, [BODY, "وقال المتحدث إن “الفرق جاهزة”."]);
  // A line break or a tab written as a reference is a space: it never splits a line or a paragraph.
  const broken = scraped("الأرصاد تحذر من موجة حارة", "28 يوليو 2015", "", "وقال المتحدث&#10;إن الفرق&#x9;جاهزة للطوارئ.");
  assert.deepEqual(broken.paragraphs, ["وقال المتحدث إن الفرق جاهزة للطوارئ.", BODY]);
  const mdBreak = article(`${BODY}\n\nوقال المتحدث&#10;&#10;إن الفرق جاهزة.`, {}, "md");
  assert.equal(mdBreak.paragraphs.length, 2);
  assert.match(mdBreak.paragraphs[1]!, /^وقال المتحدث +إن الفرق جاهزة\.$/);
  // In Markdown a reference to one of its own characters stays a plain character: no italics from &#95;.
  const mdSyntax = article(`${BODY}\n\nوأضاف المتحدث أن &#95;الخطة&#95; جاهزة منذ أسابيع.`, {}, "md");
  assert.match(mdSyntax.markdown!, /&#95;الخطة&#95;/);
});
