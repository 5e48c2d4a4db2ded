// A dictionary of every registry phrase, compiled once, and a single left-to-right pass that finds
// them in an article's tokens. Matching is on folded tokens; attached particles are taken off a
// token only when what remains starts a registry phrase, so a name never matches inside a word.
import type { Registry } from "../model.ts";
import { formsOf, originalOffset, particleForms, tokenize, withoutConjunction, type Token } from "../text/index.ts";

export type Owner =
  | { kind: "actor"; id: string; ambiguous: boolean }
  | { kind: "actor-context"; id: string }
  | { kind: "phrase"; id: string; weight: number; own: boolean }
  | { kind: "place"; id: string }
  | { kind: "gathering"; id: string }
  | { kind: "context"; id: string }
  | { kind: "conflict"; id: string };

interface Entry {
  tokens: string[];
  owners: Owner[];
  /** tokens.join(" ") */
  key: string;
  /** The owners by how they compete (COMPETING): actors; event phrases and conflicts; the rest. */
  actors: Owner[];
  events: Owner[];
  others: Owner[];
}

/** Owners that compete for the words they cover (longest phrase wins); context words never do. */
const COMPETING = new Set<Owner["kind"]>(["actor", "phrase", "conflict"]);

export interface Matcher {
  first: Map<string, Entry[]>;
  titleHeads: Set<string>;
  titleStops: Set<string>;
  /** بن، بنت: what follows is a father's name. */
  nameLinks: Set<string>;
  givenNames: Set<string>;
  honorifics: Set<string>;
  /** Nouns of places named after a person ("مطار الملك خالد"): the title after them is part of a place's name. */
  namedPlaces: Set<string>;
  /** Title stops as written (not folded): "على" is a stop, "علي" a name, and both fold to "علي". */
  stopsWritten: Set<string>;
  /** Each actor's own name, folded, token by token ("باراك", "أوباما"). */
  ownNames: Map<string, Set<string>>;
}

export interface Match {
  /** Token range [from, to). */
  from: number;
  to: number;
  /** The words as written, attached particles included. */
  text: string;
  /** The folded registry phrase that matched (one key however the words were spelled). */
  key: string;
  owners: readonly Owner[];
}

/** A word as written, without diacritics or tatweel (ى and ي kept apart). */
function written(s: string): string {
  return s.normalize("NFC").replace(/[\u064B-\u065F\u0670\u0640]/gu, "").trim();
}

function foldedTokens(s: string): string[] {
  return tokenize(s).map((t) => t.folded);
}

export function compileMatcher(reg: Registry): Matcher {
  const byKey = new Map<string, Entry>();
  const add = (phrase: string, owner: Owner) => {
    const tokens = foldedTokens(phrase);
    if (!tokens.length) return;
    const key = tokens.join(" ");
    let e = byKey.get(key);
    if (!e) byKey.set(key, (e = { tokens, owners: [], key, actors: [], events: [], others: [] }));
    e.owners.push(owner);
  };
  for (const a of reg.actors) {
    for (const v of [a.name.ar, ...a.variants]) add(v, { kind: "actor", id: a.id, ambiguous: false });
    for (const v of a.ambiguous) add(v, { kind: "actor", id: a.id, ambiguous: true });
    for (const c of a.context) add(c, { kind: "actor-context", id: a.id });
  }
  for (const ev of reg.events) {
    for (const p of ev.phrases) add(p.text, { kind: "phrase", id: ev.id, weight: p.weight, own: p.own });
    for (const p of ev.places) add(p, { kind: "place", id: ev.id });
    for (const g of ev.gatherings) add(g, { kind: "gathering", id: ev.id });
    for (const c of ev.context) add(c, { kind: "context", id: ev.id });
    for (const c of ev.conflicts) add(c, { kind: "conflict", id: ev.id });
  }
  const first = new Map<string, Entry[]>();
  for (const e of byKey.values()) {
    // The same owner may be listed twice (e.g. name.ar repeated in variants): keep one.
    e.owners = e.owners.filter((o, i) => e.owners.findIndex((p) => JSON.stringify(p) === JSON.stringify(o)) === i);
    e.actors = e.owners.filter((o) => o.kind === "actor");
    e.events = e.owners.filter((o) => COMPETING.has(o.kind) && o.kind !== "actor");
    e.others = e.owners.filter((o) => !COMPETING.has(o.kind));
    const list = first.get(e.tokens[0]!) ?? [];
    list.push(e);
    first.set(e.tokens[0]!, list);
  }
  for (const list of first.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  const foldSet = (words: string[]) => new Set(words.flatMap(foldedTokens));
  const ownNames = new Map(reg.actors.map((a) => [a.id, foldSet([a.name.ar, ...a.variants])]));
  return { first, titleHeads: foldSet(reg.titleHeads), titleStops: foldSet(reg.titleStops), nameLinks: foldSet(reg.nameLinks), givenNames: foldSet(reg.givenNames),
    honorifics: foldSet(reg.honorifics), namedPlaces: foldSet(reg.namedPlaces), stopsWritten: new Set(reg.titleStops.map(written)), ownNames };
}

/** A word in the accusative with its tanween alef ("مؤتمرا دوليا"): it stands for the bare word. */
function hasTanween(folded: string): boolean {
  return folded.length >= 4 && folded.endsWith("ا") && !folded.endsWith("اا");
}

function withoutTanween(folded: string): string | null {
  return hasTanween(folded) ? folded.slice(0, -1) : null;
}

function entryMatches(e: Entry, tokens: Token[], i: number): boolean {
  if (i + e.tokens.length > tokens.length) return false;
  for (let k = 1; k < e.tokens.length; k++) {
    const t = tokens[i + k]!;
    if (t.breakBefore) return false;
    // The word itself, or with a tanween alef after it (compared without making the shorter string).
    const f = t.folded;
    const w = e.tokens[k]!;
    if (f !== w && !(f.length === w.length + 1 && hasTanween(f) && f.startsWith(w))) return false;
  }
  return true;
}

/** The forms under which a token may start a registry phrase. */
function startForms(t: Token): string[] {
  const bare = withoutTanween(t.folded);
  if (!bare) return formsOf(t);
  const forms = [...formsOf(t)];
  for (const f of particleForms(bare)) if (!forms.includes(f)) forms.push(f);
  return forms;
}

/** One pass over the tokens: every registry phrase found, longest first at each position. */
export function findMatches(text: string, tokens: Token[], m: Matcher): Match[] {
  const out: Match[] = [];
  // Actors compete with actors and event phrases with event phrases: a longer phrase of one kind
  // never hides a name of the other ("مقر حلف شمال الأطلسي" is a conflict and NATO is still named).
  let actorsUntil = 0;
  let eventsUntil = 0;
  for (let i = 0; i < tokens.length; i++) {
    let hits: Entry[] | null = null;
    for (const form of startForms(tokens[i]!)) {
      const list = m.first.get(form);
      if (!list) continue;
      for (const e of list) if (!hits?.includes(e) && entryMatches(e, tokens, i)) (hits ??= []).push(e);
    }
    if (!hits) continue;
    hits.sort((a, b) => b.tokens.length - a.tokens.length);
    const span = (e: Entry) => text.slice(tokens[i]!.start, tokens[i + e.tokens.length - 1]!.end);
    let actorWon = false;
    let eventWon = false;
    for (const e of hits) {
      const to = i + e.tokens.length;
      if (e.actors.length && !actorWon && i >= actorsUntil) {
        actorWon = true;
        actorsUntil = to;
        out.push({ from: i, to, text: span(e), key: e.key, owners: e.actors });
      }
      if (e.events.length && !eventWon && i >= eventsUntil) {
        eventWon = true;
        eventsUntil = to;
        out.push({ from: i, to, text: span(e), key: e.key, owners: e.events });
      }
      if (e.others.length) out.push({ from: i, to, text: span(e), key: e.key, owners: e.others });
    }
  }
  return out;
}

/**
 * Whether an actor's name found at [from, to) is only part of a longer name, another person's: it follows
 * بن/بنت ("محمد بن سلمان بن عبد العزيز" is not King Salman), or a given name that is not the actor's own
 * ("يوسف أوباما", "أمل العبادي", "عبد الله العبادي").
 */
export function insideLongerName(tokens: Token[], from: number, key: string, id: string, m: Matcher): boolean {
  if (from === 0 || tokens[from]!.breakBefore || tokens[from]!.commaBefore) return false;
  // "لأوباما", "ولافروف": a particle on the name starts a new phrase.
  const head = tokens[from]!.folded;
  const first = key.split(" ")[0]!;
  if (head !== first && !(head.length === first.length + 1 && head.startsWith(first))) return false;
  const prev = tokens[from - 1]!;
  if (m.nameLinks.has(prev.folded)) return true;
  const own = m.ownNames.get(id);
  const w = written(prev.text);
  if (own?.has(prev.folded) || m.stopsWritten.has(w)) return false;
  const before = from >= 2 && !prev.breakBefore && !prev.commaBefore ? tokens[from - 2]! : undefined;
  // "باراك حسين أوباما": a middle name after the actor's own first name.
  if (before && own?.has(before.folded)) return false;
  // "ويوسف أوباما": و/ف in front of the given name, unless the rest is a function word ("وعلى").
  const bare = withoutConjunction(prev);
  if (m.givenNames.has(prev.folded) || (bare !== null && m.givenNames.has(bare) && !m.stopsWritten.has(w.slice(1)))) return true;
  if (!before) return false;
  // "عبد" + a name of God is a given name in two words; an honorific then a word: "البروفيسورة أمل العبادي".
  if ((before.folded === "عبد" || before.folded === "وعبد") && prev.folded.startsWith("ال")) return true;
  return formsOf(before).some((f) => m.honorifics.has(f)) && /^\p{Script=Arabic}+$/u.test(prev.text) && !m.titleHeads.has(prev.folded) &&
    !/^[وف]?ب?[اأإ]ن(?:ه|ها|هم)?$/u.test(prev.folded); // "الكاتب بأن أوباما": not a name
}

/**
 * Whether a person's name found at `from` is part of the name of a place or a body named after them, with
 * their title or not ("مركز الملك سلمان للإغاثة", "جائزة خادم الحرمين الشريفين", "جامعة الأمير سلطان"): the
 * place is not the person (namedPlaces in titles.yaml).
 */
export function inPlaceName(tokens: Token[], from: number, m: Matcher): boolean {
  let k = from - 1;
  for (let heads = 0; k >= 0 && heads < 2 && !tokens[k + 1]!.breakBefore && !tokens[k + 1]!.commaBefore && headForm(tokens[k]!, m.titleHeads); heads++) k--;
  if (k < 0 || tokens[k + 1]!.breakBefore || tokens[k + 1]!.commaBefore) return false;
  return formsOf(tokens[k]!).some((f) => m.namedPlaces.has(f));
}

/** The written form of a token once the particles matched away are dropped ("للرئيس" → "الرئيس"). */
export function withoutParticles(token: Token, form: string): string {
  if (form === token.folded) return token.text;
  if (token.folded.endsWith(form)) return token.text.slice(originalOffset(token.text, token.folded.length - form.length));
  // لل + word stands for ل + ال + word.
  return "ال" + token.text.slice(originalOffset(token.text, token.folded.length - form.length + 2));
}

export function headForm(token: Token, heads: Set<string>): string | null {
  return formsOf(token).find((f) => heads.has(f)) ?? null;
}
