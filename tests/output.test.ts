// The output folder's safety (src/build/output.ts): --out is refused where replacing it would destroy
// the articles, the project, public/ or src/, comparing real paths; what a killed build leaves (stale
// folders and spools, a half-updated folder, a swap stopped between its two renames) is put right by
// the next build.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, build, projectCopy, snapshot } from "./support/site.ts";
import { INTERRUPTED_MARKER, MARKER, isWithin, realPath } from "../src/build/output.ts";

let work: string;
let seeds: string;

before(() => {
  work = mkdtempSync(path.join(tmpdir(), "archive-output-"));
  seeds = path.join(work, "seeds");
  cpSync(path.join(ROOT, "seeds"), seeds, { recursive: true });
});

after(() => rmSync(work, { recursive: true, force: true }));

/** The pid of a process that has exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", ""]);
  return r.pid!;
}

/** What a build left beside `out` (its name followed by .tmp-, .old- or .spool-). */
const beside = (out: string) => readdirSync(path.dirname(out)).filter((e) => e.startsWith(`${path.basename(out)}.`)).sort();

test("isWithin: a name starting with two dots is inside, .. is not; realPath resolves links of paths not made yet", () => {
  assert.equal(isWithin("/a/seeds/..x", "/a/seeds"), true);
  assert.equal(isWithin("/a/seeds/...", "/a/seeds"), true);
  assert.equal(isWithin("/a/seeds", "/a/seeds"), true);
  assert.equal(isWithin("/a", "/a/seeds"), false);
  assert.equal(isWithin("/a/seeds-2", "/a/seeds"), false);
  const real = path.join(work, "real-dir");
  mkdirSync(real);
  symlinkSync(real, path.join(work, "link-dir"));
  assert.equal(realPath(path.join(work, "link-dir", "not", "yet")), path.join(realPath(real), "not", "yet"));
});

test("--out SEEDS/..x is inside the seeds and refused; nothing is written", () => {
  const r = build(["--seeds", seeds, "--out", path.join(seeds, "..x"), "--no-cache"]);
  assert.equal(r.code, 1);
  assert.match(r.err, /--out .*\.\.x is inside the articles folder/);
  assert.equal(existsSync(path.join(seeds, "..x")), false);
  assert.deepEqual(beside(path.join(seeds, "..x")), []);
});

test("--out at the root, the project, a folder holding it, or the articles folder itself is refused; nothing is written", () => {
  const toRoot = path.join(work, "root-link");
  symlinkSync("/", toRoot);
  const cases: [string, RegExp][] = [
    ["/", /^error: --out \/ is the root of the file system$/m],
    [toRoot, /^error: --out .*root-link is the root of the file system \(through a link\)$/m],
    [ROOT, /^error: --out .* holds the project itself; choose a folder of its own$/m],
    ...(path.dirname(ROOT) !== "/" ? [[path.dirname(ROOT), /^error: --out .* holds the project itself; choose a folder of its own$/m] as [string, RegExp]] : []),
    [seeds, /^error: --out .* is the articles folder .*; choose a folder of its own$/m],
  ];
  const before = snapshot(seeds);
  for (const [out, message] of cases) {
    const r = build(["--seeds", seeds, "--out", out, "--no-cache"]);
    assert.equal(r.code, 1, out);
    assert.match(r.err, message, out);
    assert.match(r.err, /Nothing was written\./, out);
    if (out !== "/") assert.deepEqual(beside(out), [], `${out}: a folder or spool beside it`);
  }
  assert.deepEqual(snapshot(seeds), before);
});

test("seeds or output given through a link cannot overlap", () => {
  const link = path.join(work, "seeds-link");
  symlinkSync(seeds, link);
  const viaSeeds = build(["--seeds", link, "--out", path.join(seeds, "site"), "--no-cache"]);
  assert.equal(viaSeeds.code, 1);
  assert.match(viaSeeds.err, /is inside the articles folder/);
  const viaOut = build(["--seeds", seeds, "--out", path.join(link, "site"), "--no-cache"]);
  assert.equal(viaOut.code, 1);
  assert.match(viaOut.err, /is inside the articles folder/);
  // An output folder that is a link to a folder holding the seeds.
  const parentLink = path.join(work, "work-link");
  symlinkSync(work, parentLink);
  const holds = build(["--seeds", seeds, "--out", parentLink, "--no-cache"]);
  assert.equal(holds.code, 1);
  assert.match(holds.err, /holds the articles folder/);
  assert.equal(existsSync(path.join(seeds, "site")), false);
});

test("--out inside public/ or src/ is refused", () => {
  // A copy of the project, so that a failing check cannot write into the real public/.
  const proj = projectCopy(path.join(work, "project"));
  const before = snapshot(path.join(proj, "public"));
  const r = build(["--seeds", seeds, "--out", path.join(proj, "public", "site"), "--no-cache"], proj);
  assert.equal(r.code, 1);
  assert.match(r.err, /is inside public\//);
  assert.deepEqual(snapshot(path.join(proj, "public")), before);
  const s = build(["--seeds", seeds, "--out", path.join(proj, "src", "site"), "--no-cache"], proj);
  assert.equal(s.code, 1);
  assert.match(s.err, /is inside src\//);
});

test("the folders and spools of builds that were killed are removed by the next build; a running build's are kept", () => {
  const out = path.join(work, "site-stale");
  assert.equal(build(["--seeds", seeds, "--out", out, "--cache", path.join(work, "cache-stale")]).code, 0);
  const dead = deadPid();
  mkdirSync(path.join(`${out}.tmp-${dead}`, "articles"), { recursive: true });
  writeFileSync(path.join(`${out}.tmp-${dead}`, "articles", "index.html"), "<p>half</p>");
  writeFileSync(`${out}.spool-${dead}`, "spooled articles");
  mkdirSync(`${out}.old-${dead}`);
  // This test's own process is running: what it has beside the output is not touched.
  mkdirSync(`${out}.tmp-${process.pid}`);
  // Another folder's leftovers are not this output's.
  mkdirSync(path.join(work, `other.tmp-${dead}`));
  const r = build(["--seeds", seeds, "--out", out, "--cache", path.join(work, "cache-stale")]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /note: removed what stopped builds left beside the output: /);
  assert.deepEqual(beside(out), [`site-stale.tmp-${process.pid}`]);
  assert.ok(existsSync(path.join(work, `other.tmp-${dead}`)));
  rmSync(`${out}.tmp-${process.pid}`, { recursive: true });
});

test("a build killed between the two renames of its swap (no output folder) is put right by the next build", () => {
  const out = path.join(work, "site-swap");
  const cache = path.join(work, "cache-swap");
  assert.equal(build(["--seeds", seeds, "--out", out, "--cache", cache]).code, 0);
  const complete = snapshot(out);
  // What the kill leaves: the old site set aside, the new one beside, no output folder.
  const dead = deadPid();
  renameSync(out, `${out}.old-${dead}`);
  cpSync(`${out}.old-${dead}`, `${out}.tmp-${dead}`, { recursive: true });
  rmSync(path.join(`${out}.tmp-${dead}`, "articles"), { recursive: true });
  const r = build(["--seeds", seeds, "--out", out, "--cache", cache]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /note: the last build into .* was stopped between the two renames of its swap/);
  assert.deepEqual(beside(out), []);
  assert.deepEqual(snapshot(out), complete);
});

test("a build killed while moving its pages in (a mixed site) is replaced whole by the next build", () => {
  const out = path.join(work, "site-mixed");
  const cache = path.join(work, "cache-mixed");
  assert.equal(build(["--seeds", seeds, "--out", out, "--cache", cache]).code, 0);
  const complete = snapshot(out);
  // A second build that moves its pages in (an article changed), killed half-way through its moves: it
  // has removed the manifest and marked the folder; some pages are new, some old, some not moved yet.
  for (const f of readdirSync(cache)) if (f.startsWith("pages-")) rmSync(path.join(cache, f));
  writeFileSync(path.join(out, MARKER), INTERRUPTED_MARKER);
  const articles = readdirSync(path.join(out, "articles"), { withFileTypes: true }).filter((e) => e.isDirectory());
  writeFileSync(path.join(out, "articles", articles[0]!.name, "index.html"), "<p>صفحة من بناء لم يكتمل</p>");
  rmSync(path.join(out, "articles", articles[1]!.name), { recursive: true });
  writeFileSync(path.join(out, "stray-from-the-killed-build.html"), "<p>x</p>");
  const r = build(["--seeds", seeds, "--out", out, "--cache", cache]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /note: the last build into .* was stopped while it moved its pages in/);
  assert.deepEqual(snapshot(out), complete);
  assert.deepEqual(beside(out), []);
});

test("an update stopped half-way through its moves (a page it cannot move in) marks the folder, and the next build replaces it whole", () => {
  const out = path.join(work, "site-stopped");
  const cache = path.join(work, "cache-stopped");
  const mine = path.join(work, "seeds-stopped");
  cpSync(seeds, mine, { recursive: true });
  assert.equal(build(["--seeds", mine, "--out", out, "--cache", cache]).code, 0);
  // Every article edited, so the update has pages to move in; one of them finds a folder in its way.
  const api = JSON.parse(readFileSync(path.join(out, "api", "articles.json"), "utf8")) as { id: string; source: string }[];
  for (const a of api) writeFileSync(path.join(mine, a.source), `${readFileSync(path.join(mine, a.source), "utf8").trimEnd()}\nوأضاف المتحدث أن الاجتماع المقبل سيعقد في الربيع.\n`);
  const blocked = path.join(out, "articles", api.at(-1)!.id, "index.html");
  rmSync(blocked);
  mkdirSync(path.join(blocked, "in-the-way"), { recursive: true });
  const stopped = build(["--seeds", mine, "--out", out, "--cache", cache]);
  assert.equal(stopped.code, 1, "the update cannot move that page in");
  assert.match(stopped.err, /^error: the site could not be moved into .*site-stopped: EISDIR.*\n  The folder holds part of this build, and says so: the next build replaces it whole\.$/m);
  assert.doesNotMatch(stopped.err, /unchanged|Nothing was written/);
  assert.equal(readFileSync(path.join(out, MARKER), "utf8"), INTERRUPTED_MARKER, "the folder says it was being updated");
  rmSync(blocked, { recursive: true });
  const r = build(["--seeds", mine, "--out", out, "--cache", cache]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /note: the last build into .* was stopped while it moved its pages in/);
  const fresh = path.join(work, "site-stopped-fresh");
  assert.equal(build(["--seeds", mine, "--out", fresh, "--no-cache"]).code, 0);
  assert.deepEqual(snapshot(out), snapshot(fresh));
  assert.deepEqual(beside(out), []);
});

test("an incremental build that completes leaves the marker of a complete build, which the next one updates in place", () => {
  const out = path.join(work, "site-marker");
  const cache = path.join(work, "cache-marker");
  const mine = path.join(work, "seeds-marker");
  cpSync(seeds, mine, { recursive: true });
  assert.equal(build(["--seeds", mine, "--out", out, "--cache", cache]).code, 0);
  const file = readdirSync(mine).find((f) => f.endsWith(".txt"))!;
  writeFileSync(path.join(mine, file), `${readFileSync(path.join(mine, file), "utf8").trimEnd()}\nوأضاف المتحدث أن الاجتماع المقبل سيعقد في الربيع.\n`);
  const r = build(["--seeds", mine, "--out", out, "--cache", cache]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /page\(s\) changed, the rest kept/, "moved in, not swapped");
  const marker = readFileSync(path.join(out, MARKER), "utf8");
  assert.notEqual(marker, INTERRUPTED_MARKER);
  assert.match(marker, /^Written by the Arabic news archive build [0-9a-f]{16};/);
  const again = build(["--seeds", mine, "--out", out, "--cache", cache]);
  assert.match(again.out, /0 page\(s\) changed, the rest kept/);
  assert.doesNotMatch(again.out, /note:/);
});
