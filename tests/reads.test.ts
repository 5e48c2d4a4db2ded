// What Eleventy's pages read of the archive (src/build/reads.ts): the paths a template reaches, and a
// signature of the values there that changes with them and with nothing else.
import { test } from "node:test";
import assert from "node:assert/strict";
import nunjucks from "nunjucks";
import { readsSignature, trackReads } from "../src/build/reads.ts";

/** A small archive: two articles, a feed, a chart's date and a map. */
const archive = () => ({
  siteRoot: "https://news.example.org",
  articles: [
    { url: "/articles/a/", title: "قمة العشرين في أنطاليا", excerpt: "اجتمع القادة في أنطاليا.", date: { iso: "2015-11-15" }, draft: false },
    { url: "/articles/b/", title: "اجتماع لندن", excerpt: "بحث الوزراء الحملة على التنظيم.", date: null, draft: true },
  ],
  feeds: { all: { updated: new Date("2015-11-16T00:00:00Z"), entries: [] as unknown[] } },
  counts: { events: 3, actors: 27 } as Record<string, number>,
  summaries: new Map([["a", { title: "قمة العشرين في أنطاليا" }]]),
  page: (e: { url: string }) => ({ body: `نص ${e.url}` }),
});

const env = new nunjucks.Environment(null, { autoescape: true });
const render = (template: string, data: object) => env.renderString(template, { archive: data });

const SITEMAP = "{% for a in archive.articles %}{% if not a.draft %}{{ archive.siteRoot }}{{ a.url }} {{ a.date.iso }}\n{% endif %}{% endfor %}";

test("a template's reads are the paths it reached; their values sign the page, what it did not read does not", () => {
  const before = archive();
  const tracked = trackReads(before);
  const html = render(SITEMAP, tracked.root);
  assert.equal(html, render(SITEMAP, before), "the page is the same through the proxy");
  const reads = tracked.reads();
  assert.ok(reads, "no function was called");
  const sign = (a: object) => readsSignature(a, reads);
  const same = sign(before);
  // A lead and a title no line of the sitemap shows: the same signature.
  const edited = archive();
  edited.articles[0]!.excerpt = "اجتمع قادة مجموعة العشرين في مدينة أنطاليا التركية.";
  edited.articles[1]!.title = "وزراء التحالف في لندن";
  assert.equal(sign(edited), same);
  // What it shows, or what decides what it shows (a draft published, another date), changes it.
  const published = archive();
  published.articles[1]!.draft = false;
  assert.notEqual(sign(published), same);
  const redated = archive();
  redated.articles[0]!.date = { iso: "2015-11-16" };
  assert.notEqual(sign(redated), same);
  const longer = archive();
  longer.articles.push({ url: "/articles/c/", title: "مؤتمر باريس", excerpt: "", date: null, draft: false });
  assert.notEqual(sign(longer), same, "a new article: the list's length was read");
});

test("keys listed, keys tested, dates and maps are read as values; a function of the data makes the reads unusable", () => {
  const tracked = trackReads(archive());
  const root = tracked.root;
  assert.equal(render("{% for k, v in archive.counts %}{{ k }}={{ v }};{% endfor %}", root), "events=3;actors=27;");
  assert.equal("events" in root.counts, true);
  assert.equal(root.feeds.all.updated.toISOString(), "2015-11-16T00:00:00.000Z", "a Date is given as it is");
  assert.equal(root.summaries.get("a")?.title, "قمة العشرين في أنطاليا", "so is a Map");
  const reads = tracked.reads()!;
  const sign = (a: object) => readsSignature(a, reads);
  const same = sign(archive());
  const more = archive();
  more.counts.tags = 4;
  assert.notEqual(sign(more), same, "another key in a mapping the template listed");
  const later = archive();
  later.feeds.all.updated = new Date("2015-11-17T00:00:00Z");
  assert.notEqual(sign(later), same);
  const renamed = archive();
  renamed.summaries.set("a", { title: "قمة أنطاليا" });
  assert.notEqual(sign(renamed), same);

  const body = trackReads(archive());
  assert.equal(render("{{ archive.page(archive.articles[0]).body }}", body.root), "نص /articles/a/");
  assert.equal(body.reads(), null, "an article's body is no path of the data");
});

test("the same path gives the same object; a key tested alone, an attribute sorted by, and a read tree kept as JSON sign the same", () => {
  const tracked = trackReads(archive());
  const root = tracked.root;
  assert.equal(root.articles[0], root.articles[0], "one proxy for one path: a template comparing what it reached twice sees one object");
  const reads = () => JSON.parse(JSON.stringify(tracked.reads())) as Parameters<typeof readsSignature>[1];
  // Only `in`: the signature follows the answer, not the value.
  const only = trackReads(archive());
  assert.equal("tags" in only.root.counts, false);
  const tested = only.reads()!;
  const withTags = archive();
  withTags.counts.tags = 4;
  assert.notEqual(readsSignature(withTags, tested), readsSignature(archive(), tested));
  const otherValue = archive();
  otherValue.counts.events = 4;
  assert.equal(readsSignature(otherValue, tested), readsSignature(archive(), tested), "a value never read");
  // Nunjucks' sort by an attribute tests whether each item has it (Object.hasOwn) before reading it.
  const sorted = trackReads(archive());
  assert.equal(render("{% for a in archive.articles | sort(attribute='moreCopies') %}{{ a.url }} {% endfor %}", sorted.root), "/articles/a/ /articles/b/ ");
  const byAttribute = sorted.reads()!;
  const copies = archive() as ReturnType<typeof archive> & { articles: { moreCopies?: number }[] };
  copies.articles[1]!.moreCopies = 2;
  assert.notEqual(readsSignature(copies, byAttribute), readsSignature(archive(), byAttribute), "an attribute the items lacked, now there");
  // What the manifest keeps: the same signature after JSON.
  render(SITEMAP, root);
  assert.equal(readsSignature(archive(), reads()), readsSignature(archive(), tracked.reads()!));
});
