// src/render/index.ts undoes what loading nunjucks does to V8's String.prototype (see the comment there):
// checked in a child process with V8's own %HasFastProperties, which needs --allow-natives-syntax. What
// it costs is measured by the benchmark (npm run bench), not here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

function stringPrototypeFast(script: string): boolean {
  const r = spawnSync(process.execPath, ["--allow-natives-syntax", "--import", "tsx", "--input-type=module", "-e", `${script}\nconsole.log(%HasFastProperties(String.prototype));`], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim() === "true";
}

test("loading nunjucks alone leaves String.prototype in dictionary mode (why the render module acts)", () => {
  assert.equal(stringPrototypeFast(`import "nunjucks";`), false);
});

test("after the render module is loaded String.prototype is in fast mode again", () => {
  assert.equal(stringPrototypeFast(`await import("./src/render/index.ts");`), true);
});
