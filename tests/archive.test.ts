// Lists that grow: pages of 20 with their neighbours, and the archive by date.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildArchive, hashText, inMemory, paginate, PAGE_SIZE, QUOTES_SHOWN } from "../src/archive/index.ts";
import { createHash } from "node:crypto";
import { createSigner, pageSpecs } from "../src/render/index.ts";
import { article, registry } from "./helpers.ts";
import { build } from "./support/site.ts";

const item = (n: number) => ({ slug: `a${n}`, url: `/articles/a${n}/`, title: `مقال ${n}`, date: null, excerpt: "" });

test("an article's content hash is the same whatever whitespace its parts carry: tidy parts and untidy ones hash as their text joined with single spaces", () => {
  const expected = (parts: string[]) => createHash("sha256").update(parts.join("\n").replace(/\s+/g, " ").trim()).digest("hex");
  const tidy = ["قمة العشرين في أنطاليا", "أنطاليا - واس:", "قال الرئيس إن القمة ستبحث أزمة اللاجئين."];
  assert.equal(hashText(tidy), expected(tidy));
  // The same words with a tab, a no-break space, a double space, a line break, an empty part, spaces at the ends.
  const untidy = ["قمة العشرين\tفي أنطاليا ", "", " أنطاليا -\u00a0واس:", "قال الرئيس  إن القمة\nستبحث أزمة اللاجئين."];
  assert.equal(hashText(untidy), expected(untidy));
  assert.equal(hashText(untidy), hashText(tidy), "one hash for one text");
  assert.equal(hashText(["a", "b"]), hashText(["a b"]), "parts are joined by a space");
  assert.equal(hashText([]), expected([]));
});

test("paginate: 20 a page, the first at the list's URL, prev/next between neighbours", () => {
  const pages = paginate("/archive/2015/11/", "نوفمبر 2015", Array.from({ length: 45 }, (_, i) => item(i)));
  assert.equal(PAGE_SIZE, 20);
  assert.deepEqual(pages.map((p) => [p.url, p.items.length, p.prev, p.next]), [
    ["/archive/2015/11/", 20, null, "/archive/2015/11/page/2/"],
    ["/archive/2015/11/page/2/", 20, "/archive/2015/11/", "/archive/2015/11/page/3/"],
    ["/archive/2015/11/page/3/", 5, "/archive/2015/11/page/2/", null],
  ]);
  assert.equal(pages[2]!.items[0]!.slug, "a40");
  // The pager shows the first, the last and two either side, with gaps: never every page of a long list.
  const long = paginate("/actors/x/", "x", Array.from({ length: 400 }, (_, i) => item(i)));
  assert.deepEqual(long[9]!.window.map((n) => n?.number ?? "…"), [1, "…", 8, 9, 10, 11, 12, "…", 20]);
  assert.deepEqual(long[0]!.window.map((n) => n?.number ?? "…"), [1, 2, 3, "…", 20]);
  assert.deepEqual(pages[1]!.window.map((n) => n?.number), [1, 2, 3]);
  assert.equal(paginate("/x/", "x", []).length, 1, "an empty list still has its page");
  // Given the pages made before, a page of the same title, total and items is taken as it was, no other.
  const earlier = new Map(pages.map((p) => [p.url, p]));
  const same = paginate("/archive/2015/11/", "نوفمبر 2015", Array.from({ length: 45 }, (_, i) => pages[Math.floor(i / 20)]!.items[i % 20]!), earlier);
  assert.deepEqual(same.map((p, i) => p === pages[i]), [true, true, true]);
  assert.deepEqual(paginate("/archive/2015/11/", "تشرين الثاني 2015", same.flatMap((p) => p.items), earlier).map((p, i) => p === pages[i]), [false, false, false]);
});

test("the archive by date, all articles and an actor named 45 times: pages of 20, linked in order", () => {
  const work = mkdtempSync(path.join(tmpdir(), "archive-"));
  try {
    const seeds = path.join(work, "seeds");
    mkdirSync(seeds);
    for (let i = 1; i <= 45; i++) {
      const day = String((i % 28) + 1).padStart(2, "0");
      writeFileSync(path.join(seeds, `n${String(i).padStart(2, "0")}.md`), `---\ntitle: خبر رقم ${i} عن الأسواق\ndate: 2015-11-${day}\n---\nارتفعت أسعار القمح في الأسواق المحلية للمرة ${i} هذا الشهر بسبب تراجع المخزون، وقال المحلل سامي خليل إن جون كيري ناقش الأمر.\n`);
    }
    writeFileSync(path.join(seeds, "old.md"), `---\ntitle: خبر قديم عن المطر\ndate: 2014-09-03\n---\nهطلت أمطار غزيرة على المدينة صباح اليوم وتسببت في إغلاق عدد من الطرق الرئيسية لساعات.\n`);
    const out = path.join(work, "site");
    assert.equal(build(["--seeds", seeds, "--out", out]).code, 0);
    const index = readFileSync(path.join(out, "archive", "index.html"), "utf8");
    assert.match(index, /<h2 id="y-2015">2015 <span class="count">45 مقالاً<\/span><\/h2>/);
    assert.match(index, /href="\/archive\/2015\/11\/">نوفمبر \(تشرين الثاني\) 2015<\/a> <span class="count">45 مقالاً<\/span>/);
    assert.match(index, /href="\/archive\/2014\/09\/">سبتمبر \(أيلول\) 2014<\/a>/);
    const p1 = readFileSync(path.join(out, "archive", "2015", "11", "index.html"), "utf8");
    assert.equal((p1.match(/<li>\s*<a href="\/articles\/[a-z0-9-]+\/">/g) ?? []).length, 20);
    assert.match(p1, /<link rel="next" href="\/archive\/2015\/11\/page\/2\/">/);
    assert.match(p1, /<a href="\/archive\/2015\/11\/page\/3\/">3<\/a>/);
    const p3 = readFileSync(path.join(out, "archive", "2015", "11", "page", "3", "index.html"), "utf8");
    assert.equal((p3.match(/<li>\s*<a href="\/articles\/[a-z0-9-]+\/">/g) ?? []).length, 5);
    assert.match(p3, /<a href="\/archive\/2015\/11\/page\/2\/" rel="prev">/);
    assert.ok(!existsSync(path.join(out, "archive", "2015", "11", "page", "4")));
    // The same for all articles and for an actor named in 45 of them.
    assert.ok(existsSync(path.join(out, "articles", "page", "3", "index.html")));
    const a1 = readFileSync(path.join(out, "actors", "john-kerry", "index.html"), "utf8");
    assert.match(a1, /يذكره 45 مقالاً\. الصفحة الأولى من ثلاث\./);
    assert.match(p3, /في هذا الشهر 45 مقالاً\. الصفحة الثالثة من ثلاث\./);
    assert.equal((a1.match(/<li>\s*<a href="\/articles\/[a-z0-9-]+\/">/g) ?? []).length, 20);
    assert.match(a1, /<link rel="next" href="\/actors\/john-kerry\/page\/2\/">/);
    const a3 = readFileSync(path.join(out, "actors", "john-kerry", "page", "3", "index.html"), "utf8");
    assert.equal((a3.match(/<li>\s*<a href="\/articles\/[a-z0-9-]+\/">/g) ?? []).length, 5);
    assert.match(a3, /<link rel="prev" href="\/actors\/john-kerry\/page\/2\/">/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});

test("an actor's page counts every quote and shows the newest QUOTES_SHOWN, reading only the articles that hold them", () => {
  const day = (i: number) => `2015-${String(1 + Math.floor(i / 28)).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}`;
  // 15 articles, each quoting Kerry twice: 30 quotes, more than a page shows.
  const articles = Array.from({ length: 15 }, (_, i) => ({
    ...article(`وقال وزير الخارجية الأمريكي جون كيري إن المحادثات رقم ${i + 1} كانت مثمرة. وأضاف أن الجولة المقبلة ستعقد قريبا في العاصمة.`, { date: day(i), title: `محادثات رقم ${i + 1}` }),
    source: `k${String(i).padStart(2, "0")}.txt`,
  }));
  const archive = buildArchive(articles, [], registry);
  const kerry = archive.actors.find((a) => a.id === "john-kerry")!;
  assert.equal(QUOTES_SHOWN, 20);
  assert.equal(kerry.quoteCount, 30);
  assert.equal(kerry.quotes.length, 20);
  // Newest first: the 15th article's two quotes lead, in the article's order.
  assert.deepEqual(kerry.quotes.slice(0, 3).map((q) => [q.article.title, q.text]), [
    ["محادثات رقم 15", "المحادثات رقم 15 كانت مثمرة"],
    ["محادثات رقم 15", "الجولة المقبلة ستعقد قريبا في العاصمة"],
    ["محادثات رقم 14", "المحادثات رقم 14 كانت مثمرة"],
  ]);
  assert.ok(kerry.quotes.every((q) => q.article.title !== "محادثات رقم 1"), "the oldest articles' quotes are counted, not shown");
  // The archive loads whole articles only for the quotes it shows and the pages it makes.
  let loads = 0;
  const sources = articles.map((a) => {
    const s = inMemory(a);
    return { head: s.head, load: () => (loads++, a) };
  });
  const lazy = buildArchive(sources, [], registry);
  assert.ok(loads > 0 && loads <= 10, `${loads} articles read for Kerry's 20 quotes`);
  assert.deepEqual(lazy.actors.find((a) => a.id === "john-kerry")!.quotes, kerry.quotes);
  loads = 0;
  const entry = lazy.articles[0]!;
  assert.equal(lazy.page(entry).paragraphs.length, archive.page(archive.articles[0]!).paragraphs.length);
  assert.equal(loads, 1);
});

test("a feed of undated articles only is dated by the archive's newest article, never 1970", () => {
  const dated = { ...article("قال الرئيس الفرنسي فرانسوا هولاند إن بلاده ستواصل دعم العراق.", { date: "2015-11-18" }), source: "dated.txt" };
  // Only this undated article names the Iraqi prime minister.
  const undated = { ...article("التقى رئيس الوزراء العراقي حيدر العبادي وفداً من رجال الأعمال في بغداد."), source: "undated.txt" };
  assert.equal(undated.date, null);
  assert.ok(undated.actors.some((a) => a.id === "haider-al-abadi") && !dated.actors.some((a) => a.id === "haider-al-abadi"));
  const archive = buildArchive([dated, undated], [], registry);
  assert.equal(archive.feeds.actors["haider-al-abadi"]!.updated.toISOString(), "2015-11-18T00:00:00.000Z");
  assert.equal(archive.feeds.all.updated.toISOString(), "2015-11-18T00:00:00.000Z");
  // With no date anywhere there is nothing better than the epoch.
  assert.equal(buildArchive([undated], [], registry).feeds.all.updated.getTime(), 0);
});

test("an archive built again with the last one as `previous` keeps the views and pages made of unchanged articles, and its pages sign as a fresh build's", () => {
  const day = (i: number) => `2015-0${1 + Math.floor(i / 28)}-${String((i % 28) + 1).padStart(2, "0")}`;
  // Kerry in 30 articles (two pages of 20), Hollande in 3 of his own, al-Abadi in one of Kerry's.
  const texts = [
    ...Array.from({ length: 30 }, (_, i) => [`محادثات رقم ${i + 1}`, `قال وزير الخارجية الأمريكي جون كيري إن الجولة رقم ${i + 1} من المحادثات انتهت دون اتفاق.`, day(i)]),
    ...Array.from({ length: 3 }, (_, i) => [`زيارة رقم ${i + 1}`, `وصل الرئيس الفرنسي فرانسوا هولاند إلى المغرب في زيارته رقم ${i + 1} للمنطقة.`, day(i)]),
  ];
  texts[2]![1] += " والتقى كيري رئيس الوزراء العراقي حيدر العبادي في بغداد.";
  const make = ([title, body, date]: string[], n: number) => inMemory({ ...article(body!, { date, title }), source: `a${String(n).padStart(2, "0")}.txt` });
  const sources = texts.map(make);
  const first = buildArchive(sources, [], registry);
  const actor = (a: typeof first, id: string) => a.actors.find((x) => x.id === id)!;
  const sign = (a: typeof first) => {
    const signer = createSigner();
    return new Map(pageSpecs(a).map((s) => [s.url, signer(s)]));
  };

  // The third article's title changes (its date does not): it is on the second page of Kerry's list.
  const edited = [...sources];
  edited[2] = make(["محادثات رقم 3 في بغداد", texts[2]![1]!, texts[2]![2]!], 2);
  const again = buildArchive(edited, [], registry, { previous: first });
  // Fresh: new heads, so that no summary is shared with the archives above.
  const fresh = buildArchive(edited.map((x) => inMemory(x.load())), [], registry);
  assert.equal(actor(again, "francois-hollande"), actor(first, "francois-hollande"), "an actor none of whose articles changed keeps its view");
  assert.notEqual(actor(again, "john-kerry"), actor(first, "john-kerry"));
  assert.notEqual(actor(again, "haider-al-abadi"), actor(first, "haider-al-abadi"));
  const kerryPages = (a: typeof first) => a.actorPages.filter((p) => p.actor.id === "john-kerry").map((p) => p.list);
  assert.equal(kerryPages(again).length, 2);
  assert.equal(kerryPages(again)[0], kerryPages(first)[0], "the page of Kerry's list without the changed article is the one made before");
  assert.notEqual(kerryPages(again)[1], kerryPages(first)[1]);
  assert.ok(kerryPages(again)[1]!.items.some((s) => s.title === "محادثات رقم 3 في بغداد"));
  assert.equal(again.actorPages.find((p) => p.actor.id === "francois-hollande"), first.actorPages.find((p) => p.actor.id === "francois-hollande"));

  // Every page says what a build with nothing kept says. Those showing the new title changed: the
  // article's, the lists holding it, its actors' pages (each shows its view) and the list of actors.
  const before = sign(first);
  const now = sign(again);
  assert.deepEqual([...now], [...sign(fresh)]);
  const changed = [...now].filter(([url, s]) => before.get(url) !== s).map(([url]) => url).sort();
  assert.deepEqual(changed, ["/actors/", "/actors/haider-al-abadi/", "/actors/john-kerry/", "/actors/john-kerry/page/2/", "/archive/2015/01/page/2/", "/articles/a02/", "/articles/page/2/"]);

  // An archive of another base (or registry, or settings) shares nothing with the last one.
  const moved = buildArchive(edited, [], registry, { previous: first, base: "/archive/" });
  assert.notEqual(actor(moved, "francois-hollande"), actor(first, "francois-hollande"));
  assert.notEqual(moved.articlePages[0], first.articlePages[0]);
});

test("an article edited past its excerpt keeps its summary and every view made of it; one more mention of an actor does not", () => {
  const day = (i: number) => `2015-03-${String(i + 1).padStart(2, "0")}`;
  const bodies = Array.from({ length: 25 }, (_, i) => `قال وزير الخارجية الأمريكي جون كيري إن اللقاء رقم ${i + 1} مع نظيره الروسي سيرغي لافروف كان صريحا.\n\nوتناول اللقاء ملفات المنطقة.`);
  const make = (body: string, i: number) => inMemory({ ...article(body, { date: day(i), title: `لقاء رقم ${i + 1}` }), source: `b${String(i).padStart(2, "0")}.txt` });
  const sources = bodies.map(make);
  const first = buildArchive(sources, [], registry);
  const sign = (a: typeof first) => {
    const signer = createSigner();
    return new Map(pageSpecs(a).map((s) => [s.url, signer(s)]));
  };
  const changedPages = (a: typeof first, b: typeof first) => {
    const before = sign(a);
    return [...sign(b)].filter(([url, s]) => before.get(url) !== s).map(([url]) => url).sort();
  };

  // A sentence added at the end, naming no one: the page changes, no list and no view does.
  const typo = [...sources];
  typo[4] = make(`${bodies[4]} وسيعقد لقاء آخر الشهر المقبل.`, 4);
  const after = buildArchive(typo, [], registry, { previous: first });
  assert.notEqual(after.articles.find((e) => e.slug === "b04")!.version, first.articles.find((e) => e.slug === "b04")!.version);
  assert.equal(after.summaries.get("b04"), first.summaries.get("b04"));
  for (const id of ["john-kerry", "sergey-lavrov"]) assert.equal(after.actors.find((a) => a.id === id), first.actors.find((a) => a.id === id));
  assert.equal(after.actorPages[0], first.actorPages[0]);
  assert.deepEqual([...sign(after)], [...sign(buildArchive(typo.map((x) => inMemory(x.load())), [], registry))]);
  assert.deepEqual(changedPages(first, after), ["/articles/b04/"]);

  // A new first paragraph naming no one: the same API entry, another excerpt: a new summary, and the lists show it.
  const opened = [...typo];
  opened[6] = make(`انعقد اللقاء في قاعة كبيرة وسط المدينة صباح اليوم.\n\n${bodies[6]}`, 6);
  const reopened = buildArchive(opened, [], registry, { previous: after });
  assert.notEqual(reopened.summaries.get("b06"), after.summaries.get("b06"));
  assert.deepEqual([...sign(reopened)], [...sign(buildArchive(opened.map((x) => inMemory(x.load())), [], registry))]);
  assert.ok(changedPages(after, reopened).includes("/articles/"));

  // Kerry named once more: his view (mentions, chart) and the article's page change. The article's
  // summary is made again, and so the views of all its actors; Lavrov's pages come out the same.
  const more = [...typo];
  more[4] = make(`${bodies[4]} وقال كيري إنه متفائل.`, 4);
  const again = buildArchive(more, [], registry, { previous: after });
  const kerry = (a: typeof first) => a.actors.find((x) => x.id === "john-kerry")!;
  assert.notEqual(kerry(again), kerry(after));
  assert.equal(kerry(again).mentions, kerry(after).mentions + 1);
  assert.notEqual(again.summaries.get("b04"), after.summaries.get("b04"));
  assert.deepEqual([...sign(again)], [...sign(buildArchive(more.map((x) => inMemory(x.load())), [], registry))]);
  const changed = changedPages(after, again);
  assert.ok(changed.includes("/actors/john-kerry/") && changed.includes("/articles/b04/") && !changed.includes("/actors/sergey-lavrov/"), changed.join(" "));

  // Only the title it gives Kerry changes (past the excerpt): the summary is the same, Kerry's view is not.
  const titled = [...more];
  titled[4] = make(bodies[4]!.replace("وتناول اللقاء", "وقال الرئيس الأمريكي جون كيري إن اللقاء تناول"), 4);
  const moreTitled = [...more];
  moreTitled[4] = make(bodies[4]!.replace("وتناول اللقاء", "وقال وزير الخارجية الأمريكي جون كيري إن اللقاء تناول"), 4);
  const t1 = buildArchive(moreTitled, [], registry, { previous: again });
  const t2 = buildArchive(titled, [], registry, { previous: t1 });
  assert.deepEqual([...sign(t2)], [...sign(buildArchive(titled.map((x) => inMemory(x.load())), [], registry))]);
  assert.notDeepEqual(kerry(t2).titles, kerry(t1).titles);
});
