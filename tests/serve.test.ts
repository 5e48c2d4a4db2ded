// `npm start` (the dev server) end to end: after its first build it rewrites only what a change touches,
// and what it serves is right — the article, its event's and actors' pages, the lists, the search index.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, freePort } from "./support/site.ts";
import { foldTableForBrowser } from "../src/text/index.ts";
import * as core from "../public/js/search-core.js";

let work: string;
let seeds: string;
let origin: string;
let server: ChildProcess;
const lines: string[] = [];
let waiting: { pattern: RegExp; from: number; resolve: (line: string) => void } | undefined;

/** The next line of the server's output matching `pattern` after the `from`-th line. */
function next(pattern: RegExp, from = lines.length): Promise<string> {
  const seen = lines.slice(from).find((l) => pattern.test(l));
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve) => (waiting = { pattern, from, resolve }));
}

const page = async (url: string) => {
  const r = await fetch(origin + url);
  return { status: r.status, text: await r.text() };
};

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), "archive-serve-"));
  seeds = path.join(work, "seeds");
  cpSync(path.join(ROOT, "seeds"), seeds, { recursive: true });
  const port = await freePort();
  origin = `http://localhost:${port}`;
  server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "cli.ts"), "serve", "--seeds", seeds, "--out", path.join(work, "site"), "--cache", path.join(work, "cache"), "--port", String(port)],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let rest = "";
  const onData = (d: Buffer) => {
    rest += d;
    const parts = rest.split("\n");
    rest = parts.pop()!;
    for (const l of parts) {
      lines.push(l);
      if (waiting && lines.length > waiting.from && waiting.pattern.test(l)) {
        const w = waiting;
        waiting = undefined;
        w.resolve(l);
      }
    }
  };
  server.stdout!.on("data", onData);
  server.stderr!.on("data", onData);
  await next(/^\[archive\] search index: /);
  await next(/Server at /);
});

after(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  rmSync(work, { recursive: true, force: true });
});

const written = (line: string) => Number(/\] (\d+) of \d+ pages written/.exec(line)![1]);

test("the first build writes every page and serves them", async () => {
  assert.ok(lines.some((l) => /^\[archive\] (\d+) of \1 pages written/.test(l)), lines.join("\n"));
  assert.equal((await page("/")).status, 200);
  assert.equal((await page("/articles/")).status, 200);
});

test("a sentence added to one article rewrites that page only; the search index finds the sentence", async () => {
  const api = JSON.parse((await page("/api/articles.json")).text) as { url: string; source: string }[];
  const one = api.find((a) => a.source.endsWith(".txt"))!;
  const file = path.join(seeds, one.source);
  const sentence = "وختم المتحدث بأن اللجنة ستنشر تقريرها النهائي قبل نهاية الشهر.";
  const from = lines.length;
  writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()} ${sentence}\n`);
  const line = await next(/^\[archive\] \d+ of \d+ pages written/, from);
  assert.equal(written(line), 1, line);
  assert.ok((await page(one.url)).text.includes(sentence));
  await next(/^\[archive\] search index: /, from);
  // The search page's own code, against what the server serves: the new words find the article, and its
  // excerpt (cut from the part of its text in the index) shows them.
  const search = core.createSearch({
    table: foldTableForBrowser(),
    load: async (name: string) => JSON.parse((await page(`/search/index/${name}`)).text),
  });
  const found = await search.search("تقريرها النهائي");
  assert.deepEqual(found.results.map((n: number) => api[n]!.url), [one.url], "the new sentence is in the search index");
  const [doc] = await search.documents(found.results, found);
  assert.match(doc.excerpt, /<mark>تقريرها<\/mark> <mark>النهائي<\/mark>/);
});

test("a new headline reaches the article, its event's and actors' pages and the lists", async () => {
  const api = JSON.parse((await page("/api/articles.json")).text) as { url: string; source: string; events: { id: string; role: string }[]; actors: { id: string }[] }[];
  const one = api.find((a) => a.events.some((e) => e.role === "primary") && a.actors.length && a.source.endsWith(".txt"))!;
  const headline = "المجتمعون يتفقون على خطة عمل مشتركة للأشهر المقبلة";
  const file = path.join(seeds, one.source);
  const from = lines.length;
  writeFileSync(file, `${headline}\n\n${readFileSync(file, "utf8")}`);
  const line = await next(/^\[archive\] \d+ of \d+ pages written/, from);
  assert.ok(written(line) > 1, line);
  const event = one.events.find((e) => e.role === "primary")!.id;
  for (const url of [one.url, "/articles/", `/events/${event}/`, ...one.actors.map((a) => `/actors/${a.id}/`)]) {
    assert.ok((await page(url)).text.includes(headline), `${url} shows the new headline`);
  }
});

test("a removed file's page is removed", async () => {
  const api = JSON.parse((await page("/api/articles.json")).text) as { url: string; source: string }[];
  const one = api[api.length - 1]!;
  const from = lines.length;
  rmSync(path.join(seeds, one.source));
  await next(/^\[archive\] \d+ of \d+ pages written/, from);
  assert.equal((await page(one.url)).status, 404);
  const now = JSON.parse((await page("/api/articles.json")).text) as { url: string }[];
  assert.equal(now.length, api.length - 1);
});
