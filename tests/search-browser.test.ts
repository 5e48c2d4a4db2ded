// The search page in Chromium (playwright-core, Debian's /usr/bin/chromium) on a site built from the query
// set's articles (tests/search-set.ts): typing, a phrase, the filters with and without words, the back
// button, keyboard only, no script error, no layout shift, and what a query reads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Server } from "node:http";
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM, missing } from "./support/tools.ts";
import { build, serve } from "./support/site.ts";
import { SET_ARTICLES } from "./search-set.ts";

const skip = missing("chromium");
let work: string;
let browser: Browser;
let server: Server;
let base: string;
let site: string;

before(async () => {
  if (skip) return;
  work = mkdtempSync(path.join(tmpdir(), "search-browser-"));
  const seeds = path.join(work, "seeds");
  mkdirSync(seeds);
  for (const [slug, body] of SET_ARTICLES) writeFileSync(path.join(seeds, `${slug}.txt`), body);
  // Two dated articles, for the year filter.
  writeFileSync(path.join(seeds, "dated-2014.md"), "---\ntitle: مؤتمر باريس لمكافحة الإرهاب\ndate: 2014-09-15\n---\nاجتمع وزراء الخارجية في باريس لبحث مكافحة الإرهاب في العراق، وتحدث فابيوس عن خطة مشتركة.\n");
  writeFileSync(path.join(seeds, "dated-2015.md"), "---\ntitle: قمة أنطاليا تبحث الإرهاب\ndate: 2015-11-15\n---\nبحث القادة في أنطاليا مكافحة الإرهاب وأزمة اللاجئين، وقال أوباما إن التعاون ضروري.\n");
  site = path.join(work, "site");
  const r = build(["--seeds", seeds, "--out", site, "--no-cache"]);
  assert.equal(r.code, 0, r.err);
  ({ server, url: base } = await serve(site));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  if (skip) return;
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** A fresh page that records script errors, the layout shifts and what it fetches. */
async function open(url: string): Promise<{ page: Page; errors: string[]; fetched: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: 412, height: 860 } });
  const page = await ctx.newPage();
  // A machine shared with other builds can be slow: waits are long, and nothing here is timed.
  page.setDefaultTimeout(90_000);
  const errors: string[] = [];
  const fetched: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) (window as unknown as { shifts: number }).shifts += e.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(base + url);
  return { page, errors, fetched };
}

const titles = (page: Page) => page.$$eval(".search-results h2 a", (as) => as.map((a) => a.textContent!.trim()));
const settled = (page: Page) => page.waitForFunction(() => {
  const s = document.getElementById("search-status")!.textContent!;
  return s !== "" && !s.includes("…");
});

/** Tab until the element `id` has the focus (keyboard only). */
async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 40; i++) {
    if (await page.evaluate((x) => document.activeElement?.id === x, id)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached #${id}`);
}

test("keyboard only: a query typed, a phrase, a filter, the back button; no script error, no layout shift", { skip }, async () => {
  const { page, errors } = await open("/search/");
  await tabTo(page, "search-q");
  await page.keyboard.type("كيرى");
  await page.waitForFunction(() => document.querySelectorAll(".search-results li").length > 0);
  assert.deepEqual(await titles(page), ["كيري يلتقي لافروف في فيينا"], "كيرى finds كيري and not يرى");
  assert.equal(await page.locator(".search-results mark").first().innerText(), "كيري");
  assert.match(await page.locator("#search-status").innerText(), /نتيجة واحدة للبحث عن «كيرى»/);
  assert.match(page.url(), /\?q=%D9%83/);

  // A phrase, submitted with Enter: the address gets a new entry.
  await page.keyboard.press("Control+A");
  await page.keyboard.type('"مجلس الأمن"');
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /نتيجتان/.test(document.getElementById("search-status")!.textContent!));
  assert.deepEqual((await titles(page)).sort(), ["اجتماع طارئ لمجلس الأمن", "كيري يلتقي لافروف في فيينا"]);
  const marks = await page.locator(".search-results mark").allInnerTexts();
  assert.ok(marks.includes("لمجلس") && marks.includes("الأمن"), marks.join(" "));

  // The actor filter, chosen with the arrow keys.
  await tabTo(page, "search-actor");
  await page.waitForFunction(() => document.querySelectorAll("#search-actor option").length > 1);
  const wanted = await page.$eval("#search-actor", (s: HTMLSelectElement) => [...s.options].findIndex((o) => o.value === "john-kerry"));
  for (let i = 0; i < wanted; i++) await page.keyboard.press("ArrowDown");
  await page.waitForURL(/actor=john-kerry/);
  await page.waitForFunction(() => /بعد التصفية/.test(document.getElementById("search-status")!.textContent!));
  assert.deepEqual(await titles(page), ["كيري يلتقي لافروف في فيينا"]);

  // Back: the phrase without the filter, then the word typed.
  await page.goBack();
  await page.waitForFunction(() => /نتيجتان/.test(document.getElementById("search-status")!.textContent!));
  assert.equal(await page.inputValue("#search-q"), '"مجلس الأمن"');
  assert.equal(await page.inputValue("#search-actor"), "");
  await page.goBack();
  await page.waitForFunction(() => /«كيرى»/.test(document.getElementById("search-status")!.textContent!));
  assert.equal(await page.inputValue("#search-q"), "كيرى");

  // A result is reached with Tab and opened with Enter.
  await tabTo(page, "search-q");
  for (let i = 0; i < 12 && !(await page.evaluate(() => document.activeElement?.closest(".search-results") !== null)); i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/articles\//);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("filters without words, the year filter, a registry name under another spelling, zero results", { skip }, async () => {
  const { page, errors } = await open("/search/?year=2014");
  await page.waitForFunction(() => document.querySelectorAll(".search-results li").length > 0);
  assert.deepEqual(await titles(page), ["مؤتمر باريس لمكافحة الإرهاب"]);
  assert.match(await page.locator("#search-status").innerText(), /نتيجة واحدة بهذه التصفية/);
  assert.equal(await page.inputValue("#search-year"), "2014");
  await page.goto(`${base}/search/?q=${encodeURIComponent("بوتن")}`);
  await page.waitForFunction(() => document.querySelectorAll(".search-results li").length > 0);
  assert.deepEqual(await titles(page), ["بوتين يستقبل ضيوفه في موسكو"]);
  assert.match(await page.locator(".search-results .about").innerText(), /فلاديمير بوتين/, "the result says which actor");
  await page.goto(`${base}/search/?q=${encodeURIComponent("زلزال")}`);
  await settled(page);
  assert.match(await page.locator("#search-status").innerText(), /^لا نتائج للبحث عن «زلزال»/);
  assert.deepEqual(await titles(page), []);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("the search page does not move while results arrive, and reads only small parts of the index", { skip }, async () => {
  const { page, errors, fetched } = await open(`/search/?q=${encodeURIComponent("اللاجئين")}`);
  await page.waitForFunction(() => document.querySelectorAll(".search-results li").length >= 3);
  await page.waitForLoadState("networkidle");
  assert.equal(await page.evaluate(() => (window as unknown as { shifts: number }).shifts), 0, "cumulative layout shift");
  const index = fetched.filter((p) => p.startsWith("/search/index/"));
  assert.ok(index.every((p) => /^\/search\/index\/(manifest|facets)\.json$|^\/search\/index\/(terms|x)\/\d+\.json\.gz$/.test(p)), index.join(" "));
  assert.ok(!fetched.some((p) => p.startsWith("/articles/")), "no article page is fetched for an excerpt");
  // A light page: its own HTML and scripts, as a server sends them gzipped.
  const own = ["search/index.html", "js/search.js", "js/search-core.js", "js/count.js"].reduce((a, f) => a + gzipSync(readFileSync(path.join(site, f))).length, 0);
  assert.ok(own < 16_000, `${own} bytes of HTML and script, gzipped`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test("with digits: arab, the results' count, their dates and the year filter are in Arabic-Indic digits", { skip }, async () => {
  const arab = path.join(work, "site-arab");
  writeFileSync(path.join(work, "arab.yaml"), `url: https://news.example.org\ndigits: arab\narticles: ${path.join(work, "seeds")}\noutput: ${arab}\n`);
  const r = build(["--config", path.join(work, "arab.yaml"), "--no-cache", "--quiet"]);
  assert.equal(r.code, 0, r.err);
  const served = await serve(arab);
  try {
    const ctx = await browser.newContext({ viewport: { width: 412, height: 860 } });
    const page = await ctx.newPage();
    page.setDefaultTimeout(90_000);
    await page.goto(`${served.url}/search/?q=${encodeURIComponent("اللاجئين")}`);
    await settled(page);
    assert.equal(await page.locator("#search-status").innerText(), "٤ نتائج للبحث عن «اللاجئين»");
    const dates = await page.$$eval(".search-results time", (ts) => ts.map((t) => t.textContent!));
    assert.ok(dates.length > 0);
    for (const d of dates) assert.match(d, /^[٠-٩]+ [^0-9]+ [٠-٩]+$/, d);
    assert.deepEqual(await page.$$eval("#search-year option", (os) => os.map((o) => [o.textContent, (o as HTMLOptionElement).value])), [["الكل", ""], ["٢٠١٥", "2015"], ["٢٠١٤", "2014"]]);
    await ctx.close();
  } finally {
    served.server.close();
  }
});
