// Finds and decodes the seed files. The only code that reads input files.
import { isUtf8, transcode } from "node:buffer";
import { closeSync, constants, fstatSync, openSync, readdir, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import fg from "fast-glob";
import type matter from "gray-matter";
import { lazyPackage } from "../lazy.ts";
import type { Rejection, Seed, SeedMeta } from "../model.ts";
import { parseYaml, YamlError } from "./yaml.ts";

const grayMatter = lazyPackage<typeof matter>("gray-matter");
const lazyFranc = lazyPackage<typeof import("franc")>("franc");

export interface IngestOptions {
  /** Files larger than this are skipped (bytes). */
  maxBytes?: number;
}

export interface IngestResult {
  seeds: Seed[];
  rejections: Rejection[];
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
/** A title longer than this is not a title: it is cut at a word boundary. */
const TITLE_MAX = 300;

const LANGUAGE_NAMES: Record<string, string> = {
  eng: "English",
  fra: "French",
  pes: "Persian",
  prs: "Persian (Dari)",
  urd: "Urdu",
  pnb: "Punjabi (Shahmukhi)",
  skr: "Saraiki",
  ckb: "Kurdish (Sorani)",
  uig: "Uyghur",
  pbu: "Pashto",
  snd: "Sindhi",
  deu: "German",
  spa: "Spanish",
  tur: "Turkish",
};

class SkipFile extends Error {}

/** Offset of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

// Node (V8) turns UTF-8 into a JavaScript string at about 130 MB/s when most characters take two bytes, as
// Arabic letters do: 65 µs for a 9 KB article. ICU's converter into UTF-16 and a copy of those bytes into
// the string take 10-15 µs. Node built without ICU has no converter (transcode throws).
const ICU = Boolean(process.versions.icu);

/** Valid UTF-8 as a string. */
function utf8Text(body: Uint8Array): string {
  if (ICU && body.length >= 64) return transcode(body, "utf8", "utf16le").toString("utf16le");
  return Buffer.from(body.buffer, body.byteOffset, body.length).toString("utf8");
}

/** Decode a seed's bytes: UTF-8 with or without BOM, or UTF-16 with a BOM. */
export function decode(bytes: Uint8Array, warnings: string[]): string {
  if (bytes.length === 0) throw new SkipFile("empty file");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    warnings.push("decoded from UTF-16 (little-endian, with BOM)");
    return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    warnings.push("decoded from UTF-16 (big-endian, with BOM)");
    return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  }
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  const nul = body.indexOf(0);
  if (nul >= 0) throw new SkipFile(`binary file (NUL byte at offset ${nul})`);
  // Node's validator is native; the offset of the first bad byte is looked for only in a bad file.
  const bad = isUtf8(body) ? -1 : firstInvalidUtf8(body);
  if (bad >= 0) throw new SkipFile(`not valid UTF-8 (byte 0x${body[bad]!.toString(16).padStart(2, "0")} at offset ${bad + (body === bytes ? 0 : 3)})`);
  // Valid UTF-8 decodes the same either way; TextDecoder would also drop a second byte-order mark.
  let text = utf8Text(body);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Control characters other than tab/newline/carriage return mean this is not a text file.
  const controls = text.match(/[\u0000-\u0008\u000E-\u001F]/g)?.length ?? 0;
  if (controls > 8 && controls > text.length / 100) throw new SkipFile("binary file (control characters)");
  return text.replace(/\r\n?/g, "\n");
}

function asText(v: unknown): string | undefined {
  if (typeof v === "string") return v.trim() || undefined;
  if (typeof v === "number") return String(v);
  return undefined;
}

/** What a YAML value is, in the words of a warning. */
function kindOf(v: unknown): string {
  return Array.isArray(v) ? "a list" : v instanceof Date ? "a date" : typeof v === "object" ? "a mapping" : typeof v === "boolean" ? `${v}` : typeof v;
}

/** The text of key `key`; a value that is no text (a list, a mapping, true) is named in a warning and ignored. */
function textOf(d: Record<string, unknown>, key: string, warnings: string[]): string | undefined {
  const v = d[key];
  if (v === undefined || v === null) return undefined;
  const text = asText(v);
  if (text === undefined && typeof v !== "string") warnings.push(`front matter "${key}" must be text, not ${kindOf(v)}; ignored`);
  return text;
}

/**
 * The one of two keys meaning the same (`description`/`summary`, `updated`/`lastmod`) that is given; when
 * both are, the first, with a warning naming the one ignored.
 */
function eitherKey(d: Record<string, unknown>, first: string, second: string, warnings: string[]): string {
  const given = (k: string) => d[k] !== undefined && d[k] !== null && d[k] !== "";
  if (given(first) && given(second)) warnings.push(`front matter has both "${first}" and "${second}", which mean the same; "${second}" is ignored`);
  return given(first) || !given(second) ? first : second;
}

function asIds(v: unknown, key: string, warnings: string[]): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  const list = Array.isArray(v) ? v : [v];
  const ids = list.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim());
  if (ids.length !== list.length) warnings.push(`front matter "${key}" must be a list of ids; non-text items were ignored`);
  return ids;
}

function asDate(v: unknown, warnings: string[]): string | undefined {
  if (v === undefined || v === null || v === "") return undefined;
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v)) {
    const d = new Date(`${v.slice(0, 10)}T00:00:00Z`);
    if (!Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v.slice(0, 10)) return v.slice(0, 10);
  }
  warnings.push(`front matter date "${String(v)}" is not a YYYY-MM-DD date; the date is taken from the text`);
  return undefined;
}

/** Front matter in YAML: nothing after the opening `---` on its line, or `yaml` / `yml` in any case. */
const YAML_FENCE = /^(?:ya?ml)?$/i;

/** A gray-matter engine for a language other than YAML: it refuses, it never evaluates. */
const refused = {
  parse(): never {
    throw new SkipFile("front matter is not YAML (only YAML front matter is read; nothing in it was run)");
  },
};

/**
 * gray-matter's options: every language it knows (its own engines, their aliases, and the usual names)
 * mapped to `refused`, and YAML read by parseYaml(). A name it does not know throws in gray-matter
 * before any engine runs. frontMatter() checks the fence itself first, so none of these other engines
 * is ever reached; they are the second lock.
 */
export function matterOptions(file: string): { language: string; engines: Record<string, { parse: (s: string) => object }> } {
  const engines: Record<string, { parse: (s: string) => object }> = {};
  const builtIn = Object.keys((grayMatter() as unknown as { engines: object }).engines);
  for (const name of [...builtIn, "javascript", "js", "json", "coffee", "coffeescript", "cson", "toml", "ini"]) engines[name] = refused;
  engines.yaml = engines.yml = { parse: (s: string) => (parseYaml(s, file).value ?? {}) as object };
  return { language: "yaml", engines };
}

/**
 * Split YAML front matter off a Markdown seed; a YAML error names the file line. Front matter opens with
 * `---` on the first line (`----` does not open it, as in gray-matter); a word after the fence other
 * than yaml/yml (`---js`, `--- JSON `, `---toml`, anything) names another language, as Hugo's `+++`
 * fences do: the file is refused before gray-matter sees it. gray-matter drops one byte-order mark before
 * it looks for the fence, so the fence is looked for after one here too. A key given a value of the wrong
 * kind, or given twice under two names, is named in a warning.
 */
export function frontMatter(text: string, warnings: string[], file = "front matter"): { body: string; meta: SeedMeta } {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Hugo's TOML front matter, between two +++ lines: refused as any other language, never shown as text.
  if (/^\+\+\+[ \t]*\n[\s\S]*?\n\+\+\+[ \t]*(?:\n|$)/.test(text)) {
    throw new SkipFile("front matter in another language than YAML (TOML, between +++ lines); only YAML front matter is read, nothing in it was run");
  }
  if (text.startsWith("---") && text[3] !== "-") {
    const end = text.search(/\r?\n/);
    const lang = (end === -1 ? text.slice(3) : text.slice(3, end)).trim();
    if (!YAML_FENCE.test(lang)) {
      const shown = JSON.stringify(lang.length > 40 ? `${lang.slice(0, 40)}…` : lang);
      throw new SkipFile(`front matter in another language than YAML (${shown} after the opening ---); only YAML front matter is read, nothing in it was run`);
    }
    // gray-matter sees a bare fence: it has no language to choose.
    if (lang) text = end === -1 ? "---" : `---${text.slice(end)}`;
  }
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = grayMatter()(text, matterOptions(file));
  } catch (e) {
    if (e instanceof SkipFile) throw e;
    if (!(e instanceof YamlError)) throw new SkipFile(`invalid front matter: ${(e as Error).message ?? String(e)}`);
    // parseYaml counts lines inside the front matter, which starts on the file's line 2. An error at the
    // end of the block (an unclosed bracket) is reported on the block's last line.
    const blockLines = (text.match(/^---\r?\n([\s\S]*?)\r?\n---/)?.[1] ?? "").split("\n").length;
    const line = e.line !== null ? ` at line ${Math.min(e.line, blockLines) + 1}` : "";
    throw new SkipFile(`invalid YAML front matter${line}: ${e.problem.replace(/^invalid YAML: /, "")}`);
  }
  const d = (parsed.data ?? {}) as Record<string, unknown>;
  const meta: SeedMeta = {};
  const title = textOf(d, "title", warnings);
  if (title) {
    meta.title = title.replace(/\s+/g, " ");
    if (meta.title.length > TITLE_MAX) {
      const cut = meta.title.slice(0, TITLE_MAX);
      meta.title = `${cut.slice(0, Math.max(cut.lastIndexOf(" "), TITLE_MAX / 2)).trim()}…`;
      warnings.push(`front matter title is ${title.length} characters; shortened to ${meta.title.length}`);
    }
  }
  const date = asDate(d.date, warnings);
  if (date) meta.date = date;
  for (const k of ["source", "url", "slug", "byline"] as const) {
    const v = textOf(d, k, warnings);
    if (v) meta[k] = v;
  }
  const events = asIds(d.events, "events", warnings);
  if (events) meta.events = events;
  const actors = asIds(d.actors, "actors", warnings);
  if (actors) meta.actors = actors;
  Object.assign(meta, publishingKeys(d, warnings));
  return { body: parsed.content, meta };
}

/** Front matter keys this tool reads (the README's table); any other is named in the build report. */
export const FRONT_MATTER_KEYS = [
  "title", "date", "source", "url", "slug", "byline", "events", "actors",
  "draft", "tags", "keywords", "author", "authors", "image", "image_alt", "image_caption", "description", "summary", "updated", "lastmod",
] as const;
const KNOWN_KEYS = new Set<string>(FRONT_MATTER_KEYS);

/** A list of words as the editor wrote them: a YAML list, or one text with commas (, or ،) between. */
function asWords(v: unknown, key: string, warnings: string[]): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  const list = Array.isArray(v) ? v : typeof v === "string" ? v.split(/[,،]/) : [v];
  const words = list.map(asText).filter((x): x is string => x !== undefined).map((x) => x.replace(/\s+/g, " "));
  if (list.some((x) => typeof x !== "string" && typeof x !== "number")) warnings.push(`front matter "${key}" must be a list of words; other items were ignored`);
  return [...new Set(words)];
}

/** The keys Hugo and Eleventy users write: draft, tags/keywords, author(s), image, description/summary, updated/lastmod. */
function publishingKeys(d: Record<string, unknown>, warnings: string[]): SeedMeta {
  const meta: SeedMeta = {};
  if (d.draft !== undefined && d.draft !== null) {
    if (d.draft === true || d.draft === "true") meta.draft = true;
    else if (d.draft !== false && d.draft !== "false") warnings.push(`front matter "draft" must be true or false, not "${String(d.draft)}"; the article is published`);
  }
  // Both keys of a pair of lists are read: tags and keywords, authors and author.
  const words = (a: string, b: string) => [...new Set([...(asWords(d[a], a, warnings) ?? []), ...(asWords(d[b], b, warnings) ?? [])])];
  const tags = words("tags", "keywords");
  if (tags.length) meta.tags = tags;
  const authors = words("authors", "author");
  if (authors.length) meta.authors = authors;
  for (const [key, field] of [["image", "image"], ["image_alt", "imageAlt"], ["image_caption", "imageCaption"]] as const) {
    const v = textOf(d, key, warnings);
    if (v) meta[field] = v.replace(/\s+/g, " ");
  }
  const description = textOf(d, eitherKey(d, "description", "summary", warnings), warnings);
  if (description) meta.description = description.replace(/\s+/g, " ");
  const updatedKey = eitherKey(d, "updated", "lastmod", warnings);
  const updated = d[updatedKey];
  if (updated !== undefined && updated !== null && updated !== "") {
    const iso = asDate(updated, []);
    if (iso) meta.updated = iso;
    else warnings.push(`front matter "${updatedKey}" "${String(updated)}" is not a YYYY-MM-DD date; ignored`);
  }
  const unknown = Object.keys(d).filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length) meta.unknownKeys = unknown;
  return meta;
}

/** Characters of a document franc judges. franc's cost grows with the sample (at its own limit, 2,048,
 * it was a third of the text stages' time). 200 tell Arabic from Persian (also when written with Arabic
 * ي and ك), Dari, Urdu, Pashto, Kurdish and English in tests/ingest.test.ts, and gave the same answer
 * as 400 on every file of the seeds, the evaluation set and a 10,000-article benchmark corpus. */
const LANGUAGE_SAMPLE = 200;
/**
 * franc looks at the first 100 of them first (half the cost: franc was still a tenth of the text
 * threads' time): when they read as Arabic with every other language at least CLEAR_MARGIN behind, and
 * nothing in the 200 points to another language of the script (NOT_ARABIC_LETTER, NOT_ARABIC_WORDS),
 * that is the answer. Anything else is judged on all 200, so a file is only ever refused on the 200, and
 * a guard that fires on Arabic text costs time, never a changed answer. The guards are for a file that
 * opens in Arabic and goes on in another language ("بسم الله الرحمن الرحيم" before a Persian statement):
 * the first 100 characters read as Arabic, the 200 as Persian. On 100 characters alone franc also took 5
 * of 10,000 Arabic benchmark articles for Malay in Arabic script (the margin sends them on to 200). With
 * the guards the answer was the 200's on every file of the seeds, the evaluation set, the benchmark
 * corpus and the tests' texts.
 */
const FIRST_LOOK = 100;
const CLEAR_MARGIN = 0.1;
/**
 * Arabic-script letters the Arabic alphabet lacks (Persian پ چ ژ گ ی ک, Urdu ے ٹ, Pashto ټ ګ, Kurdish ە ێ,
 * Jawi ڠ ڤ, Persian digits …), the presentation forms text copied from a PDF comes in, and the zero-width
 * non-joiner of Persian (می‌کند).
 */
const NOT_ARABIC_LETTER = /[\u200C\u0672-\u06D3\u06D5-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
/**
 * Common words of Persian (also typed with Arabic ي and ك, which NOT_ARABIC_LETTER cannot see) and of
 * Malay in Arabic script that are not Arabic words, as written without diacritics. One of them in the
 * 200 characters sends the file to the full judgement.
 */
const NOT_ARABIC_WORDS = new Set(["است", "را", "كه", "که", "از", "براي", "برای", "اين", "این", "آن", "مي", "می", "هاي", "های", "شد", "شده", "بود", "نيز", "نیز", "خواهد", "كرد", "کرد", "خود", "دان", "ايت", "دري", "اداله"]);

function notArabicWord(sample: string): boolean {
  for (const w of sample.split(/[^\u0600-\u06FF]+/)) if (NOT_ARABIC_WORDS.has(w)) return true;
  return false;
}

/** Judge the language of a document from its first 200 characters (or 100, when they are plainly Arabic). */
export function language(text: string): string {
  // Latin-script interface strings would mislead franc on short pages: judge the rest.
  const sample = text.slice(0, LANGUAGE_SAMPLE * 4).replace(/[A-Za-z]+/g, " ").replace(/\s+/g, " ").trim().slice(0, LANGUAGE_SAMPLE);
  if (sample.length < 10) return lazyFranc().franc(text, { minLength: 10 });
  if (sample.length > FIRST_LOOK && !NOT_ARABIC_LETTER.test(sample) && !notArabicWord(sample)) {
    // francAll: every language franc considered, the best first at 1, the others scaled below it.
    const first = lazyFranc().francAll(sample.slice(0, FIRST_LOOK), { minLength: 10 });
    if (first[0]![0] === "arb" && (first.length === 1 || first[1]![1] <= 1 - CLEAR_MARGIN)) return "arb";
  }
  return lazyFranc().franc(sample, { minLength: 10 });
}

export function languageRejection(code: string): string | null {
  if (code === "arb") return null;
  if (code === "und") return "language could not be determined (too little text)";
  return `not Arabic: the text reads as ${LANGUAGE_NAMES[code] ?? code} (franc: ${code})`;
}

/**
 * Read one seed file's bytes, refusing links out of the folder and oversized files (throws SkipFile).
 * The listing walks into no symbolic link, so a listed path that is not itself a link lies inside the
 * folder: it is opened without following a link (O_NOFOLLOW) and read, with no path resolved. Only a
 * link (ELOOP from that open) is resolved and checked.
 */
export function readSeedBytes(root: string, rel: string, maxBytes = DEFAULT_MAX_BYTES): Buffer {
  const abs = path.join(root, rel);
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO put in a file's place is not waited on (it is refused below).
    fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ELOOP") return readLinked(root, abs, maxBytes);
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new SkipFile("not a regular file");
    checkSize(st.size, maxBytes);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** A seed that is a symbolic link: read only when it leads to a file inside the seeds folder. */
function readLinked(root: string, abs: string, maxBytes: number): Buffer {
  const real = realpathSync(abs);
  if (path.relative(realpathSync(root), real).startsWith("..")) {
    throw new SkipFile("symbolic link pointing outside the seeds folder (not followed)");
  }
  const st = statSync(real);
  if (!st.isFile()) throw new SkipFile("symbolic link to a folder (not followed)");
  checkSize(st.size, maxBytes);
  return readFileSync(real);
}

function checkSize(size: number, maxBytes: number): void {
  if (size > maxBytes) {
    throw new SkipFile(`file too large (${(size / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(1)} MB)`);
  }
}

/** Files an article links to (images, documents) larger than this are not copied (bytes). */
export const ASSET_MAX_BYTES = 20 * 1024 * 1024;

/** What a file an article links to is: copied (its size and time, for the output's signature), or why not. */
export type AssetStatus = { size: number; mtimeMs: number } | { problem: string };

/**
 * The real path of a file an article links to, `rel` to the articles folder, when it is a regular file
 * inside the folder. `rel` comes from an untrusted article: it must already be relative without "..";
 * a symbolic link anywhere on the way is followed only when what it leads to is still inside the folder.
 */
function assetPath(root: string, rel: string): { real: string } | { problem: string } {
  if (!rel || path.isAbsolute(rel) || rel.split(/[\\/]/).some((p) => p === "..")) return { problem: "is outside the articles folder (not copied)" };
  let real: string;
  try {
    real = realpathSync(path.join(root, rel));
  } catch {
    return { problem: "is missing" };
  }
  if (path.relative(realpathSync(root), real).startsWith("..")) return { problem: "is a link pointing outside the articles folder (not copied)" };
  return { real };
}

/** Whether each file articles link to can be copied into the site (vetted once per build, never cached). */
export function vetAssets(root: string, rels: Iterable<string>): Map<string, AssetStatus> {
  const out = new Map<string, AssetStatus>();
  for (const rel of rels) {
    if (out.has(rel)) continue;
    const at = assetPath(root, rel);
    if ("problem" in at) {
      out.set(rel, at);
      continue;
    }
    const st = statSync(at.real);
    if (!st.isFile()) out.set(rel, { problem: "is not a file" });
    else if (st.size > ASSET_MAX_BYTES) out.set(rel, { problem: `is too large to copy (${(st.size / 1048576).toFixed(1)} MB; the limit is ${ASSET_MAX_BYTES / 1048576} MB)` });
    else out.set(rel, { size: st.size, mtimeMs: st.mtimeMs });
  }
  return out;
}

/** The bytes of a file vetted by vetAssets (checked again: it may have changed since). */
export function readAsset(root: string, rel: string): Buffer {
  const at = assetPath(root, rel);
  if ("problem" in at) throw new Error(`${rel} ${at.problem}`);
  const fd = openSync(at.real, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > ASSET_MAX_BYTES) throw new Error(`${rel} is no longer a file that can be copied`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Decode a seed's bytes, split off its front matter and judge its language (throws SkipFile). */
export function parseSeed(rel: string, bytes: Uint8Array): Seed {
  const warnings: string[] = [];
  const text = decode(bytes, warnings);
  const format = rel.toLowerCase().endsWith(".md") ? "md" : "txt";
  const { body, meta } = format === "md" ? frontMatter(text, warnings, rel) : { body: text, meta: {} };
  for (const k of meta.unknownKeys ?? []) warnings.push(`unknown front matter key "${k}" in file ${rel}`);
  if (!body.trim()) throw new SkipFile(format === "md" && Object.keys(meta).length ? "no text after the front matter" : "empty file (only whitespace)");
  const lang = language(body);
  const reason = languageRejection(lang);
  if (reason) throw new SkipFile(reason);
  return { source: rel, format, body, meta, language: lang, warnings };
}

/** Why a file could not be used, from what reading or parsing it threw. Rethrows programming errors. */
export function rejection(rel: string, e: unknown, what: "file" | "folder" = "file"): Rejection {
  if (e instanceof SkipFile) return { source: rel, reason: e.message };
  const err = e as NodeJS.ErrnoException;
  if (!err || typeof err.code !== "string") throw e;
  const reason =
    err.code === "ENOENT" ? "broken symbolic link or file vanished" :
    err.code === "ELOOP" ? "symbolic link loop (not followed)" :
    err.code === "EACCES" || err.code === "EPERM" ? "unreadable (permission denied)" :
    `unreadable (${err.code})`;
  return { source: rel, reason: what === "folder" ? `${reason.replace(/^unreadable/, "unreadable folder")}: nothing inside it was read` : reason };
}

/** Whether a rejection depends only on the file's bytes (so it can be remembered with them). */
export function isContentRejection(e: unknown): boolean {
  return e instanceof SkipFile;
}

/** The names a seed file may have (an upper-case extension counts; mixed case, as .Md, does not). */
const SEED_PATTERNS = ["**/*.txt", "**/*.md", "**/*.TXT", "**/*.MD"];
const SEED_NAME = /\.(?:txt|md|TXT|MD)$/;

export interface SeedListing {
  /** Files to read (regular files and symbolic links), relative to the root and sorted. */
  files: string[];
  /** What was found and not read, each with its reason: for the report, and counted by --strict. */
  skipped: Rejection[];
}

/** The file system calls of the listing; tests give a readdir that fails. */
export interface ListingFs {
  readdir: typeof readdir;
}

/**
 * Every *.txt and *.md under `root`, and what is not read: a folder, named pipe, device or socket with
 * an article file's name; a hidden file (a name starting with a dot) with one; a hidden folder holding
 * any (named once, with their number); a folder that cannot be read. Symbolic links are listed, never
 * walked into.
 */
export async function listSeeds(root: string, fsCalls: ListingFs = { readdir }): Promise<SeedListing> {
  const unreadable: Rejection[] = [];
  const entries = await fg([...SEED_PATTERNS, "**/.*"], {
    cwd: root,
    onlyFiles: false,
    objectMode: true,
    followSymbolicLinks: false,
    dot: true,
    suppressErrors: true,
    caseSensitiveMatch: true,
    fs: {
      // fast-glob leaves out a folder it cannot read (suppressErrors); it is noted here instead.
      readdir: ((dir: string, options: unknown, callback: (e: NodeJS.ErrnoException | null, d: unknown) => void) =>
        (fsCalls.readdir as unknown as (d: string, o: unknown, c: typeof callback) => void)(dir, options, (e, d) => {
          if (e && e.code !== "ENOENT") unreadable.push(rejection(path.relative(root, dir) || ".", e, "folder"));
          callback(e, d);
        })) as unknown as typeof readdir,
    },
  });
  const files = new Set<string>();
  const skipped: Rejection[] = [...unreadable];
  const hiddenFolders = new Map<string, number>();
  for (const { path: rel, dirent } of entries) {
    const parts = rel.split("/");
    const hidden = parts.findIndex((p) => p.startsWith("."));
    if (hidden >= 0 && hidden < parts.length - 1) {
      // Inside a hidden folder: counted for that folder's line of the report.
      const folder = parts.slice(0, hidden + 1).join("/");
      if (SEED_NAME.test(rel) && !dirent.isDirectory()) hiddenFolders.set(folder, (hiddenFolders.get(folder) ?? 0) + 1);
      else if (!hiddenFolders.has(folder)) hiddenFolders.set(folder, 0);
      continue;
    }
    if (hidden >= 0 && dirent.isDirectory()) {
      if (!hiddenFolders.has(rel)) hiddenFolders.set(rel, 0);
      continue;
    }
    if (!SEED_NAME.test(rel)) continue; // .gitignore, .DS_Store: not articles
    if (hidden >= 0) skipped.push({ source: rel, reason: "hidden file (the name starts with a dot): not read" });
    else if (dirent.isFile() || dirent.isSymbolicLink()) files.add(rel);
    else if (dirent.isDirectory()) skipped.push({ source: rel, reason: "a folder with an article file's name: not read as an article (the files inside it are)" });
    else if (dirent.isFIFO()) skipped.push({ source: rel, reason: "named pipe (FIFO), not a regular file: not read" });
    else if (dirent.isCharacterDevice() || dirent.isBlockDevice()) skipped.push({ source: rel, reason: "device file, not a regular file: not read" });
    else skipped.push({ source: rel, reason: "socket or other special file, not a regular file: not read" });
  }
  for (const [folder, n] of hiddenFolders) {
    if (n) skipped.push({ source: folder, reason: `hidden folder (the name starts with a dot): ${n} article file(s) inside not read` });
  }
  return { files: [...files].sort(), skipped: skipped.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)) };
}

/** Every *.txt and *.md under `root`, relative and sorted (listSeeds without what is not read). */
export async function listSeedFiles(root: string): Promise<string[]> {
  return (await listSeeds(root)).files;
}

/** Find every *.txt and *.md under `root` and decode it; bad files become rejections. */
export async function ingest(root: string, options: IngestOptions = {}): Promise<IngestResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const seeds: Seed[] = [];
  const rejections: Rejection[] = [];
  const { files, skipped } = await listSeeds(root);
  rejections.push(...skipped);
  for (const rel of files) {
    try {
      seeds.push(parseSeed(rel, readSeedBytes(root, rel, maxBytes)));
    } catch (e) {
      rejections.push(rejection(rel, e));
    }
  }
  return { seeds, rejections };
}
