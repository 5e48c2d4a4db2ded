// Loads and validates the registry (registry/*.yaml at the project root, or a folder the editor names).
// Each file is parsed once with source positions, checked against its zod schema, then checked across
// entries (ids defined twice, a variant claimed by two actors, an event that ends before it starts, an id
// referenced but not defined). A mistake stops the build with the file, the line, the entry and what is
// wrong; `npm run registry -- check` lists every mistake.
//
// To add a field to a file: one line in its schema below (and the field in src/model.ts). The schemas
// are strict: a key they do not know is an error (a misspelt `variant:` is never silently ignored).
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Node } from "yaml";
import { parseYaml, yaml, YamlError, type ParsedYaml } from "./yaml.ts";
import type { z } from "zod";
import { once, zod } from "../lazy.ts";
import type { ActorDef, Calendar, EventDef, Furniture, Registry, Scoring } from "../model.ts";
import { fold } from "../text/index.ts";
import { closest } from "../closest.ts";

export class RegistryError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly problem: string,
    /** The id (or name) of the entry concerned, when there is one. */
    readonly entry: string | null = null,
  ) {
    super(`${shown(file)}${line ? `:${line}` : ""}: ${problem}`);
    this.name = "RegistryError";
  }
}

/** A file as messages name it: relative to the working folder when it is inside it. */
function shown(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : file;
}

/** The registry's folder: registry/ at the project root, the editor's. It also holds the shipped defaults. */
export const REGISTRY_DIR = path.join(import.meta.dirname, "..", "..", "registry");

/** The files of a registry. */
export const REGISTRY_FILES = ["actors.yaml", "events.yaml", "titles.yaml", "speech.yaml", "furniture.yaml", "calendar.yaml"] as const;
export type RegistryFileName = (typeof REGISTRY_FILES)[number];

/**
 * Where a registry file is read from: the editor's folder `dir` when it has the file, otherwise the
 * shipped one in REGISTRY_DIR (a folder given elsewhere may hold only the files it changes).
 */
export function registryFile(dir: string, name: RegistryFileName): string {
  const own = path.join(dir, name);
  return existsSync(own) ? own : path.join(REGISTRY_DIR, name);
}

/** The line of the node at `p` (or of the nearest node above it that exists). */
function lineAt(y: ParsedYaml, p: readonly PropertyKey[]): number | null {
  const node = (p.length ? y.doc.getIn(p as unknown[], true) : y.doc.contents) as Node | null | undefined;
  const range = node && "range" in node ? node.range : undefined;
  if (!range) return p.length ? lineAt(y, p.slice(0, -1)) : null;
  return y.lines.linePos(range[0]).line;
}

/** The line of the key `key` in the mapping at `p`. */
function keyLine(y: ParsedYaml, p: readonly PropertyKey[], key: string): number | null {
  const node = p.length ? y.doc.getIn(p as unknown[], true) : y.doc.contents;
  const { isMap, isScalar } = yaml();
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) return y.lines.linePos(pair.key.range[0]).line;
    }
  }
  return lineAt(y, p);
}

// ---- Schemas, one a file ----

/** Each file's schema, and where its entries are (the list whose items have an id or name). */
const schemas = once(() => makeSchemas(zod().z));

function makeSchemas(z: typeof import("zod").z) {
  /** An issue whose message is a whole sentence about the value (not to be prefixed with the field). */
  const whole = { params: { whole: true } };

  /** Text: a string (a bare number is taken as its digits), trimmed, not empty. */
  const text = z.preprocess((v) => (typeof v === "number" ? String(v) : v), z.string().trim().min(1));
  const texts = z.array(text);
  /** A list that may be left out (or left empty after its key). */
  const optionalTexts = texts.nullish().transform((v) => v ?? []);

  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const id = z.string().regex(ID, { error: (iss) => `"${String(iss.input)}" must match ${ID.source} (lower-case ASCII letters and digits joined by hyphens, e.g. john-kerry)` });
  const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

  function validDate(s: string): boolean {
    if (!ISO_DATE.test(s)) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }

  const isoDate = text.refine(validDate, { error: (iss) => `date "${String(iss.input)}" is not a YYYY-MM-DD date`, ...whole });

  function validPattern(src: string): string | null {
    try {
      new RegExp(src, "u");
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  }

  const pattern = text.refine((s) => validPattern(s) === null, { error: (iss) => `is not a valid regular expression: ${validPattern(String(iss.input))}` });

  const names = z.strictObject({ ar: text, en: text });

  /** A number of days around an event (its window). */
  const DAYS = z.int({ error: (iss) => (iss.input == null ? "is missing" : "must be a whole number of days, 0 or more") }).min(0, { error: "must be a whole number of days, 0 or more" });

  const actor = z.strictObject({
    id,
    kind: z.enum(["person", "organisation"]),
    gender: z.enum(["female", "male"]).optional(),
    name: names,
    variants: texts.min(1),
    ambiguous: optionalTexts,
    context: optionalTexts,
    titles: optionalTexts,
  }) satisfies z.ZodType<ActorDef>;

  const actorsFile = z.array(actor);

  const event = z.strictObject({
    id,
    name: names,
    aliases: optionalTexts,
    dates: z.array(isoDate).min(1),
    place: names,
    phrases: z.array(z.strictObject({ text, weight: z.number().positive(), own: z.boolean().default(false) })).min(1, { error: "must name the event at least once" }),
    places: optionalTexts,
    context: optionalTexts,
    participants: optionalTexts,
    conflicts: optionalTexts,
    gatherings: optionalTexts,
    window: z.strictObject({ before: DAYS, after: DAYS }),
  }) satisfies z.ZodType<EventDef>;

  const scoring = z.strictObject({
    repeat: z.number(),
    repeatCap: z.number(),
    lead: z.number(),
    leadWords: z.number(),
    place: z.number(),
    context: z.number(),
    contextCap: z.number(),
    participant: z.number(),
    participantCap: z.number(),
    dateMatch: z.number(),
    dateMatchDays: z.number(),
    dateMismatch: z.number(),
    dateMismatchDays: z.number(),
    conflict: z.number(),
    conflictLate: z.number(),
    background: z.number(),
    unnamed: z.number(),
    primary: z.number(),
    primaryMargin: z.number(),
  }) satisfies z.ZodType<Scoring>;

  const eventsFile = z.strictObject({
    scoring,
    background: z.strictObject({ since: texts, after: texts, units: texts }) satisfies z.ZodType<Registry["background"]>,
    events: z.array(event),
  });

  const titlesFile = z.strictObject({ heads: texts.min(1), stops: optionalTexts, nameLinks: optionalTexts, givenNames: optionalTexts, honorifics: optionalTexts, namedPlaces: optionalTexts });

  const speechFile = z.strictObject({
    verbs: texts.min(1),
    objectVerbs: optionalTexts,
    participles: optionalTexts,
    complementizers: texts.min(1),
    prepositions: optionalTexts,
    fillers: optionalTexts,
    clauseEnds: optionalTexts,
    beforeSubject: optionalTexts,
  }) satisfies z.ZodType<Registry["speech"]>;

  const furnitureFile = z.strictObject({
    lines: texts,
    prefixes: texts,
    patterns: z.array(pattern),
    tails: texts,
    breadcrumbHomes: texts,
    agencies: texts,
    bylines: texts,
    published: texts.min(1),
    lineTails: optionalTexts,
    papers: optionalTexts,
  }) satisfies z.ZodType<Furniture>;

  const month = z.int({ error: (iss) => (iss.input == null ? "is missing" : "must be a whole number from 1 to 12") }).min(1, { error: "must be 1–12" }).max(12, { error: "must be 1–12" });

  const calendarFile = z.strictObject({
    months: z.array(z.strictObject({ name: text, month })),
    weekdays: texts,
    hijri: texts,
    otherTime: optionalTexts,
  }) satisfies z.ZodType<Calendar>;

  const files = {
    "actors.yaml": { schema: actorsFile, entries: { at: [], noun: "actor", key: "id" } },
    "events.yaml": { schema: eventsFile, entries: { at: ["events"], noun: "event", key: "id" } },
    "titles.yaml": { schema: titlesFile, entries: null },
    "speech.yaml": { schema: speechFile, entries: null },
    "furniture.yaml": { schema: furnitureFile, entries: null },
    "calendar.yaml": { schema: calendarFile, entries: { at: ["months"], noun: "month", key: "name" } },
  } as const satisfies Record<RegistryFileName, { schema: z.ZodType; entries: { at: string[]; noun: string; key: string } | null }>;
  return files;
}

type Parsed = { [K in RegistryFileName]: z.output<ReturnType<typeof schemas>[K]["schema"]> };

// ---- Messages: the entry, the field, the problem ----

/** What is wrong, in words, for an issue zod found (the field is named by describe()). */
function problemOf(iss: z.core.$ZodRawIssue): string {
  const input = iss.input;
  if ((input === undefined || input === null) && (iss.code === "invalid_type" || iss.code === "invalid_value")) return input === null ? "has no value" : "is missing";
  switch (iss.code) {
    case "invalid_type": {
      const what: Record<string, string> = { string: "text", array: "a list", number: "a number", int: "a whole number", object: "a mapping (key: value)", boolean: "true or false" };
      return `must be ${what[iss.expected] ?? iss.expected}`;
    }
    case "too_small":
      if (iss.origin === "string") return "is empty";
      if (iss.origin === "array") return "must not be empty";
      return iss.minimum === 0 && !iss.inclusive ? "must be a positive number" : `must be ${iss.inclusive ? "at least" : "more than"} ${iss.minimum}`;
    case "too_big":
      return `must be ${iss.inclusive ? "at most" : "less than"} ${iss.maximum}`;
    case "invalid_value":
      return `must be ${iss.values.map(String).join(" or ")}, not "${String(input)}"`;
    case "invalid_format":
      return `"${String(input)}" is not in the expected form`;
    case "unrecognized_keys": {
      const known = Object.keys((iss.inst as { shape?: Record<string, unknown> } | undefined)?.shape ?? {});
      const near = iss.keys.length === 1 ? closest(iss.keys[0]!, known) : undefined;
      return `is not a known field${near ? ` (did you mean "${near}"?)` : known.length ? ` (known: ${known.join(", ")})` : ""}`;
    }
    default:
      return "is not valid";
  }
}

/** "name.ar", "phrases item 2: weight", "dates item 1". */
function fieldName(p: readonly PropertyKey[]): string {
  let out = "";
  let afterItem = false;
  for (const k of p) {
    if (typeof k === "number") out += ` item ${k + 1}`;
    else out += (out ? (afterItem ? ": " : ".") : "") + String(k);
    afterItem = typeof k === "number";
  }
  return out;
}

type Entries = { at: readonly string[]; noun: string; key: string } | null;

/** Which entry a path is in: its label (`actor "john-kerry"`, or `actor 3` while its id is wrong), id, and the rest of the path. */
function entryOf(entries: Entries, data: unknown, p: readonly PropertyKey[]): { label: string; entry: string | null; rest: readonly PropertyKey[] } | null {
  if (!entries || p.length <= entries.at.length || entries.at.some((k, i) => p[i] !== k)) return null;
  const i = p[entries.at.length];
  if (typeof i !== "number") return null;
  let node: unknown = data;
  for (const k of [...entries.at, i]) node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[k] : undefined;
  const key = node && typeof node === "object" ? (node as Record<string, unknown>)[entries.key] : undefined;
  const rest = p.slice(entries.at.length + 1);
  const named = (typeof key === "string" || typeof key === "number") && String(key).trim() !== "" && rest[0] !== entries.key;
  return { label: named ? `${entries.noun} "${String(key).trim()}"` : `${entries.noun} ${i + 1}`, entry: named ? String(key).trim() : null, rest };
}

/** One file being checked: its text, its data, and the errors found in it. */
class Checked {
  readonly errors: RegistryError[] = [];
  constructor(
    readonly name: RegistryFileName,
    readonly file: string,
    readonly yaml: ParsedYaml,
    readonly data: unknown,
  ) {}

  /**
   * Report a problem at `p`: after the entry's label and the field's name, or with `whole`, a sentence
   * of its own after the label, or with `bare`, a sentence that names the entry itself.
   */
  fail(p: readonly PropertyKey[], problem: string, opts: { whole?: boolean; bare?: boolean; line?: number | null } = {}): void {
    const at = entryOf(schemas()[this.name].entries, this.data, p);
    const field = fieldName(at ? at.rest : p) || (at ? "" : this.name);
    const what = opts.whole || opts.bare || !field ? problem : `${field} ${problem}`;
    const line = opts.line !== undefined ? opts.line : lineAt(this.yaml, p);
    this.errors.push(new RegistryError(this.file, line, at && !opts.bare ? `${at.label}: ${what}` : what, at?.entry ?? null));
  }
}

function read(dir: string, name: RegistryFileName): Checked | RegistryError {
  const file = registryFile(dir, name);
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (e) {
    return new RegistryError(file, null, `cannot read the file (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  let y: ParsedYaml;
  try {
    y = parseYaml(source, file);
  } catch (e) {
    if (e instanceof YamlError) return new RegistryError(file, e.line, e.problem);
    throw e;
  }
  return new Checked(name, file, y, y.value);
}

/** Check one file against its schema; its parsed value when it passes. */
function schemaCheck<K extends RegistryFileName>(c: Checked & { name: K }): Parsed[K] | null {
  if (c.data === null || c.data === undefined) {
    c.fail([], "the file is empty", { whole: true });
    return null;
  }
  const r = schemas()[c.name].schema.safeParse(c.data, { error: problemOf });
  if (r.success) return r.data as Parsed[K];
  for (const iss of r.error.issues) {
    if (iss.code === "unrecognized_keys") {
      for (const k of iss.keys) c.fail([...iss.path, k], iss.message, { line: keyLine(c.yaml, iss.path, k) });
    } else {
      c.fail(iss.path, iss.message, { whole: iss.code === "custom" && (iss.params as { whole?: boolean } | undefined)?.whole === true });
    }
  }
  return null;
}

// ---- Checks across entries ----

/** An id used twice in one list of entries. */
function uniqueIds(c: Checked, list: { id: string }[], at: (string | number)[], noun: string): Set<string> {
  const first = new Map<string, number>();
  list.forEach((e, i) => {
    const before = first.get(e.id);
    if (before === undefined) first.set(e.id, i);
    else c.fail([...at, i], `${noun} "${e.id}" is defined twice (first at line ${lineAt(c.yaml, [...at, before, "id"])})`, { bare: true });
  });
  return new Set(first.keys());
}

/** How a spelling is compared between actors: the matcher's folding, spaces collapsed. */
const spelling = (s: string) => fold(s).replace(/\s+/gu, " ");

/** A variant is one actor's: another actor may not list it as a variant or as an ambiguous spelling. */
function variantsClaimedOnce(c: Checked, actors: ActorDef[]): void {
  const owner = new Map<string, { id: string; line: number | null }>();
  actors.forEach((a, i) =>
    a.variants.forEach((v, j) => {
      const k = spelling(v);
      if (!owner.has(k)) owner.set(k, { id: a.id, line: lineAt(c.yaml, [i, "variants", j]) });
    }),
  );
  actors.forEach((a, i) => {
    for (const field of ["variants", "ambiguous"] as const) {
      a[field].forEach((v, j) => {
        const o = owner.get(spelling(v));
        if (o && o.id !== a.id) {
          const as = field === "variants" ? "variant" : "ambiguous spelling";
          c.fail([i, field, j], `${as} "${v}" is already a variant of actor "${o.id}" (line ${o.line}); a spelling of two people belongs under ambiguous of both, with context words`, { whole: true });
        }
      });
    }
  });
}

/** An event's dates run from its first day to its last. */
function datesInOrder(c: Checked, events: EventDef[]): void {
  events.forEach((e, i) => {
    const first = e.dates[0]!;
    const last = e.dates[e.dates.length - 1]!;
    if (last < first) {
      c.fail(["events", i, "dates", e.dates.length - 1], `ends on ${last}, before it starts on ${first} (dates are the first day, then the last)`, { whole: true });
      return;
    }
    for (let j = 1; j < e.dates.length; j++) {
      if (e.dates[j]! < e.dates[j - 1]!) c.fail(["events", i, "dates", j], `date ${e.dates[j]} comes after ${e.dates[j - 1]} in the list: dates run from the first day to the last`, { whole: true });
    }
  });
}

/** Every actor id an event names is defined in actors.yaml (`shipped`: events.yaml is the shipped one, actors.yaml the editor's). */
function participantsDefined(c: Checked, events: EventDef[], actorIds: Set<string>, shipped: boolean): void {
  events.forEach((e, i) =>
    e.participants.forEach((a, j) => {
      if (actorIds.has(a)) return;
      const near = closest(a, actorIds);
      const hint = near ? ` (did you mean "${near}"?)` : shipped ? " (this is the shipped events.yaml: a registry folder with its own actors.yaml needs its own events.yaml too)" : "";
      c.fail(["events", i, "participants", j], `participant "${a}" is not an actor id in actors.yaml${hint}`, { whole: true });
    }),
  );
}

// ---- The registry ----

export interface RegistryCheck {
  /** The registry, when it has no mistake. */
  registry: Registry | null;
  /** Every mistake found, file by file in REGISTRY_FILES order, by line within a file. */
  errors: RegistryError[];
  /** The file each part was read from (the editor's, or the shipped default). */
  files: Record<RegistryFileName, string>;
}

/** Read and check every registry file of `dir` (a file it lacks is the shipped one). */
export function checkRegistry(dir = REGISTRY_DIR): RegistryCheck {
  const unread: Partial<Record<RegistryFileName, RegistryError>> = {};
  const files = {} as Record<RegistryFileName, string>;
  const checked = {} as Record<RegistryFileName, Checked>;
  const parsed: Partial<Parsed> = {};
  for (const name of REGISTRY_FILES) {
    const c = read(dir, name);
    files[name] = c.file;
    if (c instanceof RegistryError) {
      unread[name] = c;
      continue;
    }
    checked[name] = c;
    const value = schemaCheck(c);
    if (value) (parsed as Record<string, unknown>)[name] = value;
  }
  const { "actors.yaml": actors, "events.yaml": events } = parsed;
  let actorIds: Set<string> | null = null;
  if (actors) {
    actorIds = uniqueIds(checked["actors.yaml"], actors, [], "actor");
    variantsClaimedOnce(checked["actors.yaml"], actors);
  }
  if (events) {
    const c = checked["events.yaml"];
    uniqueIds(c, events.events, ["events"], "event");
    datesInOrder(c, events.events);
    const shipped = files["events.yaml"] !== path.join(dir, "events.yaml") && files["actors.yaml"] === path.join(dir, "actors.yaml");
    if (actorIds) participantsDefined(c, events.events, actorIds, shipped);
  }
  const errors = REGISTRY_FILES.flatMap((name) => unread[name] ?? checked[name]!.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
  const { "titles.yaml": titles, "speech.yaml": speech, "furniture.yaml": furniture, "calendar.yaml": calendar } = parsed;
  const registry: Registry | null =
    errors.length || !actors || !events || !titles || !speech || !furniture || !calendar
      ? null
      : {
          actors,
          events: events.events,
          scoring: events.scoring,
          background: events.background,
          furniture,
          calendar,
          titleHeads: titles.heads,
          titleStops: titles.stops,
          nameLinks: titles.nameLinks,
          givenNames: titles.givenNames,
          honorifics: titles.honorifics,
          namedPlaces: titles.namedPlaces,
          speech,
        };
  return { registry, errors, files };
}

/**
 * Load the registry of `dir` (default: REGISTRY_DIR, the project's registry/). A file the folder lacks is
 * read from REGISTRY_DIR. Throws the first RegistryError when anything is wrong.
 */
/**
 * What the registry of `dir` is made from: a hash of each file it is read from (its own, or the shipped
 * one it lacks) and of its bytes. Equal keys, under the same code, load equal registries.
 */
export function registryKey(dir = REGISTRY_DIR): string {
  const h = createHash("sha256");
  for (const name of REGISTRY_FILES) {
    const file = registryFile(dir, name);
    h.update(file).update("\0");
    try {
      h.update(readFileSync(file));
    } catch (e) {
      h.update(`unreadable ${(e as NodeJS.ErrnoException).code ?? e}`);
    }
    h.update("\0");
  }
  return `registry-${h.digest("hex").slice(0, 32)}`;
}

export function loadRegistry(dir = REGISTRY_DIR): Registry {
  const { registry, errors } = checkRegistry(dir);
  if (!registry) throw errors[0] ?? new RegistryError(dir, null, "the registry could not be read");
  return registry;
}
