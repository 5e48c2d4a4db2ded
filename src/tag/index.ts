// Tag: which events an article is about or mentions, and which actors it names, each with the
// evidence that earned it. Weights live in registry/events.yaml.
import type { ActorDef, ActorTag, ArticleDate, EventDef, EventTag, Evidence, Quote, Registry, SeedMeta } from "../model.ts";
import { compileSpeech, findQuotes, titleIndex, type Mention, type SpeechRules } from "./quotes.ts";
import { findCandidates } from "./candidates.ts";
import { datesAndMonths, type ExtractRules } from "../extract/index.ts";
import { fold, formsOf, tokenize, type Token } from "../text/index.ts";
import { compileMatcher, findMatches, headForm, inPlaceName, insideLongerName, withoutParticles, type Match, type Matcher } from "./matcher.ts";

export { compileMatcher, findMatches } from "./matcher.ts";
export { groupCandidates, type ArticleCandidate } from "./candidates.ts";
export type { Matcher, Match, Owner } from "./matcher.ts";

export interface Tagger {
  registry: Registry;
  matcher: Matcher;
  speech: SpeechRules;
  extract: ExtractRules;
  events: Map<string, EventDef>;
  actors: Map<string, ActorDef>;
}

export function compileTagger(registry: Registry, extract: ExtractRules): Tagger {
  return {
    registry,
    matcher: compileMatcher(registry),
    speech: compileSpeech(registry),
    extract,
    events: new Map(registry.events.map((e) => [e.id, e])),
    actors: new Map(registry.actors.map((a) => [a.id, a])),
  };
}

export interface Tagged {
  events: EventTag[];
  actors: ActorTag[];
  quotes: Quote[];
  candidates: { name: string; title: string; sentence: string }[];
  warnings: string[];
  /** The words of the text tagged (its headline, dateline and paragraphs, joined by newlines), with their offsets. */
  tokens: Token[];
}

const DAY = 86_400_000;
const days = (a: string, b: string) => Math.round((Date.parse(a) - Date.parse(b)) / DAY);

/** Days between a date and an event's span (0 inside it). */
function distance(iso: string, ev: EventDef): number {
  const first = ev.dates[0]!;
  const last = ev.dates[ev.dates.length - 1]!;
  if (iso < first) return days(first, iso);
  if (iso > last) return days(iso, last);
  return 0;
}

/** One entry per registry phrase however it was spelled (المقاتلين الأجانب / والمقاتلين الاجانب). */
function distinctPhrases(matches: Match[]): string[] {
  const seen = new Map<string, string>();
  for (const m of matches) if (!seen.has(m.key)) seen.set(m.key, m.text);
  return [...seen.values()];
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The role title written just before a name ("الرئيس الأمريكي باراك أوباما"), or after it between commas. */
function titleAround(tokens: Token[], text: string, match: Match, personAt: Set<number>, m: Matcher, own: Set<string>): string | null {
  // "المتحدث باسم المكتب الإعلامي للعبادي", "مستشار للرئيس بوتين": the words before a name written with
  // ل or ب, or after باسم, are another person's title.
  const written = tokens[match.from]!.folded;
  const first = match.key.split(" ")[0]!;
  const prev = match.from > 0 ? tokens[match.from - 1]!.folded : "";
  const owned = (written === first || written.startsWith(first)) && prev !== "باسم";
  let start = -1;
  let startForm = "";
  for (let j = match.from - 1; j >= Math.max(0, match.from - 7); j--) {
    const next = tokens[j + 1]!;
    if (next.breakBefore || (next.commaBefore && j + 1 !== match.from)) break;
    if (personAt.has(j) || m.titleStops.has(tokens[j]!.folded)) break;
    // Another person's name before it ("الأمير خالد الفيصل مستشار خادم الحرمين الشريفين"): the title
    // there is theirs.
    const f = tokens[j]!.folded;
    if (m.givenNames.has(f) || m.nameLinks.has(f) || /^عبد/.test(f)) break;
    const head = headForm(tokens[j]!, m.titleHeads);
    if (head) {
      start = j;
      startForm = head;
    }
  }
  // "نائب المستشارة الألمانية أنجيلا ميركل": a head without ال before the name's own title is the deputy's
  // title, not hers; her title starts after it.
  if (start >= 0 && start + 1 < match.from && !/^(?:ال|وال|فال)/.test(tokens[start]!.folded)) {
    const inner = tokens.slice(start + 1, match.from).map((x) => x.folded).join(" ");
    if (own.has(inner)) {
      start++;
      startForm = tokens[start]!.folded;
    }
  }
  // "المتحدث باسم الرئيس الروسي فلاديمير بوتين": the name's title starts at the head after باسم
  // ("مساعد الرئيس الروسي يوري أوشاكوف" is one title, Ushakov's).
  const on = start >= 0 ? tokens.slice(start + 1, match.from).findIndex((x) => x.folded === "باسم") : -1;
  if (on >= 0) {
    let inner = -1;
    for (let k = start + 2 + on; k < match.from && inner < 0; k++) if (headForm(tokens[k]!, m.titleHeads)) inner = k;
    if (inner < 0) return null; // "المتحدث باسم الحكومة فلان": his title, not the name's
    start = inner;
    startForm = headForm(tokens[inner]!, m.titleHeads)!;
  }
  if (start >= 0 && owned) {
    const first = withoutParticles(tokens[start]!, startForm);
    const rest = start + 1 < match.from ? text.slice(tokens[start + 1]!.start, tokens[match.from - 1]!.end) : "";
    const title = `${first} ${rest}`.replace(/[\s،,]+$/u, "").trim();
    return /[«»“”"():]/.test(title) ? null : title;
  }
  if (start >= 0) return null;
  // After the name: "بن رودس نائب مستشار الأمن القومي الأميركي، أن ..."
  const after = match.to < tokens.length ? tokens[match.to] : undefined;
  if (!after || after.breakBefore) return null;
  const head = headForm(after, m.titleHeads);
  if (!head || head !== after.folded) return null;
  for (let j = match.to + 1; j <= match.to + 6; j++) {
    const t = j < tokens.length ? tokens[j] : undefined;
    if (t && personAt.has(j)) return null; // the title belongs to the name that follows
    // Only title words in it: a head, or a word with ال/لل ("نائب مستشار الأمن القومي"), not "تحيات".
    if (t && !t.breakBefore && !t.commaBefore && !m.titleStops.has(t.folded) && !headForm(t, m.titleHeads) && !/^(?:و?ال|لل)/.test(t.folded)) return null;
    if (!t || t.breakBefore || t.commaBefore || m.titleStops.has(t.folded)) {
      if (j === match.to + 1) return null;
      // A title after the name stands between commas ("بن رودس نائب مستشار الأمن القومي، أن …"), or
      // before إن/أن; words running on into the sentence are not one.
      if (t && !t.breakBefore && !t.commaBefore && !/^(?:[اأإ]ن|[اأإ]نه|[اأإ]نها)$/.test(t.folded)) return null;
      const title = text.slice(after.start, tokens[j - 1]!.end).trim();
      return /[«»“”"():]/.test(title) ? null : title;
    }
  }
  return null;
}

/** An actor's registry titles, folded word by word ("المستشاره الالمانيه"). */
const foldedTitles = new WeakMap<ActorDef, Set<string>>();
function registryTitles(t: Tagger, id: string): Set<string> {
  const a = t.actors.get(id)!;
  let set = foldedTitles.get(a);
  if (!set) foldedTitles.set(a, (set = new Set((a.titles ?? []).map((x) => tokenize(x).map((w) => w.folded).join(" ")))));
  return set;
}

function tagActors(text: string, tokens: Token[], all: Match[], t: Tagger): { actors: ActorTag[]; mentions: Mention[] } {
  // A person's name inside someone else's longer name, or inside the name of a place named after them, is not
  // that person.
  const matches = all.filter((mt) => !mt.owners.some((o) => o.kind === "actor" && t.actors.get(o.id)?.kind === "person" &&
    (insideLongerName(tokens, mt.from, mt.key, o.id, t.matcher) || inPlaceName(tokens, mt.from, t.matcher))));
  const strong = new Set<string>();
  const context = new Set<string>();
  for (const mt of matches) {
    for (const o of mt.owners) {
      if (o.kind === "actor" && !o.ambiguous) strong.add(o.id);
      if (o.kind === "actor-context") context.add(o.id);
    }
  }
  const personAt = new Set<number>();
  const isPerson = (id: string) => t.actors.get(id)?.kind === "person";
  const counted: { match: Match; id: string }[] = [];
  for (const mt of matches) {
    for (const o of mt.owners) {
      if (o.kind !== "actor") continue;
      if (o.ambiguous && !strong.has(o.id) && !context.has(o.id)) continue;
      counted.push({ match: mt, id: o.id });
      if (isPerson(o.id)) for (let k = mt.from; k < mt.to; k++) personAt.add(k);
    }
  }
  const byId = new Map<string, ActorTag>();
  for (const { match, id } of counted) {
    const tag = byId.get(id) ?? { id, count: 0, forms: [], titles: [] };
    byId.set(id, tag);
    tag.count++;
    if (!tag.forms.includes(match.text)) tag.forms.push(match.text);
    if (isPerson(id)) {
      const title = titleAround(tokens, text, match, personAt, t.matcher, registryTitles(t, id));
      // A lone head word ("الرئيس") says nothing a reader does not know.
      if (title && title.includes(" ") && !tag.titles.includes(title)) tag.titles.push(title);
    }
  }
  const actors = [...byId.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
  const mentions = counted.map(({ match, id }) => ({
    from: match.from,
    to: match.to,
    id,
    person: isPerson(id),
    gender: isPerson(id) ? t.actors.get(id)!.gender ?? "male" : null,
    prefixed: tokens[match.from]!.folded !== match.key.split(" ")[0] && !tokens[match.from]!.folded.startsWith(match.key.split(" ")[0]!),
  }));
  return { actors, mentions: mentions.sort((a, b) => a.from - b.from) };
}

interface DatesInText {
  article: ArticleDate | null;
  /** Full dates written in the text. */
  days: string[];
  /** Months written with a year (YYYY-MM), with or without a day. */
  months: string[];
}

/** A naming phrase told as the past: "منذ اجتماع لندن", "بعد أربعة أشهر على مؤتمر باريس". */
const backgroundWords = new WeakMap<Registry, { since: Set<string>; after: Set<string>; units: Set<string> }>();
function background(reg: Registry) {
  let b = backgroundWords.get(reg);
  if (!b) {
    b = { since: new Set(reg.background.since.map(fold)), after: new Set(reg.background.after.map(fold)), units: new Set(reg.background.units.map(fold)) };
    backgroundWords.set(reg, b);
  }
  return b;
}

function isBackground(m: Match, tokens: Token[], reg: Registry): boolean {
  const b = background(reg);
  const prev = m.from > 0 ? tokens[m.from - 1] : undefined;
  if (prev && !tokens[m.from]!.breakBefore && formsOf(prev).some((f) => b.since.has(f))) return true;
  let unit = false;
  for (let j = m.from - 1; j >= Math.max(0, m.from - 5); j--) {
    if (tokens[j + 1]!.breakBefore) break;
    const f = formsOf(tokens[j]!);
    if (f.some((x) => b.units.has(x))) unit = true;
    if (unit && f.some((x) => b.after.has(x))) return true;
  }
  return false;
}

/** True when the article's date falls within the event's window (events.yaml `window`). */
function inWindow(iso: string, ev: EventDef): boolean {
  const first = ev.dates[0]!;
  const last = ev.dates[ev.dates.length - 1]!;
  if (iso < first) return days(first, iso) <= ev.window.before;
  if (iso > last) return days(iso, last) <= ev.window.after;
  return true;
}

/**
 * Evidence of the event itself, not of a word it shares with others: one of its own names, or else a
 * place of it, a word of its kind of gathering and a time. `timely` is the time: a day or month of the
 * event written in the text, or the article's date within the event's window; an undated article cannot
 * be placed in time and is judged on the place and the kind.
 */
function isEvidenced(ev: EventDef, mine: Match[], timely: boolean): boolean {
  let place = false;
  let gathering = false;
  for (const m of mine) {
    for (const o of m.owners) {
      if (o.id !== ev.id) continue;
      if (o.kind === "phrase" && o.own) return true;
      if (o.kind === "place") place = true;
      if (o.kind === "gathering") gathering = true;
    }
  }
  return place && gathering && timely;
}

function monthsOf(ev: EventDef): Set<string> {
  return new Set(ev.dates.map((d) => d.slice(0, 7)));
}

/** An event's tag on one article, and whether the article's time fits the event (else it can only mention it). */
function scoreEvent(ev: EventDef, matches: Match[], tokens: Token[], actors: Set<string>, dates: DatesInText, reg: Registry): { tag: EventTag; timely: boolean } | null {
  const s = reg.scoring;
  const evidence: Evidence[] = [];
  // Arrays made by literals and push, not filter(): V8 then gives the empty ones the same shape as the
  // others, and scoreEvent is not recompiled for each (it runs for every event of the registry, on every article).
  const mine: Match[] = [];
  for (const m of matches) if (m.owners.some((o) => o.id === ev.id)) mine.push(m);
  const of = (kind: string) => {
    const out: Match[] = [];
    for (const m of mine) if (m.owners.some((o) => o.id === ev.id && o.kind === kind)) out.push(m);
    return out;
  };
  const weightOf = (m: Match) => Math.max(...m.owners.map((o) => (o.kind === "phrase" && o.id === ev.id ? o.weight : 0)));

  const phrases: { m: Match; past: boolean }[] = [];
  for (const m of of("phrase")) phrases.push({ m, past: isBackground(m, tokens, reg) });
  const effective = (p: { m: Match; past: boolean }) => weightOf(p.m) * (p.past ? s.background : 1);
  if (phrases.length) {
    const best = phrases.reduce((a, b) => (effective(b) > effective(a) ? b : a));
    evidence.push({ text: best.m.text, kind: "phrase", weight: round(effective(best)) });
    const again = phrases.filter((p) => p !== best && !p.past);
    const repeats = Math.min(s.repeatCap, s.repeat * again.length);
    if (repeats > 0) evidence.push({ text: `${distinctPhrases(again.map((p) => p.m)).join("، ")} (${again.length}×)`, kind: "phrase", weight: repeats });
    const lead = phrases.find((p) => !p.past && p.m.from < s.leadWords);
    if (lead) evidence.push({ text: lead.m.text, kind: "lead", weight: s.lead });
  }
  const place = of("place")[0];
  if (place) evidence.push({ text: place.text, kind: "place", weight: s.place });
  distinctPhrases(of("context")).forEach((c, i) => {
    const w = Math.max(0, Math.min(s.context, s.contextCap - i * s.context));
    if (w > 0) evidence.push({ text: c, kind: "context", weight: w });
  });
  ev.participants.filter((p) => actors.has(p)).forEach((p, i) => {
    const w = Math.max(0, Math.min(s.participant, s.participantCap - i * s.participant));
    if (w > 0) evidence.push({ text: p, kind: "participant", weight: w });
  });
  const day = dates.days.find((d) => distance(d, ev) <= 2);
  const month = dates.months.find((m) => monthsOf(ev).has(m));
  const article = dates.article;
  const timely = Boolean(day || month) || !article || inWindow(article.iso, ev);
  if (!isEvidenced(ev, mine, timely)) return null;
  if (day || month) evidence.push({ text: day ?? month!, kind: "date", weight: s.dateMatch });
  else if (dates.article) {
    const d = distance(dates.article.iso, ev);
    if (d <= s.dateMatchDays) evidence.push({ text: dates.article.from, kind: "date", weight: s.dateMatch });
    else if (d >= s.dateMismatchDays) evidence.push({ text: dates.article.from, kind: "date", weight: s.dateMismatch });
  }
  const conflicts = of("conflict");
  for (const c of distinctPhrases(conflicts)) {
    const early = conflicts.some((m) => m.text === c && m.from < s.leadWords);
    evidence.push({ text: c, kind: "conflict", weight: early ? s.conflict : s.conflictLate });
  }

  const score = round(evidence.reduce((sum, e) => sum + e.weight, 0));
  if (score <= 0) return null;
  if (!phrases.length) {
    // Unnamed: several kinds of evidence together, strong enough to be what the article is about.
    const kinds = new Set(evidence.filter((e) => e.weight > 0).map((e) => e.kind));
    if (kinds.size < s.unnamed || score < s.primary) return null;
  }
  return { tag: { id: ev.id, role: "mentioned", score, evidence }, timely };
}

/** Tag one article. `parts` are its headline (if any) and body paragraphs. */
export function tag(parts: string[], date: ArticleDate | null, meta: SeedMeta, t: Tagger): Tagged {
  const warnings: string[] = [];
  const text = parts.join("\n");
  const tokens = tokenize(text);
  const matches = findMatches(text, tokens, t.matcher);
  const found = tagActors(text, tokens, matches, t);
  let actors = found.actors;
  const titles = titleIndex(actors.map((a) => ({ id: a.id, titles: [...a.titles, ...(t.actors.get(a.id)?.titles ?? [])] })));
  const quotes = findQuotes(text, tokens, found.mentions, titles, t.speech);
  const candidates = findCandidates(text, tokens, found.mentions, t.speech, t.matcher);

  if (meta.actors) {
    const known = meta.actors.filter((id) => {
      if (t.actors.has(id)) return true;
      warnings.push(`front matter names unknown actor "${id}"; ignored`);
      return false;
    });
    const found = new Map(actors.map((a) => [a.id, a]));
    actors = known.map((id) => found.get(id) ?? { id, count: 1, forms: [], titles: [] });
  }

  const actorSet = new Set(actors.map((a) => a.id));
  const dates: DatesInText = { article: date, days: [], months: [] };
  for (const p of parts) {
    const found = datesAndMonths(p, t.extract);
    for (const d of found.dates) dates.days.push(d.iso);
    for (const m of found.months) dates.months.push(m);
  }
  let events: EventTag[] = [];
  const untimely = new Set<string>();
  for (const ev of t.registry.events) {
    const e = scoreEvent(ev, matches, tokens, actorSet, dates, t.registry);
    if (!e) continue;
    events.push(e.tag);
    if (!e.timely) untimely.add(ev.id);
  }
  events.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const [top, second] = events;
  // An article dated outside an event's window may name it (a mention), but it is not about it.
  if (top && !untimely.has(top.id) && top.score >= t.registry.scoring.primary && top.score - (second?.score ?? 0) >= t.registry.scoring.primaryMargin) {
    top.role = "primary";
  }

  if (meta.events) {
    const found = new Map(events.map((e) => [e.id, e]));
    events = meta.events
      .filter((id) => {
        if (t.events.has(id)) return true;
        warnings.push(`front matter names unknown event "${id}"; ignored`);
        return false;
      })
      .map((id, i) => ({
        id,
        role: i === 0 ? "primary" : "mentioned",
        score: found.get(id)?.score ?? 0,
        evidence: [{ text: "front matter", kind: "front-matter", weight: 0 }, ...(found.get(id)?.evidence ?? [])],
      }));
  }
  return { events, actors, quotes, candidates, warnings, tokens };
}
