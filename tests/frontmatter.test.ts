// Front matter the way Hugo and Eleventy users write it (draft, tags/keywords, author(s), image, description/
// summary, updated/lastmod, unknown keys), the files a Markdown article links to, and `npm run new`.
// The corpus is tests/fixtures/front-matter/: short articles written for these tests, two tiny PNGs and a CSV.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, build } from "./support/site.ts";
import { frontMatter, parseSeed, vetAssets } from "../src/ingest/index.ts";
import { articleFiles, buildArchive, localFile, PAGE_SIZE } from "../src/archive/index.ts";
import { newArticle, newFileName } from "../src/new.ts";
import { article, registry } from "./helpers.ts";

const FIXTURES = path.join(ROOT, "tests", "fixtures", "front-matter");
let work: string;
let seeds: string;
let site: string;
let summary: string;
const SECRET = "كلمة سر لا يجوز أن تُنسخ";

const read = (...p: string[]) => readFileSync(path.join(site, ...p), "utf8");
/** Every file under a folder, relative. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));

before(() => {
  work = mkdtempSync(path.join(tmpdir(), "front-matter-"));
  seeds = path.join(work, "articles");
  cpSync(FIXTURES, seeds, { recursive: true });
  // A link inside the folder that leads out of it: never followed, never copied.
  writeFileSync(path.join(work, "secret.png"), SECRET);
  symlinkSync(path.join(work, "secret.png"), path.join(seeds, "img", "link.png"));
  site = path.join(work, "site");
  const r = build(["--seeds", seeds, "--out", site, "--base", "/news/", "--site-url", "https://news.example.org", "--no-cache"]);
  assert.equal(r.code, 0, r.err + r.out);
  summary = r.out;
});

after(() => rmSync(work, { recursive: true, force: true }));

test("front matter: every key is read as Hugo and Eleventy users write it", () => {
  const warnings: string[] = [];
  const { meta } = frontMatter(
    ["---", "title: عنوان", "draft: true", 'keywords: "قمة العشرين، الطاقة, النفط"', "author: سارة الأحمد", "image: img/a.png", "image_alt: وصف الصورة",
      "image_caption: تعليق", "summary: ملخص المقال", "lastmod: 2015-11-18", "weight: 3", "---", "نص"].join("\n"),
    warnings,
  );
  assert.deepEqual(meta, {
    title: "عنوان", draft: true, tags: ["قمة العشرين", "الطاقة", "النفط"], authors: ["سارة الأحمد"], image: "img/a.png", imageAlt: "وصف الصورة",
    imageCaption: "تعليق", description: "ملخص المقال", updated: "2015-11-18", unknownKeys: ["weight"],
  });
  assert.deepEqual(warnings, []);
  const other: string[] = [];
  const second = frontMatter(["---", "tags: [الاقتصاد, الاقتصاد]", "authors: [سارة الأحمد, Omar Khaled]", "draft: ربما", "updated: أمس", "description: وصف", "---", "نص"].join("\n"), other);
  assert.deepEqual(second.meta, { tags: ["الاقتصاد"], authors: ["سارة الأحمد", "Omar Khaled"], description: "وصف" });
  assert.deepEqual(other, [
    'front matter "draft" must be true or false, not "ربما"; the article is published',
    'front matter "updated" "أمس" is not a YYYY-MM-DD date; ignored',
  ]);
  // An unknown key is named with its file, once.
  const seed = parseSeed("dir/a.md", Buffer.from("---\ntitle: عنوان المقال\ncategories: [اقتصاد]\n---\nاجتمع وزراء الطاقة في العاصمة لبحث أسعار النفط وتقلبات الأسواق العالمية خلال الشهر الماضي.\n"));
  assert.deepEqual(seed.warnings, ['unknown front matter key "categories" in file dir/a.md']);
});

test("front matter: a value of the wrong kind, two names of one key, and Hugo's TOML are never lost without a word", () => {
  const warnings: string[] = [];
  const { meta } = frontMatter(
    ["---", "title: [عنوان, آخر]", "image: [img/a.png]", "image_alt: { نص: بديل }", "description: true", "byline: [سارة]", "author: كاتب",
      "tags: [الطاقة]", "keywords: النفط، الطاقة", "authors: [سارة الأحمد]", "summary: ملخص", "lastmod: 2015-11-18", "---", "نص"].join("\n"),
    warnings,
  );
  // Lists named twice are both read (tags and keywords, authors and author); of a pair of texts, the first.
  assert.deepEqual(meta, { tags: ["الطاقة", "النفط"], authors: ["سارة الأحمد", "كاتب"], updated: "2015-11-18" });
  assert.deepEqual(warnings.sort(), [
    'front matter "byline" must be text, not a list; ignored',
    'front matter "description" must be text, not true; ignored',
    'front matter "image" must be text, not a list; ignored',
    'front matter "image_alt" must be text, not a mapping; ignored',
    'front matter "title" must be text, not a list; ignored',
    'front matter has both "description" and "summary", which mean the same; "summary" is ignored',
  ]);
  const both: string[] = [];
  assert.equal(frontMatter("---\nupdated: 2015-11-19\nlastmod: 2015-11-18\n---\nنص", both).meta.updated, "2015-11-19");
  assert.deepEqual(both, ['front matter has both "updated" and "lastmod", which mean the same; "lastmod" is ignored']);
  // An empty value is no mistake.
  const empty: string[] = [];
  frontMatter('---\ntitle: ""\nauthor: ""\ndescription:\ntags: []\n---\nنص', empty);
  assert.deepEqual(empty, []);
  // Hugo's TOML front matter: the file is refused with its reason, not built with the TOML as its text.
  assert.throws(() => parseSeed("toml.md", Buffer.from('+++\ntitle = "عنوان المقال"\ndate = 2015-11-16\n+++\nاجتمع وزراء الطاقة في العاصمة لبحث أسعار النفط وتقلبات الأسواق العالمية.\n')),
    /front matter in another language than YAML \(TOML, between \+\+\+ lines\)/);
  // +++ inside the text is text.
  assert.equal(parseSeed("plus.md", Buffer.from("اجتمع وزراء الطاقة في العاصمة لبحث أسعار النفط وتقلبات الأسواق العالمية.\n+++\nنص\n+++\n")).meta.title, undefined);
});

test("a local file is found relative to the article's file, and a path leaving the articles folder is refused", () => {
  assert.deepEqual(localFile("reports/visit.md", "../img/a.png"), { file: "img/a.png" });
  assert.deepEqual(localFile("reports/visit.md", "صور/قاعة%20المؤتمر.png"), { file: "reports/صور/قاعة المؤتمر.png" });
  assert.ok("refused" in localFile("visit.md", "../secret.txt")!);
  assert.ok("refused" in localFile("reports/visit.md", "../../../etc/passwd")!);
  assert.ok("refused" in localFile("visit.md", "img\\..\\..\\x.png")!);
  for (const elsewhere of ["https://example.org/a.png", "mailto:a@example.org", "/articles/x/", "#h", "//example.org/a.png", "javascript:alert(1)"]) {
    assert.equal(localFile("visit.md", elsewhere), null, elsewhere);
  }
  // vetAssets refuses what localFile would have refused, and a link out of the folder.
  const status = vetAssets(seeds, ["img/summit.png", "img/link.png", "../secret.png", "files/annex.pdf", "img"]);
  assert.deepEqual(status.get("img/summit.png"), { size: readFileSync(path.join(FIXTURES, "img", "summit.png")).length, mtimeMs: (status.get("img/summit.png") as { mtimeMs: number }).mtimeMs });
  assert.deepEqual(status.get("img/link.png"), { problem: "is a link pointing outside the articles folder (not copied)" });
  assert.deepEqual(status.get("../secret.png"), { problem: "is outside the articles folder (not copied)" });
  assert.deepEqual(status.get("files/annex.pdf"), { problem: "is missing" });
  assert.deepEqual(status.get("img"), { problem: "is not a file" });
});

test("a front matter image that leaves the folder or is no file address is refused and never shown", () => {
  assert.deepEqual(articleFiles("news/a.md", "نص", "../../etc/passwd"), { files: [], warnings: ["front matter image ../../etc/passwd leaves the articles folder (not copied)"] });
  assert.deepEqual(articleFiles("news/a.md", "نص", "javascript:alert(1)"), { files: [], warnings: [] });
  for (const image of ["../../etc/passwd", "javascript:alert(1)", "data:image/png;base64,AAAA"]) {
    const a = { ...article("اجتمع وزراء الطاقة في العاصمة لبحث أسعار النفط وتقلبات الأسواق العالمية خلال الشهر الماضي.", { image }, "md"), source: "news/a.md" };
    const archive = buildArchive([a], [], registry, { assets: { root: "/nowhere", status: new Map() } });
    const page = archive.page(archive.articles[0]!);
    assert.equal(page.image, null, image);
    assert.ok(!page.jsonLd.includes("image"), image);
    assert.deepEqual(archive.assets.files, []);
  }
});

test("the summary and the report list the draft, every missing or refused file and every unknown key", () => {
  assert.match(summary, /Built 3 articles/);
  assert.match(summary, /Drafts \(1\), not built \(--drafts builds them\):\n {2}draft-note\.md/);
  for (const line of [
    "energy.md: front matter image img/missing.png is missing",
    'energy.md: unknown front matter key "categories" in file energy.md',
    "reports/visit.md: linked file ../../../../etc/passwd leaves the articles folder (not copied)",
    "reports/visit.md: linked file img/link.png is a link pointing outside the articles folder (not copied)",
    "summit.md: linked file ../../secret.txt leaves the articles folder (not copied)",
    "summit.md: linked file files/annex.pdf is missing",
    'summit.md: unknown front matter key "weight" in file summit.md',
  ]) assert.ok(summary.includes(`  ${line}\n`), line);
  const report = JSON.parse(read("api", "report.json")) as { drafts: string[]; warnings: { source: string; message: string }[] };
  assert.deepEqual(report.drafts, ["draft-note.md"]);
  assert.equal(report.warnings.filter((w) => w.message.startsWith("unknown front matter key")).length, 2);
});

test("a draft is left out of the build; --drafts builds it, marked as a draft and not indexed", () => {
  assert.equal(existsSync(path.join(site, "articles", "draft-note")), false);
  assert.ok(!read("sitemap.xml").includes("draft-note"));
  const drafts = path.join(work, "site-drafts");
  const r = build(["--seeds", seeds, "--out", drafts, "--drafts", "--no-cache"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Built 4 articles/);
  assert.match(r.out, /Drafts \(1\), built and marked as drafts:/);
  const html = readFileSync(path.join(drafts, "articles", "draft-note", "index.html"), "utf8");
  assert.match(html, /<p class="draft" role="note"><strong>مسودة<\/strong>/);
  assert.match(html, /<meta name="robots" content="noindex">/);
  // A page that asks not to be indexed is not in the sitemap; the others are.
  const sitemap = readFileSync(path.join(drafts, "sitemap.xml"), "utf8");
  assert.ok(!sitemap.includes("/articles/draft-note/"), sitemap);
  assert.ok(sitemap.includes("/articles/summit/</loc>"), sitemap);
  assert.ok(!readFileSync(path.join(drafts, "articles", "summit", "index.html"), "utf8").includes('class="draft"'));
  // The lists mark it too, and it alone.
  const list = readFileSync(path.join(drafts, "articles", "index.html"), "utf8");
  assert.match(list, /<a href="\/articles\/draft-note\/">[^<]+<\/a>\s*<span class="meta"><strong class="draft-mark">مسودة<\/strong> · /);
  assert.equal(list.match(/class="draft-mark"/g)?.length, 1);
});

test("the article's image is the figure at the top, og:image and the JSON-LD image, copied beside the page", () => {
  const html = read("articles", "summit", "index.html");
  assert.match(html, /<figure class="lead-image">\s*<img src="\/news\/articles\/summit\/img\/summit\.png" alt="قاعة المؤتمرات في أنطاليا قبل الافتتاح">\s*<figcaption>القاعة الرئيسية صباح اليوم الأول<\/figcaption>/);
  assert.match(html, /<meta property="og:image" content="https:\/\/news\.example\.org\/news\/articles\/summit\/img\/summit\.png">/);
  const ld = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/)![1]!) as Record<string, unknown>;
  assert.equal(ld.image, "https://news.example.org/news/articles/summit/img/summit.png");
  assert.equal(ld.dateModified, "2015-11-17");
  assert.deepEqual(ld.author, [{ "@type": "Person", name: "سارة الأحمد", url: "https://news.example.org/news/authors/t-a1b6bb1466/" }]);
  assert.deepEqual(readFileSync(path.join(site, "articles", "summit", "img", "summit.png")), readFileSync(path.join(FIXTURES, "img", "summit.png")));
  // The same image named from a subfolder with "..": copied under _/ beside that page.
  assert.match(read("articles", "visit", "index.html"), /<img src="\/news\/articles\/visit\/_\/img\/summit\.png" alt="">/);
  assert.ok(existsSync(path.join(site, "articles", "visit", "_", "img", "summit.png")));
  // A missing image: no figure, no og:image.
  const energy = read("articles", "energy", "index.html");
  assert.ok(!energy.includes("<figure") && !energy.includes("og:image"));
});

test("images and files the Markdown links to are copied and linked under --base; missing and refused ones are text", () => {
  const html = read("articles", "summit", "index.html");
  assert.match(html, /<img src="\/news\/articles\/summit\/img\/hall\.png" alt="صورة القاعة من الداخل" loading="lazy">/);
  assert.match(html, /<a href="\/news\/articles\/summit\/files\/growth\.csv">جدول أرقام النمو<\/a>/);
  assert.deepEqual(readFileSync(path.join(site, "articles", "summit", "files", "growth.csv"), "utf8"), readFileSync(path.join(FIXTURES, "files", "growth.csv"), "utf8"));
  assert.match(html, /وأرفقت ملحقاً لم يصل بعد\./);
  assert.match(html, /وحاول أحدهم إدراج ملف من خارج المجلد فلم يُنسخ\./);
  const visit = read("articles", "visit", "index.html");
  assert.match(visit, /<p>صورة عبر رابط رمزي<\/p>/);
  assert.match(visit, /وأرفق المنظمون دليل المركز في رسالتهم/);
  // Nothing from outside the articles folder reached the site.
  for (const f of filesUnder(site)) {
    assert.ok(!readFileSync(path.join(site, f)).includes(Buffer.from(SECRET)), f);
    assert.ok(!f.includes("secret") && !f.includes("passwd") && !f.endsWith("link.png"), f);
  }
});

test("description is the meta description and the excerpt in lists; updated is shown and used in feeds and the sitemap", () => {
  const energy = read("articles", "energy", "index.html");
  assert.match(energy, /<meta name="description" content="ما قاله وزراء الطاقة عن تقلبات الأسعار على هامش القمة\.">/);
  assert.match(energy, /حُدّث في <time datetime="2015-11-18">18 نوفمبر \(تشرين الثاني\) 2015<\/time>/);
  assert.match(read("articles", "index.html"), /<p class="excerpt">ملخص كتبه المحرر عن أول أيام القمة ونقاشات النمو\.<\/p>/);
  assert.match(read("sitemap.xml"), /<loc>https:\/\/news\.example\.org\/news\/articles\/energy\/<\/loc><lastmod>2015-11-18<\/lastmod>/);
  assert.match(read("sitemap.xml"), /<loc>https:\/\/news\.example\.org\/news\/articles\/visit\/<\/loc><lastmod>2015-11-14<\/lastmod>/);
  const feed = read("feed.xml");
  assert.match(feed, /<id>https:\/\/news\.example\.org\/news\/articles\/energy\/<\/id>\s*<updated>2015-11-18T00:00:00Z<\/updated>/);
  assert.match(feed, /<feed[^>]*>[\s\S]*?<updated>2015-11-18T00:00:00Z<\/updated>/);
});

test("tags: a page per tag (spellings grouped after folding, shown as written), linked from each article, with a feed and in the sitemap", () => {
  const tags = JSON.parse(read("api", "tags.json")) as { id: string; url: string; name: string; spellings: string[]; articles: string[] }[];
  // قمة العشرين and قمّة العشرين (with a shadda) are one tag; keywords count as tags.
  const g20 = tags.find((t) => t.spellings.includes("قمة العشرين"))!;
  assert.deepEqual(g20.spellings.sort(), ["قمة العشرين", "قمّة العشرين"]);
  assert.deepEqual(g20.articles.sort(), ["energy", "summit"]);
  assert.deepEqual(tags.map((t) => t.articles.length).sort(), [1, 2, 2]);
  const page = read("tags", g20.id, "index.html");
  assert.match(page, /<a href="\/news\/articles\/energy\/">وزراء الطاقة يبحثون تقلبات الأسواق<\/a>/);
  assert.match(page, /<a href="\/news\/articles\/summit\/">/);
  assert.match(page, /<link rel="alternate" type="application\/atom\+xml" href="\/news\/tags\/[^"]+\/feed\.xml"/);
  // Each article links the tag in its own spelling.
  assert.match(read("articles", "summit", "index.html"), new RegExp(`<a href="/news/tags/${g20.id}/" rel="tag">قمة العشرين</a>`));
  assert.match(read("articles", "energy", "index.html"), new RegExp(`<a href="/news/tags/${g20.id}/" rel="tag">قمّة العشرين</a>`));
  const feed = read("tags", g20.id, "feed.xml");
  assert.equal(feed.match(/<entry>/g)?.length, 2);
  assert.ok(read("sitemap.xml").includes(`<loc>https://news.example.org/news/tags/${g20.id}/</loc>`));
  assert.match(read("tags", "index.html"), /الاقتصاد العالمي/);
});

test("authors: the byline links each author to a page listing their articles", () => {
  const authors = JSON.parse(read("api", "authors.json")) as { id: string; name: string; articles: string[] }[];
  assert.deepEqual(authors.map((a) => [a.name, a.articles.sort()]), [["سارة الأحمد", ["energy", "summit"]], ["Omar Khaled", ["energy"]], ["عمر خالد", ["visit"]]]);
  const energy = read("articles", "energy", "index.html");
  assert.match(energy, /<dd class="byline"><a href="\/news\/authors\/t-a1b6bb1466\/">سارة الأحمد<\/a>، <a href="\/news\/authors\/omar-khaled\/">Omar Khaled<\/a><\/dd>/);
  const page = read("authors", "t-a1b6bb1466", "index.html");
  assert.match(page, /<h1>سارة الأحمد<\/h1>/);
  assert.match(page, /<a href="\/news\/articles\/energy\/">/);
  assert.match(page, /<a href="\/news\/articles\/summit\/">/);
  assert.ok(read("sitemap.xml").includes("<loc>https://news.example.org/news/authors/omar-khaled/</loc>"));
  const api = JSON.parse(read("api", "articles.json")) as { id: string; authors?: string[]; tags?: string[] }[];
  assert.deepEqual(api.find((a) => a.id === "energy")!.authors, ["سارة الأحمد", "Omar Khaled"]);
});

test("a tag's articles are paginated like an actor's", () => {
  const articles = Array.from({ length: PAGE_SIZE + 3 }, (_, i) => ({
    ...article(`مقال رقم ${i + 1} عن أسواق النفط وتقلبات الأسعار في الأسبوع الماضي، كتبه المحرر للاختبار.`, { tags: [i % 2 ? "النفط" : "النّفط"], date: "2015-11-01" }, "md"),
    source: `a${String(i).padStart(2, "0")}.md`,
  }));
  const archive = buildArchive(articles, [], registry);
  assert.equal(archive.tags.length, 1);
  assert.deepEqual(archive.tagPages.map((p) => [p.list.url, p.list.items.length]), [[archive.tags[0]!.url, PAGE_SIZE], [`${archive.tags[0]!.url}page/2/`, 3]]);
});

test("npm run new writes a dated Markdown article with the usual front matter and never overwrites", () => {
  const dir = path.join(work, "new-articles");
  const now = new Date(2026, 11, 6, 10, 0);
  const first = newArticle(dir, "  عنوان   المقال ", now);
  assert.equal(path.basename(first), "2026-12-06.md");
  const seed = parseSeed("2026-12-06.md", readFileSync(first));
  assert.deepEqual(seed.meta, { title: "عنوان المقال", date: "2026-12-06", draft: true });
  assert.deepEqual(seed.warnings, []);
  writeFileSync(first, "نص كتبه المحرر");
  const second = newArticle(dir, "عنوان المقال", now);
  assert.equal(path.basename(second), "2026-12-06-2.md");
  assert.equal(readFileSync(first, "utf8"), "نص كتبه المحرر");
  assert.equal(newFileName("G20 summit: day 1", "2026-12-06", 1), "2026-12-06-g20-summit-day-1.md");
  assert.throws(() => newArticle(dir, "   ", now), /give the article a title/);
  // Through the command line, into --seeds.
  const cli = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "cli.ts"), "new", "قمة", "الطاقة", "--seeds", dir], { cwd: ROOT, encoding: "utf8" });
  assert.equal(cli.status, 0, cli.stderr);
  assert.match(cli.stdout, /^Wrote .*\d{4}-\d{2}-\d{2}(-\d+)?\.md /);
  const written = path.join(dir, cli.stdout.match(/(\d{4}-\d{2}-\d{2}(?:-\d+)?\.md)/)![1]!);
  assert.match(readFileSync(written, "utf8"), /^---\ntitle: "قمة الطاقة"\ndate: \d{4}-\d{2}-\d{2}\ndraft: true\n/);
  const none = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "cli.ts"), "new", "--seeds", dir], { cwd: ROOT, encoding: "utf8" });
  assert.equal(none.status, 1);
  assert.match(none.stderr, /give the article a title/);
});
