// `npm start` (the dev server) end to end: after its first build it rewrites only what a change touches,
// and what it serves is right — the article, its event's and actors' pages, the lists, the search index.
// It listens on 127.0.0.1, answers bad paths without stopping, builds into its own folder, prints a
// registry or template mistake as the build does while serving the last site, names each file the build
// would warn about, serves drafts marked, and stops whole when npm is told to stop or on Ctrl-C.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { ROOT, freePort, projectCopy } from "./support/site.ts";
import { foldTableForBrowser } from "../src/text/index.ts";
import * as core from "../public/js/search-core.js";
import { resolveRequest, serveFolder } from "../src/serve/static.ts";

let work: string;
let seeds: string;
let origin: string;
let port: number;
let server: ChildProcess;
let lines: string[];
let next: Follower["next"];

interface Follower {
  lines: string[];
  /** The next line of the output matching `pattern` after the `from`-th line. */
  next(pattern: RegExp, from?: number): Promise<string>;
}

/** The lines a child process prints (stdout and stderr), as they come. */
function follow(child: ChildProcess): Follower {
  const lines: string[] = [];
  let waiting: { pattern: RegExp; from: number; resolve: (line: string) => void } | undefined;
  let rest = "";
  const onData = (d: Buffer) => {
    rest += d;
    const parts = rest.split("\n");
    rest = parts.pop()!;
    for (const l of parts) {
      lines.push(l);
      if (waiting && lines.length > waiting.from && waiting.pattern.test(l)) {
        const w = waiting;
        waiting = undefined;
        w.resolve(l);
      }
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  return {
    lines,
    next(pattern, from = lines.length) {
      const seen = lines.slice(from).find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => (waiting = { pattern, from, resolve }));
    },
  };
}

const page = async (url: string, at = origin) => {
  const r = await fetch(at + url);
  return { status: r.status, text: await r.text() };
};

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), "archive-serve-"));
  seeds = path.join(work, "seeds");
  cpSync(path.join(ROOT, "seeds"), seeds, { recursive: true });
  port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "cli.ts"), "serve", "--seeds", seeds, "--out", path.join(work, "site"), "--cache", path.join(work, "cache"), "--port", String(port)],
    { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], detached: true });
  ({ lines, next } = follow(server));
  await next(/^\[archive\] search index: /);
  await next(/Server at /);
});

after(() => {
  if (server?.pid) process.kill(-server.pid, "SIGTERM");
  rmSync(work, { recursive: true, force: true });
});

const written = (line: string) => Number(/\] (\d+) of \d+ pages written/.exec(line)![1]);

test("the first build writes every page and serves them", async () => {
  assert.ok(lines.some((l) => /^\[archive\] (\d+) of \1 pages written/.test(l)), lines.join("\n"));
  assert.equal((await page("/")).status, 200);
  assert.equal((await page("/articles/")).status, 200);
});

test("a sentence added to one article rewrites that page only; the search index finds the sentence", async () => {
  const api = JSON.parse((await page("/api/articles.json")).text) as { url: string; source: string }[];
  const one = api.find((a) => a.source.endsWith(".txt"))!;
  const file = path.join(seeds, one.source);
  const sentence = "وختم المتحدث بأن اللجنة ستنشر تقريرها النهائي قبل نهاية الشهر.";
  const from = lines.length;
  writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()} ${sentence}\n`);
  const line = await next(/^\[archive\] \d+ of \d+ pages written/, from);
  assert.equal(written(line), 1, line);
  assert.ok((await page(one.url)).text.includes(sentence));
  await next(/^\[archive\] search index: /, from);
  // The search page's own code, against what the server serves: the new words find the article, and its
  // excerpt (cut from the part of its text in the index) shows them.
  const search = core.createSearch({
    table: foldTableForBrowser(),
    load: async (name: string) => core.readIndexFile(await (await fetch(`${origin}/search/index/${name}`)).arrayBuffer()),
  });
  const found = await search.search("تقريرها النهائي");
  assert.deepEqual(found.results.map((n: number) => api[n]!.url), [one.url], "the new sentence is in the search index");
  const [doc] = await search.documents(found.results, found);
  assert.match(doc.excerpt, /<mark>تقريرها<\/mark> <mark>النهائي<\/mark>/);
});

test("a new headline reaches the article, its event's and actors' pages and the lists", async () => {
  const api = JSON.parse((await page("/api/articles.json")).text) as { url: string; source: string; events: { id: string; role: string }[]; actors: { id: string }[] }[];
  const one = api.find((a) => a.events.some((e) => e.role === "primary") && a.actors.length && a.source.endsWith(".txt"))!;
  const headline = "المجتمعون يتفقون على خطة عمل مشتركة للأشهر المقبلة";
  const file = path.join(seeds, one.source);
  const from = lines.length;
  writeFileSync(file, `${headline}\n\n${readFileSync(file, "utf8")}`);
  const line = await next(/^\[archive\] \d+ of \d+ pages written/, from);
  assert.ok(written(line) > 1, line);
  const event = one.events.find((e) => e.role === "primary")!.id;
  for (const url of [one.url, "/articles/", `/events/${event}/`, ...one.actors.map((a) => `/actors/${a.id}/`)]) {
    assert.ok((await page(url)).text.includes(headline), `${url} shows the new headline`);
  }
});

test("a removed file's page is removed", async () => {
  const api = JSON.parse((await page("/api/articles.json")).text) as { url: string; source: string }[];
  const one = api[api.length - 1]!;
  const from = lines.length;
  rmSync(path.join(seeds, one.source));
  await next(/^\[archive\] \d+ of \d+ pages written/, from);
  assert.equal((await page(one.url)).status, 404);
  const now = JSON.parse((await page("/api/articles.json")).text) as { url: string }[];
  assert.equal(now.length, api.length - 1);
});

test("an article saved in a folder made while serving is built, and a change to it is seen; an editor's hidden file is not an article", async () => {
  const folder = path.join(seeds, "2015", "november");
  let from = lines.length;
  mkdirSync(folder, { recursive: true });
  // A folder alone changes no page: the rebuild it brings writes nothing new.
  await next(/^\[archive\] \d+ of \d+ pages written/, from);
  from = lines.length;
  const file = path.join(folder, "antalya-closing.txt");
  writeFileSync(file, [
    "قادة مجموعة العشرين يختتمون قمتهم في أنطاليا ببيان مشترك",
    "",
    "أنطاليا - اختتم قادة دول مجموعة العشرين قمتهم في مدينة أنطاليا التركية مساء الاثنين، وأصدروا بيانا مشتركا يدعو إلى تعاون أوثق في مواجهة الإرهاب وتمويله.",
    "",
    "وقال الرئيس التركي رجب طيب أردوغان في مؤتمر صحفي إن القمة أظهرت وحدة الموقف الدولي بعد هجمات باريس، مضيفا أن بلاده ستواصل استقبال اللاجئين.",
    "",
    "وتناول البيان أيضا النمو الاقتصادي العالمي وأزمة اللاجئين وتغير المناخ، على أن تعقد القمة المقبلة في الصين العام المقبل.",
  ].join("\n"));
  await next(/^\[archive\] \d+ of \d+ pages written/, from);
  const api = JSON.parse((await page("/api/articles.json")).text) as { url: string; source: string }[];
  const added = api.find((a) => a.source === "2015/november/antalya-closing.txt");
  assert.ok(added, `the new folder's article is in the archive: ${api.map((a) => a.source).join(", ")}`);
  assert.match((await page(added.url)).text, /وحدة الموقف الدولي/);
  // A change to the file in the new folder is seen too.
  from = lines.length;
  const sentence = "وأعلن البيت الأبيض أن الرئيس الأمريكي سيزور المنطقة مطلع العام المقبل.";
  writeFileSync(file, `${readFileSync(file, "utf8")}\n\n${sentence}\n`);
  const line = await next(/^\[archive\] \d+ of \d+ pages written/, from);
  assert.ok(written(line) >= 1, line);
  assert.ok((await page(added.url)).text.includes(sentence));
  // An editor's swap file beside it is no article and brings no rebuild of its own.
  from = lines.length;
  writeFileSync(path.join(folder, ".antalya-closing.txt.swp"), "قمة");
  await new Promise((r) => setTimeout(r, 1000));
  assert.ok(!lines.slice(from).some((l) => /pages written/.test(l)), lines.slice(from).join("\n"));
  assert.equal(JSON.parse((await page("/api/articles.json")).text).length, api.length);
});

test("a folder of articles swapped for another holding files of the same names: the new files are read", async () => {
  const folder = path.join(seeds, "swapped");
  const name = "london-meeting.txt";
  const text = (sentence: string) => [
    "وزراء التحالف الدولي يجتمعون في لندن لبحث الحملة على تنظيم الدولة",
    "",
    `لندن - اجتمع وزراء خارجية دول التحالف الدولي ضد تنظيم الدولة الإسلامية في العاصمة البريطانية لندن. ${sentence}`,
    "",
    "وتناول الاجتماع سبل قطع مصادر تمويل التنظيم ووقف تدفق المقاتلين الأجانب إلى سوريا والعراق.",
  ].join("\n");
  let from = lines.length;
  mkdirSync(folder);
  writeFileSync(path.join(folder, name), text("وقال وزير الخارجية البريطاني إن التحالف يحقق تقدما."));
  await next(/^\[archive\] \d+ of \d+ pages written/, from);
  const api = JSON.parse((await page("/api/articles.json")).text) as { url: string; source: string }[];
  const url = api.find((a) => a.source === `swapped/${name}`)!.url;
  assert.match((await page(url)).text, /يحقق تقدما/);
  // Made aside, then moved in where the first folder was: no file event inside either folder, only the folders'.
  const other = path.join(work, "swapped-new");
  mkdirSync(other);
  writeFileSync(path.join(other, name), text("وأعلن الوزير الأمريكي أن الضربات الجوية ستتواصل."));
  await new Promise((r) => setTimeout(r, 300));
  from = lines.length;
  renameSync(folder, path.join(work, "swapped-old"));
  renameSync(other, folder);
  const end = Date.now() + 20_000;
  while (!(await page(url)).text.includes("الضربات الجوية ستتواصل")) {
    assert.ok(Date.now() < end, `the new folder's file was not read: ${lines.slice(from).join("\n")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.doesNotMatch((await page(url)).text, /يحقق تقدما/);
});

test("a save made while the last one's rebuild runs is built after it, and no failure is printed", async () => {
  const api = JSON.parse((await page("/api/articles.json")).text) as { url: string; source: string }[];
  const [one, two] = api.filter((a) => a.source.endsWith(".txt"));
  const first = "وأوضح المتحدث أن الوفود ستعود إلى عواصمها مساء اليوم.";
  const second = "وأشار إلى أن اللجان الفنية ستواصل عملها خلال الأسبوع المقبل.";
  const add = (source: string, sentence: string) => {
    const file = path.join(seeds, source);
    writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()} ${sentence}\n`);
  };
  const from = lines.length;
  add(one!.source, first);
  // The first rebuild has read the articles and is rendering: the second save comes now.
  await next(/^\[archive\] \d+ articles/, from);
  add(two!.source, second);
  const end = Date.now() + 20_000;
  while (!(await page(two!.url)).text.includes(second)) {
    assert.ok(Date.now() < end, `the second save was not built: ${lines.slice(from).join("\n")}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok((await page(one!.url)).text.includes(first));
  assert.deepEqual(lines.slice(from).filter((l) => /^error:|could not be rendered/.test(l)), []);
});

test("the served folder removed while serving is written whole again at the next change", async () => {
  const site = path.join(work, "site");
  // After the search index of the last rebuild.
  const last = lines.map((l) => /pages written/.test(l)).lastIndexOf(true);
  await next(/^\[archive\] search index: /, last);
  rmSync(site, { recursive: true, force: true });
  const file = path.join(seeds, readdirSync(seeds).filter((f) => f.endsWith(".txt")).sort()[0]!);
  const from = lines.length;
  writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()} وأكد المشاركون أن الاجتماع التالي سيحدد لاحقا.\n`);
  const line = await next(/^\[archive\] \d+ of \d+ pages written/, from);
  assert.match(line, /\] (\d+) of \1 pages written/, "every page written again");
  assert.equal((await page("/")).status, 200);
  assert.equal((await page("/articles/")).status, 200);
  await next(/^\[archive\] search index: /, from);
  assert.ok(existsSync(path.join(site, "search", "index", "manifest.json")), "the search index is written whole again");
});

/** The status line's code of a request sent byte for byte as written (no client tidies the path). */
function rawStatus(target: string, p = port, host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(p, host, () => socket.end(`GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`));
    let data = "";
    socket.on("data", (d) => (data += d));
    socket.on("end", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    socket.on("error", reject);
  });
}

/** Whether anything accepts connections on `host`:`p`. */
function listening(p: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(p, host, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

test("the server listens on 127.0.0.1 only", async () => {
  assert.ok(lines.some((l) => l.startsWith(`[archive] Server at http://127.0.0.1:${port}/`)), lines.join("\n"));
  assert.equal(await listening(port, "127.0.0.1"), true);
  // Another address of this machine, if it has one: nothing answers there.
  const other = Object.values(networkInterfaces()).flat().find((a) => a && a.family === "IPv4" && !a.internal);
  if (other) assert.equal(await listening(port, other.address), false, `${other.address}:${port} must not answer`);
});

test("bad paths get 400 or 404 and the server stays up", async () => {
  for (const bad of ["/%2e%2e%2fx", "/%2e%2e/%2e%2e/etc/passwd", "/../../etc/passwd", "/articles/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%E0%A4%A", "/%", "/%00", "/a%00b/", "/..%5c..%5cetc/passwd", "/.", "/articles/.."]) {
    assert.equal(await rawStatus(bad), 400, bad);
  }
  assert.equal(await rawStatus("/no-such-page/"), 404);
  assert.equal(await rawStatus("/articles"), 301, "a folder without its slash is redirected");
  const missing = await page("/no-such-page/");
  assert.equal(missing.status, 404);
  assert.match(missing.text, /<html/, "the site's own 404 page");
  // Still up, and serving.
  assert.equal((await page("/")).status, 200);
  assert.equal((await page("/articles/")).status, 200);
});


/** The processes of process group `group`, but zombies (ps). */
function groupMembers(group: number): string[] {
  const r = spawnSync("ps", ["-o", "pid=,stat=,args=", "-g", String(group)], { encoding: "utf8" });
  return r.stdout.split("\n").filter((l) => l.trim() && !/^\s*\d+\s+Z/.test(l));
}

test("npm start: its own folder; a registry or template mistake is printed as the build prints it and the last site stays; SIGTERM to npm stops every process", async () => {
  const project = projectCopy(path.join(work, "project"));
  const devPort = await freePort();
  const at = `http://127.0.0.1:${devPort}`;
  const npm = spawn("npm", ["start", "--", "--port", String(devPort)], { cwd: project, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const out = follow(npm);
  try {
    await out.next(/Server at /);
    // Its own folder, never the production _site/.
    assert.ok(existsSync(path.join(project, ".cache", "serve-site", "index.html")));
    assert.equal(existsSync(path.join(project, "_site")), false);
    const home = (await page("/", at)).text;

    // A registry mistake: the build's one line (file and line), no stack; the last site is still served.
    const actors = path.join(project, "registry", "actors.yaml");
    const good = readFileSync(actors, "utf8");
    let from = out.lines.length;
    writeFileSync(actors, `${good}\n- id: broken-entry\n  kind: [person\n`);
    const line = await out.next(/^error: /, from);
    assert.match(line, /^error: the registry is invalid: .*actors\.yaml:\d+: /);
    await new Promise((r) => setTimeout(r, 500));
    const printed = out.lines.slice(from);
    assert.ok(!printed.some((l) => /^\s+at /.test(l)), printed.join("\n"));
    assert.ok(printed.includes("The dev server goes on serving the last site it built."), printed.join("\n"));
    const broken = await page("/", at);
    assert.equal(broken.status, 200);
    assert.equal(broken.text, home);
    // The same line as `npm run build` prints.
    const built = spawnSync(process.execPath, ["--import", "tsx", path.join(project, "src", "cli.ts"), "build", "--out", path.join(work, "build-out"), "--no-cache"], { cwd: project, encoding: "utf8" });
    assert.equal(built.status, 1);
    assert.equal(built.stderr.split("\n").find((l) => !l.startsWith("warning:") && !l.startsWith("  Set your public address")), line);
    from = out.lines.length;
    writeFileSync(actors, good);
    await out.next(/^\[archive\] \d+ of \d+ pages written/, from);

    // A template mistake, in a page Eleventy renders and in one src/render renders.
    for (const name of ["index.njk", path.join("pages", "article.njk")]) {
      const file = path.join(project, "templates", name);
      const template = readFileSync(file, "utf8");
      from = out.lines.length;
      writeFileSync(file, `${template}\n{% if %}\n`);
      const failed = await out.next(/^error: /, from);
      assert.equal(failed, "error: the site could not be rendered; the dev server goes on serving the last site it built.", name);
      const cause = await out.next(/unexpected token/, from);
      assert.match(cause, /^\s+unexpected token: %\}/, name);
      assert.ok(out.lines.slice(from).some((l) => l.includes(path.basename(name)) && /\[Line \d+, Column \d+\]/.test(l)), out.lines.slice(from).join("\n"));
      assert.ok(!out.lines.slice(from).some((l) => /^\s+at /.test(l)), out.lines.slice(from).join("\n"));
      assert.equal((await page("/", at)).status, 200);
      from = out.lines.length;
      writeFileSync(file, template);
      await out.next(/^\[archive\] \d+ of \d+ pages written/, from);
    }
    assert.equal((await page("/", at)).text, home);

    // SIGTERM to npm: npm, and the node process it started, are gone, and the port is free.
    process.kill(npm.pid!, "SIGTERM");
    let members = groupMembers(npm.pid!);
    for (let i = 0; i < 100 && members.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      members = groupMembers(npm.pid!);
    }
    assert.deepEqual(members, []);
    assert.equal(await listening(devPort, "127.0.0.1"), false);
  } finally {
    try {
      process.kill(-npm.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

test("a registry or template change while serving reaches the pages, and a later edit of an article keeps it", async () => {
  const project = projectCopy(path.join(work, "project-changes"));
  const devPort = await freePort();
  const at = `http://127.0.0.1:${devPort}`;
  const dev = spawn(process.execPath, ["--import", "tsx", path.join(project, "src", "cli.ts"), "serve", "--port", String(devPort)], { cwd: project, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const out = follow(dev);
  try {
    await out.next(/Server at /);
    const actor = "/actors/recep-tayyip-erdogan/";
    const article = JSON.parse((await page("/api/articles.json", at)).text).find((a: { actors: { id: string }[] }) => a.actors.some((x) => x.id === "recep-tayyip-erdogan")) as { url: string; source: string };
    assert.ok(article, "an article names Erdoğan");
    // The registry: an actor's display name changed.
    const actors = path.join(project, "registry", "actors.yaml");
    const registry = readFileSync(actors, "utf8");
    assert.ok(registry.includes("name: { ar: رجب طيب أردوغان,"));
    let from = out.lines.length;
    writeFileSync(actors, registry.replace("name: { ar: رجب طيب أردوغان,", "name: { ar: الرئيس رجب طيب أردوغان,"));
    await out.next(/^\[archive\] \d+ of \d+ pages written/, from);
    assert.match((await page(actor, at)).text, /<h1[^>]*>[^<]*الرئيس رجب طيب أردوغان/);
    // A template every page has (the layout): Eleventy's pages and the bulk pages show the change.
    const layout = path.join(project, "templates", "_layouts", "base.njk");
    from = out.lines.length;
    writeFileSync(layout, readFileSync(layout, "utf8").replace("</footer>", "<p class=\"edition\">نسخة المحررين</p>\n</footer>"));
    await out.next(/^\[archive\] \d+ of \d+ pages written/, from);
    for (const url of ["/", actor, article.url]) assert.ok((await page(url, at)).text.includes("نسخة المحررين"), url);
    // Then an article edited: its page changes, and the registry and template changes stay.
    const sentence = "وأضاف أن المشاورات ستستمر حتى نهاية الأسبوع.";
    const file = path.join(project, "seeds", article.source);
    from = out.lines.length;
    writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()} ${sentence}\n`);
    await out.next(/^\[archive\] \d+ of \d+ pages written/, from);
    const edited = (await page(article.url, at)).text;
    assert.ok(edited.includes(sentence));
    assert.ok(edited.includes("نسخة المحررين"));
    assert.ok(edited.includes("الرئيس رجب طيب أردوغان"), "the article's page names the actor as the registry now does");
    assert.match((await page(actor, at)).text, /<h1[^>]*>[^<]*الرئيس رجب طيب أردوغان/);
    // A template deleted (Eleventy only logs that): the next rebuild says it is missing, rather than
    // rendering what it held; put back, the pages are written again.
    const include = path.join(project, "templates", "_includes", "article-list.njk");
    const list = readFileSync(include, "utf8");
    rmSync(include);
    await new Promise((r) => setTimeout(r, 300));
    from = out.lines.length;
    writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()} وتابع قائلا إن الوفود ستعود الأسبوع المقبل.\n`);
    assert.equal(await out.next(/^error: /, from), "error: the site could not be rendered; the dev server goes on serving the last site it built.");
    assert.ok(out.lines.slice(from).some((l) => l.includes("article-list.njk")), out.lines.slice(from).join("\n"));
    from = out.lines.length;
    writeFileSync(include, list);
    await out.next(/^\[archive\] \d+ of \d+ pages written/, from);
    assert.ok((await page(article.url, at)).text.includes("وتابع قائلا إن الوفود"));
  } finally {
    process.kill(-dev.pid!, "SIGTERM");
  }
});

test("npm start: drafts are served, marked; a file's warning is printed when it appears; Ctrl-C (SIGINT to the process group) stops every process", async () => {
  const project = projectCopy(path.join(work, "project-ctrl-c"));
  const articles = path.join(work, "articles-ctrl-c");
  mkdirSync(articles);
  writeFileSync(path.join(articles, "market.md"), "---\ntitle: افتتاح سوق للخضار في وسط المدينة\ndate: 2015-11-12\ndraft: true\n---\nافتتحت البلدية صباح اليوم سوقاً جديدة للخضار والفواكه في وسط المدينة، تضم مئة محل للتجار الصغار.\n");
  writeFileSync(path.join(articles, "bridge.md"), "---\ntitle: إغلاق الجسر القديم للصيانة\ndate: 2015-11-13\nimage: img/bridge.png\n---\nأعلنت إدارة الطرق إغلاق الجسر القديم أمام السيارات أسبوعين لإجراء أعمال صيانة عاجلة في أعمدته.\n");
  const devPort = await freePort();
  const at = `http://127.0.0.1:${devPort}`;
  const npm = spawn("npm", ["start", "--", articles, "--port", String(devPort)], { cwd: project, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const out = follow(npm);
  try {
    await out.next(/Server at /);
    // The draft is built and marked, as --drafts builds it; the missing image is named, as the build names it.
    const draft = await page("/articles/market/", at);
    assert.equal(draft.status, 200);
    assert.match(draft.text, /<p class="draft" role="note"><strong>مسودة<\/strong>/);
    assert.ok(out.lines.includes("[archive] warning bridge.md: front matter image img/bridge.png is missing"), out.lines.join("\n"));
    // A new file with a mistyped key: its line comes with the rebuild; the line already printed is not repeated.
    const from = out.lines.length;
    writeFileSync(path.join(articles, "school.md"), "---\ntitle: مدرسة جديدة في الحي الشرقي\ndate: 2015-11-14\ntag: [التعليم]\n---\nاستقبلت المدرسة الجديدة في الحي الشرقي طلابها الأوائل هذا الصباح بعد عامين من أعمال البناء.\n");
    assert.equal(await out.next(/^\[archive\] warning school\.md/, from), '[archive] warning school.md: unknown front matter key "tag" in file school.md');
    await out.next(/^\[archive\] \d+ of \d+ pages written/, from);
    assert.ok(!out.lines.slice(from).some((l) => l.includes("bridge.md")), out.lines.slice(from).join("\n"));

    // Ctrl-C in a terminal: SIGINT to every process of the foreground group. All of them are gone, and the port is free.
    process.kill(-npm.pid!, "SIGINT");
    let members = groupMembers(npm.pid!);
    for (let i = 0; i < 100 && members.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      members = groupMembers(npm.pid!);
    }
    assert.deepEqual(members, []);
    assert.equal(await listening(devPort, "127.0.0.1"), false);
  } finally {
    try {
      process.kill(-npm.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

test("npm start with a registry mistake from the start: the build's one message, once, and exit 1 (there is no site to serve)", async () => {
  const project = projectCopy(path.join(work, "project-broken"));
  writeFileSync(path.join(project, "registry", "actors.yaml"), `${readFileSync(path.join(project, "registry", "actors.yaml"), "utf8")}\n- id: broken-entry\n  kind: [person\n`);
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(project, "src", "cli.ts"), "serve", "--seeds", path.join(project, "seeds"), "--port", String(await freePort())], { cwd: project, encoding: "utf8", timeout: 120_000 });
  assert.equal(r.status, 1, r.stderr);
  assert.equal(r.stderr.split("\n").filter((l) => l.startsWith("error:")).length, 1, r.stderr);
  assert.match(r.stderr, /^error: the registry is invalid: registry\/actors\.yaml:\d+: .*\nNothing was written\.$/m);
  assert.doesNotMatch(r.stderr, /goes on serving/);
});

test("the paths the watcher told, as the pipeline takes them: a file, a folder holding it, the articles folder itself", async () => {
  const { touchedUnder } = await import("../src/serve/index.ts");
  const { touchedFile } = await import("../src/pipeline.ts");
  const root = path.join(work, "told");
  assert.deepEqual(touchedUnder(root, [path.join(root, "2015", "a.txt"), path.join(root, "2015", "a.txt"), path.join(root, "b")]), ["2015/a.txt", "b"]);
  assert.deepEqual(touchedUnder(root, [root]), [""]);
  assert.deepEqual(touchedUnder(root, [path.join(work, "told-elsewhere")]), [""], "a path beside the folder (its parent's event)");
  assert.equal(touchedUnder(root, Array.from({ length: 300 }, (_, i) => path.join(root, `${i}.txt`))), undefined, "a checkout: every file looked at");
  const told = ["2015/a.txt", "2016"];
  assert.deepEqual(["2015/a.txt", "2015/b.txt", "2016/c.txt", "2016/d/e.md", "2016x/f.txt", "2015/a.txt.md"].filter((f) => touchedFile(f, told)), ["2015/a.txt", "2016/c.txt", "2016/d/e.md"]);
  assert.ok(touchedFile("any/file.txt", [""]));
  assert.ok(!touchedFile("any/file.txt", []));
});

test("request paths: plain ones name a file under the base path, the rest get 400 or 404", () => {
  assert.deepEqual(resolveRequest("/articles/kerry/?q=1#top", "/"), { segments: ["articles", "kerry", ""] });
  assert.deepEqual(resolveRequest("/%D8%A3/", "/"), { segments: ["أ", ""] });
  assert.deepEqual(resolveRequest("/archive/events/", "/archive/"), { segments: ["events", ""] });
  assert.deepEqual(resolveRequest("/archive", "/archive/"), { redirect: "/archive/" });
  assert.deepEqual(resolveRequest("/other/", "/archive/"), { status: 404 });
  for (const bad of ["/%2e%2e%2fx", "/a/%2E%2E/b", "/%", "/%zz", "/%00", "/a\\b", "/%5c", "/./x", "x", ""]) assert.deepEqual(resolveRequest(bad, "/"), { status: 400 }, bad);
  assert.deepEqual(resolveRequest("/archive/%2e%2e/x", "/archive/"), { status: 400 });
});

test("--host 0.0.0.0 is reachable from another address of the machine; the base path is served", async () => {
  const other = Object.values(networkInterfaces()).flat().find((a) => a && a.family === "IPv4" && !a.internal);
  const dir = path.join(work, "host-site");
  mkdirSync(dir);
  writeFileSync(path.join(dir, "index.html"), "<!doctype html><html><body><p>مرحبا</p></body></html>");
  const p = await freePort();
  const s = await serveFolder(dir, "/archive/", "0.0.0.0", p);
  try {
    assert.equal(s.url, `http://0.0.0.0:${p}/archive/`);
    const r = await page("/archive/", `http://${other?.address ?? "127.0.0.1"}:${p}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /<p>مرحبا<\/p><script>new EventSource/, "the page, with the reload script");
    assert.equal(await rawStatus("/", p), 404, "outside the base path");
  } finally {
    await s.close();
  }
});

test("the dev server refuses to write over a folder that holds a build of the site", () => {
  const prod = path.join(work, "production");
  const built = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "cli.ts"), "build", "--seeds", seeds, "--out", prod, "--no-cache", "--quiet"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(built.status, 0, built.stderr);
  const before = readFileSync(path.join(prod, "index.html"), "utf8");
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "src", "cli.ts"), "serve", "--seeds", seeds, "--out", prod, "--no-cache"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /holds a build of the site; the dev server writes a folder of its own/);
  assert.equal(readFileSync(path.join(prod, "index.html"), "utf8"), before);
});
