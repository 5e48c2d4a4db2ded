// `npm run registry -- check | accept`: the editor's registry from the command line.
//   check   validates every registry file (schema and checks across entries) and prints OK or each mistake.
//   accept  adds a proposed actor (a candidate of the last build, or a name given here) to the editor's
//           actors.yaml with its variants. The file's bytes stay as they are (comments, order, layout):
//           the new entry is appended, written by the yaml library, and the result is read back and
//           checked before it replaces the file.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkRegistry, parseYaml, registryFile, REGISTRY_DIR, yaml, type RegistryError } from "../ingest/index.ts";
import { fold } from "../text/index.ts";
import type { ActorDef } from "../model.ts";

export const USAGE = `Usage:
  npm run registry -- check [--registry DIR]
  npm run registry -- accept "الاسم" --id some-id [--variant V ...] [--en "English name"]
                     [--kind person|organisation] [--gender female|male] [--title T ...]
                     [--registry DIR] [--site DIR]

  check         validate the registry: prints OK, or every mistake with its file, line and entry
  accept NAME   add NAME to the registry's actors.yaml as a new actor. When the last build proposed
                NAME (its /api/candidates.json, or the candidates of /api/report.json), the variants and
                role title it saw are added too. The name itself is always a variant.
  --id ID       the new actor's id: lower-case ASCII words joined by hyphens, used in URLs (required)
  --variant V   another spelling that names the actor on its own (repeat for more)
  --en NAME     the English name (default: made from the id, e.g. amal-hadi -> Amal Hadi)
  --kind K      person (default) or organisation
  --gender G    female for a woman (speech verbs agree with the speaker)
  --title T     a role title the actor is known by (repeat for more)
  --registry D  the registry folder (default: registry/)
  --site DIR    the last build's output, where the candidates are read (default: _site/)`;

export class RegistryCommandError extends Error {}

/** A candidate as the last build proposed it (either shape of the API). */
export interface ProposedActor {
  name: string;
  variants: string[];
  titles: string[];
  kind?: "person" | "organisation";
  count?: number;
}

/** How two spellings are compared: the matcher's folding, spaces collapsed. */
const spelling = (s: string) => fold(s.trim()).replace(/\s+/gu, " ");

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function strings(v: unknown): string[] {
  if (typeof v === "string") return v.trim() ? [v.trim()] : [];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim()) : [];
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new RegistryCommandError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/**
 * The candidates of the last build in `site`: /api/candidates.json when the build wrote it (name,
 * count, variants, examples, role), else the candidates of /api/report.json (name, title, articles);
 * then the report's unsure candidates.
 * Null when the site has neither.
 */
export function lastCandidates(site: string): ProposedActor[] | null {
  const api = path.join(site, "api", "candidates.json");
  const report = path.join(site, "api", "report.json");
  let list: unknown;
  type Report = { candidates?: unknown; unsureCandidates?: unknown } | null;
  let fromReport: Report = null;
  if (existsSync(api)) {
    const data = readJson(api);
    list = Array.isArray(data) ? data : (data as { candidates?: unknown } | null)?.candidates;
    // The report only adds the names seen in one article: a report that cannot be read adds none.
    try {
      if (existsSync(report)) fromReport = readJson(report) as Report;
    } catch {
      fromReport = null;
    }
  } else if (existsSync(report)) {
    fromReport = readJson(report) as Report;
    list = fromReport?.candidates;
  } else return null;
  // The names seen once that the build did not propose are the report's: an editor may accept one too.
  const unsure = Array.isArray(fromReport?.unsureCandidates) ? fromReport.unsureCandidates : [];
  if (!Array.isArray(list)) list = [];
  list = [...(list as unknown[]), ...unsure];
  const out: ProposedActor[] = [];
  for (const c of list as Record<string, unknown>[]) {
    if (!c || typeof c !== "object" || typeof c.name !== "string" || !c.name.trim()) continue;
    // A suggested role is a kind (person, organisation) or a role title in Arabic.
    const role = strings(c.role ?? c.suggestedRole);
    const kind = [c.kind, ...role].find((r): r is "person" | "organisation" => r === "person" || r === "organisation");
    const count = [c.count, c.articles].find((n): n is number => typeof n === "number");
    out.push({
      name: c.name.trim(),
      variants: strings(c.variants),
      titles: [...strings(c.title), ...strings(c.titles), ...role.filter((r) => /\p{Script=Arabic}/u.test(r))],
      ...(kind ? { kind } : {}),
      ...(count !== undefined ? { count } : {}),
    });
  }
  return out;
}

export interface AcceptOptions {
  name: string;
  id: string;
  variants?: string[];
  en?: string;
  kind?: "person" | "organisation";
  gender?: "female" | "male";
  titles?: string[];
  /** The registry folder (default: registry/). */
  registry?: string;
  /** The last build's output folder, for its candidates (default: _site/). */
  site?: string;
}

export interface Accepted {
  file: string;
  actor: ActorDef;
  /** The candidate of the last build it came from, if any. */
  candidate: ProposedActor | null;
}

function uniqueSpellings(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((v) => {
    const k = spelling(v);
    if (!k || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

const englishFromId = (id: string) => id.split("-").map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");

/** A value written the way the registry writes short lists and names: in flow style, `[a, b]`, `{ ar: …, en: … }`. */
function flow(value: unknown, padded: boolean): string {
  const doc = new (yaml().Document)(value);
  (doc.contents as { flow?: boolean }).flow = true;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: padded }).trimEnd();
}

function scalar(value: string): string {
  return new (yaml().Document)(value).toString({ lineWidth: 0 }).trimEnd();
}

/** The new actor as a block of YAML, one field a line, in the order the shipped entries use. */
function entryText(a: ActorDef, note: string): string {
  const lines = [`# ${note}`, `- id: ${scalar(a.id)}`, `  kind: ${scalar(a.kind)}`];
  if (a.gender) lines.push(`  gender: ${scalar(a.gender)}`);
  lines.push(`  name: ${flow({ ar: a.name.ar, en: a.name.en }, true)}`, `  variants: ${flow(a.variants, false)}`);
  if (a.titles.length) lines.push(`  titles: ${flow(a.titles, false)}`);
  return `${lines.join("\n")}\n`;
}

/** Add an actor to the registry's actors.yaml; refuses an id or a variant already taken. */
export function accept(o: AcceptOptions): Accepted {
  const dir = path.resolve(o.registry ?? REGISTRY_DIR);
  const name = o.name.trim();
  if (!name) throw new RegistryCommandError("the name to accept is empty");
  if (!ID.test(o.id)) throw new RegistryCommandError(`--id "${o.id}" must be lower-case ASCII letters and digits joined by hyphens, e.g. amal-hadi`);
  const before = checkRegistry(dir);
  if (!before.registry) {
    throw new RegistryCommandError(`the registry has mistakes; fix them first:\n${before.errors.map((e) => `  ${e.message}`).join("\n")}`);
  }
  const actors = before.registry.actors;
  const taken = actors.find((a) => a.id === o.id);
  if (taken) throw new RegistryCommandError(`the id "${o.id}" is already taken by ${taken.name.ar} (${taken.name.en}) in ${before.files["actors.yaml"]}`);

  const candidates = lastCandidates(path.resolve(o.site ?? "_site")) ?? [];
  const candidate = candidates.find((c) => spelling(c.name) === spelling(name)) ?? null;
  const variants = uniqueSpellings([candidate?.name ?? name, ...(candidate?.variants ?? []), name, ...(o.variants ?? [])]);
  const owners = new Map<string, ActorDef>();
  for (const a of actors) for (const v of [...a.variants, ...a.ambiguous]) if (!owners.has(spelling(v))) owners.set(spelling(v), a);
  const claimed = variants.map((v) => [v, owners.get(spelling(v))] as const).filter(([, a]) => a);
  if (claimed.length) {
    throw new RegistryCommandError(claimed.map(([v, a]) => `the variant "${v}" is already a spelling of ${a!.id} (${a!.name.ar})`).join("\n"));
  }
  const actor: ActorDef = {
    id: o.id,
    kind: o.kind ?? candidate?.kind ?? "person",
    ...(o.gender ? { gender: o.gender } : {}),
    // The spelling the articles use when the build proposed it (the command line may differ in hamza or ى).
    name: { ar: candidate?.name ?? name, en: o.en?.trim() || englishFromId(o.id) },
    variants,
    ambiguous: [],
    context: [],
    titles: uniqueSpellings([...(candidate?.titles ?? []), ...(o.titles ?? [])]),
  };

  // The editor's own file; a folder without one starts from the shipped file, so its actors stay.
  const file = path.join(dir, "actors.yaml");
  const existed = existsSync(file);
  const source = readFileSync(registryFile(dir, "actors.yaml"), "utf8");
  const note = candidate ? `Accepted from the candidates${candidate.count !== undefined ? ` (${candidate.count} articles)` : ""}.` : "Added with npm run registry -- accept.";
  const text = `${source.trimEnd()}${source.trim() ? "\n\n" : ""}${entryText(actor, note)}`;

  // Read back: the file must be the same list with the new entry last.
  const items = (t: string) => {
    try {
      const d = parseYaml(t, file);
      return yaml().isSeq(d.doc.contents) ? (d.value as unknown[]) : d.doc.contents === null ? [] : null;
    } catch {
      return null;
    }
  };
  const old = items(source);
  const next = items(text);
  if (!old || !next || next.length !== old.length + 1 || JSON.stringify(next.slice(0, -1)) !== JSON.stringify(old)) {
    throw new RegistryCommandError(`cannot add to ${file}: its actors are not a block list ("- id: …" entries)`);
  }
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  const after = checkRegistry(dir);
  if (!after.registry) {
    if (existed) writeFileSync(file, source);
    else rmSync(file);
    throw new RegistryCommandError(`the new entry made the registry invalid, ${file} is unchanged:\n${after.errors.map((e) => `  ${e.message}`).join("\n")}`);
  }
  return { file, actor: after.registry.actors.find((a) => a.id === o.id)!, candidate };
}

/** Each mistake of the registry in `dir`, as printed lines; empty when it is valid. */
export function check(dir = REGISTRY_DIR): { ok: boolean; lines: string[] } {
  const r = checkRegistry(path.resolve(dir));
  if (r.registry) {
    return { ok: true, lines: [`OK: the registry is valid (${r.registry.actors.length} actors, ${r.registry.events.length} events; ${Object.values(r.files).map((f) => path.relative(process.cwd(), f) || f).join(", ")})`] };
  }
  return { ok: false, lines: [`The registry has ${r.errors.length} ${r.errors.length === 1 ? "mistake" : "mistakes"}:`, ...r.errors.map((e: RegistryError) => `  ${e.message}`)] };
}

/** Run the command; returns the exit code (0 done, 1 refused or invalid, 2 wrong usage). */
export function runRegistryCommand(argv: string[], out: (s: string) => void = console.log, err: (s: string) => void = console.error): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        id: { type: "string" },
        variant: { type: "string", multiple: true, default: [] },
        title: { type: "string", multiple: true, default: [] },
        en: { type: "string" },
        kind: { type: "string" },
        gender: { type: "string" },
        registry: { type: "string" },
        site: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    err(`error: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    out(USAGE);
    return 0;
  }
  const [command, ...rest] = positionals;
  try {
    if (command === "check" && rest.length === 0) {
      const r = check(v.registry ?? REGISTRY_DIR);
      (r.ok ? out : err)(r.lines.join("\n"));
      return r.ok ? 0 : 1;
    }
    if (command === "accept" && rest.length === 1) {
      if (!v.id) throw new RegistryCommandError("accept needs --id, the new actor's id (e.g. --id amal-hadi)");
      if (v.kind !== undefined && v.kind !== "person" && v.kind !== "organisation") throw new RegistryCommandError(`--kind must be person or organisation, not "${v.kind}"`);
      if (v.gender !== undefined && v.gender !== "female" && v.gender !== "male") throw new RegistryCommandError(`--gender must be female or male, not "${v.gender}"`);
      const a = accept({
        name: rest[0]!,
        id: v.id,
        variants: v.variant,
        titles: v.title,
        ...(v.en !== undefined ? { en: v.en } : {}),
        ...(v.kind ? { kind: v.kind as "person" | "organisation" } : {}),
        ...(v.gender ? { gender: v.gender as "female" | "male" } : {}),
        ...(v.registry ? { registry: v.registry } : {}),
        ...(v.site ? { site: v.site } : {}),
      });
      out(
        `Added ${a.actor.id} (${a.actor.name.ar}) to ${path.relative(process.cwd(), a.file) || a.file}` +
          `${a.candidate ? ", from the last build's candidates" : " (not among the last build's candidates)"}\n` +
          `  variants: ${a.actor.variants.join("، ")}${a.actor.titles.length ? `\n  titles: ${a.actor.titles.join("، ")}` : ""}\n` +
          `The next build tags it.`,
      );
      return 0;
    }
  } catch (e) {
    if (e instanceof RegistryCommandError) {
      err(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
  err(`error: ${command ? `unknown command "${[command, ...rest].join(" ")}"` : "no command given"}\n${USAGE}`);
  return 2;
}
