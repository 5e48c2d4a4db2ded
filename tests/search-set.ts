// The search's query set: short articles written for it, and queries with the articles each must find and
// must not find. tests/search.test.ts checks every query; `npm run eval -- --search` prints precision and
// recall per query (evaluateSearch below).
import { article, registry } from "./helpers.ts";
import { buildArchive } from "../src/archive/index.ts";
import { INDEX_DIR, searchRecords } from "../src/archive/search.ts";
import { foldTableForBrowser } from "../src/text/index.ts";
import type { Archive } from "../src/model.ts";
import * as core from "../public/js/search-core.js";

/** [slug, headline and text] — each article a case the rules must tell apart from another. */
export const SET_ARTICLES: [slug: string, body: string][] = [
  ["kerry", "كيري يلتقي لافروف في فيينا\n\nالتقى وزير الخارجية الأمريكي جون كيري نظيره الروسي سيرغي لافروف في فيينا لبحث الأزمة السورية. وقال كيري إن المحادثات كانت صريحة، وأضاف أن بلاده تدعم جهود مجلس الأمن الدولي."],
  ["sees", "المحلل يرى أن الحرب ستطول\n\nيرى المحلل السياسي أن الحرب في سوريا ستطول، ويرى آخرون أن الحل قريب رغم الأزمة. ولم يتحدث المقال عن أي مسؤول."],
  ["putin", "بوتين يستقبل ضيوفه في موسكو\n\nاستقبل الرئيس الروسي فلاديمير بوتين عددا من القادة في موسكو. وقال بوتين إن بلاده مستعدة للتعاون مع الغرب في ملفات كثيرة."],
  ["artery", "الوتين شريان في القلب\n\nشرح الطبيب أن الوتين شريان رئيسي يخرج من القلب، وأن وتين المريض كان سليما بعد الفحص الدقيق."],
  ["refugees-new", "لاجئين جدد يصلون إلى جزيرة يونانية\n\nوصل آلاف لاجئين من سوريا إلى جزيرة يونانية صغيرة هذا الأسبوع، وقالت السلطات إن القوارب لا تتوقف."],
  ["refugees-europe", "أزمة اللاجئين في أوروبا\n\nناقش وزراء الاتحاد الأوروبي أزمة اللاجئين في اجتماع طويل، وقدموا مساعدات للاجئين في المخيمات على الحدود."],
  ["keir", "كير ستارمر يزور المدينة القديمة\n\nزار السياسي البريطاني كير ستارمر المدينة القديمة، وتحدث كير مع السكان عن الإسكان والنقل."],
  ["london", "مؤتمر للمانحين في لندن\n\nعقد في لندن مؤتمر للمانحين، وقال المنظمون إن لندن ستستضيف الاجتماع المقبل أيضا. وانتقل الوفد بعدها إلى باريس."],
  ["fabius", "فابيوس يدعو إلى حل سياسي\n\nدعا وزير الخارجية الفرنسي لوران فابيوس إلى حل سياسي للأزمة، وقال فابيوس في باريس إن فرنسا لن تتخلى عن حلفائها."],
  ["ban", "بان كي مون يحذر من المجاعة\n\nحذر الأمين العام للأمم المتحدة بان كي مون من مجاعة وشيكة، وقال إن المنظمة تحتاج إلى تمويل عاجل."],
  ["newborn", "ولد الطفل في المخيم\n\nولد طفل جديد في مخيم على الحدود ليلة أمس، وقالت أمه إن الولادة كانت صعبة وإن الأطباء ساعدوها."],
  ["council", "اجتماع طارئ لمجلس الأمن\n\nدعت فرنسا إلى اجتماع طارئ لمجلس الأمن بشأن سوريا، ورحب المجلس بالمقترح بعد نقاش قصير."],
  ["city-council", "خطة جديدة في مجلس المدينة\n\nناقش مجلس المدينة خطة جديدة لتعزيز الأمن في الأسواق، وصوت الأعضاء عليها بالإجماع."],
  ["obama", "أوباما في قمة العشرين\n\nدعا الرئيس الأمريكي باراك أوباما الحلفاء في قمة مجموعة العشرين في أنطاليا إلى تكثيف الغارات على تنظيم داعـــش. وقال أوباما إن القمة ناقشت ملف اللاجئين."],
  ["visit", "وفد برلماني يزور العاصمة\n\nوصل الوفد البرلماني إلى العاصمة صباح اليوم، والرئيس الفرنسي فرانسوا هولاند في استقباله. ثم عقد لقاء موسع للرئيس مع أعضاء الوفد."],
  ["netherlands", "هولندا تفتح حدودها أمام العمال\n\nأعلنت هولندا أنها ستفتح حدودها أمام العمال، وقال وزير في أمستردام إن القرار مؤقت."],
  ["speech", "كلمة للرئيس في البرلمان\n\nألقى رئيس الوزراء كلمة أمام البرلمان، وللرئيس المنتخب كلمة أخرى في المساء ينتظرها الناس."],
  ["weather", "أمطار غزيرة على المدينة\n\nهطلت أمطار غزيرة على المدينة صباح اليوم وتسببت في إغلاق الطرق لساعات."],
];

export interface SetQuery {
  query: string;
  /** What the query is about, for the printout. */
  case: string;
  find: string[];
  /** Articles a careless rule would find; must not be among the results. */
  not: string[];
}

export const SET_QUERIES: SetQuery[] = [
  { case: "name, ى for ي", query: "كيرى", find: ["kerry"], not: ["sees", "keir"] },
  { case: "name", query: "كيري", find: ["kerry"], not: ["sees", "keir"] },
  { case: "name with و", query: "وكيري", find: ["kerry"], not: ["sees"] },
  { case: "name, two words", query: "جون كيري", find: ["kerry"], not: ["sees", "keir"] },
  { case: "particle letter: كير", query: "كير", find: ["keir"], not: ["kerry"] },
  { case: "ordinary word inside a name", query: "يرى", find: ["sees"], not: ["kerry"] },
  { case: "name starting with ب", query: "بوتين", find: ["putin"], not: ["artery"] },
  { case: "registry variant absent from the texts", query: "بوتن", find: ["putin"], not: ["artery"] },
  { case: "full name", query: "فلاديمير بوتين", find: ["putin"], not: ["artery"] },
  { case: "word a particle rule would make of a name", query: "وتين", find: ["artery"], not: ["putin"] },
  { case: "definite form", query: "الوتين", find: ["artery"], not: ["putin"] },
  { case: "indefinite finds definite", query: "لاجئين", find: ["refugees-new", "refugees-europe", "obama"], not: [] },
  { case: "definite finds indefinite", query: "اللاجئين", find: ["refugees-new", "refugees-europe", "obama"], not: [] },
  { case: "لل + noun", query: "للاجئين", find: ["refugees-new", "refugees-europe", "obama"], not: [] },
  { case: "particle letter: لندن", query: "لندن", find: ["london"], not: [] },
  { case: "ب + name not in the texts", query: "بلندن", find: ["london"], not: [] },
  { case: "particle letter: فابيوس", query: "فابيوس", find: ["fabius"], not: [] },
  { case: "ل + name not in the texts", query: "لفابيوس", find: ["fabius"], not: [] },
  { case: "particle letter: بان", query: "بان", find: ["ban"], not: ["sees", "kerry", "london"] },
  { case: "name of three words", query: "بان كي مون", find: ["ban"], not: ["sees"] },
  { case: "particle letter: ولد", query: "ولد", find: ["newborn"], not: [] },
  { case: "quoted phrase", query: "\"مجلس الأمن\"", find: ["kerry", "council"], not: ["city-council"] },
  { case: "phrase in « »", query: "«مجلس الأمن»", find: ["kerry", "council"], not: ["city-council"] },
  { case: "words, each required", query: "مجلس الأمن", find: ["kerry", "council", "city-council"], not: ["weather"] },
  { case: "phrase, particle on its first word", query: "\"لمجلس الأمن\"", find: ["council", "kerry"], not: ["city-council"] },
  { case: "phrase of two common words", query: "\"وزير الخارجية\"", find: ["kerry", "fabius"], not: ["netherlands"] },
  { case: "phrase of a registry name", query: "\"باراك أوباما\"", find: ["obama"], not: [] },
  { case: "hamza on alef", query: "اوباما", find: ["obama"], not: [] },
  { case: "diacritics and tatweel", query: "أُوبَامـــا", find: ["obama"], not: [] },
  { case: "tatweel in the text", query: "داعش", find: ["obama"], not: [] },
  { case: "definite noun", query: "الرئيس", find: ["putin", "obama", "visit", "speech"], not: ["weather"] },
  { case: "و + ال", query: "والرئيس", find: ["putin", "obama", "visit", "speech"], not: ["weather"] },
  { case: "لل + ال, a word that takes و itself (وللرئيس)", query: "للرئيس", find: ["putin", "obama", "visit", "speech"], not: ["weather"] },
  { case: "indefinite of a definite noun", query: "رئيس", find: ["putin", "obama", "visit", "speech"], not: [] },
  { case: "ة for ه, definite", query: "الأزمه", find: ["kerry", "sees", "refugees-europe", "fabius"], not: ["putin"] },
  { case: "indefinite noun", query: "أزمة", find: ["kerry", "sees", "refugees-europe", "fabius"], not: ["putin"] },
  { case: "common noun", query: "المدينة", find: ["keir", "city-council", "weather"], not: ["london"] },
  { case: "name, not the country", query: "هولاند", find: ["visit"], not: ["netherlands"] },
  { case: "country, not the name", query: "هولندا", find: ["netherlands"], not: ["visit"] },
  { case: "two words anywhere", query: "باريس فابيوس", find: ["fabius"], not: ["london"] },
  { case: "country", query: "سوريا", find: ["sees", "refugees-new", "council"], not: ["kerry"] },
  { case: "zero: unknown word", query: "زلزال", find: [], not: ["weather"] },
  { case: "zero: unknown city", query: "طوكيو", find: [], not: [] },
  { case: "zero: one word missing", query: "كيري طوكيو", find: [], not: ["kerry"] },
  { case: "zero: phrase in the wrong order", query: "\"الأمن مجلس\"", find: [], not: ["kerry", "council", "city-council"] },
];

/** The archive of SET_ARTICLES, its index files by path, and a search over them as the page runs it. */
export function setArchive(): { archive: Archive; files: Map<string, string | Uint8Array>; search: ReturnType<typeof core.createSearch>; table: Record<string, string> } {
  const articles = SET_ARTICLES.map(([slug, body]) => ({ ...article(body), source: `${slug}.txt` }));
  const archive = buildArchive(articles, [], registry, { base: "/" });
  const files = new Map([...searchRecords(archive)].map((f) => [f.path, f.content]));
  const table = foldTableForBrowser();
  const search = core.createSearch({
    table,
    load: async (name: string) => {
      const content = files.get(`${INDEX_DIR}/${name}`);
      if (content === undefined) throw new Error(`no index file ${name}`);
      return core.readIndexFile(content);
    },
  });
  return { archive, files, search, table };
}

export interface QueryScore {
  q: SetQuery;
  found: string[];
  precision: number;
  recall: number;
  /** Articles of `not` that were found. */
  wrong: string[];
}

/** Each query of SET_QUERIES run over the set's archive, with precision and recall. */
export async function evaluateSearch(): Promise<{ scores: QueryScore[]; precision: number; recall: number }> {
  const { archive, search } = setArchive();
  const scores: QueryScore[] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const q of SET_QUERIES) {
    const r = await search.search(q.query);
    const found = (r.results as number[]).map((d) => archive.articles[d]!.slug);
    const hit = found.filter((s) => q.find.includes(s)).length;
    tp += hit;
    fp += found.length - hit;
    fn += q.find.length - hit;
    scores.push({
      q,
      found,
      precision: found.length ? hit / found.length : q.find.length ? 0 : 1,
      recall: q.find.length ? hit / q.find.length : 1,
      wrong: q.not.filter((s) => found.includes(s)),
    });
  }
  return { scores, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1 };
}
