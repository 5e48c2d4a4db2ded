// The peer a user would otherwise pick: the same corpus as a minimal Hugo site (Debian's `hugo`), with
// `events` and `actors` taxonomies, a page per article, per event and per actor, right to left.
// Its front matter carries the tags our build found (read from our build's /api/articles.json), its body
// is the article's raw text as Markdown: Hugo does less work than we do (no cleaning, no tagging).
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface HugoArticle {
  id: string;
  title: string;
  date: string | null;
  events: { id: string }[];
  actors: { id: string }[];
  source: string;
}

const BASEOF = `<!doctype html>
<html lang="ar" dir="rtl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} — أرشيف الأخبار{{ end }}</title>
<link rel="stylesheet" href="/site.css"></head>
<body>
<header><a href="/">أرشيف الأخبار</a>
<nav><a href="/articles/">المقالات</a> <a href="/events/">الأحداث</a> <a href="/actors/">الفاعلون</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`;
const SINGLE = `{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p>{{ .Date.Format "2006-01-02" }}</p>
{{ .Content }}
<ul>{{ range .GetTerms "events" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
<ul>{{ range .GetTerms "actors" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>
</article>{{ end }}
`;
// Term pages list their articles in pages of 20, like ours.
const LIST = `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range (.Paginate .Pages 20).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}<p>{{ .Summary | plainify | truncate 200 }}</p></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}{{ end }}
`;
const TERMS = `{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
`;

/** Write the Hugo site for `articles` (raw text read from `seedsDir`) into `dir`. */
export function writeHugoSite(articles: HugoArticle[], seedsDir: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  for (const d of ["content/articles", "layouts/_default", "static"]) mkdirSync(path.join(dir, d), { recursive: true });
  writeFileSync(
    path.join(dir, "hugo.toml"),
    `baseURL = "http://localhost:8080/"\nlanguageCode = "ar"\ndefaultContentLanguage = "ar"\ntitle = "أرشيف الأخبار"\n` +
      `disableKinds = ["RSS"]\n[taxonomies]\n  event = "events"\n  actor = "actors"\n[languages.ar]\n  languageDirection = "rtl"\n` +
      `[pagination]\n  pagerSize = 20\n`,
  );
  writeFileSync(path.join(dir, "layouts/_default/baseof.html"), BASEOF);
  writeFileSync(path.join(dir, "layouts/_default/single.html"), SINGLE);
  writeFileSync(path.join(dir, "layouts/_default/list.html"), LIST);
  writeFileSync(path.join(dir, "layouts/_default/terms.html"), TERMS);
  writeFileSync(path.join(dir, "static/site.css"), "body{font-family:serif;max-inline-size:40rem;margin-inline:auto}\n");
  writeFileSync(path.join(dir, "content/articles/_index.md"), "---\ntitle: المقالات\n---\n");
  for (const a of articles) {
    const body = readFileSync(path.join(seedsDir, a.source), "utf8").split("\n").filter(Boolean).join("\n\n");
    const fm = [
      "---",
      `title: ${JSON.stringify(a.title)}`,
      ...(a.date ? [`date: ${a.date}`] : []),
      `events: [${a.events.map((e) => JSON.stringify(e.id)).join(", ")}]`,
      `actors: [${a.actors.map((x) => JSON.stringify(x.id)).join(", ")}]`,
      "---",
    ].join("\n");
    writeFileSync(path.join(dir, "content/articles", `${a.id}.md`), `${fm}\n${body}\n`);
  }
}
