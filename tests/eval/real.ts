// Evaluation on real newspaper text: hand-checked gold labels (tests/fixtures/eval/real.yaml) for articles of
// ../shared/corpus/ that nobody here wrote. Used by `npm run eval` (prints) and tests/eval.test.ts (targets).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { loadRegistry, parseSeed, readSeedBytes } from "../../src/ingest/index.ts";
import { compile, toArticle } from "../../src/pipeline.ts";
import { fold } from "../../src/text/index.ts";
import type { Article } from "../../src/model.ts";
import { EVAL_DIR, type Ratio } from "./evaluate.ts";

export const CORPUS_DIR = path.join(import.meta.dirname, "..", "..", "..", "shared", "corpus");
export const REAL_GOLD = path.join(EVAL_DIR, "real.yaml");

export interface RealGold {
  file: string;
  date: string | null;
  event: string | null;
  actors: string[];
  /** [speaker id or "unknown", first words, last words] */
  quotes: [string, string, string][];
}

export interface RealResult {
  files: number;
  /** Quotes with the right speaker and the right start; recall over the quotes of registry actors. */
  quotes: { precision: Ratio; recall: Ratio };
  /** Of the quotes with right speaker and start, those that also end where the gold ends. */
  quoteEnds: Ratio;
  /** Quotes of speakers outside the registry that were given to a registry actor. */
  unknownTaken: Ratio;
  actors: { precision: Ratio; recall: Ratio };
  /** Every event tag is wrong on this corpus (gold: null); primary tags are counted apart. */
  events: { precision: Ratio; recall: Ratio; primary: number };
  dates: { precision: Ratio; recall: Ratio };
  misses: { file: string; what: string }[];
}

const ratio = (hit: number, total: number): Ratio => ({ hit, total, value: total ? hit / total : 1 });

/** A quote as words: folded, without punctuation or quotation marks, without an opening "أن/إن/بأن" or "ب". */
const LEAD = /^(?:ب?[اأإ]ن(?:ه|ها|هم|نا|ني)?|ب|عن|الى|من|على|قائلا|بالقول)$/u;
function wordsOf(s: string): string[] {
  const w = fold(s).replace(/[^\p{L}\p{N}\s]+/gu, " ").split(/\s+/).filter(Boolean);
  while (w.length > 1 && LEAD.test(w[0]!)) w.shift();
  return w;
}
/** `gold` starts at one of the first three words of `said` (its first word may carry "ب": "بدعمها"). */
function startsWith(said: string[], gold: string[]): boolean {
  for (let k = 0; k <= 2 && k + gold.length <= said.length; k++) {
    if (gold.every((w, i) => said[k + i] === w || (i === 0 && said[k] === "ب" + w))) return true;
  }
  return false;
}
/** `gold` ends at one of the last three words of `said`. */
function endsWith(said: string[], gold: string[]): boolean {
  for (let k = 0; k <= 2; k++) {
    const end = said.length - k;
    if (end - gold.length < 0) break;
    if (gold.every((w, i) => said[end - gold.length + i] === w)) return true;
  }
  return false;
}

export function realCorpusAvailable(): boolean {
  return existsSync(REAL_GOLD) && existsSync(CORPUS_DIR);
}

export function evaluateReal(): RealResult {
  const gold = parse(readFileSync(REAL_GOLD, "utf8")) as RealGold[];
  const compiled = compile(loadRegistry());
  const misses: RealResult["misses"] = [];
  let qHit = 0, qPred = 0, qGoldHit = 0, qGold = 0, qEnd = 0, unkTaken = 0, unkTotal = 0;
  let aTp = 0, aFp = 0, aFn = 0;
  let eTp = 0, eFp = 0, eFn = 0, primary = 0;
  let dOk = 0, dGiven = 0, dGold = 0;
  for (const g of gold) {
    let a: Article;
    try {
      const seed = parseSeed(path.basename(g.file), readSeedBytes(path.join(CORPUS_DIR, path.dirname(g.file)), path.basename(g.file)));
      a = toArticle(seed, compiled);
    } catch (e) {
      misses.push({ file: g.file, what: `not built: ${(e as Error).message}` });
      continue;
    }
    const miss = (what: string) => misses.push({ file: g.file, what });

    const got = new Set(a.actors.map((x) => x.id));
    for (const id of got) if (g.actors.includes(id)) aTp++; else { aFp++; miss(`actor ${id} found but not in the text`); }
    for (const id of g.actors) if (!got.has(id)) { aFn++; miss(`actor ${id} missed`); }

    for (const e of a.events) {
      if (e.role === "primary") primary++;
      if (e.id === g.event) eTp++;
      else { eFp++; miss(`event ${e.id} (${e.role}) tagged, the article is about ${g.event ?? "no registry event"}`); }
    }
    if (g.event && !a.events.some((e) => e.id === g.event)) { eFn++; miss(`event ${g.event} missed`); }

    const written = a.date?.iso ?? null;
    if (g.date) dGold++;
    if (written) {
      dGiven++;
      if (written === g.date) dOk++;
      else miss(`date: got ${written} from «${a.date!.from}», expected ${g.date}`);
    } else if (g.date) miss(`date: none, expected ${g.date}`);

    const goldQ = (g.quotes ?? []).map(([speaker, first, last]) => ({ speaker, first: wordsOf(first), last: wordsOf(last), text: first }));
    const known = goldQ.filter((q) => q.speaker !== "unknown");
    qGold += known.length;
    unkTotal += goldQ.length - known.length;
    const matched = new Set<number>();
    for (const q of a.quotes) {
      qPred++;
      const said = wordsOf(q.text);
      const i = goldQ.findIndex((gq, k) => !matched.has(k) && gq.speaker === q.actor && startsWith(said, gq.first));
      if (i >= 0) {
        qHit++;
        matched.add(i);
        if (endsWith(said, goldQ[i]!.last)) qEnd++;
        else miss(`quote of ${q.actor} ends wrong: «…${q.text.slice(-50)}», expected «…${(g.quotes[i]![2])}»`);
        continue;
      }
      const other = goldQ.findIndex((gq) => startsWith(said, gq.first));
      if (other >= 0 && goldQ[other]!.speaker === "unknown") {
        unkTaken++;
        miss(`quote of someone outside the registry given to ${q.actor}: «${q.text.slice(0, 60)}»`);
      } else if (other >= 0) miss(`quote of ${goldQ[other]!.speaker} given to ${q.actor}: «${q.text.slice(0, 60)}»`);
      else miss(`quote given to ${q.actor} starts wrong or is no quote: «${q.text.slice(0, 60)}»`);
    }
    known.forEach((gq) => {
      const k = goldQ.indexOf(gq);
      if (!matched.has(k)) { miss(`quote of ${gq.speaker} missed: «${gq.text}»`); }
    });
    qGoldHit += known.filter((gq) => matched.has(goldQ.indexOf(gq))).length;
  }
  return {
    files: gold.length,
    quotes: { precision: ratio(qHit, qPred), recall: ratio(qGoldHit, qGold) },
    quoteEnds: ratio(qEnd, qHit),
    unknownTaken: ratio(unkTaken, unkTotal),
    actors: { precision: ratio(aTp, aTp + aFp), recall: ratio(aTp, aTp + aFn) },
    events: { precision: ratio(eTp, eTp + eFp), recall: ratio(eTp, eTp + eFn), primary },
    dates: { precision: ratio(dOk, dGiven), recall: ratio(dOk, dGold) },
    misses,
  };
}
