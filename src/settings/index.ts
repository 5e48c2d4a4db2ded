// The editor's settings: archive.config.yaml at the project root (or the file of --config), read as plain
// YAML and checked against a schema, so that a mistake names the file, the line, the key and what is
// allowed, and stops the build. Every key has a default (a missing file builds the seeds as before);
// command-line flags override the file. What readers see goes to the Site (src/strings); where files
// are goes to the build.
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import path from "node:path";
import type { Document, LineCounter } from "yaml";
import { parseYaml, yaml, YamlError, type ParsedYaml } from "../ingest/index.ts";
import type { z } from "zod";
import { once, zod } from "../lazy.ts";
import { normalizeBase, normalizeSiteUrl } from "../archive/index.ts";
import { DEFAULT_STRINGS, PLURAL_CATEGORIES, defaultSite, entryKind, type Dictionary, type Site } from "../strings/index.ts";

/** The settings file looked for at the project root when --config is not given. */
export const SETTINGS_FILE = "archive.config.yaml";
export const DEFAULT_URL = "http://localhost:8080";

export class SettingsError extends Error {}

/** The settings a build runs with, every path absolute. */
export interface Settings {
  /** The file they were read from, or null (defaults and flags only). */
  file: string | null;
  site: Site;
  url: string;
  base: string;
  articles: string;
  registry: string;
  output: string;
}

/** Flags of the command line that override the file (undefined: not given). */
export interface SettingsFlags {
  config?: string;
  articles?: string;
  output?: string;
  base?: string;
  url?: string;
}

/** What each key allows, in the words of the error messages (and of the README's table). */
export const ALLOWED: Record<string, string> = {
  title: "a non-empty text",
  description: "a text",
  url: "an http(s) address without query or fragment, such as https://news.example.org",
  base: "a path such as / or /archive/ (letters, digits, . _ ~ -)",
  locale: "a language tag such as ar, ar-EG or ar-SY",
  digits: '"latn" (0123456789) or "arab" (٠١٢٣٤٥٦٧٨٩)',
  calendars: "a mapping with months and hijri",
  "calendars.months": '"egyptian" (نوفمبر), "levantine" (تشرين الثاني) or "both" (نوفمبر (تشرين الثاني))',
  "calendars.hijri": "true or false",
  menu: "a list of entries, each with label and url",
  "menu.label": "a non-empty text",
  "menu.url": "a site path such as /articles/ or a full http(s) address",
  footer: "a text",
  licence: "a text",
  articles: "a folder (relative to the settings file)",
  registry: "a folder (relative to the settings file)",
  output: "a folder (relative to the settings file)",
  strings: "a mapping from keys of the dictionary (src/strings/ar.ts) to their new text",
};

/** The settings file's schema, made when a settings file is read (zod loads then: src/lazy.ts). */
const schema = once(() => makeSchema(zod().z));

function makeSchema(z: typeof import("zod").z) {
  const text = z.string();
  const folder = z.string().min(1);
  const forms = z.object(Object.fromEntries(PLURAL_CATEGORIES.map((c) => [c, z.string().min(1)])) as Record<(typeof PLURAL_CATEGORIES)[number], z.ZodString>).strict();

  return z.object({
    title: z.string().min(1),
    description: text,
    url: z.string().min(1),
    base: z.string(),
    locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/),
    digits: z.enum(["latn", "arab"]),
    calendars: z.object({ months: z.enum(["egyptian", "levantine", "both"]), hijri: z.boolean() }).partial().strict(),
    menu: z.array(z.object({ label: z.string().min(1), url: z.string().regex(/^(\/|https?:\/\/)/) }).strict()).min(1),
    footer: text,
    licence: text,
    articles: folder,
    registry: folder,
    output: folder,
    strings: z.record(z.string(), z.unknown()).superRefine((over, ctx) => {
      for (const [key, value] of Object.entries(over)) {
        const known = DEFAULT_STRINGS[key];
        if (known === undefined) {
          ctx.addIssue({ code: "custom", path: [key], message: `"${key}" is not a key of the dictionary (see src/strings/ar.ts)` });
          continue;
        }
        const kind = entryKind(known);
        const ok = kind === "text" ? typeof value === "string"
          : kind === "words" ? Array.isArray(value) && value.length > 0 && value.every((w) => typeof w === "string" && w)
          : forms.safeParse(value).success && ["few", "many", "other"].every((c) => (value as Record<string, string>)[c]!.includes("{n}"));
        if (!ok) {
          const want = kind === "text" ? "a text" : kind === "words" ? "a list of words" : `a counted noun: ${PLURAL_CATEGORIES.join(", ")}, each a text, with {n} in few, many and other`;
          ctx.addIssue({ code: "custom", path: [key], message: `must be ${want}` });
        }
      }
    }),
  }).partial().strict();
}

type Raw = z.infer<ReturnType<typeof schema>>;

/** The settings file's text as plain data, through the project's one YAML reader (src/ingest/yaml.ts). */
function readYaml(source: string, file: string): ParsedYaml {
  try {
    return parseYaml(source, file);
  } catch (e) {
    if (e instanceof YamlError) throw new SettingsError(`${file}${e.line ? `:${e.line}` : ""}: not valid YAML: ${e.problem.replace(/^invalid YAML: /, "")}`);
    throw e;
  }
}

/** "file:line:column" of the node at `keys` (or of its key, for a key that should not be there). */
function where(file: string, doc: Document, lines: LineCounter, keys: (string | number)[], unknownKey?: string): string {
  let node: unknown = doc.contents;
  let at: [number, number] | undefined;
  const range = (n: unknown) => (n as { range?: [number, number, number] } | null)?.range;
  for (const k of keys) {
    const r = range(node);
    if (r) at = [r[0], r[1]];
    const child = (node as { get?: (k: unknown, keep: boolean) => unknown } | null)?.get?.(k, true);
    if (child === undefined) break;
    node = child;
  }
  const r = range(node);
  if (r) at = [r[0], r[1]];
  const { isMap, isScalar } = yaml();
  if (unknownKey !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && p.key.value === unknownKey);
    const kr = pair && range(pair.key);
    if (kr) at = [kr[0], kr[1]];
  }
  const pos = lines.linePos(at?.[0] ?? 0);
  return `${file}:${pos.line}:${pos.col}`;
}

const keyName = (keys: (string | number)[]) => keys.map((k) => (typeof k === "number" ? `[${k + 1}]` : k)).join(".").replace(/\.\[/g, "[");
const allowedFor = (keys: (string | number)[]) => ALLOWED[keys.filter((k) => typeof k === "string").join(".")] ?? ALLOWED[String(keys[0])];

/** The file's settings, checked: throws SettingsError naming the file, line, key and what is allowed. */
export function parseSettings(source: string, file: string): Raw {
  const { doc, lines, value } = readYaml(source, file);
  const data = value ?? {};
  if (typeof data !== "object" || Array.isArray(data)) throw new SettingsError(`${file}:1:1: the settings must be a mapping of keys (title, url, menu, …)`);
  const parsed = schema().safeParse(data);
  if (parsed.success) return parsed.data;
  const messages = parsed.error.issues.slice(0, 5).map((issue) => {
    const keys = issue.path.filter((k): k is string | number => typeof k !== "symbol");
    if (issue.code === "unrecognized_keys") {
      const bad = issue.keys[0]!;
      const allowed = keys.length ? `allowed: ${allowedFor(keys)}` : `the keys are ${Object.keys(schema().shape).join(", ")}`;
      return `${where(file, doc, lines, keys, bad)}: unknown key "${keyName([...keys, bad])}"; ${allowed}`;
    }
    const allowed = keys[0] === "strings" ? "" : `; allowed: ${allowedFor(keys)}`;
    return `${where(file, doc, lines, keys)}: ${keyName(keys)}: ${issue.message}${allowed}`;
  });
  throw new SettingsError(messages.join("\n"));
}

/**
 * The settings of a build: the defaults, then the settings file (flags.config, else archive.config.yaml
 * in `root` if there is one), then the flags. Paths in the file are relative to the file's folder (`~/`
 * is the home folder), flags to the working directory.
 */
export function loadSettings(flags: SettingsFlags = {}, root = process.cwd(), toolRegistry?: string): Settings {
  const file = flags.config ? path.resolve(flags.config) : existsSync(path.join(root, SETTINGS_FILE)) ? path.join(root, SETTINGS_FILE) : null;
  let raw: Raw = {};
  let source = "";
  const relative = file ? path.relative(process.cwd(), file) : "";
  const shown = file ? (relative && !relative.startsWith("..") ? relative : file) : "";
  if (file) {
    try {
      source = readFileSync(file, "utf8");
    } catch (e) {
      throw new SettingsError(`cannot read the settings file ${shown}: ${(e as NodeJS.ErrnoException).code ?? e}`);
    }
    raw = parseSettings(source, shown);
  }
  const dir = file ? path.dirname(file) : root;
  // A value of the file that fails a later check is named with its line too.
  const checked = <T>(key: "url" | "base", value: string | undefined, fromFlag: boolean, check: (v: string) => T): T => {
    try {
      return check(value ?? (key === "url" ? DEFAULT_URL : "/"));
    } catch (e) {
      if (fromFlag || !file || value === undefined) throw new SettingsError((e as Error).message);
      const { doc, lines } = readYaml(source, shown);
      throw new SettingsError(`${where(shown, doc, lines, [key])}: ${key}: ${(e as Error).message.replace(/^invalid --[\w-]+ "[^"]*": /, `"${value}" is not valid; `)}`);
    }
  };
  const strings = { ...DEFAULT_STRINGS, ...((raw.strings ?? {}) as Dictionary) };
  const base = defaultSite({ strings });
  const site: Site = {
    ...base,
    ...(raw.title !== undefined ? { title: raw.title } : {}),
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    ...(raw.locale !== undefined ? { locale: raw.locale } : {}),
    ...(raw.digits !== undefined ? { digits: raw.digits } : {}),
    calendars: { ...base.calendars, ...raw.calendars },
    ...(raw.menu !== undefined ? { menu: raw.menu } : {}),
    ...(raw.footer !== undefined ? { footer: raw.footer } : {}),
    ...(raw.licence !== undefined ? { licence: raw.licence } : {}),
    strings,
  };
  // `~/` is the user's home folder, as the shell reads it in the flags.
  const fromFile = (p: string | undefined, fallback: string) => (p !== undefined ? path.resolve(dir, p.replace(/^~(?=\/|$)/, homedir())) : path.resolve(root, fallback));
  // The registry: the folder the settings name, else registry/ at the root, else the tool's own.
  let registry = fromFile(raw.registry, "registry");
  if (raw.registry === undefined && !existsSync(registry) && toolRegistry) registry = toolRegistry;
  return {
    file,
    site,
    url: checked("url", flags.url ?? raw.url, flags.url !== undefined, normalizeSiteUrl),
    base: checked("base", flags.base ?? raw.base, flags.base !== undefined, normalizeBase),
    articles: flags.articles !== undefined ? path.resolve(flags.articles) : fromFile(raw.articles, "seeds"),
    registry,
    output: flags.output !== undefined ? path.resolve(flags.output) : fromFile(raw.output, "_site"),
  };
}

/** The one warning of a build whose public address is this machine's, or null. */
export function localhostWarning(s: Pick<Settings, "url" | "file">): string | null {
  const host = new URL(s.url).hostname;
  if (host !== "localhost" && host !== "127.0.0.1" && host !== "[::1]") return null;
  return `warning: the site's address is ${s.url}: its feeds, sitemap and canonical links will point at this machine.\n` +
    `  Set your public address with \`url: https://news.example.org\` in ${s.file ?? SETTINGS_FILE} (or --site-url).`;
}
