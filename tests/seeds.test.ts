// The five seed articles through the whole pipeline: the table of the archive issue.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { runPipeline } from "../src/pipeline.ts";
import type { Archive, ArticleView } from "../src/model.ts";

let archive: Archive;
const bySeed = (n: string): ArticleView => archive.page(archive.articles.find((a) => a.source.startsWith(n))!);

before(async () => {
  archive = (await runPipeline({ seeds: path.join(import.meta.dirname, "..", "seeds") })).archive;
});

const table: [string, string | null, string[], string[]][] = [
  ["000", "g20-antalya-2015", [], ["barack-obama", "recep-tayyip-erdogan", "francois-hollande", "vladimir-putin", "salman-bin-abdulaziz", "ben-rhodes", "ban-ki-moon", "michel-sapin", "islamic-state"]],
  ["001", "g20-antalya-2015", [], ["barack-obama", "vladimir-putin", "yuri-ushakov", "jean-yves-le-drian", "ashton-carter", "peter-cook", "ben-rhodes", "david-cameron", "bashar-al-assad", "islamic-state"]],
  ["002", "london-coalition-2015", [], ["farah-dakhlallah", "philip-hammond", "john-kerry", "haider-al-abadi", "laurent-fabius", "islamic-state"]],
  ["003", "paris-conference-2014", [], ["sergey-lavrov", "francois-hollande", "fuad-masum", "john-kerry", "laurent-fabius", "islamic-state"]],
  // 004 says «على هامش قمة مجموعة العشرين» with no place and no date: some G20 summit, not shown to be Antalya's.
  ["004", null, [], ["francois-hollande", "vladimir-putin", "barack-obama", "bashar-al-assad", "william-taylor", "islamic-state"]],
];

for (const [seed, primary, also, actors] of table) {
  test(`seed ${seed}: primary ${primary ?? "none"}, mentions ${also.join(", ") || "nothing else"}, names its actors`, () => {
    const a = bySeed(seed);
    assert.equal(a.events.find((e) => e.role === "primary")?.id ?? null, primary);
    assert.deepEqual(a.events.filter((e) => e.role === "mentioned").map((e) => e.id), also);
    const ids = a.actors.map((x) => x.id);
    for (const id of actors) assert.ok(ids.includes(id), `${seed} should name ${id}; found ${ids.join(", ")}`);
    for (const e of a.events) assert.ok(e.evidence.length > 0 && e.evidence.every((x) => x.text && x.weight !== 0), "every tag carries its evidence");
  });
}

test("dates: 001 is 2015-11-15 from its text; 003 is not the page-header 2017; no event dates an article", () => {
  assert.equal(bySeed("001").date?.iso, "2015-11-15");
  assert.equal(bySeed("003").date, null);
  assert.equal(bySeed("000").date, null);
  assert.equal(bySeed("004").date, null);
});

test("titles: headline for 003 and 004, opening sentence otherwise", () => {
  assert.equal(bySeed("003").title, "مؤتمر باريس: روسيا تعتزم مكافحة الإرهاب بدعم عسكري للعراق وسوريا");
  assert.equal(bySeed("004").title, "باريس تحرك قنواتها الدبلوماسية لمواجهة داعش بالقوة");
  assert.equal(bySeed("001").titleFrom, "opening-sentence");
  assert.ok(bySeed("001").title.startsWith("جمعت قمة مجموعة العشرين في أنطاليا"));
  assert.ok(bySeed("001").title.length <= 91);
});

test("byline and dateline are fields; furniture is gone; wrapped lines are joined", () => {
  const s4 = bySeed("004");
  assert.equal(s4.byline, "Aissa Boukanoun");
  const body4 = s4.paragraphs.map((p) => p.map((r) => r.text).join("")).join("\n");
  for (const junk of ["شارك هذا المقال", "Copy to clipboard", "اعلان", "مواضيع إضافية", "غارات روسية على إدلب", "بقلم"]) assert.ok(!body4.includes(junk), junk);
  assert.ok(body4.includes("التحويلات المالية. فإن"), "a space after the full stop");
  assert.equal(body4.split("حصل الرئيس الفرنسي فرنسوا هولاند").length, 2, "the teaser is not printed twice");
  const s3 = bySeed("003");
  assert.equal(s3.dateline, "باريس ـ (الوطن) ـ وكالات");
  const body3 = s3.paragraphs.map((p) => p.map((r) => r.text).join("")).join("\n");
  for (const junk of ["الرئيسية /", "2017", "إلى الأعلى", "مؤتمر باريس: روسيا"]) assert.ok(!body3.includes(junk), junk);
  const body0 = bySeed("000").paragraphs.map((p) => p.map((r) => r.text).join(""));
  assert.ok(body0.some((p) => p.includes("بجنوب تركيا.")), "seed 000's hard-wrapped sentence is joined");
  assert.ok(!body0.includes("تركيا."));
});
