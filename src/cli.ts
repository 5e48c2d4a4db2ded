// The one entry point: `npm run build` (build) and `npm start` (serve). It only reads the command line
// and calls the command; the build is src/build/, the dev server src/serve/.
import path from "node:path";
import { parseArgs } from "node:util";
import { RegistryError } from "./ingest/index.ts";
import { normalizeBase, normalizeSiteUrl } from "./archive/index.ts";
import { BuildError, build, describe, type BuildOptions } from "./build/index.ts";
import { ROOT } from "./build/paths.ts";
import { serve } from "./serve/index.ts";

const USAGE = `Usage:
  npm run build -- [--seeds DIR] [--out DIR] [--base /sub/path/] [--site-url URL] [--cache DIR | --no-cache]
                   [--threads N] [--strict] [--quiet] [--stats FILE]
  npm start -- [--seeds DIR] [--out DIR] [--port N] [--cache DIR | --no-cache]

  --seeds DIR   folder of .txt and .md articles (default: seeds/)
  --out DIR     where the site is written (default: _site/)
  --base PATH   serve the site under this path, e.g. /archive/ (default: /)
  --site-url U  the public address of the host, for feeds, the sitemap and canonical links
                (default: http://localhost:8080)
  --cache DIR   where the text stages remember each file by content hash, so a rebuild only
                reprocesses changed files (default: .cache/text/; safe to delete)
  --no-cache    neither read nor write the cache
  --threads N   worker threads for the text stages (default: one per core, for a few hundred files or more)
  --strict      fail (exit 3) and write nothing when any file was skipped
  --quiet       print only errors (no progress, no summary)
  --stats FILE  write the time and peak memory of each stage, pages and bytes written, as JSON
  --port N      dev server port for npm start (default: 8080)`;

/** The commands, by name: each is given the parsed options and returns the exit code (none: it keeps running). */
const COMMANDS: Record<string, (o: Options) => Promise<number | void>> = {
  build: (o) => build(o),
  serve: (o) => serve(o),
};

interface Options extends BuildOptions {
  command: string;
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
      cache: { type: "string", default: ".cache/text" },
      "no-cache": { type: "boolean", default: false },
      stats: { type: "string" },
      threads: { type: "string" },
      port: { type: "string", default: "8080" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const command = positionals[0] ?? "build";
  if (!Object.hasOwn(COMMANDS, command)) throw new BuildError(`unknown command "${command}"\n${USAGE}`);
  const threads = values.threads === undefined ? undefined : Number(values.threads);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) throw new BuildError(`--threads must be a whole number from 1 to 64, not "${values.threads}"`);
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
    cache: values["no-cache"] ? null : path.resolve(values.cache),
    stats: values.stats ? path.resolve(values.stats) : null,
    threads,
  };
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
    const code = await COMMANDS[o.command]!(o);
    if (code !== undefined) process.exitCode = code;
  } catch (e) {
    if (e instanceof RegistryError) console.error(`error: the registry is invalid: ${e.message}\nNothing was written.`);
    else if (e instanceof BuildError) console.error(`error: ${e.message}\nNothing was written.`);
    else console.error(`error: the site could not be rendered; the previous output is unchanged.\n  ${describe(e)}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
