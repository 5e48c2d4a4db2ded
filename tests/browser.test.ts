// The site in a real browser (Debian's chromium driven by playwright-core): a reader's walk, right-to-left
// layout at phone and desktop widths, accessibility (axe, WCAG 2.2 A and AA), and hostile input that must
// stay text. Screenshots of each page type are kept in test-artifacts/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Server } from "node:http";
import { chromium, type Browser, type Page } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";
import { CHROMIUM, missing } from "./support/tools.ts";
import { ROOT, build, serve } from "./support/site.ts";
import { SCRIPT } from "./support/hostile.ts";

const skip = missing("chromium");
const SHOTS = path.join(ROOT, "test-artifacts", "screenshots");
const PAGE_TYPES: Record<string, string> = {
  home: "/",
  articles: "/articles/",
  article: "/articles/001-de7a4a8acb2f3162/",
  events: "/events/",
  event: "/events/g20-antalya-2015/",
  actors: "/actors/",
  actor: "/actors/sergey-lavrov/",
  archive: "/archive/",
  month: "/archive/2015/11/",
  search: "/search/?q=%D9%83%D9%8A%D8%B1%D9%89",
  "not-found": "/no/such/page/",
};

let work: string;
let browser: Browser;
let server: Server;
let base: string;

before(async () => {
  if (skip) return;
  work = mkdtempSync(path.join(tmpdir(), "browser-"));
  const seeds = path.join(work, "seeds");
  cpSync(path.join(ROOT, "seeds"), seeds, { recursive: true });
  // One hostile article: markup in the front matter and in the body must stay text.
  const { writeFileSync } = await import("node:fs");
  writeFileSync(path.join(seeds, "hostile.md"), `---\ntitle: >-\n  عنوان ${SCRIPT}\n---\nنص عربي قصير عن اجتماع وزراء الزراعة في العاصمة لبحث أمن الغذاء وتخزين الحبوب.\n\n${SCRIPT}\n`);
  // A Markdown article with tags and an author, so that the tag and author pages are checked too.
  writeFileSync(path.join(seeds, "harvest.md"), "---\ntitle: موسم قمح وفير في سهل حوران\ndate: 2015-11-20\ntags: [الزراعة, الأمن الغذائي]\nauthors: [ليلى حداد]\n---\n" +
    "بدأ المزارعون في سهل حوران حصاد القمح هذا الأسبوع، وتوقعت الجمعيات الزراعية موسماً أوفر من العام الماضي بفضل أمطار الشتاء.\n\n" +
    "وقالت الجمعيات إن مخازن الحبوب في المنطقة ستستقبل المحصول حتى نهاية الشهر.\n");
  const r = build(["--seeds", seeds, "--out", path.join(work, "site")]);
  assert.equal(r.code, 0, r.err);
  const api = (name: string) => JSON.parse(readFileSync(path.join(work, "site", "api", `${name}.json`), "utf8")) as { name: string; url: string }[];
  Object.assign(PAGE_TYPES, {
    "article-md": "/articles/harvest/",
    tags: "/tags/",
    tag: api("tags").find((t) => t.name === "الزراعة")!.url,
    authors: "/authors/",
    author: api("authors").find((a) => a.name === "ليلى حداد")!.url,
  });
  ({ server, url: base } = await serve(path.join(work, "site")));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
  if (skip) return;
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

async function open(url: string, width: number, scheme: "light" | "dark" = "light"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(base + url);
  if (url.startsWith("/search/")) await page.waitForSelector(".search-results a", { timeout: 10_000 });
  return page;
}

test("a reader walks home → event → article → actor → back", { skip }, async () => {
  const page = await open("/", 1280);
  await page.click('aside a[href^="/events/g20-antalya-2015/"]');
  await page.waitForURL(/\/events\/g20-antalya-2015\/$/);
  assert.match(await page.locator("h1").innerText(), /قمة مجموعة العشرين في أنطاليا/);
  await page.click('.article-list a[href^="/articles/"]');
  await page.waitForURL(/\/articles\/[a-z0-9-]+\/$/);
  const articleUrl = page.url();
  await page.click('.tags a[href^="/actors/"]');
  await page.waitForURL(/\/actors\/[a-z0-9-]+\/$/);
  assert.ok((await page.locator(".en bdi").innerText()).length > 0, "the actor's English name");
  await page.goBack();
  assert.equal(page.url(), articleUrl);
  await page.context().close();
});

for (const width of [360, 1280, 1440]) {
  test(`every page type is right to left with no horizontal scrolling at ${width} px`, { skip }, async () => {
    for (const [type, url] of Object.entries(PAGE_TYPES)) {
      const page = await open(url, width);
      const m = await page.evaluate(() => {
        const body = document.querySelector("main p, main li") as HTMLElement;
        const main = document.querySelector("main") as HTMLElement;
        const b = body.getBoundingClientRect();
        const mm = main.getBoundingClientRect();
        const style = getComputedStyle(main);
        return {
          dir: getComputedStyle(document.documentElement).direction,
          align: getComputedStyle(body).textAlign,
          // Right-aligned text starts at the right edge of its column.
          gapRight: mm.right - parseFloat(style.paddingRight) - b.right,
          scroll: document.documentElement.scrollWidth - window.innerWidth,
        };
      });
      assert.equal(m.dir, "rtl", `${type}: direction`);
      assert.ok(m.align === "start" || m.align === "right", `${type}: text-align ${m.align}`);
      assert.ok(Math.abs(m.gapRight) < 2, `${type}: body text is ${m.gapRight}px from the right edge`);
      assert.ok(m.scroll <= 0, `${type}: ${m.scroll}px of horizontal scrolling at ${width}px`);
      await page.screenshot({ path: path.join(SHOTS, `${type}-${width}.png`), fullPage: true });
      await page.context().close();
    }
  });
}

test("axe finds no WCAG 2.2 A or AA violation on any page type, light or dark", { skip }, async () => {
  for (const scheme of ["light", "dark"] as const) {
    for (const [type, url] of Object.entries(PAGE_TYPES)) {
      const page = await open(url, 1280, scheme);
      const r = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]).analyze();
      assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], `${type} (${scheme})`);
      await page.context().close();
    }
  }
});

test("what Lighthouse checks beyond WCAG: axe's best practices, a title and a meta description on every page type", { skip }, async () => {
  for (const [type, url] of Object.entries(PAGE_TYPES)) {
    const page = await open(url, 412);
    const r = await new AxeBuilder({ page }).withTags(["best-practice"]).analyze();
    assert.deepEqual(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`), [], type);
    const head = await page.evaluate(() => ({ title: document.title, description: document.querySelector('meta[name="description"]')?.getAttribute("content") ?? "" }));
    assert.ok(head.title.trim(), `${type}: title`);
    assert.ok(head.description.trim().length > 20, `${type}: meta description "${head.description}"`);
    await page.context().close();
  }
});

test("markup from the input is text: no dialog opens, no element from the input exists", { skip }, async () => {
  const page = await open("/articles/hostile/", 1280);
  let dialogs = 0;
  page.on("dialog", async (d) => {
    dialogs++;
    await d.dismiss();
  });
  await page.reload();
  await page.waitForTimeout(300);
  assert.equal(dialogs, 0);
  assert.equal(await page.locator('script:not([type="application/ld+json"])').count(), 0);
  assert.equal(await page.locator("img").count(), 0);
  assert.match(await page.locator("h1").innerText(), /<script>alert\("xss"\)<\/script>/);
  assert.match(await page.locator(".body").innerText(), /<img src=x onerror=/);
  await page.context().close();
});

test("the header's search box finds an article whatever the spelling", { skip }, async () => {
  const page = await open("/", 1280);
  await page.fill("#site-q", "كيرى"); // written with ى; the article has كيري
  await page.press("#site-q", "Enter");
  await page.waitForURL(/\/search\/\?q=/);
  await page.waitForSelector(".search-results a");
  const results = async () => page.$$eval(".search-results h2 a", (as) => as.map((a) => a.getAttribute("href")));
  assert.ok((await results()).includes("/articles/003-fd38ac84f22198a4/"));
  assert.match(await page.locator(".search-results .excerpt mark").first().innerText(), /كيري/);
  assert.match(await page.locator("#search-status").innerText(), /للبحث عن «كيرى»/, "the result count is announced");
  for (const [query, expected] of [["اوباما", "/articles/001-de7a4a8acb2f3162/"], ["داعـــش", "/articles/002-348bd785be705d98/"], ["لافروف", "/articles/003-fd38ac84f22198a4/"]] as const) {
    await page.goto(`${base}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForSelector(".search-results a");
    assert.ok((await results()).includes(expected), `${query} → ${expected}`);
  }
  // Filters by event, actor and year are offered (a facet without values keeps its room, unseen).
  assert.deepEqual((await page.locator(".search-filters label").allInnerTexts()).map((t) => t.trim()).filter(Boolean).sort(), ["الحدث", "السنة", "الفاعل"]);
  // Choosing an event keeps that event's articles among the results.
  const before = (await results()).length;
  await page.waitForFunction(() => document.querySelectorAll("#search-event option").length > 1);
  const option = page.locator("#search-event option:not([value=''])").first();
  const [value, label] = [await option.getAttribute("value"), await option.innerText()];
  await page.selectOption("#search-event", value!);
  await page.waitForURL(new RegExp(`event=${value}`));
  await page.waitForFunction(() => /بعد التصفية|مع هذه التصفية/.test(document.getElementById("search-status")!.textContent!));
  const metas = await page.locator(".search-results .meta").allInnerTexts();
  assert.ok(metas.every((m) => m.includes(label.trim())), "every result is of the chosen event");
  assert.ok(metas.length <= before);
  await page.context().close();
});
