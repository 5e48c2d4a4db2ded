// The editor's settings file: its checks (file, line, key, what is allowed), its defaults, flags over it,
// and a site built with settings of its own, page by page, without a file of src/ or templates/ changed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { ROOT, build } from "./support/site.ts";
import { DEFAULT_URL, SettingsError, loadSettings, localhostWarning, parseSettings } from "../src/settings/index.ts";
import { DEFAULT_STRINGS } from "../src/strings/index.ts";
import { generateTagged } from "./bench/corpus.ts";

let work: string;
before(() => {
  work = mkdtempSync(path.join(tmpdir(), "settings-"));
});
after(() => rmSync(work, { recursive: true, force: true }));

const fails = (yaml: string, ...expected: RegExp[]) => {
  let message = "";
  try {
    parseSettings(yaml, "archive.config.yaml");
  } catch (e) {
    assert.ok(e instanceof SettingsError, String(e));
    message = e.message;
  }
  assert.ok(message, `refused: ${yaml}`);
  for (const r of expected) assert.match(message, r);
};

test("a mistake names the file, the line, the key and what is allowed", () => {
  fails("title: أرشيفي\ndigits: arabic\n", /^archive\.config\.yaml:2:9: digits: /, /"latn" \(0123456789\) or "arab"/);
  fails("calendars:\n  months: syrian\n", /:2:11: calendars\.months: /, /"egyptian".*"levantine".*"both"/);
  fails("calendars:\n  hijri: yes please\n", /:2:10: calendars\.hijri: /, /true or false/);
  fails("menu:\n  - label: الأخبار\n    link: /articles/\n", /:3:5: unknown key "menu\[1\]\.link"/, /label and url/);
  fails("menu:\n  - label: الأخبار\n    url: articles\n", /:3:10: menu\[1\]\.url: /, /a site path such as \/articles\//);
  fails("titel: أرشيفي\n", /:1:1: unknown key "titel"; the keys are title, description, url/);
  fails("strings:\n  home.latst: جديدنا\n", /:2:15: strings\.home\.latst: "home\.latst" is not a key of the dictionary/);
  fails("strings:\n  count.articles: 3 أخبار\n", /:2:19: strings\.count\.articles: must be a counted noun: zero, one, two, few, many, other/);
  fails('strings:\n  count.articles: { zero: لا أخبار, one: خبر واحد, two: خبران, few: أخبار, many: "{n} خبراً", other: "{n} خبر" }\n', /with \{n\} in few, many and other/);
  fails("title: [أرشيفي\n", /^archive\.config\.yaml:\d+(:\d+)?: not valid YAML/);
  fails("title: أ\ntitle: ب\n", /:2(:1)?: not valid YAML: .*[Uu]nique/);
  fails("- title\n", /the settings must be a mapping/);
  // A value the schema lets through but the build cannot use, with its line.
  const file = path.join(work, "bad-url.yaml");
  writeFileSync(file, "title: أرشيفي\nurl: ftp://news.example.org\n");
  assert.throws(() => loadSettings({ config: file }, work), (e: Error) => e instanceof SettingsError && /bad-url\.yaml:2:6: url: "ftp:\/\/news\.example\.org" is not valid; use an http\(s\) address/.test(e.message));
  assert.throws(() => loadSettings({ config: path.join(work, "missing.yaml") }, work), /cannot read the settings file .*missing\.yaml: ENOENT/);
});

test("every key has a default: no file gives the seeds' site as before", () => {
  const s = loadSettings({}, work, "/tool/registry");
  assert.equal(s.file, null);
  assert.equal(s.url, DEFAULT_URL);
  assert.equal(s.base, "/");
  assert.equal(s.articles, path.join(work, "seeds"));
  assert.equal(s.output, path.join(work, "_site"));
  assert.equal(s.registry, "/tool/registry", "no registry/ folder in the project: the tool's own");
  assert.equal(s.site.title, DEFAULT_STRINGS["site.title"]);
  assert.equal(s.site.digits, "latn");
  assert.deepEqual(s.site.calendars, { months: "both", hijri: true });
  assert.deepEqual(s.site.menu.map((m) => m.url), ["/articles/", "/events/", "/actors/", "/archive/"]);
  assert.match(localhostWarning(s)!, /feeds, sitemap and canonical links will point at this machine[\s\S]*url: https:\/\/news\.example\.org/);
});

test("paths in the file are relative to it, flags override the file", () => {
  const dir = path.join(work, "site-a");
  rmSync(dir, { recursive: true, force: true });
  readdirSync(work);
  const file = path.join(work, "a.yaml");
  writeFileSync(file, "url: https://news.example.org/\nbase: archive\narticles: texts\nregistry: my-registry\noutput: public-site\n");
  const s = loadSettings({ config: file }, ROOT);
  assert.equal(s.url, "https://news.example.org");
  assert.equal(s.base, "/archive/");
  assert.equal(s.articles, path.join(work, "texts"));
  assert.equal(s.registry, path.join(work, "my-registry"));
  assert.equal(s.output, path.join(work, "public-site"));
  assert.equal(localhostWarning(s), null);
  const f = loadSettings({ config: file, url: "https://other.example.org", base: "/", articles: "seeds", output: "out" }, ROOT);
  assert.deepEqual([f.url, f.base, f.articles, f.output], ["https://other.example.org", "/", path.resolve("seeds"), path.resolve("out")]);
  // A folder under the home folder, written as in the shell.
  writeFileSync(file, "articles: ~/my-articles\noutput: ~/www/archive\nregistry: x~/y\n");
  const home = loadSettings({ config: file }, ROOT);
  assert.deepEqual([home.articles, home.output, home.registry], [path.join(homedir(), "my-articles"), path.join(homedir(), "www", "archive"), path.join(work, "x~", "y")]);
  // The project's own archive.config.yaml when --config is not given.
  writeFileSync(path.join(work, "archive.config.yaml"), "title: أرشيف المدينة\n");
  assert.equal(loadSettings({}, work).site.title, "أرشيف المدينة");
  rmSync(path.join(work, "archive.config.yaml"));
});

/** Every file under `dir`, relative. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Size and time of every file of src/ and templates/: a build must leave them as they are. */
const toolState = () => ["src", "templates"].flatMap((d) => files(path.join(ROOT, d)).map((f) => {
  const st = statSync(path.join(ROOT, d, f));
  return `${d}/${f} ${st.size} ${st.mtimeMs}`;
}));

const EGYPTIAN_MONTHS = /يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر/;
const LEVANTINE_MONTHS = /كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول/;

/** The settings of a Levantine newsroom's archive (every test site of them adds its articles and output). */
const SHAM = [
  "# The settings of a Levantine newsroom's archive.",
  "title: أرشيف صحيفة الشام",
  "description: أخبار الشام مصنفة بحسب الحدث والفاعلين.",
  "url: https://sham.example.org",
  "digits: arab",
  "calendars:",
  "  months: levantine",
  "  hijri: false",
  "menu:",
  "  - label: كل الأخبار",
  "    url: /articles/",
  "  - label: البحث",
  "    url: /search/",
  "footer: تصدر عن دار الشام للنشر.",
  "licence: النصوص بترخيص المشاع الإبداعي.",
  "strings:",
  "  site.searchButton: ابحث الآن",
  '  count.articles: { zero: لا أخبار بعد, one: خبر واحد, two: خبران, few: "{n} أخبار", many: "{n} خبراً", other: "{n} خبر" }',
];

/** Every page of a site built with SHAM shows its title, menu, words, footer, address, months and digits. */
function assertShamPages(out: string): string[] {
  const pages = files(out).filter((f) => f.endsWith(".html"));
  const arabic = /[٠-٩]/;
  for (const p of pages) {
    const html = readFileSync(path.join(out, p), "utf8");
    assert.match(html, /<title>(?:[^<]+ — )?أرشيف صحيفة الشام<\/title>/, p);
    assert.match(html, /<meta name="description" content="[^"]+">/, p);
    assert.match(html, /<a class="brand" href="\/">أرشيف صحيفة الشام<\/a>/, p);
    const nav = html.match(/<nav aria-label="[^"]+">([\s\S]*?)<\/nav>/)![1]!;
    assert.deepEqual([...nav.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]), [["/articles/", "كل الأخبار"], ["/search/", "البحث"]], p);
    assert.match(html, /<button type="submit">ابحث الآن<\/button>/, p);
    assert.match(html, /<footer class="site-footer">\s*<p>تصدر عن دار الشام للنشر\.<\/p>\s*<p class="licence">النصوص بترخيص المشاع الإبداعي\.<\/p>/, p);
    assert.match(html, /<link rel="canonical" href="https:\/\/sham\.example\.org\//, p);
    assert.doesNotMatch(html, /localhost|npm run build|\.txt<|<code>/, p);
    assert.doesNotMatch(html, /class="hijri"|هـ</, `${p}: Hijri is off`);
    // Dates: Levantine month names, Arabic-Indic digits.
    for (const [, text] of html.matchAll(/<time datetime="[^"]+">([^<]+)<\/time>/g)) {
      assert.match(text!, LEVANTINE_MONTHS, `${p}: ${text}`);
      assert.doesNotMatch(text!, EGYPTIAN_MONTHS, `${p}: ${text}`);
      assert.doesNotMatch(text!, /[0-9]/, `${p}: ${text}`);
      assert.match(text!, arabic);
    }
    // The numbers and months the site shows: counts, page numbers, the charts' words, the lead paragraphs
    // and headings (a month's page).
    const shown = [
      ...html.matchAll(/<span class="count">([^<]*)<\/span>/g),
      ...html.matchAll(/<nav class="pager"[\s\S]*?<\/nav>/g),
      ...html.matchAll(/<p class="lead">([\s\S]*?)<\/p>/g),
      ...html.matchAll(/<(?:desc|text)[^>]*>([^<]*)<\/(?:desc|text)>/g),
      ...html.matchAll(/<rect[^>]*><title>([^<]*)<\/title>/g),
      ...(p.startsWith("archive/") ? html.matchAll(/<(?:h1|h2|title)[^>]*>([\s\S]*?)<\/(?:h1|h2|title)>/g) : []),
    ].map((m) => (m[1] ?? m[0]).replace(/<[^>]+>/g, "").replace(/"[^"]*"/g, ""));
    for (const s of shown) {
      assert.doesNotMatch(s, /[0-9]/, `${p}: ${s}`);
      assert.doesNotMatch(s, EGYPTIAN_MONTHS, `${p}: ${s}`);
    }
  }
  return pages;
}

test("a site with its own settings file: its title, url, digits, months, menu and words on every page, feed and the sitemap", () => {
  const config = path.join(work, "sham.yaml");
  const out = path.join(work, "sham-site");
  writeFileSync(config, [...SHAM, `articles: ${path.join(ROOT, "seeds")}`, "output: sham-site", ""].join("\n"));
  const before = toolState();
  const r = build(["--config", config, "--no-cache"]);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.err, /localhost/, "a public address: no warning");
  assert.deepEqual(toolState(), before, "no file under src/ or templates/ changed");

  const all = files(out);
  const pages = assertShamPages(out);
  assert.ok(pages.length > 40, `${pages.length} pages`);
  const home = readFileSync(path.join(out, "index.html"), "utf8");
  assert.match(home, /<p class="lead">في الأرشيف ٥ أخبار، عن ٣ أحداث، ويُذكر فيه ٢٧ فاعلاً\.<\/p>/, "the overridden noun, agreeing, in Arabic-Indic digits");
  assert.match(home, /<h1>أرشيف صحيفة الشام<\/h1>/);
  assert.match(home, /<meta name="description" content="أخبار الشام مصنفة بحسب الحدث والفاعلين\.">/);
  // One seed has a date of its own (November 2015); no event dates the others.
  assert.match(home, /<text class="tick"[^>]*>تشرين الثاني ٢٠١٥<\/text>/);
  const archive = readFileSync(path.join(out, "archive", "index.html"), "utf8");
  assert.match(archive, /<h2 id="y-2015">٢٠١٥ <span class="count">خبر واحد<\/span><\/h2>/);
  assert.match(archive, />تشرين الثاني ٢٠١٥<\/a> <span class="count">خبر واحد<\/span>/);
  assert.match(archive, /أما المقالات التي لا تاريخ لها \(٤ أخبار\)/);
  const event = readFileSync(path.join(out, "events", "g20-antalya-2015", "index.html"), "utf8");
  assert.match(event, /المقالات عنه: خبران\./);
  assert.match(event, /<title>باراك أوباما وفلاديمير بوتين: خبران<\/title>/);
  const search = readFileSync(path.join(out, "search", "index.html"), "utf8");
  const strings = JSON.parse(search.match(/<script type="application\/json" id="search-strings">(.*?)<\/script>/)![1]!);
  assert.equal(strings.digits, "arab");
  assert.equal(strings.results.few, "{n} نتائج");
  assert.equal(strings.all, "الكل");

  // Feeds and the sitemap: the site's title and address.
  const feeds = all.filter((f) => f.endsWith("feed.xml"));
  assert.ok(feeds.length > 10);
  for (const f of feeds) {
    const xml = readFileSync(path.join(out, f), "utf8");
    assert.match(xml, /<title>[^<]*أرشيف صحيفة الشام[^<]*<\/title>/, f);
    assert.match(xml, /<author><name>أرشيف صحيفة الشام<\/name><\/author>/, f);
    for (const [, href] of xml.matchAll(/(?:<link href="|<id>)([^"<]+)/g)) assert.match(href!, /^https:\/\/sham\.example\.org\//, `${f}: ${href}`);
    assert.doesNotMatch(xml, /localhost/, f);
  }
  assert.match(readFileSync(path.join(out, "feed.xml"), "utf8"), /<title>أرشيف صحيفة الشام — أحدث المقالات<\/title>/);
  const sitemap = readFileSync(path.join(out, "sitemap.xml"), "utf8");
  const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  assert.ok(locs.length > 30);
  for (const l of locs) assert.match(l, /^https:\/\/sham\.example\.org\//);
  assert.match(readFileSync(path.join(out, "robots.txt"), "utf8"), /Sitemap: https:\/\/sham\.example\.org\/sitemap\.xml/);
});

test("tag and author pages in the settings' words and digits, their feeds under the site's title", () => {
  const seeds = path.join(work, "tagged");
  generateTagged(25, seeds);
  const config = path.join(work, "tagged.yaml");
  const out = path.join(work, "tagged-site");
  // The same settings, and one more string of the tag pages.
  writeFileSync(config, [...SHAM, '  tag.title: "موضوع: {tag}"', `articles: ${seeds}`, "output: tagged-site", ""].join("\n"));
  const r = build(["--config", config, "--no-cache", "--quiet"]);
  assert.equal(r.code, 0, r.err);
  const pages = assertShamPages(out);
  for (const kind of ["tags/", "authors/"]) assert.ok(pages.filter((p) => p.startsWith(kind)).length > 3, `${kind} pages checked`);
  assert.ok(pages.some((p) => /^archive\/\d{4}\/\d{2}\//.test(p)), "a month's page checked");
  const read = (...p: string[]) => readFileSync(path.join(out, ...p), "utf8");
  const idOf = (folder: string, name: string) => (JSON.parse(read("api", `${folder}.json`)) as { id: string; name: string }[]).find((t) => t.name === name)!.id;

  const energy = read("tags", idOf("tags", "الطاقة"), "index.html");
  assert.match(energy, /<title>موضوع: الطاقة — أرشيف صحيفة الشام<\/title>/, "the overridden string in the title");
  assert.match(energy, /<h1>موضوع: الطاقة<\/h1>/);
  assert.match(energy, /<p>بهذا الوسم ١١ خبراً\.<\/p>/, "the overridden noun, agreeing, in Arabic-Indic digits");
  assert.match(energy, /<meta name="description" content="الطاقة: [^"]+">/);
  const economy = idOf("tags", "الاقتصاد");
  assert.match(read("tags", economy, "index.html"), /<p>بهذا الوسم ٢٥ خبراً\. الصفحة الأولى من اثنتين\.<\/p>/);
  const second = read("tags", economy, "page", "2", "index.html");
  assert.match(second, /<title>موضوع: الاقتصاد — الصفحة الثانية — أرشيف صحيفة الشام<\/title>/);
  assert.match(second, /<span aria-current="page">٢<\/span>/);
  assert.match(read("tags", economy, "feed.xml"), /<title>الاقتصاد — أرشيف صحيفة الشام<\/title>/);
  const g20 = read("tags", idOf("tags", "قمّة العشرين"), "index.html");
  assert.match(g20, /<p>يُكتب أيضاً: قمة العشرين<\/p>/);
  assert.match(g20, /<p>بهذا الوسم خبران\.<\/p>/);

  const tags = read("tags", "index.html");
  assert.match(tags, /الأكثر مقالات أولاً: ٥ وسوم\./);
  for (const count of ["٢٥ خبراً", "١١ خبراً", "٣ أخبار", "خبران", "خبر واحد"]) assert.match(tags, new RegExp(`</a></h2> <p>${count}</p>`), count);
  assert.match(read("authors", "index.html"), /الأكثر مقالات أولاً: ٤ كتّاب\./);
  const sara = read("authors", idOf("authors", "سارة الأحمد"), "index.html");
  assert.match(sara, /<p>٢٠ خبراً بقلم سارة الأحمد\.<\/p>/);
  assert.match(read("authors", idOf("authors", "هند سالم"), "index.html"), /<p>خبر واحد بقلم هند سالم\.<\/p>/);
  for (const page of [energy, second, sara]) assert.match(page, /<time datetime="[^"]+">[٠-٩]+ [^<0-9]+ [٠-٩]+<\/time>/, "dates in Arabic-Indic digits");
});

test("the editor's own registry folder, named by the settings: an actor and an event added there get their pages", () => {
  const dir = path.join(work, "homs");
  cpSync(path.join(ROOT, "registry"), path.join(dir, "our-registry"), { recursive: true });
  const add = (file: string, text: string) => writeFileSync(path.join(dir, "our-registry", file), readFileSync(path.join(dir, "our-registry", file), "utf8") + text);
  add("actors.yaml", [
    "", "- id: salma-darwish", "  kind: person", "  gender: female", "  name: { ar: سلمى درويش, en: Salma Darwish }",
    "  variants: [سلمى درويش]", "  titles: [محافظة حمص]", ""].join("\n"));
  add("events.yaml", [
    "", "  - id: homs-book-fair-2016", "    name: { ar: معرض حمص للكتاب, en: Homs Book Fair }", "    dates: [2016-04-10, 2016-04-20]",
    '    place: { ar: حمص، سوريا, en: "Homs, Syria" }', "    phrases:", "      - { text: معرض حمص للكتاب, weight: 6, own: true }",
    "    places: [حمص]", "    gatherings: [معرض, المعرض]", "    window: { before: 30, after: 30 }", "    participants: [salma-darwish]", ""].join("\n"));
  mkdirSync(path.join(dir, "texts"));
  writeFileSync(path.join(dir, "texts", "fair.md"), [
    "---", "title: افتتاح معرض حمص للكتاب بمشاركة مئة دار نشر", "date: 2016-04-10", "---",
    "افتتحت محافظة حمص سلمى درويش صباح الأحد معرض حمص للكتاب في دورته الأولى، بمشاركة مئة دار نشر من سوريا ولبنان والأردن.", "",
    'وقالت سلمى درويش في كلمة الافتتاح إن المعرض "نافذة للقراء على ما يُنشر في المنطقة"، مضيفة أن الدورة المقبلة ستكون أوسع.', "",
  ].join("\n"));
  writeFileSync(path.join(dir, "archive.config.yaml"), "url: https://homs.example.org\narticles: texts\nregistry: our-registry\noutput: site\n");
  const before = toolState();
  const r = build(["--config", path.join(dir, "archive.config.yaml"), "--no-cache", "--quiet"]);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(toolState(), before, "no file under src/ or templates/ changed");
  const read = (...p: string[]) => readFileSync(path.join(dir, "site", ...p), "utf8");
  const event = read("events", "homs-book-fair-2016", "index.html");
  assert.match(event, /<h1>معرض حمص للكتاب<\/h1>/);
  assert.match(event, /href="\/articles\/fair\/"/, "the article is about the editor's event");
  assert.match(event, /href="\/actors\/salma-darwish\/"/);
  const actor = read("actors", "salma-darwish", "index.html");
  assert.match(actor, /<h1>سلمى درويش<\/h1>/);
  assert.match(actor, /نافذة للقراء على ما يُنشر في المنطقة/, "her quote on her page");
  assert.match(read("articles", "fair", "index.html"), /href="\/events\/homs-book-fair-2016\/"/);
  // The project's registry was not touched: its actors do not know her.
  assert.doesNotMatch(readFileSync(path.join(ROOT, "registry", "actors.yaml"), "utf8"), /salma-darwish/);
});

test("the default address builds with one warning saying what will point at localhost and how to set url", () => {
  const r = build(["--seeds", path.join(ROOT, "seeds"), "--out", path.join(work, "local-site"), "--no-cache"]);
  assert.equal(r.code, 0, r.err);
  const warnings = r.err.match(/warning:/g) ?? [];
  assert.equal(warnings.length, 1, r.err);
  assert.match(r.err, /http:\/\/localhost:8080: its feeds, sitemap and canonical links will point at this machine/);
  assert.match(r.err, /`url: https:\/\/news\.example\.org` in archive\.config\.yaml \(or --site-url\)/);
  const bad = path.join(work, "bad.yaml");
  writeFileSync(bad, "title: أرشيفي\ndigits: hindi\n");
  const refused = build(["--config", bad, "--out", path.join(work, "bad-site")]);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /bad\.yaml:2:9: digits: .*allowed: "latn"/);
});
