// The search itself, without the page: fold and split the query, fetch the term shards it needs,
// intersect and rank, count and apply the filters, cut an excerpt around the first hit. No DOM and no
// fetch here (the caller passes `load` and `page`), so the tests run this same file in Node; the build
// uses htmlText() from here too (src/archive/search.ts), so the text indexed is the text excerpted.
//
// The index is written by src/archive/search.ts; its header describes the files. Folding uses the
// table the build used (embedded in the search page); the build imports particleForms() and shardOf()
// from here (src/text/fold.ts, src/archive/search.ts), so a query is split and looked up as indexed.

/** Results shown at once, and added by "more results". */
export const PAGE_SIZE = 10;
/** Words of a query that are looked up; the rest are ignored. */
export const MAX_WORDS = 10;

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** The folded form of `s`: every spelling variant of a word folds to one string. */
export function fold(s, table) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const r = table[s[i]];
    out += r !== undefined ? r : s[i];
  }
  return out.toLowerCase();
}

/**
 * The forms a folded word may stand for once attached particles are taken off: و/ف, then ب/ك/ل, and
 * لل for ل + ال. The word itself comes first. The build uses this same function (src/text/fold.ts).
 * @param {string} token
 * @returns {string[]}
 */
export function particleForms(token) {
  // Runs for every word of every article: no closures, no intermediate arrays.
  const forms = [token];
  // (A word of marks alone folds to "": no read past its end.)
  if (token.length < 2) return forms;
  const c0 = token[0];
  const afterConj = c0 === "و" || c0 === "ف" ? token.slice(1) : null;
  for (let k = 0; k < 2; k++) {
    const t = k === 0 ? token : afterConj;
    if (t === null || t.length < 2) continue;
    if (t !== token) pushForm(forms, t);
    if (t.startsWith("لل")) pushForm(forms, "ال" + t.slice(2));
    const p = t[0];
    if (p === "ب" || p === "ك" || p === "ل") pushForm(forms, t.slice(1));
  }
  return forms;
}

function pushForm(forms, f) {
  if (f.length >= 2 && !forms.includes(f)) forms.push(f);
}

/** The words of a query, folded, each with its forms; repeated words once. */
export function queryWords(query, table) {
  const words = [];
  for (const m of String(query).matchAll(WORD)) {
    const term = fold(m[0], table);
    if (!term || words.some((w) => w.term === term)) continue;
    words.push({ text: m[0], term, forms: particleForms(term).filter(Boolean) });
    if (words.length === MAX_WORDS) break;
  }
  return words;
}

/**
 * The shard of a term: 32-bit FNV-1a of its UTF-16 code units, modulo the shard count. The build uses
 * this same function (src/archive/search.ts).
 * @param {string} term
 * @param {number} shards
 * @returns {number}
 */
export function shardOf(term, shards) {
  let h = 0x811c9dc5;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_VALUE = Object.fromEntries([...B64].map((c, i) => [c, i]));

/** Article numbers of a bit set (six a character, article 6k + j in bit j of character k). */
export function decodeBits(bits) {
  const docs = [];
  for (let k = 0; k < bits.length; k++) {
    const v = B64_VALUE[bits[k]];
    for (let j = 0; j < 6; j++) if (v & (1 << j)) docs.push(6 * k + j);
  }
  return docs;
}

/** Article numbers of a list of gaps (the first gap is the number + 1). */
export function decodeGaps(gaps) {
  const docs = new Array(gaps.length);
  let prev = -1;
  for (let i = 0; i < gaps.length; i++) docs[i] = prev += gaps[i];
  return docs;
}

/**
 * A term's postings: article numbers ascending and, for each, the weight (4 if the term is in the
 * title, plus occurrences − 1, at most 3). See src/archive/search.ts for the two forms.
 */
export function decodePostings(list) {
  if (Array.isArray(list)) {
    const docs = new Array(list.length);
    const weights = new Array(list.length);
    let prev = -1;
    for (let i = 0; i < list.length; i++) {
      docs[i] = prev += list[i] >> 3;
      weights[i] = list[i] & 7;
    }
    return { docs, weights };
  }
  const docs = decodeBits(list.bits);
  const title = new Set(decodeGaps(list.title));
  return { docs, weights: docs.map((d) => (title.has(d) ? 4 : 0)) };
}

/** The articles of a facet value (an event or an actor). */
export function facetDocs(value) {
  return value.bits !== undefined ? decodeBits(value.bits) : decodeGaps(value.docs);
}

/** How much a posting adds to an article's score for its word. */
function postingScore(weight, idf, exact) {
  const tf = (weight & 3) + 1;
  return idf * (tf / (tf + 1)) * (weight & 4 ? 2 : 1) * (exact ? 1 : 0.6);
}

/**
 * A search over the index at `load`: `load(path, version)` resolves to the parsed JSON of the index
 * file at `path` ("manifest.json", "terms/3.json", …); `version` is the manifest's hash (absent for
 * the manifest itself), for the caller to defeat stale caches. `table` is the fold table. `page(url)`
 * resolves to the HTML of the article page at `url`, whose text the excerpts are cut from.
 */
export function createSearch({ load, table, page }) {
  let manifest = null;
  let facets = null;
  const shards = new Map();
  const docs = new Map();

  async function ready() {
    manifest ??= load("manifest.json").then((m) => {
      if (m.version !== 2) throw new Error(`unknown search index version ${m.version}`);
      return m;
    });
    return manifest;
  }
  async function file(path, cache) {
    const m = await ready();
    if (!cache.has(path)) {
      const p = load(path, m.hash);
      cache.set(path, p);
      p.catch(() => cache.delete(path));
    }
    return cache.get(path);
  }
  async function loadFacets() {
    facets ??= file("facets.json", new Map()).then((f) => {
      const decode = (list) => list.map((v) => ({ id: v.id, name: v.name, docs: facetDocs(v) }));
      return { events: decode(f.events), actors: decode(f.actors) };
    });
    facets.catch(() => (facets = null));
    return facets;
  }

  /**
   * Articles matching every word of `query` (each word by any of its forms), best first, narrowed by
   * `filters` ({event, actor}: ids). `facets` counts, for each event and actor, the matching articles
   * that also pass the other filter: what choosing that value would give.
   */
  async function search(query, filters = {}) {
    const words = queryWords(query, table);
    if (!words.length) return { words, total: 0, results: [], facets: { events: [], actors: [] } };
    const m = await ready();
    const n = m.articles;
    const needed = [...new Set(words.flatMap((w) => w.forms.map((f) => shardOf(f, m.shards))))];
    const [loaded, fac] = await Promise.all([Promise.all(needed.map((k) => file(`terms/${k}.json`, shards))), loadFacets()]);
    const byShard = new Map(needed.map((k, i) => [k, loaded[i]]));

    const score = new Float64Array(n);
    const hits = new Uint8Array(n);
    for (const w of words) {
      const best = new Float64Array(n);
      w.forms.forEach((form, i) => {
        const list = byShard.get(shardOf(form, m.shards))[form];
        if (list === undefined) return;
        const { docs: ds, weights } = decodePostings(list);
        const idf = Math.log(1 + n / ds.length);
        for (let k = 0; k < ds.length; k++) {
          const s = postingScore(weights[k], idf, i === 0);
          if (s > best[ds[k]]) best[ds[k]] = s;
        }
      });
      for (let d = 0; d < n; d++) {
        if (best[d] > 0) {
          score[d] += best[d];
          hits[d]++;
        }
      }
    }

    const pick = (list, id) => list.find((v) => v.id === id);
    const event = filters.event ? pick(fac.events, filters.event) : undefined;
    const actor = filters.actor ? pick(fac.actors, filters.actor) : undefined;
    const inEvent = mark(n, event);
    const inActor = mark(n, actor);
    const all = words.length;
    const matches = (d, byEvent, byActor) => hits[d] === all && (!byEvent || !inEvent || inEvent[d]) && (!byActor || !inActor || inActor[d]);
    const counts = (list, byEvent, byActor, selected) =>
      list
        .map((v) => ({ id: v.id, name: v.name, count: v.docs.reduce((c, d) => c + (matches(d, byEvent, byActor) ? 1 : 0), 0), selected: v.id === selected }))
        .filter((v) => v.count > 0 || v.selected)
        .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, "ar"));

    const results = [];
    for (let d = 0; d < n; d++) if (matches(d, true, true)) results.push(d);
    results.sort((a, b) => score[b] - score[a] || a - b);
    return {
      words,
      total: results.length,
      results,
      facets: {
        events: counts(fac.events, false, true, filters.event),
        actors: counts(fac.actors, true, false, filters.actor),
      },
    };
  }

  /**
   * The display data of articles `ids` for the words of a search: title, url, date, events, and an
   * excerpt from the article's page (none when the page cannot be had).
   */
  async function documents(ids, words) {
    const m = await ready();
    const blocks = [...new Set(ids.map((id) => Math.floor(id / m.block)))];
    const [fac, loaded] = await Promise.all([loadFacets(), Promise.all(blocks.map((k) => file(`docs/${k}.json`, docs)))]);
    const byBlock = new Map(blocks.map((k, i) => [k, loaded[i]]));
    const found = ids.map((id) => byBlock.get(Math.floor(id / m.block))[id % m.block]);
    const texts = await Promise.all(found.map((d) => page(d.url).then(pageText, () => "")));
    return found.map((d, i) => ({
      id: ids[i],
      url: d.url,
      title: d.title,
      date: d.date,
      iso: d.iso,
      events: d.e.map((k) => fac.events[k].name),
      actors: d.a.map((k) => fac.actors[k].name),
      excerpt: excerpt(texts[i], words, table),
    }));
  }

  return { search, documents, ready };
}

/** A flag per article for the articles of a facet value, or null. */
function mark(n, value) {
  if (!value) return null;
  const flags = new Uint8Array(n);
  for (const d of value.docs) flags[d] = 1;
  return flags;
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Text of HTML (rendered Markdown, an article's body): a line per block, tags dropped, entities decoded. */
export function htmlText(html) {
  return String(html)
    .replace(/<\/(?:p|h[1-6]|li|blockquote|pre|tr|div)>|<br\s*\/?>|<hr\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (m, dec, hex, name) => {
      if (dec || hex) {
        const c = dec ? Number(dec) : parseInt(hex, 16);
        return c > 0 && c <= 0x10ffff ? String.fromCodePoint(c) : m;
      }
      return ENTITIES[name.toLowerCase()] ?? m;
    })
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .join("\n");
}

/** The marks around an article's body in its page (templates/pages/article.njk). */
export const BODY_MARKS = ["<!--search-->", "<!--/search-->"];

/** The body of an article page as text, one paragraph a line: what the index holds of it ("" if unmarked). */
export function pageText(html) {
  const [open, close] = BODY_MARKS;
  const from = html.indexOf(open);
  const to = from < 0 ? -1 : html.indexOf(close, from);
  return to < 0 ? "" : htmlText(html.slice(from + open.length, to));
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * HTML of a passage of `text` around the first word that matches the query, with the matching words in
 * it in <mark> and everything escaped; without a match, the opening of the text. A word of the text
 * matches a query word when they share a form, as in the index; but when the text has the query word
 * as typed (particles aside: "والرئيس" for "الرئيس"), only those words are marked for it, not the
 * words that match only once a letter is taken off as a particle ("يري" for "كيرى").
 */
export function excerpt(text, words, table, { before = 12, length = 36 } = {}) {
  text = String(text);
  const tokens = [];
  for (const m of text.matchAll(WORD)) {
    const forms = particleForms(fold(m[0], table));
    tokens.push({
      start: m.index,
      end: m.index + m[0].length,
      exact: words.map((w) => forms.includes(w.term)),
      loose: words.map((w) => w.forms.some((f) => forms.includes(f))),
    });
  }
  if (!tokens.length) return "";
  const typed = words.map((_, k) => tokens.some((t) => t.exact[k]));
  for (const t of tokens) t.hit = words.some((_, k) => (typed[k] ? t.exact[k] : t.loose[k]));
  const hit = tokens.findIndex((t) => t.hit);
  let from = hit > 0 ? hit - before : 0;
  const to = Math.min(tokens.length, Math.max(from, 0) + length);
  from = Math.max(0, Math.min(from, to - length));
  const flat = (s) => escapeHtml(s.replace(/\s+/g, " "));
  let html = from > 0 ? "… " : "";
  let pos = from > 0 ? tokens[from].start : 0;
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    html += flat(text.slice(pos, t.start));
    const word = escapeHtml(text.slice(t.start, t.end));
    html += t.hit ? `<mark>${word}</mark>` : word;
    pos = t.end;
  }
  html += to < tokens.length ? `${flat(text.slice(pos, tokens[to].start)).trimEnd()} …` : flat(text.slice(pos));
  return html.trim();
}

/** "نتيجة واحدة", "نتيجتان", "3 نتائج", "11 نتيجة", … */
export function resultsLabel(n) {
  if (n === 0) return "لا نتائج";
  if (n === 1) return "نتيجة واحدة";
  if (n === 2) return "نتيجتان";
  const last = n % 100;
  return last >= 3 && last <= 10 ? `${n} نتائج` : `${n} نتيجة`;
}
