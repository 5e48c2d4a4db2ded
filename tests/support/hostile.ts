// A corpus of hostile and broken seeds beside good ones, with what the build must say about each.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
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
}

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
  return [
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
