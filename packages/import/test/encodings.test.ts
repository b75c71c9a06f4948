import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText } from "../src/index.ts";
import { parse, problemTuples, utf8Csv, valueTuples } from "./builders.ts";

// A township's wide sheet as Excel on Chinese Windows saves "CSV (逗号分隔)": GBK bytes.
const WIDE_ZH = [
  "沙河镇残联2016年3月工作月报表",
  "单位,持证残疾人数,白内障复明手术例数,专职委员工作补贴（元）",
  "沙河镇 1号村,45,2,600",
  "沙河镇 2号村,38,—,600.50",
];
const WIDE_VALUES = [
  ["LZ-SH-V01", "2016-03", "certified_persons", "45"],
  ["LZ-SH-V01", "2016-03", "cataract_surgeries", "2"],
  ["LZ-SH-V01", "2016-03", "committee_allowance_cny", "600"],
  ["LZ-SH-V02", "2016-03", "certified_persons", "38"],
  ["LZ-SH-V02", "2016-03", "committee_allowance_cny", "600.5"],
];

describe("decodeText", () => {
  it("decodes UTF-8 with and without BOM, stripping the BOM", () => {
    expect(decodeText(utf8Csv(["a,沙河镇"], true))).toEqual({ text: "a,沙河镇\r\n", encoding: "utf-8" });
    expect(decodeText(utf8Csv(["a,沙河镇"], false))).toEqual({ text: "a,沙河镇\r\n", encoding: "utf-8" });
  });

  it("decodes real GB18030 bytes written by iconv-lite", () => {
    const bytes = iconv.encode("单位,持证残疾人数\r\n倪家营镇 1号村,１２\r\n", "gb18030");
    expect(bytes[0]).toBe(0xb5); // 单 is B5 A5 in GB2312: these are not UTF-8 bytes
    expect(decodeText(new Uint8Array(bytes))).toEqual({ text: "单位,持证残疾人数\r\n倪家营镇 1号村,１２\r\n", encoding: "gb18030" });
  });

  it("reads GBK text holding a byte that is never UTF-8 (临 = C1 D9)", () => {
    const bytes = new Uint8Array(iconv.encode("临泽县", "gbk"));
    expect([...bytes.subarray(0, 2)]).toEqual([0xc1, 0xd9]); // C1 can never occur in UTF-8
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(decodeText(bytes)).toEqual({ text: "临泽县", encoding: "gb18030" });
  });

  it("refuses bytes that are neither UTF-8 nor GB18030, naming the line, with no U+FFFD anywhere", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("a,b\n1,2\n"), 0xff, 0xff, 0x0a]);
    const d = decodeText(bytes);
    expect(d.text).toBeNull();
    expect(d).toMatchObject({ encoding: null, line: 3 });
    expect(d.text === null && d.reasonEn).toBe(
      'unrecognised text encoding: line 3 is not valid UTF-8 and line 3 is not valid GB18030/GBK; save the file as "CSV UTF-8" or an Excel workbook (.xlsx)',
    );
  });

  it("refuses UTF-16 text with a hint", () => {
    const d = decodeText(new Uint8Array([0xff, 0xfe, 0x61, 0x00]));
    expect(d.text).toBeNull();
    expect(d.text === null && d.reasonEn).toContain("UTF-16");
  });
});

describe("parseImportFile: encodings", () => {
  it("a UTF-8 wide sheet with a BOM", async () => {
    const r = await parse(utf8Csv(WIDE_ZH, true), "沙河镇3月.csv");
    expect(r.encoding).toBe("utf-8");
    expect(r.layout).toBe("wide");
    expect(valueTuples(r)).toEqual(WIDE_VALUES);
    expect(r.problems).toEqual([]);
    expect(r.missingCells).toBe(1); // the "—"
    expect(r.rowsRead).toBe(2);
  });

  it("the same sheet in UTF-8 without a BOM", async () => {
    const r = await parse(utf8Csv(WIDE_ZH, false), "沙河镇3月.csv");
    expect(r.encoding).toBe("utf-8");
    expect(valueTuples(r)).toEqual(WIDE_VALUES);
    expect(r.problems).toEqual([]);
  });

  it("the same sheet in GB18030, as Excel on Chinese Windows saves it", async () => {
    const bytes = new Uint8Array(iconv.encode(WIDE_ZH.join("\r\n") + "\r\n", "gb18030"));
    const r = await parse(bytes, "沙河镇3月.csv");
    expect(r.encoding).toBe("gb18030");
    expect(valueTuples(r)).toEqual(WIDE_VALUES);
    expect(r.problems).toEqual([]);
    expect(r.values[0]!.location).toEqual({ file: "沙河镇3月.csv", sheet: null, row: 3, column: "B", header: "持证残疾人数" });
  });

  it("a GBK file with names in GBK (临泽县 holds C1, never UTF-8)", async () => {
    const lines = ["单位,持证残疾人数,注册助残志愿者人数,法律法规宣传活动场次", "临泽县,,,1", "蓼泉镇 1号村,31,20,", "蓼泉镇 10号村,27,18,"];
    const bytes = new Uint8Array(iconv.encode(lines.join("\r\n"), "gbk"));
    const r = await parse(bytes, "liaoquan.csv", { period: "2016-05" });
    expect(r.encoding).toBe("gb18030");
    expect(valueTuples(r)).toEqual([
      ["LZ", "2016-05", "legal_events", "1"],
      ["LZ-LQ-V01", "2016-05", "certified_persons", "31"],
      ["LZ-LQ-V01", "2016-05", "volunteers_registered", "20"],
      ["LZ-LQ-V10", "2016-05", "certified_persons", "27"],
      ["LZ-LQ-V10", "2016-05", "volunteers_registered", "18"],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.missingCells).toBe(4); // the county's two village columns, the villages' county column
    expect(r.values.some((v) => v.value.includes("\uFFFD"))).toBe(false);
  });

  it("undecodable bytes: one bad_encoding error on the line, no values", async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("org_unit,period,data_element,value\nLZ,2016-01,legal_events,1\n"), 0x80, 0xff, 0x0a]);
    const r = await parse(bytes, "broken.csv");
    expect(r.values).toEqual([]);
    expect(r.encoding).toBeNull();
    expect(problemTuples(r)).toEqual([["error", "bad_encoding", null, 3, null, null, null]]);
  });
});
