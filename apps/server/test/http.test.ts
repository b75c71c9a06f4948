import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync, brotliDecompressSync } from "node:zlib";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import superjson from "superjson";
import ExcelJS from "exceljs";
import type { RankedResult } from "@linze/domain";
import { loadOrgUnitTree, type Database } from "@linze/db";
import { openTestDatabase } from "@linze/db/testing";
import { createServer, type AppServer } from "../src/server.ts";
import { DEFAULT_DATASET_DIR } from "../src/paths.ts";
import { signedInHeaders } from "./sign-in.ts";

let db: Database;
let app: AppServer;
let webDist: string;
/** A county administrator's session cookie and the CSRF header. */
let headers: Record<string, string>;
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
  headers = await signedInHeaders(app.url, db);
}, 90_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
  await rm(webDist, { recursive: true, force: true });
});

/** A tRPC query over HTTP, as @trpc/client's httpLink sends it with superjson. */
async function trpcQuery(procedure: string, input?: unknown) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const res = await fetch(`${app.url}/trpc/${procedure}${query}`, { headers });
  const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
  return {
    status: res.status,
    data: body.result ? superjson.deserialize(body.result.data as never) : undefined,
    error: body.error ? (superjson.deserialize(body.error as never) as { message: string; data: { code: string; zodError: { issues: { path: string }[] } | null } }) : undefined,
  };
}

/** A tRPC mutation over HTTP (POST, superjson body), as @trpc/client's httpLink sends it. */
async function trpcMutation(procedure: string, input: unknown): Promise<unknown> {
  const res = await fetch(`${app.url}/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(superjson.serialize(input)) });
  const body = (await res.json()) as { result?: { data: unknown }; error?: unknown };
  if (!body.result) throw new Error(`${procedure}: ${res.status} ${JSON.stringify(body.error)}`);
  return superjson.deserialize(body.result.data as never);
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

describe("GET /export/assessments/<run id>.xlsx", () => {
  const GRADE_ZH: Record<string, string> = { excellent: "优秀", good: "良好", pass: "合格", fail: "不合格" };
  /** The text a number cell shows: its value with the decimals of its format, × 100 with "%" for a percentage format ("0.00%"). */
  const shownText = (cell: ExcelJS.Cell) => {
    if (typeof cell.value !== "number") return String(cell.value);
    const format = cell.numFmt ?? "0";
    const decimals = format.replace(/%$/, "").split(".")[1]?.length ?? 0;
    return format.endsWith("%") ? `${(cell.value * 100).toFixed(decimals)}%` : cell.value.toFixed(decimals);
  };

  test("a run as a workbook: 排名 and 项目明细 hold the API's results as shown, Chinese headings, content type and file name", async () => {
    // Nijiaying's members in Q1: ranked ones, three incomplete (no February report), one vetoed.
    const { run, ranking } = await trpcMutation("assessments.run", {
      year: 2016,
      quarter: 1,
      scope: "townshipMembers",
      township: "LZ-NJY",
      manualDefault: "full",
      vetoes: { "CM-LZ-NJY-V01": [{ itemId: "v1", reason: "演示：虚构的数据造假 / Demo: fictitious falsified data" }] },
      // V03 rates its record-keeping (m1, 15 points given) 10: the page's remark "自评分与考核分不一致：m1".
      selfScores: { "CM-LZ-NJY-V03": { m1: 10 } },
    }) as { run: { id: number; revision: number }; ranking: { code: string; total: string; grade: string | null; rank: number | null }[] };
    const res = await fetch(`${app.url}/export/assessments/${run.id}.xlsx`, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toContain(`attachment; filename="assessment-2016Q1-townshipMembers-LZ-NJY-r${run.revision}.xlsx"`);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe(`考核结果-2016年第1季度-乡镇专职委员-LZ-NJY-第${run.revision}版.xlsx`);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    expect(wb.worksheets.map((w) => w.name)).toEqual(["排名", "项目明细", "考核信息"]);
    const sheet = wb.getWorksheet("排名")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 6)).toEqual(["名次", "单位编码", "单位名称", "总分", "等级"]);
    expect(sheet.rowCount).toBe(ranking.length + 1);
    ranking.forEach((line, i) => {
      const row = sheet.getRow(i + 2);
      expect(row.getCell(1).value).toBe(line.rank ?? "—");
      expect(row.getCell(2).value).toBe(line.code);
      expect(shownText(row.getCell(4))).toBe(line.total);
      expect(row.getCell(5).value).toBe(line.grade ? GRADE_ZH[line.grade] : "—");
    });
    const byCode = new Map(ranking.map((l, i) => [l.code, sheet.getRow(i + 2)]));
    expect(byCode.get("CM-LZ-NJY-V01")!.getCell(10).value).toBe("一票否决");
    // 说明: the run page's remarks, in its words (the self-score remark was left out).
    expect(byCode.get("CM-LZ-NJY-V01")!.getCell(11).value).toBe("一票否决：v1 演示：虚构的数据造假 / Demo: fictitious falsified data");
    expect(byCode.get("CM-LZ-NJY-V02")!.getCell(11).value).toBe("未完成：i1（本季度未报送月份：2016-02）、i2（本季度未报送月份：2016-02）、i3（本季度未报送月份：2016-02）");
    expect(byCode.get("CM-LZ-NJY-V03")!.getCell(11).value).toBe("自评分与考核分不一致：m1");

    // Every item of every unit, in ranking order, equal to the API's result.
    const { data } = await trpcQuery("assessments.get", { id: run.id });
    const results = (data as { results: { assessedCode: string; result: RankedResult }[] }).results;
    const items = wb.getWorksheet("项目明细")!;
    expect((items.getRow(1).values as unknown[]).slice(1)).toEqual(["单位编码", "单位名称", "项目", "项目名称", "分值", "实际", "应完成", "规则", "扣分", "得分", "加分", "自评分", "说明"]);
    let r = 2;
    for (const { assessedCode, result } of results) {
      for (const item of result.items) {
        const row = items.getRow(r++);
        expect([row.getCell(1).value, row.getCell(3).value]).toEqual([assessedCode, item.itemId]);
        expect(shownText(row.getCell(5))).toBe(item.points.display);
        expect(row.getCell(10).type === ExcelJS.ValueType.Number ? shownText(row.getCell(10)) : row.getCell(10).value).toBe(item.score?.display ?? "不完整");
        expect(shownText(row.getCell(11))).toBe(item.bonus.display);
        if (item.kind === "indicator" && !item.incomplete) {
          // Numbers (they were text, "100.00%"): a rate as an Excel percentage (1 shown "100.00%"), a count as itself.
          const percent = item.explanation.indicator!.unit === "percent";
          for (const [col, exact] of [[6, item.explanation.actual!], [7, item.explanation.expected!]] as const) {
            expect(row.getCell(col).type).toBe(ExcelJS.ValueType.Number);
            expect(shownText(row.getCell(col))).toBe(`${exact.display}${percent ? "%" : ""}`);
            expect(row.getCell(col).value).toBeCloseTo(Number(exact.display) / (percent ? 100 : 1), 12);
          }
        }
      }
    }
    expect(items.rowCount).toBe(r - 1);
    // A hand-checked cell: Nijiaying V03's record-keeping item is a manual item at its full 15 points, shown "15.00".
    const v03m1 = Array.from({ length: items.rowCount }, (_, i) => items.getRow(i + 1)).find((row) => row.getCell(1).value === "CM-LZ-NJY-V03" && row.getCell(3).value === "m1")!;
    expect([v03m1.getCell(6).value, shownText(v03m1.getCell(6)), v03m1.getCell(8).value, shownText(v03m1.getCell(10))]).toEqual([15, "15.00", "评分人打分", "15.00"]);
    // A hand-checked rate: Nijiaying V03's record update rate (i1) is a percentage cell, not the text "….00%".
    const v03i1 = Array.from({ length: items.rowCount }, (_, i) => items.getRow(i + 1)).find((row) => row.getCell(1).value === "CM-LZ-NJY-V03" && row.getCell(3).value === "i1")!;
    // The letter's target 100 % (a rate is not paced): 1 shown "100.00%".
    expect([v03i1.getCell(6).numFmt, v03i1.getCell(7).numFmt, v03i1.getCell(7).value, shownText(v03i1.getCell(7))]).toEqual(["0.00%", "0.00%", 1, "100.00%"]);
    expect(wb.getWorksheet("考核信息")!.getRow(5).getCell(2).value).toBe("草稿");
  });

  test("考核信息 names who computed and submitted the run by display name with the username in brackets (it was the username alone); a system identity by its Chinese label", async () => {
    const { run } = (await trpcMutation("assessments.run", { year: 2016, quarter: 2, scope: "townships", manualDefault: "full" })) as { run: { id: number } };
    await trpcMutation("assessments.submit", { id: run.id });
    const info = async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await (await fetch(`${app.url}/export/assessments/${run.id}.xlsx`, { headers })).arrayBuffer());
      const sheet = wb.getWorksheet("考核信息")!;
      return [6, 7, 8, 9].map((r) => [sheet.getRow(r).getCell(1).value, sheet.getRow(r).getCell(2).value]);
    };
    // sign-in.ts makes the account test-admin with the display name "test-admin (test)".
    const got = await info();
    expect(got.map((r) => r[0])).toEqual(["计算人 / 时间", "提交人 / 时间", "审核人 / 时间", "发布人 / 时间"]);
    expect(got.map((r) => r[1])).toEqual(["test-admin (test)（test-admin）", "test-admin (test)（test-admin）", "—", "—"]);
    // A run computed by the dataset loader (as the demo's stored runs are recorded) is named in words.
    await db.query("UPDATE assessment_runs SET created_by = 'dataset-loader' WHERE id = $1", [run.id]);
    expect((await info())[0]![1]).toBe("数据集导入（dataset-loader）");
  });

  test("考核信息's times are Excel date-times on China's clock, shown as the page shows them (they were UTC ISO text)", async () => {
    const { run } = (await trpcMutation("assessments.run", { year: 2016, quarter: 3, scope: "townships", manualDefault: "full" })) as { run: { id: number } };
    // 23:43:33 UTC on 5 December is 07:43 on 6 December in China: the day changes too.
    await db.query("UPDATE assessment_runs SET created_at = '2026-12-05T23:43:33.579Z' WHERE id = $1", [run.id]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await (await fetch(`${app.url}/export/assessments/${run.id}.xlsx`, { headers })).arrayBuffer());
    const created = wb.getWorksheet("考核信息")!.getRow(6).getCell(3);
    expect(created.type).toBe(ExcelJS.ValueType.Date);
    // Excel has no time zones: the cell holds the wall-clock time (read back by ExcelJS as those UTC fields).
    expect((created.value as Date).toISOString()).toBe("2026-12-06T07:43:33.579Z");
    expect(created.numFmt).toBe('yyyy"年"m"月"d"日" hh:mm');
    // What that format shows is the page's zh-CN text for the same instant (formatInstant: Asia/Shanghai, medium date, short time).
    const d = created.value as Date;
    const shown = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
    const page = new Intl.DateTimeFormat("zh-CN", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(new Date("2026-12-05T23:43:33.579Z"));
    expect([shown, page]).toEqual(["2026年12月6日 07:43", "2026年12月6日 07:43"]);
    // Not yet submitted: no time.
    expect(wb.getWorksheet("考核信息")!.getRow(7).getCell(3).value).toBeNull();
  });

  test("a bad id is 400, an unknown run 404", async () => {
    expect((await fetch(`${app.url}/export/assessments/abc.xlsx`)).status).toBe(400);
    expect((await fetch(`${app.url}/export/assessments/999999.xlsx`, { headers })).status).toBe(404);
    expect((await fetch(`${app.url}/export/assessments/999999.xlsx`)).status).toBe(401);
  });
});
