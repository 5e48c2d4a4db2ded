// Valid HTML: the Nu Html Checker (npm vnu-jar, run with Java) over every generated page; JSON parses.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import vnu from "vnu-jar";
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
