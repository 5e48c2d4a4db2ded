// Candidates for the registry: whole names of people the registry does not know, on sentences written for
// each rule, and grouped across articles with their count, examples, variants and role.
import { test } from "node:test";
import assert from "node:assert/strict";
import { article } from "./helpers.ts";
import { loadRegistry } from "../src/ingest/index.ts";
import { groupCandidates } from "../src/tag/index.ts";
import { buildArchive } from "../src/archive/index.ts";

const names = (body: string) => article(body).candidates.map((c) => [c.title, c.name]);

test("a title, then a whole name: given names, بن chains, عبد and أبو, a family name after them", () => {
  assert.deepEqual(names("وقال وزير الخارجية عادل بن أحمد الجبير إن الزيارة مهمة."), [["وزير الخارجية", "عادل بن أحمد الجبير"]]);
  assert.deepEqual(names("وحضر الأمير فيصل بن مشعل بن سعود بن عبدالعزيز أمير المنطقة الحفل."), [["الأمير", "فيصل بن مشعل بن سعود بن عبدالعزيز"]]);
  assert.deepEqual(names("وقال نائب رئيس المجلس عبد الحكيم مجاهد إن الجلسة تأجلت."), [["نائب رئيس المجلس", "عبد الحكيم مجاهد"]]);
  assert.deepEqual(names("وقال زعيم الجبهة أبو محمد الجولاني إن المعارك مستمرة."), [["زعيم الجبهة", "أبو محمد الجولاني"]]);
  assert.deepEqual(names("وقال زعيم الحزب حسن نصر الله إن الحرب طويلة."), [["زعيم الحزب", "حسن نصر الله"]]);
  // A word before بن is a given name, even a title word ("مساعد").
  assert.deepEqual(names("وحضر وزير الدولة الدكتور مساعد بن محمد العيبان اللقاء."), [["وزير الدولة", "مساعد بن محمد العيبان"]]);
  // Names of other languages: two words without ال.
  assert.deepEqual(names("وقال وزير الخزانة الأمريكي جاك لو إن العقوبات سترفع تدريجيا."), [["وزير الخزانة الأمريكي", "جاك لو"]]);
});

test("no title words, common nouns, particles or the next phrase in a name", () => {
  // The title runs across its genitives ("لرئيس مجلس الوزراء") to the name.
  assert.deepEqual(names("وحضر ولي العهد النائب الثاني لرئيس مجلس الوزراء الأمير محمد بن نايف ووزير الداخلية."), [
    ["ولي العهد النائب الثاني لرئيس مجلس الوزراء الأمير", "محمد بن نايف"],
  ]);
  assert.deepEqual(names("وقال المتحدث باسم وزارة الداخلية إن التحقيق مستمر."), []);
  assert.deepEqual(names("وأعلن المتحدث الإعلامي بمنطقة نجران أن الحريق أخمد."), []);
  assert.deepEqual(names("وقال رئيس جمهورية مصر العربية إن القناة افتتحت."), []);
  assert.deepEqual(names("وشكر ولي العهد حفظه الله الحضور."), []);
  // "وكبير المساعدين" after a name is the next phrase; a dash ends a name.
  assert.deepEqual(names("وحضر رئيس الأركان إريك روزينباخ وكبير المساعدين العسكريين."), [["رئيس الأركان", "إريك روزينباخ"]]);
  // A place named after a king is no title.
  assert.deepEqual(names("وصلت الطائرة إلى مطار الملك خالد الدولي مساء أمس."), []);
  // Registry actors are never candidates.
  assert.deepEqual(names("وقال وزير الخارجية الأمريكي جون كيري إن الاتفاق صامد."), []);
  // Function words, a ة or a possessive ending are words of the sentence, never a name in another language.
  assert.deepEqual(names("وأوضح الأمين العام لم يكن الاجتماع سهلا على أحد."), []);
  assert.deepEqual(names("وأكد وزير الخارجية الفرنسي أية صعوبة لن تمنع الحوار."), []);
  assert.deepEqual(names("وقال الرئيس الأميركي تخيف حلفاءها هذه الخطوة."), []);
  assert.deepEqual(names("وقال وزير الخارجية الإيطالي باولو جنتيلوني إن الحوار مستمر."), [["وزير الخارجية الإيطالي", "باولو جنتيلوني"]]);
});

test("what a title introduces after a colon or between quotation marks is said, not a name, unless the marks hold a name whole", () => {
  // After a colon: the words said ("لن تكون…"), never a name; the speaker named before the title is not found this way.
  assert.deepEqual(names("ويقول خالد منصور، نائب رئيس المعهد العربي للدراسات: «لن تكون المفاوضات سهلة هذه المرة»."), []);
  assert.deepEqual(names("وقال المتحدث باسم الحكومة: \"نرحب بكل مبادرة تحقن الدماء\"."), []);
  // A quoted speech right after the title: its first words are no name.
  assert.deepEqual(names("وكتب رئيس الوزراء \"نحن ماضون في الإصلاح\" في رسالة إلى البرلمان."), []);
  // The marks hold the name whole: it is the name.
  assert.deepEqual(names("وأكد المدير الفني الروماني «ليفيو كيوبتاريو» أن الفريق جاهز للمباراة."), [["المدير الفني الروماني", "ليفيو كيوبتاريو"]]);
  // A body's name in quotation marks within the title; the person's name comes after it.
  assert.deepEqual(names("وقال رئيس تحرير «الأفق» الأسبوعية خالد الحلبي إن العدد تأخر."), [["رئيس تحرير «الأفق» الأسبوعية", "خالد الحلبي"]]);
  // Marks written the other way round (”…“) are quotation marks too.
  assert.deepEqual(names("وقال رئيس تحرير ”الأفق“ الأسبوعية خالد الحلبي إن العدد تأخر."), [["رئيس تحرير ”الأفق“ الأسبوعية", "خالد الحلبي"]]);
  // Marks that open before a body's name and close after a person's do not hold a name whole.
  assert.deepEqual(names("وقال رئيس «كتلة الأمل خالد الحلبي» إن الجلسة تأجلت."), []);
});

test("grouped across articles: one candidate per name, with count, two examples, variants and the role seen most", () => {
  const reg = loadRegistry();
  const found = [
    { source: "a.txt", candidates: article("وقال وزير الخارجية السعودي عادل الجبير إن الحل سياسي.").candidates },
    { source: "b.txt", candidates: article("وقال وزير الخارجية عادل بن أحمد الجبير إن الزيارة ناجحة.").candidates },
    { source: "c.txt", candidates: article("والتقى وزير الخارجية السعودي عادل الجبير نظيره.").candidates },
    { source: "d.txt", candidates: article("وقال الرئيس اليمني عبدربه منصور هادي إن الحرب ستنتهي.").candidates },
    { source: "e.txt", candidates: article("وقال الرئيس اليمني عبد ربه منصور هادي إن عدن تحررت.").candidates },
    { source: "f.txt", candidates: article("وعاد الرئيس اليمني عبد ربه منصور إلى عدن.").candidates },
    { source: "g.txt", candidates: article("واستقبل الرئيس الفرنسي فرانسوا أولوند ضيفه.").candidates },
  ];
  const c = groupCandidates(found, reg);
  assert.deepEqual(c.map((x) => [x.name, x.articles]), [["عادل الجبير", 3], ["عبد ربه منصور هادي", 3], ["فرانسوا أولوند", 1]]);
  const jubeir = c[0]!;
  assert.equal(jubeir.role, "وزير الخارجية السعودي");
  assert.deepEqual(jubeir.variants, ["عادل الجبير", "عادل بن أحمد الجبير"]);
  assert.deepEqual(jubeir.examples.map((e) => e.source), ["a.txt", "c.txt"]);
  assert.equal(jubeir.examples[0]!.sentence, "وقال وزير الخارجية السعودي عادل الجبير إن الحل سياسي.");
  // "عبدربه" and "عبد ربه" are one spelling; the truncated "عبد ربه منصور" counts with the whole name.
  assert.deepEqual(c[1]!.variants.sort(), ["عبد ربه منصور", "عبد ربه منصور هادي", "عبدربه منصور هادي"].sort());
  // A registry actor's title and a shared word: perhaps that actor under a spelling the registry lacks.
  assert.equal(c[2]!.variantOf, "francois-hollande");
  assert.equal(jubeir.variantOf, undefined);
});

test("proposed: a name two articles give; a name seen in one article only is reported as unsure, not proposed", () => {
  const reg = loadRegistry();
  const bodies = [
    "وقال وزير المالية الألماني فولفغانغ شويبله إن الديون كبيرة.",
    "وحذر وزير المالية الألماني فولفغانغ شويبله من الركود.",
    "وقال مدير الجمعية خالد الحربي إن الحملة بدأت.",
    // Two words of no name after a title ("ستتولى اختيار"): one article gives them.
    "وأضاف رئيس الوزراء ستتولى اختيار الأعضاء لجنة مستقلة.",
  ];
  const found = bodies.map((b, i) => ({ source: `${i}.txt`, candidates: article(b).candidates }));
  const all = groupCandidates(found, reg);
  assert.deepEqual(all.filter((c) => !c.unsure).map((c) => [c.name, c.articles]), [["فولفغانغ شويبله", 2]]);
  assert.deepEqual(all.filter((c) => c.unsure).map((c) => c.name).sort(), ["خالد الحربي", "ستتولى اختيار"].sort());
  // A registry actor's title before a new spelling is proposed from one article: perhaps that actor.
  const hollande = groupCandidates([{ source: "h.txt", candidates: article("واستقبل الرئيس الفرنسي فرانسوا أولوند ضيفه.").candidates }], reg);
  assert.deepEqual(hollande.map((c) => [c.name, c.variantOf, c.unsure]), [["فرانسوا أولوند", "francois-hollande", undefined]]);
  // The build proposes the first in /api/candidates.json and keeps the others in the report.
  const archive = buildArchive(bodies.map((b, i) => ({ ...article(b), source: `${i}.txt` })), [], reg);
  assert.deepEqual(archive.api.candidates.map((c) => c.name), ["فولفغانغ شويبله"]);
  assert.deepEqual(archive.report.unsureCandidates.map((c) => c.name).sort(), ["خالد الحربي", "ستتولى اختيار"].sort());
});

test("a name followed by the sentence's next words counts with the name more articles give alone", () => {
  const reg = loadRegistry();
  const found = [
    { source: "a.txt", candidates: article("وقال رئيس الحكومة عمر الكبيسي إن الموازنة أقرت.").candidates },
    { source: "b.txt", candidates: article("وأكد رئيس الحكومة عمر الكبيسي أن الإصلاح مستمر.").candidates },
    // "…الكبيسي لمراسلنا": the name, then the sentence.
    { source: "c.txt", candidates: [{ name: "عمر الكبيسي لمراسلنا", title: "رئيس الحكومة", sentence: "وقال رئيس الحكومة عمر الكبيسي لمراسلنا إن الوضع هادئ." }] },
    // A longer name that goes on with a family word is another spelling, not a tail.
    { source: "d.txt", candidates: article("وقال رئيس الحكومة عمر بن سالم الكبيسي إن الموازنة أقرت.").candidates },
  ];
  const c = groupCandidates(found, reg);
  assert.deepEqual(c.map((x) => [x.name, x.articles]), [["عمر الكبيسي", 4]]);
  assert.ok(!c[0]!.variants.includes("عمر الكبيسي لمراسلنا"));
  assert.ok(c[0]!.variants.includes("عمر بن سالم الكبيسي"));
});
