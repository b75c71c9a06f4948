/**
 * @linze/import is isomorphic: the same files parse to the same values and problems in Node and
 * in Chromium, from a Vite production build (TextDecoder with GB18030, crypto.subtle on
 * localhost, exceljs's browser build loaded on demand). Also prints the bundle sizes.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { chromium, type Browser, type Page } from "playwright-core";
import { build, preview, type PreviewServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParseResult } from "../src/index.ts";
import { dataElementsReportedAt } from "@linze/domain";
import { parse, tree } from "../test/builders.ts";

const ROOT = fileURLToPath(new URL("./page/", import.meta.url));
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let outDir: string;
let server: PreviewServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), "linze-import-browser-"));
  await build({ root: ROOT, logLevel: "warn", build: { outDir, emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 2000 } });
  server = await preview({ root: ROOT, logLevel: "warn", build: { outDir }, preview: { port: 0, host: "127.0.0.1", strictPort: false } });
  const address = server.httpServer.address();
  const port = typeof address === "object" && address ? address.port : 0;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on("pageerror", (e) => console.error("page error:", e));
  // localhost is a secure context: crypto.subtle is there.
  await page.goto(`http://localhost:${port}/`);
  await page.waitForFunction(() => window.parserReady === true);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

interface BrowserParse {
  result: ParseResult;
  summary: { rowsRead: number; values: number; problems: number };
  progress: [number, number][];
  ms: number;
}

async function inBrowser(bytes: Uint8Array, fileName: string, options: { period?: string; summary?: boolean } = {}): Promise<BrowserParse> {
  const base64 = Buffer.from(bytes).toString("base64");
  return (await page.evaluate(([b, n, o]) => window.parseImport(b, n, o), [base64, fileName, options] as const)) as BrowserParse;
}

describe("@linze/import in Chromium (Vite production build)", () => {
  it("a GB18030 wide CSV parses as in Node", async () => {
    const text = ["沙河镇残联2016年3月工作月报表", "单位,持证残疾人数,专职委员工作补贴（元）", "沙河镇 1号村,４５,600", "临泽县,3,", "合 计,47,600"].join("\r\n");
    const bytes = new Uint8Array(iconv.encode(text, "gb18030"));
    const { result } = await inBrowser(bytes, "沙河镇.csv");
    const node = await parse(bytes, "沙河镇.csv");
    expect(result.encoding).toBe("gb18030");
    expect(result.values.map((v) => [v.orgUnit, v.period, v.dataElement, v.value])).toEqual([
      ["LZ-SH-V01", "2016-03", "certified_persons", "45"],
      ["LZ-SH-V01", "2016-03", "committee_allowance_cny", "600"],
    ]);
    // 临泽县 does not report certified persons; the total 47 ≠ 45 names both numbers.
    expect(result.problems.map((p) => [p.code, p.row, p.column])).toEqual([
      ["not_reported_at_level", 4, "B"],
      ["total_mismatch", 5, "B"],
    ]);
    expect(result).toEqual(node); // same values, problems, mapping, and the same SHA-256
  });

  it("an XLSX with merged two-row headers parses as in Node (exceljs's browser build)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("4月");
    ws.getCell("A1").value = "新华镇2016年4月";
    ws.mergeCells("A1:C1");
    ws.getCell("A2").value = "单位";
    ws.mergeCells("A2:A3");
    ws.getCell("B2").value = "困难残疾人生活补贴";
    ws.mergeCells("B2:C2");
    ws.getRow(3).values = [null, "人数", "金额（元）"];
    ws.getRow(4).values = ["新华镇 1号村", 12, { formula: "B4*100", result: 1200 }];
    ws.getRow(5).values = ["新华镇 2号村", 0.5, 0];
    ws.getCell("B5").numFmt = "0%";
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const { result } = await inBrowser(bytes, "xinhua.xlsx");
    const node = await parse(bytes, "xinhua.xlsx");
    expect(result.encoding).toBe("xlsx");
    expect(result.values.map((v) => [v.orgUnit, v.period, v.dataElement, v.value])).toEqual([
      ["LZ-XH-V01", "2016-04", "living_subsidy_recipients", "12"],
      ["LZ-XH-V01", "2016-04", "living_subsidy_cny", "1200"],
      ["LZ-XH-V02", "2016-04", "living_subsidy_cny", "0"],
    ]);
    expect(result.problems.map((p) => [p.code, p.sheet, p.row, p.column, p.value])).toEqual([["bad_number", "4月", 5, "B", "50%"]]);
    expect(result).toEqual(node);
  });

  it("reports progress on a 10,000-row long CSV and ends at the total", async () => {
    const lines = ["org_unit,period,data_element,value"];
    const villages = tree.atLevel(3).map((u) => u.code);
    const elements = dataElementsReportedAt(3).map((d) => d.code);
    for (let m = 1; lines.length <= 10_000; m++) {
      for (const u of villages) for (const d of elements) lines.push(`${u},2016-${String(m).padStart(2, "0")},${d},${m}`);
    }
    const bytes = new TextEncoder().encode(lines.slice(0, 10_001).join("\n"));
    const { summary, progress } = await inBrowser(bytes, "long.csv", { summary: true });
    expect(summary).toEqual({ rowsRead: 10_000, values: 10_000, problems: 0 });
    expect(progress[0]).toEqual([0, 10_000]);
    expect(progress.at(-1)).toEqual([10_000, 10_000]);
    expect(progress.length).toBe(7); // 0, 2000, 4000, 6000, 8000, 10000 (tick) and the end
  });

  it("bundle: exceljs is its own chunk, loaded only for XLSX", async () => {
    const assets = path.join(outDir, "assets");
    const files = (await readdir(assets)).filter((f) => f.endsWith(".js"));
    const sizes = await Promise.all(
      files.map(async (f) => {
        const b = await readFile(path.join(assets, f));
        return { file: f, kb: Math.round(b.length / 1024), gzipKb: Math.round(gzipSync(b).length / 1024) };
      }),
    );
    console.log("browser bundle (KB raw / gzip):", sizes.map((s) => `${s.file} ${s.kb}/${s.gzipKb}`).join(", "));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const html = await readFile(path.join(outDir, "index.html"), "utf8");
    const entry = sizes.find((s) => html.includes(s.file))!;
    const excel = sizes.find((s) => s !== entry && s.kb > 500);
    expect(excel).toBeDefined(); // exceljs's browser build (~900 KB raw)
    expect(entry.kb).toBeLessThan(200); // the parser, papaparse and @linze/domain without exceljs
  });
});
