// Candidates for the registry: people (and bodies) named with a role title but missing from the registry
// ("وزير الخارجية السعودي عادل الجبير"). In an article: a title head, the words of the title, then a whole
// name. Across the archive: one candidate per name however it was spelled, with its count, two example
// sentences, the variants seen and the role it is most often given.
import type { Candidate, Registry } from "../model.ts";
import { fold, formsOf, tokenize, withoutConjunction, type Token } from "../text/index.ts";
import type { Matcher } from "./matcher.ts";
import type { Mention, SpeechRules } from "./quotes.ts";

/** A candidate as found in one article. */
export interface ArticleCandidate {
  name: string;
  title: string;
  sentence: string;
  /** A word of the name is used in the article as a common noun (with ال: "المجلس", "المنطقة"). */
  common?: boolean;
}

const SENTENCE_MARKS = ["\n", ".", "؟", "!"];
/** Quotation marks that open, that close, and that do either (papers write “…” and ”…“ alike, and "…"). */
const OPENING = "«„‹";
const CLOSING = "»›";
const EITHER = '"“”';
/** Words that join the parts of one name: the word after them belongs to the name ("عبد ربه", "محمد بن نايف"). */
const LINKS = new Set(["بن", "بنت", "ابن", "ابو", "ابا", "ال", "عبد", "ولد"].map(fold));
/** Links inside a given name ("عبد الحكيم", "أبو محمد"); the others bring a father's or family name. */
const GIVEN_LINKS = new Set(["ابو", "ابا", "عبد"].map(fold));
/** "ال" and the particles that may stand before it: a word written so is not the first word of a name. */
const DEFINITE = /^(?:[وفبلك]?ال|لل)/u;
/** First words of compound given names: "نصر الله", "صلاح الدين" (not "حفظه الله"). */
const COMPOUND_FIRST = new Set(["نصر", "صلاح", "علاء", "نور", "عز", "سيف", "جار", "فتح", "عطا", "خير", "ضيف", "حسب", "جاد", "عوض", "شمس", "بدر", "محي", "محيي", "تاج", "زين", "كمال", "جمال", "نجم", "سعد", "فضل", "حمد"].map(fold));

function hasAny(set: Set<string>, t: Token): boolean {
  return formsOf(t).some((f) => set.has(f));
}

export function findCandidates(text: string, tokens: Token[], mentions: Mention[], r: SpeechRules, m: Matcher): ArticleCandidate[] {
  const inMention = new Uint8Array(tokens.length);
  for (const x of mentions) for (let k = x.from; k < x.to; k++) inMention[k] = 1;
  const isVerb = (t: Token) => {
    const bare = withoutConjunction(t);
    return r.verbs.has(t.folded) || r.participles.has(t.folded) || (bare !== null && (r.verbs.has(bare) || r.participles.has(bare)));
  };
  /** A word that can never be part of a name: function words, speech verbs, title words. */
  const closed = (t: Token) =>
    !/^\p{Script=Arabic}+$/u.test(t.text) || m.titleStops.has(t.folded) || r.stops.has(t.folded) || r.fillers.has(t.folded) ||
    r.prepositions.has(t.folded) || r.complementizerStarts.has(t.folded) || hasAny(m.titleHeads, t) || hasAny(m.honorifics, t) || isVerb(t);
  /** A word that may be a name's part: not closed, and not a word with an attached particle before ال. */
  const namePart = (k: number) => k < tokens.length && !inMention[k] && !closed(tokens[k]!) && tokens[k]!.folded !== "باسم" &&
    !/^(?:[وفبلك]ال|لل)/u.test(tokens[k]!.folded);
  // The article's words with ال, to tell a common noun ("مجلس" of "المجلس") from a name.
  const definite = new Set<string>();
  for (const t of tokens) if (t.folded.startsWith("ال")) definite.add(t.folded.slice(2));
  const isCommon = (t: Token) => {
    if (m.givenNames.has(t.folded)) return false;
    const f = t.folded;
    return definite.has(f) || (/^[بلوفك]/.test(f) && f.length >= 5 && definite.has(f.slice(1)));
  };
  // A given name: a listed one, عبد…, or any word followed by بن/بنت ("مساعد بن محمد العيبان").
  const givenAt = (k: number) => {
    const t = tokens[k]!;
    if (m.givenNames.has(t.folded) || /^عبد/.test(t.folded)) return true;
    const next = tokens[k + 1];
    return next !== undefined && !next.breakBefore && !next.commaBefore && /^(?:بن|بنت|ابن)$/.test(next.folded);
  };
  const given = (t: Token) => m.givenNames.has(t.folded) || /^عبد/.test(t.folded);
  /** The second word of a compound given name: "نصر الله", "صلاح الدين". */
  const compound = (t: Token, before?: Token) =>
    (t.folded === "الله" || t.folded === "الدين") && (before === undefined || COMPOUND_FIRST.has(before.folded) || given(before));
  /** A name of someone the registry does not know, starting at k: its tokens' end, or −1. */
  const nameAt = (k: number): number => {
    const first = tokens[k]!;
    // "الدكتور مساعد بن محمد العيبان": a title word before بن is a given name.
    const headAsName = k + 1 < tokens.length && LINKS.has(tokens[k + 1]!.folded) && hasAny(m.titleHeads, first) && !/^ال/.test(first.folded);
    if ((!namePart(k) && !headAsName) || DEFINITE.test(first.folded) || (/^و/.test(first.folded) && !m.givenNames.has(first.folded)) || /^[وف]/.test(first.folded) && withoutConjunction(first) && m.givenNames.has(withoutConjunction(first)!)) return -1;
    // A given name opens a name; any other word only with a second word like it ("إريك روزينباخ"), never
    // with a word that has ال ("حرص الولايات المتحدة", "مجلس الأمن").
    const opensName = givenAt(k) || headAsName || GIVEN_LINKS.has(first.folded);
    // Other words open a name only if they are not a feminine noun ("جمهورية مصر", "بمنطقة نجران").
    if (!opensName && /[ةه]$/.test(first.folded) && !/^\p{Script=Arabic}{0,3}$/u.test(first.folded)) return -1;
    let end = k + 1;
    while (end < tokens.length && end - k < 7) {
      const t = tokens[end]!;
      const prev = tokens[end - 1]!;
      // A family name with ال right after the word a link brought ("عادل بن أحمد الجبير"), or any word after
      // a compound ("حسن نصر الله", "صلاح الدين دميرطاش").
      // After "عبد/أبو X" (a given name in two words) or "بن X" (a father's given name), one more word of
      // any shape is the family name; "بن/آل X" with ال ends the chain.
      const linkBefore = end - k >= 2 && LINKS.has(tokens[end - 2]!.folded) ? tokens[end - 2]!.folded : "";
      if (linkBefore && !GIVEN_LINKS.has(linkBefore) && /^ال/.test(prev.folded) && !LINKS.has(t.folded)) break;
      const afterLink = linkBefore !== "" || compound(prev, tokens[end - 2]);
      if (t.breakBefore || t.commaBefore || inMention[end]) break;
      if (LINKS.has(prev.folded)) {
        if (!/^\p{Script=Arabic}+$/u.test(t.text) || closed(t)) break;
        end++; // the word after بن/عبد/أبو is always the name's
        continue;
      }
      if (!namePart(end)) break;
      // After the family name of a chain ("عادل بن أحمد الجبير"), only another link goes on ("… آل الشيخ").
      if (end - k >= 3 && LINKS.has(tokens[end - 3]!.folded) && !GIVEN_LINKS.has(tokens[end - 3]!.folded) && !LINKS.has(t.folded) && !LINKS.has(tokens[end - 2]!.folded)) break;
      // "عبدالله - رحمه الله": punctuation inside ends the name.
      if (/[^\s]/.test(text.slice(prev.end, t.start))) break;
      // "إريك روزينباخ وكبير المساعدين": a word with و after the first is the next phrase.
      if (/^[وف]/.test(t.folded) && !m.givenNames.has(t.folded) && !LINKS.has(t.folded)) break;
      const isDefinite = /^ال/.test(t.folded);
      if (!opensName && isDefinite && !compound(t, prev)) break;
      // A name of other words has two of them, or three with an initial between ("جون إف كيندي").
      if (!opensName && end - k >= 2 && prev.folded.length > 2 && !compound(t, prev)) break;
      // A third word keeps the shape of the second ("أحمد الخازم الغامدي", "محمد جواد ظريف"; not "نوري
      // المالكي تجاه", "بيل كلينتون التفوق"), except a family name after بن ("عادل بن أحمد الجبير") and
      // الله in a compound ("حسن نصر الله").
      if (end - k >= 2 && !afterLink && !LINKS.has(t.folded) && t.folded !== "الله" && isDefinite !== /^ال/.test(prev.folded)) break;
      end++;
    }
    while (end > k && LINKS.has(tokens[end - 1]!.folded)) end--; // a name does not end on بن
    if (end - k < 2) return -1;
    // A name in another language written in Arabic letters has no ة and no possessive ending ("أية صعوبة",
    // "تخيف حلفاءها", "منذ نهاية" are words of the sentence).
    if (!opensName) for (let x = k; x < end; x++) if (/ة$|\p{L}{3}(?:ها|هم|هما)$/u.test(tokens[x]!.text)) return -1;
    return end;
  };
  /** Whether a quotation mark closes right after the name ending before token `end`. */
  const closesAt = (end: number) => /[»›"“”]/u.test(text.slice(tokens[end - 1]!.end, end < tokens.length ? tokens[end]!.start : text.length));
  const namedPlaces = m.namedPlaces;
  const out: ArticleCandidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (inMention[i] || !hasAny(r.heads, tokens[i]!)) continue;
    // The title: the head and the words after it, up to the name (at most twelve words, one sentence).
    // A place named after someone ("مركز الملك فهد الثقافي", "مطار الملك خالد الدولي") is no title.
    if (i > 0 && !tokens[i]!.breakBefore && hasAny(namedPlaces, tokens[i - 1]!)) continue;
    let k = i + 1;
    let end = -1;
    // A name that opens with a given name wins over an earlier pair of other words ("الفريق أول ركن
    // عبدالرحمن البنيان").
    let other = -1;
    let otherEnd = -1;
    let quoted = false;
    for (; k < Math.min(tokens.length, i + 13); k++) {
      const t = tokens[k]!;
      if (t.breakBefore || t.commaBefore || inMention[k]) break;
      // "نائب رئيس المعهد: «لن يكون…»": a colon ends the title, what follows is said. Within quotation
      // marks a name is taken only when the marks hold it whole ("المدير الفني «ليفيو كيوبتاريو»"); other
      // quoted words are a body's name ("مدير مركز «الشرق» للبحوث سمير التقي") or words said.
      const gap = text.slice(tokens[k - 1]!.end, t.start);
      if (/[:؛]/u.test(gap)) break;
      for (const ch of gap) quoted = OPENING.includes(ch) ? true : CLOSING.includes(ch) ? false : EITHER.includes(ch) ? !quoted : quoted;
      const found = nameAt(k);
      // Held whole: a mark opens right before the name and one closes right after it.
      const e = quoted && !(found > 0 && /[«„‹"“”]/u.test(gap) && closesAt(found)) ? -1 : found;
      if (e > 0 && givenAt(k) && (other < 0 || k >= otherEnd)) {
        end = e;
        break;
      }
      if (e > 0 && other < 0) {
        other = k;
        otherEnd = e;
      }
      if (m.titleStops.has(t.folded) || r.prepositions.has(t.folded) || isVerb(t) || r.complementizerStarts.has(t.folded)) break;
    }
    if (end < 0 && other >= 0) {
      k = other;
      end = otherEnd;
    }
    // A head alone before the name is a title only when definite ("الأمير محمد بن نايف"; not "رئيس محمد").
    if (end < 0 || (k === i + 1 && !/^(?:[وف]?ال)/.test(tokens[i]!.folded))) continue;
    // A registry name right after it: the name was the start of a longer phrase about that actor.
    if (end < tokens.length && inMention[end] && !tokens[end]!.breakBefore && !tokens[end]!.commaBefore) continue;
    let sStart = 0;
    let sEnd = text.length;
    for (const p of SENTENCE_MARKS) {
      sStart = Math.max(sStart, text.lastIndexOf(p, tokens[i]!.start) + 1);
      const x = text.indexOf(p, tokens[end - 1]!.end);
      if (x >= 0) sEnd = Math.min(sEnd, x + 1);
    }
    let common = false;
    if (!givenAt(k)) for (let x = k; x < end; x++) if (isCommon(tokens[x]!)) common = true;
    out.push({
      ...(common ? { common } : {}),
      name: text.slice(tokens[k]!.start, tokens[end - 1]!.end),
      title: roleOf(text.slice(tokens[i]!.start, tokens[k - 1]!.end), m),
      sentence: text.slice(sStart, sEnd).trim(),
    });
    i = end - 1;
  }
  return out;
}

/** A title as a role: without particles in front or an honorific at its end ("وزير الثقافة والإعلام الدكتور"). */
function roleOf(title: string, m: Matcher): string {
  const words = title.replace(/^[وفبل](?=ال)/u, "").split(/\s+/);
  // "لرئيس المكتب السياسي": the particle on a head word is the sentence's, not the role's.
  const head = tokenize(words[0]!)[0];
  if (head && /^[وفبل]/.test(head.folded) && m.titleHeads.has(head.folded.slice(1))) words[0] = words[0]!.slice(1);
  while (words.length > 1 && m.honorifics.has(fold(words[words.length - 1]!))) words.pop();
  return words.join(" ");
}

/** The key a name is grouped by: folded, with "عبد" joined to the word after it ("عبد الفتاح" = "عبدالفتاح"). */
function nameKey(name: string): string {
  return fold(name).replace(/(^|\s)عبد\s+/gu, "$1عبد");
}

/**
 * One candidate per name across the archive: the articles naming it, the spellings seen, two example
 * sentences from different articles, the role it is given most often. A name that is the start of a longer
 * one seen elsewhere ("عبد ربه منصور" of "عبد ربه منصور هادي") is counted with the longer one. A candidate
 * whose role is a registry actor's title is marked as perhaps that actor under another spelling.
 */
export function groupCandidates(found: { source: string; candidates: ArticleCandidate[] }[], reg: Registry): Candidate[] {
  interface Group { key: string; sources: Set<string>; forms: Map<string, number>; roles: Map<string, number>; examples: { sentence: string; source: string }[]; common: boolean }
  const groups = new Map<string, Group>();
  for (const { source, candidates } of found) {
    for (const c of candidates) {
      const key = nameKey(c.name);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { key, sources: new Set(), forms: new Map(), roles: new Map(), examples: [], common: false }));
      if (c.common) g.common = true;
      g.sources.add(source);
      g.forms.set(c.name, (g.forms.get(c.name) ?? 0) + 1);
      g.roles.set(c.title, (g.roles.get(c.title) ?? 0) + 1);
      if (g.examples.length < 2 && !g.examples.some((e) => e.source === source)) g.examples.push({ sentence: c.sentence, source });
    }
  }
  // A name used anywhere as a common noun ("عضو مجلس", "بمنطقة عسير") is no one's name.
  for (const [key, g] of groups) if (g.common) groups.delete(key);
  // A shorter form folds into the one longer name that holds its words in order with the same first and
  // last word ("عادل الجبير" of "عادل بن أحمد الجبير"), or starts it ("عبد ربه منصور" of "عبد ربه منصور هادي").
  const words = (k: string) => k.split(" ");
  const within = (short: string[], long: string[]) => {
    let n = 0;
    for (const w of long) if (n < short.length && w === short[n]) n++;
    return n === short.length;
  };
  // A name followed by other words ("محمد بن سلمان لمصر", "جورج بوش تحرير") is the name more articles give
  // alone, and the words of the sentence after it: counted with that name, not kept as a spelling. Words
  // that go on a name ("عادل الجبير" → "عادل بن أحمد الجبير", "… آل خليفة") are not such a tail.
  // (A name seen under several spellings is taken for a name, not for a tail.)
  for (const key of [...groups.keys()].sort((a, b) => words(b).length - words(a).length)) {
    const g = groups.get(key)!;
    if (g.forms.size > 1) continue;
    const w = words(key);
    for (let n = w.length - 1; n >= 2; n--) {
      const into = groups.get(w.slice(0, n).join(" "));
      const next = w[n]!;
      if (!into || into.sources.size <= g.sources.size || next.startsWith("ال") || LINKS.has(next)) continue;
      for (const s of g.sources) into.sources.add(s);
      for (const [t, c] of g.roles) into.roles.set(t, (into.roles.get(t) ?? 0) + c);
      for (const e of g.examples) if (into.examples.length < 2 && !into.examples.some((x) => x.source === e.source)) into.examples.push(e);
      groups.delete(key);
      break;
    }
  }
  const keys = [...groups.keys()].sort((a, b) => words(a).length - words(b).length);
  for (const key of keys) {
    const w = words(key);
    const longer = [...groups.keys()].filter((k) => {
      const l = words(k);
      // Same first and last word, the last a family name ("عادل الجبير" / "عادل بن أحمد الجبير"); never
      // "نايف بن عبدالعزيز" / "نايف بن سلمان بن عبدالعزيز", a father and a grandfather.
      const family = l[l.length - 1] === w[w.length - 1] && w.length === 2 && !w.some((x) => LINKS.has(x));
      return l.length > w.length && l[0] === w[0] && within(w, l) && (family || k.startsWith(key + " "));
    });
    if (!longer.length) continue;
    // Several longer names: the one most articles use ("محمد بن سلمان" of "محمد بن سلمان بن عبدالعزيز").
    longer.sort((a, b) => groups.get(b)!.sources.size - groups.get(a)!.sources.size || a.localeCompare(b));
    if (longer.length > 1 && !longer.every((l) => l.startsWith(longer[0]!) || longer[0]!.startsWith(l) || words(l)[1] === words(longer[0]!)[1])) continue;
    const long = groups.get(longer[0]!)!;
    const g = groups.get(key)!;
    // The form most articles use wins. A longer form that only adds words after the name ("محمد العيبان
    // الاستقبال") is the name and the next words, not a spelling of it: it is not kept as a variant.
    const [into, from] = long.sources.size >= g.sources.size ? [long, g] : [g, long];
    const tail = from === long && longer[0]!.startsWith(key + " ");
    for (const s of from.sources) into.sources.add(s);
    if (!tail) for (const [f, n] of from.forms) into.forms.set(f, (into.forms.get(f) ?? 0) + n);
    for (const [t, n] of from.roles) into.roles.set(t, (into.roles.get(t) ?? 0) + n);
    for (const e of from.examples) if (into.examples.length < 2 && !into.examples.some((x) => x.source === e.source)) into.examples.push(e);
    groups.delete(from.key);
    if (into === g) {
      groups.delete(key);
      groups.set(longer[0]!, g); // keep its place under the longer key for later, shorter forms
      g.key = longer[0]!;
    }
  }
  const titleOwners = new Map<string, { id: string; words: Set<string> }>();
  for (const a of reg.actors) {
    const words = new Set([a.name.ar, ...a.variants].flatMap((v) => tokenize(v).map((t) => t.folded)));
    for (const t of a.titles) titleOwners.set(fold(t), { id: a.id, words });
  }
  const byCount = <T>(m: Map<T, number>) => [...m].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).map(([k]) => k);
  return [...groups.values()]
    .map((g): Candidate => {
      // The spelling most used; between two used as often, the whole name before a shorter form.
      const variants = [...g.forms].sort((a, b) => b[1] - a[1] || nameKey(b[0]).split(" ").length - nameKey(a[0]).split(" ").length || a[0].localeCompare(b[0])).map(([f]) => f);
      const roles = byCount(g.roles);
      const role = roles[0]!;
      // The role is a registry actor's title and the names share a word ("فرانسوا أولوند", "الرئيس الفرنسي").
      const o = titleOwners.get(fold(role));
      const owner = o && tokenize(variants[0]!).some((t) => o.words.has(t.folded)) ? o.id : undefined;
      return {
        name: variants[0]!,
        title: role,
        sentence: g.examples[0]!.sentence,
        source: g.examples[0]!.source,
        articles: g.sources.size,
        role,
        variants,
        titles: roles,
        examples: g.examples,
        ...(owner ? { variantOf: owner } : {}),
        // Named in one article only: a quarter of those are other words after a title (against one in
        // fifteen of the names two articles give), so they are reported, not proposed.
        ...(g.sources.size < 2 && !owner ? { unsure: true } : {}),
      };
    })
    .sort((a, b) => b.articles - a.articles || a.name.localeCompare(b.name));
}
