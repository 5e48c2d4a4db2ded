// The search itself, without the page: read the query (words, "quoted phrases"), fetch the term shards
// it needs, intersect and rank, apply the filters, cut an excerpt around the first hit from the article's
// one fragment file. No DOM and no fetch here (the caller passes `load`), so the tests run this same
// file in Node; the build imports shardKey() and shardOf() from here (src/archive/search.ts), so both
// sides place a term in the same shard.
//
// The index is written by src/archive/search.ts; its header describes the files and the word rules.
// Folding uses the table the build used (embedded in the search page); the particle rules come in the
// manifest (queryRules() there, made from src/text's particleForms()), so neither is a copy kept by hand.

/** Results shown at once, and added by "more results". */
export const PAGE_SIZE = 10;
/** Words of a query that are looked up; the rest are ignored. */
export const MAX_WORDS = 10;
/** Letters a word must keep once a particle or the article is taken off. */
export const STEM = 3;
const ARTICLE = "ال";

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const QUOTES = /["“”«»„]/;

/** The folded form of `s`: every spelling variant of a word folds to one string. */
export function fold(s, table) {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const r = table[s[i]];
    out += r !== undefined ? r : s[i];
  }
  return out.toLowerCase();
}

/** The key a term is sharded by: without a leading ال, so a word and its definite form share a shard. */
export function shardKey(term) {
  return term.startsWith(ARTICLE) && term.indexOf(" ") !== ARTICLE.length && term.length - ARTICLE.length >= STEM ? term.slice(ARTICLE.length) : term;
}

/** The shard of a term's key: 32-bit FNV-1a of its UTF-16 code units, modulo the shard count. */
export function shardOf(key, shards) {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

/**
 * The particle-free forms of a folded word under `rules` (the manifest's), of at least STEM letters, in
 * particleForms()'s order, without the word itself.
 */
export function particleFree(term, rules) {
  let p = "";
  for (let k = Math.min(3, term.length); k > 0; k--) {
    if (rules.prefixes[term.slice(0, k)]) {
      p = term.slice(0, k);
      break;
    }
  }
  if (!p) return [];
  const out = [];
  for (const r of rules.prefixes[p]) {
    const f = r + term.slice(p.length);
    if (f.length >= rules.stem && f !== term && !out.includes(f)) out.push(f);
  }
  return out;
}

/** The definite or indefinite twin of a folded word (لاجئين ↔ اللاجئين), or null. */
export function twinOf(term) {
  if (term.startsWith(ARTICLE)) return term.length - ARTICLE.length >= STEM ? term.slice(ARTICLE.length) : null;
  return term.length >= STEM ? ARTICLE + term : null;
}

/**
 * A query read: `clauses` are single words and phrases (words in quotes, or a run of words that is a
 * registry name), each with its words {text, term}; `words` all of them. Repeated words once.
 */
export function parseQuery(query, table) {
  const clauses = [];
  let count = 0;
  const pieces = String(query).split(QUOTES);
  pieces.forEach((piece, i) => {
    const words = [];
    for (const m of piece.matchAll(WORD)) {
      const term = fold(m[0], table);
      if (term && count < MAX_WORDS) {
        words.push({ text: m[0], term });
        count++;
      }
    }
    if (!words.length) return;
    if (i % 2 === 1 && words.length > 1) clauses.push({ kind: "phrase", words });
    else for (const w of words) if (!clauses.some((c) => c.kind === "word" && c.words[0].term === w.term)) clauses.push({ kind: "word", words: [w] });
  });
  return { clauses, words: clauses.flatMap((c) => c.words) };
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
 * title, plus occurrences − 1, at most 3).
 */
export function decodePostings(list) {
  if (list.see) list = list.p;
  if (Array.isArray(list)) {
    const docs = new Array(list.length);
    const weights = new Array(list.length);
    let prev = -1;
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      docs[i] = prev += Math.floor(v / 8);
      weights[i] = v & 7;
    }
    return { docs, weights };
  }
  const docs = decodeBits(list.bits);
  const title = new Set(decodeGaps(list.title));
  return { docs, weights: docs.map((d) => (title.has(d) ? 4 : 0)) };
}

/** The articles of a facet value. */
export function facetDocs(value) {
  return Array.isArray(value) ? decodeGaps(value) : decodeBits(value.bits);
}

/**
 * How well a posting matches, in steps: the ranking is by the sum of these over the query's clauses, then
 * by date. In the title 2 more, the word as typed (not its twin or a particle-free form) 1 more, each
 * further occurrence half a point (at most 2).
 */
function points(weight, exact) {
  return 1 + (weight & 4 ? 2 : 0) + (exact ? 1 : 0) + Math.min(weight & 3, 2) * 0.5;
}

/**
 * A search over the index at `load`: `load(path, version)` resolves to the parsed JSON of the index
 * file at `path` ("manifest.json", "terms/3.json.gz", …); `version` is the manifest's hash (absent for
 * the manifest itself), for the caller to defeat stale caches. `table` is the fold table.
 */
export function createSearch({ load, table }) {
  let manifest = null;
  let facets = null;
  const cache = new Map();

  async function ready() {
    manifest ??= load("manifest.json").then((m) => {
      if (m.version !== 4) throw new Error(`unknown search index version ${m.version}`);
      return m;
    });
    manifest.catch(() => (manifest = null));
    return manifest;
  }
  async function file(path) {
    const m = await ready();
    if (!cache.has(path)) {
      const p = load(path, m.hash);
      cache.set(path, p);
      p.catch(() => cache.delete(path));
    }
    return cache.get(path);
  }
  async function loadFacets() {
    facets ??= file("facets.json");
    return facets.catch((e) => {
      facets = null;
      throw e;
    });
  }
  /** The postings of each of `terms` (undefined for a term the index does not have). */
  async function lists(terms) {
    const m = await ready();
    const shards = await Promise.all(terms.map((t) => file(`terms/${shardOf(shardKey(t), m.shards)}.json.gz`)));
    return terms.map((t, i) => shards[i][t]);
  }
  /** The articles of value `id` of facet `key`, or null when there is no such value. */
  async function valueDocs(key, id) {
    const f = (await loadFacets()).facets.find((x) => x.key === key);
    const i = f ? f.values.findIndex((v) => v.id === id) : -1;
    return i < 0 ? null : facetDocs(await file(`f/${key}/${i}.json`));
  }

  /**
   * The forms a word is looked up by: the word and its twin, those the index has; for a word it does not
   * have, its first particle-free form it has, and that form's twin.
   */
  async function resolve(term, rules) {
    const own = [term, twinOf(term)].filter(Boolean);
    const found = await lists(own);
    const have = own.map((t, i) => ({ term: t, list: found[i], exact: i === 0 })).filter((f) => f.list !== undefined);
    // A word the index files under its particle-free forms too (والرئيس → الرئيس): those, and their twins.
    const see = have.flatMap((f) => (f.list.see ? f.list.see : []));
    for (const f of have) if (f.list.see) f.list = f.list.p;
    if (see.length) {
      const forms = [...new Set(see.flatMap((r) => [r, twinOf(r)]).filter((t) => t && !have.some((f) => f.term === t)))];
      const got = await lists(forms);
      forms.forEach((t, i) => got[i] !== undefined && have.push({ term: t, list: got[i].see ? got[i].p : got[i], exact: false }));
    }
    if (have.length) return have;
    for (const r of particleFree(term, rules)) {
      const forms = [r, twinOf(r)].filter(Boolean);
      const got = await lists(forms);
      const hit = forms.map((t, i) => ({ term: t, list: got[i]?.see ? got[i].p : got[i], exact: false })).filter((f) => f.list !== undefined);
      if (hit.length) return hit;
    }
    return [];
  }

  /**
   * Articles matching every clause of `query` (a word by any of its forms, a phrase word after word),
   * best first and newest first among equals, narrowed by `filters` ({key: id}, keys of facets.json).
   * With no words, the filters alone choose the articles, newest first. Each clause that names a
   * registry actor also finds that actor's articles; `actors[doc]` says which.
   */
  async function search(query, filters = {}) {
    const { clauses, words } = parseQuery(query, table);
    const active = Object.entries(filters).filter(([, v]) => v);
    if (!clauses.length && !active.length) return { words, clauses, total: 0, results: [], about: new Map() };
    const [m, fac] = await Promise.all([ready(), loadFacets()]);
    const n = m.articles;
    const rules = m.rules;

    // A run of two or more words that is a registry name (the whole query, or a phrase) is one clause.
    const nameOf = (terms) => fac.names.find((x) => x.v.includes(terms.join(" ")));
    if (clauses.length > 1 && clauses.every((c) => c.kind === "word") && nameOf(words.map((w) => w.term))) clauses.splice(0, clauses.length, { kind: "phrase", words });
    const actorValues = fac.facets.find((f) => f.key === "actor")?.values ?? [];

    const score = new Float64Array(n);
    const hits = new Uint8Array(n);
    const about = new Map();
    for (const c of clauses) {
      const best = new Float64Array(n);
      const add = (list, exact) => {
        const { docs, weights } = decodePostings(list);
        for (let k = 0; k < docs.length; k++) {
          const s = points(weights[k], exact);
          if (s > best[docs[k]]) best[docs[k]] = s;
        }
      };
      const terms = c.words.map((w) => w.term);
      if (c.kind === "word") {
        c.forms = await resolve(terms[0], rules);
        for (const f of c.forms) add(f.list, f.exact);
      } else {
        // Every pair of adjacent words, its first word also by its particle-free forms.
        c.forms = terms.map((t) => [{ term: t }, ...particleFree(t, rules).map((r) => ({ term: r }))]);
        let inAll = null;
        for (let i = 0; i + 1 < terms.length; i++) {
          const keys = [terms[i], ...particleFree(terms[i], rules)].map((t) => `${t} ${terms[i + 1]}`);
          const got = await lists(keys);
          const here = new Uint8Array(n);
          got.forEach((list, k) => {
            if (list === undefined) return;
            for (const d of decodePostings(list).docs) here[d] = 1;
            add(list, k === 0);
          });
          if (inAll) for (let d = 0; d < n; d++) inAll[d] &= here[d];
          else inAll = here;
        }
        for (let d = 0; d < n; d++) if (!inAll[d]) best[d] = 0;
      }
      // A registry name: the actor's articles too, and the result says who.
      const name = nameOf(terms) ?? (c.kind === "word" ? c.forms.map((f) => nameOf([f.term])).find(Boolean) : undefined);
      if (name && actorValues[name.actor]) {
        const docs = facetDocs(await file(`f/actor/${name.actor}.json`));
        for (const d of docs) {
          if (best[d] === 0) best[d] = 1;
          if (!about.has(d)) about.set(d, []);
          if (!about.get(d).includes(actorValues[name.actor].name)) about.get(d).push(actorValues[name.actor].name);
        }
      }
      for (let d = 0; d < n; d++) {
        if (best[d] > 0) {
          score[d] += best[d];
          hits[d]++;
        }
      }
    }

    let allowed = null;
    for (const [key, id] of active) {
      const docs = (await valueDocs(key, id)) ?? [];
      const mark = new Uint8Array(n);
      for (const d of docs) if (!allowed || allowed[d]) mark[d] = 1;
      allowed = mark;
    }
    const results = [];
    for (let d = 0; d < n; d++) if (hits[d] === clauses.length && (!allowed || allowed[d])) results.push(d);
    results.sort((a, b) => score[b] - score[a] || a - b);
    return { words, clauses, total: results.length, results, about };
  }

  /** The facets and their values ({key, values: [{id, name, n}]}), for the filters. */
  async function facetList() {
    return (await loadFacets()).facets;
  }

  /**
   * The display data of articles `ids` of a search `found`: title, url, date, facet values (names by
   * key), the actors the query named, and an excerpt around the first word of the query in its text (the
   * article's one fragment file).
   * @param {any} ids
   * @param {any} [found] what search() gave
   */
  async function documents(ids, found) {
    found ??= { clauses: [], about: new Map() };
    const [fac] = await Promise.all([loadFacets()]);
    const names = (key, list) => (list ?? []).map((i) => fac.facets.find((f) => f.key === key)?.values[i]?.name).filter(Boolean);
    const m = await ready();
    return Promise.all(ids.map(async (id) => {
      const head = await file(`x/${id}.json.gz`);
      const html = excerpt(head.t, found.clauses, table, m.rules);
      const f = head.f ?? {};
      return {
        id,
        url: head.url,
        title: head.title,
        date: head.date,
        iso: head.iso,
        events: names("event", f.event),
        actors: names("actor", f.actor),
        about: found.about.get(id) ?? [],
        excerpt: html,
      };
    }));
  }

  return { search, documents, facetList, ready };
}

/**
 * The JSON of an index file as fetched: text, or bytes; bytes that start as gzip does (a shard or a
 * fragment, *.json.gz, when the server has not inflated it on the way) are inflated first.
 * @param {string | ArrayBuffer | Uint8Array} data
 */
export async function readIndexFile(data) {
  if (typeof data === "string") return JSON.parse(data);
  let bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const inflated = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(inflated).arrayBuffer());
  }
  return JSON.parse(new TextDecoder().decode(bytes));
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

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * HTML of a passage of `text` around the first word that matches the query, with the matching words in
 * <mark> as the writer wrote them and everything escaped; without a match, the opening of the text. A
 * word of the text matches a clause's word when it, or one of its particle-free forms, is a form the word
 * was looked up by (a phrase's words: the word as typed and its particle-free forms).
 */
export function excerpt(text, clauses, table, rules, { before = 12, length = 36 } = {}) {
  text = String(text ?? "");
  const wanted = new Set();
  for (const c of clauses) {
    if (c.kind === "word") for (const f of c.forms ?? [{ term: c.words[0].term }]) wanted.add(f.term);
    else for (const w of c.words) {
      wanted.add(w.term);
      for (const r of particleFree(w.term, rules)) wanted.add(r);
    }
  }
  const tokens = [];
  for (const m of text.matchAll(WORD)) {
    const f = fold(m[0], table);
    tokens.push({ start: m.index, end: m.index + m[0].length, hit: wanted.has(f) || particleFree(f, rules).some((r) => wanted.has(r)) });
  }
  if (!tokens.length) return "";
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
