// The lines a build prints at the end: what was built, and every file skipped, duplicated or warned about.
import path from "node:path";
import type { Archive, Report } from "../model.ts";
import { printable } from "../printable.ts";

export function summary(archive: Archive, out: string, pages: number, ms: number, drafts = false): string {
  const r = archive.report;
  const lines = [`Built ${r.articles} articles, ${r.events} events, ${r.actors} actors (${pages} files) into ${path.relative(process.cwd(), out) || "."}/ in ${(ms / 1000).toFixed(1)} s`];
  if (r.skipped.length) {
    lines.push(`Skipped ${r.skipped.length} file(s):`);
    for (const s of r.skipped) lines.push(`  ${printable(s.source)}: ${printable(s.reason)}`);
  }
  if (r.drafts.length) {
    lines.push(`Drafts (${r.drafts.length}), ${drafts ? "built and marked as drafts" : "not built (--drafts builds them)"}:`);
    for (const d of r.drafts) lines.push(`  ${printable(d)}`);
  }
  if (r.duplicates.length) {
    lines.push(`Duplicates (${r.duplicates.length}), not built twice:`);
    for (const d of r.duplicates) lines.push(`  ${printable(d.source)}: same text as ${printable(d.duplicateOf)}`);
  }
  if (r.warnings.length) {
    lines.push(`Warnings (${r.warnings.length}):`);
    for (const w of r.warnings) lines.push(`  ${printable(w.source)}: ${printable(w.message)}`);
  }
  if (!r.candidates.length && r.unsureCandidates.length) lines.push(`Candidates for the registry: none named in two articles; ${r.unsureCandidates.length} seen in one article only, in api/report.json (unsureCandidates).`);
  if (r.candidates.length) {
    // The most named first; every candidate, with examples and variants, is in api/candidates.json.
    lines.push(`Candidates for the registry (${r.candidates.length}; all in api/candidates.json${r.unsureCandidates.length ? `; ${r.unsureCandidates.length} more seen in one article only, in api/report.json` : ""}), the most named:`);
    for (const c of r.candidates.slice(0, 10)) lines.push(`  ${printable(c.name)} — ${printable(c.role)} (${c.articles} article${c.articles === 1 ? "" : "s"})${c.variantOf ? `, perhaps ${c.variantOf}` : ""}`);
  }
  return lines.join("\n");
}

/**
 * The files the build report names, one line each: skipped (and why), duplicate (of which), or warned
 * about. The dev server prints the lines a rebuild adds (src/serve/), as the build's summary lists them.
 */
export function fileNotes(r: Report): string[] {
  return [
    ...r.skipped.map((s) => `skipped ${printable(s.source)}: ${printable(s.reason)}`),
    ...r.duplicates.map((d) => `duplicate ${printable(d.source)}: same text as ${printable(d.duplicateOf)}`),
    ...r.warnings.map((w) => `warning ${printable(w.source)}: ${printable(w.message)}`),
  ];
}
