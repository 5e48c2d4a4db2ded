// `npm run build` runs the program compiled to JavaScript (src/run.mjs): the same site, byte for byte, as
// the TypeScript run through tsx, and the compiled program kept in .cache/js-<hash>/ for the next run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { BUILD_COMMAND, ROOT, build } from "./support/site.ts";
import { MARKER } from "../src/build/output.ts";

function files(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const rel = path.relative(dir, path.join(e.parentPath, e.name));
    if (e.isFile() && rel !== MARKER) out.set(rel, readFileSync(path.join(dir, rel), "latin1"));
  }
  return out;
}

test("npm run build (compiled) makes the site the TypeScript makes through tsx", () => {
  const work = mkdtempSync(path.join(tmpdir(), "archive-run-"));
  try {
    const compiled = path.join(work, "compiled");
    const r = spawnSync(process.execPath, [...BUILD_COMMAND, "--seeds", path.join(ROOT, "seeds"), "--out", compiled, "--no-cache", "--quiet"], { cwd: ROOT, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    const kept = readdirSync(path.join(ROOT, ".cache")).filter((d) => /^js-[0-9a-f]{16}$/.test(d));
    assert.equal(kept.length, 1, `one compiled version kept: ${kept.join(", ")}`);
    for (const f of ["cli.mjs", "text-worker.mjs", "search-worker.mjs", "eleventy.config.mjs"]) assert.ok(existsSync(path.join(ROOT, ".cache", kept[0]!, f)), f);
    const typescript = path.join(work, "typescript");
    const t = build(["--seeds", path.join(ROOT, "seeds"), "--out", typescript, "--no-cache", "--quiet"]);
    assert.equal(t.code, 0, t.err);
    const a = files(compiled);
    const b = files(typescript);
    assert.ok(a.size > 50, `${a.size} files`);
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
    for (const [rel, content] of b) assert.ok(a.get(rel) === content, rel);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
