// The same wire story printed by several papers is one story: found by shingles and MinHash with
// locality-sensitive hashing (src/archive/wire.ts), named on each copy's page, listed once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildArchive, inMemory } from "../src/archive/index.ts";
import { similarity, wireGroups, wirePrint, wireSignature } from "../src/archive/wire.ts";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { article, registry } from "./helpers.ts";
import { build } from "./support/site.ts";

// One agency dispatch, as three papers printed it: each with its own headline, one a word changed here and
// there, one without the last sentence.
const dispatch = [
  "استقبلت وزارة الصحة أمس وفدا من منظمة الصحة العالمية لبحث خطة مكافحة الأمراض المعدية في المناطق الحدودية، وتبادل الجانبان الخبرات في مجال الرصد الوبائي والتطعيم.",
  "وأوضح وكيل الوزارة للصحة العامة أن الخطة تشمل إنشاء عشرة مختبرات ميدانية وتدريب خمسمائة من العاملين الصحيين خلال العام المقبل، إضافة إلى حملة توعية في المدارس والمساجد.",
  "وأشار إلى أن الوزارة خصصت مبلغ ثلاثمائة مليون ريال للخطة، وأن المرحلة الأولى تبدأ مطلع الشهر المقبل في منطقتي جازان ونجران.",
  "من جهته أشاد ممثل المنظمة بما حققته المملكة في مجال الوقاية، مؤكدا استعداد المنظمة لتقديم الدعم الفني اللازم.",
];
const edited = [
  dispatch[0]!.replace("أمس", "يوم أمس"),
  dispatch[1]!.replace("العام المقبل", "العام القادم"),
  dispatch[2]!,
  dispatch[3]!.replace("أشاد", "أثنى"),
];
// Another story on the same topic: the same ministry and disease control, other words.
const other = [
  "أطلقت وزارة الصحة حملة وطنية للتطعيم ضد الحصبة تستهدف مليون طفل في جميع مناطق المملكة، وتستمر ثلاثة أسابيع في المراكز الصحية والمدارس.",
  "وقال المتحدث باسم الوزارة إن فرقا متنقلة ستزور القرى والهجر البعيدة، داعيا الأسر إلى مراجعة أقرب مركز صحي للتأكد من اكتمال جرعات أطفالهم.",
  "وأضاف أن الحملة تأتي بعد تسجيل حالات متفرقة في عدد من الدول المجاورة، وأن الوزارة رفعت درجة الاستعداد في المنافذ الحدودية.",
];

const md = (paper: string, title: string, date: string, paragraphs: string[]) =>
  article(paragraphs.join("\n\n"), { title, date, source: paper }, "md");

test("three papers' copies of one dispatch are one group; a story on the same topic is not in it", () => {
  const sigs = [dispatch, edited, dispatch.slice(0, 3), other].map(wireSignature);
  assert.ok(sigs.every((s) => s && s.length === 64));
  assert.ok(similarity(sigs[0]!, sigs[1]!) >= 0.5, "small edits");
  assert.ok(similarity(sigs[0]!, sigs[2]!) >= 0.5, "the last sentence cut");
  assert.ok(similarity(sigs[0]!, sigs[3]!) < 0.2, "another story on the topic");
  const prints = [dispatch, edited, dispatch.slice(0, 3), other].map(wirePrint);
  const dates = ["2015-07-21", "2015-07-22", "2015-07-21", "2015-07-21"];
  assert.deepEqual(wireGroups(prints.map((print, i) => ({ print, date: dates[i]! }))), [[0, 1, 2]]);
  // The same text a month apart is not one dispatch (a template a paper reuses).
  assert.deepEqual(wireGroups([{ print: prints[0]!, date: "2015-07-01" }, { print: prints[1]!, date: "2015-08-01" }]), []);
  // Nor the same words with other figures: today's count of strikes is not yesterday's.
  const strikes = (n: number, m: number) => wirePrint([`نفذت قوات التحالف الدولي ${n} غارة جوية ضد مواقع التنظيم في العراق وسوريا خلال الساعات الأربع والعشرين الماضية، واستهدفت ${m} موقعا للتنظيم قرب الموصل والرقة بحسب بيان قيادة العمليات المشتركة.`]);
  assert.ok(similarity(strikes(23, 9)!.signature, strikes(41, 12)!.signature) >= 0.5, "alike");
  assert.deepEqual(wireGroups([{ print: strikes(23, 9), date: "2015-07-21" }, { print: strikes(41, 12), date: "2015-07-22" }]), []);
  assert.deepEqual(wireGroups([{ print: strikes(23, 9), date: "2015-07-21" }, { print: strikes(23, 9), date: "2015-07-21" }]), [[0, 1]]);
  // Too short to tell from a stock phrase: no signature, never grouped.
  assert.equal(wireSignature(["قال الوزير إن الخطة جاهزة."]), null);
});

test("among 2,000 other stories only the copies are grouped", () => {
  // Stories of 30 words drawn from 400 (a fixed generator): they share words and a few shingles, never a story.
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const vocabulary = Array.from({ length: 400 }, (_, i) => `كلمة${i}`);
  const items = Array.from({ length: 2000 }, () => ({
    print: wirePrint([Array.from({ length: 30 }, () => vocabulary[next() % vocabulary.length]).join(" ")]),
    date: "2015-07-21",
  }));
  items.push({ print: wirePrint(dispatch), date: "2015-07-21" }, { print: wirePrint(edited), date: "2015-07-22" });
  assert.deepEqual(wireGroups(items), [[2000, 2001]]);
});

test("the archive: each copy's page names the other papers, lists show the story once, the report gives the group", () => {
  const arts = [
    md("alriyadh", "الصحة تبحث مع المنظمة مكافحة الأمراض المعدية", "2015-07-21", dispatch),
    md("okaz", "خطة لمكافحة الأمراض في المناطق الحدودية", "2015-07-22", edited),
    md("alyaum", "وفد أممي يبحث الرصد الوبائي", "2015-07-21", dispatch.slice(0, 3)),
    md("alriyadh", "حملة وطنية للتطعيم ضد الحصبة", "2015-07-21", other),
  ];
  const archive = buildArchive(arts, [], registry);
  assert.equal(archive.articles.length, 4, "every copy has its page");
  const listed = archive.articlePages.flatMap((p) => p.items);
  assert.equal(listed.length, 2, "the story once, and the other story");
  const story = listed.find((s) => s.alsoIn)!;
  assert.equal(story.title, "الصحة تبحث مع المنظمة مكافحة الأمراض المعدية", "the earliest copy, first in file order");
  assert.deepEqual(story.alsoIn, ["alyaum", "okaz"]);
  const okaz = archive.articles.find((a) => a.title === "خطة لمكافحة الأمراض في المناطق الحدودية")!;
  assert.deepEqual(archive.page(okaz).copies.map((c) => c.paper).sort(), ["alriyadh", "alyaum"]);
  assert.deepEqual(archive.page(archive.articles.find((a) => a.title === "حملة وطنية للتطعيم ضد الحصبة")!).copies, []);
  assert.deepEqual(archive.report.wireCopies.map((g) => g.articles.map((a) => a.paper)), [["alriyadh", "alyaum", "okaz"]]);
  assert.equal(archive.byDate.pages.flatMap((p) => p.items).length, 2, "the archive by date counts it once");
});

test("the built site: a copy's page names the other copies, the article list shows the story once and names only papers", () => {
  const work = mkdtempSync(path.join(tmpdir(), "wire-"));
  try {
    const seeds = path.join(work, "seeds");
    mkdirSync(seeds);
    const file = (name: string, paper: string, title: string, date: string, paragraphs: string[]) =>
      writeFileSync(path.join(seeds, name), `---\ntitle: ${title}\ndate: ${date}\n${paper ? `source: ${paper}\n` : ""}---\n\n${paragraphs.join("\n\n")}\n`);
    file("a-riyadh.md", "الرياض", "الصحة تبحث مع المنظمة مكافحة الأمراض المعدية", "2015-07-21", dispatch);
    file("b-okaz.md", "عكاظ", "خطة لمكافحة الأمراض في المناطق الحدودية", "2015-07-22", edited);
    file("c-other.md", "الرياض", "حملة وطنية للتطعيم ضد الحصبة", "2015-07-21", other);
    // A copy whose file does not name its paper: its page is linked by its headline, and the list counts it.
    file("d-unnamed.md", "", "وفد أممي يبحث الرصد الوبائي", "2015-07-22", dispatch.slice(0, 3));
    const out = path.join(work, "site");
    const r = build(["--seeds", seeds, "--out", out]);
    assert.equal(r.code, 0, r.err);
    const read = (...p: string[]) => readFileSync(path.join(out, ...p), "utf8");
    assert.match(read("articles", "b-okaz", "index.html"), /<dt>نسخ أخرى منه<\/dt><dd><a href="\/articles\/a-riyadh\/"><bdi>الرياض<\/bdi><\/a>، <a href="\/articles\/d-unnamed\/"><bdi>وفد أممي يبحث الرصد الوبائي<\/bdi><\/a><\/dd>/);
    const list = read("articles", "index.html");
    assert.equal((list.match(/<li>\s*<a href="\/articles\/[a-z0-9-]+\/">/g) ?? []).length, 2, "the story once, and the other story");
    assert.match(list, /نُشر أيضاً في <bdi>عكاظ<\/bdi> · منه في الأرشيف نسخة واحدة غير هذه<\/span>/, "the paper named, the copy without one counted, never its headline");
    assert.doesNotMatch(list, /<bdi>وفد أممي/);
    const report = JSON.parse(read("api", "report.json"));
    assert.deepEqual(report.wireCopies.map((g: { articles: { paper: string }[] }) => g.articles.map((a) => a.paper)), [["الرياض", "عكاظ", null]]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("the dev server's next archive: when another copy becomes the earliest, the one lists show changes, in every list", () => {
  const copy = (paper: string, date: string, paragraphs: string[]) =>
    inMemory({ ...article(paragraphs.join("\n\n"), { title: `الصحة والمنظمة في ${paper}`, date, source: paper, tags: ["الصحة"] }, "md"), source: `${paper}.md` });
  const riyadh = copy("alriyadh", "2015-07-21", dispatch);
  const okaz = copy("okaz", "2015-07-22", edited);
  const first = buildArchive([riyadh, okaz], [], registry);
  assert.deepEqual(first.tagPages[0]!.list.items.map((s) => [s.slug, s.alsoIn ?? []]), [["okaz", []], ["alriyadh", ["okaz"]]]);
  // Okaz's copy redated to the day before: it is now the one lists show; al-Riyadh's file is unchanged.
  const earlier = copy("okaz", "2015-07-20", edited);
  const again = buildArchive([riyadh, earlier], [], registry, { previous: first });
  const fresh = buildArchive([riyadh, earlier].map((x) => inMemory(x.load())), [], registry);
  const shown = (a: typeof first) => a.tagPages[0]!.list.items.map((s) => [s.slug, s.alsoIn ?? []]);
  assert.deepEqual(shown(again), [["alriyadh", []], ["okaz", ["alriyadh"]]]);
  assert.deepEqual(shown(again), shown(fresh));
});
