// Tag: which events an article is about or mentions, and which actors it names, each with the
// evidence that earned it. Weights live in src/registry/events.yaml.
import type { ActorTag, ArticleDate, EventDef, EventTag, Evidence, Registry, SeedMeta } from "../model.ts";
import { findDates, type ExtractRules } from "../extract/index.ts";
import { tokenize, type Token } from "../text/index.ts";
import { compileMatcher, findMatches, headForm, withoutParticles, type Match, type Matcher } from "./matcher.ts";

export { compileMatcher, findMatches } from "./matcher.ts";
export type { Matcher, Match, Owner } from "./matcher.ts";

export interface Tagger {
  registry: Registry;
  matcher: Matcher;
  extract: ExtractRules;
  events: Map<string, EventDef>;
  actorIds: Set<string>;
}

export function compileTagger(registry: Registry, extract: ExtractRules): Tagger {
  return {
    registry,
    matcher: compileMatcher(registry),
    extract,
    events: new Map(registry.events.map((e) => [e.id, e])),
    actorIds: new Set(registry.actors.map((a) => a.id)),
  };
}

export interface Tagged {
  events: EventTag[];
  actors: ActorTag[];
  warnings: string[];
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
function titleAround(tokens: Token[], text: string, match: Match, personAt: Set<number>, m: Matcher): string | null {
  let start = -1;
  let startForm = "";
  for (let j = match.from - 1; j >= Math.max(0, match.from - 7); j--) {
    const next = tokens[j + 1]!;
    if (next.breakBefore || (next.commaBefore && j + 1 !== match.from)) break;
    if (personAt.has(j) || m.titleStops.has(tokens[j]!.folded)) break;
    const head = headForm(tokens[j]!, m.titleHeads);
    if (head) {
      start = j;
      startForm = head;
    }
  }
  if (start >= 0) {
    const first = withoutParticles(tokens[start]!, startForm);
    const rest = start + 1 < match.from ? text.slice(tokens[start + 1]!.start, tokens[match.from - 1]!.end) : "";
    return `${first} ${rest}`.replace(/[\s،,]+$/u, "").trim();
  }
  // After the name: "بن رودس نائب مستشار الأمن القومي الأميركي، أن ..."
  const after = tokens[match.to];
  if (!after || after.breakBefore) return null;
  const head = headForm(after, m.titleHeads);
  if (!head || head !== after.folded) return null;
  for (let j = match.to + 1; j <= match.to + 6; j++) {
    const t = tokens[j];
    if (t && personAt.has(j)) return null; // the title belongs to the name that follows
    if (!t || t.breakBefore || t.commaBefore || m.titleStops.has(t.folded)) {
      if (j === match.to + 1) return null;
      return text.slice(after.start, tokens[j - 1]!.end).trim();
    }
  }
  return null;
}

function tagActors(text: string, tokens: Token[], matches: Match[], t: Tagger): ActorTag[] {
  const strong = new Set<string>();
  const context = new Set<string>();
  for (const mt of matches) {
    for (const o of mt.owners) {
      if (o.kind === "actor" && !o.ambiguous) strong.add(o.id);
      if (o.kind === "actor-context") context.add(o.id);
    }
  }
  const personAt = new Set<number>();
  const kinds = new Map(t.registry.actors.map((a) => [a.id, a.kind]));
  const counted: { match: Match; id: string }[] = [];
  for (const mt of matches) {
    for (const o of mt.owners) {
      if (o.kind !== "actor") continue;
      if (o.ambiguous && !strong.has(o.id) && !context.has(o.id)) continue;
      counted.push({ match: mt, id: o.id });
      if (kinds.get(o.id) === "person") for (let k = mt.from; k < mt.to; k++) personAt.add(k);
    }
  }
  const byId = new Map<string, ActorTag>();
  for (const { match, id } of counted) {
    const tag = byId.get(id) ?? { id, count: 0, forms: [], titles: [] };
    byId.set(id, tag);
    tag.count++;
    if (!tag.forms.includes(match.text)) tag.forms.push(match.text);
    if (kinds.get(id) === "person") {
      const title = titleAround(tokens, text, match, personAt, t.matcher);
      // A lone head word ("الرئيس") says nothing a reader does not know.
      if (title && title.includes(" ") && !tag.titles.includes(title)) tag.titles.push(title);
    }
  }
  return [...byId.values()].sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
}

function scoreEvent(ev: EventDef, matches: Match[], actors: Set<string>, dates: { article: ArticleDate | null; inText: string[] }, reg: Registry): EventTag | null {
  const s = reg.scoring;
  const evidence: Evidence[] = [];
  const mine = matches.filter((m) => m.owners.some((o) => o.id === ev.id && o.kind !== "actor" && o.kind !== "actor-context"));
  const of = (kind: string) => mine.filter((m) => m.owners.some((o) => o.id === ev.id && o.kind === kind));
  const phrases = of("phrase");
  if (!phrases.length) return null;

  const weightOf = (m: Match) => Math.max(...m.owners.map((o) => (o.kind === "phrase" && o.id === ev.id ? o.weight : 0)));
  const best = phrases.reduce((a, b) => (weightOf(b) > weightOf(a) ? b : a));
  evidence.push({ text: best.text, kind: "phrase", weight: weightOf(best) });
  const repeats = Math.min(s.repeatCap, s.repeat * (phrases.length - 1));
  if (repeats > 0) {
    const others = [...new Set(phrases.filter((p) => p !== best).map((p) => p.text))];
    evidence.push({ text: `${others.join("، ")} (${phrases.length - 1}×)`, kind: "phrase", weight: repeats });
  }
  const lead = phrases.find((p) => p.from < s.leadWords);
  if (lead) evidence.push({ text: lead.text, kind: "lead", weight: s.lead });
  const place = of("place")[0];
  if (place) evidence.push({ text: place.text, kind: "place", weight: s.place });
  const ctx = distinctPhrases(of("context"));
  ctx.forEach((c, i) => {
    const w = Math.max(0, Math.min(s.context, s.contextCap - i * s.context));
    if (w > 0) evidence.push({ text: c, kind: "context", weight: w });
  });
  const parts = ev.participants.filter((p) => actors.has(p));
  parts.forEach((p, i) => {
    const w = Math.max(0, Math.min(s.participant, s.participantCap - i * s.participant));
    if (w > 0) evidence.push({ text: p, kind: "participant", weight: w });
  });
  const near = dates.inText.find((d) => distance(d, ev) <= 2);
  if (near) evidence.push({ text: near, kind: "date", weight: s.dateMatch });
  else if (dates.article && !dates.article.inferred) {
    const d = distance(dates.article.iso, ev);
    if (d <= s.dateMatchDays) evidence.push({ text: dates.article.from, kind: "date", weight: s.dateMatch });
    else if (d >= s.dateMismatchDays) evidence.push({ text: dates.article.from, kind: "date", weight: s.dateMismatch });
  }
  for (const c of distinctPhrases(of("conflict"))) evidence.push({ text: c, kind: "conflict", weight: s.conflict });

  const score = round(evidence.reduce((sum, e) => sum + e.weight, 0));
  if (score <= 0) return null;
  return { id: ev.id, role: "mentioned", score, evidence };
}

/** Tag one article. `parts` are its headline (if any) and body paragraphs. */
export function tag(parts: string[], date: ArticleDate | null, meta: SeedMeta, t: Tagger): Tagged {
  const warnings: string[] = [];
  const text = parts.join("\n");
  const tokens = tokenize(text);
  const matches = findMatches(text, tokens, t.matcher);
  let actors = tagActors(text, tokens, matches, t);

  if (meta.actors) {
    const known = meta.actors.filter((id) => {
      if (t.actorIds.has(id)) return true;
      warnings.push(`front matter names unknown actor "${id}"; ignored`);
      return false;
    });
    const found = new Map(actors.map((a) => [a.id, a]));
    actors = known.map((id) => found.get(id) ?? { id, count: 1, forms: [], titles: [] });
  }

  const actorSet = new Set(actors.map((a) => a.id));
  const inText = parts.flatMap((p) => findDates(p, t.extract).map((d) => d.iso));
  let events = t.registry.events
    .map((ev) => scoreEvent(ev, matches, actorSet, { article: date, inText }, t.registry))
    .filter((e): e is EventTag => e !== null)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  const [top, second] = events;
  if (top && top.score >= t.registry.scoring.primary && top.score - (second?.score ?? 0) >= t.registry.scoring.primaryMargin) {
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
  return { events, actors, warnings };
}
