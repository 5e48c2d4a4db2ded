// The search index (src/archive/search.ts) and the search page's query logic (public/js/search-core.js),
// run in Node against an index built from a few short articles written for these tests.
import { test } from "node:test";
import path from "node:path";
import assert from "node:assert/strict";
import { article, registry } from "./helpers.ts";
import { buildArchive, searchForms } from "../src/archive/index.ts";
import { DOC_BLOCK, INDEX_DIR, SHARD_BYTES, htmlText, searchRecords, shardOf, type SearchFile } from "../src/archive/search.ts";
import { fold, foldTableForBrowser, particleForms, tokenize } from "../src/text/index.ts";
import { articleSpec, createRenderer } from "../src/render/index.ts";
import type { Archive, ArticleEntry } from "../src/model.ts";
import * as core from "../public/js/search-core.js";

const table = foldTableForBrowser();

const SOURCES: [source: string, body: string, meta?: Record<string, string>, format?: "md"][] = [
  ["kerry.txt", "كيري يلتقي لافروف في فيينا\n\nالتقى وزير الخارجية الأمريكي جون كيري نظيره الروسي سيرغي لافروف في فيينا لبحث الأزمة السورية. وقال كيري إن المحادثات كانت صريحة ومفيدة."],
  ["obama.txt", "أوباما يدعو الحلفاء إلى تكثيف الضربات\n\nدعا الرئيس الأمريكي باراك أوباما الحلفاء في قمة مجموعة العشرين في أنطاليا إلى تكثيف الغارات على تنظيم داعش. وقال أوباما إن القمة ناقشت أزمة اللاجئين أيضا."],
  ["visit.txt", "وفد برلماني يزور العاصمة\n\nوصل الوفد البرلماني إلى العاصمة صباح اليوم، والرئيس الفرنسي فرانسوا هولاند في استقباله عند مدخل المدينة. ثم عُقد لقاء موسّع للرئيس مع أعضاء الوفد."],
  ["markup.md", "كتب المحرر أن عبارة <b>عاجل</b> تتكرر كثيرا في نشرات الأخبار عن بوتين وداعـــش.", { title: "ملاحظة عن الأخبار العاجلة", date: "2015-11-20" }, "md"],
  ["weather.txt", "أمطار غزيرة على المدينة\n\nهطلت أمطار غزيرة على المدينة صباح اليوم وتسببت في إغلاق عدد من الطرق لساعات."],
];

function testArchive(base = "/"): Archive {
  const articles = SOURCES.map(([source, body, meta, format]) => ({ ...article(body, meta ?? {}, format ?? "txt"), source }));
  return buildArchive(articles, [], registry, { base });
}

const archive = testArchive();
const files = [...searchRecords(archive)];
const byPath = new Map(files.map((f) => [f.path, f.content]));
const read = (name: string) => JSON.parse(byPath.get(`${INDEX_DIR}/${name}`)!);
const manifest = read("manifest.json");
const numberOf = (slug: string) => archive.articles.findIndex((a) => a.slug === slug);

/** Every term of the index with its articles, decoded the way the browser does. */
function termsOf(all: SearchFile[]): Map<string, number[]> {
  const terms = new Map<string, number[]>();
  for (const f of all) {
    if (!f.path.startsWith(`${INDEX_DIR}/terms/`)) continue;
    for (const [term, list] of Object.entries(JSON.parse(f.content))) terms.set(term, core.decodePostings(list).docs);
  }
  return terms;
}

/** The rendered pages of the test archive by URL: the search page cuts its excerpts from them. */
const renderer = createRenderer(path.join(import.meta.dirname, "..", "templates"), archive);
const pages = new Map(archive.articles.map((e) => [e.url, renderer.render(articleSpec(e, archive.page))]));
const page = async (url: string) => {
  const html = pages.get(url);
  if (html === undefined) throw new Error(`no page ${url}`);
  return html;
};

const engine = () => core.createSearch({ table, load: async (name: string) => read(name), page });
const slugsOf = (ids: number[]) => ids.map((i) => archive.articles[i]!.slug);

test("search forms fold spellings and take particles off, so any spelling of a query finds the article", () => {
  const forms = searchForms("التقى والرئيس كيرى بأوباما للمرة الأولى في القمّة").split(" ");
  for (const f of ["والرئيس", "الرئيس", "كيري", "باوباما", "اوباما", "القمه", "للمره", "المره"]) assert.ok(forms.includes(f), f);
});

test("the browser folds queries with the same table as the index", () => {
  assert.equal(table["ى"], "ي");
  assert.equal(table["أ"], "ا");
  assert.equal(table["ة"], "ه");
  assert.equal(table["ـ"], "");
  assert.equal(table["٣"], "3");
  assert.equal(table["ب"], undefined, "letters that do not fold are not in the table");
  for (const a of archive.articles) {
    for (const t of tokenize(`${a.title}\n${archive.text(a)}`)) {
      assert.equal(core.fold(t.text, table), t.folded, t.text);
      assert.deepEqual(core.particleForms(t.folded), particleForms(t.folded), t.text);
    }
  }
  for (const term of ["كيري", "والرئيس", "اوباما", "x"]) assert.equal(core.shardOf(term, 7), shardOf(term, 7));
});

test("the index holds, for each article, exactly the forms formsOf gives for its title and text", () => {
  const terms = termsOf(files);
  assert.equal(manifest.terms, terms.size);
  archive.articles.forEach((a, doc) => {
    const expected = new Set(searchForms(`${a.title}\n${archive.text(a)}`).split(" ").filter(Boolean));
    const indexed = new Set([...terms].filter(([, docs]) => docs.includes(doc)).map(([t]) => t));
    assert.deepEqual([...indexed].sort(), [...expected].sort(), a.slug);
  });
  // Spelling variants and attached particles.
  const has = (term: string, slug: string) => assert.ok(terms.get(term)?.includes(numberOf(slug)), `${term} → ${slug}`);
  has("كيري", "kerry");
  has("اوباما", "obama");
  has("والرئيس", "visit");
  has("الرئيس", "visit"); // from والرئيس
  has("للرئيس", "visit");
  has("داعش", "markup"); // written داعـــش
  has("موسع", "visit"); // written موسّع
  assert.ok(!terms.has("داعـــش") && !terms.has("أوباما"), "only folded forms are terms");
});

test("the index's files: manifest, a shard per hash, the articles' display data in blocks, facets", () => {
  assert.deepEqual(Object.keys(manifest).sort(), ["articles", "block", "hash", "shards", "terms", "version"]);
  assert.equal(manifest.articles, archive.articles.length);
  assert.equal(files.at(-1)!.path, `${INDEX_DIR}/manifest.json`, "the manifest comes last");
  for (let k = 0; k < manifest.shards; k++) {
    for (const term of Object.keys(read(`terms/${k}.json`))) assert.equal(shardOf(term, manifest.shards), k, term);
  }
  const doc = (slug: string) => read(`docs/${Math.floor(numberOf(slug) / manifest.block)}.json`)[numberOf(slug) % manifest.block];
  const kerry = doc("kerry");
  assert.equal(kerry.url, "/articles/kerry/");
  assert.equal(kerry.title, "كيري يلتقي لافروف في فيينا");
  assert.equal(kerry.text, undefined, "no text: excerpts come from the article's page");
  const obama = doc("obama");
  assert.match(obama.date, /\(تاريخ مستنتج\)$/, "an inferred date says so");
  assert.equal(obama.iso, "2015-11-15");
  const facets = read("facets.json");
  assert.deepEqual(obama.e.map((i: number) => facets.events[i].id), ["g20-antalya-2015"]);
  assert.deepEqual(obama.a.map((i: number) => facets.actors[i].id).sort(), ["barack-obama", "islamic-state"]);
  assert.equal(htmlText("<p>أ &amp; ب &lt;ج&gt; &#1583;</p>\n<ul><li>هـ</li><li>و</li></ul>"), "أ & ب <ج> د\nهـ\nو");
});

test("a block of the articles' display data holds DOC_BLOCK articles, the last one the rest", () => {
  const many = testArchive();
  const copies = Array.from({ length: 2 * DOC_BLOCK + 3 }, (_, i) => ({ ...many.articles[i % many.articles.length]!, slug: `a${i}`, url: `/articles/a${i}/` }));
  const blocks = [...searchRecords({ base: "/", articles: copies, text: () => "نص قصير" })].filter((f) => f.path.startsWith(`${INDEX_DIR}/docs/`));
  assert.deepEqual(blocks.map((f) => f.path), [0, 1, 2].map((k) => `${INDEX_DIR}/docs/${k}.json`));
  assert.deepEqual(blocks.map((f) => JSON.parse(f.content).length), [DOC_BLOCK, DOC_BLOCK, 3]);
  assert.equal(JSON.parse(blocks[1]!.content)[0].url, `/articles/a${DOC_BLOCK}/`);
});

test("the text an article page shows between its search marks is the text indexed, for plain and Markdown articles", () => {
  for (const e of archive.articles) assert.equal(core.pageText(pages.get(e.url)!), archive.text(e), e.slug);
  // Markdown is indexed as the text readers see: markup written in the source is text.
  assert.match(core.pageText(pages.get(archive.articles[numberOf("markup")]!.url)!), /عبارة <b>عاجل<\/b> تتكرر/);
  assert.equal(core.pageText("<p>لا علامات هنا</p>"), "", "a page without the marks gives no text");
});

test("a site built with --base has the prefix in the index's article URLs", () => {
  const prefixed = [...searchRecords(testArchive("/archive/"))].find((f) => f.path === `${INDEX_DIR}/docs/0.json`)!;
  for (const d of JSON.parse(prefixed.content)) assert.match(d.url, /^\/archive\/articles\//);
});

test("the index is byte-identical when built again", () => {
  const again = [...searchRecords(testArchive())];
  assert.deepEqual(again.map((f) => f.path), files.map((f) => f.path));
  assert.ok(again.every((f, i) => f.content === files[i]!.content));
  // The version changes with the content.
  const changed = testArchive();
  changed.articles[0] = { ...changed.articles[0]!, title: "عنوان آخر" };
  assert.notEqual(JSON.parse([...searchRecords(changed)].at(-1)!.content).hash, manifest.hash);
});

/** A made-up archive of `n` articles of `words` words each, drawn from a vocabulary of `vocabulary`. */
function synthetic(n: number, words = 300, vocabulary = 20000): Pick<Archive, "articles" | "base" | "text"> {
  const letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي";
  const word = (i: number) => {
    let w = "";
    for (let k = i + 1; k > 0; k = Math.floor(k / letters.length)) w += letters[k % letters.length];
    return w;
  };
  let seed = 7;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  const articles = Array.from({ length: n }, (_, i) => {
    // Zipf-like: most words are common ones.
    const text = Array.from({ length: words }, () => word(Math.floor(vocabulary ** ((next() % 10000) / 10000)) - 1)).join(" ");
    return { entry: { url: `/articles/s${i}/`, title: `مقال ${word(i)}`, date: null, events: [], actors: [] } as unknown as ArticleEntry, text };
  });
  const texts = new Map(articles.map((a) => [a.entry, a.text]));
  return { articles: articles.map((a) => a.entry), base: "/", text: (e: ArticleEntry) => texts.get(e)! };
}

test("the shard count grows with the archive and keeps shards near their target size", () => {
  const shardsOf = (all: SearchFile[]) => all.filter((f) => f.path.includes("/terms/"));
  const small = [...searchRecords(synthetic(300))];
  const large = [...searchRecords(synthetic(3000))];
  const [s, l] = [shardsOf(small), shardsOf(large)];
  assert.ok(l.length > 3 * s.length, `${s.length} shards for 300 articles, ${l.length} for 3,000`);
  const sizes = l.map((f) => Buffer.byteLength(f.content)).sort((a, b) => a - b);
  const median = sizes[sizes.length >> 1]!;
  assert.ok(median > SHARD_BYTES * 0.6 && median < SHARD_BYTES * 1.4, `median shard ${median} bytes`);
  assert.ok(sizes.at(-1)! < SHARD_BYTES * 2.5, `largest shard ${sizes.at(-1)} bytes`);
  // A word in almost every article is a bit set, not a list of numbers.
  const common = Object.values(JSON.parse(l.find((f) => f.content.includes('"bits"'))!.content)).find((v) => !Array.isArray(v)) as { bits: string };
  assert.equal(common.bits.length, Math.ceil(3000 / 6));
});

test("a query finds every spelling: كيرى → كيري, اوباما → أوباما, الرئيس → والرئيس, داعـــش → داعش", async () => {
  const s = engine();
  const find = async (q: string) => slugsOf((await s.search(q)).results);
  assert.deepEqual(await find("كيرى"), ["kerry"]);
  assert.deepEqual(await find("اوباما"), ["obama"]);
  assert.deepEqual(await find("أُوبَامـــا"), ["obama"], "diacritics and tatweel");
  assert.deepEqual((await find("الرئيس")).sort(), ["obama", "visit"]);
  assert.deepEqual(await find("والرئيس"), ["visit", "obama"], "a query with its particle prefers the article that has it");
  assert.deepEqual(await find("داعـــش"), (await find("داعش")));
  assert.deepEqual((await find("داعش")).sort(), ["markup", "obama"]);
  assert.deepEqual(await find("كلمة_غير_موجودة"), []);
  assert.deepEqual(await find("  ، . "), [], "no words, no results");
});

test("every word of a query must match; the title counts more", async () => {
  const s = engine();
  const find = async (q: string) => slugsOf((await s.search(q)).results);
  assert.deepEqual(await find("أوباما أنطاليا"), ["obama"]);
  assert.deepEqual(await find("كيري أنطاليا"), []);
  assert.deepEqual((await find("صباح اليوم")).sort(), ["visit", "weather"]);
  // المدينة is in the title of one article and in the text of another, which comes first in the archive.
  assert.ok(numberOf("visit") < numberOf("weather"));
  assert.deepEqual(await find("المدينة"), ["weather", "visit"]);
});

test("filters by event and actor narrow the results, and their counts are what choosing them gives", async () => {
  const s = engine();
  const all = await s.search("داعش");
  assert.equal(all.total, 2);
  const actors = Object.fromEntries(all.facets.actors.map((v: { id: string; count: number }) => [v.id, v.count]));
  assert.deepEqual(actors, { "islamic-state": 2, "barack-obama": 1, "vladimir-putin": 1 });
  assert.deepEqual(all.facets.events.map((v: { id: string; name: string; count: number }) => [v.id, v.name, v.count]), [["g20-antalya-2015", "قمة مجموعة العشرين في أنطاليا", 1]]);
  const byEvent = await s.search("داعش", { event: "g20-antalya-2015" });
  assert.deepEqual(slugsOf(byEvent.results), ["obama"]);
  assert.deepEqual(byEvent.facets.actors.map((v: { id: string }) => v.id).sort(), ["barack-obama", "islamic-state"], "actor counts within the chosen event");
  assert.equal(byEvent.facets.events[0].selected, true);
  const byActor = await s.search("داعش", { actor: "vladimir-putin" });
  assert.deepEqual(slugsOf(byActor.results), ["markup"]);
  assert.deepEqual(byActor.facets.events, [], "no event among Putin's matching articles");
  assert.equal((await s.search("داعش", { event: "g20-antalya-2015", actor: "vladimir-putin" })).total, 0);
  // Counts agree with the articles' own tags for a broader query.
  const broad = await s.search("في");
  for (const v of broad.facets.actors) {
    const expected = broad.results.filter((d: number) => archive.articles[d]!.actors.some((x) => x.id === v.id)).length;
    assert.equal(v.count, expected, v.id);
  }
});

test("results carry title, link, date and an excerpt with the hit marked and HTML escaped", async () => {
  const s = engine();
  const r = await s.search("كيرى");
  const doc = (await s.documents(r.results, r.words))[0]!;
  assert.equal(doc.url, "/articles/kerry/");
  assert.equal(doc.title, "كيري يلتقي لافروف في فيينا");
  assert.match(doc.excerpt, /<mark>كيري<\/mark> نظيره الروسي/);
  assert.ok(!doc.excerpt.includes("<mark>ي"), "no word is marked for a stripped form when the word itself is there");
  const m = await s.search("عاجل");
  const markup = (await s.documents(m.results, m.words))[0]!;
  assert.match(markup.excerpt, /&lt;b&gt;<mark>عاجل<\/mark>&lt;\/b&gt;/);
  assert.ok(!/<b>/.test(markup.excerpt));
  assert.deepEqual(markup.actors.sort(), ["تنظيم الدولة الإسلامية (داعش)", "فلاديمير بوتين"]);
  const obama = (await s.documents((await s.search("اوباما")).results, core.queryWords("اوباما", table)))[0]!;
  assert.match(obama.excerpt, /<mark>أوباما<\/mark>/);
  assert.deepEqual(obama.events, ["قمة مجموعة العشرين في أنطاليا"]);
});

test("excerpts: a window around the first hit, with ellipses where the text is cut", () => {
  const words = core.queryWords("الرئيس", table);
  const long = `${"كلمة ".repeat(40)}قال والرئيس إن <الاتفاق> قريب. ${"نص ".repeat(40)}`;
  const html = core.excerpt(long, words, table, { before: 3, length: 8 });
  assert.equal(html, "… كلمة كلمة قال <mark>والرئيس</mark> إن &lt;الاتفاق&gt; قريب. نص …");
  assert.equal(core.excerpt("نص بلا إصابة", words, table), "نص بلا إصابة");
  assert.equal(core.escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
});

test("result counts in Arabic", () => {
  assert.deepEqual([0, 1, 2, 3, 10, 11, 99, 100, 103, 111].map(core.resultsLabel), [
    "لا نتائج", "نتيجة واحدة", "نتيجتان", "3 نتائج", "10 نتائج", "11 نتيجة", "99 نتيجة", "100 نتيجة", "103 نتائج", "111 نتيجة",
  ]);
});

test("a query fetches the manifest, the shards of its words' forms, the facets, then the block of each result shown and its page", async () => {
  const fetched: string[] = [];
  const s = core.createSearch({
    table,
    load: async (name: string, version?: string) => {
      fetched.push(name);
      if (name !== "manifest.json") assert.equal(version, manifest.hash, "every file but the manifest is fetched with the index's version");
      return read(name);
    },
    page: async (url: string) => {
      fetched.push(url);
      return page(url);
    },
  });
  const r = await s.search("كيرى الروسي");
  await s.documents(r.results.slice(0, core.PAGE_SIZE), r.words);
  const shards = new Set(r.words.flatMap((w: { forms: string[] }) => w.forms.map((f) => `terms/${shardOf(f, manifest.shards)}.json`)));
  const shown = r.results.slice(0, core.PAGE_SIZE) as number[];
  const blocks = new Set(shown.map((d) => `docs/${Math.floor(d / manifest.block)}.json`));
  assert.deepEqual(fetched.sort(), ["manifest.json", "facets.json", ...shards, ...blocks, ...shown.map((d) => archive.articles[d]!.url)].sort());
  fetched.length = 0;
  await s.search("كيري");
  assert.deepEqual(fetched, [], "shards and facets are fetched once");
});

test("a result whose page cannot be fetched keeps its title and link, without an excerpt", async () => {
  const s = core.createSearch({ table, load: async (name: string) => read(name), page: async (url: string) => Promise.reject(new Error(`${url}: 404`)) });
  const r = await s.search("كيري");
  const [doc] = await s.documents(r.results, r.words);
  assert.equal(doc.title, "كيري يلتقي لافروف في فيينا");
  assert.equal(doc.url, "/articles/kerry/");
  assert.equal(doc.excerpt, "");
});

test("fold() of the index and of the browser agree on every word of a mixed text", () => {
  const text = "أُوبَامـــا، إِيران وكيرى! ٢٠١٥ ‏Obama ﻻ";
  for (const t of tokenize(text)) assert.equal(core.fold(t.text, table), fold(t.text), t.text);
});
