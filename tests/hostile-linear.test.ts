// Hostile shapes that once cost quadratic time from one file or one folder: a paragraph full of written
// dates (each date's offset was found by walking the paragraph from its start again), and many files
// with the same slug (each collision counted up from -2 again). The work is counted at two sizes, never
// timed: twice the input must cost about twice the steps.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileExtractRules, findDates } from "../src/extract/index.ts";
import { offsetWalk, originalOffset, originalOffsets, fold } from "../src/text/index.ts";
import { buildArchive, slugClaimer } from "../src/archive/index.ts";
import { article, registry } from "./helpers.ts";

const rules = compileExtractRules(registry);

/** A paragraph of `n` written dates among words, with marks and tatweel so folding shifts offsets. */
function dated(n: number): string {
  const months = ["يناير", "فبراير", "مارس", "أبريل", "تشرين الثاني", "كانون الأوّل"];
  return Array.from({ length: n }, (_, i) => `اجتمعَ الوزراءُ في ${(i % 28) + 1} ${months[i % months.length]} ${2000 + (i % 20)} ثم في ${2010 + (i % 9)}/0${(i % 9) + 1}/1${i % 9} بحضـــور الوفود`).join("، ");
}

/** Steps of the offset walk taken by `run`. */
function steps(run: () => void): number {
  const before = offsetWalk.steps;
  run();
  return offsetWalk.steps - before;
}

test("a paragraph full of dates: every date found, its words as written, in one walk of the paragraph", () => {
  const text = dated(3);
  const found = findDates(text, rules);
  assert.deepEqual(found.map((d) => d.iso), ["2000-01-01", "2010-01-10", "2001-02-02", "2011-02-11", "2002-03-03", "2012-03-12"]);
  assert.equal(found[1]!.text, "2010/01/10");
  assert.equal(found[2]!.text, "2 فبراير 2001");
  const small = dated(500);
  const large = dated(1000);
  assert.equal(findDates(small, rules).length, 1000);
  assert.equal(findDates(large, rules).length, 2000);
  const a = steps(() => findDates(small, rules));
  const b = steps(() => findDates(large, rules));
  // One walk: the steps are the paragraph's length (at most), whatever the number of dates.
  assert.ok(a <= small.length && b <= large.length, `${a} steps for ${small.length} characters, ${b} for ${large.length}`);
  assert.ok(b / a < 2.3, `twice the dates cost ${(b / a).toFixed(2)} times the work`);
});

test("the whole text stages on a file of one long dated paragraph grow linearly", () => {
  const a = steps(() => article(dated(400)));
  const b = steps(() => article(dated(800)));
  assert.ok(b / a < 2.3, `twice the dates cost ${(b / a).toFixed(2)} times the work (${a} → ${b} steps)`);
});

test("originalOffsets agrees with originalOffset for every offset, in any order", () => {
  const s = "قالَ الرئيـــسُ ٢٠١٥ 😀 إن";
  const ks = Array.from({ length: fold(s).length + 1 }, (_, k) => k);
  const one = ks.map((k) => originalOffset(s, k));
  assert.deepEqual(originalOffsets(s, ks), one);
  assert.deepEqual(originalOffsets(s, [...ks].reverse()), [...one].reverse());
  assert.equal(s.slice(one[0], one[3]), "قالَ");
});

/** A Set that counts the look-ups made in it. */
class CountingSet extends Set<string> {
  lookups = 0;
  override has(v: string): boolean {
    this.lookups++;
    return super.has(v);
  }
}

test("many files with the same slug: slug, slug-2, slug-3 … in as many steps as files", () => {
  const work = (n: number) => {
    const used = new CountingSet();
    const claim = slugClaimer(used);
    const got = Array.from({ length: n }, (_, i) => claim(i % 3 === 2 ? "other" : "article"));
    return { got, lookups: used.lookups };
  };
  const small = work(3000);
  const large = work(6000);
  assert.deepEqual(small.got.slice(0, 7), ["article", "article-2", "other", "article-3", "article-4", "other-2", "article-5"]);
  assert.equal(new Set(large.got).size, 6000);
  assert.ok(large.lookups / small.lookups < 2.3, `${small.lookups} → ${large.lookups} look-ups`);
  // A taken suffix is stepped over: "article-2" written by a file of that name.
  const claim = slugClaimer();
  assert.deepEqual(["article", "article-2", "article", "article"].map(claim), ["article", "article-2", "article-3", "article-4"]);
});

test("the archive gives files named article.txt in many folders the slugs article, article-2 …", () => {
  const registryLess = registry;
  const arts = Array.from({ length: 5 }, (_, i) => ({ ...article(`عقد وزراء الزراعة العرب اجتماعا رقم ${["أول", "ثان", "ثالث", "رابع", "خامس"][i]} في العاصمة لبحث أمن الغذاء في المنطقة وتخزين الحبوب.`), source: `d${i}/article.txt` }));
  const archive = buildArchive(arts, [], registryLess);
  const slugs = archive.articles.map((a) => a.slug).sort();
  assert.deepEqual(slugs, ["article", "article-2", "article-3", "article-4", "article-5"]);
});
