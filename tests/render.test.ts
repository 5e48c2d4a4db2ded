// Rendering: the templates' once() helper, the lists' entries, and writing only the files that changed.
import { test } from "node:test";
import assert from "node:assert/strict";

test("once() renders an item once per render pass, and each pass (a new renderer) afresh", async () => {
  const { onceGlobal } = await import("../src/render/index.ts");
  let calls = 0;
  const macro = (item: object) => `<li>${(item as { t: string }).t} ${++calls}</li>`;
  const a = { t: "أ" };
  const b = { t: "ب" };
  const kept = new Map<string, Map<object, unknown>>();
  const once = onceGlobal(kept);
  assert.deepEqual([once("l", a, macro), once("l", b, macro), once("l", a, macro)], ["<li>أ 1</li>", "<li>ب 2</li>", "<li>أ 1</li>"]);
  // Another key is another call site: nothing kept under one key is given for another.
  assert.deepEqual([once("m", a, () => "A"), once("l", a, () => "x")], ["A", "<li>أ 1</li>"]);
  // Another pass keeps nothing of the first.
  assert.equal(onceGlobal(new Map())("l", a, macro), "<li>أ 3</li>");
  // Eleventy's: nothing kept.
  const plain = onceGlobal();
  assert.deepEqual([plain("l", a, macro), plain("l", a, macro)], ["<li>أ 4</li>", "<li>أ 5</li>"]);
  // What it keeps is bounded, whatever the archive's size.
  for (let i = 0; i < 25_000; i++) once("l", { t: String(i) }, () => "x");
  const sizes = [...kept.values()].reduce((n, m) => n + m.size, 0);
  assert.ok(sizes <= 10_000, `${sizes} items kept`);
});

test("an article's entry is the same in every list, and a changed template shows in the next pass", async () => {
  const { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const { article, registry } = await import("./helpers.ts");
  const { buildArchive } = await import("../src/archive/index.ts");
  const { createRenderer, pageSpecs } = await import("../src/render/index.ts");
  const archive = buildArchive(
    [
      { ...article("كيري يلتقي لافروف في فيينا\n\nالتقى وزير الخارجية الأمريكي جون كيري نظيره الروسي سيرغي لافروف في فيينا لبحث الأزمة السورية."), source: "a.txt" },
      { ...article("أوباما في أنطاليا\n\nدعا الرئيس الأمريكي باراك أوباما في قمة مجموعة العشرين في أنطاليا إلى التعاون، والتقى كيري على هامشها."), source: "b.txt" },
    ],
    [],
    registry,
    { base: "/" },
  );
  const lists = pageSpecs(archive).filter((s) => s.url === "/articles/" || s.url === "/actors/john-kerry/");
  assert.equal(lists.length, 2);
  const dir = mkdtempSync(path.join(tmpdir(), "once-"));
  try {
    cpSync(path.join(import.meta.dirname, "..", "templates"), dir, { recursive: true });
    const itemsOf = (html: string) => html.match(/<li>\s*<a href="\/articles\/[^"]+\/">[\s\S]*?<\/li>/g) ?? [];
    const first = createRenderer(dir, archive);
    const [all, kerry] = lists.map((s) => itemsOf(first.render(s)));
    assert.equal(all!.length, 2);
    assert.equal(kerry!.length, 2);
    assert.deepEqual([...kerry!].sort(), [...all!].sort(), "the same entries in both lists");
    // The item's markup changed between two passes (as the dev server rebuilds after a template edit).
    const file = path.join(dir, "_includes", "article-list.njk");
    writeFileSync(file, readFileSync(file, "utf8").replace('<p class="excerpt">', '<p class="excerpt changed">'));
    const html = createRenderer(dir, archive).render(lists[1]!);
    assert.equal(html.match(/class="excerpt changed"/g)?.length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the lists really keep each entry: a summary changed after its first list shows unchanged in the next", async () => {
  const path = await import("node:path");
  const { article, registry } = await import("./helpers.ts");
  const { buildArchive } = await import("../src/archive/index.ts");
  const { createRenderer, pageSpecs } = await import("../src/render/index.ts");
  const archive = buildArchive([{ ...article("كيري في فيينا\n\nالتقى وزير الخارجية الأمريكي جون كيري نظيره الروسي سيرغي لافروف في فيينا لبحث الأزمة السورية."), source: "a.txt" }], [], registry, { base: "/" });
  const [all, kerry] = ["/articles/", "/actors/john-kerry/"].map((url) => pageSpecs(archive).find((s) => s.url === url)!);
  const renderer = createRenderer(path.join(import.meta.dirname, "..", "templates"), archive);
  assert.match(renderer.render(all!), /كيري في فيينا/);
  // Summaries never change once built; changing one here shows whether the second list renders it again.
  const summary = (all!.data.listPage as { items: { title: string }[] }).items[0]!;
  summary.title = "عنوان آخر";
  assert.match(renderer.render(kerry!), /كيري في فيينا/, "kept from the first list");
  assert.match(createRenderer(path.join(import.meta.dirname, "..", "templates"), archive).render(kerry!), /عنوان آخر/, "a new pass renders it again");
});

test("writeChanged() writes what changed, and a file gone from the folder only when the folder is not known to hold it", async () => {
  const { mkdtempSync, readFileSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const path = await import("node:path");
  const { writeChanged } = await import("../src/render/index.ts");
  const dir = mkdtempSync(path.join(tmpdir(), "changed-"));
  try {
    const page = (p: string, text: string) => ({ path: p, signature: text, content: () => `<p>${text}</p>` });
    const first = writeChanged([page("a/index.html", "قمة"), page("b/index.html", "اجتماع")], dir);
    assert.equal(first.written, 2);
    // One page changed: only it is written.
    const second = writeChanged([page("a/index.html", "قمة"), page("b/index.html", "مؤتمر")], dir, { previous: first.signatures });
    assert.equal(second.written, 1);
    assert.equal(readFileSync(path.join(dir, "b/index.html"), "utf8"), "<p>مؤتمر</p>");
    // A page deleted by hand is written again when the folder is looked in…
    rmSync(path.join(dir, "a/index.html"));
    const pages = [page("a/index.html", "قمة"), page("b/index.html", "مؤتمر")];
    assert.equal(writeChanged(pages, dir, { previous: second.signatures, held: true }).written, 0, "held: no file is looked for");
    const third = writeChanged(pages, dir, { previous: second.signatures });
    assert.equal(third.written, 1);
    assert.equal(readFileSync(path.join(dir, "a/index.html"), "utf8"), "<p>قمة</p>");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
