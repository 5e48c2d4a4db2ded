// A build's errors: BuildError for what the user can fix (said in one line), describe() for any error,
// failureMessage() for what the build and the dev server print when one stops them.
import { RegistryError } from "../ingest/index.ts";

export class BuildError extends Error {}

/** An update that failed while it moved its pages into the output folder: the folder holds part of it. */
export class PartlyWrittenError extends Error {}

/** The message of an error and of its causes (Eleventy wraps template errors several times). */
export function describe(e: unknown): string {
  const lines: string[] = [];
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 6; depth++) {
    const err = cur as { message?: string; originalError?: unknown; cause?: unknown };
    const msg = (err.message ?? String(cur)).trim();
    if (msg && !lines.some((l) => l.includes(msg))) lines.push(msg);
    cur = err.originalError ?? err.cause;
  }
  return lines.join("\n  caused by: ");
}

/**
 * What is printed for an error that stopped a build (`serving` false) or one rebuild of the dev server
 * (`serving` true): a registry mistake or a BuildError in one line with the file and line, any other
 * error (a template's) with its causes; then what became of the site (an update stopped half-way says so itself).
 */
export function failureMessage(e: unknown, serving = false): string {
  const kept = serving ? "The dev server goes on serving the last site it built." : "Nothing was written.";
  if (e instanceof RegistryError) return `error: the registry is invalid: ${e.message}\n${kept}`;
  if (e instanceof BuildError) return `error: ${e.message}\n${kept}`;
  if (e instanceof PartlyWrittenError) return `error: ${e.message}`;
  return `error: the site could not be rendered; ${serving ? "the dev server goes on serving the last site it built" : "the previous output is unchanged"}.\n  ${describe(e)}`;
}
