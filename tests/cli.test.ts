// The command line (src/cli.ts): a folder given alone is the articles folder, --help lists every command
// and option with its default, and a mistyped option names the real one and exits 2.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "./support/site.ts";
import { usage } from "../src/cli.ts";
import { closest, editDistance } from "../src/closest.ts";
import { FILES_PER_THREAD } from "../src/workers.ts";

const ARTICLE = `---
title: "افتتاح مكتبة عامة جديدة في حي الشاطئ"
date: 2015-11-16
---
افتتحت البلدية صباح اليوم مكتبة عامة جديدة في حي الشاطئ، تضم أكثر من عشرين ألف كتاب وقاعة للأطفال.

وقال مدير المكتبة إن أبوابها ستبقى مفتوحة حتى العاشرة مساء طوال أيام الأسبوع.
`;

test("editDistance counts inserts, deletions and replacements", () => {
  assert.equal(editDistance("seed", "seeds"), 1);
  assert.equal(editDistance("seeds", "seed"), 1);
  assert.equal(editDistance("prot", "port"), 2);
  assert.equal(editDistance("", "out"), 3);
  assert.equal(editDistance("base", "base"), 0);
});

test("closest finds the option meant, and nothing for a word unlike any", () => {
  const names = ["seeds", "out", "base", "site-url", "cache", "no-cache", "threads", "strict", "quiet", "stats", "port", "help"];
  assert.equal(closest("seed", names), "seeds");
  assert.equal(closest("thread", names), "threads");
  assert.equal(closest("siteurl", names), "site-url");
  assert.equal(closest("no-cach", names), "no-cache");
  assert.equal(closest("prot", names), "port");
  assert.equal(closest("verbose", names), undefined);
  assert.equal(closest("x", names), undefined);
});

test("--help lists every command and every option, each option with its default", () => {
  const text = usage();
  for (const c of ["build", "serve"]) assert.match(text, new RegExp(`^  ${c} `, "m"), c);
  const flags = [...text.matchAll(/^  (?:-\w, )?--([\w-]+)/gm)].map((m) => m[1]!);
  for (const o of ["seeds", "out", "base", "site-url", "cache", "no-cache", "threads", "strict", "quiet", "stats", "port", "help"]) assert.ok(flags.includes(o), o);
  // Each option's text (up to the next option) names its default, but --help's own.
  const blocks = text.split(/\n(?=  (?:-\w, )?--)/).slice(1);
  assert.equal(blocks.length, flags.length);
  for (const b of blocks) if (!/--help/.test(b)) assert.match(b.replace(/\s+/g, " "), /\(default: [^)]+\)/, b);
  assert.match(text.replace(/\s+/g, " "), /--seeds DIR .*\(default: the settings' articles, else seeds\/\)/);
  assert.match(text.replace(/\s+/g, " "), /--port N .*\(default: 8080\)/);
  assert.match(text.replace(/\s+/g, " "), /--out DIR .*\(default: the settings' output, else _site\/; serve: \.cache\/serve-site\/\)/, "the dev server's own folder");
  assert.match(text.replace(/\s+/g, " "), /--host ADDR .*\(default: 127\.0\.0\.1\)/);
  // The defaults the code applies, not a simpler story: threads by files (src/workers.ts), --strict on duplicates too (src/build/).
  assert.match(text.replace(/\s+/g, " "), new RegExp(`--threads N .*\\(default: one per ${FILES_PER_THREAD} files, at most one per core; none below ${(2 * FILES_PER_THREAD).toLocaleString("en")} files\\)`));
  assert.match(text.replace(/\s+/g, " "), /--strict .*skipped or is a duplicate/);
  const r = build(["--help"]);
  assert.equal(r.code, 0);
  assert.equal(r.out.trim(), text);
});

test("a mistyped option names the real one and exits 2; a missing value names the option", () => {
  const seed = build(["--seed", "x"]);
  assert.equal(seed.code, 2);
  assert.match(seed.err, /unknown option --seed; did you mean --seeds\?/);
  assert.doesNotMatch(seed.err, /positional/);
  const thread = build(["--thread=2"]);
  assert.equal(thread.code, 2);
  assert.match(thread.err, /did you mean --threads\?/);
  const far = build(["--verbose"]);
  assert.equal(far.code, 2);
  assert.match(far.err, /unknown option --verbose/);
  assert.doesNotMatch(far.err, /did you mean/);
  const missing = build(["--out"]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /--out needs a value: --out DIR/);
  const swallowed = build(["--seeds", "--quiet"]);
  assert.equal(swallowed.code, 2);
  assert.match(swallowed.err, /--seeds needs a value/);
  const valued = build(["--strict=yes"]);
  assert.equal(valued.code, 2);
  assert.match(valued.err, /--strict takes no value/);
});

test("npm run build -- DIR builds the articles of DIR; a folder given twice is refused", () => {
  const work = mkdtempSync(path.join(tmpdir(), "archive-cli-"));
  try {
    const dir = path.join(work, "my-articles");
    mkdirSync(dir);
    writeFileSync(path.join(dir, "library.md"), ARTICLE);
    const out = path.join(work, "site");
    const r = build([dir, "--out", out, "--no-cache", "--quiet"]);
    assert.equal(r.code, 0, r.err);
    const api = JSON.parse(readFileSync(path.join(out, "api", "articles.json"), "utf8")) as { title: string; source: string }[];
    assert.deepEqual(api.map((a) => a.source), ["library.md"]);
    assert.equal(api[0]!.title, "افتتاح مكتبة عامة جديدة في حي الشاطئ");
    // An archive of the user's own articles, none about a registry event or naming an actor: the home page says
    // how many articles it holds, in correct Arabic (not «عن لا أحداث بعد»).
    assert.match(readFileSync(path.join(out, "index.html"), "utf8"), /<p class="lead">في الأرشيف مقال واحد\.<\/p>/);
    const twice = build([dir, "--seeds", dir, "--out", out, "--no-cache"]);
    assert.equal(twice.code, 2);
    assert.match(twice.err, /given twice/);
    const two = build([dir, dir, "--out", out, "--no-cache"]);
    assert.equal(two.code, 2);
    assert.match(two.err, /one articles folder/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
