import { describe, expect, it } from "vitest";
import { DATA_ELEMENTS } from "@linze/domain";
import { bytesToBase64 } from "../src/import/protocol.ts";
import {
  changedEdits,
  DATA_ELEMENT_TARGETS,
  editedMapping,
  formatBytes,
  isAcceptedFileName,
  isMappingTarget,
  orderProblems,
  pageOf,
  problemCounts,
  reasonsIn,
  targetText,
  type MappingColumn,
} from "../src/import/logic.ts";

const problem = (severity: "error" | "warning", row: number) => ({ severity, row, messageZh: `第${row}行`, messageEn: `row ${row}` });

describe("import page logic", () => {
  it("lists errors before warnings, each in the server's order, and counts them", () => {
    const problems = [problem("warning", 2), problem("error", 5), problem("warning", 3), problem("error", 4)];
    expect(orderProblems(problems).map((p) => `${p.severity[0]}${p.row}`)).toEqual(["e5", "e4", "w2", "w3"]);
    expect(problemCounts(problems)).toEqual({ errors: 2, warnings: 2 });
    expect(problemCounts([])).toEqual({ errors: 0, warnings: 0 });
  });

  it("pages 3,012 problems 50 a page: the last page holds 12, pages clamp", () => {
    const items = Array.from({ length: 3012 }, (_, i) => i);
    const first = pageOf(items, 0);
    expect([first.first, first.last, first.pages, first.items.length]).toEqual([1, 50, 61, 50]);
    const last = pageOf(items, 60);
    // 60 full pages hold 3,000; the 61st the remaining 12 (3,001–3,012).
    expect([last.first, last.last, last.items.length]).toEqual([3001, 3012, 12]);
    expect(pageOf(items, 99).page).toBe(60);
    expect(pageOf(items, -3).page).toBe(0);
    expect(pageOf([], 0)).toEqual({ items: [], page: 0, pages: 1, first: 0, last: 0, total: 0 });
  });

  it("gives the reason in the page's language first and the other language second", () => {
    expect(reasonsIn({ messageZh: "人数不能为负数", messageEn: "a count cannot be negative" }, "zh-CN")).toEqual({
      main: "人数不能为负数",
      other: "a count cannot be negative",
      otherLang: "en",
    });
    expect(reasonsIn({ messageZh: "人数不能为负数", messageEn: "a count cannot be negative" }, "en").otherLang).toBe("zh-CN");
  });

  it("accepts .csv and .xlsx in any case, nothing else", () => {
    expect(["月报.CSV", "a.xlsx", "b.Xlsx"].map(isAcceptedFileName)).toEqual([true, true, true]);
    expect(["old.xls", "a.csv.txt", "xlsx", "report.pdf"].map(isAcceptedFileName)).toEqual([false, false, false, false]);
  });

  it("puts the page's edits on top of the mapping the dry run used, in the saved text form", () => {
    const used = { 单位: "orgUnit", 持证残疾人数: "certified_persons" };
    expect(editedMapping(used, { 重残护理人数: "nursing_subsidy_recipients", 持证残疾人数: "ignore" })).toEqual({
      单位: "orgUnit",
      持证残疾人数: "ignore",
      重残护理人数: "nursing_subsidy_recipients",
    });
    // A column without a header, or a target that is neither a word nor a data element, is not sent.
    expect(editedMapping(used, { "": "certified_persons", 备注: "no_such_element" })).toEqual(used);
    expect(editedMapping({}, {})).toBeNull();
    expect(isMappingTarget("value")).toBe(true);
    expect(isMappingTarget("Value")).toBe(false);
    expect(DATA_ELEMENT_TARGETS).toHaveLength(DATA_ELEMENTS.length);
  });

  it("counts only edits that differ from what the dry run used", () => {
    const columns: MappingColumn[] = [
      { sheet: null, column: "A", header: "单位", key: "单位", target: { kind: "orgUnit" }, source: "matched" },
      { sheet: null, column: "B", header: "持证残疾人数", key: "持证残疾人数", target: { kind: "dataElement", code: "certified_persons" }, source: "matched" },
      { sheet: null, column: "C", header: "重残护理人数", key: "重残护理人数", target: null, source: "unmatched" },
    ];
    expect(columns.map((c) => targetText(c.target))).toEqual(["orgUnit", "certified_persons", null]);
    expect(changedEdits(columns, { 单位: "orgUnit", 持证残疾人数: "records_updated", 重残护理人数: "nursing_subsidy_recipients", 不在表中: "ignore" })).toEqual([
      "持证残疾人数",
      "重残护理人数",
    ]);
  });

  it("formats file sizes in 1,024s", () => {
    expect(formatBytes(812, "en")).toBe("812 B");
    expect(formatBytes(36_045, "en")).toBe("35.2 KB"); // 36,045 / 1,024 = 35.2
    expect(formatBytes(4_300_000, "zh-CN")).toBe("4.1 MB"); // 4,300,000 / 1,048,576 = 4.10
  });

  it("encodes bytes as standard base64, across the 32 KB chunks of the fallback too", () => {
    expect(bytesToBase64(new TextEncoder().encode("沙河镇"))).toBe(Buffer.from("沙河镇").toString("base64"));
    const big = new Uint8Array(100_003).map((_, i) => (i * 131) & 0xff);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString("base64"));
    expect(bytesToBase64(new Uint8Array(0))).toBe("");
  });
});
