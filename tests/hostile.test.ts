// Bad input, nothing lost: every hostile seed gets its message, every good article is built, and
// nothing is written outside the output folder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { NODE_FLAGS, ROOT, build } from "./support/site.ts";
import { BIDI, CAN_LOCK, CONTROL_TITLE, FENCES, TERMINAL_NAME, TERMINAL_SKIPPED, makeHostileSeeds, type Expectation } from "./support/hostile.ts";
import { printable } from "../src/printable.ts";

let work: string;
let out: string;
let expected: Expectation[];
let result: ReturnType<typeof build>;
let report: { skipped: { source: string; reason: string }[]; duplicates: { source: string; duplicateOf: string }[]; warnings: { source: string; message: string }[] };
let articles: { id: string; source: string; title: string }[];

before(() => {
  work = mkdtempSync(path.join(tmpdir(), "hostile-"));
  const seeds = path.join(work, "seeds");
  expected = makeHostileSeeds(seeds);
  out = path.join(work, "out", "site");
  result = build(["--seeds", seeds, "--out", out]);
  report = JSON.parse(readFileSync(path.join(out, "api", "report.json"), "utf8"));
  articles = JSON.parse(readFileSync(path.join(out, "api", "articles.json"), "utf8"));
});

after(() => {
  if (CAN_LOCK) chmodSync(path.join(work, "seeds", "locked"), 0o755);
  rmSync(work, { recursive: true, force: true });
});

/** Every file under `dir`, relative. */
function walk(dir: string, rel = ""): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(dir, path.join(rel, e.name)) : [path.join(rel, e.name)]));
}

/** The page of the article built from `source`. */
const pageOf = (source: string) => readFileSync(path.join(out, "articles", articles.find((a) => a.source === source)!.id, "index.html"), "utf8");

/** The characters no reader may see: C0 but tab/newline, DEL, C1, Bidi embedding/override/isolate, U+FFFE/FFFF, lone surrogates. */
const UNSEEN = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

test("the build succeeds despite the hostile files", () => {
  assert.equal(result.code, 0, result.err);
});

test("each bad file is named with the reason it was skipped", () => {
  for (const e of expected.filter((x) => x.reason)) {
    const s = report.skipped.find((x) => x.source === e.source);
    assert.ok(s, `${e.source} is not in the report`);
    assert.match(s.reason, e.reason!, e.source);
    assert.ok(result.out.includes(`  ${printable(e.source)}: ${printable(s.reason)}`), `${e.source} is not in the printed summary`);
  }
});

test("every good article is built, nested 50 deep, with spaces or Arabic in its name, in UTF-16", () => {
  for (const e of expected.filter((x) => !x.reason)) {
    const a = articles.find((x) => x.source === e.source);
    assert.ok(a, `${e.source} was not built`);
    assert.ok(existsSync(path.join(out, "articles", a.id, "index.html")), a.id);
    assert.match(a.id, /^[a-z0-9-]+$/, "ASCII URL");
  }
});

test("warnings name the file and what was done: slugs, long titles, unknown ids, UTF-16", () => {
  for (const e of expected.filter((x) => x.warning)) {
    assert.ok(report.warnings.some((w) => w.source === e.source && e.warning!.test(w.message)), `${e.source}: ${JSON.stringify(report.warnings.filter((w) => w.source === e.source))}`);
  }
  assert.ok(report.warnings.some((w) => w.source === "unknown-ids.md" && /unknown actor "nobody-at-all"/.test(w.message)));
  const long = articles.find((a) => a.source === "long-title.md")!;
  assert.ok(long.title.length <= 301, `title of ${long.title.length} characters`);
});

test("two files with the same text are one article; the report names the duplicate", () => {
  assert.deepEqual(report.duplicates, [{ source: "dup-b.txt", duplicateOf: "dup-a.txt" }]);
  assert.ok(!articles.some((a) => a.source === "dup-b.txt"));
});

test("a slug with ../ or an absolute path never writes outside the output folder", () => {
  assert.deepEqual(readdirSync(path.join(work, "out")).sort(), ["site"]);
  assert.ok(!existsSync(path.join(work, "outside")));
  assert.ok(!existsSync("/tmp/absolute-slug"));
  assert.ok(existsSync(path.join(out, "articles", "outside", "index.html")));
  assert.ok(existsSync(path.join(out, "articles", "tmp-absolute-slug", "index.html")));
});

test("HTML and script from the input are shown as text, never as markup", () => {
  for (const source of ["html-front-matter.md", "html-body.txt"]) {
    const a = articles.find((x) => x.source === source)!;
    const html = readFileSync(path.join(out, "articles", a.id, "index.html"), "utf8");
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)];
    assert.deepEqual(scripts.map((m) => m[1]), [' type="application/ld+json"'], `${source} has a script element`);
    assert.doesNotThrow(() => JSON.parse(scripts[0]![2]!), "the JSON-LD parses");
    assert.ok(!scripts[0]![2]!.includes("<"), "no < inside the JSON-LD");
    assert.ok(!/<img[^>]*onerror/i.test(html), `${source} has an img with onerror`);
    const text = html.replace(/<\/?bdi[^>]*>/g, "");
    assert.ok(text.includes("&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"), `${source} does not show the script as text`);
  }
});

test("front matter in any language but YAML is refused, and nothing in it runs", () => {
  assert.ok(FENCES.length >= 10);
  for (const e of expected.filter((x) => x.marker)) {
    assert.ok(report.skipped.some((x) => x.source === e.source), `${e.source} was not refused`);
    assert.ok(!existsSync(e.marker!), `${e.source} ran code: ${e.marker} exists`);
  }
  // Nothing was written beside the seeds and the output: no marker, no file of a slug.
  assert.deepEqual(readdirSync(work).sort(), ["out", "seeds"]);
  assert.equal(articles.find((a) => a.source === "fence-yaml.md")!.title, "عنوان بسياج yaml");
  // __proto__ in YAML is a plain key: the title is the file's own.
  assert.equal(articles.find((a) => a.source === "yaml-proto.md")!.title, "عنوان عادي");
});

test("every feed, the sitemap and every JSON file of the site are well-formed", () => {
  const files = walk(out);
  const xml = files.filter((f) => f.endsWith(".xml"));
  const json = files.filter((f) => f.endsWith(".json"));
  const gzipped = files.filter((f) => f.endsWith(".json.gz"));
  assert.ok(xml.includes("sitemap.xml") && xml.includes("feed.xml") && xml.length >= 3, xml.join(" "));
  // The control characters' article has tags: their feeds are among those checked.
  assert.ok(xml.filter((f) => f.startsWith("tags/")).length >= 2, xml.join(" "));
  assert.ok(json.length >= 5, json.join(" "));
  assert.ok(gzipped.length >= 1, "the search index's files");
  for (const f of xml) {
    const text = readFileSync(path.join(out, f), "utf8");
    assert.equal(XMLValidator.validate(text), true, `${f}: ${JSON.stringify(XMLValidator.validate(text))}`);
    assert.ok(!UNSEEN.test(text), `${f} holds a control character`);
  }
  for (const f of json) assert.doesNotThrow(() => JSON.parse(readFileSync(path.join(out, f), "utf8")), f);
  for (const f of gzipped) assert.doesNotThrow(() => JSON.parse(gunzipSync(readFileSync(path.join(out, f))).toString("utf8")), f);
  // The article with control characters in its title is in the main feed, cleaned.
  const feed = readFileSync(path.join(out, "feed.xml"), "utf8");
  assert.ok(feed.includes("<title>قمة [31m العشرين</title>"), "the title with its control characters taken out");
});

test("control characters in front matter, a Markdown body and a text body are taken out of what readers see", () => {
  assert.ok(CONTROL_TITLE.includes("\\x01"));
  for (const source of ["controls.md", "controls.txt"]) {
    const html = pageOf(source);
    assert.ok(!UNSEEN.test(html), `${source}: ${JSON.stringify(html.match(UNSEEN))}`);
  }
  const a = articles.find((x) => x.source === "controls.md")!;
  assert.equal(a.title, "قمة [31m العشرين");
  // Its tags and author have pages of their own: no page of the site holds one either.
  const pages = walk(out).filter((f) => f.endsWith(".html"));
  assert.ok(pages.some((f) => f.startsWith("tags/")) && pages.some((f) => f.startsWith("authors/")), "tag and author pages");
  for (const f of pages) assert.ok(!UNSEEN.test(readFileSync(path.join(out, f), "utf8")), f);
  assert.ok(pageOf("controls.md").includes("حدائق") && pageOf("controls.md").includes("محرر"), "the tags and the author, cleaned");
  assert.ok(pageOf("controls.md").includes("وكالة"));
});

test("Bidi overrides are taken out of titles, bylines, bodies and the file name shown; RLM and ALM stay", () => {
  const source = `bidi${BIDI}.md`;
  const html = pageOf(source);
  assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(html), JSON.stringify(html.match(/.{0,20}[\u202A-\u202E\u2066-\u2069].{0,20}/)));
  assert.ok(html.includes("عنوان مقلوب\u200F"), "the title, its RLM kept");
  assert.ok(html.includes("كاتب"), "the byline");
  assert.ok(html.includes("نص\u061C"), "the body, its ALM kept");
  assert.ok(!html.includes("bidi.md"), "readers are not shown the file name (editors see it in the report and API)");
  assert.ok(!/[\u202A-\u202E\u2066-\u2069]/.test(articles.find((a) => a.source === source)!.title));
  // Editors see the file's real name in the report and the API.
  assert.ok(articles.some((a) => a.source === source));
});

test("file names and slugs are printed safely in the build summary: no escape code, no fake line", () => {
  assert.ok(!result.out.includes("\u001b") && !result.out.includes("\r"), "raw escape codes in the summary");
  assert.ok(!result.out.split("\n").some((l) => l.startsWith("Skipped 0 file(s)") || l.startsWith("fake")), "a fake line in the summary");
  assert.ok(result.out.includes(`  ${printable(TERMINAL_SKIPPED)}: empty file`));
  assert.ok(result.out.includes(String.raw`\u{1b}[2K\rfake\nSkipped 0 file(s):.txt`));
  // The escape code was taken out of the front-matter value; its newline is printed as \n.
  assert.ok(result.out.includes(String.raw`terminal-slug.md: front matter slug "[31mred\nfake" is not a plain ASCII slug; using "31mred-fake"`));
  assert.ok(articles.some((a) => a.source === TERMINAL_NAME && /^[a-z0-9-]+$/.test(a.id)));
});

test("Markdown links to //host, /\\host and \\\\host are external links, like https: links; javascript: is no link", () => {
  const html = pageOf("links.md");
  const links = [...html.matchAll(/<a href="([^"]*)"([^>]*)>([^<]*)<\/a>/g)].filter((m) => m[3]!.startsWith("رابط")).map((m) => [m[3], m[1], m[2]]);
  const external = ' rel="nofollow noopener noreferrer" class="external"';
  assert.deepEqual(links, [
    ["رابط أول", "//evil.example/", external],
    ["رابط ثان", "//evil.example/", external],
    ["رابط ثالث", "//evil.example", external],
    ["رابط رابع", "//evil.example", external],
    ["رابط خامس", "https://example.org/", external],
    ["رابط محلي", "/events/", ' rel="nofollow"'],
    ["رابط سادس", "#", ' rel="nofollow"'],
  ]);
  assert.match(readFileSync(path.join(out, "css", "site.css"), "utf8"), /a\.external::after \{ content: "\\2197"/);
});

test("Nunjucks in front matter and bodies is shown as text, never evaluated", () => {
  const html = pageOf("nunjucks.md");
  assert.ok(html.includes("{{ 7 * 7 }} {% raw %}"), "the title as written");
  assert.ok(html.includes("{{ 6 * 7 }}"), "the body as written");
  assert.ok(!html.includes(">49 ") && !html.includes(" 42<"));
});

test("files of one name in many folders get one slug each; a paragraph of 300 dates is built", () => {
  const slugs = ["same/s1/article.txt", "same/s2/article.txt", "same/s3/article.txt"].map((s) => articles.find((a) => a.source === s)!.id);
  assert.deepEqual(slugs, ["article", "article-2", "article-3"]);
  assert.ok(articles.some((a) => a.source === "dates.txt"));
});

test("special files, hidden ones and unreadable folders are named; a folder named like an article is walked", () => {
  const kinds = ["folder.md", ".hidden.txt", ".drafts"];
  for (const k of kinds) assert.ok(report.skipped.some((s) => s.source === k), k);
  if (!CAN_LOCK) console.log("# running as root: a folder cannot be made unreadable; locked/ is read");
  assert.ok(!report.skipped.some((s) => s.source === ".gitignore"), "a dotfile that is no article file is not listed");
  assert.ok(articles.some((a) => a.source === "folder.md/inside.txt"));
  assert.ok(expected.length >= 50, `${expected.length} cases`);
});

test("--strict counts what the listing did not read", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hostile-strict-"));
  try {
    const seeds = path.join(dir, "seeds");
    mkdirSync(path.join(seeds, "x.md"), { recursive: true });
    writeFileSync(path.join(seeds, "good.txt"), readFileSync(path.join(work, "seeds", "good-one.txt")));
    writeFileSync(path.join(seeds, ".hidden.md"), readFileSync(path.join(work, "seeds", "good-one.txt")));
    const fifo = spawnSync("mkfifo", [path.join(seeds, "pipe.txt")]).status === 0;
    const r = build(["--seeds", seeds, "--out", path.join(dir, "out"), "--strict"]);
    assert.equal(r.code, 3, r.err);
    assert.match(r.err, new RegExp(`--strict: ${fifo ? 3 : 2} skipped and 0 duplicate file\\(s\\); nothing was written`));
    assert.ok(!existsSync(path.join(dir, "out")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("--strict names and counts a folder the user cannot read (run as the user nobody when the tests run as root)", (t) => {
  // Root reads every folder whatever its mode: the build is then run as nobody, if this machine lets it.
  const cli = path.join(ROOT, "src", "cli.ts");
  const asNobody = !CAN_LOCK && spawnSync("runuser", ["-u", "nobody", "--", "test", "-r", cli]).status === 0;
  if (!CAN_LOCK && !asNobody) return t.skip("running as root without runuser: no folder can be unreadable");
  const dir = mkdtempSync(path.join(tmpdir(), "hostile-locked-"));
  try {
    chmodSync(dir, 0o777);
    const seeds = path.join(dir, "seeds");
    mkdirSync(path.join(seeds, "locked", "deeper"), { recursive: true });
    writeFileSync(path.join(seeds, "good.txt"), readFileSync(path.join(work, "seeds", "good-one.txt")));
    writeFileSync(path.join(seeds, "locked", "deeper", "inside.txt"), readFileSync(path.join(work, "seeds", "good-one.txt")));
    chmodSync(path.join(seeds, "locked"), 0o000);
    const args = ["--seeds", seeds, "--out", path.join(dir, "out"), "--no-cache", "--strict"];
    const r = asNobody
      ? spawnSync("runuser", ["-u", "nobody", "--", process.execPath, ...NODE_FLAGS, "--import", "tsx", cli, "build", ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, HOME: dir } })
      : spawnSync(process.execPath, [...NODE_FLAGS, "--import", "tsx", cli, "build", ...args], { cwd: ROOT, encoding: "utf8" });
    assert.equal(r.status, 3, r.stderr);
    assert.ok(r.stderr.includes("  locked: unreadable folder (permission denied): nothing inside it was read\n"), r.stderr);
    assert.match(r.stderr, /--strict: 1 skipped and 0 duplicate file\(s\); nothing was written/);
    assert.ok(!existsSync(path.join(dir, "out")));
  } finally {
    chmodSync(path.join(dir, "seeds", "locked"), 0o755);
    rmSync(dir, { recursive: true, force: true });
  }
});
