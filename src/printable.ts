// Names from the input (file names, slugs, front-matter values in warnings) as printed on a terminal or
// in a log: a control character could move the cursor, recolour or clear the screen, and a newline in a
// file name could print a fake line of the summary.

/**
 * Control characters (C0 with tab and newline, DEL, C1), the line and paragraph separators, the Bidi
 * embedding/override/isolate controls, U+FFFE/U+FFFF and lone surrogates, and the backslash that escapes
 * them.
 */
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF\\]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SHORT: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\" };

/** `s` safe to print on one line of a terminal: each character above written as \n, \t, \r, \\ or \u{1b}. Arabic and every other printable text are left as they are. */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => SHORT[c] ?? `\\u{${c.charCodeAt(0).toString(16)}}`);
}
