// Pictures computed at build time: time runs right to left; pairs are counted per article.
import { test } from "node:test";
import assert from "node:assert/strict";
import { monthBars, pairMatrix } from "../src/archive/charts.ts";
import { dateView } from "../src/archive/index.ts";
import type { ArticleEntry } from "../src/model.ts";

const art = (iso: string | null, actors: string[], event?: string): ArticleEntry =>
  ({ date: iso ? dateView(iso) : null, actors: actors.map((id) => ({ id })), primaryEvent: event ? { id: event } : null }) as unknown as ArticleEntry;

test("monthBars: one slot per month from first to last, the first month at the right", () => {
  const c = monthBars("t", [art("2015-01-10", []), art("2015-03-02", []), art("2015-03-20", []), art(null, [])], ["أ", "ب"], (a) => ({ series: a.date!.iso < "2015-02" ? 0 : 1, value: 1 }), "مقالاً")!;
  assert.equal(c.bars.length, 2, "January and March; February is an empty slot");
  const [jan, mar] = c.bars;
  assert.ok(jan!.x > mar!.x, "January is right of March");
  assert.ok(mar!.h > jan!.h, "two articles are taller than one");
  assert.equal(jan!.series, 0);
  assert.match(c.desc, /3 مقالاً بين يناير 2015 ومارس 2015، أكثرها في مارس 2015 \(2\)/);
  assert.equal(monthBars("t", [art(null, [])], ["أ"], () => null, "x"), null, "no dated article, no picture");
});

test("pairMatrix counts the articles in which two actors appear together", () => {
  const names = ["a", "b", "c"].map((id) => ({ id, name: id, url: `/actors/${id}/` }));
  const m = pairMatrix("t", [art("2015-01-01", ["a", "b"]), art("2015-01-02", ["a", "b", "c"]), art("2015-01-03", ["c"])], names)!;
  const count = (i: string, j: string) => m.cells.find((c) => c.label === `${i} و${j}: ${c.count}`)!.count;
  assert.equal(count("a", "b"), 2);
  assert.equal(count("a", "c"), 1);
  assert.equal(count("b", "c"), 1);
  assert.equal(m.cells.length, 6, "no cell for an actor with itself");
  assert.equal(pairMatrix("t", [], names.slice(0, 1)), null);
});
