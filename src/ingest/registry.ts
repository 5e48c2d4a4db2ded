// Loads and validates the registry (src/registry/*.yaml). A mistake stops the build with the file,
// the line, the entry and what is wrong.
import { readFileSync } from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument, isMap, isSeq, type Document, type Node } from "yaml";
import type { ActorDef, Calendar, EventDef, Furniture, Registry, Scoring, WeightedPhrase } from "../model.ts";

export class RegistryError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(`${file}${line ? `:${line}` : ""}: ${problem}`);
    this.name = "RegistryError";
  }
}

interface Loaded {
  file: string;
  doc: Document;
  lines: LineCounter;
}

function load(dir: string, name: string): Loaded {
  const file = path.join(dir, name);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new RegistryError(file, null, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? lines.linePos(err.pos[0]).line;
    throw new RegistryError(file, line, `invalid YAML: ${err.message.split("\n")[0]}`);
  }
  return { file, doc, lines };
}

/** Reads values out of one YAML document and reports problems at the line of the node concerned. */
class Reader {
  constructor(private readonly l: Loaded) {}

  lineOf(p: (string | number)[]): number | null {
    const node = (p.length ? this.l.doc.getIn(p, true) : this.l.doc.contents) as Node | undefined;
    const range = node && "range" in node ? node.range : undefined;
    if (!range) return p.length ? this.lineOf(p.slice(0, -1)) : null;
    return this.l.lines.linePos(range[0]).line;
  }

  fail(p: (string | number)[], problem: string): never {
    throw new RegistryError(this.l.file, this.lineOf(p), problem);
  }

  value(p: (string | number)[]): unknown {
    return p.length ? this.l.doc.getIn(p) : this.l.doc.toJS();
  }

  seqLength(p: (string | number)[], what: string): number {
    const node = p.length ? this.l.doc.getIn(p, true) : this.l.doc.contents;
    if (!isSeq(node)) this.fail(p, `${what} must be a list`);
    return node.items.length;
  }

  isMap(p: (string | number)[]): boolean {
    return isMap(p.length ? this.l.doc.getIn(p, true) : this.l.doc.contents);
  }

  string(p: (string | number)[], what: string, opts: { optional?: boolean; pattern?: RegExp } = {}): string {
    const v = this.value(p);
    if (v === undefined || v === null) {
      if (opts.optional) return "";
      this.fail(p, `${what} is missing`);
    }
    if (typeof v !== "string" && typeof v !== "number") this.fail(p, `${what} must be text`);
    const s = String(v).trim();
    if (!s && !opts.optional) this.fail(p, `${what} is empty`);
    if (opts.pattern && !opts.pattern.test(s)) this.fail(p, `${what} "${s}" must match ${opts.pattern}`);
    return s;
  }

  number(p: (string | number)[], what: string): number {
    const v = this.value(p);
    if (typeof v !== "number" || !Number.isFinite(v)) this.fail(p, `${what} must be a number`);
    return v;
  }

  strings(p: (string | number)[], what: string, opts: { optional?: boolean; nonEmpty?: boolean } = {}): string[] {
    const v = this.value(p);
    if (v === undefined || v === null) {
      if (opts.optional) return [];
      this.fail(p, `${what} is missing`);
    }
    const n = this.seqLength(p, what);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.string([...p, i], `${what} item ${i + 1}`));
    if (opts.nonEmpty && out.length === 0) this.fail(p, `${what} must not be empty`);
    return out;
  }
}

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function loadActors(r: Reader): ActorDef[] {
  const n = r.seqLength([], "actors.yaml");
  const actors: ActorDef[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (!r.isMap([i])) r.fail([i], `entry ${i + 1} must be a mapping with id, kind, name, variants`);
    const id = r.string([i, "id"], `entry ${i + 1}: id`, { pattern: ID });
    const at = (k: string) => `actor "${id}": ${k}`;
    if (ids.has(id)) r.fail([i, "id"], `actor "${id}" is defined twice`);
    ids.add(id);
    const kind = r.string([i, "kind"], at("kind"));
    if (kind !== "person" && kind !== "organisation") r.fail([i, "kind"], at(`kind must be person or organisation, not "${kind}"`));
    const gender = r.string([i, "gender"], at("gender"), { optional: true });
    if (gender && gender !== "female" && gender !== "male") r.fail([i, "gender"], at(`gender must be female or male, not "${gender}"`));
    actors.push({
      id,
      kind,
      ...(gender ? { gender: gender as "female" | "male" } : {}),
      name: { ar: r.string([i, "name", "ar"], at("name.ar")), en: r.string([i, "name", "en"], at("name.en")) },
      variants: r.strings([i, "variants"], at("variants"), { nonEmpty: true }),
      ambiguous: r.strings([i, "ambiguous"], at("ambiguous"), { optional: true }),
      context: r.strings([i, "context"], at("context"), { optional: true }),
      titles: r.strings([i, "titles"], at("titles"), { optional: true }),
    });
  }
  return actors;
}

const SCORING_KEYS: (keyof Scoring)[] = [
  "repeat", "repeatCap", "lead", "leadWords", "place", "context", "contextCap", "participant", "participantCap",
  "dateMatch", "dateMatchDays", "dateMismatch", "dateMismatchDays", "conflict", "conflictLate", "background", "unnamed",
  "primary", "primaryMargin",
];

function loadEvents(r: Reader, actorIds: Set<string>): { events: EventDef[]; scoring: Scoring; background: Registry["background"] } {
  const scoring = {} as Scoring;
  for (const k of SCORING_KEYS) scoring[k] = r.number(["scoring", k], `scoring.${k}`);
  const n = r.seqLength(["events"], "events");
  const events: EventDef[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < n; i++) {
    const p = ["events", i];
    if (!r.isMap(p)) r.fail(p, `event ${i + 1} must be a mapping`);
    const id = r.string([...p, "id"], `event ${i + 1}: id`, { pattern: ID });
    const at = (k: string) => `event "${id}": ${k}`;
    if (ids.has(id)) r.fail([...p, "id"], `event "${id}" is defined twice`);
    ids.add(id);
    const dates = r.strings([...p, "dates"], at("dates"), { nonEmpty: true });
    dates.forEach((d, j) => {
      if (!ISO_DATE.test(d) || !validDate(d)) r.fail([...p, "dates", j], at(`date "${d}" is not a YYYY-MM-DD date`));
    });
    const phraseCount = r.seqLength([...p, "phrases"], at("phrases"));
    if (phraseCount === 0) r.fail([...p, "phrases"], at("phrases must name the event at least once"));
    const phrases: WeightedPhrase[] = [];
    for (let j = 0; j < phraseCount; j++) {
      const q = [...p, "phrases", j];
      const text = r.string([...q, "text"], at(`phrases item ${j + 1}: text`));
      const weight = r.number([...q, "weight"], at(`phrases item ${j + 1} ("${text}"): weight`));
      if (weight <= 0) r.fail([...q, "weight"], at(`phrase "${text}" needs a positive weight`));
      phrases.push({ text, weight });
    }
    const participants = r.strings([...p, "participants"], at("participants"), { optional: true });
    participants.forEach((a, j) => {
      if (!actorIds.has(a)) r.fail([...p, "participants", j], at(`participant "${a}" is not an actor id in actors.yaml`));
    });
    events.push({
      id,
      name: { ar: r.string([...p, "name", "ar"], at("name.ar")), en: r.string([...p, "name", "en"], at("name.en")) },
      aliases: r.strings([...p, "aliases"], at("aliases"), { optional: true }),
      dates,
      place: { ar: r.string([...p, "place", "ar"], at("place.ar")), en: r.string([...p, "place", "en"], at("place.en")) },
      phrases,
      places: r.strings([...p, "places"], at("places"), { optional: true }),
      context: r.strings([...p, "context"], at("context"), { optional: true }),
      participants,
      conflicts: r.strings([...p, "conflicts"], at("conflicts"), { optional: true }),
    });
  }
  const background = {
    since: r.strings(["background", "since"], "background.since"),
    after: r.strings(["background", "after"], "background.after"),
    units: r.strings(["background", "units"], "background.units"),
  };
  return { events, scoring, background };
}

function loadFurniture(r: Reader): Furniture {
  const f: Furniture = {
    lines: r.strings(["lines"], "lines"),
    prefixes: r.strings(["prefixes"], "prefixes"),
    patterns: r.strings(["patterns"], "patterns"),
    tails: r.strings(["tails"], "tails"),
    breadcrumbHomes: r.strings(["breadcrumbHomes"], "breadcrumbHomes"),
    agencies: r.strings(["agencies"], "agencies"),
    bylines: r.strings(["bylines"], "bylines"),
  };
  f.patterns.forEach((src, i) => {
    try {
      new RegExp(src, "u");
    } catch (e) {
      r.fail(["patterns", i], `patterns item ${i + 1} is not a valid regular expression: ${(e as Error).message}`);
    }
  });
  return f;
}

function loadCalendar(r: Reader): Calendar {
  const n = r.seqLength(["months"], "months");
  const months: Calendar["months"] = [];
  for (let i = 0; i < n; i++) {
    const name = r.string(["months", i, "name"], `months item ${i + 1}: name`);
    const month = r.number(["months", i, "month"], `month "${name}": month`);
    if (!Number.isInteger(month) || month < 1 || month > 12) r.fail(["months", i, "month"], `month "${name}": month must be 1–12`);
    months.push({ name, month });
  }
  return { months, weekdays: r.strings(["weekdays"], "weekdays"), hijri: r.strings(["hijri"], "hijri") };
}

/** The registry's folder, src/registry. */
export const REGISTRY_DIR = path.join(import.meta.dirname, "..", "registry");

/** Load every registry file from `dir` (default: REGISTRY_DIR). */
export function loadRegistry(dir = REGISTRY_DIR): Registry {
  const actors = loadActors(new Reader(load(dir, "actors.yaml")));
  const { events, scoring, background } = loadEvents(new Reader(load(dir, "events.yaml")), new Set(actors.map((a) => a.id)));
  const titles = new Reader(load(dir, "titles.yaml"));
  const speech = new Reader(load(dir, "speech.yaml"));
  return {
    actors,
    events,
    scoring,
    background,
    furniture: loadFurniture(new Reader(load(dir, "furniture.yaml"))),
    calendar: loadCalendar(new Reader(load(dir, "calendar.yaml"))),
    titleHeads: titles.strings(["heads"], "heads", { nonEmpty: true }),
    titleStops: titles.strings(["stops"], "stops", { optional: true }),
    nameLinks: titles.strings(["nameLinks"], "nameLinks", { optional: true }),
    givenNames: titles.strings(["givenNames"], "givenNames", { optional: true }),
    honorifics: titles.strings(["honorifics"], "honorifics", { optional: true }),
    namedPlaces: titles.strings(["namedPlaces"], "namedPlaces", { optional: true }),
    speech: {
      verbs: speech.strings(["verbs"], "verbs", { nonEmpty: true }),
      objectVerbs: speech.strings(["objectVerbs"], "objectVerbs", { optional: true }),
      participles: speech.strings(["participles"], "participles", { optional: true }),
      complementizers: speech.strings(["complementizers"], "complementizers", { nonEmpty: true }),
      prepositions: speech.strings(["prepositions"], "prepositions", { optional: true }),
      fillers: speech.strings(["fillers"], "fillers", { optional: true }),
      clauseEnds: speech.strings(["clauseEnds"], "clauseEnds", { optional: true }),
      beforeSubject: speech.strings(["beforeSubject"], "beforeSubject", { optional: true }),
    },
  };
}
