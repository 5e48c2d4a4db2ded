// The render stage for the pages the Archive lists by the thousand: every article, event, actor and
// month, and the paginated lists of them. Each is a Nunjucks template in templates/pages/ extending the
// same layout as Eleventy's pages (templates/_layouts/base.njk), compiled once and rendered straight from
// the Archive's view models. Eleventy renders the few site-level pages (home, search, feeds, sitemap, API)
// and copies public/; going through its per-page data cascade cost 3–5 ms a page, this costs a fraction.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import nunjucks from "nunjucks";
import type { Archive } from "../model.ts";

export interface PageSpec {
  /** Site-relative URL, "/articles/x/". */
  url: string;
  /** Template in templates/pages/. */
  template: string;
  /** Template variables besides `archive` and `page`. */
  data: Record<string, unknown>;
}

/** Every page of the bulk kinds, in a stable order. */
export function pageSpecs(archive: Archive): PageSpec[] {
  const specs: PageSpec[] = [];
  for (const article of archive.articles) specs.push({ url: article.url, template: "article.njk", data: { article } });
  for (const listPage of archive.articlePages) specs.push({ url: listPage.url, template: "articles.njk", data: { listPage } });
  for (const ep of archive.eventPages) specs.push({ url: ep.list.url, template: "event.njk", data: { ep } });
  for (const listPage of archive.eventIndexPages) specs.push({ url: listPage.url, template: "events.njk", data: { listPage } });
  for (const ap of archive.actorPages) specs.push({ url: ap.list.url, template: "actor.njk", data: { ap } });
  for (const listPage of archive.actorIndexPages) specs.push({ url: listPage.url, template: "actors.njk", data: { listPage } });
  for (const listPage of archive.byDate.pages) specs.push({ url: listPage.url, template: "month.njk", data: { listPage } });
  return specs;
}

/** Nunjucks settings for every template, here and in eleventy.config.ts. */
export const NUNJUCKS_OPTIONS = { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true };

/** The template folders Eleventy reads too, with the same settings. */
export function createEnvironment(templatesDir: string): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader(
    ["pages", "_layouts", "_includes"].map((d) => path.join(templatesDir, d)),
    { noCache: false },
  );
  return new nunjucks.Environment(loader, NUNJUCKS_OPTIONS);
}

const URL_ATTRIBUTE = /(\s(?:href|src|action|poster)=")\/(?!\/)/g;

/** Serve the site under `base` ("/archive/"): root-relative links, sources and form actions get the prefix. */
export function withBase(html: string, base: string): string {
  return base === "/" ? html : html.replace(URL_ATTRIBUTE, `$1${base}`);
}

/** Where a page's URL is written: "/articles/x/" → articles/x/index.html. */
export function outputPath(dir: string, url: string): string {
  const rel = url.replace(/^\/+/, "");
  const file = rel === "" || rel.endsWith("/") ? `${rel}index.html` : rel;
  const out = path.resolve(dir, file);
  if (path.relative(dir, out).startsWith("..")) throw new Error(`page URL ${url} points outside the output folder`);
  return out;
}

export interface Renderer {
  render(spec: PageSpec): string;
}

export function createRenderer(templatesDir: string, archive: Archive): Renderer {
  const env = createEnvironment(templatesDir);
  const compiled = new Map<string, nunjucks.Template>();
  const template = (name: string) => {
    let t = compiled.get(name);
    if (!t) compiled.set(name, (t = env.getTemplate(name, true)));
    return t;
  };
  return {
    render(spec) {
      const html = template(spec.template).render({ ...spec.data, archive, page: { url: spec.url } });
      return withBase(html, archive.base);
    },
  };
}

/** Writes files, making each folder once. */
export function fileWriter(): (file: string, content: string) => void {
  const made = new Set<string>();
  return (file, content) => {
    const folder = path.dirname(file);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(file, content);
  };
}

/** Render and write `specs` into `dir`; `onPage` is told after each page (for progress). */
export function writePages(specs: PageSpec[], renderer: Renderer, dir: string, onPage?: (done: number) => void): number {
  const write = fileWriter();
  let bytes = 0;
  specs.forEach((spec, i) => {
    const html = renderer.render(spec);
    write(outputPath(dir, spec.url), html);
    bytes += Buffer.byteLength(html);
    onPage?.(i + 1);
  });
  return bytes;
}
