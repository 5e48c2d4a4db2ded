// A corpus of hostile and broken seeds beside good ones, with what the build must say about each.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

const GOOD = (n: string) =>
  `عقد وزراء الزراعة العرب اجتماعا في العاصمة لبحث أمن الغذاء في المنطقة، وتناولوا خطة ${n} لتخزين الحبوب. وقال المشاركون إن التعاون بين الدول ضروري لمواجهة ارتفاع الأسعار العالمية.`;

export const SCRIPT = `<script>alert("xss")</script><img src=x onerror="alert('img')">`;

export interface Expectation {
  source: string;
  /** The reason the report must give, or null when the file must be built. */
  reason: RegExp | null;
  /** A warning the report must carry for a built file. */
  warning?: RegExp;
  /** A file that would exist if the seed's front matter had been run as code (it must not). */
  marker?: string;
}

/** Spellings of another language after the opening fence of front matter: none may reach an evaluator. */
export const FENCES = ["js", "JS", " js ", "javascript", "JavaScript", "coffee", "toml", "json", "wat", "\u00a0js", "Js\t"];

/** Control characters in a front-matter string (YAML escapes): C0, a noncharacter, C1, a lone surrogate. */
export const CONTROL_TITLE = "قمة \\x01 \\uFFFE \\x85 \\uD800 \\x1b[31m العشرين";

/** Bidi embedding, override and isolate controls; RLM (U+200F) and ALM (U+061C) stay. */
export const BIDI = "\u202E\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069";

/** A file name with a terminal escape code and a newline that would print a fake line of the summary. */
export const TERMINAL_NAME = "evil\u001b[2J\u001b[31mred\nSkipped 0 file(s).txt";

/** An empty file (skipped, so printed in the summary) whose name would clear a line and print a fake one. */
export const TERMINAL_SKIPPED = "\u001b[2K\rfake\nSkipped 0 file(s):.txt";

/** Whether this process can be refused a folder (root reads any folder whatever its mode). */
export const CAN_LOCK = process.getuid?.() !== 0;

export function makeHostileSeeds(dir: string): Expectation[] {
  const w = (name: string, data: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  };
  w("good-one.txt", GOOD("أولى"));
  w("empty.txt", "");
  w("binary.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  w("invalid-utf8.txt", Buffer.concat([Buffer.from(GOOD("ثانية").slice(0, 40)), Buffer.from([0xc3, 0x28]), Buffer.from(GOOD("ثالثة"))]));
  w("utf16.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD("رابعة"), "utf16le")]));
  w("huge.txt", Buffer.alloc(20 * 1024 * 1024, Buffer.from(`${GOOD("كبيرة")}\n`)));
  w(`${Array.from({ length: 50 }, (_, i) => `d${i + 1}`).join("/")}/deep.txt`, GOOD("عميقة"));
  symlinkSync(path.join(dir, "loop-b.txt"), path.join(dir, "loop-a.txt"));
  symlinkSync(path.join(dir, "loop-a.txt"), path.join(dir, "loop-b.txt"));
  symlinkSync("/etc/hostname", path.join(dir, "outside.txt"));
  mkdirSync(path.join(dir, "linked-dir-target"), { recursive: true });
  w("name with spaces.txt", GOOD("بمسافات"));
  w("مقال بأحرف عربية.txt", GOOD("عربية"));
  w("bad-yaml.md", `---\ntitle: عنوان\ndate: 2015-11-15\nevents: [g20-antalya-2015\n---\n${GOOD("خامسة")}\n`);
  w("slug-escape.md", `---\nslug: ../../outside\n---\n${GOOD("سادسة")}\n`);
  w("slug-absolute.md", `---\nslug: /tmp/absolute-slug\n---\n${GOOD("سابعة")}\n`);
  w("long-title.md", `---\ntitle: "${"عنوان طويل جدا ".repeat(334).trim()}"\n---\n${GOOD("ثامنة")}\n`);
  w("html-front-matter.md", `---\ntitle: >-\n  عنوان ${SCRIPT}\nsource: >-\n  ${SCRIPT}\n---\n${GOOD("تاسعة")}\n\n${SCRIPT}\n`);
  w("html-body.txt", `${GOOD("عاشرة")}\n${SCRIPT} وهذا سطر عربي بعد الوسم.\n`);
  w("unknown-ids.md", `---\nevents: [no-such-event]\nactors: [nobody-at-all]\n---\n${GOOD("حادية عشرة")}\n`);
  w("dup-a.txt", GOOD("مكررة"));
  w("dup-b.txt", GOOD("مكررة"));
  // Front matter in another language: each would write its marker file if it were run.
  const markers: Expectation[] = FENCES.map((fence, i) => {
    const marker = path.join(dir, "..", `ran-${i}`);
    const code = `{ title: (require("fs").writeFileSync(${JSON.stringify(marker)}, "ran"), "عنوان") }`;
    const source = `fence-${i}.md`;
    w(source, `---${fence}\n${code}\n---\n${GOOD(`ثانية عشرة ${i}`)}\n`);
    return { source, reason: /^front matter in another language than YAML \(".*" after the opening ---\); only YAML front matter is read, nothing in it was run$/, marker };
  });
  // The same fence with CRLF line ends, after a byte-order mark, and after three (decoding drops two;
  // gray-matter would drop the third and find the fence).
  const BOM = "\uFEFF";
  for (const [name, start, nl] of [["crlf", "", "\r\n"], ["bom", BOM, "\n"], ["bom3", BOM.repeat(3), "\r\n"]] as const) {
    const marker = path.join(dir, "..", `ran-${name}`);
    const code = `{ title: (require("fs").writeFileSync(${JSON.stringify(marker)}, "ran"), "عنوان") }`;
    const source = `fence-${name}.md`;
    w(source, `${start}---js${nl}${code}${nl}---${nl}${GOOD(`ثانية عشرة ${name}`)}${nl}`);
    markers.push({ source, reason: /^front matter in another language than YAML \("js" after the opening ---\); only YAML front matter is read, nothing in it was run$/, marker });
  }
  const tagMarker = path.join(dir, "..", "ran-tag");
  w("yaml-js-tag.md", `---\ntitle: !!js/function "function () { require('fs').writeFileSync('${tagMarker}', 'ran') }"\n---\n${GOOD("ثالثة عشرة")}\n`);
  w("yaml-custom-tag.md", `---\ntitle: !shell "touch ${tagMarker}"\n---\n${GOOD("رابعة عشرة")}\n`);
  const laughs = ["a: &a [x, x, x, x, x, x, x, x, x]", ..."bcdefgh".split("").map((c, i) => `${c}: &${c} [${Array(9).fill(`*${"abcdefgh"[i]}`).join(", ")}]`)].join("\n");
  w("yaml-bomb.md", `---\n${laughs}\n---\n${GOOD("خامسة عشرة")}\n`);
  w("yaml-proto.md", `---\n__proto__:\n  title: ملوث\ntitle: عنوان عادي\n---\n${GOOD("سادسة عشرة")}\n`);
  w("fence-yaml.md", `---yaml\ntitle: عنوان بسياج yaml\n---\n${GOOD("سابعة عشرة")}\n`);
  w("nunjucks.md", `---\ntitle: "{{ 7 * 7 }} {% raw %}"\nbyline: "{{ range(1, 100000000) | join }}"\n---\n${GOOD("ثامنة عشرة")} {{ 6 * 7 }}\n`);
  // Characters no XML feed may hold, in front matter, in a Markdown body and in a text body.
  // A text of its own (the GOOD texts are one story to the wire-copy finder, whose lists show only the first copy).
  w("controls.md", `---\ntitle: "${CONTROL_TITLE}"\nsource: "وكالة \\x07 \\uFFFF"\ntags: ["حدائق \\x02", "بلدية\\x1b[0m"]\nauthor: "محرر \\x0c"\ndescription: "وصف \\x0b الحديقة"\n---\nافتتحت البلدية حديقة عامة جديدة على ضفة النهر، تضم مسارات للمشي وملاعب للأطفال ومكتبة صغيرة في الهواء الطلق. وقال رئيس البلدية إن الحديقة ستفتح أبوابها كل يوم حتى منتصف الليل. \u0001\u0085\uFFFE\n`);
  w("controls.txt", `${GOOD("عشرون")}\u0002 \u009B \uFFFF \u0008\n`);
  // Bidi overrides in a title, a byline, a body and a file name.
  w(`bidi${BIDI}.md`, `---\ntitle: "عنوان ${BIDI}مقلوب\u200F"\nbyline: "كاتب${BIDI}"\n---\n${GOOD("حادية وعشرون")} ${BIDI}نص\u061C\n`);
  w(TERMINAL_NAME, GOOD("ثانية وعشرون"));
  w(TERMINAL_SKIPPED, "");
  w("terminal-slug.md", `---\nslug: "\\x1b[31mred\\nfake"\n---\n${GOOD("رابعة وعشرون")}\n`);
  // Links that look local and lead to another site.
  // As Markdown: "\\" is one backslash, so "\\\\" is the two of \\evil.example.
  w("links.md", `---\ntitle: روابط\n---\n${GOOD("ثالثة وعشرون")}\n\n${String.raw`[رابط أول](/\evil.example/) و[رابط ثان](//evil.example/) و[رابط ثالث](\\\\evil.example) و[رابط رابع](/\\\\evil.example) و[رابط خامس](https://example.org/) و[رابط محلي](/events/) و[رابط سادس](javascript:alert(1))`}\n`);
  // A paragraph of written dates, and files of one name in many folders (one slug each).
  w("dates.txt", Array.from({ length: 300 }, (_, i) => `اجتمع الوزراء في ${(i % 28) + 1} نوفمبر ${2000 + (i % 16)} لبحث أمن الغذاء`).join("، "));
  for (let i = 1; i <= 3; i++) w(`same/s${i}/article.txt`, GOOD(`بالاسم نفسه ${["أ", "ب", "ج"][i - 1]}`));
  // What the listing finds and does not read.
  mkdirSync(path.join(dir, "folder.md"));
  w("folder.md/inside.txt", GOOD("داخل مجلد"));
  w(".hidden.txt", GOOD("مخفي"));
  w(".drafts/draft.md", `---\ntitle: مسودة\n---\n${GOOD("مسودة")}\n`);
  w(".gitignore", "*.tmp\n");
  const fifo = spawnSync("mkfifo", [path.join(dir, "pipe.txt")]).status === 0;
  const device = CAN_LOCK ? false : spawnSync("mknod", [path.join(dir, "device.txt"), "c", "1", "3"]).status === 0;
  w("locked/inside.txt", GOOD("مقفل"));
  if (CAN_LOCK) chmodSync(path.join(dir, "locked"), 0o000);
  return [
    ...markers,
    { source: "yaml-js-tag.md", reason: /^invalid YAML front matter at line 2: tag not allowed \(plain YAML only\): tag:yaml.org,2002:js\/function$/, marker: tagMarker },
    { source: "yaml-custom-tag.md", reason: /^invalid YAML front matter at line 2: tag not allowed \(plain YAML only\): !shell$/, marker: tagMarker },
    { source: "yaml-bomb.md", reason: /^invalid YAML front matter: Excessive alias count/ },
    { source: "yaml-proto.md", reason: null },
    { source: "fence-yaml.md", reason: null },
    { source: "nunjucks.md", reason: null },
    { source: "controls.md", reason: null },
    { source: "controls.txt", reason: null },
    { source: `bidi${BIDI}.md`, reason: null },
    { source: TERMINAL_NAME, reason: null },
    { source: TERMINAL_SKIPPED, reason: /^empty file$/ },
    { source: "terminal-slug.md", reason: null, warning: /^front matter slug "\[31mred\nfake" is not a plain ASCII slug; using "31mred-fake"$/ },
    { source: "links.md", reason: null },
    { source: "dates.txt", reason: null },
    { source: "same/s1/article.txt", reason: null },
    { source: "same/s2/article.txt", reason: null },
    { source: "same/s3/article.txt", reason: null },
    { source: "folder.md", reason: /^a folder with an article file's name: not read as an article \(the files inside it are\)$/ },
    { source: "folder.md/inside.txt", reason: null },
    { source: ".hidden.txt", reason: /^hidden file \(the name starts with a dot\): not read$/ },
    { source: ".drafts", reason: /^hidden folder \(the name starts with a dot\): 1 article file\(s\) inside not read$/ },
    ...(fifo ? [{ source: "pipe.txt", reason: /^named pipe \(FIFO\), not a regular file: not read$/ }] : []),
    ...(device ? [{ source: "device.txt", reason: /^device file, not a regular file: not read$/ }] : []),
    ...(CAN_LOCK ? [{ source: "locked", reason: /^unreadable folder \(permission denied\): nothing inside it was read$/ }] : [{ source: "locked/inside.txt", reason: null }]),
    { source: "good-one.txt", reason: null },
    { source: "empty.txt", reason: /^empty file$/ },
    { source: "binary.txt", reason: /^binary file/ },
    { source: "invalid-utf8.txt", reason: /^not valid UTF-8 \(byte 0xc3 at offset \d+\)$/ },
    { source: "utf16.txt", reason: null, warning: /decoded from UTF-16/ },
    { source: "huge.txt", reason: /^file too large \(20\.0 MB; the limit is 5\.0 MB\)$/ },
    { source: `${Array.from({ length: 50 }, (_, i) => `d${i + 1}`).join("/")}/deep.txt`, reason: null },
    { source: "loop-a.txt", reason: /symbolic link loop \(not followed\)/ },
    { source: "loop-b.txt", reason: /symbolic link loop \(not followed\)/ },
    { source: "outside.txt", reason: /^symbolic link pointing outside the seeds folder \(not followed\)$/ },
    { source: "name with spaces.txt", reason: null },
    { source: "مقال بأحرف عربية.txt", reason: null },
    { source: "bad-yaml.md", reason: /^invalid YAML front matter at line 4:/ },
    { source: "slug-escape.md", reason: null, warning: /slug "\.\.\/\.\.\/outside" is not a plain ASCII slug; using "outside"/ },
    { source: "slug-absolute.md", reason: null, warning: /slug "\/tmp\/absolute-slug" is not a plain ASCII slug; using "tmp-absolute-slug"/ },
    { source: "long-title.md", reason: null, warning: /title is \d{4} characters; shortened to \d+/ },
    { source: "html-front-matter.md", reason: null },
    { source: "html-body.txt", reason: null },
    { source: "unknown-ids.md", reason: null, warning: /unknown event "no-such-event"/ },
    { source: "dup-a.txt", reason: null },
  ];
}
