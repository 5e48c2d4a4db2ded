// npx tsx tests/bench/tree.ts record FILE | compare FILE [--articles N]
// Builds the seeds and a fixed generated corpus (tests/bench/corpus.ts, 2,000 articles unless --articles)
// from a cold start with `npm run build`'s command line (the compiled program, src/run.mjs), and hashes every file of both sites (but the
// build marker, which names the build). `record` writes the hashes to FILE (keep it outside the
// repository); `compare` builds again and lists every file added, removed or changed since. Made to
// check that a change to the build leaves its output byte-identical.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateCorpus } from "./corpus.ts";
import { MARKER } from "../../src/build/output.ts";
import { BUILD_COMMAND, ROOT } from "../support/site.ts";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { articles: { type: "string", default: "2000" } } });
const [mode, file] = positionals;
if ((mode !== "record" && mode !== "compare") || !file) throw new Error("usage: tsx tests/bench/tree.ts record|compare FILE [--articles N]");

type Tree = Record<string, string>;

function hashTree(dir: string): Tree {
  const tree: Tree = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const rel = path.relative(dir, path.join(e.parentPath, e.name));
    if (rel === MARKER) continue;
    tree[rel] = createHash("sha256").update(readFileSync(path.join(dir, rel))).digest("hex");
  }
  return Object.fromEntries(Object.entries(tree).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function buildTree(seeds: string, out: string): Tree {
  const r = spawnSync(process.execPath, [...BUILD_COMMAND, "--seeds", seeds, "--out", out, "--no-cache", "--quiet"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`the build of ${seeds} failed (${r.status}):\n${r.stderr}`);
  return hashTree(out);
}

const work = mkdtempSync(path.join(tmpdir(), "archive-tree-"));
try {
  const corpus = path.join(work, "corpus");
  generateCorpus(Number(values.articles), corpus);
  const trees: Record<string, Tree> = {
    seeds: buildTree(path.join(ROOT, "seeds"), path.join(work, "seeds-site")),
    corpus: buildTree(corpus, path.join(work, "corpus-site")),
  };
  if (mode === "record") {
    writeFileSync(file, JSON.stringify(trees, null, 1));
    console.log(`recorded ${Object.values(trees.seeds!).length} + ${Object.values(trees.corpus!).length} files in ${file}`);
  } else {
    const before = JSON.parse(readFileSync(file, "utf8")) as Record<string, Tree>;
    let differ = 0;
    for (const [name, now] of Object.entries(trees)) {
      const was = before[name] ?? {};
      for (const rel of new Set([...Object.keys(was), ...Object.keys(now)])) {
        const a = was[rel];
        const b = now[rel];
        if (a === b) continue;
        differ++;
        if (differ <= 50) console.log(`${name}: ${rel} ${a === undefined ? "added" : b === undefined ? "removed" : "changed"}`);
      }
      console.log(`${name}: ${Object.keys(now).length} files`);
    }
    console.log(differ ? `${differ} file(s) differ` : "identical");
    process.exitCode = differ ? 1 : 0;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
