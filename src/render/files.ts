// Writing the site's files: each file has a signature, and writeChanged() writes only those whose
// signature differs from the previous build's.
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";

/** A short hash of a text (signatures). */
export const hash = (text: string | Uint8Array) => createHash("sha1").update(text).digest("base64url");

/** Text of a file, whole or in parts (a file too large to hold as one string), or bytes (a copied image). */
export type Content = string | Iterable<string> | Uint8Array;

/**
 * Writes files, making each folder once; returns the bytes written. Text is encoded into one buffer kept
 * for every file (TextEncoder.encodeInto): writeFileSync(file, string) followed by Buffer.byteLength took
 * 2-4 times the CPU time for the same pages (the encoding, then a second pass to count the bytes).
 */
export function fileWriter(): (file: string, content: Content) => number {
  const made = new Set<string>();
  const encoder = new TextEncoder();
  let scratch = new Uint8Array(1 << 20);
  const utf8 = (text: string): Uint8Array => {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8.
    if (scratch.length < text.length * 3) scratch = new Uint8Array(text.length * 3);
    return scratch.subarray(0, encoder.encodeInto(text, scratch).written);
  };
  return (file, content) => {
    const folder = path.dirname(file);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    if (content instanceof Uint8Array) {
      writeFileSync(file, content);
      return content.length;
    }
    if (typeof content === "string") {
      const bytes = utf8(content);
      writeFileSync(file, bytes);
      return bytes.length;
    }
    const fd = openSync(file, "w");
    let bytes = 0;
    try {
      let parts: string[] = [];
      let size = 0;
      const flush = () => {
        const buf = utf8(parts.join(""));
        writeSync(fd, buf);
        bytes += buf.length;
        parts = [];
        size = 0;
      };
      for (const part of content) {
        parts.push(part);
        if ((size += part.length) >= 1 << 20) flush();
      }
      flush();
    } finally {
      closeSync(fd);
    }
    return bytes;
  };
}

/** A file of the site: its path in the output folder, a signature of its content, and the content. */
export interface OutputFile {
  path: string;
  signature: string;
  content(): Content;
}

/** The files of the site's previous build: path → signature. */
export type Signatures = Map<string, string>;

export interface WriteResult {
  /** Every file's signature, written or not. */
  signatures: Signatures;
  written: number;
  bytes: number;
}

/**
 * Where writeChanged() finds the previous build: its files' signatures, the folder it wrote them to
 * (`existing`, else the folder written), and whether that folder is known to hold them all (`held`: the
 * dev server's own folder, which it writes alone; checked as a whole at each rebuild), so that no file
 * is looked for.
 */
export interface PreviousFiles {
  previous?: Signatures;
  existing?: string;
  held?: boolean;
}

/** Whether `file` is as the previous build wrote it, and still in the folder it wrote it to. */
export function unchanged(file: Pick<OutputFile, "path" | "signature">, dir: string, opts: PreviousFiles): boolean {
  return opts.previous?.get(file.path) === file.signature && (opts.held === true || existsSync(path.join(opts.existing ?? dir, file.path)));
}

/**
 * Write `files` into `dir`, except those with the same signature as in `previous` that are still in the
 * folder `existing` (the output folder of that build; PreviousFiles); `onFile` is told after each (for progress).
 */
export function writeChanged(files: Iterable<OutputFile>, dir: string, opts: PreviousFiles & { onFile?: (done: number) => void } = {}): WriteResult {
  const write = fileWriter();
  const signatures: Signatures = new Map();
  let written = 0;
  let bytes = 0;
  for (const file of files) {
    signatures.set(file.path, file.signature);
    if (!unchanged(file, dir, opts)) {
      bytes += write(path.join(dir, file.path), file.content());
      written++;
    }
    opts.onFile?.(signatures.size);
  }
  return { signatures, written, bytes };
}

/** Files whose content is at hand, or made when read (the search index): the signature is theirs, or a hash of the content. */
export function* contentFiles(files: Iterable<{ path: string; content: string | Uint8Array; signature?: string }>): Generator<OutputFile> {
  for (const f of files) yield { path: f.path, signature: f.signature ?? hash(f.content), content: () => f.content };
}
