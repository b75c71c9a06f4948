/**
 * The built dashboard as static files: sirv (with SPA fallback to index.html,
 * and precompressed .br/.gz files when a build ships them), plus compression
 * of text and wasm files on first request, kept in memory — the duckdb-wasm
 * file is 34 MB raw, ~8 MB gzip (STACK.md).
 *
 * The dashboard may be rebuilt while the server runs (`npm test` does): sirv
 * runs in its `dev` mode, which looks each file up on request instead of
 * listing the folder once at start, and a file that vanishes between lookup
 * and read ends that response, never the process.
 */
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { lookup } from "mrmime";
import sirv from "sirv";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const COMPRESSIBLE = new Set([".js", ".mjs", ".css", ".html", ".json", ".svg", ".wasm", ".txt", ".map", ".csv"]);
const MIN_SIZE = 1024;
const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

function cacheControl(pathname: string): string {
  // Vite puts content-hashed names under /assets/; everything else (index.html) must be revalidated.
  return pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";
}

/** A request handler for `dir`, or one answering 404 with a hint when the dashboard has not been built. */
export function staticFiles(webDist: string): Handler {
  const dir = path.resolve(webDist);
  if (!existsSync(path.join(dir, "index.html"))) {
    return (_req, res) => {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end(`The dashboard is not built (${dir} has no index.html): run npm run build -w @linze/web\n`);
    };
  }
  const sirvHandler = sirv(dir, {
    dev: true,
    single: true,
    etag: true,
    gzip: true,
    brotli: true,
    setHeaders(res, pathname) {
      res.setHeader("cache-control", cacheControl(pathname));
    },
  });
  const serve: typeof sirvHandler = (req, res, next) => {
    // sirv pipes a read stream into the response without an error listener.
    res.once("pipe", (source) =>
      source.once("error", () => {
        if (!res.headersSent) res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        res.destroy();
      }),
    );
    return sirvHandler(req, res, next);
  };
  const compressed = new Map<string, Promise<Buffer>>();
  // sirv calls this for a file that does not exist (a path with an extension gets no SPA fallback).
  const notFound = (res: ServerResponse) => () => {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("Not found\n");
  };

  return (req, res) => {
    const accept = String(req.headers["accept-encoding"] ?? "");
    const encoding = /\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : null;
    const file = encoding && (req.method === "GET" || req.method === "HEAD") ? fileFor(dir, req.url ?? "/") : null;
    if (!file || !encoding) return serve(req, res, notFound(res));

    const key = `${file.path}|${file.mtimeMs}|${encoding}`;
    let body = compressed.get(key);
    if (!body) {
      // Brotli at a middle quality: near gzip's speed on the 34 MB wasm, smaller output.
      body = readFile(file.path).then((raw) =>
        encoding === "br" ? brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }) : gzip(raw),
      );
      compressed.set(key, body);
      body.catch(() => compressed.delete(key));
    }
    const etag = `W/"${file.size.toString(16)}-${Math.floor(file.mtimeMs).toString(16)}-${encoding}"`;
    body.then(
      (buf) => {
        const headers = {
          "content-type": file.type,
          "content-encoding": encoding,
          vary: "Accept-Encoding",
          etag,
          "cache-control": cacheControl(file.pathname),
        };
        if (req.headers["if-none-match"] === etag) {
          res.writeHead(304, headers);
          res.end();
          return;
        }
        res.writeHead(200, { ...headers, "content-length": buf.length });
        res.end(req.method === "HEAD" ? undefined : buf);
      },
      () => serve(req, res, notFound(res)),
    );
  };
}

/** The compressible file a URL names inside `dir` (no precompressed sibling, ≥ 1 KB), or null. */
function fileFor(dir: string, url: string): { path: string; pathname: string; size: number; mtimeMs: number; type: string } | null {
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url, "http://x").pathname);
  } catch {
    return null;
  }
  if (pathname.endsWith("/")) pathname += "index.html";
  const ext = path.extname(pathname);
  if (!COMPRESSIBLE.has(ext)) return null;
  const full = path.join(dir, path.normalize(pathname));
  if (!full.startsWith(dir + path.sep)) return null;
  if (existsSync(`${full}.br`) || existsSync(`${full}.gz`)) return null;
  let st;
  try {
    st = statSync(full);
  } catch {
    return null;
  }
  if (!st.isFile() || st.size < MIN_SIZE) return null;
  const type = lookup(ext) ?? "application/octet-stream";
  return { path: full, pathname, size: st.size, mtimeMs: st.mtimeMs, type: /^text\/|javascript|json|svg/.test(type) ? `${type}; charset=utf-8` : type };
}
