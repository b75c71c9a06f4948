import { describe, expect, it } from "vitest";
import { parse, problemTuples, utf8Csv, valueTuples } from "./builders.ts";

describe("long CSV (DHIS2 data value set: org_unit, period, data_element, value)", () => {
  it("reads codes, Chinese and English names of data elements and org units", async () => {
    const r = await parse(
      utf8Csv([
        "org_unit,period,data_element,value",
        "LZ-SH-V03,2016-03,cataract_surgeries,2",
        "沙河镇 3号村,2016年3月,白内障复明手术例数,1", // same key as row 2 with another value: error below
        "lz-xh-v01,2016.4,Cataract surgeries,3",
        "新华镇　２号村,2016-04,持证残疾人数,\"1,204\"",
        "LZ,2016-05,ecommerce_funds_cny,\"70,000.00\"",
      ]),
      "long.csv",
    );
    expect(r.layout).toBe("long");
    expect(valueTuples(r)).toEqual([
      ["LZ-SH-V03", "2016-03", "cataract_surgeries", "2"],
      ["LZ-XH-V01", "2016-04", "cataract_surgeries", "3"],
      ["LZ-XH-V02", "2016-04", "certified_persons", "1204"],
      ["LZ", "2016-05", "ecommerce_funds_cny", "70000"],
    ]);
    expect(problemTuples(r)).toEqual([["error", "duplicate_value", null, 3, "D", "value", "1"]]);
    expect(r.problems[0]!.messageZh).toBe("同一组织机构、期间和数据元已在第 2 行填为 2，此处为 1，两者不一致");
    expect(r.problems[0]!.messageEn).toBe("the same org unit, period and data element is 2 at row 2 but 1 here");
    expect(r.rowsRead).toBe(5);
  });

  it("accepts the Chinese headers 组织机构/期间/数据元/数值 and 单位/月份/指标/值", async () => {
    for (const header of ["组织机构,期间,数据元,数值", "单位,月份,指标,值"]) {
      const r = await parse(utf8Csv([header, "LZ-PC,2016-02,holiday_visits,14"]), "zh.csv");
      expect(valueTuples(r), header).toEqual([["LZ-PC", "2016-02", "holiday_visits", "14"]]);
      expect(r.problems, header).toEqual([]);
    }
  });

  it("gives each fault its exact error row, column, header and value", async () => {
    const r = await parse(
      utf8Csv([
        "org_unit,period,data_element,value",
        "LZ-SH-V01,2016-03,certified_persons,-4", // 2 negative count
        "LZ-SH-V01,2016-03,cataract_surgeries,1.5", // 3 decimal count
        "LZ-SH-V99,2016-03,cataract_surgeries,1", // 4 unknown org unit
        "LZ-SH-V01,2016-03,surgeries_done,1", // 5 unknown data element
        "LZ-SH-V01,2016-13,cataract_surgeries,1", // 6 bad period
        "LZ-SH-V01,2016-03,villages_total,12", // 7 villages_total is reported by townships
        "LZ-SH,2016-03,certified_persons,300", // 8 certified_persons is reported by villages
        "LZ-SH-V01,2016-03,nursing_subsidy_cny,600.125", // 9 below the fen
        "LZ-SH-V01,2016-03,health_checks,95%", // 10 a percentage in a count column
        "LZ-SH-V01,2016-03,health_checks,—", // 11 missing: no problem
        "LZ-SH-V01,2016-03,health_checks,无", // 12 missing
        "LZ-SH-V01,2016-03,parent_trainings,5", // 13 fine
        "LZ-SH-V01,2016Q1,parent_trainings,5", // 14 a quarter is not a month
        ",,,", // 15 blank: skipped
        "LZ-SH-V01,2016-03,parent_trainings,5", // 16 same value again: warning
        "LZ-SH-V01,2016-03,living_subsidy_cny,1.2E+03", // 17 exponent notation: refused, as the data-entry form refuses it
        "LZ-SH-V01,2016-03,cataract_screened,12345678901234567890", // 18 20 digits: too large, not "not a number"
      ]),
      "faults.csv",
    );
    expect(valueTuples(r)).toEqual([["LZ-SH-V01", "2016-03", "parent_trainings", "5"]]);
    expect(problemTuples(r)).toEqual([
      ["error", "negative_count", null, 2, "D", "value", "-4"],
      ["error", "decimal_count", null, 3, "D", "value", "1.5"],
      ["error", "unknown_org_unit", null, 4, "A", "org_unit", "LZ-SH-V99"],
      ["error", "unknown_data_element", null, 5, "C", "data_element", "surgeries_done"],
      ["error", "bad_period", null, 6, "B", "period", "2016-13"],
      ["error", "not_reported_at_level", null, 7, "D", "value", "12"],
      ["error", "not_reported_at_level", null, 8, "D", "value", "300"],
      ["error", "too_many_decimals", null, 9, "D", "value", "600.125"],
      ["error", "bad_number", null, 10, "D", "value", "95%"],
      ["error", "bad_period", null, 14, "B", "period", "2016Q1"],
      ["warning", "duplicate_value", null, 16, "D", "value", "5"],
      ["error", "exponent", null, 17, "D", "value", "1.2E+03"],
      ["error", "too_large", null, 18, "D", "value", "12345678901234567890"],
    ]);
    const byRow = new Map(r.problems.map((p) => [p.row, p]));
    expect(byRow.get(4)!.messageEn).toBe('unknown org unit "LZ-SH-V99" (expected a code such as LZ-SH-V03 or a name such as "沙河镇 3号村")');
    expect(byRow.get(6)!.messageZh).toBe("无效的期间“2016-13”（应为月份，如 2016-03 或 2016年3月）");
    expect(byRow.get(7)!.messageZh).toBe("“村（社区）总数”（villages_total）由镇残联填报，不由村（社区）填报：沙河镇 1号村（LZ-SH-V01）");
    expect(byRow.get(7)!.messageEn).toBe("villages_total (Villages and communities) is reported by townships, not by villages/communities: LZ-SH-V01 (Shahe Village 1)");
    expect(byRow.get(8)!.messageEn).toBe("certified_persons (Certified disabled persons) is reported by villages/communities, not by townships: LZ-SH (Shahe Township)");
    expect(byRow.get(16)!.messageEn).toBe("repeats row 13 (both 5); imported once");
    expect(byRow.get(17)!.messageEn).toBe('exponent notation is not accepted: "1.2E+03" (write the number in full; a spreadsheet that shows a long number this way may have rounded it)');
    expect(byRow.get(18)!.messageZh).toBe("数字过大：“12345678901234567890”（整数部分最多15位）");
    expect(r.missingCells).toBe(2);
    expect(r.rowsRead).toBe(16); // rows 2–18 (17 rows) less the blank row 15
    for (const p of r.problems) expect(p.file).toBe("faults.csv");
  });

  it("checks 合计 rows against the rows above with the same data element and period", async () => {
    const r = await parse(
      utf8Csv([
        "org_unit,period,data_element,value",
        "LZ-NJY-V01,2016-06,health_checks,12",
        "LZ-NJY-V02,2016-06,health_checks,9",
        "合计,2016-06,health_checks,21", // 12 + 9 = 21: nothing said
        "合 计,2016-06,health_checks,20", // says 20: warning
      ]),
      "totals.csv",
    );
    expect(valueTuples(r)).toHaveLength(2);
    expect(r.totalRows).toBe(2);
    expect(problemTuples(r)).toEqual([["warning", "total_mismatch", null, 5, "D", "value", "20"]]);
    expect(r.problems[0]!.messageZh).toBe("合计行 20 与各行之和 21 不符");
    expect(r.problems[0]!.messageEn).toBe("total row says 20, rows sum to 21");
  });

  it("reports a quoted field left open as a CSV error on the line where it starts", async () => {
    const r = await parse(
      utf8Csv(["org_unit,period,data_element,value", "LZ-SH-V01,2016-03,health_checks,\"4", "LZ-SH-V02,2016-03,health_checks,5"]),
      "quote.csv",
    );
    expect(problemTuples(r)[0]).toEqual(["error", "bad_csv", null, 2, null, null, null]);
  });

  it("counts the line a record starts on when a quoted field spans lines", async () => {
    const r = await parse(
      utf8Csv(["org_unit,period,data_element,value,comment", 'LZ-SH-V01,2016-03,health_checks,4,"two', 'lines"', "LZ-SH-V02,2016-03,health_checks,-1,"]),
      "multiline.csv",
    );
    expect(problemTuples(r)).toEqual([["error", "negative_count", null, 4, "D", "value", "-1"]]);
  });
});

describe("long CSV without a recognisable header", () => {
  it("is one no_header error, not data rows read as a wide header", async () => {
    const r = await parse(utf8Csv(["ou_code,pe_code,de_code,val", "LZ-SH-V01,2016-03,cataract_surgeries,2", "LZ-SH-V02,2016-03,cataract_surgeries,1"]), "x.csv");
    expect(problemTuples(r)).toEqual([["error", "no_header", null, 1, null, null, null]]);
    expect(r.values).toEqual([]);
  });
});
