// The one entry point: `npm run build` (build) and `npm start` (serve).
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, accessSync, constants, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import Eleventy from "@11ty/eleventy";
import type { Archive } from "./model.ts";
import { RegistryError } from "./ingest/index.ts";
import { normalizeBase, normalizeSiteUrl, searchRecords } from "./archive/index.ts";
import * as pagefind from "pagefind";
import { runPipeline } from "./pipeline.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const CONFIG = path.join(ROOT, "eleventy.config.ts");
const TEMPLATES = path.join(ROOT, "templates");
const REGISTRY = path.join(ROOT, "src", "registry");
/** Written into every output folder so a later build knows the folder is ours to replace. */
export const MARKER = ".archive-build";

const USAGE = `Usage:
  npm run build -- [--seeds DIR] [--out DIR] [--base /sub/path/] [--site-url URL] [--strict] [--quiet]
  npm start -- [--seeds DIR] [--out DIR] [--port N]

  --seeds DIR   folder of .txt and .md articles (default: seeds/)
  --out DIR     where the site is written (default: _site/)
  --base PATH   serve the site under this path, e.g. /archive/ (default: /)
  --site-url U  the public address of the host, for feeds, the sitemap and canonical links
                (default: http://localhost:8080)
  --strict      fail (exit 3) and write nothing when any file was skipped
  --quiet       print only errors
  --port N      dev server port for npm start (default: 8080)`;

export class BuildError extends Error {}

interface Options {
  command: "build" | "serve";
  seeds: string;
  out: string;
  base: string;
  siteUrl: string;
  strict: boolean;
  quiet: boolean;
  port: number;
}

function parse(argv: string[]): Options {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      seeds: { type: "string", default: "seeds" },
      out: { type: "string", default: "_site" },
      base: { type: "string", default: "/" },
      "site-url": { type: "string", default: "http://localhost:8080" },
      strict: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      port: { type: "string", default: "8080" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const command = positionals[0] ?? "build";
  if (command !== "build" && command !== "serve") throw new BuildError(`unknown command "${command}"\n${USAGE}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new BuildError(`--port must be a port number, not "${values.port}"`);
  return {
    command,
    seeds: path.resolve(values.seeds),
    out: path.resolve(values.out),
    base: normalizeBase(values.base),
    siteUrl: normalizeSiteUrl(values["site-url"]),
    strict: values.strict,
    quiet: values.quiet,
    port,
  };
}

/** Refuse output folders whose replacement would destroy something that is not a previous build. */
function checkOutput(out: string, seeds: string): void {
  const inside = (a: string, b: string) => a === b || !path.relative(b, a).startsWith("..");
  if (out === path.parse(out).root) throw new BuildError(`--out ${out} is the root of the file system`);
  if (inside(ROOT, out) || inside(seeds, out) || inside(out, seeds) || inside(TEMPLATES, out) || inside(out, TEMPLATES)) {
    throw new BuildError(`--out ${out} overlaps the project, the seeds or the templates; choose a folder of its own`);
  }
  if (existsSync(out)) {
    if (!statSync(out).isDirectory()) throw new BuildError(`--out ${out} exists and is not a folder`);
    const entries = readdirSync(out);
    if (entries.length && !entries.includes(MARKER)) {
      throw new BuildError(`--out ${out} already holds files that this tool did not write; empty it or choose another folder`);
    }
  }
  const parent = path.dirname(out);
  try {
    mkdirSync(parent, { recursive: true });
    accessSync(parent, constants.W_OK);
  } catch (e) {
    throw new BuildError(`cannot write the output folder ${out}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
}

function eleventy(archive: Archive | (() => Promise<Archive>), out: string, base: string, runMode: "build" | "serve", extra?: (c: any) => void) {
  return new Eleventy(TEMPLATES, out, {
    source: "script",
    runMode,
    configPath: CONFIG,
    pathPrefix: base,
    quietMode: true,
    config(cfg: any) {
      cfg.addGlobalData("archive", archive);
      extra?.(cfg);
    },
  });
}

/** The full-text search index (Pagefind, run through its Node API) in `dir`/pagefind/. */
export async function writeSearchIndex(archive: Archive, dir: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "ar" });
  if (!index) throw new BuildError(`the search index could not be created: ${errors.join("; ")}`);
  for (const record of searchRecords(archive)) {
    const r = await index.addCustomRecord(record);
    if (r.errors.length) throw new BuildError(`the search index refused ${record.url}: ${r.errors.join("; ")}`);
  }
  const w = await index.writeFiles({ outputPath: path.join(dir, "pagefind") });
  if (w.errors.length) throw new BuildError(`the search index could not be written: ${w.errors.join("; ")}`);
  await index.deleteIndex();
}

/** Render into a fresh folder beside the output, then swap it into place: a failure leaves the old site untouched. */
async function renderAtomically(archive: Archive, out: string): Promise<number> {
  const tmp = `${out}.tmp-${process.pid}`;
  const old = `${out}.old-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    mkdirSync(tmp, { recursive: true });
  } catch (e) {
    throw new BuildError(`cannot write the output folder ${out}: ${(e as NodeJS.ErrnoException).code ?? e}`);
  }
  try {
    const elev = eleventy(archive, tmp, archive.base, "build");
    const written = (await elev.write()) as unknown;
    await writeSearchIndex(archive, tmp);
    writeFileSync(path.join(tmp, MARKER), "Written by the Arabic news archive build; the next build replaces this folder.\n");
    const had = existsSync(out);
    if (had) renameSync(out, old);
    try {
      renameSync(tmp, out);
    } catch (e) {
      if (had) renameSync(old, out);
      throw e;
    }
    rmSync(old, { recursive: true, force: true });
    return countPages(written);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    // Eleventy may still be writing other pages when one fails: clean up again once it is done.
    process.once("exit", () => rmSync(tmp, { recursive: true, force: true }));
    throw e;
  }
}

function countPages(written: unknown): number {
  const flat = Array.isArray(written) ? written.flat(2) : [];
  return flat.filter((w) => w && typeof w === "object" && "outputPath" in w && (w as { outputPath: unknown }).outputPath).length;
}

/** The message of an error and of its causes (Eleventy wraps template errors several times). */
export function describe(e: unknown): string {
  const lines: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 6; depth++) {
    const err = cur as { message?: string; originalError?: unknown; cause?: unknown };
    const msg = (err.message ?? String(cur)).trim();
    if (msg && !lines.some((l) => l.includes(msg))) lines.push(msg);
    cur = err.originalError ?? err.cause;
  }
  return lines.join("\n  caused by: ");
}

function summary(archive: Archive, out: string, pages: number, ms: number): string {
  const r = archive.report;
  const lines = [`Built ${r.articles} articles, ${r.events} events, ${r.actors} actors (${pages} files) into ${path.relative(process.cwd(), out) || "."}/ in ${(ms / 1000).toFixed(1)} s`];
  if (r.skipped.length) {
    lines.push(`Skipped ${r.skipped.length} file(s):`);
    for (const s of r.skipped) lines.push(`  ${s.source}: ${s.reason}`);
  }
  if (r.duplicates.length) {
    lines.push(`Duplicates (${r.duplicates.length}), not built twice:`);
    for (const d of r.duplicates) lines.push(`  ${d.source}: same text as ${d.duplicateOf}`);
  }
  if (r.warnings.length) {
    lines.push(`Warnings (${r.warnings.length}):`);
    for (const w of r.warnings) lines.push(`  ${w.source}: ${w.message}`);
  }
  return lines.join("\n");
}

export async function build(o: Options): Promise<number> {
  const start = performance.now();
  checkOutput(o.out, o.seeds);
  if (!existsSync(o.seeds)) throw new BuildError(`the seeds folder ${o.seeds} does not exist`);
  const { archive } = await runPipeline({ seeds: o.seeds, registryDir: REGISTRY, base: o.base, siteUrl: o.siteUrl });
  if (o.strict && (archive.report.skipped.length || archive.report.duplicates.length)) {
    console.error(summary(archive, o.out, 0, performance.now() - start));
    console.error(`--strict: ${archive.report.skipped.length} skipped and ${archive.report.duplicates.length} duplicate file(s); nothing was written.`);
    return 3;
  }
  const pages = await renderAtomically(archive, o.out);
  if (!o.quiet) console.log(summary(archive, o.out, pages, performance.now() - start));
  return 0;
}

async function serve(o: Options): Promise<void> {
  checkOutput(o.out, o.seeds);
  const load = async () => {
    try {
      const { archive } = await runPipeline({ seeds: o.seeds, registryDir: REGISTRY, base: o.base, siteUrl: o.siteUrl });
      console.log(`[archive] ${archive.report.articles} articles, ${archive.report.skipped.length} skipped`);
      return archive;
    } catch (e) {
      console.error(`[archive] ${describe(e)}`);
      throw e;
    }
  };
  let latest: Archive | undefined;
  const loadAndKeep = async () => (latest = await load());
  const elev = eleventy(loadAndKeep, o.out, o.base, "serve", (cfg) => {
    cfg.on("eleventy.after", async () => {
      if (latest) await writeSearchIndex(latest, o.out);
    });
    cfg.addWatchTarget(o.seeds);
    cfg.addWatchTarget(REGISTRY);
    cfg.addWatchTarget(path.join(ROOT, "public"));
    cfg.setServerOptions({ port: o.port });
  });
  await elev.init();
  await elev.watch();
  writeFileSync(path.join(o.out, MARKER), "Written by the Arabic news archive dev server.\n");
  elev.serve(o.port);
}

async function main(): Promise<void> {
  let o: Options;
  try {
    o = parse(process.argv.slice(2));
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exit(2);
  }
  process.chdir(ROOT);
  try {
    if (o.command === "serve") await serve(o);
    else {
      process.exitCode = await build(o);
      await pagefind.close();
    }
  } catch (e) {
    if (e instanceof RegistryError) console.error(`error: the registry is invalid: ${e.message}\nNothing was written.`);
    else if (e instanceof BuildError) console.error(`error: ${e.message}\nNothing was written.`);
    else console.error(`error: the site could not be rendered; the previous output is unchanged.\n  ${describe(e)}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
