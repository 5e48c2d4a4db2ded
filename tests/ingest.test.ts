// Ingest on files written by the test: encodings, empty, binary, other languages, front matter.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { isUtf8 } from "node:buffer";
import { francAll } from "franc";
import { ingest, decode, firstInvalidUtf8, language, languageRejection } from "../src/ingest/index.ts";

const ARABIC = "أعلنت وزارة الصحة اليوم عن حملة وطنية للتطعيم ضد الحصبة تشمل جميع المحافظات، وقالت إن الحملة تستمر شهراً كاملاً.";
let dir: string;
const reasons = new Map<string, string>();
let accepted: Awaited<ReturnType<typeof ingest>>["seeds"];

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "ingest-"));
  const w = (name: string, data: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  };
  w("plain.txt", ARABIC);
  w("bom-crlf.txt", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARABIC.replace("، ", "،\r\n"))]));
  w("utf16.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARABIC, "utf16le")]));
  w("empty.txt", "");
  w("blank.txt", "  \n\n \t");
  w("broken.txt", Buffer.concat([Buffer.from(ARABIC.slice(0, 20)), Buffer.from([0xd8]), Buffer.from(" نص")]));
  w("binary.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x0d, 0x0a, 0x1a, 0x0a]));
  w("english.txt", "The foreign ministers of the coalition met in London on Thursday to discuss the fight against the group.");
  w("persian.txt", "وزیر امور خارجه ایران روز پنجشنبه در نشستی خبری گفت که کشورش از هرگونه گفتگو برای پایان جنگ در سوریه حمایت می‌کند و این موضوع را با همتایان خود در میان گذاشته است.");
  // Other languages in the Arabic script, each about as long as the sample franc judges (200 characters).
  w("persian-arabic-letters.txt", "وزير خارجه فرانسه در پاريس گفت كه دولت عراق براي مبارزه با داعش به كمك بين المللي نياز دارد و كشورهاي حاضر در اين كنفرانس قول دادند كه اين كمك را فراهم كنند. او افزود كه اين جنگ طولاني خواهد بود.");
  w("dari.txt", "به گزارش خبرگزاری‌ها، رهبران گروه بیست در شهر آنتالیا گرد هم آمدند تا درباره اقتصاد جهانی، بحران پناهجویان و مبارزه با تروریسم گفتگو کنند. رئیس‌جمهور ترکیه میزبان این نشست بود و گفت همه کشورها باید همکاری کنند.");
  w("urdu.txt", "لندن میں داعش کے خلاف اتحاد کے وزرائے خارجہ کا اجلاس جمعرات کو منعقد ہوا۔ برطانوی وزیر خارجہ نے کہا کہ اتحاد اس تنظیم کو شکست دینے کے لیے پرعزم ہے اور عراق کی حکومت کی مدد جاری رکھی جائے گی۔");
  w("pashto.txt", "د افغانستان د بهرنیو چارو وزیر په لندن کې د داعش پر ضد د ائتلاف په غونډه کې ګډون وکړ او ویې ویل چې د ترهګرۍ پر ضد مبارزه باید دوام ولري او ټول هیوادونه باید یو بل سره همکاري وکړي.");
  w("sorani.txt", "سەرۆکی هەرێمی کوردستان لە کۆبوونەوەیەکدا لەگەڵ وەزیری دەرەوەی فەرەنسا باسی شەڕی دژی داعشی کرد و گوتی کە پێویستە هاوپەیمانی نێودەوڵەتی پشتگیری زیاتری هێزەکانی پێشمەرگە بکات.");
  w("sub dir/مقال عربي.md", `---\ntitle: عنوان من البيانات\ndate: 2015-11-16\nevents: [g20-antalya-2015]\nsource: صحيفة\n---\n${ARABIC}\n`);
  w("bad-yaml.md", `---\ntitle: "unterminated\ndate: [\n---\n${ARABIC}\n`);
  w("notes.json", "{}");
  symlinkSync("/etc/hostname", path.join(dir, "outside.txt"));
  symlinkSync(path.join(dir, "loop-b.txt"), path.join(dir, "loop-a.txt"));
  symlinkSync(path.join(dir, "loop-a.txt"), path.join(dir, "loop-b.txt"));
  const r = await ingest(dir);
  accepted = r.seeds;
  for (const x of r.rejections) reasons.set(x.source, x.reason);
});

after(() => rmSync(dir, { recursive: true, force: true }));

test("UTF-8 with or without BOM, CRLF, and UTF-16 with BOM are read", () => {
  const names = accepted.map((s) => s.source);
  assert.deepEqual(names, ["bom-crlf.txt", "plain.txt", "sub dir/مقال عربي.md", "utf16.txt"]);
  assert.ok(!accepted.find((s) => s.source === "bom-crlf.txt")!.body.includes("\r"));
  assert.ok(!accepted.find((s) => s.source === "bom-crlf.txt")!.body.startsWith("\uFEFF"));
  assert.equal(accepted.find((s) => s.source === "utf16.txt")!.body, ARABIC);
  assert.deepEqual(accepted.find((s) => s.source === "utf16.txt")!.warnings, ["decoded from UTF-16 (little-endian, with BOM)"]);
});

test("bad files are named with their reason", () => {
  assert.equal(reasons.get("empty.txt"), "empty file");
  assert.equal(reasons.get("blank.txt"), "empty file (only whitespace)");
  assert.match(reasons.get("broken.txt")!, /^not valid UTF-8 \(byte 0xd8 at offset \d+\)$/);
  assert.match(reasons.get("binary.txt")!, /^binary file/);
  assert.match(reasons.get("english.txt")!, /^not Arabic: the text reads as English/);
  assert.match(reasons.get("persian.txt")!, /^not Arabic: the text reads as Persian/);
  assert.match(reasons.get("persian-arabic-letters.txt")!, /^not Arabic: the text reads as Persian/);
  assert.match(reasons.get("dari.txt")!, /^not Arabic: the text reads as Persian/);
  assert.match(reasons.get("urdu.txt")!, /^not Arabic: the text reads as Urdu/);
  assert.match(reasons.get("pashto.txt")!, /^not Arabic: the text reads as Pashto/);
  // franc has no model of Sorani: it reads as Persian, which is still not Arabic.
  assert.match(reasons.get("sorani.txt")!, /^not Arabic: /);
  assert.match(reasons.get("bad-yaml.md")!, /^invalid YAML front matter at line \d+/);
  assert.equal(reasons.get("outside.txt"), "symbolic link pointing outside the seeds folder (not followed)");
  assert.match(reasons.get("loop-a.txt")!, /symbolic link loop/);
  assert.ok(!reasons.has("notes.json"), "only .txt and .md are seeds");
});

test("the language is judged on the first 100 characters only when they are plainly Arabic", () => {
  const first100 = (t: string) => francAll(t.slice(0, 100), { minLength: 10 });
  // Plain Arabic news: franc is sure on the first 100 characters.
  const news = "قال وزير الخارجية في مؤتمر صحفي عقده في العاصمة إن بلاده ستستضيف جولة جديدة من المحادثات الشهر المقبل، مؤكدا أن الوفود ستناقش ملف اللاجئين وإعادة الإعمار وأن الدعوات أرسلت إلى جميع الأطراف المعنية.";
  assert.equal(language(news), "arb");
  assert.ok(first100(news)[1]![1] <= 0.9, "a clear reading on 100 characters");
  // An Arabic article that opens with a Persian quote: a close call on 100 characters, Arabic on 200.
  const quoted = "نقلت وكالة مهر عن وزير الخارجية قوله: «ما با همه کشورها گفتگو می‌کنیم» وأضاف الوزير أن بلاده ستواصل دعم الحكومة السورية، مؤكدا أن الحل السياسي هو الطريق الوحيد لإنهاء الأزمة التي دخلت عامها الخامس.";
  assert.ok(first100(quoted)[1]![1] > 0.9, "a close call on 100 characters");
  assert.equal(language(quoted), "arb");
  // A Persian statement that opens with an Arabic formula: the first 100 characters read as Arabic, but
  // the Persian letters after them (ی ک گ) send it to the 200-character judgement, which reads Persian.
  const persian = "بسم الله الرحمن الرحيم، الحمد لله رب العالمين والصلاة على رسوله الكريم. وزیر امور خارجه ایران روز پنجشنبه در نشستی خبری گفت که کشورش از هرگونه گفتگو برای پایان جنگ در سوریه حمایت می‌کند.";
  assert.equal(first100(persian)[0]![0], "arb", "the opening alone reads as Arabic");
  assert.match(languageRejection(language(persian))!, /^not Arabic: the text reads as Persian/);
  // The same with Persian typed in Arabic ي and ك (no Persian letter to see): its words send it on.
  const typed = "بسم الله الرحمن الرحيم، الحمد لله رب العالمين والصلاة على رسوله الكريم. وزير امور خارجه ايران روز سه شنبه در نشستي خبري اعلام كرد كه كشورش از هر نوع مذاكره براي صلح در سوريه حمايت ميكند و اين موضع تغيير نميكند.";
  assert.ok(!/[\u06A9\u06CC\u06AF\u067E\u0686\u0698\u200C]/.test(typed), "no Persian letter");
  assert.equal(first100(typed)[0]![0], "arb", "the opening alone reads as Arabic");
  assert.match(languageRejection(language(typed))!, /^not Arabic: the text reads as Persian/);
});

test("front matter is read from .md seeds", () => {
  const md = accepted.find((s) => s.format === "md")!;
  assert.equal(md.meta.title, "عنوان من البيانات");
  assert.equal(md.meta.date, "2015-11-16");
  assert.deepEqual(md.meta.events, ["g20-antalya-2015"]);
  assert.equal(md.meta.source, "صحيفة");
  assert.equal(md.body.trim(), ARABIC);
});

test("firstInvalidUtf8 finds overlong and truncated sequences", () => {
  assert.equal(firstInvalidUtf8(Buffer.from("سلام")), -1);
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0x80])), 1);
  assert.equal(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe2, 0x82])), 2);
  assert.equal(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0);
});

test("decode() rejects exactly what Node's UTF-8 check rejects, and reads the rest as TextDecoder does", () => {
  // decode() asks Node's native check first and looks for the offset only in a bad file: both must agree.
  const samples = [
    Buffer.from("سلام عليكم"),
    Buffer.from([0x61, 0xc0, 0x80]), // overlong
    Buffer.from([0x61, 0x62, 0xe2, 0x82]), // cut short
    Buffer.from([0xed, 0xa0, 0x80]), // a surrogate
    Buffer.from([0xf4, 0x90, 0x80, 0x80]), // past U+10FFFF
    Buffer.concat([Buffer.from("قال الوزير"), Buffer.from([0xd8])]),
  ];
  for (const b of samples) assert.equal(isUtf8(b), firstInvalidUtf8(b) === -1, b.toString("hex"));
  assert.throws(() => decode(Buffer.from([0x61, 0xc0, 0x80]), []), /not valid UTF-8 \(byte 0xc0 at offset 1\)/);
  assert.throws(() => decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf, 0x61]), Buffer.from([0xed, 0xa0, 0x80])]), []), /at offset 4\)/);
  // One byte-order mark is dropped with its bytes, a second one as TextDecoder drops it; the text is otherwise as written.
  const text = "وقال هاموند: «التحالف سيهزم داعش»\nفي لندن";
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  for (const bytes of [Buffer.from(text), Buffer.concat([bom, Buffer.from(text)]), Buffer.concat([bom, bom, Buffer.from(text)])]) {
    const expected = new TextDecoder("utf-8").decode(bytes[0] === 0xef ? bytes.subarray(3) : bytes);
    assert.equal(decode(bytes, []), expected);
    assert.equal(decode(bytes, []), text);
  }
  // Files of 64 bytes or more go through ICU's converter, shorter ones through Node's decoder: both read
  // Arabic, Latin, letters outside the BMP and a byte-order mark inside the text as TextDecoder does.
  const long = "مؤتمر باريس 🇫🇷 حول العراق\uFEFF — Paris conference, ١٥ أيلول ٢٠١٤ 𝐀".repeat(20);
  for (const sample of [long, long.slice(0, 20), "plain ASCII text of more than sixty-four bytes, in English only."]) {
    assert.equal(decode(Buffer.from(sample), []), new TextDecoder("utf-8", { ignoreBOM: true }).decode(Buffer.from(sample)), sample.slice(0, 20));
  }
});

test("seed files are read without following links, and a link is followed only to a file inside the folder", async () => {
  const d = mkdtempSync(path.join(tmpdir(), "ingest-links-"));
  try {
    writeFileSync(path.join(d, "real.txt"), ARABIC);
    mkdirSync(path.join(d, "sub"));
    writeFileSync(path.join(d, "sub", "inner.txt"), ARABIC + " وأضاف المتحدث أن الحملة ناجحة.");
    // A link to a seed inside the folder is read as that seed; a link to a folder is not followed.
    symlinkSync(path.join(d, "sub", "inner.txt"), path.join(d, "link-inside.txt"));
    symlinkSync(path.join(d, "sub"), path.join(d, "folder.txt"));
    // A folder reached through a link is not walked into.
    symlinkSync(path.join(d, "sub"), path.join(d, "linked-dir"));
    const r = await ingest(d);
    assert.deepEqual(r.seeds.map((s) => s.source), ["link-inside.txt", "real.txt", "sub/inner.txt"]);
    assert.equal(r.seeds.find((s) => s.source === "link-inside.txt")!.body, r.seeds.find((s) => s.source === "sub/inner.txt")!.body);
    assert.deepEqual(r.rejections, [{ source: "folder.txt", reason: "symbolic link to a folder (not followed)" }]);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});
