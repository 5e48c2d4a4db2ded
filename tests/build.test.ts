// `npm run build` end to end, into temporary folders: pages, JSON, --base, bad input, --strict,
// and failures that must leave the previous site as it was.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { ROOT, build, projectCopy, snapshot } from "./support/site.ts";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { generateCorpus } from "./bench/corpus.ts";
import fg from "fast-glob";

let work: string;
const run = build;

const read = (...p: string[]) => readFileSync(path.join(...p), "utf8");

/** A copy of the project whose templates or registry a test may break. */
const copyOfProject = () => projectCopy(path.join(work, `project-${Math.random().toString(36).slice(2, 8)}`));

let site: string;
let seeds: string;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), "build-"));
  seeds = path.join(work, "seeds");
  cpSync(path.join(ROOT, "seeds"), seeds, { recursive: true });
  writeFileSync(path.join(seeds, "empty.txt"), "");
  writeFileSync(path.join(seeds, "english.txt"), "The coalition met in London to discuss the campaign against the militants in Iraq and Syria.");
  writeFileSync(path.join(seeds, "copy-of-002.txt"), read(ROOT, "seeds", "002_348bd785be705d98.txt"));
  writeFileSync(path.join(seeds, "broken.txt"), Buffer.from([0x61, 0xff, 0xfe, 0x61]));
  site = path.join(work, "site");
  const r = run(["--seeds", seeds, "--out", site]);
  assert.equal(r.code, 0, r.err + r.out);
});

after(() => rmSync(work, { recursive: true, force: true }));

test("the build prints a summary with each skipped file and its reason", () => {
  const r = run(["--seeds", seeds, "--out", path.join(work, "site-summary")]);
  assert.equal(r.code, 0);
  assert.match(r.out, /Built 5 articles, 3 events, \d+ actors/);
  assert.match(r.out, /empty\.txt: empty file/);
  assert.match(r.out, /english\.txt: not Arabic/);
  assert.match(r.out, /broken\.txt: not valid UTF-8/);
  assert.match(r.out, /copy-of-002\.txt: same text as 002_348bd785be705d98\.txt/);
  assert.match(r.out, /in \d+\.\d s/);
});

test("every page type is written, right to left, in UTF-8", () => {
  const pages = ["index.html", "404.html", "articles/index.html", "events/index.html", "actors/index.html", "articles/000-fa3f22539f4393b3/index.html", "events/g20-antalya-2015/index.html", "actors/barack-obama/index.html"];
  for (const p of pages) {
    const html = read(site, p);
    assert.match(html, /<html lang="ar" dir="rtl">/, p);
    assert.match(html, /<meta charset="utf-8">/, p);
    assert.match(html, /<meta name="viewport"/, p);
  }
  for (const a of JSON.parse(read(site, "api", "articles.json"))) assert.ok(existsSync(path.join(site, "articles", a.id, "index.html")), a.id);
  for (const e of ["g20-antalya-2015", "london-coalition-2015", "paris-conference-2014"]) assert.ok(existsSync(path.join(site, "events", e, "index.html")));
});

test("the article page shows date in both calendars, byline in <bdi>, tags and their evidence", () => {
  const html = read(site, "articles", "001-de7a4a8acb2f3162", "index.html");
  assert.match(html, /<time datetime="2015-11-15">15 نوفمبر \(تشرين الثاني\) 2015<\/time>/);
  assert.match(html, /صفر 1437 هـ/);
  assert.match(html, /href="\/events\/g20-antalya-2015\/"/);
  assert.match(html, /href="\/actors\/yuri-ushakov\/"/);
  assert.match(html, /لماذا هذه الوسوم؟/);
  assert.match(html, /قمة مجموعة العشرين في أنطاليا/);
  // The "why" panel speaks to readers: the article's phrases, each linked to its paragraph; no numbers.
  const why = html.match(/<details class="why">[\s\S]*?<\/details>/)![0];
  assert.doesNotMatch(why, /النقاط|الوزن|score|weight|<table/);
  assert.doesNotMatch(why.replace(/<[^>]+>/g, ""), /[0-9]/, "no score or weight");
  const links = [...why.matchAll(/<a href="#(p\d+)"[^>]*>«([^»]+)»<\/a> — ([^<]+)<\/li>/g)];
  assert.ok(links.some((m) => m[2] === "قمة مجموعة العشرين في أنطاليا" && m[3] === "عبارة تسمّي الحدث"), why);
  assert.ok(links.some((m) => m[2] === "باراك أوباما" && m[3] === "من المشاركين فيه"), why);
  for (const [, id, phrase] of links) {
    const p = html.match(new RegExp(`<p id="${id}">([\\s\\S]*?)</p>`));
    assert.ok(p, `#${id} is a paragraph of the article`);
    const kind = links.find((m) => m[1] === id && m[2] === phrase)![3];
    if (kind !== "من المشاركين فيه") assert.ok(p![1]!.replace(/<[^>]+>/g, "").includes(phrase!), `${phrase} stands in #${id}`);
  }
  // Readers see no file names or build commands.
  assert.doesNotMatch(html, /001_de7a4a8acb2f3162\.txt|npm run build|<code>/);
  // No date of its own: undated, not given the date of the event it is about.
  const s0 = read(site, "articles", "000-fa3f22539f4393b3", "index.html");
  assert.doesNotMatch(s0, /تاريخ مستنتج|<time datetime="2015-11-15">/);
  const s4 = read(site, "articles", "004-8401bda3ce6bc7f1", "index.html");
  assert.match(s4, /<dd><bdi lang="en">Aissa Boukanoun<\/bdi><\/dd>/);
  assert.doesNotMatch(s4, /Copy to clipboard/);
  const ld = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/)![1]!);
  assert.equal(ld["@type"], "NewsArticle");
  assert.equal(ld.datePublished, "2015-11-15");
  assert.equal(ld.about.name, "قمة مجموعة العشرين في أنطاليا");
  assert.ok(ld.mentions.some((m: { "@type": string; name: string }) => m["@type"] === "Person" && m.name === "يوري أوشاكوف"));
  assert.match(html, /<meta property="og:type" content="article">/);
  const evLd = JSON.parse(read(site, "events", "g20-antalya-2015", "index.html").match(/<script type="application\/ld\+json">(.*?)<\/script>/)![1]!);
  assert.deepEqual([evLd["@type"], evLd.startDate, evLd.endDate, evLd.location.name], ["Event", "2015-11-15", "2015-11-16", "أنطاليا، تركيا"]);
});

test("event and actor pages list their articles, actors, titles and companions", () => {
  const ev = read(site, "events", "g20-antalya-2015", "index.html");
  assert.match(ev, /المقالات عنه: مقالان\./);
  // Seed 004's «قمة مجموعة العشرين» names no place or date: not shown to be Antalya's, no mention.
  assert.match(ev, /لا مقالات أخرى تذكره\./);
  assert.match(ev, /href="\/actors\/barack-obama\/"/);
  const ac = read(site, "actors", "john-kerry", "index.html");
  assert.match(ac, /<bdi lang="en">John Kerry<\/bdi>/);
  assert.match(ac, /وزير الخارجية الأميركي/);
  assert.match(ac, /href="\/events\/paris-conference-2014\/"/);
  assert.match(ac, /href="\/actors\/laurent-fabius\/"/);
  const lavrov = read(site, "actors", "sergey-lavrov", "index.html");
  assert.match(lavrov, /ما قاله/);
  assert.match(lavrov, /<blockquote><p>إيران وسوريا حليفتينا الطبيعيتين في محاربة داعش<\/p><\/blockquote>/);
  assert.match(lavrov, /href="\/articles\/003-fd38ac84f22198a4\/"/);
  assert.match(lavrov, /<p>يذكره مقال واحد\.<\/p>/);
  // A woman (gender: female in the registry) is spoken of in the feminine on her page and in the list.
  const farah = read(site, "actors", "farah-dakhlallah", "index.html");
  assert.match(farah, /<meta name="description" content="فرح دخل الله: ما قالته، والمقالات التي تذكرها، والأحداث التي وردت فيها\.">/);
  assert.match(farah, /<h2 id="quotes-h">ما قالته<\/h2>/);
  assert.match(farah, /<p>يذكرها مقال واحد\.<\/p>/);
  assert.match(farah, /<h2>تُذكر غالباً مع<\/h2>/);
  assert.match(farah, /<h2>الأسماء التي تُعرف بها<\/h2>/);
  assert.doesNotMatch(farah, /ما قاله[^ت]|يذكره[^ا]|يُذكر غالباً|يُعرف بها/);
  const actors = read(site, "actors", "index.html");
  assert.match(actors, /farah-dakhlallah\/">فرح دخل الله<\/a>[\s\S]*?<p>يذكرها مقال واحد، مرة واحدة في المجموع\.<\/p>/);
  assert.match(actors, /sergey-lavrov\/">سيرغي لافروف<\/a>[\s\S]*?<p>يذكره /);
});

test("pictures: inline SVG with title and description on the home, event and actor pages", () => {
  const svg = (html: string) => html.match(/<svg[^>]*role="img"[^>]*>[\s\S]*?<\/svg>/g) ?? [];
  const home = svg(read(site, "index.html"));
  assert.equal(home.length, 1);
  assert.match(home[0]!, /<title id="home-chart-t">مقالات الأرشيف عبر الزمن بحسب الحدث<\/title>/);
  // One seed has a date of its own (the others are undated; no event dates an article).
  assert.match(home[0]!, /<desc id="home-chart-d">مقال واحد في نوفمبر \(تشرين الثاني\) 2015\.<\/desc>/);
  const ev = svg(read(site, "events", "g20-antalya-2015", "index.html"));
  assert.match(ev[0]!, /<title id="pairs-t">الفاعلون معاً في قمة مجموعة العشرين في أنطاليا<\/title>/);
  assert.match(ev[0]!, /<title>باراك أوباما وفلاديمير بوتين: مقالان<\/title>/);
  const actor = svg(read(site, "actors", "barack-obama", "index.html"));
  assert.match(actor[0]!, /<title id="actor-chart-t">ذكر باراك أوباما عبر الزمن<\/title>/);
  assert.match(read(site, "events", "g20-antalya-2015", "index.html"), /<h2>الخط الزمني<\/h2>\s*<ol class="timeline">/);
  assert.doesNotMatch(home[0]!, /<script/);
});

test("the JSON API has the promised shape", () => {
  const arts = JSON.parse(read(site, "api", "articles.json"));
  assert.equal(arts.length, 5);
  const a = arts.find((x: { source: string }) => x.source === "001_de7a4a8acb2f3162.txt");
  assert.deepEqual(Object.keys(a).sort(), ["actors", "byline", "date", "dateline", "events", "id", "language", "quotes", "source", "title", "url"]);
  assert.equal(a.url, "/articles/001-de7a4a8acb2f3162/");
  assert.equal(a.date, "2015-11-15");
  assert.equal(a.language, "arb");
  assert.deepEqual(Object.keys(a.events[0]).sort(), ["evidence", "id", "role", "score"]);
  assert.equal(a.events[0].role, "primary");
  assert.ok(a.actors.every((x: { id: string; count: number }) => typeof x.id === "string" && x.count > 0));
  assert.ok(a.quotes.some((q: { actor: string; text: string }) => q.actor === "yuri-ushakov" && q.text.includes("تتقاسمان الأهداف الاستراتيجية")));
  const report = JSON.parse(read(site, "api", "report.json"));
  assert.ok(Array.isArray(report.candidates));
  assert.deepEqual(report.skipped.map((s: { source: string }) => s.source), ["broken.txt", "empty.txt", "english.txt"]);
  assert.deepEqual(report.duplicates, [{ source: "copy-of-002.txt", duplicateOf: "002_348bd785be705d98.txt" }]);
  assert.equal(JSON.parse(read(site, "api", "events.json")).length, 3);
  assert.ok(JSON.parse(read(site, "api", "actors.json")).some((x: { id: string }) => x.id === "islamic-state"));
});

test("--base prefixes every internal link and the API URLs", () => {
  const out = path.join(work, "site-base");
  assert.equal(run(["--seeds", seeds, "--out", out, "--base", "/archive/"]).code, 0);
  const html = read(out, "articles", "001-de7a4a8acb2f3162", "index.html");
  assert.match(html, /href="\/archive\/css\/site\.css"/);
  assert.match(html, /href="\/archive\/events\/g20-antalya-2015\/"/);
  const hrefs = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
  for (const h of hrefs) assert.ok(!h.startsWith("/") || h.startsWith("/archive/"), h);
  assert.equal(JSON.parse(read(out, "api", "articles.json"))[0].url.startsWith("/archive/articles/"), true);
});

test("--site-url and --base make the feeds, the sitemap and canonical links absolute", () => {
  const out = path.join(work, "site-url");
  assert.equal(run(["--seeds", seeds, "--out", out, "--base", "/archive/", "--site-url", "https://news.example.org/"]).code, 0);
  assert.match(read(out, "feed.xml"), /<link href="https:\/\/news\.example\.org\/archive\/feed\.xml" rel="self"/);
  assert.match(read(out, "events", "london-coalition-2015", "feed.xml"), /<id>https:\/\/news\.example\.org\/archive\/articles\/002-348bd785be705d98\/<\/id>/);
  assert.match(read(out, "sitemap.xml"), /<loc>https:\/\/news\.example\.org\/archive\/articles\/001-de7a4a8acb2f3162\/<\/loc><lastmod>2015-11-15<\/lastmod>/);
  const html = read(out, "actors", "john-kerry", "index.html");
  assert.match(html, /<link rel="canonical" href="https:\/\/news\.example\.org\/archive\/actors\/john-kerry\/">/);
  assert.match(html, /<link rel="alternate" type="application\/atom\+xml" href="\/archive\/actors\/john-kerry\/feed\.xml"/);
  assert.equal(run(["--seeds", seeds, "--out", path.join(work, "bad-url"), "--site-url", "ftp://x"]).code, 2);
});

test("two builds of the same input are byte-identical", () => {
  const again = path.join(work, "site-again");
  assert.equal(run(["--seeds", seeds, "--out", again]).code, 0);
  assert.deepEqual(snapshot(again), snapshot(site));
});

test("a rebuild with the cache reprocesses only the changed file; its page, its event's, its actors' and the lists are right", () => {
  const dir = path.join(work, "seeds-cache");
  cpSync(seeds, dir, { recursive: true });
  const cache = path.join(work, "text-cache");
  const out = path.join(work, "site-cache");
  const stats = path.join(work, "cache-stats.json");
  const scanned = () => (JSON.parse(read(stats)) as { articles: number; searchScanned: number });
  const first = run(["--seeds", dir, "--out", out, "--cache", cache, "--stats", stats]);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /cache: 0 of 9 files unchanged/);
  const { articles: count } = scanned();
  assert.equal(scanned().searchScanned, count, "the first build's search index scans every article");
  // A new headline for the London article: every page that shows it must show the new one.
  const file = path.join(dir, "002_348bd785be705d98.txt");
  const headline = "وزراء التحالف يبحثون في لندن وقف تدفق المقاتلين الأجانب";
  writeFileSync(file, `${headline}\n\n${read(file)}`);
  // And a sentence added to another article's body alone: its search text changes, not its title.
  const other = path.join(dir, "001_de7a4a8acb2f3162.txt");
  writeFileSync(other, `${read(other).trimEnd()} وقال دبلوماسي إن المباحثات ستستأنف بعد أسبوع.\n`);
  const again = run(["--seeds", dir, "--out", out, "--cache", cache, "--stats", stats]);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /cache: 7 of 9 files unchanged/);
  // The two changed articles, and the copy of the London one, no longer the same text, now an article of its own.
  assert.deepEqual(scanned(), { ...scanned(), articles: count + 1, searchScanned: 3 }, "the search index scans the changed and new articles only");
  const articles = JSON.parse(read(out, "api", "articles.json")) as { url: string; source: string; title: string; events: { id: string }[]; actors: { id: string }[] }[];
  const london = articles.find((a) => a.source === path.basename(file))!;
  assert.equal(london.title, headline);
  const pages = [london.url, "/articles/", "/events/london-coalition-2015/", ...london.actors.map((a) => `/actors/${a.id}/`)];
  for (const url of pages) assert.ok(read(out, url, "index.html").includes(headline), `${url} shows the new headline`);
  // The same site as a build without the cache, and the cache can go at any time.
  const fresh = path.join(work, "site-cache-fresh");
  assert.equal(run(["--seeds", dir, "--out", fresh, "--no-cache"]).code, 0);
  assert.deepEqual(snapshot(out), snapshot(fresh));

  // The cache keeps a search state for each output folder built with it; one whose folder is gone, or
  // that is no state, or left half-written by a build no longer running, is removed by the next build.
  const states = () => readdirSync(cache).filter((f) => f.startsWith("search-")).sort();
  const [own] = states();
  const elsewhere = path.join(work, "site-cache-elsewhere");
  assert.equal(run(["--seeds", dir, "--out", elsewhere, "--cache", cache]).code, 0);
  assert.equal(states().length, 2);
  // A full build from a warm cache: its articles and search texts are read from the cache's entries.
  assert.deepEqual(snapshot(elsewhere), snapshot(fresh));
  rmSync(elsewhere, { recursive: true });
  const gone = spawnSync(process.execPath, ["-e", ""]).pid;
  writeFileSync(path.join(cache, `${own}.${gone}.tmp`), "half");
  writeFileSync(path.join(cache, "search-0123456789abcdef.bin"), "not a state");
  assert.equal(run(["--seeds", dir, "--out", out, "--cache", cache, "--stats", stats]).code, 0);
  assert.deepEqual(states(), [own]);
  assert.equal(scanned().searchScanned, 0, "nothing changed: no text scanned");
  assert.deepEqual(snapshot(out), snapshot(fresh));

  // While another build that is running holds the cache, a build prunes nothing of it; a holder that
  // is no longer running counts for nothing.
  const print = readdirSync(cache).find((f) => /^[0-9a-f]{16}$/.test(f))!;
  const unused = path.join(cache, print, "00", "00unused.entry");
  mkdirSync(path.dirname(unused), { recursive: true });
  writeFileSync(unused, "an entry no build uses");
  writeFileSync(path.join(cache, `using-${process.pid}`), "");
  assert.equal(run(["--seeds", dir, "--out", out, "--cache", cache]).code, 0);
  assert.ok(existsSync(unused), "not pruned while another build holds the cache");
  rmSync(path.join(cache, `using-${process.pid}`));
  writeFileSync(path.join(cache, `using-${gone}`), "");
  assert.equal(run(["--seeds", dir, "--out", out, "--cache", cache]).code, 0);
  assert.ok(!existsSync(unused), "pruned once the holder is gone");
  assert.deepEqual(readdirSync(cache).filter((f) => f.startsWith("using-")), [], "the build's own hold and the dead one are gone");

  rmSync(cache, { recursive: true });
  const without = run(["--seeds", dir, "--out", out, "--cache", cache, "--stats", stats]);
  assert.match(without.out, /cache: 0 of 9 files unchanged/);
  assert.equal(scanned().searchScanned, count + 1, "with the cache gone, every article is scanned");
  assert.deepEqual(snapshot(out), snapshot(fresh));
});

test("a rebuild writes only the pages whose content changed, deletes the pages of removed files, and restores pages deleted by hand", () => {
  const dir = path.join(work, "seeds-pages");
  cpSync(seeds, dir, { recursive: true });
  const cache = path.join(work, "pages-cache");
  const out = path.join(work, "site-pages");
  assert.equal(run(["--seeds", dir, "--out", out, "--cache", cache]).code, 0);
  const stamp = (...p: string[]) => statSync(path.join(out, ...p, "index.html")).mtimeMs;
  const articles = () => JSON.parse(read(out, "api", "articles.json")) as { id: string; url: string; source: string; events: { id: string }[] }[];
  const paris = articles().find((a) => a.events.some((e) => e.id === "paris-conference-2014"))!;
  const other = articles().find((a) => a !== paris && a.source.endsWith(".txt"))!;
  const before = { paris: stamp(paris.url), other: stamp(other.url), list: stamp("articles"), event: stamp("events", "paris-conference-2014") };
  // A sentence added at the end of the last paragraph: the title, excerpt, date, events and actors stay.
  const file = path.join(dir, paris.source);
  const sentence = "وأكد المشاركون في ختام اللقاء ضرورة متابعة ما اتُّفق عليه خلال الأسابيع المقبلة.";
  writeFileSync(file, `${read(file).trimEnd()} ${sentence}\n`);
  const again = run(["--seeds", dir, "--out", out, "--cache", cache]);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /; 1 page\(s\) changed, the rest kept/);
  assert.ok(read(out, paris.url, "index.html").includes(sentence));
  assert.ok(stamp(paris.url) > before.paris);
  assert.equal(stamp(other.url), before.other);
  assert.equal(stamp("articles"), before.list);
  assert.equal(stamp("events", "paris-conference-2014"), before.event);
  // The new sentence is searchable: the search index was updated with the page.
  const fresh = path.join(work, "site-pages-fresh");
  assert.equal(run(["--seeds", dir, "--out", fresh, "--no-cache"]).code, 0);
  assert.deepEqual(snapshot(out), snapshot(fresh));

  // A file removed: its page goes, and nothing else of the site differs from a fresh build.
  rmSync(path.join(dir, other.source));
  assert.equal(run(["--seeds", dir, "--out", out, "--cache", cache]).code, 0);
  assert.ok(!existsSync(path.join(out, other.url)), "the page of the removed file is gone");
  rmSync(fresh, { recursive: true });
  assert.equal(run(["--seeds", dir, "--out", fresh, "--no-cache"]).code, 0);
  assert.deepEqual(snapshot(out), snapshot(fresh));

  // A page deleted by hand is written again although nothing changed.
  rmSync(path.join(out, paris.url), { recursive: true });
  const restored = run(["--seeds", dir, "--out", out, "--cache", cache]);
  assert.match(restored.out, /; 1 page\(s\) changed, the rest kept/);
  assert.deepEqual(snapshot(out), snapshot(fresh));

  // An output folder written by another build is replaced whole, never patched.
  assert.equal(run(["--seeds", seeds, "--out", out, "--no-cache"]).code, 0);
  const other2 = run(["--seeds", dir, "--out", out, "--cache", cache]);
  assert.doesNotMatch(other2.out, /the rest kept/);
  assert.deepEqual(snapshot(out), snapshot(fresh));
});

test("a rebuild keeps Eleventy's pages and public/ where nothing they show changed, and makes them again where it did", () => {
  const proj = copyOfProject();
  const dir = path.join(work, "seeds-eleventy");
  cpSync(seeds, dir, { recursive: true });
  const cache = path.join(work, "eleventy-cache");
  const out = path.join(work, "site-eleventy");
  const build = () => {
    const r = run(["--seeds", dir, "--out", out, "--cache", cache], proj);
    assert.equal(r.code, 0, r.err);
  };
  const fresh = () => {
    const f = path.join(work, `site-eleventy-fresh-${Math.random().toString(36).slice(2, 8)}`);
    assert.equal(run(["--seeds", dir, "--out", f, "--no-cache"], proj).code, 0);
    return snapshot(f);
  };
  build();
  const stamp = (file: string) => statSync(path.join(out, file)).mtimeMs;
  const eleventyFiles = ["index.html", "feed.xml", "sitemap.xml", "search/index.html", "css/site.css", "fonts/noto-naskh-arabic-arabic-400-normal.woff2"];
  const stamps = () => Object.fromEntries(eleventyFiles.map((f) => [f, stamp(f)]));
  const sources = (JSON.parse(read(out, "api", "articles.json")) as { source: string }[]).map((a) => a.source).filter((f) => f.endsWith(".txt"));
  const [newest, other] = sources as [string, string];

  // A sentence at the end of an article's body: no list, feed, count or page of Eleventy's shows it.
  const before = stamps();
  const sentence = "وأكد المشاركون في ختام اللقاء ضرورة متابعة ما اتفقوا عليه.";
  writeFileSync(path.join(dir, other), `${read(dir, other).trimEnd()} ${sentence}\n`);
  build();
  assert.deepEqual(stamps(), before, "Eleventy's files are kept as they were");
  assert.deepEqual(snapshot(out), fresh());

  // A new headline: the home page and the feed are made again and show it.
  const headline = "وزراء التحالف يبحثون في لندن وقف تدفق المقاتلين الأجانب";
  writeFileSync(path.join(dir, newest), `${headline}\n\n${read(dir, newest)}`);
  build();
  assert.ok(stamp("index.html") > before["index.html"]!);
  assert.ok(read(out, "index.html").includes(headline) && read(out, "feed.xml").includes(headline));
  assert.deepEqual(snapshot(out), fresh());

  // One of Eleventy's files deleted by hand, and a change to public/: both in the next build.
  rmSync(path.join(out, "sitemap.xml"));
  build();
  assert.ok(existsSync(path.join(out, "sitemap.xml")));
  writeFileSync(path.join(proj, "public", "css", "site.css"), `${read(proj, "public", "css", "site.css")}\n/* archive */\n`);
  build();
  assert.ok(read(out, "css", "site.css").endsWith("/* archive */\n"));
  assert.deepEqual(snapshot(out), fresh());

  // A page of the editor's own that shows an article's body (archive.text): made again by every build,
  // and so it shows a sentence added to that body.
  writeFileSync(path.join(proj, "templates", "newest.njk"), "---\npermalink: /newest.txt\n---\n{{ archive.text(archive.articles[0]) }}\n");
  build();
  const first = stamp("newest.txt");
  const newestNow = (JSON.parse(read(out, "api", "articles.json")) as { source: string }[])[0]!.source;
  writeFileSync(path.join(dir, newestNow), `${read(dir, newestNow).trimEnd()} ${sentence}\n`);
  build();
  assert.ok(stamp("newest.txt") > first);
  assert.ok(read(out, "newest.txt").includes(sentence));
  assert.deepEqual(snapshot(out), fresh());
});

test("a rebuild keeps Eleventy's pages when an article that none of them shows gets a new lead", () => {
  const dir = path.join(work, "seeds-lead");
  generateCorpus(300, dir);
  const cache = path.join(work, "lead-cache");
  const out = path.join(work, "site-lead");
  const stats = path.join(work, "lead-stats.json");
  const build = () => {
    const r = run(["--seeds", dir, "--out", out, "--cache", cache, "--stats", stats]);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(read(stats)) as { pagesWritten: number };
  };
  build();
  // Eleventy's pages that show articles: the home page and the feeds.
  const feeds = fg.sync("**/feed.xml", { cwd: out });
  const shown = [read(out, "index.html"), ...feeds.map((f) => read(out, f))].join("\n");
  const articles = JSON.parse(read(out, "api", "articles.json")) as { url: string; source: string }[];
  const hidden = articles.find((a) => !shown.includes(a.url));
  assert.ok(hidden, "an article on neither the home page nor a feed");
  const stamp = (file: string) => statSync(path.join(out, file)).mtimeMs;
  const before = ["index.html", "sitemap.xml", "feed.xml", ...feeds].map(stamp);
  // A new first paragraph: its excerpt, and so every list showing it, changes.
  const lines = read(dir, hidden.source).split("\n");
  lines.splice(4, 0, "أعلن المتحدث باسم الوزارة أن الوفود ستواصل مشاوراتها في الأسبوع المقبل حول البيان الختامي للاجتماع.", "");
  writeFileSync(path.join(dir, hidden.source), lines.join("\n"));
  assert.ok(build().pagesWritten > 1, "the lists showing the article were written again");
  assert.deepEqual(["index.html", "sitemap.xml", "feed.xml", ...feeds].map(stamp), before, "Eleventy's pages are kept");
  const fresh = path.join(work, "site-lead-fresh");
  assert.equal(run(["--seeds", dir, "--out", fresh, "--no-cache"]).code, 0);
  assert.deepEqual(snapshot(out), snapshot(fresh));
});

test("a few hundred files: progress in plain lines off a terminal, silence with --quiet, the same site on one thread or two", () => {
  const dir = path.join(work, "seeds-many");
  generateCorpus(320, dir);
  const one = run(["--seeds", dir, "--out", path.join(work, "site-one"), "--no-cache", "--threads", "1"]);
  assert.equal(one.code, 0, one.err);
  assert.match(one.err, /^reading: 320\/320 files read █{24} \d+\.\d s$/m);
  assert.match(one.err, /^articles: 320\/320 files read and tagged █{24} \d+\.\d s$/m);
  assert.match(one.err, /^pages: \d+\/\d+ pages written/m);
  assert.doesNotMatch(one.err, /\r/);
  const two = run(["--seeds", dir, "--out", path.join(work, "site-two"), "--no-cache", "--threads", "2", "--quiet"]);
  assert.equal(two.code, 0, two.err);
  assert.equal(two.err + two.out, "");
  assert.deepEqual(snapshot(path.join(work, "site-two")), snapshot(path.join(work, "site-one")));
  assert.deepEqual(readdirSync(work).filter((f) => f.includes(".spool-")), [], "the file of articles set aside is deleted");
});

test("--strict fails on skipped files and writes nothing", () => {
  const before = snapshot(site);
  const r = run(["--seeds", seeds, "--out", site, "--strict"]);
  assert.equal(r.code, 3);
  assert.match(r.err, /nothing was written/);
  assert.deepEqual(snapshot(site), before);
});

test("a broken template stops the build with the file and line, and the old site stays", () => {
  const proj = copyOfProject();
  const out = path.join(work, "site-template");
  assert.equal(run(["--out", out], proj).code, 0);
  const before = snapshot(out);
  writeFileSync(path.join(proj, "templates", "pages", "event.njk"), read(proj, "templates", "pages", "event.njk").replace("{% for d in event.dates %}", "{% for d in event.dates %}{% if %}"));
  const r = run(["--out", out], proj);
  assert.equal(r.code, 1);
  assert.match(r.err, /event\.njk/);
  assert.match(r.err, /Line \d+/i);
  assert.deepEqual(snapshot(out), before);
  assert.deepEqual(readdirSync(work).filter((n) => n.includes(".tmp-") || n.includes(".old-")), []);
});

test("a broken registry stops the build naming the file and line, and the old site stays", () => {
  const proj = copyOfProject();
  const out = path.join(work, "site-registry");
  assert.equal(run(["--out", out], proj).code, 0);
  const before = snapshot(out);
  writeFileSync(path.join(proj, "registry", "events.yaml"), read(proj, "registry", "events.yaml").replace("dates: [2015-01-22]", "dates: [22-01-2015]"));
  const r = run(["--out", out], proj);
  assert.equal(r.code, 1);
  assert.match(r.err, /events\.yaml:\d+: event "london-coalition-2015": date "22-01-2015"/);
  assert.deepEqual(snapshot(out), before);
});

test("an unwritable output or a folder that is not ours stops the build", () => {
  const file = path.join(work, "a-file");
  writeFileSync(file, "x");
  const r = run(["--seeds", seeds, "--out", path.join(file, "site")]);
  assert.equal(r.code, 1);
  assert.match(r.err, /cannot write the output folder/);
  const foreign = path.join(work, "foreign");
  mkdirSync(foreign);
  writeFileSync(path.join(foreign, "precious.txt"), "keep me");
  const f = run(["--seeds", seeds, "--out", foreign]);
  assert.equal(f.code, 1);
  assert.match(f.err, /did not write/);
  assert.equal(read(foreign, "precious.txt"), "keep me");
  assert.ok(statSync(site).isDirectory());
});
