/**
 * GET /snapshot.arrow over real HTTP on the demo data: the Arrow snapshot
 * compressed as asked, its ETag and 304, a new ETag once a data value
 * changes, and the bytes loaded into native DuckDB giving the report's
 * county totals (DOMAIN.md §5).
 */
import http from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { INDICATORS } from "@linze/domain";
import { loadOrgUnitTree, type Database } from "@linze/db";
import { openTestDatabase } from "@linze/db/testing";
import { createEngine } from "@linze/duckdb";
import { ARROW_STREAM_CONTENT_TYPE, decodeSnapshot } from "@linze/duckdb/arrow";
import { createServer, type AppServer } from "../src/server.ts";
import { DEFAULT_DATASET_DIR } from "../src/paths.ts";
import { signedInHeaders } from "./sign-in.ts";

let db: Database;
let app: AppServer;
/** A county administrator's session (sees the whole county). */
let session: Record<string, string>;

beforeAll(async () => {
  db = await openTestDatabase(DEFAULT_DATASET_DIR);
  app = await createServer({ port: 0, db, tree: await loadOrgUnitTree(db) });
  session = await signedInHeaders(app.url, db);
}, 90_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request with exactly these headers and the session's (fetch would add Accept-Encoding and decompress). */
function request(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${app.url}${path}`, { method, headers: { ...session, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

const plain = (r: Raw) =>
  new Uint8Array(r.headers["content-encoding"] === "br" ? brotliDecompressSync(r.body) : r.headers["content-encoding"] === "gzip" ? gunzipSync(r.body) : r.body);

describe("GET /snapshot.arrow", () => {
  test("brotli, gzip or none as accepted; the same Arrow bytes; no-cache with an ETag", async () => {
    const br = await request("/snapshot.arrow", { "accept-encoding": "gzip, deflate, br" });
    const gz = await request("/snapshot.arrow", { "accept-encoding": "gzip" });
    const none = await request("/snapshot.arrow");
    expect([br.status, gz.status, none.status]).toEqual([200, 200, 200]);
    expect([br.headers["content-encoding"], gz.headers["content-encoding"], none.headers["content-encoding"]]).toEqual(["br", "gzip", undefined]);
    expect(br.headers["content-type"]).toBe(ARROW_STREAM_CONTENT_TYPE);
    expect(br.headers["cache-control"]).toBe("private, no-cache");
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(br.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(gz.headers.etag).toBe(br.headers.etag);
    expect(Buffer.from(plain(br)).equals(none.body)).toBe(true);
    expect(Buffer.from(plain(gz)).equals(none.body)).toBe(true);
    // 28,821 values: the compressed Arrow is a fraction of the raw stream.
    expect(br.body.length).toBeLessThan(none.body.length / 3);
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
  });

  test("the snapshot holds every org unit and data value, and loaded into DuckDB gives the report's 2016 county totals", async () => {
    const snapshot = decodeSnapshot(plain(await request("/snapshot.arrow", { "accept-encoding": "br" })));
    expect(snapshot.orgUnits).toHaveLength(84);
    const [{ n }] = (await db.query<{ n: string }>("SELECT count(*) AS n FROM data_values")) as [{ n: string }];
    expect(snapshot.dataValues.value).toHaveLength(Number(n));
    const engine = await createEngine();
    try {
      await engine.load(snapshot);
      const rows = await engine.indicatorRows({ indicators: INDICATORS.filter((i) => ["cataract_surgeries", "subsidy_paid_cny", "subsidy_recipients"].includes(i.code)), orgUnits: ["LZ"], periods: ["2016"] });
      // DOMAIN.md §5: 156 free cataract surgeries; subsidies 1,856,400 CNY to 1,688 persons.
      expect(Object.fromEntries(rows.map((r) => [r.indicator, r.value]))).toEqual({ cataract_surgeries: 156, subsidy_paid_cny: 1_856_400, subsidy_recipients: 1688 });
    } finally {
      await engine.close();
    }
  });

  test("If-None-Match with the ETag → 304 without a body; another tag → 200", async () => {
    const first = await request("/snapshot.arrow", { "accept-encoding": "br" });
    const etag = first.headers.etag!;
    const again = await request("/snapshot.arrow", { "accept-encoding": "br", "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    const listed = await request("/snapshot.arrow", { "if-none-match": `"other", W/${etag}` });
    expect(listed.status).toBe(304);
    const other = await request("/snapshot.arrow", { "if-none-match": '"not-this-one"' });
    expect(other.status).toBe(200);
  });

  test("a changed data value gives a new ETag and travels in the next snapshot", async () => {
    const before = await request("/snapshot.arrow");
    await db.query("UPDATE data_values SET value = value + 1 WHERE org_unit = 'LZ-SH-V01' AND period = '2016-03' AND data_element = 'cataract_surgeries'");
    try {
      const after = await request("/snapshot.arrow", { "if-none-match": before.headers.etag! });
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      const s = decodeSnapshot(plain(after));
      const surgeries = s.dataValues.value.filter((_, i) => s.dataValues.dataElement[i] === "cataract_surgeries").reduce((a, b) => a + b, 0);
      expect(surgeries).toBe(157);
    } finally {
      await db.query("UPDATE data_values SET value = value - 1 WHERE org_unit = 'LZ-SH-V01' AND period = '2016-03' AND data_element = 'cataract_surgeries'");
    }
  });

  test("the kept snapshot is the caller's scope's: an administrator, a township officer, the administrator again (same data version)", async () => {
    const officer = await signedInHeaders(app.url, db, { username: "test-officer-sh", role: "township_officer", orgUnits: { capture: ["LZ-SH"], view: ["LZ-SH"] } });
    const admin1 = await request("/snapshot.arrow");
    const asOfficer = await request("/snapshot.arrow", officer);
    const admin2 = await request("/snapshot.arrow");
    expect(decodeSnapshot(plain(admin1)).orgUnits).toHaveLength(84);
    const o = decodeSnapshot(plain(asOfficer));
    // LZ + 7 townships + 沙河镇's 12 villages and 5 communities; the other six townships by their totals.
    expect(o.orgUnits).toHaveLength(25);
    expect(o.summaryOnly).toEqual(["LZ-XH", "LZ-LQ", "LZ-PC", "LZ-BQ", "LZ-YN", "LZ-NJY"]);
    expect(asOfficer.headers.etag).not.toBe(admin1.headers.etag);
    expect(admin2.headers.etag).toBe(admin1.headers.etag);
    expect(admin2.body.equals(admin1.body)).toBe(true);
  });

  test("HEAD has the headers without a body; POST → 405", async () => {
    const head = await request("/snapshot.arrow", { "accept-encoding": "gzip" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-encoding"]).toBe("gzip");
    expect(head.body.length).toBe(0);
    expect((await request("/snapshot.arrow", {}, "POST")).status).toBe(405);
  });
});
