// `npm run registry -- accept | check`: a candidate joins the editor's actors.yaml with its variants, the
// file's comments and order untouched; an id or a spelling already taken is refused; check prints OK or
// every mistake with its file and line.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkRegistry, loadRegistry } from "../src/ingest/index.ts";
import { runRegistryCommand } from "../src/registry-cli/index.ts";
import { article } from "./helpers.ts";
import { compile, toArticle } from "../src/pipeline.ts";

const ROOT = path.join(import.meta.dirname, "..");
const SHIPPED = path.join(ROOT, "registry");

/** A registry folder of one's own (a copy of the shipped one) and a built site with a report. */
function workspace(candidates?: { report?: unknown; api?: unknown }): { dir: string; registry: string; site: string; done: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "registry-cli-"));
  const registry = path.join(dir, "registry");
  cpSync(SHIPPED, registry, { recursive: true });
  const site = path.join(dir, "_site");
  mkdirSync(path.join(site, "api"), { recursive: true });
  if (candidates?.report) writeFileSync(path.join(site, "api", "report.json"), JSON.stringify(candidates.report));
  if (candidates?.api) writeFileSync(path.join(site, "api", "candidates.json"), JSON.stringify(candidates.api));
  return { dir, registry, site, done: () => rmSync(dir, { recursive: true, force: true }) };
}

function run(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runRegistryCommand(args, (s) => out.push(s), (s) => err.push(s));
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const REPORT = {
  articles: 2,
  candidates: [
    { name: "سامر الخطيب", title: "وزير الإعلام", sentence: "وقال وزير الإعلام سامر الخطيب إن الحكومة ستعلن خطتها الأسبوع المقبل.", source: "a.txt", articles: 5 },
    { name: "هيئة الموانئ", title: "", sentence: "أعلنت هيئة الموانئ عن توسعة الرصيف.", source: "b.txt", articles: 2 },
  ],
};

test("accept adds a candidate of the last report with its title; the file's comments, order and layout stay as they were", () => {
  const w = workspace({ report: REPORT });
  try {
    const file = path.join(w.registry, "actors.yaml");
    const before = readFileSync(file, "utf8");
    // Typed without the hamza: the entry takes the article's spelling, and the folded duplicate goes.
    const r = run(["accept", "سامر الخطيب", "--id", "samer-al-khatib", "--variant", "الخطيب", "--en", "Samer al-Khatib", "--registry", w.registry, "--site", w.site]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Added samer-al-khatib \(سامر الخطيب\) .*from the last build's candidates/);
    const after = readFileSync(file, "utf8");
    assert.ok(after.startsWith(before.trimEnd()), "every byte of the file before the new entry is kept");
    assert.equal(
      after.slice(before.trimEnd().length),
      "\n\n# Accepted from the candidates (5 articles).\n- id: samer-al-khatib\n  kind: person\n  name: { ar: سامر الخطيب, en: Samer al-Khatib }\n  variants: [سامر الخطيب, الخطيب]\n  titles: [وزير الإعلام]\n",
    );
    const reg = loadRegistry(w.registry);
    assert.deepEqual(reg.actors.map((a) => a.id), [...loadRegistry().actors.map((a) => a.id), "samer-al-khatib"]);
    // The next build tags the new actor in an article written for it.
    const body = "الخطيب يعلن خطة الإعلام\n\nقال وزير الإعلام سامر الخطيب إن الحكومة ستعلن خطتها الجديدة للإعلام الرسمي خلال الأسبوع المقبل بعد مشاورات طويلة.";
    const a = toArticle({ source: "t.txt", format: "txt", body, meta: {}, language: "arb", warnings: [] }, compile(reg));
    assert.ok(a.actors.some((x) => x.id === "samer-al-khatib"), JSON.stringify(a.actors.map((x) => x.id)));
    assert.ok(!article(body).actors.some((x) => x.id === "samer-al-khatib"), "the shipped registry does not know him");
  } finally {
    w.done();
  }
});

test("accept reads /api/candidates.json first: its variants and a suggested kind", () => {
  const w = workspace({
    report: REPORT,
    api: [{ name: "هيئة الموانئ", count: 7, variants: ["هيئة الموانىء", "الهيئة العامة للموانئ"], examples: ["أعلنت هيئة الموانئ عن توسعة الرصيف."], role: "organisation" }],
  });
  try {
    const r = run(["accept", "هيئة الموانئ", "--id", "ports-authority", "--registry", w.registry, "--site", w.site]);
    assert.equal(r.code, 0, r.err);
    const added = loadRegistry(w.registry).actors.at(-1)!;
    assert.equal(added.kind, "organisation");
    // الموانئ and الموانىء stay two spellings after folding (ئ against ىء): both are kept, in the order seen.
    assert.deepEqual(added.variants, ["هيئة الموانئ", "هيئة الموانىء", "الهيئة العامة للموانئ"]);
    assert.equal(added.name.en, "Ports Authority");
    assert.match(readFileSync(path.join(w.registry, "actors.yaml"), "utf8"), /# Accepted from the candidates \(7 articles\)\.\n- id: ports-authority\n  kind: organisation\n/);
  } finally {
    w.done();
  }
});

test("accept finds a name the build saw in one article only among the report's unsure candidates", () => {
  const w = workspace({
    report: { ...REPORT, unsureCandidates: [{ name: "نادر العتيبي", title: "مدير الهيئة", role: "مدير الهيئة", variants: ["نادر العتيبي"], articles: 1 }] },
    api: [{ name: "هيئة الموانئ", count: 7, variants: ["هيئة الموانئ"], role: "organisation" }],
  });
  try {
    const r = run(["accept", "نادر العتيبي", "--id", "nader-al-otaibi", "--registry", w.registry, "--site", w.site]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /from the last build's candidates/);
    assert.deepEqual(loadRegistry(w.registry).actors.at(-1)!.titles, ["مدير الهيئة"]);
  } finally {
    w.done();
  }
});

test("accept reads /api/candidates.json even when the report beside it cannot be read", () => {
  const w = workspace({ api: [{ name: "هيئة الموانئ", count: 7, variants: ["هيئة الموانئ"], role: "organisation" }] });
  try {
    writeFileSync(path.join(w.site, "api", "report.json"), '{"candidates": [');
    const r = run(["accept", "هيئة الموانئ", "--id", "ports-authority", "--registry", w.registry, "--site", w.site]);
    assert.equal(r.code, 0, r.err);
    assert.equal(loadRegistry(w.registry).actors.at(-1)!.kind, "organisation");
  } finally {
    w.done();
  }
});

test("accept takes a name that no build proposed, with its --variant spellings", () => {
  const w = workspace();
  try {
    const r = run(["accept", "ليلى منصور", "--id", "layla-mansour", "--gender", "female", "--variant", "ليلى منصور الحسن", "--title", "المتحدثة باسم الوزارة", "--registry", w.registry, "--site", w.site]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /not among the last build's candidates/);
    const added = loadRegistry(w.registry).actors.at(-1)!;
    assert.deepEqual({ id: added.id, gender: added.gender, variants: added.variants, titles: added.titles }, { id: "layla-mansour", gender: "female", variants: ["ليلى منصور", "ليلى منصور الحسن"], titles: ["المتحدثة باسم الوزارة"] });
  } finally {
    w.done();
  }
});

test("accept refuses an id or a spelling already taken, and the file stays as it was", () => {
  const w = workspace({ report: REPORT });
  try {
    const file = path.join(w.registry, "actors.yaml");
    const before = readFileSync(file, "utf8");
    const id = run(["accept", "سامر الخطيب", "--id", "john-kerry", "--registry", w.registry, "--site", w.site]);
    assert.equal(id.code, 1);
    assert.match(id.err, /the id "john-kerry" is already taken by جون كيري \(John Kerry\)/);
    // اوباما (bare alef) is أوباما to the matcher.
    const variant = run(["accept", "سامر الخطيب", "--id", "samer-al-khatib", "--variant", "اوباما", "--registry", w.registry, "--site", w.site]);
    assert.equal(variant.code, 1);
    assert.match(variant.err, /the variant "اوباما" is already a spelling of barack-obama \(باراك أوباما\)/);
    const bad = run(["accept", "سامر الخطيب", "--id", "Samer Khatib", "--registry", w.registry]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /--id "Samer Khatib" must be lower-case ASCII/);
    assert.equal(run(["accept", "سامر الخطيب", "--registry", w.registry]).code, 1);
    assert.equal(readFileSync(file, "utf8"), before);
    // A second accept of the same person: the first one's spelling is taken now.
    assert.equal(run(["accept", "سامر الخطيب", "--id", "samer-al-khatib", "--registry", w.registry, "--site", w.site]).code, 0);
    const again = run(["accept", "سامر الخطيب", "--id", "samer-khatib", "--registry", w.registry, "--site", w.site]);
    assert.equal(again.code, 1);
    assert.match(again.err, /already a spelling of samer-al-khatib/);
  } finally {
    w.done();
  }
});

test("accept into a registry folder without actors.yaml starts from the shipped actors", () => {
  const w = workspace();
  try {
    rmSync(path.join(w.registry, "actors.yaml"));
    assert.equal(run(["accept", "ليلى منصور", "--id", "layla-mansour", "--registry", w.registry, "--site", w.site]).code, 0);
    const text = readFileSync(path.join(w.registry, "actors.yaml"), "utf8");
    assert.ok(text.startsWith(readFileSync(path.join(SHIPPED, "actors.yaml"), "utf8").trimEnd()));
    assert.equal(checkRegistry(w.registry).registry!.actors.length, loadRegistry().actors.length + 1);
  } finally {
    w.done();
  }
});

test("check prints OK for a valid registry and every mistake with file and line for a broken one", () => {
  const w = workspace();
  try {
    const ok = run(["check", "--registry", w.registry]);
    assert.equal(ok.code, 0);
    assert.match(ok.out, /^OK: the registry is valid \(\d+ actors, 3 events;/);
    const events = path.join(w.registry, "events.yaml");
    const text = readFileSync(events, "utf8");
    const line = text.split("\n").findIndex((l) => l.includes("dates: [2015-11-15, 2015-11-16]")) + 1;
    writeFileSync(events, text.replace("dates: [2015-11-15, 2015-11-16]", "dates: [2015-11-16, 2015-11-15]").replace("participants: [philip-hammond,", "participants: [philip-hamond,"));
    const bad = run(["check", "--registry", w.registry]);
    assert.equal(bad.code, 1);
    const lines = bad.err.split("\n");
    assert.equal(lines[0], "The registry has 2 mistakes:");
    assert.equal(lines[1], `  ${events}:${line}: event "g20-antalya-2015": ends on 2015-11-15, before it starts on 2015-11-16 (dates are the first day, then the last)`);
    assert.match(lines[2]!, /events\.yaml:\d+: event "london-coalition-2015": participant "philip-hamond" is not an actor id/);
    // Accepting into a broken registry is refused with its mistakes.
    const refused = run(["accept", "ليلى منصور", "--id", "layla-mansour", "--registry", w.registry, "--site", w.site]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /fix them first/);
  } finally {
    w.done();
  }
});

test("npm run registry runs the command; a wrong command prints the usage", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/registry-cli/main.ts", "check"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^OK: the registry is valid/);
  const script = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.registry as string;
  assert.ok(script.endsWith("src/registry-cli/main.ts"), script);
  const u = run(["remove", "x"]);
  assert.equal(u.code, 2);
  assert.match(u.err, /unknown command "remove x"[\s\S]*Usage:/);
  assert.ok(existsSync(path.join(ROOT, "registry", "actors.yaml")));
});
