// The shape of src/ (docs/ARCHITECTURE.md): no import circles, counting type-only imports and
// import("…") types too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

const SRC = path.resolve(import.meta.dirname, "..", "src");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sources(p) : /\.ts$/.test(d.name) ? [p] : [];
  });
}

/** The files of src/ that `file` imports: static, type-only, re-exports, dynamic and import("…") types. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found = new Set<string>();
  for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm)) {
    const spec = m[1]!;
    if (!spec.startsWith(".")) continue;
    const to = path.resolve(path.dirname(file), spec);
    if (to.startsWith(SRC + path.sep)) found.add(to);
  }
  return [...found];
}

/** Every circle of `graph` (file → files it imports), each from its first file back to it. */
function circles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, "open");
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === "open") found.push([...stack.slice(stack.indexOf(g)), g]);
      else if (!state.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, "done");
  };
  for (const f of graph.keys()) if (!state.has(f)) visit(f);
  return found;
}

test("the walker reads every kind of import and finds circles", () => {
  const pipeline = importsOf(path.join(SRC, "pipeline.ts"));
  assert.ok(pipeline.includes(path.join(SRC, "model.ts")), "import type … from");
  assert.ok(pipeline.includes(path.join(SRC, "ingest", "index.ts")), "import … from");
  const graph = new Map([["a", ["b"]], ["b", ["c"]], ["c", ["a"]], ["d", ["a"]], ["e", ["e"]]]);
  assert.deepEqual(circles(graph), [["a", "b", "c", "a"], ["e", "e"]]);
  assert.deepEqual(circles(new Map([["a", ["b"]], ["b", []], ["c", ["a", "b"]]])), []);
});

test("src/ has no import circles, type-only imports included", () => {
  const graph = new Map(sources(SRC).map((f) => [f, importsOf(f)]));
  assert.deepEqual(circles(graph).map((c) => c.map((f) => path.relative(SRC, f)).join(" → ")), []);
});
