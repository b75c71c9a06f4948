/**
 * Cache lifetimes of the dashboard's files over HTTP: content-hashed files
 * under /assets/ (JS, CSS, the duckdb wasm) are `public, max-age=31536000,
 * immutable` whatever the encoding, index.html is revalidated (`no-cache`)
 * so a rebuilt dashboard is picked up. No database needed: static files are
 * served before the data is ready.
 */
import http from "node:http";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServer, type AppServer } from "../src/server.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";
let app: AppServer;
let webDist: string;

beforeAll(async () => {
  webDist = await mkdtemp(path.join(tmpdir(), "linze-cache-"));
  await mkdir(path.join(webDist, "assets"));
  await writeFile(path.join(webDist, "index.html"), `<!doctype html><html><body>${"<p>x</p>".repeat(300)}</body></html>`);
  await writeFile(path.join(webDist, "assets", "index-Ab12Cd34.js"), "export const x = 1;\n".repeat(300));
  await writeFile(path.join(webDist, "assets", "index-Ab12Cd34.css"), "body { color: black; }\n".repeat(300));
  await writeFile(path.join(webDist, "assets", "duckdb-eh-9ubY-jlA.wasm"), Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(8192, 3)]));
  app = await createServer({ port: 0, webDist });
});
afterAll(async () => {
  await app?.close();
  await rm(webDist, { recursive: true, force: true });
});

function head(pathname: string, encoding: string): Promise<{ headers: http.IncomingHttpHeaders; status: number | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${app.url}${pathname}`, { headers: { "accept-encoding": encoding } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ headers: res.headers, status: res.statusCode }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("cache lifetimes", () => {
  for (const encoding of ["br", "gzip", "identity"]) {
    test(`hashed JS, CSS and wasm are immutable for a year (${encoding})`, async () => {
      for (const file of ["/assets/index-Ab12Cd34.js", "/assets/index-Ab12Cd34.css", "/assets/duckdb-eh-9ubY-jlA.wasm"]) {
        const h = await head(file, encoding);
        expect(h.status, file).toBe(200);
        expect(h.headers["cache-control"], file).toBe(IMMUTABLE);
        expect(h.headers["content-encoding"], file).toBe(encoding === "identity" ? undefined : encoding);
      }
    });
  }

  test("index.html and the SPA fallback are revalidated, never immutable", async () => {
    for (const url of ["/", "/townships"]) {
      const h = await head(url, "br");
      expect(h.status).toBe(200);
      expect(h.headers["cache-control"]).toBe("no-cache");
    }
  });
});
