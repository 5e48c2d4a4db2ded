// A broken registry stops the build naming the file, the line, the entry and the problem.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadRegistry, RegistryError } from "../src/ingest/index.ts";

const SRC = path.join(import.meta.dirname, "..", "registry");

function broken(file: string, edit: (s: string) => string): RegistryError {
  const dir = mkdtempSync(path.join(tmpdir(), "registry-"));
  try {
    cpSync(SRC, dir, { recursive: true });
    const p = path.join(dir, file);
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
