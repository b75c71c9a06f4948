import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parse, problemTuples, valueTuples } from "./builders.ts";

async function xlsxBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * The sheet a township fills: a title merged across, two header rows (单位 merged down over both,
 * group cells merged across their items), village rows, a 合计 row with formulas.
 */
function shaheMarch(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet("3月");
  ws.getCell("A1").value = "沙河镇残联2016年3月工作月报表";
  ws.mergeCells("A1:F1");
  ws.getCell("A2").value = "单位";
  ws.mergeCells("A2:A3");
  ws.getCell("B2").value = "组织建设";
  ws.mergeCells("B2:C2");
  ws.getCell("D2").value = "重度残疾人护理补贴";
  ws.mergeCells("D2:E2");
  ws.getCell("F2").value = "康复";
  ws.getRow(3).values = [null /* A3: merged into A2 */, "已建残协村（社区）数", "已开辟活动场所村（社区）数", "人数", "金额（元）", "康复训练残疾儿童数"];
  ws.getRow(4).values = ["沙河镇 1号村", 1, 1, 5, 500, 0];
  ws.getRow(5).values = [{ richText: [{ text: "沙河镇 " }, { text: "2号村", font: { bold: true } }] }, 1, 0, 3, { formula: "D5*100", result: 300 }, 1];
  ws.getRow(6).values = ["沙河镇 3号村", 1, "—", 4, 400, null];
  ws.getRow(7).values = [
    "合计",
    { formula: "SUM(B4:B6)", result: 3 },
    { formula: "SUM(C4:C6)", result: 1 },
    { formula: "SUM(D4:D6)", result: 12 },
    { formula: "SUM(E4:E6)", result: 1300 }, // 500 + 300 + 400 = 1200: the cached result is wrong
    { formula: "SUM(F4:F6)", result: 1 },
  ];
}

describe("XLSX written with exceljs", () => {
  it("a title row, two merged header rows, rich text, formula results and a total row", async () => {
    const r = await parse(await xlsxBytes(shaheMarch), "沙河镇.xlsx");
    expect(r.encoding).toBe("xlsx");
    expect(r.layout).toBe("wide");
    expect(r.sheets).toEqual(["3月"]);
    expect(valueTuples(r)).toEqual([
      ["LZ-SH-V01", "2016-03", "associations_established", "1"],
      ["LZ-SH-V01", "2016-03", "activity_venues", "1"],
      ["LZ-SH-V01", "2016-03", "nursing_subsidy_recipients", "5"],
      ["LZ-SH-V01", "2016-03", "nursing_subsidy_cny", "500"],
      ["LZ-SH-V01", "2016-03", "rehab_children_trained", "0"],
      ["LZ-SH-V02", "2016-03", "associations_established", "1"],
      ["LZ-SH-V02", "2016-03", "activity_venues", "0"],
      ["LZ-SH-V02", "2016-03", "nursing_subsidy_recipients", "3"],
      ["LZ-SH-V02", "2016-03", "nursing_subsidy_cny", "300"],
      ["LZ-SH-V02", "2016-03", "rehab_children_trained", "1"],
      ["LZ-SH-V03", "2016-03", "associations_established", "1"],
      ["LZ-SH-V03", "2016-03", "nursing_subsidy_recipients", "4"],
      ["LZ-SH-V03", "2016-03", "nursing_subsidy_cny", "400"],
    ]);
    expect(r.missingCells).toBe(2);
    expect(r.totalRows).toBe(1);
    expect(r.rowsRead).toBe(3);
    expect(problemTuples(r)).toEqual([["warning", "total_mismatch", "3月", 7, "E", "重度残疾人护理补贴 / 金额（元）", "1300"]]);
    expect(r.problems[0]!.messageZh).toBe("合计行 1300 与各行之和 1200 不符");
    expect(r.values[0]!.location).toEqual({ file: "沙河镇.xlsx", sheet: "3月", row: 4, column: "B", header: "已建残协村（社区）数" });
    expect(r.columns.map((c) => [c.column, c.header, c.target])).toEqual([
      ["A", "单位", { kind: "orgUnit" }],
      ["B", "已建残协村（社区）数", { kind: "dataElement", code: "associations_established" }],
      ["C", "已开辟活动场所村（社区）数", { kind: "dataElement", code: "activity_venues" }],
      ["D", "重度残疾人护理补贴 / 人数", { kind: "dataElement", code: "nursing_subsidy_recipients" }],
      ["E", "重度残疾人护理补贴 / 金额（元）", { kind: "dataElement", code: "nursing_subsidy_cny" }],
      ["F", "康复训练残疾儿童数", { kind: "dataElement", code: "rehab_children_trained" }],
    ]);
  });

  it("a percent-formatted cell in a count column is a bad number; a percentage as text too", async () => {
    const bytes = await xlsxBytes((wb) => {
      const ws = wb.addWorksheet("Sheet1");
      ws.addRow(["单位", "适龄残疾儿童少年数", "已入学适龄残疾儿童少年数"]);
      ws.addRow(["蓼泉镇 1号村", 4, 0.75]);
      ws.getCell("C2").numFmt = "0%";
      ws.addRow(["蓼泉镇 2号村", 2, "100%"]);
      ws.addRow(["蓼泉镇 3号村", 3, 3]);
    });
    const r = await parse(bytes, "lq.xlsx", { period: "2016-09" });
    expect(valueTuples(r)).toEqual([
      ["LZ-LQ-V01", "2016-09", "school_age_children", "4"],
      ["LZ-LQ-V02", "2016-09", "school_age_children", "2"],
      ["LZ-LQ-V03", "2016-09", "school_age_children", "3"],
      ["LZ-LQ-V03", "2016-09", "children_enrolled", "3"],
    ]);
    expect(problemTuples(r)).toEqual([
      ["error", "bad_number", "Sheet1", 2, "C", "已入学适龄残疾儿童少年数", "75%"],
      ["error", "bad_number", "Sheet1", 3, "C", "已入学适龄残疾儿童少年数", "100%"],
    ]);
    expect(r.problems[0]!.messageEn).toBe('a percentage cannot go in a count column: "75%" (write the number itself)');
  });

  it("long layout in a workbook: a date cell as the period, an org unit merged down its rows, a formula without result", async () => {
    const bytes = await xlsxBytes((wb) => {
      wb.addWorksheet("说明").addRow(["填表说明：每月 5 日前报送"]);
      const ws = wb.addWorksheet("数据");
      ws.addRow(["组织机构", "期间", "数据元", "数值"]);
      ws.addRow(["LZ-BQ", new Date(Date.UTC(2016, 1, 1)), "走访慰问残疾人户数", 12]);
      ws.addRow([null, "2016-02", "受理维权案件数", 1]);
      ws.addRow([null, "2016-02", "办结维权案件数", { formula: "D3" }]);
      ws.mergeCells("A2:A4");
      ws.addRow(["LZ-BQ", "2016-02", "volunteer_stations", 1.5]);
    });
    const r = await parse(bytes, "bq.xlsx");
    expect(r.sheets).toEqual(["说明", "数据"]);
    expect(r.layout).toBe("long");
    expect(valueTuples(r)).toEqual([
      ["LZ-BQ", "2016-02", "holiday_visits", "12"],
      ["LZ-BQ", "2016-02", "rights_cases_received", "1"],
    ]);
    expect(problemTuples(r)).toEqual([
      ["warning", "no_header", "说明", 1, null, null, null],
      ["error", "bad_number", "数据", 4, "D", "数值", null],
      ["error", "decimal_count", "数据", 5, "D", "数值", "1.5"],
    ]);
    expect(r.problems[1]!.messageEn).toBe("the formula has no saved result: open and save the file in Excel or WPS, then import it again");
  });

  it("a damaged workbook, an old .xls and a misnamed text file are file problems, not crashes", async () => {
    const good = await xlsxBytes(shaheMarch);
    const cut = await parse(good.subarray(0, Math.floor(good.length / 2)), "cut.xlsx");
    expect(problemTuples(cut)).toEqual([["error", "unreadable_file", null, 0, null, null, null]]);
    expect(cut.values).toEqual([]);

    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const xls = await parse(ole, "old.xls");
    expect(problemTuples(xls)).toEqual([["error", "unsupported_format", null, 0, null, null, null]]);
    expect(xls.problems[0]!.messageZh).toBe("这是旧版 Excel 97-2003（.xls）或加密的工作簿；请在 Excel/WPS 中另存为 .xlsx 或 CSV");

    const text = await parse(new TextEncoder().encode("单位,持证残疾人数\n"), "named.xlsx");
    expect(problemTuples(text)).toEqual([["error", "unreadable_file", null, 0, null, null, null]]);
  });

  it("the same (org unit, period, data element) on two sheets: a warning when equal, an error when not", async () => {
    const bytes = await xlsxBytes((wb) => {
      for (const [name, value] of [["一", 40], ["二", 40], ["三", 41]] as const) {
        const ws = wb.addWorksheet(name);
        ws.addRow(["2016年5月"]);
        ws.addRow(["单位", "持证残疾人数"]);
        ws.addRow(["LZ-SH-V01", value]);
      }
    });
    const r = await parse(bytes, "three.xlsx");
    expect(valueTuples(r)).toEqual([["LZ-SH-V01", "2016-05", "certified_persons", "40"]]);
    expect(problemTuples(r)).toEqual([
      ["warning", "duplicate_value", "二", 3, "B", "持证残疾人数", "40"],
      ["error", "duplicate_value", "三", 3, "B", "持证残疾人数", "41"],
    ]);
    expect(r.problems[1]!.messageZh).toBe("同一组织机构、期间和数据元已在工作表“一”第 3 行填为 40，此处为 41，两者不一致");
  });
});
