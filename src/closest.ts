// The real name a mistyped one most likely meant: command-line options and commands (src/cli.ts), the
// registry's field names and actor ids (src/ingest/registry.ts). Imports nothing.

/** The number of single-character edits (insert, delete, replace) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next.push(Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    row = next;
  }
  return row[b.length]!;
}

/** The real name closest to `name` (one edit away for a short name, two for a longer; or one it begins), if any. */
export function closest(name: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const n of names) {
    const d = n.startsWith(name) || name.startsWith(n) ? Math.min(1, editDistance(name, n)) : editDistance(name, n);
    if (d < bestDistance) [best, bestDistance] = [n, d];
  }
  return bestDistance <= (name.length <= 3 ? 1 : 2) ? best : undefined;
}
