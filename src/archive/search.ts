// What the search index receives for each article: the text readers see, followed by the folded form
// of every word and of the word without its attached particles (hidden from readers), so that
// "اوباما" finds "أوباما", "كيرى" finds "كيري" and "الرئيس" finds "والرئيس" and "للرئيس".
import type { Archive } from "../model.ts";
import { formsOf, tokenize } from "../text/index.ts";

export interface SearchRecord {
  url: string;
  content: string;
  language: "ar";
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

export const FILTER_EVENT = "الحدث";
export const FILTER_ACTOR = "الفاعل";

/** Every folded and particle-free form of the words of `text`, once each. */
export function searchForms(text: string): string {
  const seen = new Set<string>();
  for (const t of tokenize(text)) for (const f of formsOf(t)) seen.add(f);
  return [...seen].join(" ");
}

export function searchRecords(archive: Archive): SearchRecord[] {
  const abs = (u: string) => archive.base + u.replace(/^\//, "");
  return archive.articles.map((a) => {
    const visible = [a.title, ...a.paragraphs.map((p) => p.map((r) => r.text).join("")), a.html ? a.excerpt : ""].join("\n");
    return {
      url: abs(a.url),
      content: `${visible}\n${searchForms(visible)}`,
      language: "ar",
      // Pagefind shows every meta key but the title under the result: the key is the label.
      meta: { title: a.title, ...(a.date ? { ["التاريخ"]: `${a.date.gregorian}${a.date.inferred ? " (مستنتج)" : ""}` } : {}) },
      filters: {
        [FILTER_EVENT]: a.events.map((e) => e.name),
        [FILTER_ACTOR]: a.actors.map((x) => x.name),
      },
    };
  });
}
