import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import superjson from "superjson";
import { loadOrgUnitTree, type Database } from "@linze/db";
import { openTestDatabase } from "@linze/db/testing";
import { createServer, type AppServer } from "../src/server.ts";
import { DEFAULT_DATASET_DIR } from "../src/paths.ts";

let db: Database;
let app: AppServer;
let webDist: string;
const indexHtml = `<!doctype html><html><head><title>Linze</title></head><body><div id="root"></div>${"<!-- padding -->".repeat(100)}</body></html>`;
const appJs = `export const greeting = "你好";\n`.repeat(200);
const wasm = Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]), Buffer.alloc(4096, 7)]);

beforeAll(async () => {
  webDist = await mkdtemp(path.join(tmpdir(), "linze-web-"));
  await mkdir(path.join(webDist, "assets"));
  await writeFile(path.join(webDist, "index.html"), indexHtml);
  await writeFile(path.join(webDist, "assets", "app-abc123.js"), appJs);
  await writeFile(path.join(webDist, "assets", "duckdb-eh.wasm"), wasm);
  db = await openTestDatabase(DEFAULT_DATASET_DIR);
  app = await createServer({ port: 0, db, tree: await loadOrgUnitTree(db), webDist });
}, 90_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
  await rm(webDist, { recursive: true, force: true });
});

/** A tRPC query over HTTP, as @trpc/client's httpLink sends it with superjson. */
async function trpcQuery(procedure: string, input?: unknown) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const res = await fetch(`${app.url}/trpc/${procedure}${query}`);
  const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
  return {
    status: res.status,
    data: body.result ? superjson.deserialize(body.result.data as never) : undefined,
    error: body.error ? (superjson.deserialize(body.error as never) as { message: string; data: { code: string; zodError: { issues: { path: string }[] } | null } }) : undefined,
  };
}

describe("API over HTTP", () => {
  test("GET /healthz → 200 {status: ok}", async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  test("values.list with superjson: cataract surgeries at LZ in 2016 = 156 from the demo data", async () => {
    const { status, data } = await trpcQuery("values.list", { indicators: ["cataract_surgeries"], orgUnits: ["LZ"], periods: ["2016"] });
    expect(status).toBe(200);
    expect(data).toEqual([{ indicator: "cataract_surgeries", orgUnit: "LZ", period: "2016", numerator: 156, denominator: null, value: 156 }]);
  });

  test("meta.latestPeriod is the latest month with data", async () => {
    expect((await trpcQuery("meta.latestPeriod")).data).toBe("2016-12");
  });

  test("a bad period → 400 whose error names the field path", async () => {
    const { status, error } = await trpcQuery("values.list", { indicators: ["cataract_surgeries"], orgUnits: ["LZ"], periods: ["2016-1"] });
    expect(status).toBe(400);
    expect(error?.data.code).toBe("BAD_REQUEST");
    expect(error?.data.zodError?.issues.map((i) => i.path)).toEqual(["periods.0"]);
  });

  test("an unknown org unit → 400 listing the valid ones", async () => {
    const { status, error } = await trpcQuery("values.list", { indicators: ["cataract_surgeries"], orgUnits: ["LZ-XX"], periods: ["2016"] });
    expect(status).toBe(400);
    expect(error?.message).toMatch(/Unknown org unit "LZ-XX".*Valid org units: LZ, /);
  });
});

/** A GET that leaves the body as sent (fetch would decompress it). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

describe("the dashboard's static files", () => {
  test("/ and an app route (SPA fallback) answer index.html", async () => {
    for (const url of ["/", "/townships/LZ-SH?period=2016"]) {
      const res = await fetch(`${app.url}${url}`, { headers: { "accept-encoding": "identity" } });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await res.text()).toBe(indexHtml);
    }
  });

  test("JavaScript is served gzip- or brotli-compressed, long-cached, with the same bytes", async () => {
    const gz = await rawGet(`${app.url}/assets/app-abc123.js`, { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers["content-type"]).toMatch(/javascript/);
    expect(gz.headers["cache-control"]).toContain("immutable");
    expect(gz.body.length).toBeLessThan(Buffer.byteLength(appJs) / 4);
    expect(gunzipSync(gz.body).toString()).toBe(appJs);

    const br = await rawGet(`${app.url}/assets/app-abc123.js`, { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString()).toBe(appJs);

    const again = await rawGet(`${app.url}/assets/app-abc123.js`, { "accept-encoding": "br", "if-none-match": String(br.headers.etag) });
    expect(again.status).toBe(304);
  });

  test(".wasm is served as application/wasm, compressed or not", async () => {
    const plain = await fetch(`${app.url}/assets/duckdb-eh.wasm`, { headers: { "accept-encoding": "identity" } });
    expect(plain.headers.get("content-type")).toBe("application/wasm");
    expect(Buffer.from(await plain.arrayBuffer()).equals(wasm)).toBe(true);
    const gz = await rawGet(`${app.url}/assets/duckdb-eh.wasm`, { "accept-encoding": "gzip" });
    expect(gz.headers["content-type"]).toBe("application/wasm");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).equals(wasm)).toBe(true);
  });

  test("a missing file with an extension is 404, not index.html", async () => {
    for (const encoding of ["identity", "gzip"]) {
      const res = await fetch(`${app.url}/assets/missing-123.js`, { headers: { "accept-encoding": encoding } });
      expect(res.status).toBe(404);
    }
  });

  test("a path outside the dist folder is not served", async () => {
    const res = await fetch(`${app.url}/assets/..%2f..%2f..%2fetc%2fpasswd`, { headers: { "accept-encoding": "gzip" } });
    expect(await res.text()).not.toContain("root:");
  });
});

test("before the data is ready /healthz and /trpc answer 503", async () => {
  const starting = await createServer({ port: 0, webDist });
  try {
    const health = await fetch(`${starting.url}/healthz`);
    expect(health.status).toBe(503);
    expect((await fetch(`${starting.url}/trpc/meta.latestPeriod`)).status).toBe(503);
    starting.setReady({ db, tree: await loadOrgUnitTree(db) });
    expect((await fetch(`${starting.url}/healthz`)).status).toBe(200);
  } finally {
    await starting.close();
  }
});
