// `npm run new -- "عنوان المقال"`: a new Markdown article in the articles folder, like `hugo new`.
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";

/** Today as YYYY-MM-DD, on the editor's clock. */
function localDay(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/**
 * The file name for a new article: the day, then the title's ASCII words when it has some (an Arabic title
 * is not transliterated), then a number when the name is taken: 2026-12-06.md, 2026-12-06-2.md, …
 */
export function newFileName(title: string, day: string, n: number): string {
  const ascii = title.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  return `${day}${ascii ? `-${ascii}` : ""}${n > 1 ? `-${n}` : ""}.md`;
}

/** The text of a new article: the usual front matter (see the README's table) and a paragraph to replace. */
export function newArticleText(title: string, day: string): string {
  return [
    "---",
    `title: ${JSON.stringify(title)}`,
    `date: ${day}`,
    "draft: true",
    "tags: []",
    'author: ""',
    'description: ""',
    "# image: photo.jpg",
    '# image_alt: ""',
    '# image_caption: ""',
    "---",
    "",
    "اكتب هنا نص المقال، وافصل بين الفقرات بسطر فارغ. المقال مسودة لا تظهر في الموقع حتى تحذف السطر الذي يقول إنه مسودة من رأس الملف.",
    "",
  ].join("\n");
}

/** Write a new article into `dir` (made if missing), never over an existing file; returns its path. */
export function newArticle(dir: string, title: string, now = new Date()): string {
  const clean = title.replace(/\s+/g, " ").trim();
  if (!clean) throw new Error('give the article a title: npm run new -- "عنوان المقال"');
  mkdirSync(dir, { recursive: true });
  const day = localDay(now);
  for (let n = 1; n < 1000; n++) {
    const file = path.join(dir, newFileName(clean, day, n));
    let fd: number;
    try {
      // "wx": fails when the file exists, so nothing is ever overwritten (even by two commands at once).
      fd = openSync(file, "wx");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw e;
    }
    try {
      writeSync(fd, newArticleText(clean, day));
    } finally {
      closeSync(fd);
    }
    return file;
  }
  throw new Error(`too many articles named for ${day} in ${dir}`);
}

/** The `new` command: writes the article and says where (exit code 0), or why not (1). */
export function runNew(dir: string, title: string): number {
  try {
    const file = newArticle(dir, title);
    console.log(`Wrote ${path.relative(process.cwd(), file)} (a draft: \`npm run build -- --drafts\` shows it; remove "draft: true" to publish it)`);
    return 0;
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    return 1;
  }
}
