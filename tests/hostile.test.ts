// Bad input, nothing lost: every hostile seed gets its message, every good article is built, and
// nothing is written outside the output folder.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "./support/site.ts";
import { makeHostileSeeds, type Expectation } from "./support/hostile.ts";

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

after(() => rmSync(work, { recursive: true, force: true }));

test("the build succeeds despite the hostile files", () => {
  assert.equal(result.code, 0, result.err);
});

test("each bad file is named with the reason it was skipped", () => {
  for (const e of expected.filter((x) => x.reason)) {
    const s = report.skipped.find((x) => x.source === e.source);
    assert.ok(s, `${e.source} is not in the report`);
    assert.match(s.reason, e.reason!, e.source);
    assert.ok(result.out.includes(e.source), `${e.source} is not in the printed summary`);
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
