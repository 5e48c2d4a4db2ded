// Valid HTML: the Nu Html Checker (npm vnu-jar, run with Java) over every generated page; JSON parses.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import vnu from "vnu-jar";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { missing } from "./support/tools.ts";
import { ROOT, build } from "./support/site.ts";

const skip = missing("java");
let work: string;
let site: string;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), "html-"));
  site = path.join(work, "site");
  const r = build(["--seeds", path.join(ROOT, "seeds"), "--out", site]);
  assert.equal(r.code, 0, r.err);
});

after(() => rmSync(work, { recursive: true, force: true }));

const files = (dir: string, ext: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile() && e.name.endsWith(ext)).map((e) => path.join(e.parentPath, e.name));

test("the Nu Html Checker finds no error in any page", { skip }, () => {
  const pages = files(site, ".html");
  assert.ok(pages.length > 30, `${pages.length} pages`);
  const r = spawnSync("java", ["-jar", String(vnu), "--errors-only", "--format", "gnu", ...pages], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr || r.stdout);
});

test("every JSON file parses", () => {
  for (const f of files(site, ".json")) assert.doesNotThrow(() => JSON.parse(readFileSync(f, "utf8")), f);
});

test("feeds and the sitemap are well-formed XML: Atom in Arabic, one id per feed, every page in the sitemap", () => {
  const xml = files(site, ".xml");
  assert.ok(xml.some((f) => f.endsWith(path.join("site", "feed.xml"))) && xml.some((f) => f.endsWith("sitemap.xml")));
  const parser = new XMLParser({ ignoreAttributes: false });
  const ids = new Set<string>();
  for (const f of xml) {
    const text = readFileSync(f, "utf8");
    assert.equal(XMLValidator.validate(text), true, f);
    if (!f.endsWith("feed.xml")) continue;
    const feed = parser.parse(text).feed;
    assert.equal(feed["@_xmlns"], "http://www.w3.org/2005/Atom", f);
    assert.equal(feed["@_xml:lang"], "ar", f);
    assert.match(feed.updated, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/, f);
    assert.ok(!ids.has(feed.id), `${f} repeats the id ${feed.id}`);
    ids.add(feed.id);
  }
  const all = parser.parse(readFileSync(path.join(site, "feed.xml"), "utf8")).feed;
  const entries = [all.entry].flat();
  assert.equal(entries.length, 5);
  assert.ok(entries.some((e: { title: string }) => e.title === "مؤتمر باريس: روسيا تعتزم مكافحة الإرهاب بدعم عسكري للعراق وسوريا"));
  const sitemap = readFileSync(path.join(site, "sitemap.xml"), "utf8");
  for (const a of JSON.parse(readFileSync(path.join(site, "api", "articles.json"), "utf8"))) assert.ok(sitemap.includes(`<loc>http://localhost:8080${a.url}</loc>`), a.url);
  assert.match(readFileSync(path.join(site, "robots.txt"), "utf8"), /^Sitemap: http:\/\/localhost:8080\/sitemap\.xml$/m);
});
