// Pictures drawn at build time as inline SVG: the geometry is computed here, the markup is in
// templates/_includes/charts.njk. Time runs from right to left, as Arabic is read.
// Every word and number in them comes from the site's dictionary and digits (src/strings).
import type { ArticleEntry, Bar, BarChart, Matrix } from "../model.ts";
import type { Ui } from "../strings/index.ts";

export type { Bar, BarChart, Matrix } from "../model.ts";

const WIDTH = 640;
const HEIGHT = 180;
const PAD = { top: 10, bottom: 28, side: 8 };
/** Every month from the first to the last, as YYYY-MM. */
function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split("-").map(Number) as [number, number];
  const [ly, lm] = last.split("-").map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * Stacked bars by month. `values(article)` gives, for one article, the series it counts in and how
 * much (an article's primary event and 1, or an actor's mentions); `noun` is the counted noun of the
 * values ("articles", "mentions"), `label` names a month ("2015-11" → "نوفمبر 2015").
 */
export function monthBars(
  ui: Ui,
  label: (month: string) => string,
  title: string,
  articles: ArticleEntry[],
  legend: string[],
  values: (a: ArticleEntry) => { series: number; value: number } | null,
  noun: string,
): BarChart | null {
  const dated = articles.filter((a) => a.date);
  if (!dated.length) return null;
  let first = "9999-99";
  let last = "";
  for (const a of dated) {
    const key = a.date!.iso.slice(0, 7);
    if (key < first) first = key;
    if (key > last) last = key;
  }
  const months = monthRange(first, last);
  const sums = months.map(() => legend.map(() => 0));
  const index = new Map(months.map((m, i) => [m, i]));
  for (const a of dated) {
    const v = values(a);
    if (v) sums[index.get(a.date!.iso.slice(0, 7))!]![v.series]! += v.value;
  }
  const totals = sums.map((s) => s.reduce((n, x) => n + x, 0));
  const max = Math.max(1, ...totals);
  const slot = (WIDTH - 2 * PAD.side) / months.length;
  const w = Math.max(1, Math.min(40, slot * 0.8));
  const plot = HEIGHT - PAD.top - PAD.bottom;
  const bars: Bar[] = [];
  months.forEach((key, i) => {
    // Right to left: the first month at the right edge.
    const x = WIDTH - PAD.side - (i + 1) * slot + (slot - w) / 2;
    let top = HEIGHT - PAD.bottom;
    sums[i]!.forEach((value, series) => {
      if (!value) return;
      const h = (value / max) * plot;
      top -= h;
      bars.push({ x: round(x), y: round(top), w: round(w), h: round(h), series, label: ui.t("chart.bar", { month: label(key), count: ui.count(value, noun), series: legend[series]! }) });
    });
  });
  const step = Math.ceil(months.length / 6);
  const ticks = months
    .map((key, i) => ({ i, key }))
    .filter(({ i }) => i % step === 0 || i === months.length - 1)
    .map(({ i, key }) => ({ x: round(WIDTH - PAD.side - (i + 0.5) * slot), text: label(key) }));
  const busiest = months[totals.indexOf(Math.max(...totals))]!;
  const total = totals.reduce((n, x) => n + x, 0);
  return {
    title,
    // A single month is no span and has no busiest month of several.
    desc: months.length === 1
      ? ui.t("chart.descOneMonth", { count: ui.count(total, noun), month: label(months[0]!) })
      : ui.t("chart.desc", { count: ui.count(total, noun), first: label(months[0]!), last: label(months[months.length - 1]!), busiest: label(busiest), most: ui.count(Math.max(...totals), noun) }),
    width: WIDTH,
    height: HEIGHT,
    bars,
    ticks,
    legend: legend.map((l, series) => ({ series, label: l })).filter(({ series }) => sums.some((s) => s[series]! > 0)),
    baseline: HEIGHT - PAD.bottom,
  };
}

/** How often each pair of an event's most-named actors appears in the same article. */
export function pairMatrix(ui: Ui, title: string, articles: ArticleEntry[], actors: { id: string; name: string; url: string }[]): Matrix | null {
  const names = actors.slice(0, 8);
  if (names.length < 2) return null;
  const cell = 34;
  const labelWidth = 150;
  const counts = names.map(() => names.map(() => 0));
  for (const a of articles) {
    const present = names.map((n) => a.actors.some((x) => x.id === n.id));
    for (let i = 0; i < names.length; i++) for (let j = 0; j < names.length; j++) if (i !== j && present[i] && present[j]) counts[i]![j]!++;
  }
  const max = Math.max(1, ...counts.flat());
  const cells: Matrix["cells"] = [];
  let strongest = { i: 0, j: 1, n: -1 };
  for (let i = 0; i < names.length; i++) {
    for (let j = 0; j < names.length; j++) {
      if (i === j) continue;
      const n = counts[i]![j]!;
      if (i < j && n > strongest.n) strongest = { i, j, n };
      // Right to left: the first actor's column at the right, beside the names.
      cells.push({ x: (names.length - 1 - j) * cell, y: i * cell, count: n, shown: ui.num(n), shade: round(n / max), dark: n / max > 0.5, label: ui.t("chart.pairsCell", { first: names[i]!.name, second: names[j]!.name, articles: ui.count(n, "articles") }) });
    }
  }
  return {
    title,
    desc: ui.t("chart.pairsDesc", { actors: ui.count(names.length, "actors"), first: names[strongest.i]!.name, second: names[strongest.j]!.name, articles: ui.count(strongest.n, "articles") }),
    size: names.length * cell,
    cell,
    labelWidth,
    names,
    cells,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
