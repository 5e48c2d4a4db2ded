// The dev server's HTTP side: the files of one folder under the site's base path, on node:http. A
// request for a path that is not plain (malformed percent-encoding, a NUL, a backslash, a `.` or `..`
// segment, encoded or not) gets 400, a path with nothing behind it the site's 404 page; neither
// reaches the file system outside the folder, and no request can stop the server. HTML pages get a
// small script that reloads them when the site is rebuilt (reload()).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createReadStream, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { BuildError } from "../build/errors.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".pdf": "application/pdf",
};

/** Where a page listens for rebuilds (server-sent events); outside any base path the site may have. */
export const RELOAD_PATH = "/.archive-dev-server/reload";
const RELOAD_SCRIPT = `<script>new EventSource(${JSON.stringify(RELOAD_PATH)}).onmessage = () => location.reload();</script>`;

/** What a request's path names in the folder: a file's segments, or the status to answer instead. */
export function resolveRequest(url: string, base: string): { segments: string[] } | { status: 400 | 404 } | { redirect: string } {
  const raw = url.split(/[?#]/, 1)[0]!;
  if (!raw.startsWith("/")) return { status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { status: 400 };
  }
  if (/[\0\\]/.test(decoded)) return { status: 400 };
  const segments = decoded.split("/").slice(1);
  if (segments.some((s) => s === "." || s === "..")) return { status: 400 };
  if (base !== "/") {
    if (`${decoded}/` === base) return { redirect: base };
    if (!decoded.startsWith(base)) return { status: 404 };
    return { segments: decoded.slice(base.length).split("/") };
  }
  return { segments };
}

export interface StaticServer {
  server: Server;
  /** The address pages are served at, with the base path. */
  url: string;
  /** Tell every open page to reload. */
  reload(): void;
  close(): Promise<void>;
}

/** Serve `dir` under `base` on `host`:`port`; rejects with a BuildError when the port cannot be had. */
export async function serveFolder(dir: string, base: string, host: string, port: number): Promise<StaticServer> {
  const root = realpathSync(dir);
  const listeners = new Set<ServerResponse>();
  const send = (res: ServerResponse, status: number, text: string) => {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    res.end(`${text}\n`);
  };
  const notFound = (req: IncomingMessage, res: ServerResponse) => {
    let page: Buffer | undefined;
    try {
      page = readFileSync(path.join(root, "404.html"));
    } catch {
      return send(res, 404, "Not found");
    }
    res.writeHead(404, { "content-type": TYPES[".html"]!, "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : withReload(page));
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.setHeader("allow", "GET, HEAD");
      return send(res, 405, "Method not allowed");
    }
    if (req.url === RELOAD_PATH) {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
      res.write(": rebuilds of the site are announced here\n\n");
      listeners.add(res);
      req.on("close", () => listeners.delete(res));
      return;
    }
    const target = resolveRequest(req.url ?? "", base);
    if ("status" in target) return target.status === 404 ? notFound(req, res) : send(res, 400, "Bad request");
    if ("redirect" in target) {
      res.writeHead(301, { location: target.redirect });
      return res.end();
    }
    let file = path.join(root, ...target.segments);
    let stat = statOf(file);
    if (stat?.isDirectory()) {
      if (target.segments.at(-1) !== "") {
        // A folder asked for without its slash: where its relative links work.
        const query = (req.url ?? "").slice((req.url ?? "").split(/[?#]/, 1)[0]!.length);
        res.writeHead(301, { location: `${(req.url ?? "").split(/[?#]/, 1)[0]}/${query}` });
        return res.end();
      }
      file = path.join(file, "index.html");
      stat = statOf(file);
    }
    // A link inside the folder that leads out of it is not followed.
    if (!stat?.isFile() || !isInside(realpathOr(file), root)) return notFound(req, res);
    const type = TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
    if (type === TYPES[".html"]) {
      const page = withReload(readFileSync(file));
      res.writeHead(200, { "content-type": type, "content-length": page.length, "cache-control": "no-cache" });
      return res.end(req.method === "HEAD" ? undefined : page);
    }
    res.writeHead(200, { "content-type": type, "content-length": stat.size, "cache-control": "no-cache" });
    if (req.method === "HEAD") return res.end();
    createReadStream(file).on("error", () => res.destroy()).pipe(res);
  };
  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch (e) {
      // A file removed by a rebuild while it was being read, or anything else: this request fails, not the server.
      if (!res.headersSent) send(res, 500, `Internal error: ${(e as Error).message}`);
      else res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) =>
      reject(new BuildError(e.code === "EADDRINUSE" ? `port ${port} on ${host} is in use; choose another with --port` : `cannot listen on ${host}:${port}: ${e.code ?? e.message}`)));
    server.listen(port, host, resolve);
  });
  const shownHost = host.includes(":") ? `[${host}]` : host;
  return {
    server,
    url: `http://${shownHost}:${port}${base}`,
    reload() {
      for (const res of listeners) res.write("data: reload\n\n");
    },
    close: () =>
      new Promise((resolve) => {
        for (const res of listeners) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function statOf(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function realpathOr(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return "";
  }
}

const isInside = (file: string, dir: string) => file.startsWith(dir + path.sep);

/** An HTML page with the reload script before its closing body tag (or at its end). */
function withReload(page: Buffer): Buffer {
  const text = page.toString("utf8");
  const at = text.lastIndexOf("</body>");
  return Buffer.from(at < 0 ? text + RELOAD_SCRIPT : text.slice(0, at) + RELOAD_SCRIPT + text.slice(at));
}
