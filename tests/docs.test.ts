// The user's manual (README.md) and docs/*.md against the project: every link points at a file that
// exists (and a heading that exists, for a #part), every front matter key the code reads has its row in
// the README's table, and every `npm run X` it tells a user to type is a script of package.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./support/site.ts";
import { FRONT_MATTER_KEYS } from "../src/ingest/index.ts";

const DOCS = ["README.md", ...readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => path.join("docs", f))];
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** The text of a Markdown file without its fenced code blocks and `code spans` (what is shown, not linked). */
function prose(md: string): string {
  return md.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** The #part GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
}

/** The anchors of a Markdown file's headings. */
function anchors(md: string): Set<string> {
  return new Set([...md.replace(/^```[\s\S]*?^```/gm, "").matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1]!)));
}

test("anchorOf gives a heading's part of the address as GitHub does", () => {
  assert.equal(anchorOf("Registry entries, field by field"), "registry-entries-field-by-field");
  assert.equal(anchorOf("Search, feeds and the JSON API"), "search-feeds-and-the-json-api");
  assert.equal(anchorOf("Measuring it: `npm run eval`"), "measuring-it-npm-run-eval");
});

test("every link of the README and of docs/ points at a file of the project, and at a heading it has", () => {
  let links = 0;
  for (const doc of DOCS) {
    for (const m of prose(read(doc)).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1]!;
      if (/^(https?:|mailto:)/.test(target)) continue;
      links++;
      const [file, part] = target.split("#") as [string, string | undefined];
      const resolved = file ? path.join(path.dirname(doc), decodeURIComponent(file)) : doc;
      assert.ok(existsSync(path.join(ROOT, resolved)), `${doc}: ${target} does not exist`);
      if (part !== undefined) assert.ok(anchors(read(resolved)).has(part), `${doc}: ${target}: ${resolved} has no heading #${part}`);
    }
  }
  assert.ok(links > 0, "the check found links to check");
});

test("the README's front matter table has a row for every key the code reads", () => {
  const rows = read("README.md").split("\n").filter((l) => l.startsWith("| `"));
  for (const key of FRONT_MATTER_KEYS) assert.ok(rows.some((r) => r.split("|")[1]!.includes(`\`${key}\``)), `no row for the front matter key ${key}`);
});

test("every npm script the README and docs/ name is one of package.json", () => {
  const scripts = Object.keys((JSON.parse(read("package.json")) as { scripts: Record<string, string> }).scripts);
  for (const doc of DOCS) {
    for (const m of read(doc).matchAll(/npm run ([a-z][\w:-]*)/g)) assert.ok(scripts.includes(m[1]!), `${doc}: npm run ${m[1]} is not a script`);
  }
});
