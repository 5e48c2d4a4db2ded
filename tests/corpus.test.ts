// The rules checked on real newspaper text nobody here wrote (../shared/corpus/saudinewsnet, 2,642 articles
// of 14 Saudi papers, July–August 2015): rates over the whole corpus, not single sentences.
import { test } from "node:test";
import assert from "node:assert/strict";
import { corpusArticles, corpusMissing } from "./support/corpus-articles.ts";
import { buildArchive } from "../src/archive/index.ts";
import { registry } from "./helpers.ts";

const skip = corpusMissing();

test("corpus: at least 95% of the .txt pages are dated from their own header, within a day of their crawl date", { skip }, () => {
  const txt = corpusArticles().filter((c) => c.seed.format === "txt");
  assert.ok(txt.length > 800, `${txt.length} .txt files`);
  const wrong: string[] = [];
  let right = 0;
  for (const c of txt) {
    const crawl = c.manifest.date_extracted.slice(0, 10);
    const d = c.article.date;
    if (d && Math.abs(Date.parse(d.iso) - Date.parse(crawl)) <= 86_400_000) right++;
    else wrong.push(`${c.file}: ${d ? `${d.iso} from "${d.from}"` : "undated"}, crawled ${crawl}`);
  }
  assert.ok(right / txt.length >= 0.95, `${right}/${txt.length} right:\n${wrong.slice(0, 30).join("\n")}`);
  // The site's timeline: every dated article of the corpus (.txt and .md) is of 2015.
  const years = new Set(corpusArticles().flatMap((c) => (c.article.date ? [c.article.date.iso.slice(0, 4)] : [])));
  assert.deepEqual([...years], ["2015"]);
});

test("corpus: no article is about a registry event (none of its period is), and no shared word makes a mention", { skip }, () => {
  const tagged = corpusArticles().flatMap((c) => c.article.events.map((e) => `${c.file}: ${e.role} ${e.id} (${e.evidence.map((x) => x.text).join("، ")})`));
  assert.deepEqual(tagged.filter((t) => t.includes(" primary ")), []);
  assert.deepEqual(tagged, [], "every mention on the corpus so far was a shared word");
});

test("corpus: a page's credit line is a field, not body text, and no furniture ends a last line", { skip }, () => {
  const all = corpusArticles();
  const txt = all.filter((c) => c.seed.format === "txt");
  // The first line under the date line (line 2) of a scraped page, when short and not a sentence, is its credit.
  let credits = 0;
  const inBody: string[] = [];
  for (const c of txt) {
    const line = c.seed.body.split("\n").slice(2).map((l) => l.trim()).find(Boolean) ?? "";
    if (!line || /[.!?؟…]["»”]?$/u.test(line) || line.split(/\s+/).length > 5 || !/[:\-–ـ]/u.test(line)) continue;
    credits++;
    if (c.article.paragraphs.includes(line)) inBody.push(`${c.file}: ${line}`);
  }
  assert.ok(credits > 300, `${credits} credit lines`);
  assert.ok(inBody.length <= credits * 0.02, `${inBody.length} of ${credits} credit lines left in the body:\n${inBody.slice(0, 20).join("\n")}`);
  const dated = all.filter((c) => c.article.dateline || c.article.byline).length;
  assert.ok(dated >= 0.9 * credits, `${dated} articles with a dateline or byline`);
  // Furniture run into the last line.
  const last = (c: (typeof all)[number]) => c.article.paragraphs.at(-1) ?? "";
  assert.deepEqual(all.filter((c) => c.article.paragraphs.some((p) => p.includes("رابط الخبر بصحيفة الوئام"))).map((c) => c.file), []);
  assert.deepEqual(all.filter((c) => /[.!؟”»"]\s*سمات\s/u.test(last(c))).map((c) => `${c.file}: ${last(c).slice(-80)}`), []);
});

test("corpus: the wire stories printed by several papers are grouped, and lists show each once", { skip }, () => {
  const all = corpusArticles();
  const paper = new Map(all.map((c) => [c.file, c.manifest.source]));
  const archive = buildArchive(all.map((c) => c.article), [], registry);
  const groups = archive.report.wireCopies;
  // Read by eye (2015 corpus): the coalition's daily strike counts, the GCC secretary's statement on al-Maliki,
  // the King receiving the US defence secretary, the cabinet's weekly statement: 105 groups of 306 articles.
  assert.ok(groups.length >= 60 && groups.length <= 300, `${groups.length} groups`);
  const acrossPapers = groups.filter((g) => new Set(g.articles.map((a) => paper.get(a.source))).size > 1).length;
  assert.ok(acrossPapers >= 0.9 * groups.length, `${acrossPapers} of ${groups.length} groups span several papers`);
  const inGroups = groups.reduce((n, g) => n + g.articles.length, 0);
  const listed = archive.articlePages.reduce((n, p) => n + p.items.length, 0);
  assert.equal(listed, archive.articles.length - inGroups + groups.length, "each group listed once");
});
