import { DATA_ELEMENTS } from "@linze/domain";
import { describe, expect, it } from "vitest";
import { matchHeader, normaliseHeader } from "../src/index.ts";
import { parse, problemTuples, utf8Csv, valueTuples } from "./builders.ts";

describe("matchHeader", () => {
  it("matches every data element by code, Chinese name and English name, and nothing else", () => {
    for (const d of DATA_ELEMENTS) {
      const target = { kind: "dataElement", code: d.code };
      expect(matchHeader(d.code), d.code).toEqual(target);
      expect(matchHeader(d.nameZh), d.nameZh).toEqual(target);
      expect(matchHeader(d.nameEn), d.nameEn).toEqual(target);
    }
  });

  it("normalises full width, spacing, line breaks, case and unit brackets", () => {
    const villages = { kind: "dataElement", code: "villages_total" };
    expect(matchHeader("村(社区)总数")).toEqual(villages);
    expect(matchHeader(" 村 （社区） 总数 ")).toEqual(villages);
    expect(matchHeader("村社区总数")).toEqual(villages);
    expect(matchHeader("VILLAGES_TOTAL")).toEqual(villages);
    expect(matchHeader("villages  and\ncommunities")).toEqual(villages);
    const allowance = { kind: "dataElement", code: "committee_allowance_cny" };
    expect(matchHeader("专职委员工作补贴（元）")).toEqual(allowance);
    expect(matchHeader("专职委员工作补贴(元)")).toEqual(allowance);
    expect(matchHeader("专职委员工作补贴")).toEqual(allowance);
    expect(matchHeader("专职委员\n工作补贴")).toEqual(allowance);
    expect(matchHeader("专职委员工作补贴（万元）")).toBeNull(); // another unit is not the same column
    expect(matchHeader("Committee-member work allowance paid")).toEqual(allowance);
    expect(matchHeader("单位")).toEqual({ kind: "orgUnit" });
    expect(matchHeader("序号")).toEqual({ kind: "ignore" });
    expect(matchHeader("上月结余")).toBeNull();
    expect(normaliseHeader("专职委员工作补贴（元）")).toBe("专职委员工作补贴(元)");
  });
});

describe("wide CSV: a row per org unit, a column per data element", () => {
  it("reads headers by code, Chinese and English name; full-width digits; thousands separators; missing marks", async () => {
    const r = await parse(
      utf8Csv([
        "平川镇残联2016年7月工作月报表",
        "序号,单位,health_checks,持证残疾人数,Cataract surgeries,困难残疾人生活补贴金额（元）",
        "1,平川镇 1号村,１２,\"1,204\",无,\"3，200\"",
        "2,平川镇 2号村,,—,－,",
        "3,平川镇 3号村,　８　,58,/,N/A",
        "4,,,,,", // a numbered empty template row: nothing to say
        "填表人：（示例）  审核人：", // the signature line under the table
        ",,,,,,说明文字", // text in column G, which has no header: a note, ignored with a warning
      ]),
      "pingchuan.csv",
    );
    expect(r.layout).toBe("wide");
    expect(valueTuples(r)).toEqual([
      ["LZ-PC-V01", "2016-07", "health_checks", "12"],
      ["LZ-PC-V01", "2016-07", "certified_persons", "1204"],
      ["LZ-PC-V01", "2016-07", "living_subsidy_cny", "3200"],
      ["LZ-PC-V03", "2016-07", "health_checks", "8"],
      ["LZ-PC-V03", "2016-07", "certified_persons", "58"],
    ]);
    expect(problemTuples(r)).toEqual([["warning", "ignored_row", null, 8, null, null, "说明文字"]]);
    expect(r.missingCells).toBe(7); // row 3: 1; row 4: 4; row 5: 2
    expect(r.rowsRead).toBe(3);
    expect(r.mapping).toEqual({
      序号: { kind: "ignore" },
      单位: { kind: "orgUnit" },
      health_checks: { kind: "dataElement", code: "health_checks" },
      持证残疾人数: { kind: "dataElement", code: "certified_persons" },
      cataractsurgeries: { kind: "dataElement", code: "cataract_surgeries" },
      "困难残疾人生活补贴金额(元)": { kind: "dataElement", code: "living_subsidy_cny" },
    });
    expect(r.values[2]!.location).toEqual({ file: "pingchuan.csv", sheet: null, row: 3, column: "F", header: "困难残疾人生活补贴金额（元）" });
  });

  it("reads short village names when the title names the township; an unknown header is a warning", async () => {
    const r = await parse(
      utf8Csv(["鸭暖镇 2016.3 月报", "村名,白内障筛查人数,上月结余", "1号村,5,7", "8号村,2,1", "9号村,1,0"]),
      "report.csv",
    );
    expect(valueTuples(r)).toEqual([
      ["LZ-YN-V01", "2016-03", "cataract_screened", "5"],
      ["LZ-YN-V08", "2016-03", "cataract_screened", "2"],
    ]);
    expect(problemTuples(r)).toEqual([
      ["warning", "unknown_header", null, 2, "C", "上月结余", "上月结余"],
      ["error", "unknown_org_unit", null, 5, "A", "村名", "9号村"], // 鸭暖镇 has 8 villages
    ]);
    expect(r.problems[0]!.messageEn).toBe('unrecognised column header "上月结余": column ignored (set it in the column mapping)');
  });

  it("a mapping overrides matching: an unknown header becomes a data element, a known one is ignored", async () => {
    const mapping = {
      [normaliseHeader("筛查人数")]: { kind: "dataElement", code: "cataract_screened" },
      [normaliseHeader("白内障复明手术例数")]: { kind: "ignore" },
    } as const;
    const r = await parse(utf8Csv(["单位,筛查人数,白内障复明手术例数", "LZ-BQ-V02,14,3"]), "mapped.csv", { period: "2016-09", mapping });
    expect(valueTuples(r)).toEqual([["LZ-BQ-V02", "2016-09", "cataract_screened", "14"]]);
    expect(r.problems).toEqual([]);
    expect(r.mapping).toEqual({
      单位: { kind: "orgUnit" },
      筛查人数: { kind: "dataElement", code: "cataract_screened" },
      白内障复明手术例数: { kind: "ignore" },
    });
    expect(r.columns.map((c) => [c.column, c.source])).toEqual([
      ["A", "matched"],
      ["B", "mapping"],
      ["C", "mapping"],
    ]);
  });

  it("a mapping to an unknown data element is an error on the header", async () => {
    const r = await parse(utf8Csv(["单位,筛查人数,持证残疾人数", "LZ-BQ-V02,14,30"]), "m.csv", {
      period: "2016-09",
      mapping: { 筛查人数: { kind: "dataElement", code: "screened" } },
    });
    expect(valueTuples(r)).toEqual([["LZ-BQ-V02", "2016-09", "certified_persons", "30"]]);
    expect(problemTuples(r)).toEqual([["error", "unknown_data_element", null, 1, "B", "筛查人数", "筛查人数"]]);
  });

  it("checks 合计 and 小计 rows: a matching total says nothing, a mismatch names both numbers", async () => {
    const r = await parse(
      utf8Csv([
        "单位,持证残疾人数,重度残疾人护理补贴金额（元）",
        "沙河镇 1号村,40,600",
        "沙河镇 2号村,35,500.50",
        "小　计,75,1100.50", // 40 + 35 = 75 and 600 + 500.50 = 1100.50: nothing said
        "沙河镇 3号村,20,—",
        "沙河镇 4号村,22,300",
        "小 计,41,300", // 20 + 22 = 42: warning in B only
        "合 计,117,1400.5", // 40 + 35 + 20 + 22 = 117; 600 + 500.5 + 300 = 1400.5: nothing said
        "总计,118,１４００．５", // 117 ≠ 118: warning in B
      ]),
      "shahe.csv",
      { period: "2016-04" },
    );
    expect(r.values).toHaveLength(7);
    expect(r.totalRows).toBe(4);
    expect(r.rowsRead).toBe(4);
    expect(problemTuples(r)).toEqual([
      ["warning", "total_mismatch", null, 7, "B", "持证残疾人数", "41"],
      ["warning", "total_mismatch", null, 9, "B", "持证残疾人数", "118"],
    ]);
    expect(r.problems.map((p) => p.messageZh)).toEqual(["小计行 41 与各行之和 42 不符", "总计行 118 与各行之和 117 不符"]);
    expect(r.problems.map((p) => p.messageEn)).toEqual(["subtotal row says 41, rows sum to 42", "total row says 118, rows sum to 117"]);
  });

  it("does not check a total over a faulty cell (no false mismatch)", async () => {
    const r = await parse(utf8Csv(["单位,持证残疾人数", "沙河镇 1号村,4o", "沙河镇 2号村,35", "合计,75"]), "t.csv", { period: "2016-04" });
    expect(problemTuples(r)).toEqual([["error", "bad_number", null, 2, "B", "持证残疾人数", "4o"]]);
  });

  it("period: from options when there is none in the title; a conflict with the title is an error; none at all is an error", async () => {
    const noTitle = await parse(utf8Csv(["单位,持证残疾人数", "LZ-SH-V01,40"]), "x.csv", { period: "2016-11" });
    expect(valueTuples(noTitle)).toEqual([["LZ-SH-V01", "2016-11", "certified_persons", "40"]]);

    const conflict = await parse(utf8Csv(["2016年3月报表", "单位,持证残疾人数", "LZ-SH-V01,40"]), "x.csv", { period: "2016-04" });
    expect(problemTuples(conflict)).toEqual([["error", "period_conflict", null, 1, null, null, null]]);
    expect(conflict.problems[0]!.messageEn).toBe("the title's period 2016-03 differs from the chosen period 2016-04");

    const none = await parse(utf8Csv(["单位,持证残疾人数", "LZ-SH-V01,40"]), "x.csv");
    expect(none.values).toEqual([]);
    expect(problemTuples(none)).toEqual([["error", "no_period", null, 1, null, null, null]]);
  });

  it("reads the month from title spellings, not from a filling-in date", async () => {
    for (const [title, month] of [
      ["沙河镇残联2016年3月工作月报表", "2016-03"],
      ["2016年03月", "2016-03"],
      ["2016-03 月报", "2016-03"],
      ["报表 2016.3", "2016-03"],
      ["填报日期：2016年4月5日 报告期：2016年3月", "2016-03"],
    ] as const) {
      const r = await parse(utf8Csv([title, "单位,持证残疾人数", "LZ-SH-V01,40"]), "x.csv");
      expect(valueTuples(r), title).toEqual([["LZ-SH-V01", month, "certified_persons", "40"]]);
    }
  });

  it("a period column gives each row its month", async () => {
    const r = await parse(utf8Csv(["单位,月份,持证残疾人数", "LZ-SH-V01,2016年1月,40", "LZ-SH-V01,2016年2月,41", "LZ-SH-V01,二月,41"]), "x.csv");
    expect(valueTuples(r)).toEqual([
      ["LZ-SH-V01", "2016-01", "certified_persons", "40"],
      ["LZ-SH-V01", "2016-02", "certified_persons", "41"],
    ]);
    expect(problemTuples(r)).toEqual([["error", "bad_period", null, 4, "B", "月份", "二月"]]);
  });

  it("township rows and village rows together: the level of each value is checked", async () => {
    const r = await parse(
      utf8Csv(["单位,村（社区）总数,持证残疾人数", "新华镇残联,11,", "新华镇 1号村,1,40"]),
      "xinhua.csv",
      { period: "2016-01" },
    );
    expect(valueTuples(r)).toEqual([
      ["LZ-XH", "2016-01", "villages_total", "11"],
      ["LZ-XH-V01", "2016-01", "certified_persons", "40"],
    ]);
    expect(problemTuples(r)).toEqual([["error", "not_reported_at_level", null, 3, "B", "村（社区）总数", "1"]]);
  });

  it("a township column and a village column name the org unit together", async () => {
    const r = await parse(
      utf8Csv(["乡镇,村名,持证残疾人数,村（社区）总数", "沙河镇,3号村,40,", "沙河镇,沙河镇 4号村,41,", "沙河镇,,,17", "新华镇,3号村,22,"]),
      "two-columns.csv",
      { period: "2016-12" },
    );
    expect(valueTuples(r)).toEqual([
      ["LZ-SH-V03", "2016-12", "certified_persons", "40"],
      ["LZ-SH-V04", "2016-12", "certified_persons", "41"],
      ["LZ-SH", "2016-12", "villages_total", "17"],
      ["LZ-XH-V03", "2016-12", "certified_persons", "22"],
    ]);
    expect(r.problems).toEqual([]);
  });

  it("two columns for one data element: the second is refused", async () => {
    const r = await parse(utf8Csv(["单位,持证残疾人数,certified_persons", "LZ-SH-V01,40,41"]), "x.csv", { period: "2016-01" });
    expect(valueTuples(r)).toEqual([["LZ-SH-V01", "2016-01", "certified_persons", "40"]]);
    expect(problemTuples(r)).toEqual([["error", "duplicate_column", null, 1, "C", "certified_persons", "certified_persons"]]);
  });

  it("two header rows in CSV: group cells over items, the org-unit header over both", async () => {
    const r = await parse(
      utf8Csv([
        "单位,重度残疾人护理补贴,,困难残疾人生活补贴,",
        ",人数,金额（元）,人数,金额（元）",
        "LZ-LQ-V02,6,600,14,1400",
      ]),
      "grouped.csv",
      { period: "2016-08" },
    );
    expect(valueTuples(r)).toEqual([
      ["LZ-LQ-V02", "2016-08", "nursing_subsidy_recipients", "6"],
      ["LZ-LQ-V02", "2016-08", "nursing_subsidy_cny", "600"],
      ["LZ-LQ-V02", "2016-08", "living_subsidy_recipients", "14"],
      ["LZ-LQ-V02", "2016-08", "living_subsidy_cny", "1400"],
    ]);
    expect(r.problems).toEqual([]);
    expect(r.values.map((v) => v.location.header)).toEqual([
      "重度残疾人护理补贴 / 人数",
      "重度残疾人护理补贴 / 金额（元）",
      "困难残疾人生活补贴 / 人数",
      "困难残疾人生活补贴 / 金额（元）",
    ]);
  });

  it("a file with no header is one no_header error", async () => {
    const r = await parse(utf8Csv(["hello,world", "1,2"]), "x.csv");
    expect(problemTuples(r)).toEqual([["error", "no_header", null, 1, null, null, null]]);
    expect(r.layout).toBeNull();
  });

  it("onProgress reports rows as they are processed, ending at the total", async () => {
    const lines = ["org_unit,period,data_element,value"];
    for (let i = 0; i < 5000; i++) lines.push(`LZ,2016-01,legal_events,${i}`);
    const calls: [number, number][] = [];
    const r = await parse(utf8Csv(lines), "p.csv", { onProgress: (done, total) => calls.push([done, total]) });
    // 5,000 data rows: the empty text after the file's final line break is no row (the import page shows "of 5,000").
    expect(calls).toEqual([
      [0, 5000],
      [2000, 5000],
      [4000, 5000],
      [5000, 5000],
    ]);
    expect(r.rowsRead).toBe(5000);
  });

  it("the progress total counts the file's lines below the header, with or without quotes and a final line break", async () => {
    const totalOf = async (text: string) => {
      let total = -1;
      await parse(new TextEncoder().encode(text), "q.csv", { onProgress: (_, t) => (total = t) });
      return total;
    };
    const body = 'org_unit,period,data_element,value\r\nLZ,2016-01,legal_events,"1"\r\nLZ,2016-02,legal_events,2';
    expect(await totalOf(body)).toBe(2);
    expect(await totalOf(body + "\r\n")).toBe(2);
    expect(await totalOf(body.replace(/"/g, "") + "\n")).toBe(2);
    // A blank line inside the file is a line (kept, so row numbers stay those of the file); only the final break's empty text is dropped.
    expect(await totalOf(body + "\r\n\r\n")).toBe(3);
  });
});
