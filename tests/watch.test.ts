// The dev server's watcher of the articles folder (src/serve/watch.ts), on a folder of its own: each
// change is told once, after the folder is quiet, as the path the build knows; folders made, moved in,
// replaced or removed (the articles folder itself included) are followed; a linked article's edits are
// told as the link's; hidden files are not.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { watchFolders, type FolderWatch } from "../src/serve/watch.ts";

const work = mkdtempSync(path.join(tmpdir(), "archive-watch-"));
const open: FolderWatch[] = [];
after(() => {
  for (const w of open) w.close();
  rmSync(work, { recursive: true, force: true });
});

/** A watcher of a new articles folder, and every batch of paths it tells. */
function watched(name: string) {
  const root = path.join(work, name);
  mkdirSync(root, { recursive: true });
  const told: { at: number; paths: string[] }[] = [];
  const failures: string[] = [];
  open.push(watchFolders(root, (paths) => told.push({ at: Date.now(), paths: paths.map((p) => path.relative(root, p)) }), (f) => failures.push(f)));
  /** Waits until a batch told from now on holds `rel` (a path under the root); the batch. */
  const until = async (rel: string, from = told.length, ms = 3000) => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const batch = told.slice(from).find((b) => b.paths.includes(rel));
      if (batch) return batch;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.fail(`${rel} was not told; told: ${JSON.stringify(told.slice(from).map((b) => b.paths))}`);
  };
  return { root, told, failures, until };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ARTICLE = "قال وزير الخارجية إن المشاورات مستمرة.\n";

test("a saved article is told once, as its path under the folder; a hidden file is not told", async () => {
  const w = watched("plain");
  writeFileSync(path.join(w.root, "a.txt"), ARTICLE);
  await w.until("a.txt");
  const from = w.told.length;
  writeFileSync(path.join(w.root, ".a.txt.swp"), "x");
  await sleep(300);
  assert.deepEqual(w.told.slice(from), [], "an editor's swap file is no change");
  appendFileSync(path.join(w.root, "a.txt"), "وأضاف أن الجولة المقبلة ستعقد الشهر المقبل.\n");
  const batch = await w.until("a.txt");
  assert.deepEqual(batch.paths, ["a.txt"]);
});

test("folders made, moved in with their files, replaced and removed are followed", async () => {
  const w = watched("tree");
  mkdirSync(path.join(w.root, "2015", "11"), { recursive: true });
  await w.until("2015");
  writeFileSync(path.join(w.root, "2015", "11", "b.txt"), ARTICLE);
  await w.until(path.join("2015", "11", "b.txt"));
  // A tree made elsewhere and moved in whole: its files' later edits are told.
  const outside = path.join(work, "outside");
  mkdirSync(path.join(outside, "deep"), { recursive: true });
  writeFileSync(path.join(outside, "deep", "c.txt"), ARTICLE);
  renameSync(outside, path.join(w.root, "moved"));
  await w.until("moved");
  appendFileSync(path.join(w.root, "moved", "deep", "c.txt"), ARTICLE);
  await w.until(path.join("moved", "deep", "c.txt"));
  // A folder removed and made again under the same name at once (a checkout), and one put in the place
  // of another, are watched as they are now.
  rmSync(path.join(w.root, "2015"), { recursive: true });
  mkdirSync(path.join(w.root, "2015"));
  await w.until("2015");
  writeFileSync(path.join(w.root, "2015", "d.txt"), ARTICLE);
  await w.until(path.join("2015", "d.txt"));
  mkdirSync(path.join(work, "other"));
  renameSync(path.join(w.root, "moved"), path.join(w.root, "old"));
  renameSync(path.join(work, "other"), path.join(w.root, "moved"));
  await w.until("moved");
  writeFileSync(path.join(w.root, "moved", "g.txt"), ARTICLE);
  const batch = await w.until(path.join("moved", "g.txt"));
  appendFileSync(path.join(w.root, "old", "deep", "c.txt"), ARTICLE);
  await w.until(path.join("old", "deep", "c.txt"));
  assert.ok(!batch.paths.includes(path.join("moved", "deep", "c.txt")));
  assert.deepEqual(w.failures, []);
});

test("the articles folder itself removed and made again is watched again", async () => {
  const w = watched("again");
  rmSync(w.root, { recursive: true });
  await w.until("");
  mkdirSync(w.root);
  await w.until("");
  writeFileSync(path.join(w.root, "e.txt"), ARTICLE);
  await w.until("e.txt");
});

test("an edit to a linked article is told as the link's path", async () => {
  const w = watched("links");
  const target = path.join(work, "kept-elsewhere.txt");
  writeFileSync(target, ARTICLE);
  symlinkSync(target, path.join(w.root, "linked.txt"));
  await w.until("linked.txt");
  appendFileSync(target, "وختم بأن الحوار هو السبيل الوحيد.\n");
  await w.until("linked.txt");
});

test("a folder written to without a pause is still told within a quarter of a second", async () => {
  const w = watched("busy");
  const file = path.join(w.root, "f.txt");
  const from = w.told.length;
  const start = Date.now();
  for (let i = 0; i < 40; i++) {
    appendFileSync(file, ARTICLE);
    await sleep(20);
  }
  const first = await w.until("f.txt", from);
  assert.ok(first.at - start < 600, `told ${first.at - start} ms after the first write`);
  assert.ok(w.told.length - from < 12, "writes close together are told together");
});
