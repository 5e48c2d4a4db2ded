// The render stage for the pages the Archive lists by the thousand: every article, event, actor and
// month, and the paginated lists of them. Each is a Nunjucks template in templates/pages/ extending the
// same layout as Eleventy's pages (templates/_layouts/base.njk), compiled once and rendered straight from
// the Archive's view models; and the JSON API. Eleventy renders the few site-level pages (home, search,
// feeds, sitemap) and copies public/; going through its per-page data cascade cost 3–5 ms a page, this
// costs a fraction. Every file goes through writeChanged, which skips those whose signature is unchanged.
import { createHash } from "node:crypto";
import path from "node:path";
import nunjucks from "nunjucks";
import type { Archive, ArticleEntry, ArticleView } from "../model.ts";
import { readAsset } from "../ingest/index.ts";
import { hash, type OutputFile } from "./files.ts";
import { createUi, searchStrings, type Site } from "../strings/index.ts";

export { contentFiles, fileWriter, unchanged, writeChanged, type Content, type OutputFile, type PreviousFiles, type Signatures, type WriteResult } from "./files.ts";

export interface PageSpec {
  /** Site-relative URL, "/articles/x/". */
  url: string;
  /** Template in templates/pages/. */
  template: string;
  /** Template variables besides `archive` and `page` (what the signature is made of). */
  data: Record<string, unknown>;
  /** For an article's page: what stands for its data in the signature, and the data, made when rendered. */
  lazy?: { key: string; data(): Record<string, unknown> };
  /** The article of an article's page. */
  article?: ArticleEntry;
}

/** An article's page; `page` makes its view model (Archive.page) when it is rendered. */
export function articleSpec(entry: ArticleEntry, page: (entry: ArticleEntry) => ArticleView): PageSpec {
  return { url: entry.url, template: "article.njk", data: {}, article: entry, lazy: { key: `${entry.slug}@${entry.version}`, data: () => ({ article: page(entry) }) } };
}

/** Every page of the bulk kinds, in a stable order. */
export function pageSpecs(archive: Archive): PageSpec[] {
  const specs: PageSpec[] = [];
  // An article's page is a function of its file (its version), its slug and what the global signature covers.
  for (const entry of archive.articles) specs.push(articleSpec(entry, archive.page));
  for (const listPage of archive.articlePages) specs.push({ url: listPage.url, template: "articles.njk", data: { listPage } });
  for (const ep of archive.eventPages) specs.push({ url: ep.list.url, template: "event.njk", data: { ep } });
  for (const listPage of archive.eventIndexPages) specs.push({ url: listPage.url, template: "events.njk", data: { listPage } });
  for (const ap of archive.actorPages) specs.push({ url: ap.list.url, template: "actor.njk", data: { ap } });
  for (const listPage of archive.actorIndexPages) specs.push({ url: listPage.url, template: "actors.njk", data: { listPage } });
  for (const listPage of archive.byDate.pages) specs.push({ url: listPage.url, template: "month.njk", data: { listPage } });
  for (const tp of archive.tagPages) specs.push({ url: tp.list.url, template: "tag.njk", data: { tp } });
  for (const listPage of archive.tagIndexPages) specs.push({ url: listPage.url, template: "tags.njk", data: { listPage } });
  for (const tp of archive.authorPages) specs.push({ url: tp.list.url, template: "author.njk", data: { tp } });
  for (const listPage of archive.authorIndexPages) specs.push({ url: listPage.url, template: "authors.njk", data: { listPage } });
  return specs;
}

/**
 * The local files articles link to (images, documents), copied beside their pages. Their paths were
 * vetted by src/ingest (inside the articles folder, no link out of it); src/ingest reads the bytes again,
 * checking once more, when a file is written. The signature is the file's path, size and time.
 */
export function assetFiles(archive: Pick<Archive, "assets">): OutputFile[] {
  const { root, files } = archive.assets;
  return files.map((f) => ({ path: f.path, signature: f.signature, content: () => readAsset(root, f.file) }));
}

/** Nunjucks settings for every template, here and in eleventy.config.ts. */
export const NUNJUCKS_OPTIONS = { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true };

/** Items once() keeps in a render pass: a few megabytes of HTML, whatever the size of the archive. */
const ONCE_KEPT = 10_000;

/**
 * The templates' `once(key, item, macro)`: `macro(item)`. Given `kept`, the HTML is kept per key and item
 * object for as long as `kept` lives (one render pass, createRenderer), up to ONCE_KEPT items: an
 * article's entry in a list is the same object in every list showing it (the archive's summaries): in
 * the 10,000-article benchmark each article stands in 15 lists, and its items took about 100 of the
 * 140 µs a list page cost to render (40-50 µs with once()). The key names the call site (a second
 * template showing the same item differently gives another key). Eleventy's few pages call it with
 * nothing kept (its environment lives across the dev server's rebuilds, while templates change).
 */
export function onceGlobal(kept?: Map<string, Map<object, unknown>>): (key: string, item: object, macro: (item: object) => unknown) => unknown {
  if (!kept) return (_key, item, macro) => macro(item);
  let size = 0;
  return (key, item, macro) => {
    let site = kept.get(key);
    if (!site) kept.set(key, (site = new Map()));
    let html = site.get(item);
    if (html === undefined) {
      if (size >= ONCE_KEPT) {
        for (const m of kept.values()) m.clear();
        size = 0;
      }
      site.set(item, (html = macro(item)));
      size++;
    }
    return html;
  };
}

/**
 * The one Nunjucks environment of a build: the bulk pages (templates/pages/) render through it, and it is
 * given to Eleventy as its Nunjucks library (nunjucksPlugin), which renders the site-level pages through it
 * and adds to it the filters, shortcodes and globals of eleventy.config.ts (and of any plugin or config an
 * editor adds), so that the bulk pages can use them too.
 */
export function createEnvironment(templatesDir: string): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(
    ["pages", "_layouts", "_includes"].map((d) => path.join(templatesDir, d)),
    { noCache: false },
  );
  return new nunjucks.Environment(loader, NUNJUCKS_OPTIONS);
}

/**
 * Forget the templates `env` compiled, so that the next render reads them again (the dev server, before
 * each rebuild). Nunjucks' own Environment.invalidateCache(), which @types/nunjucks does not declare.
 */
export function forgetTemplates(env: nunjucks.Environment): void {
  (env as nunjucks.Environment & { invalidateCache(): void }).invalidateCache();
}

/** An Eleventy plugin: Eleventy renders its Nunjucks templates through `env` (createEnvironment). */
export function nunjucksPlugin(env: nunjucks.Environment): (config: { setLibrary(name: string, lib: unknown): void }) => void {
  return (config) => config.setLibrary("njk", env);
}

const URL_ATTRIBUTE = /(\s(?:href|src|action|poster)=")\/(?!\/)/g;

/** Serve the site under `base` ("/archive/"): root-relative links, sources and form actions get the prefix. */
export function withBase(html: string, base: string): string {
  return base === "/" ? html : html.replace(URL_ATTRIBUTE, `$1${base}`);
}

/** Where a page's URL is written, relative to the output folder: "/articles/x/" → articles/x/index.html. */
export function outputPath(url: string): string {
  const rel = url.replace(/^\/+/, "");
  const file = rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
  if (path.posix.normalize(file).startsWith("..") || path.isAbsolute(file)) throw new Error(`page URL ${url} points outside the output folder`);
  return path.posix.normalize(file);
}

export interface Renderer {
  render(spec: PageSpec): string;
}


/**
 * Keys of objects, kept per object: the archive keeps an article's summary while its file is unchanged
 * (buildArchive), so the dev server computes the keys of a changed article only. Only long keys are kept
 * (as hashes), so small objects cost no memory here.
 */
const objectKeys = new WeakMap<object, string>();

/**
 * What stands for a value in a signature: every string, number and date of every object and array it
 * reaches, with their keys; functions left out. A list page's pager (its list of every
 * page number) is implied by its count (and is n² over all pages). Nothing in the Archive is changed once
 * built, which is what makes keeping keys per object safe.
 */
export function dataKey(value: unknown): string {
  // Strings by length and content (no escaping to pay for: quotes and excerpts run to megabytes).
  if (typeof value === "string") return `${value.length}:${value}`;
  if (typeof value === "function") return "f";
  if (value === null || typeof value !== "object") return String(value);
  if (value instanceof Date) return String(value.getTime());
  let out = objectKeys.get(value);
  if (out !== undefined) return out;
  if (Array.isArray(value) || value instanceof Set) {
    out = "[";
    for (const v of value) out += dataKey(v) + ",";
    out += "]";
  } else if (value instanceof Map) {
    out = "M[";
    for (const [k, v] of value) out += `${dataKey(k)}=${dataKey(v)},`;
    out += "]";
  } else {
    out = "{";
    const pager = "window" in value;
    for (const [k, v] of Object.entries(value)) {
      out += `${k}=${pager && k === "pages" && Array.isArray(v) ? v.length : dataKey(v)},`;
    }
    out += "}";
  }
  if (out.length > 64) out = `#${hash(out)}`;
  if (out[0] === "#") objectKeys.set(value, out);
  return out;
}

/**
 * A page's signature: a hash of its template name, URL and data, in which an article's page stands as
 * its slug and version (PageSpec.lazy); a summary in a list is what the list shows of it. Templates see the archive
 * only through their data and `archive.base`/`archive.siteRoot` (createRenderer), so equal signatures
 * under the same templates, code, registry, base and site URL mean the same page.
 */
export function createSigner(): (spec: PageSpec) => string {
  return (spec) => hash(`${spec.template}\0${spec.url}\0${spec.lazy ? spec.lazy.key : dataKey(spec.data)}`);
}

/**
 * Renders the bulk pages through `env` (or an environment of its own over a templates folder): one render
 * pass, whose `once()` keeps each list item's HTML (onceGlobal) while a page renders; Eleventy's pages,
 * rendered through the same environment, keep nothing.
 */
/**
 * What every template may call to speak to readers (on the one environment, which Eleventy renders with
 * too): `site` (title, menu, footer…), t(key, vars), tOf(key, person, vars), count(n, noun), num(n), pageOf(n, total),
 * paged(title, n), and the search page's strings as JSON. They are a function of the settings, which the
 * global signature covers.
 */
export function uiGlobals(site: Site): Record<string, unknown> {
  const ui = createUi(site);
  return { site, t: ui.t, tOf: ui.tOf, count: ui.count, num: ui.num, ordinal: ui.ordinal, pageOf: ui.pageOf, paged: ui.paged, searchStrings: searchStrings(site) };
}

/** The environment of `templatesDir` with the interface globals of `site`. */
export function siteEnvironment(templatesDir: string, site: Site): nunjucks.Environment {
  const env = createEnvironment(templatesDir);
  for (const [name, value] of Object.entries(uiGlobals(site))) env.addGlobal(name, value);
  return env;
}

export function createRenderer(templates: string | nunjucks.Environment, archive: Pick<Archive, "base" | "siteRoot" | "site">): Renderer {
  const env = typeof templates === "string" ? siteEnvironment(templates, archive.site) : templates;
  const once = onceGlobal(new Map());
  const plain = onceGlobal();
  // Only what createSigner assumes the templates of pages read from the archive.
  const site = { base: archive.base, siteRoot: archive.siteRoot };
  const compiled = new Map<string, nunjucks.Template>();
  const template = (name: string) => {
    let t = compiled.get(name);
    if (!t) compiled.set(name, (t = env.getTemplate(name, true)));
    return t;
  };
  return {
    render(spec) {
      env.addGlobal("once", once);
      try {
        const html = template(spec.template).render({ ...(spec.lazy ? spec.lazy.data() : spec.data), archive: site, page: { url: spec.url } });
        return withBase(html, archive.base);
      } finally {
        env.addGlobal("once", plain);
      }
    },
  };
}

/** The bulk pages as files of the site, each rendered only when asked for. */
export function* pageFiles(specs: Iterable<PageSpec>, renderer: Renderer, sign = createSigner()): Generator<OutputFile> {
  for (const spec of specs) yield { path: outputPath(spec.url), signature: sign(spec), content: () => renderer.render(spec) };
}


/**
 * The JSON API (/api/*.json; shapes in the README), compact. articles.json holds the whole archive and is
 * written an entry at a time; its signature is made of each entry's slug and the hash of the rest of it
 * (ArticleEntry.apiVersion), so an edit that changes no tag, quote or date leaves it as it is.
 */
export function apiFiles(archive: Pick<Archive, "api" | "articles" | "apiEntry">): OutputFile[] {
  const { events, actors, tags, authors, report, candidates } = archive.api;
  const signature = createHash("sha1");
  for (const e of archive.articles) signature.update(`${e.slug}@${e.apiVersion}\n`);
  function* articles(): Generator<string> {
    let sep = "[";
    for (const e of archive.articles) {
      yield sep + archive.apiEntry(e);
      sep = ",";
    }
    yield archive.articles.length ? "]\n" : "[]\n";
  }
  const files: OutputFile[] = [{ path: "api/articles.json", signature: signature.digest("base64url"), content: articles }];
  for (const [name, data] of Object.entries({ events, actors, tags, authors, report, candidates })) {
    const content = `${JSON.stringify(data)}\n`;
    files.push({ path: `api/${name}.json`, signature: hash(content), content: () => content });
  }
  return files;
}
