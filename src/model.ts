// Types shared by every stage of the pipeline (see DESIGN.md).

/** A file found under the seeds folder, decoded but not yet interpreted. */
export interface Seed {
  /** Path relative to the seeds folder, with forward slashes. */
  source: string;
  format: "txt" | "md";
  /** The decoded text without front matter (Markdown source for .md files). */
  body: string;
  /** Front matter values that override what the pipeline would find. */
  meta: SeedMeta;
  /** franc's ISO 639-3 code for the body (always "arb" for accepted seeds). */
  language: string;
  /** Non-fatal remarks about this file (e.g. decoded from UTF-16). */
  warnings: string[];
}

export interface SeedMeta {
  title?: string;
  date?: string; // YYYY-MM-DD
  source?: string;
  url?: string;
  slug?: string;
  byline?: string;
  events?: string[];
  actors?: string[];
  /** `draft: true`: left out of the build unless drafts are asked for (--drafts, the dev server). */
  draft?: boolean;
  /** `tags` or `keywords`, as the editor wrote them. */
  tags?: string[];
  /** `author` or `authors`, as the editor wrote them. */
  authors?: string[];
  /** `image`: a path relative to the .md file (or an http(s) address); `image_alt`, `image_caption`. */
  image?: string;
  imageAlt?: string;
  imageCaption?: string;
  /** `description` or `summary`: the meta description and the excerpt in lists. */
  description?: string;
  /** `updated` or `lastmod`, YYYY-MM-DD. */
  updated?: string;
  /** Keys the tool does not know (named in the build report, once per file). */
  unknownKeys?: string[];
}

export interface Rejection {
  source: string;
  reason: string;
}

export interface Warning {
  source: string;
  message: string;
}

/** Where a registry phrase was found, in the article's displayed text. */
export interface Evidence {
  /** The words as the writer spelled them. */
  text: string;
  /** What kind of evidence it is. */
  kind: "phrase" | "lead" | "place" | "context" | "participant" | "date" | "conflict" | "front-matter";
  /** What this evidence added to the score. */
  weight: number;
}

export interface EventTag {
  id: string;
  role: "primary" | "mentioned";
  score: number;
  evidence: Evidence[];
}

export interface ActorTag {
  id: string;
  count: number;
  /** The distinct spellings found in the text, as written. */
  forms: string[];
  /** Role titles that preceded the name in this article, as written. */
  titles: string[];
}

export interface Quote {
  actor: string;
  text: string;
}

/** A person named with a title but missing from the registry, for an editor to add. */
export interface Candidate {
  /** The name as most often written. */
  name: string;
  /** The role it is most often given (= role; kept for readers of earlier reports). */
  title: string;
  /** The first example sentence, and its file. */
  sentence: string;
  source: string;
  /** How many articles name them. */
  articles: number;
  /** The suggested role: the title written most often before the name ("وزير الخارجية السعودي"). */
  role: string;
  /** Every spelling seen, the most frequent first. */
  variants: string[];
  /** Every title seen before the name, the most frequent first. */
  titles: string[];
  /** Two example sentences from different articles (one when a single article names them). */
  examples: { sentence: string; source: string }[];
  /** A registry actor whose title this is: perhaps the same person under a spelling the registry lacks. */
  variantOf?: string;
  /** Named in one article only (and no registry actor's title): not proposed, but listed in Report.unsureCandidates. */
  unsure?: true;
}

/** A Gregorian date read from an article (its header, its front matter or its opening). */
export interface ArticleDate {
  iso: string; // YYYY-MM-DD
  /** The words it was read from ("front matter" for the front matter's date). */
  from: string;
}

export interface Article {
  source: string;
  format: "txt" | "md";
  sourceUrl?: string;
  sourceName?: string;
  title: string;
  /** Whether the title was the page headline, the front matter, or cut from the opening sentence. */
  titleFrom: "front-matter" | "headline" | "opening-sentence";
  date: ArticleDate | null;
  byline: string | null;
  dateline: string | null;
  /** Body paragraphs as readers see them (cleaned, writer's spelling). */
  paragraphs: string[];
  /** For .md seeds: the body as Markdown, rendered at the archive stage. */
  markdown?: string;
  events: EventTag[];
  actors: ActorTag[];
  quotes: Quote[];
  /** People named with a role title who are not in the registry. */
  candidates: { name: string; title: string; sentence: string }[];
  language: string;
  /** Content hash of the cleaned text, used for duplicates and slugs. */
  hash: string;
  /** Its body's MinHash signature and figures (src/archive/wire.ts), made in the text stage from the tagger's words; null for a short text. */
  wire: WirePrint | null;
  /** Hash of the source file's path and bytes (set by the pipeline; see ArticleEntry.version). */
  version?: string;
  slugHint?: string;
  /** Front matter of .md seeds: see SeedMeta. */
  draft?: boolean;
  tags?: string[];
  authors?: string[];
  image?: { src: string; alt: string; caption: string };
  description?: string;
  updated?: string;
  /** Local files the article shows or links to (its image, the Markdown's images and links), relative to the seeds folder. */
  files?: string[];
  warnings: string[];
}

// ---- Registry (data under registry/, validated by src/ingest/registry.ts) ----

export interface Names {
  ar: string;
  en: string;
}

export interface ActorDef {
  id: string;
  kind: "person" | "organisation";
  /** For people: "female" when the text refers to her with feminine verbs (default "male"). */
  gender?: "female" | "male";
  name: Names;
  /** Spellings that name the actor on their own. */
  variants: string[];
  /** Spellings that are also ordinary words or other people's names: they count only when the
   * article also has one of `variants` or one of `context`. */
  ambiguous: string[];
  context: string[];
  /** Role titles the actor is known by (e.g. الرئيس الأمريكي). */
  titles: string[];
}

export interface WeightedPhrase {
  text: string;
  weight: number;
  /** The event's own name, which no other event shares ("قمة أنطاليا"); see EventDef.gatherings. */
  own: boolean;
}

export interface EventDef {
  id: string;
  name: Names;
  /** Other names the event is known by (shown on its page). */
  aliases: string[];
  dates: string[]; // YYYY-MM-DD, first day first
  place: Names;
  /** Phrases that name the event. At least one must occur for the event to be tagged at all. */
  phrases: WeightedPhrase[];
  /** Spellings of the place. */
  places: string[];
  /** Words typical of reports on the event but not naming it. */
  context: string[];
  participants: string[];
  /** Phrases that point at another event sharing words with this one. */
  conflicts: string[];
  /**
   * Words of its kind of gathering (قمة، اجتماع، مؤتمر). Without one of its own names (a phrase marked
   * own) an event is tagged only with a place, a word of its kind and a time: a date it is about, or the
   * article's date within `window`.
   */
  gatherings: string[];
  /** Days before its first day and after its last in which a dated article can be about it. */
  window: { before: number; after: number };
}

export interface Scoring {
  repeat: number;
  repeatCap: number;
  lead: number;
  leadWords: number;
  place: number;
  context: number;
  contextCap: number;
  participant: number;
  participantCap: number;
  dateMatch: number;
  dateMatchDays: number;
  dateMismatch: number;
  dateMismatchDays: number;
  conflict: number;
  conflictLate: number;
  background: number;
  unnamed: number;
  primary: number;
  primaryMargin: number;
}

export interface Furniture {
  /** Whole lines that are page furniture (compared folded). */
  lines: string[];
  /** Lines starting with these are furniture. */
  prefixes: string[];
  /** Regular expressions (Unicode) for furniture lines. */
  patterns: string[];
  /** A line equal to one of these starts a tail of related links: it and all after it go. */
  tails: string[];
  /** Words that start a breadcrumb trail. */
  breadcrumbHomes: string[];
  /** News agencies and papers seen in datelines. */
  agencies: string[];
  /** Words that introduce a byline. */
  bylines: string[];
  /** Words that open a header line giving the publication date ("نشر في: 25 يوليو 2015"). */
  published: string[];
  /** Markers of furniture run into the article's last line ("رابط الخبر بصحيفة الوئام", "سمات"). */
  lineTails: string[];
  /** Papers named in a page's credit line ("لندن: «الشرق الأوسط»", "عين اليوم – واشنطن"). */
  papers: string[];
}

export interface Calendar {
  /** Month names and their number, Egyptian, Levantine and Maghrebi forms. */
  months: { name: string; month: number }[];
  weekdays: string[];
  /** Words that may appear in a Hijri date on a page header. */
  hijri: string[];
  /** Words that, just before a date in the text, put it at another time than the news (مونديال، ذكرى، حتى). */
  otherTime: string[];
}

export interface Registry {
  actors: ActorDef[];
  events: EventDef[];
  scoring: Scoring;
  /** Words that mark a naming phrase as told in the past. */
  background: { since: string[]; after: string[]; units: string[] };
  furniture: Furniture;
  calendar: Calendar;
  /** Words that begin a role title (الرئيس، وزير، ...). */
  titleHeads: string[];
  /** Words a role title never runs across (إن، قال، على، ...). */
  titleStops: string[];
  /** Words that join a name to a father's name (بن، بنت): a registry name after one is another person's. */
  nameLinks: string[];
  /** Given names: one right before a registry surname makes another person's name (يوسف أوباما). */
  givenNames: string[];
  /** Honorifics before a given name (الدكتورة، اللاعب): with a word that is not the actor's, another person. */
  honorifics: string[];
  /** Nouns of places named after a person (مطار، جامعة): "مطار الملك خالد الدولي" names no one new. */
  namedPlaces: string[];
  speech: {
    verbs: string[]; objectVerbs: string[]; participles: string[]; complementizers: string[]; prepositions: string[]; fillers: string[];
    /** After a comma, words that end reported speech (حسب، وذلك، في حين). */
    clauseEnds: string[];
    /** Words that may open a clause before its subject and speech verb (أما، وكان، غير أن). */
    beforeSubject: string[];
  };
}

// ---- Archive: what the render step receives (view models + JSON for programs) ----

export interface DateView {
  iso: string;
  /** The same day as a Date (midnight UTC), for feeds. */
  at: Date;
  gregorian: string;
  hijri: string;
}

export interface Link {
  id: string;
  url: string;
  name: string;
}

export interface EvidenceView extends Evidence {
  /** Readable label for the evidence (an actor's name for a participant). */
  label: string;
}

export interface ArticleEventView extends Link {
  role: "primary" | "mentioned";
  score: number;
  evidence: EvidenceView[];
  /**
   * What readers are shown of the evidence ("why this tag"): the phrases of the article that show what it
   * is about, in the site's words, each with a link to the paragraph where it stands (null: the headline
   * or a Markdown article). No weights: those are for editors (/api/report.json, the API).
   */
  reasons: { kind: string; text: string; href: string | null }[];
}

export interface ArticleActorView extends Link {
  nameEn: string;
  count: number;
  forms: string[];
  titles: string[];
}

export interface ArticleView {
  /** Per paragraph, its id when the "why this tag" panel links to it, else "". */
  anchors: string[];
  slug: string;
  url: string;
  source: string;
  sourceName: string | null;
  sourceUrl: string | null;
  title: string;
  titleFrom: Article["titleFrom"];
  date: DateView | null;
  byline: string | null;
  /** The byline in script runs (a Latin name gets lang="en"). */
  bylineRuns: { text: string; latin: boolean }[];
  dateline: string | null;
  /** Paragraphs split into script runs so Latin names can be isolated with <bdi>. */
  paragraphs: { text: string; latin: boolean }[][];
  /** Rendered HTML for .md seeds (raw HTML in the source is escaped). */
  html: string | null;
  excerpt: string;
  events: ArticleEventView[];
  actors: ArticleActorView[];
  primaryEvent: Link | null;
  /** What the actors said in this article. */
  quotes: { actor: Link; text: string }[];
  /** Front matter: tags and authors (each links to its page), the figure at the top, the last update. */
  tags: Link[];
  authors: Link[];
  image: { url: string; absoluteUrl: string; alt: string; caption: string } | null;
  updated: DateView | null;
  draft: boolean;
  /** schema.org NewsArticle as JSON-LD. */
  jsonLd: string;
  /** Other papers' copies of the same story. */
  copies: WireCopy[];
}

/**
 * What the archive stage keeps of an article for its lists, charts and report: the Article without its
 * body, quotes, evidence and spellings (src/archive headOf). With it, the whole Article can be had again
 * (ArticleSource.load), from memory or from where the pipeline set it aside.
 */
export interface ArticleHead extends Omit<Article, "paragraphs" | "markdown" | "quotes" | "events" | "actors"> {
  version: string;
  events: Omit<EventTag, "evidence">[];
  actors: Omit<ActorTag, "forms">[];
  excerpt: string;
  /** The actor of each quote that counts for its actor (the article names them), in order. */
  quoted: string[];
  /** A hash of what /api/articles.json says of the article besides its id and URL. */
  apiVersion: string;
  /** Its body's MinHash signature and figures, to find other papers' copies of the story (src/archive/wire.ts); null for a short text. */
  wire: WirePrint | null;
}

/** What src/archive/wire.ts compares of a body to find other papers' copies of the same story. */
export interface WirePrint {
  /** The MinHash signature of its shingles. */
  signature: number[];
  /** The numbers it prints, once each, in order (at most MAX_FIGURES). */
  figures: string[];
}

/** Another paper's copy of the same story (src/archive/wire.ts), as an article's page and lists name it. */
export interface WireCopy {
  url: string;
  title: string;
  /** The paper: the `source` front-matter key, or null when the file does not name it. */
  paper: string | null;
}

/** An article as the archive stage receives it. */
export interface ArticleSource {
  head: ArticleHead;
  /** The whole article (read again each time when the pipeline set it aside). */
  load: (() => Article) & { spot?: SpoolSpot };
}

/** Where the build's spool file holds an article's JSON (UTF-16, src/cache.ts ArticleSpool): a thread of the pool reads it from there. */
export interface SpoolSpot {
  file: string;
  at: number;
  length: number;
}

export interface ArticleSummary {
  slug: string;
  url: string;
  title: string;
  date: DateView | null;
  /** Front matter `updated`/`lastmod` (feeds, sitemap). */
  updated: DateView | null;
  excerpt: string;
  /** On the one entry lists show for a story printed by several papers: the other papers that printed it… */
  alsoIn?: string[];
  /** …and how many other copies do not name their paper. */
  moreCopies?: number;
  /** A draft built with --drafts or by the dev server: the lists mark it. */
  draft?: boolean;
}

/** An article as the archive's lists, feeds, charts and search facets know it (Archive.articles). */
export interface ArticleEntry extends ArticleSummary {
  /**
   * Changes whenever anything on the article's page can (its file; the registry, code and templates are
   * compared separately): the render stage skips an article's page whose version is the same as last time.
   */
  version: string;
  source: string;
  /** ArticleHead.apiVersion: /api/articles.json is written again only when one of these changes. */
  apiVersion: string;
  /**
   * A hash of what the views of events, actors and tags take from the article besides its summary: its
   * API entry (events, actors and their counts, quotes, tags, authors) and the titles it gives each actor.
   */
  viewsVersion: string;
  events: (Link & { role: EventTag["role"]; score: number })[];
  actors: (Link & { count: number })[];
  primaryEvent: Link | null;
  /** Other papers' copies of the same story. */
  copies: WireCopy[];
  /** Front matter tags and authors, as this article spells them (the URL is that of the folded word). */
  tags: Link[];
  authors: Link[];
  /** Local files of the article that are not there (vetted at each build): shown as text, not linked. */
  absent: string[];
  draft: boolean;
}

/** A tag or an author of the front matter: the articles that name it. */
export interface TermView extends Link {
  /** Every spelling the articles use (the most used is `name`). */
  spellings: string[];
  articles: ArticleSummary[];
}

export interface Counted extends Link {
  count: number;
}

export interface EventView {
  /** The articles about the event, oldest first (at most 50). */
  timeline: ArticleSummary[];
  /** How often each pair of its most-named actors appears together. */
  pairs: Matrix | null;
  id: string;
  url: string;
  /** schema.org Event as JSON-LD. */
  jsonLd: string;
  name: Names;
  aliases: string[];
  dates: DateView[];
  place: Names;
  about: ArticleSummary[];
  mentions: ArticleSummary[];
  actors: (Counted & { mentions: number })[];
}

export interface ActorView {
  /** Mentions over time. */
  chart: BarChart | null;
  id: string;
  url: string;
  /** schema.org Person or Organization as JSON-LD. */
  jsonLd: string;
  kind: ActorDef["kind"];
  /** The registry's gender of a person (null when it says none): the words of the actor's pages agree with it. */
  gender: "female" | "male" | null;
  name: Names;
  variants: string[];
  titles: { title: string; count: number }[];
  articles: ArticleSummary[];
  events: Counted[];
  coActors: Counted[];
  mentions: number;
  /** How many of the actor's words the articles quote. */
  quoteCount: number;
  /** The newest of them (at most QUOTES_SHOWN), with the article each is from. */
  quotes: { text: string; article: ArticleSummary }[];
}

export interface Report {
  articles: number;
  events: number;
  actors: number;
  skipped: Rejection[];
  duplicates: { source: string; duplicateOf: string }[];
  /** Files with `draft: true` (left out of the build unless drafts are asked for). */
  drafts: string[];
  /** Stories printed by several papers: each group's articles, the one the lists show first. */
  wireCopies: { title: string; articles: { source: string; paper: string | null; url: string }[] }[];
  warnings: Warning[];
  /** Names proposed for the registry (src/tag/candidates.ts), the most named first. */
  candidates: Candidate[];
  /** Names seen after a title in one article only: for an editor who looks further (a quarter are other words). */
  unsureCandidates: Candidate[];
}

/** One page of a long list (20 items), with its neighbours for rel="prev"/"next". */
export interface ListPage<T = ArticleSummary> {
  url: string;
  title: string;
  number: number;
  items: T[];
  total: number;
  prev: string | null;
  next: string | null;
  pages: { number: number; url: string }[];
  /** The page links the pager shows: the first, the last and two either side of this one; null is a gap. */
  window: ({ number: number; url: string } | null)[];
}

export interface MonthLink {
  year: number;
  month: number;
  label: string;
  url: string;
  count: number;
}

export interface Feed {
  updated: Date;
  entries: ArticleSummary[];
}

export interface Archive {
  /** What the views were made with (site URL, base, a hash of the registry and the settings): an archive of another context shares nothing with this one. */
  context: string;
  /** What readers see of the settings: title, menu, digits, calendars, the interface strings. */
  site: import("./strings/index.ts").Site;
  /** The archive's articles over time, coloured by event (home page). */
  chart: BarChart | null;
  base: string;
  /** The fold table as JSON, for folding search queries in the browser the way the index was folded. */
  searchFold: string;
  /** Public address of the site's root, without a trailing slash (e.g. https://example.org/archive). */
  siteRoot: string;
  feeds: { all: Feed; events: Record<string, Feed>; actors: Record<string, Feed>; tags: Record<string, Feed> };
  /** Long lists cut into pages of 20: all articles, an event's articles, an actor's articles. */
  articlePages: ListPage[];
  actorIndexPages: ListPage<ActorView>[];
  eventIndexPages: ListPage<EventView>[];
  eventPages: { event: EventView; list: ListPage }[];
  actorPages: { actor: ActorView; list: ListPage }[];
  /** Front matter tags and authors, most used first, and the pages of each. */
  tags: TermView[];
  authors: TermView[];
  tagPages: { term: TermView; list: ListPage }[];
  authorPages: { term: TermView; list: ListPage }[];
  tagIndexPages: ListPage<TermView>[];
  authorIndexPages: ListPage<TermView>[];
  /** Local files articles link to, copied beside their pages: from `file` (seeds-relative, vetted) to `path` in the output. */
  assets: { root: string; files: { file: string; path: string; signature: string }[] };
  /** The archive by date: years with their months, and the pages of each month. */
  byDate: { years: { year: number; count: number; months: MonthLink[] }[]; pages: ListPage[]; undated: number };
  /** Every article, newest first. */
  articles: ArticleEntry[];
  /** What lists show of each article, by slug (one object per article, shared by every list). */
  summaries: ReadonlyMap<string, ArticleSummary>;
  /**
   * The whole of an article, made when asked for (its page, its API entry, its text for the search index):
   * an archive of 50,000 articles does not hold 50,000 bodies.
   */
  page(entry: ArticleEntry): ArticleView;
  /** The article's entry of /api/articles.json, as JSON text. */
  apiEntry(entry: ArticleEntry): string;
  /** The body as readers see it, one paragraph a line (rendered Markdown as text). */
  text(entry: ArticleEntry): string;
  /** Where the article is in the build's spool file; null when it is held in memory (the dev server). */
  spot(entry: ArticleEntry): SpoolSpot | null;
  events: EventView[];
  actors: ActorView[];
  report: Report;
  api: {
    /** /api/articles.json is each article's apiEntry, in the order of `articles`. */
    events: unknown[];
    actors: unknown[];
    tags: unknown[];
    authors: unknown[];
    report: Report;
    /** /api/candidates.json: the report's candidates for the registry. */
    candidates: Candidate[];
  };
}

// The geometry of the pictures drawn as inline SVG (src/archive/charts.ts computes it).

export interface Bar {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Index into the chart's legend (its colour). */
  series: number;
  label: string;
}

export interface BarChart {
  title: string;
  desc: string;
  width: number;
  height: number;
  bars: Bar[];
  ticks: { x: number; text: string }[];
  legend: { series: number; label: string }[];
  baseline: number;
}

export interface Matrix {
  title: string;
  desc: string;
  size: number;
  cell: number;
  labelWidth: number;
  names: { id: string; name: string; url: string }[];
  /** `count` is the number, `shown` the number in the site's digits. */
  cells: { x: number; y: number; count: number; shown: string; shade: number; dark: boolean; label: string }[];
}
