// Progress of long builds: a redrawn line on a terminal, plain lines elsewhere, nothing when quiet or small.
import { test } from "node:test";
import assert from "node:assert/strict";
import { bar, createProgress } from "../src/progress.ts";

function fakeStream(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (s: string) => out.push(s) } };
}

test("on a terminal one line is redrawn in place, with count, bar and elapsed time", () => {
  const { out, stream } = fakeStream(true);
  let clock = 0;
  const p = createProgress({ stream, now: () => clock });
  p.stage("articles", 1000, "files read and tagged");
  for (let i = 1; i <= 1000; i++) {
    clock += 1; // 1 ms a file: the line is redrawn at most every 100 ms, and at the end
    p.update(i);
  }
  p.end();
  assert.ok(out.length >= 10 && out.length <= 13, `${out.length} writes`);
  assert.ok(out.slice(0, -1).every((s) => s.startsWith("\r") && s.endsWith("\x1b[K")));
  assert.equal(out.at(-2), `\rarticles: 1,000/1,000 files read and tagged ${bar(1, 1)} 1.0 s\x1b[K`);
  assert.equal(out.at(-1), "\n");
});

test("elsewhere (CI logs) a plain line at every tenth, never a carriage return", () => {
  const { out, stream } = fakeStream(false);
  const p = createProgress({ stream, now: () => 0 });
  p.stage("pages", 2000, "pages written");
  for (let i = 1; i <= 2000; i++) p.update(i);
  p.end();
  assert.equal(out.length, 11);
  assert.ok(out.every((s) => s.endsWith("\n") && !s.includes("\r")));
  assert.match(out[5]!, /^pages: 1,000\/2,000 pages written █{12}░{12} 0\.0 s\n$/);
});

test("--quiet and builds of a few files print nothing", () => {
  for (const [quiet, total] of [[true, 5000], [false, 40]] as const) {
    const { out, stream } = fakeStream(false);
    const p = createProgress({ stream, quiet });
    p.stage("articles", total, "files");
    for (let i = 1; i <= total; i++) p.update(i);
    p.end();
    assert.deepEqual(out, []);
  }
});
