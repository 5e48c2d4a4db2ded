// A real web server: Debian's nginx serves the built site on 127.0.0.1, at the root and under a
// sub-path (built with --base /archive/). Status codes, charset, the 404 page, Arabic intact, and
// every internal link, stylesheet, image and script resolves.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { missing, NGINX } from "./support/tools.ts";
import { ROOT, build, freePort } from "./support/site.ts";

const skip = missing("nginx");
let work: string;
let nginx: ChildProcess | undefined;
let origin: string;

before(async () => {
  if (skip) return;
  work = mkdtempSync(path.join(tmpdir(), "nginx-"));
  chmodSync(work, 0o755); // nginx's workers run as an unprivileged user
  const root = path.join(work, "root");
  const sub = path.join(work, "sub", "archive");
  mkdirSync(path.dirname(sub), { recursive: true });
  for (const [out, base] of [[root, "/"], [sub, "/archive/"]] as const) {
    const r = build(["--seeds", path.join(ROOT, "seeds"), "--out", out, "--base", base]);
    assert.equal(r.code, 0, r.err);
  }
  const port = await freePort();
  mkdirSync(path.join(work, "logs"));
  writeFileSync(
    path.join(work, "nginx.conf"),
    `daemon off;
worker_processes 1;
pid ${work}/nginx.pid;
error_log ${work}/logs/error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${work}/body; proxy_temp_path ${work}/proxy; fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi; scgi_temp_path ${work}/scgi;
  charset utf-8;
  charset_types text/html text/xml text/css application/json application/xml application/atom+xml image/svg+xml text/plain;
  server {
    listen 127.0.0.1:${port};
    root ${root};
    error_page 404 /404.html;
    location /archive/ {
      root ${path.dirname(sub)};
      error_page 404 /archive/404.html;
    }
  }
}
`,
  );
  nginx = spawn(NGINX, ["-c", path.join(work, "nginx.conf"), "-p", work], { stdio: "ignore" });
  origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try {
      await fetch(origin + "/");
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("nginx did not start");
});

after(() => {
  nginx?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

for (const prefix of ["/", "/archive/"]) {
  test(`pages at ${prefix}: 200, text/html; charset=utf-8, Arabic intact`, { skip }, async () => {
    for (const p of ["", "articles/", "articles/003-fd38ac84f22198a4/", "events/paris-conference-2014/", "actors/john-kerry/"]) {
      const r = await fetch(origin + prefix + p);
      assert.equal(r.status, 200, prefix + p);
      assert.match(r.headers.get("content-type") ?? "", /^text\/html; charset=utf-8$/i, prefix + p);
      const html = await r.text();
      assert.match(html, /<html lang="ar" dir="rtl">/);
      assert.match(html, /أرشيف الأخبار/);
    }
    const json = await fetch(origin + prefix + "api/articles.json");
    assert.match(json.headers.get("content-type") ?? "", /^application\/json; charset=utf-8$/i);
    assert.ok((await json.json()).some((a: { title: string }) => a.title === "مؤتمر باريس: روسيا تعتزم مكافحة الإرهاب بدعم عسكري للعراق وسوريا"));
  });

  test(`an unknown path under ${prefix} gets 404 and the archive's own 404 page`, { skip }, async () => {
    const r = await fetch(origin + prefix + "no/such/page/");
    assert.equal(r.status, 404);
    assert.match(await r.text(), /الصفحة غير موجودة/);
  });

  test(`every internal link, stylesheet, image and script resolves at ${prefix}`, { skip }, async () => {
    const seen = new Set<string>();
    const queue = [prefix];
    while (queue.length) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const r = await fetch(origin + url);
      assert.equal(r.status, 200, `${url} → ${r.status}`);
      if (!(r.headers.get("content-type") ?? "").startsWith("text/html")) continue;
      const html = await r.text();
      for (const m of html.matchAll(/\s(?:href|src)="([^"#]+)/g)) {
        const link = new URL(m[1]!.replace(/&amp;/g, "&"), origin + url);
        if (link.origin !== origin) continue;
        assert.ok(link.pathname.startsWith(prefix), `${url} links outside ${prefix}: ${link.pathname}`);
        queue.push(link.pathname);
      }
    }
    assert.ok(seen.size > 40, `${seen.size} URLs checked`);
  });
}
