import { DATA_ELEMENT_CODES } from "@linze/domain";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ParseResult } from "../src/index.ts";
import { parse, tree, utf8Csv } from "./builders.ts";

const LONG = utf8Csv([
  "org_unit,period,data_element,value",
  "LZ-SH-V01,2016-03,certified_persons,45",
  "沙河镇 2号村,2016年3月,白内障复明手术例数,2",
  "LZ,2016-03,ecommerce_funds_cny,\"70,000.50\"",
  "LZ-SH,2016-03,villages_total,17",
  "合计,2016-03,certified_persons,45",
]);

const WIDE_LINES = [
  "沙河镇残联2016年3月工作月报表",
  "单位,重度残疾人护理补贴,,持证残疾人数",
  ",人数,金额（元）,",
  "沙河镇 1号村,5,500,40",
  "沙河镇 2号村,３,300.5,—",
  "小 计,8,800.5,40",
  "合计,8,800,41",
];

async function wideXlsx(cells: readonly (string | number | null)[] = [], compression: "DEFLATE" | "STORE" = "DEFLATE"): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("3月");
  ws.getCell("A1").value = "沙河镇残联2016年3月工作月报表";
  ws.mergeCells("A1:D1");
  ws.addRow(["单位", "重度残疾人护理补贴", null, "持证残疾人数"]);
  ws.mergeCells("B2:C2");
  ws.addRow([null, "人数", "金额（元）", null]);
  ws.addRow(["沙河镇 1号村", 5, 500, 40]);
  ws.addRow(["沙河镇 2号村", 3, { formula: "B5*100", result: 300 }, "—"]);
  ws.getCell("D5").numFmt = "0%";
  ws.addRow(["合 计", 8, 800, 40]);
  // random cells over the data area (rows 4–9, columns A–E)
  cells.forEach((v, i) => {
    ws.getCell(4 + Math.floor(i / 5), 1 + (i % 5)).value = v;
  });
  // exceljs hands `zip` to JSZip: STORE leaves the sheet XML readable inside the archive.
  return new Uint8Array(await wb.xlsx.writeBuffer({ zip: { compression } } as ExcelJS.XlsxWriteOptions));
}

function indexOfText(bytes: Uint8Array, text: string, from = 0): number {
  const needle = new TextEncoder().encode(text);
  outer: for (let i = from; i <= bytes.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const CANONICAL = /^(0|[1-9]\d*)(\.\d*[1-9])?$/;

/** What must hold whatever the bytes: values are sound, problems say where and why. */
function checkInvariants(r: ParseResult, fileName: string): void {
  for (const v of r.values) {
    expect(tree.has(v.orgUnit)).toBe(true);
    expect(v.period).toMatch(MONTH);
    expect(DATA_ELEMENT_CODES).toContain(v.dataElement);
    expect(v.value).toMatch(CANONICAL); // no U+FFFD, no NaN, no exponent, no separator
    expect(Number.isFinite(Number(v.value))).toBe(true);
    expect(v.location.file).toBe(fileName);
    expect(v.location.row).toBeGreaterThan(0);
  }
  for (const p of r.problems) {
    expect(p.file).toBe(fileName);
    expect(Number.isInteger(p.row) && p.row >= 0).toBe(true);
    expect(p.messageZh.length).toBeGreaterThan(0);
    expect(p.messageEn.length).toBeGreaterThan(0);
    expect(p.messageEn.startsWith("internal error")).toBe(false);
  }
  expect(r.rowsRead).toBeGreaterThanOrEqual(0);
  expect(r.missingCells).toBeGreaterThanOrEqual(0);
}

const damage = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 });

function damaged(bytes: Uint8Array, edits: readonly [number, number][], cut: number | null): Uint8Array {
  const out = bytes.slice();
  for (const [pos, b] of edits) out[pos % out.length] = b;
  return cut === null ? out : out.subarray(0, cut % (out.length + 1));
}

const cellText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 12 }),
  fc.constantFrom("", "—", "无", "1,200", "1，200", "９５％", "19/20", "-1", "1.5", "合计", "小 计", "总计", "2016年3月", "LZ-SH-V01", "沙河镇 3号村", "\"", "\r\n", "#DIV/0!", "1e400", "0.001"),
  fc.integer({ min: -10_000, max: 10_000 }).map(String),
);

describe("fuzz: damaged and random input never breaks the parser", () => {
  it("random byte damage and truncation of a long CSV", async () => {
    await fc.assert(
      fc.asyncProperty(damage, fc.option(fc.nat()), async (edits, cut) => {
        const r = await parse(damaged(LONG, edits, cut), "long.csv");
        checkInvariants(r, "long.csv");
      }),
      { numRuns: 300, seed: 20160515 },
    );
  });

  it("random cells in a wide CSV with two header rows and totals", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.nat(), cellText), { maxLength: 10 }), async (edits) => {
        const rows = WIDE_LINES.map((l) => l.split(","));
        for (const [r, c, text] of edits) {
          const row = rows[r % rows.length]!;
          row[c % (row.length + 1)] = /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
        }
        const res = await parse(utf8Csv(rows.map((r) => r.join(","))), "wide.csv", { period: "2016-03" });
        checkInvariants(res, "wide.csv");
      }),
      { numRuns: 300, seed: 20160516 },
    );
  });

  it("random cells in an XLSX", async () => {
    const value = fc.oneof(cellText, fc.double({ noNaN: false }), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(fc.array(value, { maxLength: 30 }), async (cells) => {
        const r = await parse(await wideXlsx(cells), "random.xlsx");
        checkInvariants(r, "random.xlsx");
      }),
      { numRuns: 40, seed: 20160517 },
    );
  });

  it("random byte damage and truncation of an XLSX", async () => {
    const good = await wideXlsx();
    await fc.assert(
      fc.asyncProperty(damage, fc.option(fc.nat()), async (edits, cut) => {
        const r = await parse(damaged(good, edits, cut), "damaged.xlsx");
        checkInvariants(r, "damaged.xlsx");
      }),
      { numRuns: 150, seed: 20160518 },
    );
  });

  it("random damage inside the sheet XML of an uncompressed XLSX", async () => {
    const good = await wideXlsx([], "STORE");
    const start = indexOfText(good, "<sheetData>");
    const end = indexOfText(good, "</sheetData>", start);
    expect(start).toBeGreaterThan(0);
    const inside = fc.array(fc.tuple(fc.integer({ min: start, max: end }), fc.integer({ min: 32, max: 126 })), { minLength: 1, maxLength: 3 });
    let withValues = 0;
    await fc.assert(
      fc.asyncProperty(inside, async (edits) => {
        const r = await parse(damaged(good, edits, null), "xml.xlsx");
        checkInvariants(r, "xml.xlsx");
        if (r.values.length > 0) withValues++;
      }),
      { numRuns: 150, seed: 20160519 },
    );
    // exceljs's XML parser refuses most damage (unreadable_file), but some damaged workbooks
    // still open and yield values: the property also ran on real, damaged sheets.
    expect(withValues).toBeGreaterThan(10);
  });
});
