// A generated corpus of raw Arabic articles for the site benchmark: sentences from the seeds and the
// evaluation texts recombined into new articles of about 4,500 characters, each with a scraped page's
// furniture (date line, breadcrumbs, dateline, share bar, related-articles tail) and no front matter,
// so cleaning, extraction and tagging really run. Deterministic: the same n and seed give the same files.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import YAML from "yaml";

const ROOT = path.join(import.meta.dirname, "..", "..");
const EVAL = path.join(ROOT, "tests", "fixtures", "eval");

type Theme = "g20-antalya-2015" | "london-coalition-2015" | "paris-conference-2014" | "none";

const EVENT_DATES: Record<Exclude<Theme, "none">, string> = {
  "g20-antalya-2015": "2015-11-15",
  "london-coalition-2015": "2015-01-22",
  "paris-conference-2014": "2014-09-15",
};
// The seeds' subjects, as the issue that introduced them lists them.
const SEED_THEMES: Record<string, Theme> = { "000": "g20-antalya-2015", "001": "g20-antalya-2015", "002": "london-coalition-2015", "003": "paris-conference-2014", "004": "none" };
const CITIES: Record<Theme, string[]> = {
  "g20-antalya-2015": ["أنطاليا", "أنقرة", "إسطنبول", "واشنطن"],
  "london-coalition-2015": ["لندن", "واشنطن", "بغداد", "عمان"],
  "paris-conference-2014": ["باريس", "بغداد", "أربيل", "واشنطن"],
  none: ["القاهرة", "بيروت", "دمشق", "الرياض", "الدوحة", "تونس"],
};
const AGENCIES = ["رويترز", "أ ف ب", "الأناضول", "د ب أ", "وكالات", "واس", "كونا", "سبوتنيك"];
const MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
const DAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];
const SECTIONS = ["عربي ودولي", "سياسة", "أخبار العالم", "الشرق الأوسط"];
const SHARE = ["شارك", "تويتر", "فيسبوك", "واتساب", "طباعة", "نسخ الرابط"];
const TAILS = ["اقرأ أيضا", "أخبار ذات صلة", "مواضيع ذات صلة", "الأكثر قراءة"];

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Pools {
  sentences: Record<Theme, string[]>;
  headlines: Record<Theme, string[]>;
}

/** Sentences of a text, split after . ؟ ! and kept with their punctuation. */
function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.match(/[^.؟!]+[.؟!]+["»”]?/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => s.length >= 40 && s.length <= 600 && /\p{Script=Arabic}/u.test(s));
}

/** Sentences and headline-sized sentences by subject, from the seeds and the evaluation texts. */
export function loadPools(): Pools {
  const sentences: Record<Theme, string[]> = { "g20-antalya-2015": [], "london-coalition-2015": [], "paris-conference-2014": [], none: [] };
  const gold = YAML.parse(readFileSync(path.join(EVAL, "gold.yaml"), "utf8")) as { file: string; primary: string | null }[];
  const texts: [Theme, string][] = gold.map((g) => [(g.primary ?? "none") as Theme, readFileSync(path.join(EVAL, g.file), "utf8")]);
  const seedsDir = path.join(ROOT, "seeds");
  for (const f of readdirSync(seedsDir).filter((f) => f.endsWith(".txt"))) {
    const theme = SEED_THEMES[f.slice(0, 3)];
    if (theme) texts.push([theme, readFileSync(path.join(seedsDir, f), "utf8")]);
  }
  for (const [theme, text] of texts) sentences[theme].push(...sentencesOf(text));
  const headlines = Object.fromEntries(
    Object.entries(sentences).map(([t, list]) => [t, list.filter((s) => s.length <= 120).map((s) => s.replace(/[.؟!]+$/, ""))]),
  ) as Record<Theme, string[]>;
  return { sentences, headlines };
}

function isoPlusDays(iso: string, days: number): Date {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d;
}

function dateLine(d: Date, style: number): string {
  const day = d.getUTCDate();
  const month = MONTHS[d.getUTCMonth()]!;
  const year = d.getUTCFullYear();
  if (style === 0) return `${DAYS[d.getUTCDay()]} ${day} ${month} ${year}`;
  if (style === 1) return `نشر في: ${day} ${month} ${year}`;
  return `${year}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/${String(day).padStart(2, "0")}`;
}

/** One article's raw text. */
export function generateArticle(i: number, pools: Pools, rand: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const r = rand();
  const theme: Theme = r < 0.25 ? "g20-antalya-2015" : r < 0.45 ? "london-coalition-2015" : r < 0.65 ? "paris-conference-2014" : "none";
  const lines: string[] = [];
  // A date for most articles: near its event, or anywhere in 2013–2017 for articles about no event.
  if (rand() < 0.85) {
    const d = theme === "none" ? isoPlusDays("2013-01-01", Math.floor(rand() * 365 * 5)) : isoPlusDays(EVENT_DATES[theme], Math.floor(rand() * 40) - 10);
    lines.push(dateLine(d, Math.floor(rand() * 3)));
  }
  if (rand() < 0.5) lines.push(`الرئيسية / أخبار / ${pick(SECTIONS)}`);
  lines.push(pick(pools.headlines[theme]), "");
  // Body: mostly sentences about the article's subject, a few from elsewhere, about 4,500 characters.
  let length = 0;
  let first = true;
  while (length < 4300) {
    const n = 2 + Math.floor(rand() * 3);
    const para: string[] = [];
    for (let k = 0; k < n; k++) para.push(pick(pools.sentences[rand() < 0.85 ? theme : pick(["g20-antalya-2015", "london-coalition-2015", "paris-conference-2014", "none"] as const)]));
    let text = para.join(" ");
    if (first) text = `${pick(CITIES[theme])} - (${pick(AGENCIES)}) - ${text}`;
    first = false;
    lines.push(text);
    length += text.length;
  }
  lines.push(...SHARE.slice(0, 2 + (i % 4)), pick(TAILS), pick(pools.headlines.none), pick(pools.headlines.none));
  return lines.join("\n") + "\n";
}

/** Write n articles into dir (created if needed); returns the total bytes written. */
export function generateCorpus(n: number, dir: string, seed = 2015): number {
  mkdirSync(dir, { recursive: true });
  const pools = loadPools();
  const rand = prng(seed);
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const text = generateArticle(i, pools, rand);
    writeFileSync(path.join(dir, `article-${String(i).padStart(6, "0")}.txt`), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const [n = "1000", dir = "scratch/corpus"] = process.argv.slice(2);
  const bytes = generateCorpus(Number(n), dir);
  console.log(`${n} articles, ${(bytes / 1024 / 1024).toFixed(1)} MB, in ${dir}`);
}

/**
 * The front matter's tags and authors of the i-th article of generateTagged(): tag and author pages
 * whose counts are of every kind (1, 2, 3–10 and 11–99 articles), and one tag written two ways.
 */
export function taggedFrontMatter(i: number): { tags: string[]; authors: string[] } {
  const tags = ["الاقتصاد"];
  if (i < 11) tags.push("الطاقة");
  if (i < 3) tags.push("النفط");
  if (i < 2) tags.push(i === 0 ? "قمة العشرين" : "قمّة العشرين");
  if (i === 0) tags.push("الثقافة");
  const authors = i >= 11 && i < 14 ? ["عمر خالد"] : i === 14 || i === 15 ? ["ليلى حسن"] : i === 16 ? ["هند سالم", "سارة الأحمد"] : ["سارة الأحمد"];
  return { tags, authors };
}

/**
 * Write n Markdown articles with front matter (title, date, tags, authors as taggedFrontMatter says),
 * their bodies recombined from the same sentences as generateArticle's, into dir.
 */
export function generateTagged(n: number, dir: string, seed = 30): void {
  mkdirSync(dir, { recursive: true });
  const pools = loadPools();
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const themes = ["g20-antalya-2015", "london-coalition-2015", "paris-conference-2014", "none"] as const;
  for (let i = 0; i < n; i++) {
    const theme = pick(themes);
    const { tags, authors } = taggedFrontMatter(i);
    const date = isoPlusDays("2016-03-01", i).toISOString().slice(0, 10);
    const paragraphs = Array.from({ length: 5 }, () => Array.from({ length: 3 }, () => pick(pools.sentences[theme])).join(" "));
    const front = ["---", `title: ${JSON.stringify(pick(pools.headlines[theme]))}`, `date: ${date}`, `tags: ${JSON.stringify(tags)}`, `authors: ${JSON.stringify(authors)}`, "---"];
    writeFileSync(path.join(dir, `tagged-${String(i).padStart(3, "0")}.md`), `${front.join("\n")}\n\n${paragraphs.join("\n\n")}\n`);
  }
}
