// Pictures computed at build time: time runs right to left; pairs are counted per article.
import { test } from "node:test";
import assert from "node:assert/strict";
import { monthBars, pairMatrix } from "../src/archive/charts.ts";
import { dateMaker, dateView, monthNamer } from "../src/archive/index.ts";
import type { ArticleEntry } from "../src/model.ts";
import { createUi, defaultSite } from "../src/strings/index.ts";

const site = defaultSite({ calendars: { months: "egyptian", hijri: true } });
const ui = createUi(site);
const months = monthNamer(site);

const art = (iso: string | null, actors: string[], event?: string): ArticleEntry =>
  ({ date: iso ? dateView(iso) : null, actors: actors.map((id) => ({ id })), primaryEvent: event ? { id: event } : null }) as unknown as ArticleEntry;

test("monthBars: one slot per month from first to last, the first month at the right", () => {
  const c = monthBars(ui, months, "t", [art("2015-01-10", []), art("2015-03-02", []), art("2015-03-20", []), art(null, [])], ["أ", "ب"], (a) => ({ series: a.date!.iso < "2015-02" ? 0 : 1, value: 1 }), "articles")!;
  assert.equal(c.bars.length, 2, "January and March; February is an empty slot");
  const [jan, mar] = c.bars;
  assert.ok(jan!.x > mar!.x, "January is right of March");
  assert.ok(mar!.h > jan!.h, "two articles are taller than one");
  assert.equal(jan!.series, 0);
  assert.match(c.desc, /^3 مقالات بين يناير 2015 ومارس 2015، أكثرها في مارس 2015 \(مقالان\)/);
  assert.equal(jan!.label, "يناير 2015: مقال واحد (أ)");
  assert.deepEqual(c.ticks.map((t) => t.text), ["يناير 2015", "فبراير 2015", "مارس 2015"]);
  assert.equal(monthBars(ui, months, "t", [art(null, [])], ["أ"], () => null, "articles"), null, "no dated article, no picture");
});

test("monthBars in the site's digits and month names: Levantine, Arabic-Indic", () => {
  const levant = defaultSite({ digits: "arab", calendars: { months: "levantine", hijri: false } });
  const c = monthBars(createUi(levant), monthNamer(levant), "t", Array.from({ length: 12 }, () => art("2015-11-02", [])), ["أ"], () => ({ series: 0, value: 1 }), "articles")!;
  assert.equal(c.desc, "١٢ مقالاً في تشرين الثاني ٢٠١٥.", "one month: no span between it and itself, no busiest month");
  assert.equal(c.ticks[0]!.text, "تشرين الثاني ٢٠١٥");
  const both = defaultSite();
  assert.equal(monthNamer(both)("2015-11"), "نوفمبر (تشرين الثاني) 2015");
});

test("pairMatrix counts the articles in which two actors appear together", () => {
  const names = ["a", "b", "c"].map((id) => ({ id, name: id, url: `/actors/${id}/` }));
  const m = pairMatrix(ui, "t", [art("2015-01-01", ["a", "b"]), art("2015-01-02", ["a", "b", "c"]), art("2015-01-03", ["c"])], names)!;
  const count = (i: string, j: string) => m.cells.find((c) => c.label.startsWith(`${i} و${j}: `))!.count;
  assert.deepEqual(m.cells.filter((c) => c.label.startsWith("a وb")).map((c) => c.label), ["a وb: مقالان"]);
  assert.match(m.desc, /\(3 فاعلين\)؛ أكثرهم اجتماعاً a وb \(مقالان\)/);
  assert.equal(count("a", "b"), 2);
  assert.equal(count("a", "c"), 1);
  assert.equal(count("b", "c"), 1);
  assert.equal(m.cells.length, 6, "no cell for an actor with itself");
  assert.equal(pairMatrix(ui, "t", [], names.slice(0, 1)), null);
});

test("dates in the settings' month names, Hijri on or off, and digits", () => {
  const day = (months: "egyptian" | "levantine" | "both", hijri: boolean, digits: "latn" | "arab") => {
    const d = dateMaker(defaultSite({ digits, calendars: { months, hijri } }))("2015-11-15");
    return [d.gregorian, d.hijri];
  };
  assert.deepEqual(day("egyptian", true, "latn"), ["15 نوفمبر 2015", "3 صفر 1437 هـ"]);
  assert.deepEqual(day("levantine", false, "arab"), ["١٥ تشرين الثاني ٢٠١٥", ""]);
  assert.deepEqual(day("both", true, "arab"), ["١٥ نوفمبر (تشرين الثاني) ٢٠١٥", "٣ صفر ١٤٣٧ هـ"]);
  assert.equal(dateView("2015-05-03").gregorian, "3 مايو (أيار) 2015", "the default: both names");
});
