// What the search index receives: folded forms of every word, with and without attached particles.
import { test } from "node:test";
import assert from "node:assert/strict";
import { searchForms } from "../src/archive/index.ts";
import { foldTableForBrowser } from "../src/text/index.ts";

test("search forms fold spellings and take particles off, so any spelling of a query finds the article", () => {
  const forms = searchForms("التقى والرئيس كيرى بأوباما للمرة الأولى في القمّة").split(" ");
  for (const f of ["والرئيس", "الرئيس", "كيري", "باوباما", "اوباما", "القمه", "للمره", "المره"]) assert.ok(forms.includes(f), f);
});

test("the browser folds queries with the same table as the index", () => {
  const t = foldTableForBrowser();
  assert.equal(t["ى"], "ي");
  assert.equal(t["أ"], "ا");
  assert.equal(t["ة"], "ه");
  assert.equal(t["ـ"], "");
  assert.equal(t["٣"], "3");
  assert.equal(t["ب"], undefined, "letters that do not fold are not in the table");
});
