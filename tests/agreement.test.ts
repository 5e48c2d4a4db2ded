// Arabic number agreement on the whole built site: every "number + counted noun" outside the articles'
// own text (bodies, titles, excerpts, quotes) is what counted() makes of that number, in both digit
// systems, on the seeds plus a few hundred generated articles and a few dozen Markdown ones with tags and
// authors (their pages and indexes count articles 1, 2, 3–10 and 11–99 times).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, build } from "./support/site.ts";
import { generateCorpus, generateTagged } from "./bench/corpus.ts";
import { DEFAULT_STRINGS, PLURAL_CATEGORIES, counted, type Digits, type Forms } from "../src/strings/index.ts";

let work: string;
let seeds: string;
before(() => {
  work = mkdtempSync(path.join(tmpdir(), "agreement-"));
  seeds = path.join(work, "seeds");
  cpSync(path.join(ROOT, "seeds"), seeds, { recursive: true });
  generateCorpus(300, seeds);
  generateTagged(25, seeds);
});
after(() => rmSync(work, { recursive: true, force: true }));

const NOUNS = Object.entries(DEFAULT_STRINGS).flatMap(([key, e]) => (key.startsWith("count.") ? [[key.slice(6), e as Forms] as const] : []));

/** Each noun's words that follow a number ("{n} مقالات" → مقالات), longest first. */
const phrase = NOUNS.map(([noun, forms]) => {
  const words = [...new Set(PLURAL_CATEGORIES.map((c) => forms[c]).filter((p) => p.includes("{n}")).map((p) => p.replace("{n}", "").trim()))]
    .sort((a, b) => b.length - a.length);
  // A number right before the phrase of one ("مقال واحد", no digit) is another number's, a year's say.
  return { noun, forms, re: new RegExp(`(?<![\\p{L}\\p{N}])([0-9]+|[٠-٩]+)\\s+(${words.join("|")})(?![\\p{L}\\p{M}])(?!\\s+واحدة?(?![\\p{L}\\p{M}]))`, "gu") };
});

/** Each noun's phrase for zero after a word or a comma: a sentence put inside another. */
const zeros = NOUNS.map(([noun, forms]) => ({ noun, inside: new RegExp(`(?:[\\p{L}\\p{M}]+|،)\\s+${forms.zero}`, "gu") }));

const toNumber = (digits: string) => Number(digits.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660)));

/** What readers see of a page that the site wrote itself (the articles' own words taken out). */
function siteText(file: string, content: string): string {
  let s = content;
  if (file.endsWith(".xml")) return s.replace(/<entry>[\s\S]*?<\/entry>/g, "");
  s = s.replace(/<head>[\s\S]*?<\/head>/, "")
    .replace(/<!--search-->[\s\S]*?<!--\/search-->/g, "")
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<p class="excerpt">[\s\S]*?<\/p>/g, "")
    .replace(/<blockquote>[\s\S]*?<\/blockquote>/g, "")
    .replace(/<ul class="quotes">[\s\S]*?<\/ul>/g, "")
    .replace(/<a href="\/articles\/[a-z0-9-]+\/">[^<]*<\/a>/g, "")
    .replace(/«[^»]*»/g, "");
  // An article page's headline and the spellings of names in its "why" panel are the writer's.
  if (/<article class="article">/.test(s)) s = s.replace(/<h1>[\s\S]*?<\/h1>/, "").replace(/<h3>الأسماء[\s\S]*?<\/ul>/, "");
  // A counted phrase is one text (count() makes it whole): a number in one element and a noun in the next
  // ("نوفمبر 2015</a> <span class="count">مقال واحد") is no phrase.
  return s.replace(/<[^>]+>/g, " | ");
}

function scan(dir: string, digits: Digits): { checked: number; categories: Set<string>; wrong: string[] } {
  const rules = new Intl.PluralRules("ar");
  const wrong: string[] = [];
  const categories = new Set<string>();
  let checked = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(html|xml)$/.test(e.name)) {
        const text = siteText(p, readFileSync(p, "utf8"));
        if (text.includes("{n}")) wrong.push(`${p}: an unfilled {n}`);
        // Zero is a sentence (لا أحداث بعد): after a colon or on its own, never inside another ("عن لا أحداث بعد").
        for (const { noun, inside } of zeros) for (const m of text.matchAll(inside)) wrong.push(`${path.relative(dir, p)}: "${m[0]}" (${noun}: zero inside a sentence)`);
        for (const { noun, forms, re } of phrase) {
          for (const m of text.matchAll(re)) {
            const n = toNumber(m[1]!);
            checked++;
            categories.add(rules.select(n));
            const want = counted(n, forms, digits);
            if (m[0] !== want) wrong.push(`${path.relative(dir, p)}: "${m[0]}" (${noun}) should be "${want}"`);
            if (digits === "arab" && /[0-9]/.test(m[1]!)) wrong.push(`${path.relative(dir, p)}: "${m[0]}" in Western digits`);
          }
        }
      }
    }
  };
  walk(dir);
  return { checked, categories, wrong };
}

for (const digits of ["latn", "arab"] as const) {
  test(`every counted phrase on the built site agrees with its number (${digits} digits)`, () => {
    const config = path.join(work, `${digits}.yaml`);
    const out = path.join(work, `site-${digits}`);
    writeFileSync(config, `url: https://news.example.org\ndigits: ${digits}\narticles: ${seeds}\noutput: ${out}\n`);
    const r = build(["--config", config, "--no-cache", "--quiet"]);
    assert.equal(r.code, 0, r.err);
    const { checked, categories, wrong } = scan(out, digits);
    assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} of ${checked} counted phrases disagree`);
    assert.ok(checked > 300, `only ${checked} counted phrases found`);
    for (const c of ["few", "many"]) assert.ok(categories.has(c), `a number of category ${c} was checked`);
    // Numbers 1 and 2 have no digit: none may show as one.
    const home = readFileSync(path.join(out, "index.html"), "utf8");
    assert.match(home, digits === "arab" ? /في الأرشيف [٠-٩]+ مقال/ : /في الأرشيف [0-9]+ مقال/);
    assert.match(home, /حدثان|[0-9٠-٩]+ (?:أحداث|حدثاً|حدث)/);
    // Tag and author pages and their indexes were scanned, with numbers of each kind; one and two have no digit.
    for (const folder of ["tags", "authors"]) {
      const part = scan(path.join(out, folder), digits);
      assert.deepEqual(part.wrong, [], folder);
      for (const c of ["few", "many"]) assert.ok(part.categories.has(c), `${folder}: a number of category ${c} was checked`);
    }
    const articles = DEFAULT_STRINGS["count.articles"] as Forms;
    const tags = readFileSync(path.join(out, "tags", "index.html"), "utf8");
    for (const n of [25, 11, 3, 2, 1]) assert.match(tags, new RegExp(`</a></h2> <p>${counted(n, articles, digits)}</p>`), `a tag of ${n} articles`);
    assert.match(tags, new RegExp(`: ${counted(5, DEFAULT_STRINGS["count.tags"] as Forms, digits)}\\.`));
    const authors = readFileSync(path.join(out, "authors", "index.html"), "utf8");
    assert.match(authors, new RegExp(`: ${counted(4, DEFAULT_STRINGS["count.authors"] as Forms, digits)}\\.`));
  });
}

test("zero is a sentence of its own: an archive without events, without actors, or without articles", () => {
  const cases: { name: string; files: Record<string, string>; lead: string }[] = [
    { name: "no-event", lead: "في الأرشيف مقال واحد، ويُذكر فيه فاعل واحد.", files: {
      "farm.md": "---\ntitle: أوباما في مزرعة للذرة\ndate: 2015-08-12\n---\nزار الرئيس باراك أوباما مزرعة للذرة في ولاية أيوا، وتحدث مع المزارعين عن أسعار المحاصيل هذا الموسم.\n" } },
    { name: "nothing-named", lead: "في الأرشيف مقالان.", files: {
      "rain.md": "---\ntitle: أمطار غزيرة على الساحل\ndate: 2015-12-03\n---\nهطلت أمطار غزيرة على مدن الساحل طوال الليل، وأغلقت البلدية بعض الطرق المنخفضة حتى الصباح.\n",
      "bread.md": "---\ntitle: سعر الخبز لا يتغير\ndate: 2015-12-04\n---\nأعلنت وزارة التموين أن سعر ربطة الخبز يبقى كما هو حتى نهاية العام، رغم ارتفاع أسعار الطحين.\n" } },
    { name: "empty", lead: "لا مقالات في الأرشيف بعد.", files: {} },
  ];
  for (const c of cases) {
    const texts = path.join(work, `zero-${c.name}`);
    const out = path.join(work, `zero-${c.name}-site`);
    mkdirSync(texts);
    for (const [name, text] of Object.entries(c.files)) writeFileSync(path.join(texts, name), text);
    const r = build(["--seeds", texts, "--out", out, "--site-url", "https://news.example.org", "--no-cache", "--quiet"]);
    assert.equal(r.code, 0, r.err);
    assert.match(readFileSync(path.join(out, "index.html"), "utf8"), new RegExp(`<p class="lead">${c.lead}</p>`), c.name);
    assert.deepEqual(scan(out, "latn").wrong, [], c.name);
  }
  assert.match(readFileSync(path.join(work, "zero-empty-site", "articles", "index.html"), "utf8"), /<p class="lead">لا مقالات في الأرشيف بعد\.<\/p>/);
});

test("the scanner finds what disagrees", () => {
  const sample = "<main><p><a>مارس 2016</a> <span>مقال واحد</span></p><p>1 مقال</p><p>5 مقالاً</p><p>4 مرة</p><p>0 مقالاً</p><p>12 فاعلاً</p><p>102 مقال</p><p>٣ أيام</p></main>";
  const text = siteText("x.html", sample);
  const found = phrase.flatMap(({ forms, re }) => [...text.matchAll(re)].map((m) => [m[0], counted(toNumber(m[1]!), forms, /[٠-٩]/.test(m[1]!) ? "arab" : "latn")]));
  assert.deepEqual(found.filter(([got, want]) => got !== want).map(([got]) => got).sort(), ["0 مقالاً", "1 مقال", "4 مرة", "5 مقالاً"].sort());
  assert.equal(found.length, 7);
  const zero = siteText("x.html", "<main><p>في الأرشيف 5 مقالات، عن لا أحداث بعد، ويُذكر فيه لا فاعلين بعد.</p><p>عنه: لا مقالات بعد.</p></main>");
  assert.deepEqual(zeros.flatMap(({ inside }) => [...zero.matchAll(inside)].map((m) => m[0])).sort(), ["عن لا أحداث بعد", "فيه لا فاعلين بعد"].sort());
});
