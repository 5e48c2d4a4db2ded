// A broken registry stops the build naming the file, the line, the entry and the problem.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkRegistry, loadRegistry, registryKey, RegistryError } from "../src/ingest/index.ts";
import { TextCache } from "../src/cache.ts";

const SRC = path.join(import.meta.dirname, "..", "registry");

function broken(file: string, edit: (s: string) => string): RegistryError {
  const dir = mkdtempSync(path.join(tmpdir(), "registry-"));
  try {
    cpSync(SRC, dir, { recursive: true });
    const p = path.join(dir, file);
    const changed = edit(readFileSync(p, "utf8"));
    assert.notEqual(changed, readFileSync(p, "utf8"), "the edit changed nothing");
    writeFileSync(p, changed);
    try {
      loadRegistry(dir);
    } catch (e) {
      assert.ok(e instanceof RegistryError, String(e));
      assert.equal(e.file, p, "the error names the edited file");
      return e;
    }
    assert.fail("the broken registry was accepted");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lineOf = (file: string, needle: string) => readFileSync(path.join(SRC, file), "utf8").split("\n").findIndex((l) => l.includes(needle)) + 1;

test("the shipped registry loads with the ids the archive promises", () => {
  const r = loadRegistry();
  assert.deepEqual(r.events.map((e) => e.id), ["g20-antalya-2015", "london-coalition-2015", "paris-conference-2014"]);
  for (const id of ["barack-obama", "vladimir-putin", "recep-tayyip-erdogan", "francois-hollande", "david-cameron", "john-kerry", "sergey-lavrov", "laurent-fabius", "philip-hammond", "haider-al-abadi", "fuad-masum", "ban-ki-moon", "ben-rhodes", "yuri-ushakov", "jean-yves-le-drian", "ashton-carter", "peter-cook", "michel-sapin", "salman-bin-abdulaziz", "bashar-al-assad", "william-taylor", "farah-dakhlallah", "islamic-state"]) {
    assert.ok(r.actors.some((a) => a.id === id), id);
  }
});

test("invalid YAML names the file and line", () => {
  const e = broken("actors.yaml", (s) => s.replace("- id: john-kerry\n  kind: person", "- id: john-kerry\n  kind: [person"));
  assert.match(e.message, /actors\.yaml:\d+: invalid YAML/);
});

test("a missing field names the entry and its line", () => {
  const e = broken("actors.yaml", (s) => s.replace("  variants: [جون كيري, كيري]\n", ""));
  assert.equal(e.line, lineOf("actors.yaml", "- id: john-kerry"));
  assert.match(e.message, /actor "john-kerry": variants is missing/);
});

test("a bad id, kind, date or participant is reported where it is", () => {
  assert.match(broken("actors.yaml", (s) => s.replace("id: nato", "id: NATO alliance")).message, /id "NATO alliance" must match/);
  assert.match(broken("actors.yaml", (s) => s.replace("id: nato\n  kind: organisation", "id: nato\n  kind: alliance")).message, /actor "nato": kind must be person or organisation/);
  const d = broken("events.yaml", (s) => s.replace("dates: [2014-09-15]", "dates: [2014-09-31]"));
  assert.match(d.message, /event "paris-conference-2014": date "2014-09-31" is not a YYYY-MM-DD date/);
  assert.equal(d.line, lineOf("events.yaml", "dates: [2014-09-15]"));
  assert.match(broken("events.yaml", (s) => s.replace("participants: [philip-hammond,", "participants: [philip-hamond,")).message, /participant "philip-hamond" is not an actor id/);
  assert.match(broken("actors.yaml", (s) => s + "\n- id: nato\n  kind: organisation\n  name: { ar: ناتو, en: NATO }\n  variants: [ناتو]\n").message, /actor "nato" is defined twice/);
  assert.match(broken("furniture.yaml", (s) => s.replace("patterns:\n", "patterns:\n  - '([unclosed'\n")).message, /furniture\.yaml:\d+: patterns item 1 is not a valid regular expression/);
  assert.match(broken("events.yaml", (s) => s.replace("  primary: 7", "  primary: high")).message, /scoring\.primary must be a number/);
});

test("a key the schema does not know is refused at its own line, with the likely field", () => {
  const e = broken("actors.yaml", (s) => s.replace("  variants: [جون كيري, كيري]", "  variants: [جون كيري, كيري]\n  variant: [جون كيري]"));
  assert.equal(e.entry, "john-kerry");
  assert.equal(e.line, lineOf("actors.yaml", "variants: [جون كيري, كيري]") + 1);
  assert.match(e.message, /actor "john-kerry": variant is not a known field \(did you mean "variants"\?\)/);
  const s = broken("events.yaml", (s) => s.replace("  primary: 7", "  primary: 7\n  bonus: 2"));
  assert.equal(s.line, lineOf("events.yaml", "  primary: 7") + 1);
  assert.match(s.message, /scoring\.bonus is not a known field/);
});

test("an actor id defined twice names the second entry and the first one's line", () => {
  const e = broken("actors.yaml", (s) => s.replace("- id: john-kerry", "- id: barack-obama"));
  assert.equal(e.entry, "barack-obama");
  assert.equal(e.line, lineOf("actors.yaml", "- id: john-kerry"));
  assert.match(e.message, new RegExp(`actor "barack-obama" is defined twice \\(first at line ${lineOf("actors.yaml", "- id: barack-obama")}\\)`));
  const ev = broken("events.yaml", (s) => s.replace("- id: paris-conference-2014", "- id: g20-antalya-2015"));
  assert.equal(ev.entry, "g20-antalya-2015");
  assert.equal(ev.line, lineOf("events.yaml", "- id: paris-conference-2014"));
  assert.match(ev.message, /event "g20-antalya-2015" is defined twice/);
});

test("a variant claimed by two actors is refused where the second one claims it, folded as the matcher folds", () => {
  // اوباما (bare alef) is أوباما to the matcher: the two would be one name.
  const e = broken("actors.yaml", (s) => s.replace("variants: [جون كيري, كيري]", "variants: [جون كيري, كيري, اوباما]"));
  assert.equal(e.entry, "john-kerry");
  assert.equal(e.line, lineOf("actors.yaml", "variants: [جون كيري, كيري]"));
  assert.match(e.message, new RegExp(`actor "john-kerry": variant "اوباما" is already a variant of actor "barack-obama" \\(line ${lineOf("actors.yaml", "variants: [باراك أوباما")}\\)`));
  const a = broken("actors.yaml", (s) => s.replace("variants: [جون كيري, كيري]", "variants: [جون كيري, كيري]\n  ambiguous: [بوتين]"));
  assert.equal(a.entry, "john-kerry");
  assert.match(a.message, /actor "john-kerry": ambiguous spelling "بوتين" is already a variant of actor "vladimir-putin"/);
});

test("an event that ends before it starts is refused at its dates", () => {
  const e = broken("events.yaml", (s) => s.replace("dates: [2015-11-15, 2015-11-16]", "dates: [2015-11-16, 2015-11-15]"));
  assert.equal(e.entry, "g20-antalya-2015");
  assert.equal(e.line, lineOf("events.yaml", "dates: [2015-11-15, 2015-11-16]"));
  assert.match(e.message, /event "g20-antalya-2015": ends on 2015-11-15, before it starts on 2015-11-16/);
});

test("a participant that is not an actor id is refused with the id it probably meant", () => {
  const e = broken("events.yaml", (s) => s.replace("participants: [philip-hammond,", "participants: [philip-hamond,"));
  assert.equal(e.entry, "london-coalition-2015");
  assert.equal(e.line, lineOf("events.yaml", "participants: [philip-hammond,"));
  assert.match(e.message, /event "london-coalition-2015": participant "philip-hamond" is not an actor id in actors\.yaml \(did you mean "philip-hammond"\?\)/);
});

test("a wrong value names the entry, the field and what is allowed", () => {
  const w = broken("events.yaml", (s) => s.replace("{ text: قمة العشرين, weight: 3 }", "{ text: قمة العشرين, weight: -3 }"));
  assert.equal(w.entry, "g20-antalya-2015");
  assert.equal(w.line, lineOf("events.yaml", "{ text: قمة العشرين, weight: 3 }"));
  assert.match(w.message, /event "g20-antalya-2015": phrases item 2: weight must be a positive number/);
  const m = broken("calendar.yaml", (s) => s.replace("{ name: شباط, month: 2 }", "{ name: شباط, month: 13 }"));
  assert.equal(m.entry, "شباط");
  assert.equal(m.line, lineOf("calendar.yaml", "{ name: شباط, month: 2 }"));
  assert.match(m.message, /month "شباط": month must be 1–12/);
  const g = broken("actors.yaml", (s) => s.replace("gender: female", "gender: woman"));
  assert.match(g.message, /actor "farah-dakhlallah": gender must be female or male, not "woman"/);
  const n = broken("actors.yaml", (s) => s.replace("  variants: [جون كيري, كيري]", "  variants:"));
  assert.deepEqual([n.line, n.entry], [lineOf("actors.yaml", "variants: [جون كيري, كيري]"), "john-kerry"]);
  assert.match(n.message, /actor "john-kerry": variants has no value/);
  const t = broken("titles.yaml", () => "# nothing yet\n");
  assert.match(t.message, /titles\.yaml: the file is empty/);
});

test("YAML is read as plain data: a tag that would make code or read a file is refused", () => {
  const e = broken("speech.yaml", (s) => s + "\nverbs2: !!js/function 'function () { return 1 }'\n");
  assert.equal(e.line, readFileSync(path.join(SRC, "speech.yaml"), "utf8").split("\n").length + 1);
  assert.match(e.message, /speech\.yaml:\d+: invalid YAML: tag not allowed/);
  assert.match(broken("furniture.yaml", (s) => s.replace("lines:\n", "lines: !include other.yaml\n")).message, /furniture\.yaml:\d+: invalid YAML/);
});

test("check lists every mistake, file by file in line order; the build stops at the first", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "registry-"));
  try {
    cpSync(SRC, dir, { recursive: true });
    const events = path.join(dir, "events.yaml");
    writeFileSync(events, readFileSync(events, "utf8").replace("participants: [philip-hammond,", "participants: [philip-hamond,").replace("dates: [2015-11-15, 2015-11-16]", "dates: [2015-11-16, 2015-11-15]"));
    const r = checkRegistry(dir);
    assert.equal(r.registry, null);
    assert.deepEqual(r.errors.map((e) => [path.basename(e.file), e.line, e.entry]), [
      ["events.yaml", lineOf("events.yaml", "dates: [2015-11-15, 2015-11-16]"), "g20-antalya-2015"],
      ["events.yaml", lineOf("events.yaml", "participants: [philip-hammond,"), "london-coalition-2015"],
    ]);
    assert.throws(() => loadRegistry(dir), (e: unknown) => e instanceof RegistryError && e.message === r.errors[0]!.message);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("an editor's folder with only some files takes the others from the shipped registry", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "registry-"));
  try {
    const own = "\n# Our own people.\n- id: amal-hadi\n  kind: person\n  gender: female\n  name: { ar: أمل الهادي, en: Amal al-Hadi }\n  variants: [أمل الهادي]\n";
    writeFileSync(path.join(dir, "actors.yaml"), readFileSync(path.join(SRC, "actors.yaml"), "utf8") + own);
    const r = checkRegistry(dir);
    assert.deepEqual(r.errors, []);
    assert.equal(r.files["actors.yaml"], path.join(dir, "actors.yaml"));
    assert.equal(r.files["calendar.yaml"], path.join(SRC, "calendar.yaml"));
    assert.equal(r.registry!.actors.at(-1)!.id, "amal-hadi");
    assert.deepEqual(r.registry!.calendar, loadRegistry().calendar);
    assert.deepEqual(r.registry!.events, loadRegistry().events);
    // The shipped events name shipped actors: a folder with only its own actors is told to add its events.
    writeFileSync(path.join(dir, "actors.yaml"), own);
    const e = checkRegistry(dir).errors[0]!;
    assert.equal(e.file, path.join(SRC, "events.yaml"));
    assert.match(e.message, /participant "barack-obama" is not an actor id in actors\.yaml \(this is the shipped events\.yaml: a registry folder with its own actors\.yaml needs its own events\.yaml too\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a build's cache keeps the loaded registry, read back only while every file it came from has the same bytes", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "registry-"));
  try {
    const own = path.join(dir, "own");
    mkdirSync(own);
    cpSync(path.join(SRC, "actors.yaml"), path.join(own, "actors.yaml"));
    const cache = new TextCache(path.join(dir, "cache"), "0123456789abcdef");
    const key = registryKey(own);
    cache.kept(key, () => loadRegistry(own));
    assert.ok(existsSync(path.join(cache.dir, "values", `${key}.json`)), "written into the cache");
    // Another build (another TextCache) reads it back from the file, equal to a registry loaded again.
    const next = new TextCache(path.join(dir, "cache"), "0123456789abcdef");
    assert.deepEqual(next.kept(key, () => assert.fail("made again although kept")), loadRegistry(own), "read back as it was kept");
    // A byte of a file of its own, or a file of its own in place of a shipped one, is another registry.
    writeFileSync(path.join(own, "actors.yaml"), `${readFileSync(path.join(own, "actors.yaml"), "utf8")}\n`);
    assert.notEqual(registryKey(own), key);
    const withActors = registryKey(own);
    cpSync(path.join(SRC, "titles.yaml"), path.join(own, "titles.yaml"));
    assert.notEqual(registryKey(own), withActors, "its own titles.yaml, although the same bytes as the shipped one");
    // A damaged value is made again.
    const file = path.join(cache.dir, "values", `${key}.json`);
    writeFileSync(file, "{ torn");
    let made = 0;
    assert.deepEqual(cache.kept(key, () => (made++, loadRegistry(SRC))), loadRegistry(SRC));
    assert.equal(made, 1);
    // Kept values the build used survive the cache's pruning; an unused one goes.
    const other = new TextCache(path.join(dir, "cache"), "0123456789abcdef");
    other.prune();
    assert.ok(!existsSync(file), "unused by the pruning build: removed");
    cache.kept(key, () => loadRegistry(SRC));
    cache.prune();
    assert.ok(existsSync(file), "used: kept");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
