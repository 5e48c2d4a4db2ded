// An event needs evidence of the event itself: one of its own names, or a place of it, a word of its kind
// of gathering and a time together. A word it shares with other gatherings is not enough.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { article, primary, mentioned } from "./helpers.ts";
import { loadRegistry, REGISTRY_DIR, RegistryError } from "../src/ingest/index.ts";

const events = (a: ReturnType<typeof article>) => a.events.map((e) => e.id);
/** A scraped page: headline, the date line under it, the body. */
const page = (headline: string, date: string, body: string) => article(`${headline}\n${date}\n\n${body}`);

test("a race meeting in London is not the coalition's London meeting", () => {
  const a = page(
    "العداء الجامايكي يفوز بسباق 100 متر",
    "27 يوليو 2015",
    "فاز العداء الجامايكي بسباق 100 متر أول من أمس الجمعة في لقاء لندن، المرحلة الحادية عشرة من الدوري الماسي لألعاب القوى، وسجل زمنا هو الأفضل له هذا الموسم أمام جمهور غفير في الملعب الأولمبي.",
  );
  assert.deepEqual(events(a), []);
});

test("a body of the G20 group is not the G20 summit, nor a summit of another year", () => {
  const youth = page(
    "الرياض تستضيف منصة لرواد الأعمال",
    "4 أغسطس 2015",
    "اعتمد تحالف شباب رواد الأعمال في مجموعة دول العشرين إنشاء منصة لقياس ريادة الأعمال في الرياض، تتيح للدول الأعضاء في مجموعة العشرين إدخال بياناتها. وشاركت اللجنة في الاجتماعات التحضيرية لقمة العشرين في اليابان.",
  );
  assert.deepEqual(events(youth), []);
  const memory = page("الفقيد كان رجل دولة", "2 أغسطس 2015", "ولن أنسى مشاركته برئاسة الوفد في مؤتمر قمة العشرين في بيتسبرغ بالولايات المتحدة بعد أيام من إجرائه عملية جراحية.");
  assert.deepEqual(events(memory), []);
});

test("a name shared with other gatherings, a place and a kind, but at another time, is not the event", () => {
  // اجتماع لندن + لندن, in an article of July 2015: six months after the coalition met there.
  const later = page("وزراء يبحثون ملف الهجرة", "20 يوليو 2015", "بحث وزراء داخلية أوروبيون في اجتماع لندن أمس سبل الحد من الهجرة غير النظامية عبر البحر المتوسط، واتفقوا على تعزيز الدوريات البحرية.");
  assert.deepEqual(events(later), []);
});

test("the same shared name with the event's place, kind and time is the event", () => {
  const a = page(
    "التحالف يراجع حربه على داعش",
    "23 يناير 2015",
    "بحث وزراء خارجية دول التحالف الدولي في اجتماع لندن أمس سبل وقف تمويل تنظيم داعش ومنع تدفق المقاتلين الأجانب، بمشاركة وزير الخارجية الأمريكي جون كيري ورئيس الوزراء العراقي حيدر العبادي.",
  );
  assert.equal(primary(a), "london-coalition-2015");
  // Undated: judged on the place and the kind of gathering (an article without a date cannot be placed in time).
  const undated = article("قال مصدر في الوفد العراقي المشارك في اجتماع لندن إن رئيس الوزراء حيدر العبادي حمل قائمة باحتياجات قواته من السلاح، وإن الحلفاء وعدوا بالدعم.");
  assert.equal(primary(undated), "london-coalition-2015");
});

test("one of the event's own names is enough, at any time: a later article mentions it", () => {
  const a = page(
    "أنقرة تستعد لرئاسة جديدة",
    "3 مارس 2016",
    "قال مسؤول تركي إن بلاده تعمل على متابعة ما اتفق عليه القادة في قمة أنطاليا بشأن اللاجئين، وإن الحكومة أعدت خطة لإسكان مئات الآلاف منهم في المدن الجنوبية خلال العام الجاري، وتنتظر دعما أوروبيا لها.",
  );
  assert.deepEqual(mentioned(a), ["g20-antalya-2015"]);
  assert.equal(primary(a), null);
});

function broken(edit: (s: string) => string): RegistryError {
  const dir = mkdtempSync(path.join(tmpdir(), "registry-"));
  try {
    cpSync(REGISTRY_DIR, dir, { recursive: true });
    const p = path.join(dir, "events.yaml");
    writeFileSync(p, edit(readFileSync(p, "utf8")));
    try {
      loadRegistry(dir);
    } catch (e) {
      assert.ok(e instanceof RegistryError, String(e));
      return e;
    }
    assert.fail("the broken registry was accepted");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("events.yaml: own, gatherings and window are checked, with the line", () => {
  const own = broken((s) => s.replace("{ text: قمة أنطاليا, weight: 5, own: true }", "{ text: قمة أنطاليا, weight: 5, own: yes please }"));
  assert.match(own.message, /event "g20-antalya-2015": phrases item \d+: own must be true or false/);
  assert.ok(own.line);
  const negative = broken((s) => s.replace("window: { before: 45, after: 60 }", "window: { before: -3, after: 60 }"));
  assert.match(negative.message, /event "g20-antalya-2015": window\.before must be a whole number of days/);
  const missing = broken((s) => s.replace(/\n    window: \{ before: 45, after: 60 \}/, ""));
  assert.match(missing.message, /event "g20-antalya-2015": window is missing/);
  const gatherings = broken((s) => s.replace("gatherings: [قمة,", "gatherings: { قمة:"));
  assert.ok(gatherings instanceof RegistryError);
});
