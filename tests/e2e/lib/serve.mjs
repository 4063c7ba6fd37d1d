// A tiny static file server on 127.0.0.1 for the end-to-end tests and the
// page benchmark: it serves the built dist/ (and, for the docs examples,
// other folders under their own URL prefix) exactly as a static host would.
// No Trunk serve, no dependencies.
//
//   const server = await serve({ mounts: { "/": distDir } });
//   server.origin            // "http://127.0.0.1:PORT" (a free port)
//   server.log               // every request it answered: { method, path, status, bytes }
//   await server.close();
//
// Options:
//   mounts   URL prefix -> folder. The longest matching prefix wins; a path
//            that ends in "/" serves that folder's index.html.
//   gzip     compress text and wasm responses when the browser accepts it
//            (the page benchmark uses it to see what a real host sends).
//   headers  extra response headers on every answer.

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".json", ".svg", ".txt", ".md"]);

/** The folder and file a URL path maps to, or null when it is outside every mount. */
function locate(mounts, urlPath) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    if (!urlPath.startsWith(prefix)) continue;
    const root = resolve(mounts[prefix]);
    let rest = urlPath.slice(prefix.length);
    if (rest === "" || rest.endsWith("/")) rest += "index.html";
    const file = resolve(join(root, rest));
    // No escaping the mount with "..".
    if (file !== root && !file.startsWith(root + sep)) return null;
    return file;
  }
  return null;
}

export async function serve({ mounts, gzip = false, headers = {} } = {}) {
  if (!mounts || Object.keys(mounts).length === 0) throw new Error("serve: no mounts");
  const log = [];
  const server = createServer(async (req, res) => {
    const entry = { method: req.method, path: req.url, status: 0, bytes: 0 };
    log.push(entry);
    const send = (status, body, type, extra = {}) => {
      entry.status = status;
      entry.bytes = body.length;
      res.writeHead(status, {
        "Content-Type": type,
        "Content-Length": body.length,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        ...headers,
        ...extra,
      });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        return send(405, Buffer.from("method not allowed\n"), "text/plain");
      }
      const urlPath = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = locate(mounts, urlPath);
      if (file && (await stat(file).catch(() => null))?.isDirectory()) {
        file = join(file, "index.html");
      }
      const body = file ? await readFile(file).catch(() => null) : null;
      if (!body) return send(404, Buffer.from("not found\n"), "text/plain");
      const ext = extname(file);
      const type = TYPES[ext] ?? "application/octet-stream";
      const accepts = /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
      if (gzip && accepts && COMPRESSIBLE.has(ext)) {
        return send(200, gzipSync(body, { level: 9 }), type, { "Content-Encoding": "gzip", Vary: "Accept-Encoding" });
      }
      return send(200, body, type);
    } catch (err) {
      return send(500, Buffer.from(`error: ${err.message}\n`), "text/plain");
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}
