// The user's manual and the docs point only at what exists: every relative link names a file of the
// project, every #anchor a heading of that file, every `npm run X` a script of package.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const DOCS = ["README.md", "docs/ARCHITECTURE.md", "docs/PERFORMANCE.md", "docs/TAGGING.md"];

/** The text a reader follows links in: fenced blocks and inline code are examples, not links. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, "")
    .replace(/ /g, "-");
}

function anchorsIn(file: string): Set<string> {
  const text = readFileSync(path.join(ROOT, file), "utf8").replace(/^```[\s\S]*?^```/gm, "");
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1]!)));
}

test("anchors are made as GitHub makes them", () => {
  assert.equal(anchorOf("Registry entries, field by field"), "registry-entries-field-by-field");
  assert.equal(anchorOf("Measuring it: `npm run eval`"), "measuring-it-npm-run-eval");
  assert.equal(anchorOf("Search, feeds and the JSON API"), "search-feeds-and-the-json-api");
});

for (const doc of DOCS) {
  test(`${doc}: every relative link and anchor exists`, () => {
    const links = [...prose(readFileSync(path.join(ROOT, doc), "utf8")).matchAll(/\]\(([^)\s]+)\)/g)].map(
      (m) => m[1]!,
    );
    if (doc === "README.md") assert.ok(links.length >= 5, "the README links to the docs");
    for (const link of links) {
      if (/^[a-z]+:/i.test(link)) continue; // https:, mailto: — not ours to check offline
      const [target, anchor] = link.split("#") as [string, string | undefined];
      const file = target === "" ? doc : path.normalize(path.join(path.dirname(doc), target));
      assert.ok(existsSync(path.join(ROOT, file)), `${doc} links to ${link}, which does not exist`);
      if (anchor !== undefined) {
        assert.ok(anchorsIn(file).has(decodeURIComponent(anchor)), `${doc} links to ${link}: no such heading`);
      }
    }
  });
}

test("every npm command the README gives is a script of package.json", () => {
  const scripts = Object.keys(JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts);
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const named = new Set([...readme.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]!));
  assert.ok(named.has("build") && named.has("registry") && named.has("new"));
  for (const name of named) assert.ok(scripts.includes(name), `the README names npm run ${name}`);
  for (const builtin of ["start", "test"]) {
    if (readme.includes(`npm ${builtin}`)) assert.ok(scripts.includes(builtin), `npm ${builtin}`);
  }
});
