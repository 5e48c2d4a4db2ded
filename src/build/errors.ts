// A build's errors: BuildError for what the user can fix (said in one line), describe() for any error.

export class BuildError extends Error {}

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
