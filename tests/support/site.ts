// Builds sites into temporary folders through the real command line, and serves folders over HTTP.
import { spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { cpSync, createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync } from "node:fs";
import { AddressInfo, createServer as netServer } from "node:net";
import path from "node:path";

export const ROOT = path.join(import.meta.dirname, "..", "..");

const SCRIPTS = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;

/** The Node flags of `npm run build` (package.json) but `--import tsx`, so that tests and the benchmark run what users run. */
export const NODE_FLAGS = SCRIPTS.build!.split(" ").filter((w) => w.startsWith("--") && w !== "--import");

/** What `npm run build` runs after `node` (package.json): its Node flags, src/run.mjs (the compiled program) and `build`. */
export const BUILD_COMMAND = SCRIPTS.build!.split(" ").slice(SCRIPTS.build!.split(" ").indexOf("node") + 1).map((w) => (w.startsWith("src/") ? path.join(ROOT, w) : w));

/** `npm run build -- …args` of the project at `root` (a copy of the project in some tests), with its Node flags. */
export function build(args: string[], root = ROOT): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [...NODE_FLAGS, "--import", "tsx", path.join(root, "src", "cli.ts"), "build", ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every file under a folder with its bytes (base64), for before/after comparisons. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p, "base64"));
    }
  };
  walk(dir);
  return out;
}

/** A copy of the project in the new folder `dir` (its registry, templates or public/ may be broken by a test), node_modules linked. */
export function projectCopy(dir: string): string {
  mkdirSync(dir);
  for (const p of ["src", "registry", "templates", "public", "seeds", "eleventy.config.ts", "package.json", "tsconfig.json"]) cpSync(path.join(ROOT, p), path.join(dir, p), { recursive: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  return dir;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = netServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".js": "text/javascript; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** A minimal static server on 127.0.0.1 for the browser tests (nginx is tested on its own). */
export async function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let p = path.join(dir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname));
    if (!p.startsWith(dir)) p = dir;
    if (existsSync(p) && statSync(p).isDirectory()) p = path.join(p, "index.html");
    if (!existsSync(p)) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      createReadStream(path.join(dir, "404.html")).pipe(res);
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(p)] ?? "application/octet-stream" });
    createReadStream(p).pipe(res);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}`, server };
}
