// Archive: duplicates, slugs, the view models of every page, the JSON API and the build report.
import { createHash } from "node:crypto";
import path from "node:path";
import type { Token, Tokens } from "marked";
import { lazyPackage, once } from "../lazy.ts";
import type {
  ActorView, Archive, Article, Evidence, ArticleEntry, ArticleHead, ArticleSource, Candidate, ListPage, MonthLink, ArticleActorView, ArticleEventView, ArticleSummary,
  ArticleView, Counted, DateView, EventView, Link, Registry, Rejection, Report, TermView, Warning, WireCopy,
} from "../model.ts";
import type { AssetStatus } from "../ingest/index.ts";
import { cleanChars, fold, foldTableForBrowser, scriptRuns, sentences } from "../text/index.ts";
import { createUi, defaultSite, type Site, type Ui } from "../strings/index.ts";
import { wireGroups, wirePrint } from "./wire.ts";
import { groupCandidates } from "../tag/index.ts";

export interface ArchiveOptions {
  /** The path the site is served under, e.g. "/" or "/archive/". */
  base?: string;
  /** The public address of the host, e.g. "https://news.example.org". */
  siteUrl?: string;
  /** Build the articles with `draft: true` too (marked as drafts on their pages). */
  drafts?: boolean;
  /**
   * The local files articles link to, as src/ingest vetAssets found them in the articles folder `root`.
   * A file not in `status` (or no `assets` at all) counts as absent: shown as text, not linked or copied.
   */
  assets?: { root: string; status: Map<string, AssetStatus> };
  /** What readers see: title, menu, digits, calendars, interface strings (archive.config.yaml). */
  site?: Site;
  /**
   * The archive built before this one by the same process (the dev server's last). A view or list page
   * of it made of the same article summaries (the same objects: an unchanged file keeps its summary, and
   * so does an edited one whose lists and views would show the same) is taken as it is, so the signer
   * finds the keys of its pages' data at once (src/render/index.ts).
   */
  previous?: Archive;
}

/** "https://example.org/" → "https://example.org"; anything but an http(s) origin is refused. */
export function normalizeSiteUrl(url = "http://localhost:8080"): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`invalid --site-url "${url}": use an address such as https://news.example.org`);
  }
  if (!/^https?:$/.test(u.protocol) || u.search || u.hash) throw new Error(`invalid --site-url "${url}": use an http(s) address without query or fragment`);
  return `${u.origin}${u.pathname}`.replace(/\/+$/, "");
}

/** "/archive" → "/archive/", "" → "/". */
export function normalizeBase(base = "/"): string {
  const parts = base.split("/").filter(Boolean);
  for (const p of parts) if (p === "." || p === ".." || !/^[A-Za-z0-9._~-]+$/.test(p)) throw new Error(`invalid --base "${base}": use a path such as /archive/`);
  return parts.length ? `/${parts.join("/")}/` : "/";
}

/** Whitespace other than one space between two words. */
const UNTIDY = /[^\S ]| {2}|^ | $/;

/**
 * An article's content hash (duplicates, slugs without a name, the cache): the SHA-256 of its parts
 * joined, every run of whitespace as one space. Parts with no other whitespace than single spaces
 * inside (clean() leaves paragraphs so) are hashed as they are, a space between: the same text without
 * the joined copy and the replacement (45 µs an article instead of 100).
 */
export function hashText(paragraphs: string[]): string {
  const h = createHash("sha256");
  if (paragraphs.every((p) => p !== "" && !UNTIDY.test(p))) paragraphs.forEach((p, i) => h.update(i ? ` ${p}` : p));
  else h.update(paragraphs.join("\n").replace(/\s+/g, " ").trim());
  return h.digest("hex");
}

/** An ASCII slug for URLs: from front matter or the file name, else from the content hash. */
export function slugFor(a: Pick<Article, "slugHint" | "source" | "hash">, warnings: Warning[]): string {
  const ascii = (s: string) =>
    s.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80).replace(/-+$/g, "");
  if (a.slugHint) {
    const s = ascii(a.slugHint.split(/[\\/]/).filter((p) => p && p !== "." && p !== "..").join("-"));
    if (s && s !== a.slugHint) warnings.push({ source: a.source, message: `front matter slug "${a.slugHint}" is not a plain ASCII slug; using "${s}"` });
    if (s) return s;
  }
  const stem = a.source.split("/").pop()!.replace(/\.(txt|md)$/i, "");
  const s = ascii(stem);
  return s.length >= 3 && /[a-z0-9]/.test(s) ? s : `article-${a.hash.slice(0, 10)}`;
}

/**
 * A function that gives each slug asked of it once: the slug itself the first time, then slug-2, slug-3 …
 * Each base slug remembers the next suffix to try, so 50,000 files named article.txt cost 50,000 steps,
 * not 50,000²/2. `used` (the slugs given so far) can be passed in to watch the work.
 */
export function slugClaimer(used: Set<string> = new Set()): (base: string) => string {
  const next = new Map<string, number>();
  return (base) => {
    let s = base;
    if (used.has(s)) {
      let n = next.get(base) ?? 2;
      while (used.has(`${base}-${n}`)) n++;
      s = `${base}-${n}`;
      next.set(base, n + 1);
    }
    used.add(s);
    return s;
  };
}

/** Makes the DateView of a day: Gregorian month names and Hijri as the settings say, in their digits. */
export type DateMaker = (iso: string) => DateView;

type Calendars = Pick<Site, "calendars" | "digits" | "strings">;

/**
 * Gregorian dates in the settings' month names and digits: with the day ("15 نوفمبر 2015", "15 تشرين
 * الثاني 2015", "15 نوفمبر (تشرين الثاني) 2015") or without it (a month: "نوفمبر 2015").
 */
function gregorianFormat(site: Calendars, withDay: boolean): (d: Date) => string {
  const nu = site.digits === "arab" ? "arab" : "latn";
  const fmt = (region: string, parts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(`ar-${region}-u-nu-${nu}`, { ...parts, month: "long", timeZone: "UTC" });
  const whole: Intl.DateTimeFormatOptions = withDay ? { year: "numeric", day: "numeric" } : { year: "numeric" };
  const { months } = site.calendars;
  if (months === "levantine") {
    const levant = fmt("SY", whole);
    return (d) => levant.format(d);
  }
  const egypt = fmt("EG", whole);
  if (months === "egyptian") return (d) => egypt.format(d);
  const ui = createUi(site);
  const egyptMonth = fmt("EG", {});
  const levantMonth = fmt("SY", {});
  return (d) => {
    const eg = egyptMonth.format(d);
    const lev = levantMonth.format(d);
    const text = egypt.format(d);
    return eg === lev ? text : text.replace(eg, ui.t("date.both", { egyptian: eg, levantine: lev }));
  };
}

/** Each site's date maker, kept per calendar setting and digits (Intl formatting is slow). */
const dateMakers = new Map<string, DateMaker>();

/**
 * The DateView of a day for a site: the Gregorian date (gregorianFormat) and the Umm al-Qura Hijri date
 * unless it is off; the text of each day is formatted once.
 */
export function dateMaker(site: Calendars = defaultSite()): DateMaker {
  const key = JSON.stringify([site.calendars, site.digits, site.strings["date.both"]]);
  let make = dateMakers.get(key);
  if (make) return make;
  const gregorian = gregorianFormat(site, true);
  const hijriFmt = site.calendars.hijri
    ? new Intl.DateTimeFormat(`ar-SA-u-ca-islamic-umalqura-nu-${site.digits === "arab" ? "arab" : "latn"}`, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })
    : null;
  const days = new Map<string, { at: Date; gregorian: string; hijri: string }>();
  make = (iso) => {
    let day = days.get(iso);
    if (!day) {
      const d = new Date(`${iso}T00:00:00Z`);
      day = { at: d, gregorian: gregorian(d), hijri: hijriFmt ? hijriFmt.format(d) : "" };
      days.set(iso, day);
    }
    return { iso, at: day.at, gregorian: day.gregorian, hijri: day.hijri };
  };
  dateMakers.set(key, make);
  return make;
}

/** A day's DateView with the default settings (both month names, Hijri, Western digits). */
export function dateView(iso: string): DateView {
  return dateMaker()(iso);
}

/** A month's name and year by its key ("2015-11" → "نوفمبر (تشرين الثاني) 2015"), each formatted once. */
export function monthNamer(site: Calendars): (key: string) => string {
  const format = gregorianFormat(site, false);
  const names = new Map<string, string>();
  return (key) => {
    let name = names.get(key);
    if (name === undefined) names.set(key, (name = format(new Date(`${key.slice(0, 7)}-01T00:00:00Z`))));
    return name;
  };
}

/** The first sentences of the body, skipping the opening sentence when it already is the title. */
function excerptOf(paragraphs: string[], titleIsOpening: boolean): string {
  // Sentences of the first paragraphs only: enough to find the first long one.
  const all: string[] = [];
  for (const p of paragraphs) {
    all.push(...sentences(p));
    if (all.length > 3 && all.slice(1).some((x) => x.length > 40)) break;
  }
  const rest = titleIsOpening && all.length > 1 ? all.slice(1) : all;
  const s = rest.find((x) => x.length > 40) ?? rest[0] ?? "";
  if (s.length <= 220) return s;
  const cut = s.slice(0, 220);
  return `${cut.slice(0, cut.lastIndexOf(" "))}…`;
}

/**
 * Where a Markdown link leads, read as a browser reads it: tabs and newlines inside a URL and control
 * characters or spaces around it are dropped, and a backslash counts as a slash. An http(s) link and one
 * that starts with two slashes (`//host/`, `/\host/`, `\\host`: another host, "protocol-relative") are
 * external; one slash (`/events/`), `#…` and mailto: stay on the site; anything else (javascript:,
 * data:, a bare word) becomes "#".
 */
export function linkTarget(raw: string): { href: string; external: boolean } {
  const href = raw.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  if (/^https?:/i.test(href)) return { href, external: true };
  if (/^[/\\]{2}/.test(href)) return { href: `//${href.replace(/^[/\\]+/, "").replace(/\\/g, "/")}`, external: true };
  if (/^\/|^#|^mailto:/i.test(href)) return { href, external: false };
  return { href: "#", external: false };
}

/**
 * A link or image of an article (its Markdown, its `image` key) to a local file, relative to the article's
 * file: the file's path in the articles folder, or why it is refused (it would leave the folder); null for
 * an address elsewhere (a scheme, "//", a site path or a fragment). Untrusted input: nothing is read here.
 */
export function localFile(source: string, href: string): { file: string } | { refused: string } | null {
  const raw = href.trim();
  if (!raw || /^[a-z][a-z0-9+.-]*:/i.test(raw) || /^[/#?]/.test(raw)) return null;
  let rel = raw.replace(/[?#].*$/, "");
  try {
    rel = decodeURIComponent(rel);
  } catch {
    return { refused: `"${raw}" is not a valid file address (not copied)` };
  }
  if (/[\\\0]/.test(rel)) return { refused: `"${raw}" is not a valid file address (not copied)` };
  const file = path.posix.normalize(path.posix.join(path.posix.dirname(source), rel));
  if (file === ".." || file.startsWith("../") || path.posix.isAbsolute(file)) return { refused: `${raw} leaves the articles folder (not copied)` };
  if (file === "." || rel.endsWith("/")) return { refused: `${raw} is a folder, not a file (not linked)` };
  return { file };
}

/** Where a local file of an article is copied: beside its page, as the article names it (or under _/ when it names it with ".."). */
export function assetTarget(source: string, file: string): string {
  const rel = path.posix.relative(path.posix.dirname(source), file);
  return rel.startsWith("../") || rel === "index.html" ? `_/${file}` : rel;
}

/** The URL of a local file of the article at `slug` (percent-encoded: file names may be Arabic). */
const assetUrl = (slug: string, source: string, file: string) => `/articles/${slug}/${assetTarget(source, file).split("/").map(encodeURIComponent).join("/")}`;

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The article whose Markdown is being rendered (marked renders synchronously): its local files link to their copies. */
let rendering: { source: string; slug: string; absent: Set<string> } | null = null;

/** The article's local file a Markdown link or image names, when it is there to link to. */
function present(href: string): string | null {
  if (!rendering) return null;
  const local = localFile(rendering.source, href);
  if (!local || !("file" in local) || rendering.absent.has(local.file)) return null;
  return assetUrl(rendering.slug, rendering.source, local.file);
}

/**
 * Markdown seeds render with marked; raw HTML in them is shown as text, never run. Links and images to
 * the article's own files point at their copies beside the page; a file that is not there is shown as
 * its text; images from other sites are shown as their text (a page loads nothing from elsewhere).
 */
const lazyMarked = lazyPackage<typeof import("marked")>("marked");
const markdown = once(() => new (lazyMarked().Marked)({
  async: false,
  gfm: true,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return token.text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    },
    link(token: Tokens.Link) {
      const inner = this.parser.parseInline(token.tokens);
      const { href, external } = linkTarget(token.href);
      // A file of the article's own folder links to its copy beside the page; one that is not there is text.
      const local = !external && localFile(rendering?.source ?? "", token.href) ? present(token.href) : undefined;
      if (local === null) return inner;
      if (local) return `<a href="${local.replace(/"/g, "&quot;")}">${inner}</a>`;
      const attrs = external ? ' rel="nofollow noopener noreferrer" class="external"' : ' rel="nofollow"';
      return `<a href="${href.replace(/"/g, "&quot;")}"${attrs}>${inner}</a>`;
    },
    image(token: Tokens.Image) {
      const src = present(token.href);
      if (!src) return token.text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
      return `<img src="${src}" alt="${escapeHtml(token.text)}" loading="lazy">`;
    },
  },
}));

/** The HTML of an article's Markdown, its local files linked to their copies (those in `absent` shown as text). */
function renderMarkdown(md: string, source: string, slug: string, absent: string[]): string {
  rendering = { source, slug, absent: new Set(absent) };
  try {
    return markdown().parse(md) as string;
  } finally {
    rendering = null;
  }
}

/**
 * The local files an article names (its `image` key, then the Markdown's images and links, in order), and
 * a warning for each path that would leave the articles folder.
 */
export function articleFiles(source: string, md: string | undefined, image: string | undefined): { files: string[]; warnings: string[] } {
  const files = new Set<string>();
  const warnings: string[] = [];
  const take = (href: string, what: string) => {
    const local = localFile(source, href);
    if (!local) return;
    if ("file" in local) files.add(local.file);
    else warnings.push(`${what} ${local.refused}`);
  };
  if (image) take(image, "front matter image");
  if (md !== undefined) {
    const m = markdown();
    m.walkTokens(m.lexer(md), (t: Token) => {
      if (t.type === "image") take((t as Tokens.Image).href, "image");
      else if (t.type === "link") take((t as Tokens.Link).href, "linked file");
    });
  }
  return { files: [...files], warnings };
}

/** A tag's or an author's key: the editor's words folded, for grouping and matching (never shown). */
export const termKey = (s: string) => fold(s).replace(/\s+/g, " ").trim();

/** A URL-safe id for a term key: itself when plain ASCII words, else a hash of it (Arabic is not transliterated). */
export function termId(key: string): string {
  if (/^[a-z0-9][a-z0-9 -]*$/.test(key) && key.length <= 60) return key.replace(/[ -]+/g, "-").replace(/-$/, "");
  return `t-${createHash("sha1").update(key).digest("hex").slice(0, 10)}`;
}

function byDateDesc(a: { date: DateView | null; slug: string }, b: { date: DateView | null; slug: string }): number {
  const da = a.date?.iso ?? "";
  const db = b.date?.iso ?? "";
  // ISO dates and ASCII slugs: plain comparison is the right order, and far cheaper than localeCompare.
  return da === db ? (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0) : da < db ? 1 : -1;
}

/** Items on one page of a list. */
export const PAGE_SIZE = 20;

/**
 * Cut a list into pages: the first at `url`, the others at `url`page/N/. A page of `earlier` (by URL) with
 * the same title and total and the same items is taken as it is.
 */
export function paginate<T = ArticleSummary>(url: string, title: string, items: T[], earlier?: ReadonlyMap<string, ListPage<unknown>>): ListPage<T>[] {
  const count = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const urlOf = (n: number) => (n === 1 ? url : `${url}page/${n}/`);
  const pages = Array.from({ length: count }, (_, i) => ({ number: i + 1, url: urlOf(i + 1) }));
  return pages.map(({ number }) => {
    const from = (number - 1) * PAGE_SIZE;
    const kept = earlier?.get(urlOf(number));
    if (kept && kept.title === title && kept.total === items.length && kept.items.every((x, j) => x === items[from + j])) return kept as ListPage<T>;
    return {
      url: urlOf(number),
      title,
      number,
      items: items.slice(from, from + PAGE_SIZE),
      total: items.length,
      prev: number > 1 ? urlOf(number - 1) : null,
      next: number < count ? urlOf(number + 1) : null,
      pages,
      // Every page number on every page would make a list of n pages cost n² (at 50,000 articles a
      // popular actor's pages carried 2,500 links each).
      window: [...new Set([1, number - 2, number - 1, number, number + 1, number + 2, count])]
        .filter((k) => k >= 1 && k <= count)
        .flatMap((k, i, shown) => (i > 0 && k - shown[i - 1]! > 1 ? [null, pages[k - 1]!] : [pages[k - 1]!])),
    };
  });
}

/** Two lists of the same objects in the same order. */
const sameItems = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The pages of each view (made by `make`): those of `earlier` (the previous archive's) for a view taken
 * from it as it was, so that they are the same objects too.
 */
function pagesOf<V, P>(views: V[], earlier: P[] | undefined, viewOf: (page: P) => V, make: (view: V) => P[]): P[] {
  const kept = new Map<V, P[]>();
  for (const p of earlier ?? []) {
    const v = viewOf(p);
    const list = kept.get(v);
    if (list) list.push(p);
    else kept.set(v, [p]);
  }
  return views.flatMap((v) => kept.get(v) ?? make(v));
}

/** Entries in each Atom feed. */
const FEED_SIZE = 50;

/** JSON-LD for a <script type="application/ld+json">: "<" is escaped so no text can close the element. */
export function jsonLd(data: object): string {
  return JSON.stringify({ "@context": "https://schema.org", ...data }).replace(/</g, "\\u003c");
}

const countDesc = <T extends { count: number; id: string }>(a: T, b: T) => b.count - a.count || a.id.localeCompare(b.id);

export { searchRecords } from "./search.ts";
import { htmlText } from "./search.ts";
import { monthBars, pairMatrix } from "./charts.ts";

interface ViewContext {
  eventDefs: Map<string, Registry["events"][number]>;
  actorDefs: Map<string, Registry["actors"][number]>;
  siteUrl: string;
  base: string;
  site: Site;
  ui: Ui;
  date: DateMaker;
}

/**
 * One copy of each of the strings that recur in every article's head (ids, role titles): 50,000 articles
 * parsed from the cache or from worker threads otherwise hold a copy each.
 */
const pool = new Map<string, string>();
const intern = (s: string) => {
  const known = pool.get(s);
  if (known !== undefined) return known;
  pool.set(s, s);
  return s;
};
/** `head` with the recurring strings of a head parsed from the cache or cloned from a thread made one copy each (intern). */
export function internHead(head: ArticleHead): ArticleHead {
  for (const e of head.events) e.id = intern(e.id);
  for (const x of head.actors) {
    x.id = intern(x.id);
    x.titles = x.titles.map(intern);
  }
  head.quoted = head.quoted.map(intern);
  return head;
}
const eventUrl = (id: string) => intern(`/events/${id}/`);
const actorUrl = (id: string) => intern(`/actors/${id}/`);

function viewContext(registry: Registry, siteUrl: string, base: string, site: Site = defaultSite()): ViewContext {
  return {
    eventDefs: new Map(registry.events.map((e) => [e.id, e])), actorDefs: new Map(registry.actors.map((a) => [a.id, a])), siteUrl, base,
    site, ui: createUi(site), date: dateMaker(site),
  };
}

/**
 * Archive.page outside an Archive (on another thread): the view model of an article's page from the
 * article and its list entry, for the registry and options the Archive was built with.
 */
export function articlePageView(registry: Registry, opts: ArchiveOptions = {}): (a: Article, entry: ArticleEntry) => ArticleView {
  const ctx = viewContext(registry, normalizeSiteUrl(opts.siteUrl), normalizeBase(opts.base), opts.site);
  return (a, entry) => articleView(a, entry, ctx);
}

/**
 * The reasons readers see for an event's tag: each piece of evidence that counted for it (weight above
 * zero) and stands in the article as written, with the paragraph it stands in (`anchors` gets that
 * paragraph's id); a participant by the actor's name, found by the spellings the article uses; a tag set
 * in the front matter as the editor's. Evidence the article does not show as it is (a tally of repeated
 * phrases, a date's distance) stays in the API.
 */
function reasonsFor(evidence: Evidence[], a: Article, anchors: string[], { actorDefs, ui }: ViewContext): ArticleEventView["reasons"] {
  const out: ArticleEventView["reasons"] = [];
  const seen = new Set<string>();
  const where = (texts: string[]): string | null | undefined => {
    for (const text of texts) {
      if (!text) continue;
      const i = a.paragraphs.findIndex((p) => p.includes(text));
      if (i >= 0) {
        if (!anchors.length) return null;
        anchors[i] = `p${i + 1}`;
        return `#p${i + 1}`;
      }
      if (a.title.includes(text)) return null;
    }
    return undefined;
  };
  for (const ev of evidence) {
    if (ev.kind === "front-matter") {
      out.push({ kind: ui.t("evidence.front-matter"), text: "", href: null });
      continue;
    }
    if (ev.weight <= 0 || ev.kind === "conflict") continue;
    const actor = ev.kind === "participant" ? actorDefs.get(ev.text) : undefined;
    const text = actor ? actor.name.ar : ev.text;
    const key = `${ev.kind}\0${text}`;
    if (seen.has(key)) continue;
    const href = where(actor ? [...(a.actors.find((t) => t.id === actor.id)?.forms ?? []), ...actor.variants] : [ev.text]);
    if (href === undefined) continue;
    seen.add(key);
    out.push({ kind: ui.t(`evidence.${ev.kind}`), text, href });
  }
  return out;
}

/** The view model of one article's page: a function of the article, its slug and the context alone. */
function articleView(a: Article, entry: ArticleEntry, ctx: ViewContext): ArticleView {
  const { eventDefs, actorDefs, siteUrl, base } = ctx;
  const slug = entry.slug;
  const date = a.date ? ctx.date(a.date.iso) : null;
  const anchors = a.format === "md" ? [] : a.paragraphs.map(() => "");
  const absolute = (url: string) => (url.startsWith("/") ? siteUrl + base + url.slice(1) : url);
  let image: ArticleView["image"] = null;
  if (a.image) {
    const local = localFile(a.source, a.image.src);
    const url = !local ? (/^https?:\/\//i.test(a.image.src) ? a.image.src : null) : "file" in local && !entry.absent.includes(local.file) ? assetUrl(slug, a.source, local.file) : null;
    if (url) image = { url, absoluteUrl: absolute(url), alt: a.image.alt, caption: a.image.caption };
  }
  const events: ArticleEventView[] = a.events.map((e) => ({
    id: e.id,
    url: eventUrl(e.id),
    name: eventDefs.get(e.id)!.name.ar,
    role: e.role,
    score: e.score,
    evidence: e.evidence.map((ev) => ({ ...ev, label: ev.kind === "participant" ? actorDefs.get(ev.text)?.name.ar ?? ev.text : ev.text })),
    reasons: reasonsFor(e.evidence, a, anchors, ctx),
  }));
  const actors: ArticleActorView[] = a.actors.map((t) => ({
    id: t.id,
    url: actorUrl(t.id),
    name: actorDefs.get(t.id)!.name.ar,
    nameEn: actorDefs.get(t.id)!.name.en,
    count: t.count,
    forms: t.forms,
    titles: t.titles,
  }));
  const primary = events.find((e) => e.role === "primary");
  const thing = (id: string) => {
    const def = actorDefs.get(id)!;
    return { "@type": def.kind === "person" ? "Person" : "Organization", name: def.name.ar, alternateName: def.name.en, url: siteUrl + base + `actors/${id}/` };
  };
  const ld = jsonLd({
    "@type": "NewsArticle",
    headline: a.title.slice(0, 110),
    inLanguage: "ar",
    url: siteUrl + base + `articles/${slug}/`,
    ...(a.date ? { datePublished: a.date.iso } : {}),
    ...(a.updated ? { dateModified: a.updated } : {}),
    ...(entry.authors.length
      ? { author: entry.authors.map((x) => ({ "@type": "Person", name: x.name, url: siteUrl + base + x.url.slice(1) })) }
      : a.byline ? { author: { "@type": "Person", name: a.byline } } : {}),
    ...(image ? { image: image.absoluteUrl } : {}),
    ...(entry.tags.length ? { keywords: entry.tags.map((t) => t.name).join(", ") } : {}),
    ...(primary ? { about: { "@type": "Event", name: primary.name, url: siteUrl + base + `events/${primary.id}/` } } : {}),
    mentions: a.actors.map((t) => thing(t.id)),
  });
  const quotes = a.quotes.map((q) => ({ actor: { id: q.actor, url: actorUrl(q.actor), name: actorDefs.get(q.actor)!.name.ar }, text: q.text }));
  return {
    slug,
    url: entry.url,
    // The file name as readers see it: no control or Bidi override character, on one line.
    source: cleanChars(a.source).replace(/\s+/g, " "),
    sourceName: a.sourceName ?? null,
    sourceUrl: a.sourceUrl && /^https?:\/\//i.test(a.sourceUrl) ? a.sourceUrl : null,
    title: a.title,
    titleFrom: a.titleFrom,
    date,
    byline: a.byline,
    bylineRuns: a.byline ? scriptRuns(a.byline) : [],
    dateline: a.dateline,
    paragraphs: a.format === "md" ? [] : a.paragraphs.map(scriptRuns),
    anchors,
    html: a.format === "md" && a.markdown !== undefined ? renderMarkdown(a.markdown, a.source, slug, entry.absent) : null,
    excerpt: entry.excerpt,
    events,
    actors,
    primaryEvent: primary ? { id: primary.id, url: primary.url, name: primary.name } : null,
    quotes,
    tags: entry.tags,
    authors: entry.authors,
    image,
    updated: a.updated ? ctx.date(a.updated) : null,
    draft: a.draft === true,
    jsonLd: ld,
    copies: entry.copies,
  };
}

/** The actor's newest quotes an actor's page shows. */
export const QUOTES_SHOWN = 20;

/** A copy of a short string that does not keep alive the long text it was cut from (V8 slices share it). */
const detached = (s: string) => (s.length < 13 ? s : Buffer.from(s, "utf16le").toString("utf16le"));

/** The front-matter fields an article has (draft, tags, authors, image, description, updated), for its head and its API entry. */
function frontMatterOf(a: Article): Pick<Article, "draft" | "tags" | "authors" | "image" | "description" | "updated"> {
  return {
    ...(a.draft ? { draft: true } : {}),
    ...(a.tags ? { tags: a.tags } : {}),
    ...(a.authors ? { authors: a.authors } : {}),
    ...(a.image ? { image: a.image } : {}),
    ...(a.description !== undefined ? { description: a.description } : {}),
    ...(a.updated ? { updated: a.updated } : {}),
  };
}

/** What the archive keeps of an article (ArticleHead): everything its lists need, without its body. */
export function headOf(a: Article, api = apiFieldsJson(a)): ArticleHead {
  const named = new Set(a.actors.map((x) => x.id));
  return {
    source: a.source,
    format: a.format,
    ...(a.sourceUrl !== undefined ? { sourceUrl: a.sourceUrl } : {}),
    ...(a.sourceName !== undefined ? { sourceName: a.sourceName } : {}),
    title: a.title,
    titleFrom: a.titleFrom,
    date: a.date,
    byline: a.byline,
    dateline: a.dateline,
    candidates: a.candidates,
    language: a.language,
    hash: a.hash,
    version: a.version ?? createHash("sha256").update(JSON.stringify(a)).digest("hex").slice(0, 32),
    ...(a.slugHint !== undefined ? { slugHint: a.slugHint } : {}),
    ...frontMatterOf(a),
    ...(a.files?.length ? { files: a.files } : {}),
    warnings: a.warnings,
    events: a.events.map((e) => ({ id: intern(e.id), role: e.role, score: e.score })),
    actors: a.actors.map((x) => ({ id: intern(x.id), count: x.count, titles: x.titles.map(intern) })),
    excerpt: a.description ?? detached(excerptOf(a.paragraphs, a.titleFrom === "opening-sentence")),
    quoted: a.quotes.filter((q) => named.has(q.actor)).map((q) => intern(q.actor)),
    apiVersion: createHash("sha1").update(api).digest("base64url"),
    wire: a.wire,
  };
}

/** An article kept whole in memory, as the archive stage receives it. */
export function inMemory(a: Article): ArticleSource {
  return { head: headOf(a), load: () => a };
}

/**
 * The entry of an article kept per ArticleHead object: the dev server, which keeps the head of every
 * unchanged file between rebuilds (PipelineOptions.memory), makes the entries of changed files only.
 */
interface ArticleMemo {
  context: string;
  slug: string;
  absent: string;
  /** The copies it names, as JSON, with "+" when it is not the one entry lists show for them. */
  wire: string;
  entry: ArticleEntry;
  summary: ArticleSummary;
}
const entryMemo = new WeakMap<ArticleHead, ArticleMemo>();

/** A site URL ("/events/x/") under `base` ("/archive/events/x/"). */
const under = (base: string, url: string) => base + url.replace(/^\//, "");

/** An article's entry in /api/articles.json, without its id and URL (which come from its slug). */
function apiFields(a: Article): object {
  return {
    source: a.source,
    title: a.title,
    date: a.date?.iso ?? null,
    byline: a.byline,
    dateline: a.dateline,
    events: a.events.map((x) => ({ id: x.id, role: x.role, score: x.score, evidence: x.evidence.map(({ text, kind, weight }) => ({ text, kind, weight })) })),
    actors: a.actors.map((x) => ({ id: x.id, count: x.count })),
    quotes: a.quotes.map((q) => ({ actor: q.actor, text: q.text })),
    language: a.language,
    ...frontMatterOf(a),
  };
}

/** What /api/articles.json says of an article besides its id and URL, as JSON text: made with the head. */
export function apiFieldsJson(a: Article): string {
  return JSON.stringify(apiFields(a));
}

/** An article in /api/articles.json, as JSON text: {id, url, …apiFields}, from the JSON of its fields. */
function apiEntry(fields: string, e: ArticleEntry, base: string): string {
  return `{"id":${JSON.stringify(e.slug)},"url":${JSON.stringify(under(base, e.url))},${fields.slice(1)}`;
}

/** The list entry of an article: a function of its head, its slug, its copies, its absent files and the context alone. */
function entryOf(h: ArticleHead, slug: string, copies: WireCopy[], ctx: ViewContext, absent: string[]): ArticleEntry {
  const { eventDefs, actorDefs } = ctx;
  const events = h.events.map((e) => ({ id: e.id, url: eventUrl(e.id), name: eventDefs.get(e.id)!.name.ar, role: e.role, score: e.score }));
  const primary = events.find((e) => e.role === "primary");
  const terms = (words: string[] | undefined, folder: string): Link[] =>
    (words ?? []).flatMap((name) => {
      const key = termKey(name);
      return key ? [{ id: termId(key), url: intern(`/${folder}/${termId(key)}/`), name }] : [];
    });
  return {
    slug,
    // The page names the other papers' copies, and shows a file that is not there as text: it changes when they do.
    version: copies.length || absent.length ? createHash("sha256").update(`${h.version}\n${JSON.stringify(copies)}\n${absent.join("\0")}`).digest("hex").slice(0, 32) : h.version,
    apiVersion: h.apiVersion,
    viewsVersion: createHash("sha1").update(h.apiVersion).update(JSON.stringify(h.actors.map((a) => a.titles))).digest("base64url"),
    url: `/articles/${slug}/`,
    title: h.title,
    date: h.date ? ctx.date(h.date.iso) : null,
    updated: h.updated ? ctx.date(h.updated) : null,
    excerpt: h.excerpt,
    source: h.source,
    tags: terms(h.tags, "tags"),
    authors: terms(h.authors, "authors"),
    absent,
    draft: h.draft === true,
    events,
    actors: h.actors.map((x) => ({ id: x.id, url: actorUrl(x.id), name: actorDefs.get(x.id)!.name.ar, count: x.count })),
    primaryEvent: primary ? { id: primary.id, url: primary.url, name: primary.name } : null,
    copies,
  };
}

/**
 * The archive of `input`: articles whole (tests, small builds) or as heads that load the whole article
 * when its page, API entry or search text is made (ArticleSource; src/pipeline.ts sets bodies aside).
 */
export function buildArchive(input: (Article | ArticleSource)[], rejections: Rejection[], registry: Registry, opts: ArchiveOptions = {}): Archive {
  const base = normalizeBase(opts.base);
  const siteUrl = normalizeSiteUrl(opts.siteUrl);
  const warnings: Warning[] = [];
  const duplicates: Report["duplicates"] = [];
  const drafts: string[] = [];
  const all = input.map((x) => ("head" in x ? x : inMemory(x))).filter((x) => {
    if (!x.head.draft) return true;
    drafts.push(x.head.source);
    return opts.drafts === true;
  });

  // Duplicates: the first file (in path order) stands for the text.
  const byHash = new Map<string, ArticleHead>();
  const articles: ArticleSource[] = [];
  for (const a of all.sort((x, y) => x.head.source.localeCompare(y.head.source))) {
    const first = byHash.get(a.head.hash);
    if (first) duplicates.push({ source: a.head.source, duplicateOf: first.source });
    else {
      byHash.set(a.head.hash, a.head);
      articles.push(a);
    }
    for (const w of a.head.warnings) warnings.push({ source: a.head.source, message: w });
  }

  const slugs = new Map<ArticleSource, string>();
  const claim = slugClaimer();
  for (const a of articles) slugs.set(a, claim(slugFor(a.head, warnings)));

  // Each article's local files: copied beside its page when vetted, else a warning and shown as text.
  const assetFiles: Archive["assets"]["files"] = [];
  const absentOf = new Map<ArticleSource, string[]>();
  for (const a of articles) {
    const absent: string[] = [];
    for (const file of a.head.files ?? []) {
      const status = opts.assets?.status.get(file);
      if (status && "size" in status) {
        const target = `articles/${slugs.get(a)!}/${assetTarget(a.head.source, file)}`;
        assetFiles.push({ file, path: target, signature: createHash("sha1").update(`${file}\0${status.size}\0${status.mtimeMs}`).digest("base64url") });
      } else {
        absent.push(file);
        const image = a.head.image ? localFile(a.head.source, a.head.image.src) : null;
        const what = image && "file" in image && image.file === file ? "front matter image" : "linked file";
        if (opts.assets) warnings.push({ source: a.head.source, message: `${what} ${file} ${status && "problem" in status ? status.problem : "is missing"}` });
      }
    }
    absentOf.set(a, absent);
  }

  // The same story printed by several papers: one group, shown in lists once, by its earliest copy.
  const copiesOf = new Map<ArticleSource, ArticleSource[]>();
  const alsoShown = new Set<ArticleSource>();
  const wireCopies: Report["wireCopies"] = [];
  const copy = (a: ArticleSource): WireCopy => ({ url: `/articles/${slugs.get(a)!}/`, title: a.head.title, paper: a.head.sourceName ?? null });
  for (const g of wireGroups(articles.map((a) => ({ print: a.head.wire ?? null, date: a.head.date?.iso ?? null })))) {
    const members = g.map((i) => articles[i]!).sort((x, y) => (x.head.date?.iso ?? "9999").localeCompare(y.head.date?.iso ?? "9999") || x.head.source.localeCompare(y.head.source));
    for (const a of members) copiesOf.set(a, members.filter((b) => b !== a));
    for (const a of members.slice(1)) alsoShown.add(a);
    wireCopies.push({ title: members[0]!.head.title, articles: members.map((a) => ({ source: a.head.source, paper: a.head.sourceName ?? null, url: under(base, copy(a).url) })) });
  }

  const ctx = viewContext(registry, siteUrl, base, opts.site);
  const { eventDefs, actorDefs, site, ui } = ctx;
  const context = `${siteUrl}\n${base}\n${createHash("sha256").update(JSON.stringify(registry)).update(JSON.stringify(site)).digest("hex")}`;
  const monthName = monthNamer(site);
  // What this archive may take from the previous one: made with the same registry, settings and addresses.
  const before = opts.previous?.context === context ? opts.previous : undefined;
  let beforeEntries: Map<string, ArticleEntry> | undefined;
  const views: ArticleEntry[] = [];
  // One summary object per article, shared by every list it appears in (a popular actor's list holds
  // most of the archive: copies cost seconds and hundreds of megabytes at 50,000 articles).
  const memoOf = new Map<ArticleEntry, { summary: ArticleSummary; source: ArticleSource }>();
  const copyViews = new Set<ArticleEntry>();
  for (const a of articles) {
    const slug = slugs.get(a)!;
    const absent = absentOf.get(a)!;
    const copies = (copiesOf.get(a) ?? []).map(copy);
    // Its copies, and whether it is the one entry lists show for them.
    const wire = JSON.stringify(copies) + (alsoShown.has(a) ? "+" : "");
    let m = entryMemo.get(a.head);
    if (!m || m.slug !== slug || m.context !== context || m.absent !== absent.join("\0") || m.wire !== wire) {
      const entry = entryOf(a.head, slug, copies, ctx, absent);
      const others = alsoShown.has(a) ? [] : copies;
      const alsoIn = others.flatMap((c) => (c.paper === null ? [] : [c.paper]));
      const moreCopies = others.length - alsoIn.length;
      let summary: ArticleSummary = { slug, url: entry.url, title: entry.title, date: entry.date, updated: entry.updated, excerpt: entry.excerpt, ...(alsoIn.length ? { alsoIn } : {}), ...(moreCopies ? { moreCopies } : {}), ...(entry.draft ? { draft: true } : {}) };
      // A file edited where no list or view shows it (its body past the excerpt) keeps the summary the
      // previous archive had for it: the views made of it are then kept too.
      if (before) {
        beforeEntries ??= new Map(before.articles.map((e) => [e.slug, e]));
        const earlier = before.summaries.get(slug);
        if (earlier && beforeEntries.get(slug)?.viewsVersion === entry.viewsVersion && JSON.stringify(earlier) === JSON.stringify(summary)) summary = earlier;
      }
      entryMemo.set(a.head, (m = { context, slug, absent: absent.join("\0"), wire, entry, summary }));
    }
    views.push(m.entry);
    memoOf.set(m.entry, { summary: m.summary, source: a });
    if (alsoShown.has(a)) copyViews.add(m.entry);
  }
  views.sort(byDateDesc);
  // What lists, feeds, counts and charts show: a story printed by several papers once.
  const listed = copyViews.size ? views.filter((v) => !copyViews.has(v)) : views;
  const summary = (v: ArticleEntry): ArticleSummary => memoOf.get(v)!.summary;

  // Each event's articles (newest first), in one pass.
  const byEvent = new Map<string, { about: ArticleEntry[]; mentions: ArticleEntry[]; all: ArticleEntry[] }>();
  for (const v of listed) {
    for (const e of v.events) {
      let lists = byEvent.get(e.id);
      if (!lists) byEvent.set(e.id, (lists = { about: [], mentions: [], all: [] }));
      if (e.role === "primary") lists.about.push(v);
      else if (e.role === "mentioned") lists.mentions.push(v);
      if (lists.all[lists.all.length - 1] !== v) lists.all.push(v);
    }
  }
  // The previous archive's list pages by URL, for paginate() to take those that are the same.
  const beforeLists = new Map<string, ListPage<unknown>>();
  if (before) {
    const { articlePages, actorIndexPages, eventIndexPages, eventPages, actorPages, tagPages, authorPages, tagIndexPages, authorIndexPages, byDate } = before;
    for (const l of [articlePages, actorIndexPages, eventIndexPages, tagIndexPages, authorIndexPages, byDate.pages].flat()) beforeLists.set(l.url, l);
    for (const { list } of [eventPages, actorPages, tagPages, authorPages].flat()) beforeLists.set(list.url, list);
  }
  const beforeEvent = new Map(before?.events.map((e) => [e.id, e]));
  const eventViews: EventView[] = registry.events.map((ev) => {
    const about = byEvent.get(ev.id)?.about ?? [];
    const mentions = byEvent.get(ev.id)?.mentions ?? [];
    const aboutShown = about.map(summary);
    const mentionsShown = mentions.map(summary);
    const earlier = beforeEvent.get(ev.id);
    if (earlier && sameItems(earlier.about, aboutShown) && sameItems(earlier.mentions, mentionsShown)) return earlier;
    const involved = new Map<string, Counted & { mentions: number }>();
    for (const v of about) {
      for (const a of v.actors) {
        const c = involved.get(a.id) ?? { id: a.id, url: a.url, name: a.name, count: 0, mentions: 0 };
        c.count++;
        c.mentions += a.count;
        involved.set(a.id, c);
      }
    }
    return {
      id: ev.id,
      url: eventUrl(ev.id),
      jsonLd: jsonLd({
        "@type": "Event",
        name: ev.name.ar,
        alternateName: ev.name.en,
        startDate: ev.dates[0],
        endDate: ev.dates[ev.dates.length - 1],
        location: { "@type": "Place", name: ev.place.ar, alternateName: ev.place.en },
        url: siteUrl + base + `events/${ev.id}/`,
      }),
      name: ev.name,
      aliases: ev.aliases,
      dates: ev.dates.map((d) => ctx.date(d)),
      place: ev.place,
      about: aboutShown,
      mentions: mentionsShown,
      timeline: about.filter((v) => v.date).reverse().slice(0, 50).map(summary),
      pairs: pairMatrix(ui, ui.t("chart.pairsTitle", { event: ev.name.ar }), about, [...involved.values()].sort((a, b) => b.mentions - a.mentions || countDesc(a, b))),
      actors: [...involved.values()].sort((a, b) => b.mentions - a.mentions || countDesc(a, b)),
    };
  });

  // Each actor's articles (newest first); an actor whose articles are the previous archive's (the same
  // summaries) keeps its view, the others' views are counted below.
  const beforeActor = new Map(before?.actors.map((a) => [a.id, a]));
  const namedBy = new Map<string, ArticleEntry[]>();
  for (const v of listed) {
    for (const me of v.actors) {
      const named = namedBy.get(me.id);
      if (named) named.push(v);
      else namedBy.set(me.id, [v]);
    }
  }
  const keptActors = new Map<string, ActorView>();
  /** The summaries of the actors whose views are made again. */
  const remade = new Map<string, ArticleSummary[]>();
  for (const [id, named] of namedBy) {
    const articles = named.map(summary);
    const earlier = beforeActor.get(id);
    if (earlier && sameItems(earlier.articles, articles)) keptActors.set(id, earlier);
    else remade.set(id, articles);
  }

  // The other actors' quotes, events and companions, in one pass over the articles (newest first: each
  // article's data once, where an actor at a time took eight times as long); events and companions are
  // counted in typed arrays by registry position (a million increments at 10,000 articles).
  const actorAt = new Map(registry.actors.map((a, i) => [a.id, i]));
  const eventAt = new Map(registry.events.map((e, i) => [e.id, i]));
  const A = registry.actors.length;
  const E = registry.events.length;
  const coCounts = new Int32Array(A * A);
  const eventCounts = new Int32Array(A * E);
  interface ActorTally {
    /** How often each of its articles names the actor. */
    counts: Map<ArticleEntry, number>;
    titles: Map<string, number>;
    mentions: number;
    quoteCount: number;
    /** The newest articles that quote the actor, until they hold QUOTES_SHOWN quotes. */
    quotedIn: ArticleEntry[];
  }
  const tallies = new Map<string, ActorTally>();
  for (const id of remade.keys()) tallies.set(id, { counts: new Map(), titles: new Map(), mentions: 0, quoteCount: 0, quotedIn: [] });
  const here: number[] = [];
  // With every actor's view kept, no article is gone through.
  for (const v of tallies.size ? listed : []) {
    here.length = 0;
    for (const me of v.actors) here.push(actorAt.get(me.id)!);
    const evs = v.events.map((e) => eventAt.get(e.id)!);
    const head = memoOf.get(v)!.source.head;
    v.actors.forEach((me, k) => {
      const t = tallies.get(me.id);
      if (!t) return;
      t.counts.set(v, me.count);
      t.mentions += me.count;
      for (const title of head.actors[k]!.titles) t.titles.set(title, (t.titles.get(title) ?? 0) + 1);
      const i = here[k]!;
      for (const e of evs) eventCounts[i * E + e]!++;
      for (const o of here) if (o !== i) coCounts[i * A + o]!++;
      const said = head.quoted.reduce((n, id) => (id === me.id ? n + 1 : n), 0);
      if (said && t.quoteCount < QUOTES_SHOWN) t.quotedIn.push(v);
      t.quoteCount += said;
    });
  }
  // The quotes an actor's page shows, from the few articles that hold them.
  const quotesOf = (id: string, from: ArticleEntry[]): ActorView["quotes"] => {
    const out: ActorView["quotes"] = [];
    for (const v of from) {
      for (const q of memoOf.get(v)!.source.load().quotes) if (q.actor === id && out.length < QUOTES_SHOWN) out.push({ text: q.text, article: summary(v) });
    }
    return out;
  };
  const counted = (counts: Int32Array, from: number, defs: { id: string; name: { ar: string } }[], url: (id: string) => string): Counted[] =>
    defs.flatMap((d, j) => (counts[from + j] ? [{ id: d.id, url: url(d.id), name: d.name.ar, count: counts[from + j]! }] : []));
  const actorViews: ActorView[] = [];
  for (const def of registry.actors) {
    const earlier = keptActors.get(def.id);
    if (earlier) {
      actorViews.push(earlier);
      continue;
    }
    const tally = tallies.get(def.id);
    if (!tally) continue;
    const { counts, titles, mentions, quoteCount, quotedIn } = tally;
    const i = actorAt.get(def.id)!;
    const events = counted(eventCounts, i * E, registry.events, eventUrl);
    const co = counted(coCounts, i * A, registry.actors, actorUrl);
    actorViews.push({
      id: def.id,
      url: actorUrl(def.id),
      jsonLd: jsonLd({
        "@type": def.kind === "person" ? "Person" : "Organization",
        name: def.name.ar,
        alternateName: [def.name.en, ...def.variants.filter((v) => v !== def.name.ar)],
        ...(def.titles.length ? { jobTitle: def.titles[0] } : {}),
        url: siteUrl + base + `actors/${def.id}/`,
      }),
      kind: def.kind,
      gender: def.gender ?? null,
      name: def.name,
      variants: def.variants,
      titles: [...titles].map(([title, count]) => ({ title, count })).sort((a, b) => b.count - a.count || a.title.localeCompare(b.title)),
      articles: remade.get(def.id)!,
      events: events.sort(countDesc),
      coActors: co.sort(countDesc).slice(0, 12),
      mentions,
      quoteCount,
      quotes: quotesOf(def.id, quotedIn),
      chart: monthBars(ui, monthName, ui.t("chart.mentionsTitle", { actor: def.name.ar }), namedBy.get(def.id)!, [ui.t("chart.mentionsSeries")], (v) => ({ series: 0, value: counts.get(v)! }), "mentions"),
    });
  }
  actorViews.sort((a, b) => b.articles.length - a.articles.length || b.mentions - a.mentions || a.id.localeCompare(b.id));

  warnings.sort((a, b) => a.source.localeCompare(b.source) || a.message.localeCompare(b.message));
  const found = groupCandidates(articles.map(({ head: a }) => ({ source: a.source, candidates: a.candidates })), registry);
  const candidates = found.filter((c) => !c.unsure);
  const unsureCandidates = found.filter((c) => c.unsure);
  const report: Report = {
    articles: views.length,
    events: eventViews.filter((e) => e.about.length + e.mentions.length > 0).length,
    actors: actorViews.length,
    skipped: [...rejections].sort((a, b) => a.source.localeCompare(b.source)),
    duplicates,
    drafts: drafts.sort(),
    wireCopies,
    warnings,
    candidates,
    unsureCandidates,
  };

  // Tags and authors of the front matter: grouped by their folded words, named by the most used spelling.
  const termsOf = (field: "tags" | "authors"): TermView[] => {
    const beforeTerm = new Map(before?.[field].map((t) => [t.id, t]));
    const groups = new Map<string, { link: Link; spellings: Map<string, number>; articles: ArticleSummary[] }>();
    for (const v of views) {
      for (const t of v[field]) {
        let g = groups.get(t.id);
        if (!g) groups.set(t.id, (g = { link: t, spellings: new Map(), articles: [] }));
        g.spellings.set(t.name, (g.spellings.get(t.name) ?? 0) + 1);
        if (g.articles[g.articles.length - 1] !== summary(v)) g.articles.push(summary(v));
      }
    }
    return [...groups.values()].map((g) => {
      const earlier = beforeTerm.get(g.link.id);
      if (earlier && sameItems(earlier.articles, g.articles)) return earlier;
      const spellings = [...g.spellings].sort((x, y) => y[1] - x[1]).map(([s]) => s);
      return { id: g.link.id, url: g.link.url, name: spellings[0]!, spellings, articles: g.articles };
    }).sort((x, y) => y.articles.length - x.articles.length || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  };
  const tags = termsOf("tags");
  const authors = termsOf("authors");

  const abs = (u: string) => under(base, u);
  const termApi = (t: TermView) => ({ id: t.id, url: abs(t.url), name: t.name, spellings: t.spellings, articles: t.articles.map((a) => a.slug) });
  const api = {
    events: eventViews.map((e) => ({
      id: e.id,
      url: abs(e.url),
      name: e.name,
      dates: e.dates.map((d) => d.iso),
      place: e.place,
      articles: e.about.map((a) => a.slug),
      mentionedIn: e.mentions.map((a) => a.slug),
      actors: e.actors.map((a) => ({ id: a.id, articles: a.count, mentions: a.mentions })),
    })),
    actors: actorViews.map((a) => ({
      id: a.id,
      url: abs(a.url),
      kind: a.kind,
      name: a.name,
      titles: a.titles,
      articles: a.articles.map((x) => x.slug),
      events: a.events.map((e) => ({ id: e.id, articles: e.count })),
      mentions: a.mentions,
    })),
    tags: tags.map(termApi),
    authors: authors.map(termApi),
    report,
    candidates,
  };

  // Feeds: the newest articles first; a feed is as new as its newest dated article.
  // A feed's time: its newest date or update; a feed of undated articles only takes the archive's newest
  // (a reader's feed program shows 1970 otherwise), and an archive with no date at all 1970.
  const newestOf = (items: ArticleSummary[]): Date | null => {
    let at = items.find((a) => a.date)?.date?.at ?? null;
    for (const a of items) if (a.updated && (!at || a.updated.at > at)) at = a.updated.at;
    return at;
  };
  const siteNewest = newestOf(listed) ?? new Date(0);
  const newest = (items: ArticleSummary[]) => newestOf(items) ?? siteNewest;
  const feeds = {
    all: { updated: newest(listed), entries: listed.slice(0, FEED_SIZE).map(summary) },
    events: Object.fromEntries(eventViews.map((e) => {
      const items = (byEvent.get(e.id)?.all ?? []).map(summary);
      return [e.id, { updated: newest(items), entries: items.slice(0, FEED_SIZE) }];
    })),
    actors: Object.fromEntries(actorViews.map((a) => [a.id, { updated: newest(a.articles), entries: a.articles.slice(0, FEED_SIZE) }])),
    tags: Object.fromEntries(tags.map((t) => [t.id, { updated: newest(t.articles), entries: t.articles.slice(0, FEED_SIZE) }])),
  };

  // The archive by date: every dated article.
  const months = new Map<string, ArticleSummary[]>();
  for (const v of listed) {
    if (!v.date) continue;
    const key = v.date.iso.slice(0, 7);
    const list = months.get(key) ?? [];
    list.push(summary(v));
    months.set(key, list);
  }
  const monthLinks: MonthLink[] = [...months.keys()].sort().reverse().map((key) => {
    const [year, month] = key.split("-").map(Number) as [number, number];
    return { year, month, label: monthName(key), url: `/archive/${key.replace("-", "/")}/`, count: months.get(key)!.length };
  });
  const years = [...new Set(monthLinks.map((m) => m.year))].map((year) => {
    const ms = monthLinks.filter((m) => m.year === year);
    return { year, count: ms.reduce((n, m) => n + m.count, 0), months: ms };
  });
  const byDate = {
    years,
    pages: monthLinks.flatMap((m) => paginate(m.url, m.label, months.get(`${m.year}-${String(m.month).padStart(2, "0")}`)!, beforeLists)),
    undated: listed.filter((v) => !v.date).length,
  };

  const articlePages = paginate("/articles/", ui.t("articles.title"), listed.map(summary), beforeLists);
  const actorIndexPages = paginate("/actors/", ui.t("actors.title"), actorViews, beforeLists);
  const eventIndexPages = paginate("/events/", ui.t("events.title"), eventViews, beforeLists);
  const eventPages = pagesOf(eventViews, before?.eventPages, (p) => p.event, (event) => paginate(event.url, event.name.ar, event.about, beforeLists).map((list) => ({ event, list })));
  const actorPages = pagesOf(actorViews, before?.actorPages, (p) => p.actor, (actor) => paginate(actor.url, actor.name.ar, actor.articles, beforeLists).map((list) => ({ actor, list })));
  const tagPages = pagesOf(tags, before?.tagPages, (p) => p.term, (term) => paginate(term.url, term.name, term.articles, beforeLists).map((list) => ({ term, list })));
  const authorPages = pagesOf(authors, before?.authorPages, (p) => p.term, (term) => paginate(term.url, term.name, term.articles, beforeLists).map((list) => ({ term, list })));
  const tagIndexPages = tags.length ? paginate("/tags/", ui.t("tags.title"), tags, beforeLists) : [];
  const authorIndexPages = authors.length ? paginate("/authors/", ui.t("authors.title"), authors, beforeLists) : [];

  const legend = [...registry.events.map((e) => e.name.ar), ui.t("chart.noEvent")];
  const chart = monthBars(ui, monthName, ui.t("chart.homeTitle"), listed, legend, (v) => {
    const k = v.primaryEvent ? registry.events.findIndex((e) => e.id === v.primaryEvent!.id) : -1;
    return { series: k >= 0 ? k : legend.length - 1, value: 1 };
  }, "articles");

  return {
    context, site, actorIndexPages, eventIndexPages, chart, base, searchFold: JSON.stringify(foldTableForBrowser()).replace(/</g, "\\u003c"), byDate, articlePages, eventPages, actorPages,
    siteRoot: siteUrl + base.replace(/\/$/, ""), articles: views, summaries: new Map(views.map((v) => [v.slug, summary(v)])), events: eventViews, actors: actorViews, report, api, feeds,
    tags, authors, tagPages, authorPages, tagIndexPages, authorIndexPages, assets: { root: opts.assets?.root ?? "", files: assetFiles },
    ...wholeArticles(new Map(views.map((v) => [v.slug, memoOf.get(v)!.source])), ctx),
  };
}

/**
 * Pages, API entries and search text of articles, by loading each whole. Made outside buildArchive so that
 * the closures keep only the loaders (a closure keeps its function's variables alive: the heads, which the
 * dev server's memo needs only while their files are unchanged, would stay in memory with them).
 */
function wholeArticles(sources: Map<string, ArticleSource>, ctx: ViewContext): Pick<Archive, "page" | "apiEntry" | "text" | "spot"> {
  const loaders = new Map([...sources].map(([slug, s]) => [slug, s.load]));
  const load = (e: ArticleEntry) => {
    const l = loaders.get(e.slug);
    if (!l) throw new Error(`no article ${e.slug} in this archive`);
    return l();
  };
  return {
    page: (e) => articleView(load(e), e, ctx),
    apiEntry: (e) => apiEntry(apiFieldsJson(load(e)), e, ctx.base),
    text: (e) => articleText(load(e)),
    spot: (e) => loaders.get(e.slug)?.spot ?? null,
  };
}

/** An article's body as readers see it, one paragraph a line (rendered Markdown as text): what search indexes. */
export function articleText(a: Article): string {
  return a.format === "md" && a.markdown !== undefined ? htmlText(markdown().parse(a.markdown) as string) : a.paragraphs.join("\n");
}

