/**
 * A minimal HTTP server for the benchmark page: files of one folder (the
 * built page, with the wasm's content type so it compiles while streaming)
 * and byte buffers registered at paths (generated Arrow snapshots). Local
 * only (127.0.0.1).
 */
import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { lookup } from "mrmime";

export interface BenchServer {
  readonly url: string;
  /** Serves `bytes` at `pathname` until replaced. */
  put(pathname: string, bytes: Uint8Array, type?: string): void;
  close(): Promise<void>;
}

export async function startStaticServer(dir: string): Promise<BenchServer> {
  const buffers = new Map<string, { bytes: Uint8Array; type: string }>();
  const server = http.createServer(async (req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const buffer = buffers.get(pathname);
    if (buffer) {
      res.writeHead(200, { "content-type": buffer.type, "content-length": buffer.bytes.length, "cache-control": "no-store" });
      return void res.end(buffer.bytes);
    }
    const file = path.join(dir, path.normalize(pathname === "/" ? "/index.html" : pathname));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": lookup(file) ?? "application/octet-stream", "content-length": body.length });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    put(pathname, bytes, type = "application/vnd.apache.arrow.stream") {
      buffers.set(pathname, { bytes, type });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
