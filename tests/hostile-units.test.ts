// The pieces of the hostile-input defences, each on its own: the one YAML reader, the front-matter fence,
// the listing's report of what it does not read, character cleaning, safe printing and link targets.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdir, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import matter from "gray-matter";
import { frontMatter, listSeeds, loadRegistry, matterOptions, parseYaml, RegistryError, REGISTRY_DIR, YamlError } from "../src/ingest/index.ts";
import { loadSettings, SettingsError } from "../src/settings/index.ts";
import { cleanChars, cleanValues } from "../src/text/index.ts";
import { linkTarget } from "../src/archive/index.ts";
import { printable } from "../src/printable.ts";

const problem = (text: string) => {
  try {
    parseYaml(text, "x.yaml");
    return null;
  } catch (e) {
    assert.ok(e instanceof YamlError);
    return `${e.line}: ${e.problem}`;
  }
};

test("parseYaml reads plain YAML 1.2 data and refuses tags, alias bombs and duplicate keys", () => {
  assert.deepEqual(parseYaml("title: قمة\ndate: 2015-11-15\nyes: no\nlist: [a, 1]\n", "x.yaml").value, { title: "قمة", date: "2015-11-15", yes: "no", list: ["a", 1] });
  assert.equal(problem("a: 1\nf: !!js/function 'function () { return 1 }'"), "2: invalid YAML: tag not allowed (plain YAML only): tag:yaml.org,2002:js/function");
  assert.equal(problem("f: !!js/undefined ''"), "1: invalid YAML: tag not allowed (plain YAML only): tag:yaml.org,2002:js/undefined");
  assert.equal(problem("a: !!binary aGVsbG8="), "1: invalid YAML: tag not allowed (plain YAML only): tag:yaml.org,2002:binary");
  assert.equal(problem("a: !!set {x}"), "1: invalid YAML: tag not allowed (plain YAML only): tag:yaml.org,2002:set");
  assert.equal(problem("a: !include /etc/passwd"), "1: invalid YAML: tag not allowed (plain YAML only): !include");
  // A %YAML 1.1 directive does not bring back 1.1's tags, booleans or merge keys.
  assert.equal(problem("%YAML 1.1\n---\na: !!timestamp 2015-11-15"), "3: invalid YAML: tag not allowed (plain YAML only): tag:yaml.org,2002:timestamp");
  assert.deepEqual(parseYaml("%YAML 1.1\n---\nbase: &b {x: 1}\nc:\n  <<: *b\nd: yes\n", "x.yaml").value, { base: { x: 1 }, c: { "<<": { x: 1 } }, d: "yes" });
  const laughs = ["a: &a [x, x, x, x, x, x, x, x, x]", ..."bcdefg".split("").map((c, i) => `${c}: &${c} [${Array(9).fill(`*${"abcdefg"[i]}`).join(", ")}]`)].join("\n");
  assert.match(problem(laughs)!, /^null: invalid YAML: Excessive alias count/);
  assert.equal(problem("a: 1\na: 2"), "2: invalid YAML: Map keys must be unique");
  const proto = parseYaml("__proto__: {polluted: 1}", "x.yaml").value as object;
  assert.equal(({} as { polluted?: number }).polluted, undefined);
  assert.equal(Object.getPrototypeOf(proto), Object.prototype);
});

test("the registry is read through parseYaml: a tag in it stops the build with the file and the line", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "registry-tag-"));
  try {
    cpSync(REGISTRY_DIR, dir, { recursive: true });
    const file = path.join(dir, "speech.yaml");
    writeFileSync(file, `${readFileSync(file, "utf8")}\nextra: !!js/function "function () { require('fs').writeFileSync('${dir}/ran', 'x') }"\n`);
    const lines = readFileSync(file, "utf8").split("\n").length - 1;
    assert.throws(() => loadRegistry(dir), (e: unknown) => e instanceof RegistryError && e.file === file && e.line === lines && /tag not allowed/.test(e.problem));
    assert.ok(!existsSync(path.join(dir, "ran")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the settings file is read through parseYaml: a tag in it stops the build with the file and the line", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "settings-tag-"));
  try {
    const file = path.join(dir, "archive.config.yaml");
    writeFileSync(file, `title: أرشيف\nurl: !!js/function "function () { require('fs').writeFileSync('${dir}/ran', 'x') }"\n`);
    assert.throws(() => loadSettings({ config: file }, dir), (e: unknown) => e instanceof SettingsError && e.message === `${file}:2: not valid YAML: tag not allowed (plain YAML only): tag:yaml.org,2002:js/function`);
    assert.ok(!existsSync(path.join(dir, "ran")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("gray-matter's engines for every other language refuse without running anything (the lock behind the fence check)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "engines-"));
  try {
    const names = ["js", "JS", "javascript", "JavaScript", "coffee", "coffeescript", "cson", "toml", "json", "ini"];
    for (const [i, name] of names.entries()) {
      const marker = path.join(dir, `ran-${i}`);
      const text = `---${name}\n{ title: (require("fs").writeFileSync(${JSON.stringify(marker)}, "ran"), "x") }\n---\nنص`;
      assert.throws(() => matter(text, matterOptions("x.md")), /^Error: front matter is not YAML/, name);
      assert.ok(!existsSync(marker), `${name} ran code`);
    }
    // The same text with gray-matter's own engines runs it: the payload is real.
    matter(`---js\n{ title: (require("fs").writeFileSync(${JSON.stringify(path.join(dir, "control"))}, "ran"), "x") }\n---\nنص`);
    assert.ok(existsSync(path.join(dir, "control")));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the front-matter fence: yaml, yml or nothing after --- is YAML; any other word refuses the file", () => {
  const body = "عقد الوزراء اجتماعا في العاصمة.";
  for (const fence of ["---", "---yaml", "---YAML", "--- yml ", "---\t", "\uFEFF---yaml"]) {
    assert.deepEqual(frontMatter(`${fence}\ntitle: عنوان\n---\n${body}`, [], "x.md"), { body, meta: { title: "عنوان" } }, fence);
  }
  for (const fence of ["---js", "---JS", "--- js ", "---javascript", "---JavaScript", "---coffee", "---cson", "---toml", "---json", "---yamlx", "---js yaml", "---\u00a0js", "\uFEFF---js", "---js\r"]) {
    assert.throws(() => frontMatter(`${fence}\n{ title: "x" }\n---\n${body}`, [], "x.md"), /^Error: front matter in another language than YAML \(".+" after the opening ---\); only YAML front matter is read, nothing in it was run$/, fence);
  }
  // A fence with no newline after it, and ---- (no front matter, as in gray-matter).
  assert.throws(() => frontMatter("---js", [], "x.md"), /another language than YAML \("js"/);
  assert.equal(frontMatter(`----\n${body}`, [], "x.md").body, `----\n${body}`);
});

test("listSeeds names what it cannot read: a folder that refuses to be listed (any user, through an injected readdir)", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "listing-"));
  try {
    mkdirSync(path.join(dir, "open"), { recursive: true });
    mkdirSync(path.join(dir, "locked", "deeper"), { recursive: true });
    writeFileSync(path.join(dir, "open", "a.txt"), "x");
    writeFileSync(path.join(dir, "locked", "deeper", "b.txt"), "x");
    const refusing = ((d: string, o: unknown, cb: (e: NodeJS.ErrnoException | null, x?: unknown) => void) =>
      d.endsWith(`${path.sep}locked`) ? cb(Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" })) : (readdir as unknown as (...a: unknown[]) => void)(d, o, cb)) as unknown as typeof readdir;
    const r = await listSeeds(dir, { readdir: refusing });
    assert.deepEqual(r.files, ["open/a.txt"]);
    assert.deepEqual(r.skipped, [{ source: "locked", reason: "unreadable folder (permission denied): nothing inside it was read" }]);
    assert.deepEqual((await listSeeds(dir)).files, ["locked/deeper/b.txt", "open/a.txt"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("cleanChars takes out controls, C1, Bidi embeddings/overrides/isolates, U+FFFE/FFFF and lone surrogates; keeps marks, tabs, newlines, emoji", () => {
  assert.equal(cleanChars("قمة\u0001\u0085\u009B\u202E\u2066\u2069\uFFFE\uFFFF\uD800x\uDC00\u007F"), "قمةx");
  assert.equal(cleanChars("نص\u200F\u200E\u061C\t\n😀"), "نص\u200F\u200E\u061C\t\n😀");
  assert.deepEqual(cleanValues({ title: "قمة \u0001 \uFFFE العشرين", events: ["g20\u202E"], n: 3 }), { title: "قمة العشرين", events: ["g20"], n: 3 });
});

test("printable escapes what could move a terminal's cursor or print a fake line, and nothing else", () => {
  assert.equal(printable("مقال عربي.txt"), "مقال عربي.txt");
  assert.equal(printable("a\u001b[2J\r\nb\tc\\d\u202Ee\u0085\u2028"), String.raw`a\u{1b}[2J\r\nb\tc\\d\u{202e}e\u{85}\u{2028}`);
});

test("linkTarget: two slashes or backslashes at the start lead to another host", () => {
  assert.deepEqual(linkTarget("/\\evil.example/"), { href: "//evil.example/", external: true });
  assert.deepEqual(linkTarget("\\\\evil.example"), { href: "//evil.example", external: true });
  assert.deepEqual(linkTarget(" /\t/evil.example"), { href: "//evil.example", external: true });
  assert.deepEqual(linkTarget("HTTPS://example.org/"), { href: "HTTPS://example.org/", external: true });
  assert.deepEqual(linkTarget("/events/g20/"), { href: "/events/g20/", external: false });
  assert.deepEqual(linkTarget("#notes"), { href: "#notes", external: false });
  assert.deepEqual(linkTarget("java\tscript:alert(1)"), { href: "#", external: false });
  assert.deepEqual(linkTarget("data:text/html,x"), { href: "#", external: false });
});
