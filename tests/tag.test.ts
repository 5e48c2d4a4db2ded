// Tagging on short texts written for each rule: spelling variants, attached particles, name
// collisions, and distractors that share words with an event without being it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { article, actorIds, primary, mentioned } from "./helpers.ts";

test("actors: spelling variants fold to one actor", () => {
  const a = article("التقى اوباما مع اردوغان، ثم صرّح كيرى بأن بان كى مون سيحضر. وقال سيرجي لافروف إن سيرغي لافروف لن يغيب، وحضر فرنسوا أولاند ولو دريان.");
  assert.deepEqual(actorIds(a), ["ban-ki-moon", "barack-obama", "francois-hollande", "jean-yves-le-drian", "john-kerry", "recep-tayyip-erdogan", "sergey-lavrov"]);
  assert.equal(a.actors.find((x) => x.id === "sergey-lavrov")!.count, 2);
});

test("actors: attached particles و ف ب ل ك and لل are taken off known names", () => {
  const a = article("رحب الوزير بأوباما وبوتين، ثم قال لأردوغان إن الضربات على مواقع لـ«داعش» مستمرة، فكيري غائب، وكاميرون حاضر، ونُقلت رسالة للأسد في دمشق.");
  assert.deepEqual(actorIds(a), ["barack-obama", "bashar-al-assad", "david-cameron", "islamic-state", "john-kerry", "recep-tayyip-erdogan", "vladimir-putin"]);
});

test("actors: never matched inside a longer word, and collisions stay apart", () => {
  // هولندا is the Netherlands, not Hollande; كير is not كيري; بان as a verb is not Ban Ki-moon.
  const a = article("فازت هولندا على بلجيكا، وبان الفرق واضحاً في الشوط الثاني، وقال المدرب كير إن فريقه تعب. وزار الوفد الكاميرون وكاميرا المراقبة.");
  assert.deepEqual(actorIds(a), []);
});

test("actors: an ambiguous name counts only with its context", () => {
  const lion = article("هرب الأسد من حديقة الحيوان في المدينة صباح اليوم، وطمأنت الشرطة السكان بعد أن أعادته إلى قفصه.");
  assert.deepEqual(actorIds(lion), []);
  const syria = article("قال معارضون سوريون إن قوات الأسد قصفت ريف دمشق، فيما تستمر المفاوضات حول مستقبل سوريا.");
  assert.deepEqual(actorIds(syria), ["bashar-al-assad"]);
  const rhodes = article("قضى السياح عطلتهم في جزيرة رودس اليونانية وزاروا قلعتها القديمة.");
  assert.deepEqual(actorIds(rhodes), []);
  // روحاني is also "spiritual".
  const eid = article("خرج المصلون مبكرا إلى صلاة العيد في مشهد روحاني جميل، ثم تبادلوا التهاني في ساحة المسجد.");
  assert.deepEqual(actorIds(eid), []);
  const iran = article("ورحب الرئيس روحاني بالاتفاق، وقال إن إيران ستفي بالتزاماتها كاملة.");
  assert.deepEqual(actorIds(iran), ["hassan-rouhani"]);
});

test("actors: role titles before and after a name are captured as written", () => {
  const a = article("وقال وزير الخارجية الأميركي جون كيري إن الاجتماع مهم. وأكد بان كي مون الأمين العام للأمم المتحدة، أن الحل سياسي. ورحب للرئيس الفرنسي فرانسوا هولاند بالخطوة.");
  const titles = (id: string) => a.actors.find((x) => x.id === id)!.titles;
  assert.deepEqual(titles("john-kerry"), ["وزير الخارجية الأميركي"]);
  assert.deepEqual(titles("ban-ki-moon"), ["الأمين العام للأمم المتحدة"]);
  assert.deepEqual(titles("francois-hollande"), ["الرئيس الفرنسي"]);
});

test("actors: a title is the name's own — not another person's before it, not words running on after it", () => {
  const a = article("وحضر الأمير خالد الفيصل مستشار خادم الحرمين الشريفين الحفل. وقال المتحدث باسم الرئيس الروسي فلاديمير بوتين إن الزيارة مهمة. وصرح مساعد الرئيس الروسي يوري أوشاكوف بأن اللقاء بناء. ونقل بن رودس نائب مستشار الأمن القومي تحيات الوفد.");
  const titles = (id: string) => a.actors.find((x) => x.id === id)!.titles;
  assert.deepEqual(titles("salman-bin-abdulaziz"), []);
  assert.deepEqual(titles("vladimir-putin"), ["الرئيس الروسي"]);
  assert.deepEqual(titles("yuri-ushakov"), ["مساعد الرئيس الروسي"]);
  assert.deepEqual(titles("ben-rhodes"), []);
});

test("actors: a registry name after بن/بنت is the father's name inside another person's name", () => {
  const prince = article("استقبل الأمير خالد بن سلمان بن عبدالعزيز وفدا رياضيا، وحضر اللقاء الأمير فيصل بن سلمان بن عبد العزيز أمير المنطقة.");
  assert.deepEqual(actorIds(prince), []);
  const both = article("رعى الملك سلمان بن عبدالعزيز الحفل، وألقى الأمير محمد بن سلمان بن عبدالعزيز كلمة قصيرة.");
  assert.deepEqual(actorIds(both), ["salman-bin-abdulaziz"]);
  assert.equal(both.actors[0]!.count, 1);
  assert.deepEqual(both.actors[0]!.titles, []);
});

test("actors: a place or a body named after a person is not that person", () => {
  const relief = article("وصلت إلى المكلا قافلة مساعدات من مركز الملك سلمان للإغاثة والأعمال الإنسانية تحمل أدوية وأغذية.");
  assert.deepEqual(actorIds(relief), []);
  const award = article("أعلنت اللجنة أسماء الفائزين بجائزة خادم الحرمين الشريفين للترجمة في دورتها الجديدة.");
  assert.deepEqual(actorIds(award), []);
  // The person named in the same article outside the place's name still counts.
  const both = article("وافتتح الملك سلمان مقر مركز الملك سلمان للإغاثة في الرياض.");
  assert.deepEqual(actorIds(both), ["salman-bin-abdulaziz"]);
});

test("actors: a different given name before a surname is another person; the actor's own first or middle name is not", () => {
  const footballer = article("شارك المهاجم يوسف أوباما بديلا في الشوط الثاني، وسجل عبد الله العبادي هدف الفوز، ثم تبادل الحارس ويوسف أوباما التحية.");
  assert.deepEqual(actorIds(footballer), []);
  const family = article("زارت ميشيل أوباما مدرسة في نيروبي، وقال الرئيس الأمريكي باراك حسين أوباما إن الزيارة شخصية.");
  assert.deepEqual(actorIds(family), ["barack-obama"]);
  assert.equal(family.actors[0]!.count, 1);
  // A function word is no given name ("على" folds like "علي"), and a particle on the name starts a new phrase.
  const pressure = article("تتزايد الضغوط على أوباما داخل الكونغرس، ووجه زكريا لأوباما سؤالا عن العراق.");
  assert.deepEqual(actorIds(pressure), ["barack-obama"]);
  assert.equal(pressure.actors[0]!.count, 2);
});

test("actors: an honorific or profession, then a word that is not the actor's name, then the surname, is another person", () => {
  const professor = article("تقدم البروفيسورة سلوى العبادي محاضرة عن النحل، ويشرح المهندس كريم الأسد تصميم الجناح.");
  assert.deepEqual(actorIds(professor), []);
  const pm = article("قال رئيس الوزراء العراقي حيدر العبادي إن الإصلاحات مستمرة، وأيد السيد العبادي خطة الوزارة.");
  assert.deepEqual(actorIds(pm), ["haider-al-abadi"]);
  assert.equal(pm.actors[0]!.count, 2);
});

test("events: the Antalya G20 told in other words is the primary event, with its evidence", () => {
  const a = article(
    "افتتح الرئيس التركي رجب طيب أردوغان أعمال قمة العشرين في منتجع أنطاليا، بحضور قادة الاقتصادات الكبرى. " +
      "وعلى هامش القمة التقى الرئيس الأمريكي باراك أوباما نظيره الروسي فلاديمير بوتين لبحث الأزمة السورية.",
  );
  assert.equal(primary(a), "g20-antalya-2015");
  const ev = a.events[0]!;
  assert.ok(ev.evidence.some((e) => e.kind === "phrase" && e.text === "قمة العشرين"));
  assert.ok(ev.evidence.some((e) => e.kind === "place" && e.text === "أنطاليا"));
  assert.ok(ev.score >= 7);
});

test("events: another G20 summit is not the Antalya summit", () => {
  const brisbane = article(
    "اختتمت في مدينة بريسبان الأسترالية قمة مجموعة العشرين يوم 16 نوفمبر 2014، وتعهد القادة برفع النمو العالمي. " +
      "وغادر الرئيس الروسي فلاديمير بوتين القمة مبكراً بعد انتقادات غربية لموقفه من أوكرانيا.",
  );
  assert.equal(primary(brisbane), null);
  assert.deepEqual(mentioned(brisbane), []);
  const hangzhou = article("استضافت مدينة هانغتشو الصينية قمة مجموعة العشرين في سبتمبر، وحضرها باراك أوباما وفلاديمير بوتين ورجب طيب أردوغان. وقال الرئيس الصيني إن بلاده ستفتح أسواقها.");
  assert.equal(primary(hangzhou), null);
  assert.deepEqual(mentioned(hangzhou), []);
});

test("events: the Paris climate conference and the Paris attacks are not the Paris conference on Iraq", () => {
  const climate = article(
    "بدأت في باريس أعمال مؤتمر المناخ بمشاركة 150 رئيس دولة، ويسعى المفاوضون إلى اتفاق يحد من الاحتباس الحراري. " +
      "وقال وزير الخارجية الفرنسي لوران فابيوس إن مؤتمر باريس فرصة أخيرة للتوصل إلى اتفاق.",
  );
  assert.equal(primary(climate), null);
  assert.deepEqual(mentioned(climate), []);
  const attacks = article("قتل العشرات في هجمات باريس مساء الجمعة، وأعلن الرئيس فرانسوا هولاند حالة الطوارئ في أنحاء فرنسا. ودان وزير الخارجية الأميركي جون كيري الاعتداءات.");
  assert.equal(primary(attacks), null);
  assert.deepEqual(mentioned(attacks), []);
});

test("events: a word is not an event — London or Paris alone never make one", () => {
  const support = article("حصل الرئيس الفرنسي على دعم قوي من لندن في حملته ضد تنظيم داعش، وذلك بعد أيام من الاعتداءات.");
  assert.deepEqual(support.events, []);
  const politics = article("ناقش مجلس العموم في لندن ميزانية الحكومة، ودافع رئيس الوزراء ديفيد كاميرون عن خفض الإنفاق أمام نواب حزب العمال.");
  assert.deepEqual(politics.events, []);
  const summit = article("عقدت قمة عربية طارئة في القاهرة لبحث الأوضاع في المنطقة، وصدر عنها بيان ختامي.");
  assert.deepEqual(summit.events, []);
});

test("events: the London coalition meeting told with its participants", () => {
  const a = article(
    "استضاف وزير الخارجية البريطاني فيليب هاموند اجتماع وزراء خارجية دول التحالف الدولي ضد داعش في لندن، " +
      "بمشاركة وزير الخارجية الأمريكي جون كيري ورئيس الوزراء العراقي حيدر العبادي، وبحث المجتمعون وقف تدفق المقاتلين الأجانب.",
  );
  assert.equal(primary(a), "london-coalition-2015");
});

test("events: a passing mention is 'mentioned', not the subject", () => {
  const a = article(
    "يزور الرئيس الفرنسي موسكو الأسبوع المقبل لبحث التنسيق العسكري في سوريا مع نظيره الروسي، في أول زيارة له منذ سنوات، " +
      "ويرافقه وزيرا الخارجية والدفاع ووفد من رجال الأعمال. وتقول مصادر دبلوماسية إن الزيارة ستتناول تبادل المعلومات الاستخباراتية " +
      "وتنسيق الضربات الجوية، إضافة إلى ملف اللاجئين والعقوبات المفروضة على روسيا منذ ضم شبه جزيرة القرم. " +
      "وكان الرئيسان قد تحادثا في أنطاليا على هامش قمة مجموعة العشرين الشهر الماضي دون التوصل إلى اتفاق.",
  );
  assert.equal(primary(a), null);
  assert.deepEqual(mentioned(a), ["g20-antalya-2015"]);
  // The same sentence without the place: some G20 summit, not shown to be Antalya's.
  assert.deepEqual(mentioned(article("وكان الرئيسان قد تحادثا على هامش قمة مجموعة العشرين الشهر الماضي دون التوصل إلى اتفاق.")), []);
});

test("events: a date far from the event removes it", () => {
  const a = article("في 10 أكتوبر 2019 عقد مؤتمر باريس حول العراق دورته الجديدة لبحث إعادة الإعمار بحضور وزراء المنطقة.");
  assert.notEqual(primary(a), "paris-conference-2014");
});

test("front matter events and actors override; unknown ids are warned about", () => {
  const a = article("نص قصير عن اجتماع عادي لا يذكر حدثاً.", { events: ["london-coalition-2015", "no-such-event"], actors: ["john-kerry", "nobody"] });
  assert.deepEqual(a.events.map((e) => [e.id, e.role]), [["london-coalition-2015", "primary"]]);
  assert.deepEqual(actorIds(a), ["john-kerry"]);
  assert.ok(a.warnings.some((w) => w.includes('"no-such-event"')));
  assert.ok(a.warnings.some((w) => w.includes('"nobody"')));
});

test("matcher: a word written in the accusative with its tanween alef matches the registry word, at the start of a phrase and after it", async () => {
  const { registry } = await import("./helpers.ts");
  const { compileMatcher, findMatches } = await import("../src/tag/index.ts");
  const { tokenize } = await import("../src/text/index.ts");
  const ev = registry.events[0]!;
  const m = compileMatcher({ ...registry, events: [{ ...ev, phrases: [...ev.phrases, { text: "مؤتمر دولي", weight: 1, own: false }] }] });
  const keys = (s: string) => findMatches(s, tokenize(s), m).filter((x) => x.key === "مؤتمر دولي").map((x) => x.text);
  assert.deepEqual(keys("عقدت فرنسا مؤتمرا دوليا حول العراق، ثم مؤتمرا دوليًا آخر"), ["مؤتمرا دوليا", "مؤتمرا دوليًا"]);
  assert.deepEqual(keys("وحضر المؤتمر الدولي مؤتمر دولي واحد"), ["مؤتمر دولي"]);
  // A doubled alef, the dual and a longer word are other words.
  assert.deepEqual(keys("مؤتمر دولياا، مؤتمران دوليان، مؤتمر دوليات"), []);
});
