// The one YAML reader of the project: the registry, the settings file and every article's front matter
// go through parseYaml(). Plain YAML 1.2 data only: no language tags (!!js/function, !!binary, !!set,
// custom !tags) are resolved, a `%YAML 1.1` directive does not switch the schema (no merge keys, no
// timestamps), and an alias bomb is refused. The `yaml` package never evaluates anything.
import type { Document, LineCounter } from "yaml";
import { lazyPackage } from "../lazy.ts";

/** The yaml package (src/lazy.ts): its node tests (isMap, isScalar) for the callers that look at a document. */
export const yaml = lazyPackage<typeof import("yaml")>("yaml");

export class YamlError extends Error {
  constructor(
    readonly file: string,
    /** 1-based line in `text`, when known. */
    readonly line: number | null,
    readonly problem: string,
  ) {
    super(`${file}${line ? `:${line}` : ""}: ${problem}`);
    this.name = "YamlError";
  }
}

export interface ParsedYaml {
  /** The document, for callers that report a problem at the line of a node (lines.linePos(range[0])). */
  doc: Document;
  lines: LineCounter;
  /** The document as plain JavaScript values (objects, arrays, strings, numbers, booleans, null). */
  value: unknown;
}

/** Anchors a document may expand (an alias bomb expands billions). */
const MAX_ALIASES = 100;

/** Parse YAML text read from `file` (named in errors). Throws YamlError with the line of the first problem. */
export function parseYaml(text: string, file: string): ParsedYaml {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
    version: "1.2",
    schema: "core",
    customTags: [],
    resolveKnownTags: false,
    merge: false,
  });
  const lineOf = (pos: number, linePos?: { line: number }[]) => linePos?.[0]?.line ?? lines.linePos(pos).line;
  const err = doc.errors[0];
  if (err) throw new YamlError(file, lineOf(err.pos[0], err.linePos), `invalid YAML: ${err.message.split("\n")[0]}`);
  const tag = doc.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
  if (tag) throw new YamlError(file, lineOf(tag.pos[0], tag.linePos), `invalid YAML: ${tag.message.split("\n")[0]!.replace(/^Unresolved tag/, "tag not allowed (plain YAML only)")}`);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new YamlError(file, null, `invalid YAML: ${(e as Error).message}`);
  }
  return { doc, lines, value };
}
