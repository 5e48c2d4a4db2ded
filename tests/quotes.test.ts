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

test("a quotation runs exactly from its opening to its closing mark, whatever follows it", () => {
  assert.deepEqual(said("وقال أشتون كارتر “سنبقى إلى جانب حلفائنا في الخليج”، كما أعلن خلال زيارته السابقة للمنطقة."), [
    ["ashton-carter", "سنبقى إلى جانب حلفائنا في الخليج"],
  ]);
  // A ” after a space opens a quotation, and a dash between spaces stands for a colon.
  assert.deepEqual(said("وقال بشار الأسد إن الجيش صامد. وأضاف ” نحن أمام مرحلة صعبة لا مجال فيها للتراجع.” ثم غادر القاعة."), [
    ["bashar-al-assad", "الجيش صامد"],
    ["bashar-al-assad", "نحن أمام مرحلة صعبة لا مجال فيها للتراجع"],
  ]);
  assert.deepEqual(said("وتابع بوتين – نشكر الأصدقاء على دعمهم لنا."), [["vladimir-putin", "نشكر الأصدقاء على دعمهم لنا"]]);
});

test("reported speech ends with its clause: a participle, و + a speech verb, or حسب/وذلك after a comma", () => {
  assert.deepEqual(said("وقال لافروف إنه يجب محاربة الإرهاب معا مشيرا إلى أن ذلك يتطلب تحالفا واسعا."), [
    ["sergey-lavrov", "يجب محاربة الإرهاب معا"],
    ["sergey-lavrov", "ذلك يتطلب تحالفا واسعا"],
  ]);
  assert.deepEqual(said("وانتقد بوتين العقوبات الغربية وقال إن بلاده لن تتراجع."), [
    ["vladimir-putin", "العقوبات الغربية"],
    ["vladimir-putin", "بلاده لن تتراجع"],
  ]);
  assert.deepEqual(said("وقال أوباما إن الاتفاق جيد للعالم، حسب ما نقلت وكالة رويترز."), [["barack-obama", "الاتفاق جيد للعالم"]]);
  assert.deepEqual(said("وقال كيري إن التقارب مع كوبا سيستغرق وقتا، وذلك بعد افتتاح السفارة في هافانا."), [["john-kerry", "التقارب مع كوبا سيستغرق وقتا"]]);
  assert.deepEqual(said("وقال كيري إن الطريق طويل، إلا أنه أضاف أن الخطوة الأولى تمت."), [
    ["john-kerry", "الطريق طويل"],
    ["john-kerry", "الخطوة الأولى تمت"],
  ]);
});

test("the speaker before the verb is the head of its clause: the first name in it, or someone outside the registry", () => {
  assert.deepEqual(said("يوري أوشاكوف أحد مستشاري الرئيس بوتين قال: (الحوار مع الرياض مثمر جدا)."), [["yuri-ushakov", "الحوار مع الرياض مثمر جدا"]]);
  assert.deepEqual(said("قال بوتين إن الزيارة مهمة. وجيمس بيكر وزير الخارجية الأمريكي الأسبق قال: (الأمير سعود كان محاورا بارعا)."), [
    ["vladimir-putin", "الزيارة مهمة"],
  ]);
  assert.deepEqual(said("وكان العبادي قد أكد أمس أن حكومته ماضية في الإصلاحات."), [["haider-al-abadi", "حكومته ماضية في الإصلاحات"]]);
  assert.deepEqual(said("التقى الرئيس الأمريكي باراك أوباما وفدا خليجيا. ولكن الرئيس الأمريكي قال: \"الخلافات لا تزال قائمة\"."), [
    ["barack-obama", "الخلافات لا تزال قائمة"],
  ]);
  // A verb with و begins a clause of its own: the name just before it, inside a quotation, is no subject.
  assert.deepEqual(said("وكتبت صحيفة محلية عن «ظاهرة أوباما» ودعت القراء إلى التفاؤل."), []);
});

test("a title and its name end at a stop word; a registry name inside someone else's title is not the speaker", () => {
  assert.deepEqual(said("وطالب رئيس البرلمان العراقي سليم الجبوري أمس رئيس الوزراء حيدر العبادي بإقالة الوزراء الفاسدين."), []);
  assert.deepEqual(said("وقال نائب الممثل الخاص للأمين العام للأمم المتحدة في العراق جورجي بوستن إن الإصلاحات تأتي في وقتها."), []);
  assert.deepEqual(said("وقال نائب خادم الحرمين الشريفين إن الاعتداء لن يمر دون عقاب."), []);
  assert.deepEqual(said("وقال وزير الخارجية الأمريكي جون كيري اليوم إن المحادثات مثمرة."), [["john-kerry", "المحادثات مثمرة"]]);
});

test("what someone outside the registry said is theirs: no verb inside it speaks for a name it contains", () => {
  assert.deepEqual(said("قال السفير الأمريكي السابق روبرت فورد إن نظام بشار الأسد يعتبر منهارا ولا جدوى من التعاون معه."), []);
  assert.deepEqual(said("وقالت مصادر مطلعة إن أوباما أبدى مرونة في ذلك، وأنه أشاد بجهود الوساطة."), []);
});

test("a speaker's name in quotation marks is the speaker; a short quoted name before another quotation is where it was said", () => {
  assert.deepEqual(said('وحذر "أوباما" من أن العالم يخاطر بحرب جديدة دون الاتفاق.'), [["barack-obama", "العالم يخاطر بحرب جديدة دون الاتفاق"]]);
  assert.deepEqual(said('وصرح فابيوس لإذاعة "فرانس انتر" "سأكون في طهران الأسبوع المقبل".'), [["laurent-fabius", "سأكون في طهران الأسبوع المقبل"]]);
});

test("the subject of a sentence is never a name in a phrase with ل or ب; a participle opening a sentence goes on with the last speaker", () => {
  assert.deepEqual(said("ورفع السفير التعازي لخادم الحرمين الشريفين الملك سلمان بن عبدالعزيز، داعيا الله أن يحفظ البلاد."), []);
  assert.deepEqual(said("وقال داود أوغلو: «لن نسمح بتهديد حدودنا». مؤكدا أن الرد سيكون حازما."), [
    ["ahmet-davutoglu", "لن نسمح بتهديد حدودنا"],
    ["ahmet-davutoglu", "الرد سيكون حازما"],
  ]);
  // The object is what was said, and ", قائلا: …" a second statement.
  assert.deepEqual(said("أكد الرئيس التركي رجب طيب أردوغان عزم بلاده مواجهة الإرهاب، قائلا: «سنتخذ كل التدابير اللازمة»."), [
    ["recep-tayyip-erdogan", "عزم بلاده مواجهة الإرهاب"],
    ["recep-tayyip-erdogan", "سنتخذ كل التدابير اللازمة"],
  ]);
});

test("whom a speaker speaks for or serves is not the speaker: باسم, a name with ل, a deputy before the name's own title", () => {
  assert.deepEqual(said("وقال المتحدث باسم العبادي سعد الحديثي إن القرارات قريبة."), []);
  assert.deepEqual(said("وقال المتحدث الرسمي باسم المكتب الإعلامي للعبادي سعد الحديثي إن القرارات قريبة."), []);
  assert.deepEqual(said("وقال نائب المستشارة الألمانية أنجيلا ميركل إن من الخطأ استئناف النقاش."), []);
  // A given name right after the registry name: the speaker's own name ends the title.
  assert.deepEqual(said("وقال المتحدث باسم مكتب رئيس الوزراء حيدر العبادي سعد الحديثي إن الحكومة ترفض القصف."), []);
  assert.deepEqual(said("وأكد الرئيس التركي رجب طيب أردوغان عزم بلاده مواجهة الإرهاب."), [["recep-tayyip-erdogan", "عزم بلاده مواجهة الإرهاب"]]);
  const a = article("وقال نائب المستشارة الألمانية أنجيلا ميركل إن من الخطأ استئناف النقاش.");
  assert.deepEqual(a.actors[0]!.titles, ["المستشارة الألمانية"]);
});

test("where and when after the speaker, and the speaker's title after the name, are not what was said", () => {
  assert.deepEqual(said("واعتبر أوباما في إجابته على السؤال أن نتنياهو مخطئ."), [["barack-obama", "نتنياهو مخطئ"]]);
  assert.deepEqual(said("في حين وصف ديفيد كاميرون رئيس الوزراء البريطاني ذلك بأنه «مقلق جدا»."), [["david-cameron", "ذلك بأنه «مقلق جدا»"]]);
});

test("the speaker's name set off by commas after the title, and a writer's word in quotation marks, are not what was said", () => {
  assert.deepEqual(said("وحذر وزير الخارجية الأميركي، جون كيري، في مؤتمر صحفي أمس، من أن انهيار الهدنة سيعيد الحرب إلى المدينة."), [["john-kerry", "انهيار الهدنة سيعيد الحرب إلى المدينة"]]);
  assert.deepEqual(said("وأعلن رئيس الوزراء التركي المكلف، أحمد داود أوغلو، في كلمة أمام نواب حزبه: لن نسمح بعودة العنف إلى المدن."), [["ahmet-davutoglu", "لن نسمح بعودة العنف إلى المدن"]]);
  assert.deepEqual(said("وقال كيري بعد محادثات «بناءة» مع نظيره الروسي، إن «الطرفين اتفقا على مواصلة العمل معا»."), [["john-kerry", "الطرفين اتفقا على مواصلة العمل معا"]]);
  // A quoted word inside what was said stays there.
  assert.deepEqual(said("وقال كيري إن «الاتفاق» سيصمد رغم الضغوط."), [["john-kerry", "«الاتفاق» سيصمد رغم الضغوط"]]);
});

test("a phrase of where or when between a verb and its object is not what was said: the object starts at its preposition", () => {
  assert.deepEqual(said("وكان وزير الخارجية الروسي سيرغي لافروف دعا خلال المفاوضات إلى رفع فوري للحظر المفروض على الصادرات."), [["sergey-lavrov", "إلى رفع فوري للحظر المفروض على الصادرات"]]);
  assert.deepEqual(said("ودعا لافروف في كلمة أمام مجلس الأمن إلى وقف فوري لإطلاق النار."), [["sergey-lavrov", "إلى وقف فوري لإطلاق النار"]]);
  // The object's own preposition (حذر من) is no phrase of where: what follows it is said.
  assert.deepEqual(said("وحذر كيري من تصاعد العنف على الحدود."), [["john-kerry", "تصاعد العنف على الحدود"]]);
});

test("a noun of saying between a verb and أن is not what was said; with بأن the object is", () => {
  assert.deepEqual(said("وجدد كيري التأكيد على أن الولايات المتحدة ستقف إلى جانب شركائها في المنطقة."), [["john-kerry", "الولايات المتحدة ستقف إلى جانب شركائها في المنطقة"]]);
  assert.deepEqual(said("وأعرب هاموند عن أمله في أن تكون طهران أكثر تعاونا مع جيرانها."), [["philip-hammond", "تكون طهران أكثر تعاونا مع جيرانها"]]);
  assert.deepEqual(said("ودعا بان كي مون الأطراف إلى أن تعود إلى طاولة الحوار دون شروط."), [["ban-ki-moon", "تعود إلى طاولة الحوار دون شروط"]]);
  assert.deepEqual(said("ووصف هولاند الاعتداءات بأنها عمل حربي ضد فرنسا."), [["francois-hollande", "الاعتداءات بأنها عمل حربي ضد فرنسا"]]);
  // "دعا إلى أن: «…»": the quotation after the complementiser, without it.
  assert.deepEqual(said("ودعا بان كي مون إلى أن: «جميع الأطراف مطالبة بالامتناع عن العنف»."), [["ban-ki-moon", "جميع الأطراف مطالبة بالامتناع عن العنف"]]);
});

test("after a comma, «وهو ما», «وهو الأمر» go back to the statement: the writer's words, not the speaker's", () => {
  assert.deepEqual(said("وتعهد أوباما بالحزم حيال الإيرانيين، وهو ما سبق أن أعلنه وزير خارجيته."), [["barack-obama", "بالحزم حيال الإيرانيين"]]);
  assert.deepEqual(said("وقال كيري إن بلاده ستواصل دعم الجيش العراقي، وهو الأمر الذي رحبت به بغداد."), [["john-kerry", "بلاده ستواصل دعم الجيش العراقي"]]);
});
