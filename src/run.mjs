// What `npm run build` runs: the program compiled to JavaScript, then its command line (src/cli.ts).
// Under tsx every module is compiled (from tsx's cache) and resolved through a loader thread on each run;
// compiled once for each version of the sources, the program starts faster (figures in docs/PERFORMANCE.md).
// The compiled program is .cache/js-<hash of the sources>/ (git-ignored, safe to delete; written beside and
// renamed, older versions removed): src/cli.ts, the pool's threads (src/text-worker.ts, src/search-worker.ts) and eleventy.config.ts,
// bundled by esbuild (the compiler tsx uses) with their shared code in common chunks and packages left as
// imports. The folder is two levels under the project, as src/build/ is, so that the paths the code finds
// from its own place (src/build/paths.ts, src/ingest/registry.ts) are the same. If it cannot be made, the
// TypeScript runs through tsx as `npm start` runs it.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = path.join(import.meta.dirname, "..");
const SOURCES = ["src", "eleventy.config.ts", path.join("public", "js"), "package.json"];

/** A hash of every file of the sources and of the compiler's version. */
function sourcesHash() {
  const h = createHash("sha256");
  const add = (rel) => {
    const file = path.join(ROOT, rel);
    if (!existsSync(file)) return;
    if (rel.endsWith(".ts") || rel.endsWith(".js") || rel.endsWith(".mjs") || rel.endsWith(".json")) {
      h.update(rel).update("\0").update(readFileSync(file)).update("\0");
      return;
    }
    for (const e of readdirSync(file, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory() || e.isFile()) add(path.join(rel, e.name));
    }
  };
  for (const s of SOURCES) add(s);
  h.update(JSON.parse(readFileSync(path.join(ROOT, "node_modules", "esbuild", "package.json"), "utf8")).version);
  return h.digest("hex").slice(0, 16);
}

/** The folder of the compiled program, made if needed; null if it cannot be made. */
async function compiled() {
  try {
    const cache = path.join(ROOT, ".cache");
    const dir = path.join(cache, `js-${sourcesHash()}`);
    if (existsSync(path.join(dir, "cli.mjs"))) return dir;
    const esbuild = await import("esbuild");
    const tmp = `${dir}.tmp-${process.pid}`;
    await esbuild.build({
      entryPoints: { cli: path.join(ROOT, "src", "cli.ts"), "text-worker": path.join(ROOT, "src", "text-worker.ts"), "search-worker": path.join(ROOT, "src", "search-worker.ts"), "eleventy.config": path.join(ROOT, "eleventy.config.ts") },
      outdir: tmp,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      splitting: true,
      platform: "node",
      format: "esm",
      target: `node${process.versions.node}`,
      packages: "external",
      logLevel: "silent",
    });
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // Another build made it meanwhile.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(dir)) throw e;
    }
    for (const old of readdirSync(cache)) {
      if (old.startsWith("js-") && old !== path.basename(dir) && !old.includes(".tmp-")) rmSync(path.join(cache, old), { recursive: true, force: true });
    }
    return dir;
  } catch {
    return null;
  }
}

const dir = await compiled();
if (dir) await (await import(pathToFileURL(path.join(dir, "cli.mjs")).href)).main();
else {
  (await import("tsx/esm/api")).register();
  await (await import(pathToFileURL(path.join(ROOT, "src", "cli.ts")).href)).main();
}
