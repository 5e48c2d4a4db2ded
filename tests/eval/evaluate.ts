// Evaluation of the text stages on tests/fixtures/eval/ (texts the seeds are not part of) against the
// gold labels in gold.yaml. Used by `npm run eval` (prints) and tests/eval.test.ts (asserts targets).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { ingest, loadRegistry } from "../../src/ingest/index.ts";
import { compile, toArticle } from "../../src/pipeline.ts";
import { fold } from "../../src/text/index.ts";
import type { Article } from "../../src/model.ts";

export const EVAL_DIR = path.join(import.meta.dirname, "..", "fixtures", "eval");

export interface Gold {
  file: string;
  kinds: string[];
  primary: string | null;
  mentioned: string[];
  actors: string[];
  date: string | null;
  title: string | null;
  quotes: { actor: string; text: string }[];
  keep: string[];
  drop: string[];
}

export interface Ratio {
  hit: number;
  total: number;
  value: number;
}

export interface EvalResult {
  files: number;
  events: Record<string, { precision: Ratio; recall: Ratio }>;
  primaryAccuracy: Ratio;
  distractorsTagged: string[];
  actors: { precision: Ratio; recall: Ratio; f1: number };
  dateAccuracy: Ratio;
  dateFalse: Ratio;
  quotes: { precision: Ratio; recall: Ratio };
  titleAccuracy: Ratio;
  keep: Ratio;
  /** Every sentence of the source that is not furniture, found in what readers see. */
  sentences: Ratio;
  drop: Ratio;
  misses: { file: string; what: string }[];
}

/** Quotes compare on their words: quotation marks, "بـ" and an opening "أن/إن/بأن…" do not count. */
const COMPLEMENTIZER = /^(?:ب?[اأإ]ن(?:ه|ها|هم|نا|ني)?|الي ان|من ان)\s+/u;
const quoteWords = (s: string) => fold(s).replace(/[«»“”"„'‘’]/g, " ").replace(/\s+/g, " ").trim().replace(COMPLEMENTIZER, "").replace(/^ب\s*/, "");

const ratio = (hit: number, total: number): Ratio => ({ hit, total, value: total ? hit / total : 1 });

export async function evaluate(): Promise<EvalResult> {
  const gold = parse(readFileSync(path.join(EVAL_DIR, "gold.yaml"), "utf8")) as Gold[];
  const compiled = compile(loadRegistry());
  const { seeds, rejections } = await ingest(EVAL_DIR);
  const misses: EvalResult["misses"] = rejections.map((r) => ({ file: r.source, what: `skipped: ${r.reason}` }));
  const articles = new Map<string, Article>(seeds.map((s) => [s.source, toArticle(s, compiled)]));

  const eventIds = compiled.registry.events.map((e) => e.id);
  const ev = Object.fromEntries(eventIds.map((id) => [id, { tp: 0, fp: 0, fn: 0 }]));
  let primaryOk = 0;
  const distractorsTagged: string[] = [];
  let aTp = 0, aFp = 0, aFn = 0;
  let dateOk = 0, dateTotal = 0, dateFalse = 0, dateNull = 0;
  let qHit = 0, qPred = 0, qGoldHit = 0, qGold = 0;
  let tOk = 0, tTotal = 0;
  let keepOk = 0, keepTotal = 0, dropOk = 0, dropTotal = 0, sentOk = 0, sentTotal = 0;
  const raw = new Map(seeds.map((s) => [s.source, s.body]));
  // Compared on letters and digits only: spacing and punctuation may be repaired by cleaning.
  const squeeze = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, "");

  for (const g of gold) {
    const a = articles.get(g.file);
    if (!a) {
      misses.push({ file: g.file, what: "not built" });
      continue;
    }
    const miss = (what: string) => misses.push({ file: g.file, what });
    const primary = a.events.find((e) => e.role === "primary")?.id ?? null;
    if (primary === g.primary) primaryOk++;
    else miss(`primary event: got ${primary}, expected ${g.primary}`);
    const tagged = new Set(a.events.map((e) => e.id));
    const expected = new Set([...(g.primary ? [g.primary] : []), ...g.mentioned]);
    for (const id of eventIds) {
      if (tagged.has(id) && expected.has(id)) ev[id]!.tp++;
      else if (tagged.has(id)) {
        ev[id]!.fp++;
        miss(`event ${id} tagged but not expected`);
      } else if (expected.has(id)) {
        ev[id]!.fn++;
        miss(`event ${id} expected but not tagged`);
      }
    }
    if (g.kinds.includes("distractor") && a.events.length) distractorsTagged.push(g.file);

    const got = new Set(a.actors.map((x) => x.id));
    for (const id of got) if (g.actors.includes(id)) aTp++; else { aFp++; miss(`actor ${id} found but not in the text`); }
    for (const id of g.actors) if (!got.has(id)) { aFn++; miss(`actor ${id} missed`); }

    const written = a.date?.iso ?? null;
    if (g.date) {
      dateTotal++;
      if (written === g.date) dateOk++;
      else miss(`date: got ${written}, expected ${g.date}`);
    } else {
      dateNull++;
      if (written) {
        dateFalse++;
        miss(`date: got ${written} from "${a.date!.from}", the text has no full date`);
      }
    }

    const goldQ = g.quotes ?? [];
    qGold += goldQ.length;
    const matched = new Set<number>();
    for (const q of a.quotes) {
      qPred++;
      const i = goldQ.findIndex((gq, k) => gq.actor === q.actor && quoteWords(q.text).includes(quoteWords(gq.text)) && !matched.has(k));
      if (i >= 0) {
        qHit++;
        matched.add(i);
      } else miss(`quote attributed to ${q.actor} is not theirs: «${q.text.slice(0, 60)}»`);
    }
    qGoldHit += matched.size;
    goldQ.forEach((gq, k) => {
      if (!matched.has(k)) miss(`quote of ${gq.actor} missed: «${gq.text}»`);
    });

    if (g.title) {
      tTotal++;
      if (a.title === g.title) tOk++;
      else miss(`title: got «${a.title}», expected «${g.title}»`);
    }

    const body = fold([a.title, ...a.paragraphs].join("\n")).replace(/\s+/g, " ");
    for (const k of g.keep ?? []) {
      keepTotal++;
      if (body.includes(fold(k).replace(/\s+/g, " "))) keepOk++;
      else miss(`cleaning lost a sentence: «${k.slice(0, 70)}»`);
    }
    // Sentence by sentence: the source without its furniture lines, joined, split at full stops.
    const shown = squeeze([a.titleFrom === "headline" ? a.title : "", a.dateline ?? "", ...a.paragraphs].join(" ")); // bylines are in gold `drop`
    const dropLines = new Set((g.drop ?? []).map((d) => d.trim()));
    const source = (raw.get(g.file) ?? "").split("\n").filter((l) => !dropLines.has(l.trim())).join(" ");
    for (const sentence of source.split(/(?<=[.!؟?])\s+/u)) {
      const words = squeeze(sentence.replace(/[.!؟?…]+$/u, ""));
      if (words.length < 12) continue;
      sentTotal++;
      if (shown.includes(words)) sentOk++;
      else miss(`cleaning lost a sentence: «${sentence.trim().slice(0, 70)}»`);
    }
    for (const d of g.drop ?? []) {
      dropTotal++;
      const bodyOnly = fold(a.paragraphs.join("\n"));
      if (!bodyOnly.includes(fold(d).trim())) dropOk++;
      else miss(`furniture kept: «${d}»`);
    }
  }

  const aP = ratio(aTp, aTp + aFp);
  const aR = ratio(aTp, aTp + aFn);
  return {
    files: gold.length,
    events: Object.fromEntries(eventIds.map((id) => [id, { precision: ratio(ev[id]!.tp, ev[id]!.tp + ev[id]!.fp), recall: ratio(ev[id]!.tp, ev[id]!.tp + ev[id]!.fn) }])),
    primaryAccuracy: ratio(primaryOk, gold.length),
    distractorsTagged,
    actors: { precision: aP, recall: aR, f1: aP.value + aR.value ? (2 * aP.value * aR.value) / (aP.value + aR.value) : 0 },
    dateAccuracy: ratio(dateOk, dateTotal),
    dateFalse: ratio(dateFalse, dateNull),
    quotes: { precision: ratio(qHit, qPred), recall: ratio(qGoldHit, qGold) },
    titleAccuracy: ratio(tOk, tTotal),
    keep: ratio(keepOk, keepTotal),
    sentences: ratio(sentOk, sentTotal),
    drop: ratio(dropOk, dropTotal),
    misses,
  };
}
