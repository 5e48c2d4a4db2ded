// The search index (src/archive/search.ts) and the search page's query logic (public/js/search-core.js),
// run in Node against an index built from short articles written for these tests (tests/search-set.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { article, registry } from "./helpers.ts";
import { buildArchive } from "../src/archive/index.ts";
import { INDEX_DIR, MIN_STEM, PART_CHARS, SHARD_BYTES, htmlText, queryRules, searchRecords, shardKey, shardOf, textParts, type SearchFile, type SearchInput } from "../src/archive/search.ts";
import { fold, particleForms, tokenize } from "../src/text/index.ts";
import type { Archive, ArticleEntry } from "../src/model.ts";
import * as core from "../public/js/search-core.js";
import { counted } from "../public/js/count.js";
import { SET_ARTICLES, SET_QUERIES, evaluateSearch, setArchive } from "./search-set.ts";

const { archive, files, search, table } = setArchive();
/** An index file's text (a shard or a fragment inflated), and its JSON. */
const text = (c: string | Uint8Array) => (typeof c === "string" ? c : gunzipSync(c).toString("utf8"));
const read = (name: string) => JSON.parse(text(files.get(`${INDEX_DIR}/${name}`)!));
const manifest = read("manifest.json");
const numberOf = (slug: string) => archive.articles.findIndex((a) => a.slug === slug);
const slugsOf = (ids: number[]) => ids.map((i) => archive.articles[i]!.slug);
const find = async (q: string, filters = {}) => slugsOf((await search.search(q, filters)).results);

/** Every term of the index with its articles, decoded the way the browser does. */
function termsOf(all: Map<string, string | Uint8Array>): Map<string, { docs: number[]; see?: string[] }> {
  const terms = new Map<string, { docs: number[]; see?: string[] }>();
  for (const [p, content] of all) {
    if (!p.startsWith(`${INDEX_DIR}/terms/`)) continue;
    for (const [term, list] of Object.entries(JSON.parse(text(content)))) terms.set(term, { docs: core.decodePostings(list).docs, see: (list as { see?: string[] }).see });
  }
  return terms;
}
const terms = termsOf(files);

test("the query set: every query finds the articles it must and none it must not; precision and recall ≥ 0.98", async () => {
  assert.ok(SET_QUERIES.length >= 40, `${SET_QUERIES.length} queries`);
  const r = await evaluateSearch();
  for (const s of r.scores) {
    assert.deepEqual(s.wrong, [], `${s.q.query} (${s.q.case}) found ${s.wrong.join(", ")}`);
    for (const slug of s.q.find) assert.ok(s.found.includes(slug), `${s.q.query} (${s.q.case}) misses ${slug}: ${s.found.join(", ")}`);
  }
  assert.ok(r.precision >= 0.98 && r.recall >= 0.98, `precision ${r.precision}, recall ${r.recall}`);
  // Every slug a query names is an article of the set.
  const slugs = new Set(SET_ARTICLES.map(([s]) => s));
  for (const q of SET_QUERIES) for (const s of [...q.find, ...q.not]) assert.ok(slugs.has(s), s);
});

test("a particle comes off only when what remains is a known word and the word is not one of its own", () => {
  const docs = (t: string) => slugsOf(terms.get(t)?.docs ?? []).sort();
  // كيري is a registry name: never filed under يري; يري is only the article that has it.
  assert.deepEqual(docs("يري"), ["sees"]);
  assert.equal(terms.get("كيري")!.see, undefined);
  // بوتين (registry) never under وتين.
  assert.deepEqual(docs("وتين"), ["artery"]);
  // والرئيس and للرئيس are filed under الرئيس, and say so for the page.
  assert.deepEqual(docs("الرئيس"), ["obama", "putin", "speech", "visit"]);
  // وللرئيس makes للرئيس a word of its own, yet للرئيس still reads as ل + الرئيس.
  assert.deepEqual(terms.get("للرئيس")!.see, ["الرئيس"]);
  assert.deepEqual(terms.get("والرئيس")!.see, ["الرئيس"]);
  // للاجئين is ل + اللاجئين: filed under لاجئين, whose twin is اللاجئين (particleForms reads لل + X as ال + X only).
  assert.deepEqual(terms.get("للاجئين")!.see, ["لاجئين"]);
  // Too short a rest stays a word: ولد is not و + لد, بان not ب + ان, كير not ك + ير.
  for (const w of ["ولد", "بان", "كير"]) assert.equal(terms.get(w)!.see, undefined, w);
  assert.ok(!terms.has("لد") && !terms.has("ير"));
  // Only folded forms are terms; a pair of adjacent words is one, filed under its first word's
  // particle-free form too.
  assert.ok(!terms.has("أوباما") && terms.has("اوباما") && terms.has("داعش"));
  assert.deepEqual(docs("مجلس الامن"), ["council", "kerry"]);
  assert.deepEqual(docs("لمجلس الامن"), ["council"]);
  assert.ok(!terms.has("الامن الاسواق"), "no pair across a comma or a sentence");
});

test("a word filed under a word that is itself filed under another (وللرئيس → للرئيس → الرئيس) counts once", () => {
  // Met in every order: the lists must hold each article once, ascending (a count off by one wrote a
  // negative gap, which the writer now refuses).
  const texts = ["وللرئيس كلمة", "للرئيس كلمة", "الرئيس يتكلم", "وللرئيس وللرئيس للرئيس"];
  for (const order of [[0, 1, 2, 3], [2, 1, 0, 3], [1, 3, 0, 2]]) {
    const entries = order.map((i) => ({ url: `/a/${i}/`, title: "عنوان", date: null, events: [], actors: [] }) as unknown as ArticleEntry);
    const byEntry = new Map(entries.map((e, k) => [e, texts[order[k]!]!]));
    const all = new Map([...searchRecords({ articles: entries, base: "/", text: (e) => byEntry.get(e)! })].map((f) => [f.path, f.content]));
    const t = termsOf(all);
    for (const [term, { docs }] of t) assert.ok(docs.every((d, i) => d < entries.length && (i === 0 || d > docs[i - 1]!)), `${term}: ${docs.join(",")}`);
    assert.deepEqual(t.get("الرئيس")!.docs, [0, 1, 2, 3], order.join(""));
    assert.deepEqual(t.get("للرئيس")!.docs.map((d) => order[d]).sort(), [0, 1, 3], order.join(""));
  }
});

test("the page reads particles with the rules the index was made with, derived from particleForms()", () => {
  const rules = manifest.rules;
  assert.deepEqual(rules, queryRules());
  assert.equal(rules.stem, MIN_STEM);
  const words = new Set<string>();
  for (const [, body] of SET_ARTICLES) for (const t of tokenize(body)) words.add(t.folded);
  // Words from the real corpus too, when it is there, and made-up runs of particle letters.
  const corpus = path.join(import.meta.dirname, "..", "..", "shared", "corpus", "saudinewsnet");
  try {
    for (const f of readdirSync(corpus).slice(0, 40)) for (const t of tokenize(readFileSync(path.join(corpus, f), "utf8").slice(0, 20000))) words.add(t.folded);
  } catch {
    // No corpus here: the articles and the runs below still check the rules.
  }
  for (const p of ["و", "ف", "ب", "ك", "ل", "لل", "ول", "فب", "ولل", "فلل", "وكال", "بال", "لل"]) for (const w of ["ا", "الرئيس", "كيري", "لندن", "بيت"]) words.add(p + w);
  for (const w of words) {
    assert.deepEqual(core.particleFree(w, rules), particleForms(w).slice(1).filter((f) => f.length >= MIN_STEM), w);
    assert.equal(core.fold(w, table), fold(w), w);
  }
  for (const a of archive.articles) for (const t of tokenize(`${a.title}\n${archive.text(a)}`)) assert.equal(core.fold(t.text, table), t.folded, t.text);
  assert.deepEqual([core.twinOf("لاجئين"), core.twinOf("اللاجئين"), core.twinOf("الله"), core.twinOf("في")], ["اللاجئين", "لاجئين", null, null]);
  // A word and its twin are in one shard; the page and the build compute shards alike.
  assert.equal(shardOf(shardKey("اللاجئين"), 97), shardOf(shardKey("لاجئين"), 97));
  assert.equal(core.shardOf(core.shardKey("مجلس الامن"), 7), shardOf(shardKey("مجلس الامن"), 7));
});

test("phrases in quotes are word after word; words outside quotes are each required", async () => {
  assert.deepEqual((await find('"مجلس الأمن"')).sort(), ["council", "kerry"]);
  assert.deepEqual((await find("مجلس الأمن")).sort(), ["city-council", "council", "kerry"]);
  assert.deepEqual(await find('"الأمن مجلس"'), []);
  assert.deepEqual(await find("كيري طوكيو"), []);
  // A phrase and a word together; a quote left open runs to the end.
  assert.deepEqual(await find('"مجلس الأمن" فيينا'), ["kerry"]);
  assert.deepEqual((await find('"مجلس الأمن')).sort(), ["council", "kerry"]);
  const parsed = core.parseQuery('كيري "مجلس الأمن" كيرى', table);
  assert.deepEqual(parsed.clauses.map((c: { kind: string; words: { term: string }[] }) => [c.kind, c.words.map((w) => w.term).join(" ")]), [["word", "كيري"], ["phrase", "مجلس الامن"]]);
  assert.deepEqual(await find("  ، . "), [], "no words, no results");
});

test("results: best match first (title, the word as typed, occurrences), then newest first", async () => {
  const r = await find("الأزمة");
  // أزمة is in refugees-europe's title (its twin, twice); the others have الأزمة or للأزمة once, in the text.
  assert.equal(r[0], "refugees-europe");
  const rest = r.slice(1);
  assert.deepEqual(rest, [...rest].sort((a, b) => numberOf(a) - numberOf(b)), "equals in date order (archive order)");
  // The word as typed ranks before the same word reached through its particle (والرئيس is in visit's
  // text; speech has للرئيس in its title, which counts more).
  const typed = await find("والرئيس");
  assert.equal(typed[0], "speech");
  assert.ok(typed.indexOf("visit") < typed.indexOf("obama") && typed.indexOf("visit") < typed.indexOf("putin"), typed.join(" "));
});

test("a query naming a registry actor finds the actor's articles under every spelling, and says who", async () => {
  for (const q of ["بوتن", "بوتين", "فلاديمير بوتين", '"فلاديمير بوتين"']) {
    const r = await search.search(q);
    assert.deepEqual(slugsOf(r.results), ["putin"], q);
    const [doc] = await search.documents(r.results, r);
    assert.deepEqual(doc.about, ["فلاديمير بوتين"], q);
  }
  const r = await search.search("لندن");
  assert.deepEqual((await search.documents(r.results, r))[0].about, [], "a place is no actor");
});

test("excerpts come from a small part of the text, the hits marked in the writer's spelling, HTML escaped", async () => {
  const r = await search.search("كيرى");
  const [doc] = await search.documents(r.results, r);
  assert.equal(doc.url, "/articles/kerry/");
  assert.equal(doc.title, "كيري يلتقي لافروف في فيينا");
  assert.match(doc.excerpt, /<mark>كيري<\/mark> نظيره الروسي/);
  assert.ok(!doc.excerpt.includes("<mark>ي"));
  const p = await search.search('"مجلس الأمن"');
  const docs = await search.documents(p.results, p);
  assert.match(docs.find((d: { url: string }) => d.url === "/articles/council/").excerpt, /<mark>لمجلس<\/mark> <mark>الأمن<\/mark>/);
  const o = await search.search("داعش");
  assert.match((await search.documents(o.results, o))[0].excerpt, /<mark>داعـــش<\/mark>/, "as written, tatweel and all");
  const clauses = core.parseQuery("الرئيس", table).clauses;
  const long = `${"كلمة ".repeat(40)}قال والرئيس إن <الاتفاق> قريب. ${"نص ".repeat(40)}`;
  assert.equal(core.excerpt(long, clauses, table, manifest.rules, { before: 3, length: 8 }), "… كلمة كلمة قال <mark>والرئيس</mark> إن &lt;الاتفاق&gt; قريب. نص …");
  assert.equal(core.excerpt("نص بلا إصابة", clauses, table, manifest.rules), "نص بلا إصابة");
  assert.equal(core.escapeHtml(`<a href="x">'&'</a>`), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  assert.equal(htmlText("<p>أ &amp; ب &lt;ج&gt; &#1583;</p>\n<ul><li>هـ</li><li>و</li></ul>"), "أ & ب <ج> د\nهـ\nو");
});

test("a hit far into a long article is excerpted from its one fragment, fetched alone", async () => {
  const filler = Array.from({ length: 12 }, (_, i) => `فقرة رقم ${i} فيها كلام عام عن الطقس والأسواق والطرق في المدينة خلال الأسبوع الماضي، وما قاله السكان عنها.`.repeat(3)).join("\n\n");
  const long = buildArchive([{ ...article(`تقرير طويل عن المدينة\n\n${filler}\n\nوفي الختام تحدث التقرير عن مهرجان الزيتون السنوي.`), source: "long.txt" }], [], registry, { base: "/" });
  const all = new Map([...searchRecords(long)].map((f) => [f.path, f.content]));
  const fragments = [...all.keys()].filter((p) => p.startsWith(`${INDEX_DIR}/x/`));
  assert.deepEqual(fragments, [`${INDEX_DIR}/x/0.json.gz`], "one fragment an article");
  const stored = JSON.parse(gunzipSync(all.get(fragments[0]!)!).toString("utf8")).t as string;
  assert.ok(stored.length > 3 * PART_CHARS && stored.endsWith("مهرجان الزيتون السنوي."), "the whole text, once");
  const fetched: string[] = [];
  const s = core.createSearch({ table, load: async (name: string) => (fetched.push(name), core.readIndexFile(all.get(`${INDEX_DIR}/${name}`)!)) });
  const r = await s.search("مهرجان الزيتون");
  const [doc] = await s.documents(r.results, r);
  assert.match(doc.excerpt, /<mark>مهرجان<\/mark> <mark>الزيتون<\/mark> السنوي/);
  const x = fetched.filter((f) => f.startsWith("x/"));
  assert.deepEqual(x, ["x/0.json.gz"], "the article's fragment, nothing else");
  assert.deepEqual(textParts("أ\n\nب\nج").join("|"), "أ\nب\nج");
  // A page without line breaks is cut at spaces into parts of about PART_CHARS.
  const flat = textParts("كلمة ".repeat(2000).trim());
  assert.ok(flat.length > 3 && flat.slice(0, -1).every((p) => p.length <= PART_CHARS && p.length > PART_CHARS - 10 && !p.startsWith(" ")), flat.map((p) => p.length).join(","));
  assert.equal(flat.join(" "), "كلمة ".repeat(2000).trim());
});

test("filters by event, actor and year work with a query and without one", async () => {
  const facets = read("facets.json");
  assert.ok(!facets.facets.some((f: { key: string }) => f.key === "tag"), "no article has tags: the facet is left out");
  const actor = facets.facets[1].values.find((v: { id: string }) => v.id === "barack-obama");
  assert.equal(actor.n, 1);
  assert.deepEqual(await find("الرئيس", { actor: "barack-obama" }), ["obama"]);
  assert.deepEqual(await find("", { actor: "barack-obama" }), ["obama"], "no query: the filter alone");
  assert.deepEqual(await find("لندن", { actor: "barack-obama" }), []);
  assert.deepEqual(await find("", { actor: "no-such-actor" }), []);
  // Years, from the articles' dates, and two filters together.
  const dated = buildArchive([
    { ...article("قمة في أنطاليا\n\nاجتمع القادة في أنطاليا لبحث الإرهاب.", { date: "2015-11-15" }), source: "a.txt" },
    { ...article("مؤتمر في باريس\n\nاجتمع الوزراء في باريس لبحث الإرهاب.", { date: "2014-09-15" }), source: "b.txt" },
  ], [], registry, { base: "/" });
  const all = new Map([...searchRecords(dated)].map((f) => [f.path, f.content]));
  const s = core.createSearch({ table, load: async (name: string) => core.readIndexFile(all.get(`${INDEX_DIR}/${name}`)!) });
  const years = (await s.facetList()).find((f: { key: string }) => f.key === "year");
  assert.deepEqual(years.values.map((v: { id: string }) => v.id), ["2014", "2015"]);
  const urls = async (q: string, f: Record<string, string>) => (await s.documents((await s.search(q, f)).results)).map((d: { title: string }) => d.title);
  assert.deepEqual(await urls("الإرهاب", { year: "2014" }), ["مؤتمر في باريس"]);
  assert.deepEqual(await urls("", { year: "2015" }), ["قمة في أنطاليا"]);
  assert.deepEqual(await urls("", { year: "2015", event: "paris-conference-2014" }), []);
});

test("a query fetches the manifest, the facet list, one shard a word form, and the fragment of each result shown", async () => {
  const fetched: string[] = [];
  const s = core.createSearch({
    table,
    load: async (name: string, version?: string) => {
      fetched.push(name);
      if (name !== "manifest.json") assert.equal(version, manifest.hash, "every file but the manifest is fetched with the index's version");
      return read(name);
    },
  });
  const r = await s.search("لاجئين");
  await s.documents(r.results.slice(0, core.PAGE_SIZE), r);
  const shown = r.results.slice(0, core.PAGE_SIZE) as number[];
  // لاجئين and اللاجئين share a shard.
  assert.deepEqual(fetched.sort(), ["facets.json", "manifest.json", `terms/${shardOf(shardKey("لاجئين"), manifest.shards)}.json.gz`, ...shown.map((d) => `x/${d}.json.gz`)].sort());
  fetched.length = 0;
  await s.search("اللاجئين");
  assert.deepEqual(fetched, [], "shards and facets are fetched once");
});

test("the index's files: the manifest last, each term in its shard, a fragment per article, facets", () => {
  assert.deepEqual(Object.keys(manifest).sort(), ["articles", "hash", "rules", "shards", "terms", "version"]);
  assert.equal(manifest.articles, archive.articles.length);
  assert.equal([...files.keys()].at(-1), `${INDEX_DIR}/manifest.json`);
  assert.equal(manifest.terms, terms.size);
  for (let k = 0; k < manifest.shards; k++) for (const term of Object.keys(read(`terms/${k}.json.gz`))) assert.equal(shardOf(shardKey(term), manifest.shards), k, term);
  const head = read(`x/${numberOf("obama")}.json.gz`);
  assert.equal(head.url, "/articles/obama/");
  assert.equal(head.title, "أوباما في قمة العشرين");
  assert.match(head.t, /باراك أوباما/);
  const facets = read("facets.json");
  const actors = facets.facets.find((f: { key: string }) => f.key === "actor").values;
  assert.deepEqual(head.f.actor.map((i: number) => actors[i].id).sort(), ["barack-obama", "islamic-state"]);
  assert.ok(facets.names.some((x: { v: string[] }) => x.v.includes("بوتن")), "registry spellings, folded");
  for (const [p] of files) assert.match(p, /^search\/index\/(manifest|facets)\.json$|^search\/index\/f\/\w+\/\d+\.json$|^search\/index\/(terms|x)\/\d+\.json\.gz$/);
});

test("the index is byte-identical when built again, and its version changes with its content", () => {
  const again = new Map([...searchRecords(archive)].map((f) => [f.path, f.content]));
  assert.deepEqual([...again], [...files]);
  const changed = { ...archive, articles: [{ ...archive.articles[0]!, title: "عنوان آخر" }, ...archive.articles.slice(1)] };
  assert.notEqual(JSON.parse([...searchRecords(changed)].at(-1)!.content as string).hash, manifest.hash);
});

test("a rebuild takes unchanged articles' postings from the state the last build kept, and makes the index a scan of every article makes", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "search-state-"));
  try {
    const state = { file: path.join(dir, "search.bin"), key: "code-1", out: dir };
    // Each entry with a version of its own (a hash of its file, in a build) and its text.
    const texts = new Map<ArticleEntry, string>();
    const entries = archive.articles.map((a, i) => {
      const e = { ...a, version: `v${i}` };
      texts.set(e, archive.text(a));
      return e;
    });
    let reads = 0;
    const input = (articles: ArticleEntry[]): SearchInput => ({ ...archive, articles, text: (e) => (reads++, texts.get(e)!) });
    const made = (list: ArticleEntry[], st?: typeof state) => {
      reads = 0;
      const records = [...searchRecords(input(list), { state: st })];
      const scanned = reads;
      return { scanned, files: new Map(records.map((f) => [f.path, f.content])) };
    };
    made(entries, state);
    // The next build: the first article edited (a word no article had, and a new title), the second
    // removed, and a new one in the middle, which moves every later article's number.
    const edited = { ...entries[0]!, version: "v0-edited", title: "وزراء الخارجية يجتمعون في نيقوسيا" };
    texts.set(edited, `${texts.get(entries[0]!)}\nوقال المتحدث إن وفد زيتونستان سيصل غدا.`);
    const added = { ...entries[3]!, version: "new", slug: "new", url: "/articles/new/", title: "لقاء تشاوري في عمان" };
    texts.set(added, "عقد وزراء خارجية دول الجوار لقاء تشاوريا في عمان لبحث أوضاع اللاجئين.");
    const next = [edited, ...entries.slice(2, 5), added, ...entries.slice(5)];
    const fresh = made(next);
    assert.equal(fresh.scanned, next.length);
    const kept = made(next, state);
    assert.equal(kept.scanned, 2, "only the edited and the new article are scanned");
    assert.deepEqual([...kept.files], [...fresh.files]);
    assert.ok([...termsOf(kept.files).keys()].includes(fold("زيتونستان")), "the edited article's new word is indexed");
    // The state that build kept (itself made from a state) serves the next: nothing scanned, the file
    // left as it is, the same index.
    const bytes = readFileSync(state.file);
    const unchanged = made(next, state);
    assert.equal(unchanged.scanned, 0);
    assert.deepEqual([...unchanged.files], [...fresh.files]);
    assert.deepEqual(readFileSync(state.file), bytes);

    // A state whole but damaged: an article's end before the one before it, a pair of a term not yet
    // numbered, are seen when it is opened; a posting of a term it lacks when its article is read, and
    // the index is then made from the start. Every article is scanned; the same index.
    const arraysAt = 8 + Math.ceil(bytes.readUInt32LE(4) / 4) * 4;
    const terms = (JSON.parse(bytes.subarray(8, 8 + bytes.readUInt32LE(4)).toString()) as { terms: string[] }).terms.length;
    const damaged = (at: number, value: number) => {
      const b = Buffer.from(bytes);
      b.writeInt32LE(value, at);
      writeFileSync(state.file, b);
      const r = made(next, state);
      assert.equal(r.scanned, next.length);
      assert.deepEqual([...r.files], [...fresh.files]);
    };
    damaged(arraysAt + 4 * (2 * terms), bytes.readInt32LE(arraysAt + 4 * (2 * terms + 1)) + 1);
    damaged(arraysAt, terms - 1);
    damaged(bytes.length - 4, (terms + 5) << 3);
    writeFileSync(state.file, bytes);

    // A state cut short, or made by other code, is not read: every article is scanned, same index.
    made(next, state);
    truncateSync(state.file, readFileSync(state.file).length - 4);
    const cut = made(next, state);
    assert.equal(cut.scanned, next.length);
    assert.deepEqual([...cut.files], [...fresh.files]);
    const other = made(next, { ...state, key: "code-2" });
    assert.equal(other.scanned, next.length);
    assert.deepEqual([...other.files], [...fresh.files]);
    writeFileSync(state.file, "not a state");
    assert.equal(made(next, state).scanned, next.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an update makes only the shards whose terms' lists changed, and leaves the others, which are what a fresh index has", () => {
  const opts = { shardBytes: 400 };
  // Each entry with a version of its own (in a build, a hash of its file).
  const entries = archive.articles.map((a, i) => ({ ...a, version: `v${i}` }));
  const texts = new Map(entries.map((e, i) => [e, archive.text(archive.articles[i]!)]));
  const input = (articles: ArticleEntry[], of: Map<ArticleEntry, string>): SearchInput => ({ ...archive, articles, text: (e) => of.get(e)! });
  // The folder as the last build left it: each file's signature and text.
  const site = new Map([...searchRecords(input(entries, texts), opts)].map((f) => [f.path, { signature: f.signature, text: text(f.content) }]));
  // Edits that keep every article's number: a word the article has, twice more (only that list's weights
  // change), the same with a particle (filed under the word too: its list takes the article from the
  // other's), and a title of words no article had.
  const edited = new Map(texts);
  const one = { ...entries[2]!, version: "v2-edited" };
  const word = tokenize(texts.get(entries[2]!)!).find((t) => t.text.length > 4)!.text;
  edited.set(one, `${texts.get(entries[2]!)} ${word} ${word}.`);
  const particled = { ...entries[4]!, version: "v4-edited" };
  edited.set(particled, `${texts.get(entries[4]!)} وب${word}.`);
  const retitled = { ...entries[5]!, version: "v5-edited", title: "مباحثات مطولة في نيقوسيا حول الممرات" };
  edited.set(retitled, texts.get(entries[5]!)!);
  const next = entries.map((a, i) => (i === 2 ? one : i === 4 ? particled : i === 5 ? retitled : a));

  const kept = (p: string, signature: string) => site.get(p)?.signature === signature;
  const counts = { scanned: 0, shards: 0, alone: 0 };
  const update = [...searchRecords(input(next, edited), { ...opts, kept, counts })];
  const fresh = new Map([...searchRecords(input(next, edited), opts)].map((f) => [f.path, f]));
  const shards = update.filter((f) => f.path.includes("/terms/"));
  const made = shards.filter((f) => !kept(f.path, f.signature));
  assert.ok(shards.length > 20, `${shards.length} shards`);
  // Exactly the shards whose text differs are made again.
  const differ = shards.filter((f) => site.get(f.path)?.text !== text(fresh.get(f.path)!.content));
  assert.ok(differ.length > 0 && differ.length < shards.length, `${differ.length} of ${shards.length} shards differ`);
  assert.deepEqual(made.map((f) => f.path), differ.map((f) => f.path));
  assert.equal(counts.shards, differ.length, "the shards made are those");
  for (const f of update) {
    assert.equal(f.signature, fresh.get(f.path)!.signature, `${f.path}: the signature does not depend on what is in place`);
    if (!kept(f.path, f.signature)) site.set(f.path, { signature: f.signature, text: text(f.content) });
  }
  assert.deepEqual([...site.keys()].sort(), [...fresh.keys()].sort());
  for (const [p, f] of fresh) assert.equal(site.get(p)!.text, text(f.content), `${p} is as a fresh index has it`);
  // A shard left in place but read all the same is made then, alone, and is the fresh one.
  assert.equal(counts.alone, 0);
  const left = shards.find((f) => kept(f.path, f.signature))!;
  assert.equal(text(left.content), text(fresh.get(left.path)!.content));
  assert.equal(counts.alone, 1);
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
  const [s, l] = [shardsOf([...searchRecords(synthetic(100))]), shardsOf([...searchRecords(synthetic(1000))])];
  assert.ok(l.length > 5 * s.length, `${s.length} shards for 100 articles, ${l.length} for 1,000`);
  const sizes = l.map((f) => Buffer.byteLength(text(f.content))).sort((a, b) => a - b);
  const median = sizes[sizes.length >> 1]!;
  assert.ok(median > SHARD_BYTES * 0.4 && median < SHARD_BYTES * 1.6, `median shard ${median} bytes`);
  assert.ok(sizes.at(-1)! < SHARD_BYTES * 4, `largest shard ${sizes.at(-1)} bytes`);
});

test("counted(): Arabic number agreement, in Western or Arabic-Indic digits", () => {
  const forms = { zero: "لا نتائج", one: "نتيجة واحدة", two: "نتيجتان", few: "{n} نتائج", many: "{n} نتيجة", other: "{n} نتيجة" };
  assert.deepEqual([0, 1, 2, 3, 10, 11, 99, 100, 103, 111].map((n) => counted(n, forms, "latn")), [
    "لا نتائج", "نتيجة واحدة", "نتيجتان", "3 نتائج", "10 نتائج", "11 نتيجة", "99 نتيجة", "100 نتيجة", "103 نتائج", "111 نتيجة",
  ]);
  assert.equal(counted(13, forms, "arab"), "١٣ نتيجة");
});
