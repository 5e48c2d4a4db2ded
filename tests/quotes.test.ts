// Who said what, on short texts written for each rule.
import { test } from "node:test";
import assert from "node:assert/strict";
import { article } from "./helpers.ts";

const said = (body: string) => article(body).quotes.map((q) => [q.actor, q.text]);

test("a named speaker with إن, with a colon, and with a quotation", () => {
  assert.deepEqual(said("وقال وزير الخارجية الأمريكي جون كيري إن المفاوضات ستستأنف الأسبوع المقبل."), [["john-kerry", "المفاوضات ستستأنف الأسبوع المقبل"]]);
  assert.deepEqual(said("وتابع لافروف: «لن نقبل بأي تدخل خارجي في شؤون المنطقة»."), [["sergey-lavrov", "لن نقبل بأي تدخل خارجي في شؤون المنطقة"]]);
  assert.deepEqual(said("قال بوتين “إن الحوار هو الطريق الوحيد للحل”."), [["vladimir-putin", "إن الحوار هو الطريق الوحيد للحل"]]);
});

test("وأضاف and وتابع go on with the last named speaker; a participle with the speaker of its sentence", () => {
  assert.deepEqual(said("قال هاموند إن التحالف متماسك. وأضاف أن الضربات ستستمر حتى هزيمة التنظيم، مؤكدا أن بريطانيا لن تتراجع."), [
    ["philip-hammond", "التحالف متماسك"],
    ["philip-hammond", "الضربات ستستمر حتى هزيمة التنظيم"],
    ["philip-hammond", "بريطانيا لن تتراجع"],
  ]);
});

test("a speaker named by title only, once the title is unambiguous in the article", () => {
  assert.deepEqual(said("التقى الرئيس التركي رجب طيب أردوغان وفدا أوروبيا. وقال الرئيس التركي إن بلاده تستضيف ملايين اللاجئين."), [
    ["recep-tayyip-erdogan", "بلاده تستضيف ملايين اللاجئين"],
  ]);
});

test("someone outside the registry is nobody's quote, and breaks the chain of وأضاف", () => {
  assert.deepEqual(said("قال أوباما إن القمة ناجحة. وقال مسؤول في البيت الأبيض إن اللقاء استمر ساعة. وأضاف أن الجانبين اتفقا على التواصل."), [["barack-obama", "القمة ناجحة"]]);
  assert.deepEqual(said("وقال وزير الخارجية السعودي عادل الجبير إن لا مكان للأسد في مستقبل سوريا، مضيفا أن الرياض تدعم الحل السياسي."), []);
});

test("the verb agrees with the speaker: وأضافت never goes on with a man", () => {
  assert.deepEqual(said("قال فابيوس إن الاجتماع مثمر. وأضافت أن الوفود ستعود قريبا."), [["laurent-fabius", "الاجتماع مثمر"]]);
  assert.deepEqual(said("قالت ميركل إن أوروبا ستتحمل مسؤوليتها. وأضافت أن ألمانيا مستعدة للمساعدة."), [
    ["angela-merkel", "أوروبا ستتحمل مسؤوليتها"],
    ["angela-merkel", "ألمانيا مستعدة للمساعدة"],
  ]);
});

test("a name inside a word is not a speech verb; a name inside what was said is not the speaker", () => {
  assert.deepEqual(said("ومن بين الحاضرين وزير الخارجية جون كيري، ووزير الخارجية الفرنسي لوران فابيوس."), []);
  assert.deepEqual(said("قال أردوغان إن بوتين أخطأ في تقدير الموقف."), [["recep-tayyip-erdogan", "بوتين أخطأ في تقدير الموقف"]]);
});

test("people with a title but not in the registry are candidates for the registry", () => {
  const a = article("التقى وزير الخارجية السعودي عادل الجبير نظيره الإيراني. ثم قال الرئيس الأمريكي باراك أوباما إن الحوار ضروري.");
  assert.deepEqual(a.candidates.map((c) => [c.title, c.name]), [["وزير الخارجية السعودي", "عادل الجبير"]]);
  assert.equal(a.candidates[0]!.sentence, "التقى وزير الخارجية السعودي عادل الجبير نظيره الإيراني.");
});

// Found by the site benchmark: a short quotation closing a paragraph, and the next paragraph opening
// with "فإن", sent the scan for a speaker back and forth forever (npm test's --test-timeout ends a hang).
test("a quotation that closes a paragraph before one opening with فإن ends the scan", () => {
  assert.deepEqual(said("افتتح أوباما الجلسة، داعيا إلى اقتصاد \"مبتكر ومترابط\".\n\nفإن التحالف لا يزال يضرب مواقع التنظيم في سوريا."), [
    ["barack-obama", "إلى اقتصاد \"مبتكر ومترابط\""],
  ]);
});

test("words that fold to nothing (a run of tatweel) and the end of the text break no rule", () => {
  // Tatweel alone after what was said, and a text that ends right after a short quoted name or a speaker.
  assert.deepEqual(said("وقال كيري إن الهدنة صامدة ـــ"), [["john-kerry", "الهدنة صامدة"]]);
  assert.deepEqual(said("قال لافروف لصحيفة \"الحياة\" إن"), []);
  // Six words: the word three after the quoted name is the last one.
  assert.deepEqual(said("قال لافروف لصحيفة \"الحياة\" إن الحل"), []);
  assert.deepEqual(said("قال لافروف لصحيفة \"الحياة\" إن الحل سياسي"), [["sergey-lavrov", "الحل سياسي"]]);
  assert.deepEqual(said("قال أوباما"), []);
});

test("a short quoted name before إن is where it was said, in straight quotes as in guillemets", () => {
  // The closing " of the name is no opening mark: what was said starts after إن.
  for (const [open, close] of [['"', '"'], ["«", "»"], ["“", "”"]]) {
    assert.deepEqual(said(`وقال لافروف لصحيفة ${open}الشرق الأوسط${close} إن الحل في سوريا سياسي.`), [["sergey-lavrov", "الحل في سوريا سياسي"]], open);
  }
  // A longer quotation after the verb is what was said.
  assert.deepEqual(said('وقال لافروف "إن الحل في سوريا سياسي ولا بديل عنه".'), [["sergey-lavrov", "إن الحل في سوريا سياسي ولا بديل عنه"]]);
});
