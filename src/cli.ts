// The one entry point: `npm run build` (build) and `npm start` (serve). It only reads the command line
// and calls the command; the build is src/build/, the dev server src/serve/.
import path from "node:path";
import { parseArgs } from "node:util";
import { normalizeBase, normalizeSiteUrl } from "./archive/index.ts";
import { BuildError, build, failureMessage } from "./build/index.ts";
import { ROOT } from "./build/paths.ts";
import { REGISTRY_DIR } from "./ingest/index.ts";
import { loadSettings } from "./settings/index.ts";
import { serve, type ServeOptions } from "./serve/index.ts";
import { runNew } from "./new.ts";
import { closest } from "./closest.ts";

/** A command: what `--help` says of it, and what it runs. */
interface Command {
  /** How it is typed with npm, for the usage lines. */
  usage: string;
  help: string;
  /** A positional argument is the articles folder (the same as --seeds). */
  folder?: boolean;
  /** Its own defaults of some options, as typed (and shown by --help). */
  defaults?: Record<string, string>;
  /** Runs with the parsed options; returns the exit code (none: it keeps running). */
  run(o: Options): Promise<number | void>;
}

/** The commands, by name (the first positional argument; build when none is given). */
const COMMANDS: Record<string, Command> = {
  build: { usage: "npm run build -- [DIR] [options]", help: "build the site from the articles in DIR (or --seeds) into --out", folder: true, run: (o) => build(o) },
  serve: {
    usage: "npm start -- [DIR] [options]",
    help: "build the site into a folder of its own, serve it on --host and --port, rebuild it on every change",
    folder: true,
    defaults: { out: ".cache/serve-site/" },
    run: (o) => serve(o),
  },
  new: { usage: 'npm run new -- "TITLE" [--seeds DIR]', help: "write a new Markdown article (today's date, draft: true) into the articles folder", run: async (o) => runNew(o.seeds, o.args.join(" ")) },
};

/** An option: its type, the word shown for its value, its default (as typed), and what it does. */
interface OptionSpec {
  type: "string" | "boolean";
  /** The value's name in --help (string options). */
  arg?: string;
  default?: string;
  /** The default as --help says it, when it is not a plain value; null: --help names no default. */
  shown?: string | null;
  short?: string;
  help: string;
}

/** Every option of every command; --help lists them in this order. */
const OPTIONS: Record<string, OptionSpec> = {
  config: { type: "string", arg: "FILE", shown: "archive.config.yaml in the project, if there is one", help: "the settings file; the options below override it" },
  seeds: { type: "string", arg: "DIR", shown: "the settings' articles, else seeds/", help: "folder of .txt and .md articles (a folder given alone means the same)" },
  out: { type: "string", arg: "DIR", shown: "the settings' output, else _site/", help: "where the site is written" },
  base: { type: "string", arg: "PATH", shown: "the settings' base, else /", help: "serve the site under this path, e.g. /archive/" },
  "site-url": { type: "string", arg: "URL", shown: "the settings' url, else http://localhost:8080", help: "the public address of the host, for feeds, the sitemap and canonical links" },
  cache: { type: "string", arg: "DIR", default: ".cache/text", shown: ".cache/text/; safe to delete", help: "where the text stages remember each file by content hash, so a rebuild only reprocesses changed files" },
  "no-cache": { type: "boolean", help: "neither read nor write the cache" },
  threads: { type: "string", arg: "N", shown: "one per 350 files, at most one per core; none below 700 files", help: "worker threads for the text stages" },
  strict: { type: "boolean", help: "fail (exit 3) and write nothing when any file was skipped or is a duplicate" },
  quiet: { type: "boolean", help: "print only errors (no progress, no summary)" },
  stats: { type: "string", arg: "FILE", shown: "none", help: "write the time and peak memory of each stage, pages and bytes written, as JSON" },
  port: { type: "string", arg: "N", default: "8080", help: "dev server port for npm start" },
  drafts: { type: "boolean", shown: "left out; npm start builds them", help: "build the articles whose front matter says draft: true, marked as drafts" },
  host: { type: "string", arg: "ADDR", default: "127.0.0.1", help: "the address the dev server listens on (0.0.0.0: every interface, reachable from other machines)" },
  help: { type: "boolean", short: "h", shown: null, help: "print this help and exit" },
};

/** The text of --help: every command and every option, each with its default. */
export function usage(): string {
  const names = Object.keys(COMMANDS);
  const lines = ["Usage:", ...names.map((n) => `  ${COMMANDS[n]!.usage}`), "", "Commands (build when none is given):"];
  const width = Math.max(...names.map((n) => n.length));
  for (const n of names) lines.push(`  ${n.padEnd(width)}  ${COMMANDS[n]!.help}`);
  lines.push("", "Options:");
  const flag = (name: string, o: OptionSpec) => `${o.short ? `-${o.short}, ` : ""}--${name}${o.arg ? ` ${o.arg}` : ""}`;
  const flagWidth = Math.max(...Object.entries(OPTIONS).map(([n, o]) => flag(n, o).length));
  for (const [name, o] of Object.entries(OPTIONS)) {
    const own = names.filter((n) => COMMANDS[n]!.defaults?.[name] !== undefined).map((n) => `; ${n}: ${COMMANDS[n]!.defaults![name]}`);
    const def = o.shown === null ? "" : ` (default: ${o.shown ?? o.default ?? (o.type === "boolean" ? "off" : "none")}${own.join("")})`;
    lines.push(...wrap(`${o.help}${def}`, 100 - flagWidth - 4).map((l, i) => `  ${(i ? "" : flag(name, o)).padEnd(flagWidth)}  ${l}`));
  }
  return lines.join("\n");
}

/** `text` cut at spaces into lines of at most `width` characters (a longer word stays whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/**
 * Node's parser message for a mistyped command line, said in the user's terms: the unknown option with
 * the closest real one, or the option whose value is missing or not wanted.
 */
function rewordParseError(argv: string[], e: { code?: string; message: string }): string {
  const { tokens } = parseArgs({ args: argv, allowPositionals: true, strict: false, tokens: true, options: parserOptions() });
  for (const t of tokens) {
    if (t.kind !== "option") continue;
    const spec = Object.hasOwn(OPTIONS, t.name) ? OPTIONS[t.name] : Object.values(OPTIONS).find((o) => o.short === t.name);
    if (!spec) {
      const near = t.name.length > 1 ? closest(t.name, Object.keys(OPTIONS)) : undefined;
      return `unknown option ${t.rawName}${near ? `; did you mean --${near}?` : ""} (--help lists them)`;
    }
    if (spec.type === "string" && (t.value === undefined || (!t.inlineValue && t.value.startsWith("-")))) return `${t.rawName} needs a value: ${t.rawName} ${spec.arg}`;
    if (spec.type === "boolean" && t.inlineValue) return `${t.rawName} takes no value: write ${t.rawName} alone`;
  }
  return e.message;
}

/** The option table as node:util's parseArgs takes it (defaults are applied by parse(), which needs to know what was given). */
function parserOptions() {
  return Object.fromEntries(Object.entries(OPTIONS).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]));
}

interface Options extends ServeOptions {
  command: string;
  /** The positional arguments after the command (its folder already taken as `seeds`). */
  args: string[];
}

function parse(argv: string[]): Options {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: parserOptions() });
  } catch (e) {
    throw new BuildError(rewordParseError(argv, e as Error));
  }
  const given = parsed.values as Record<string, string | boolean | undefined>;
  if (given.help) {
    console.log(usage());
    process.exit(0);
  }
  const [command = "build", ...args] = parsed.positionals;
  if (!Object.hasOwn(COMMANDS, command)) {
    const near = closest(command, Object.keys(COMMANDS));
    throw new BuildError(`unknown command "${command}"${near ? `; did you mean ${near}?` : ""}\n${usage()}`);
  }
  const str = (name: string) => (typeof given[name] === "string" ? (given[name] as string) : COMMANDS[command]!.defaults?.[name] ?? OPTIONS[name]!.default);
  const flag = (name: string) => given[name] === true;
  let seeds = str("seeds");
  if (COMMANDS[command]!.folder && args.length) {
    if (args.length > 1) throw new BuildError(`give one articles folder, not ${args.length}: ${args.join(" ")}`);
    if (given.seeds !== undefined) throw new BuildError(`the articles folder is given twice (${args[0]} and --seeds ${given.seeds}); give it once`);
    seeds = args.shift()!;
  }
  const threadsText = str("threads");
  const threads = threadsText === undefined ? undefined : Number(threadsText);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 1 || threads > 64)) throw new BuildError(`--threads must be a whole number from 1 to 64, not "${threadsText}"`);
  const port = Number(str("port"));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new BuildError(`--port must be a port number, not "${str("port")}"`);
  const stats = str("stats");
  // The settings file, with the options given over it (the dev server's own folder over its output).
  const settings = loadSettings({ config: str("config"), articles: seeds, output: str("out"), base: str("base"), url: str("site-url") }, ROOT, REGISTRY_DIR);
  return {
    command,
    args,
    seeds: settings.articles,
    out: settings.output,
    base: settings.base,
    siteUrl: settings.url,
    registry: settings.registry,
    site: settings.site,
    settings,
    strict: flag("strict"),
    quiet: flag("quiet"),
    port,
    host: str("host")!,
    cache: flag("no-cache") ? null : path.resolve(str("cache")!),
    stats: stats ? path.resolve(stats) : null,
    threads,
    drafts: flag("drafts"),
  };
}

/** The command line of this process: src/run.mjs (`npm run build`) calls it, or running this file. */
export async function main(): Promise<void> {
  let o: Options;
  try {
    o = parse(process.argv.slice(2));
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exit(2);
  }
  process.chdir(ROOT);
  try {
    const code = await COMMANDS[o.command]!.run(o);
    if (code !== undefined) process.exitCode = code;
  } catch (e) {
    console.error(failureMessage(e));
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
