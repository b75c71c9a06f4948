import { describe, expect, it } from "vitest";
import {
  DataValueIndex,
  evaluateIndicator,
  formatChange,
  formatValue,
  indicator,
  periodChange,
  toNumber,
  UnknownIndicator,
  UnknownOrgUnit,
} from "../src/index.ts";
import { dv, smallTree } from "./builders.ts";

const tree = smallTree();
const enrollment = indicator("enrollment_rate");

describe("evaluator", () => {
  it("a county rate is the sum of numerators over the sum of denominators, not a mean of rates", () => {
    const index = new DataValueIndex([
      dv("T-A-V01", "2016-12", "children_enrolled", 9), dv("T-A-V01", "2016-12", "school_age_children", 10),
      dv("T-B-V01", "2016-12", "children_enrolled", 90), dv("T-B-V01", "2016-12", "school_age_children", 100),
      dv("T-C-V01", "2016-12", "children_enrolled", 1), dv("T-C-V01", "2016-12", "school_age_children", 10),
    ]);
    const county = evaluateIndicator(enrollment, index, tree, "T", "2016");
    expect(county.numerator).toBe(100);
    expect(county.denominator).toBe(120);
    expect(county.value).toBeCloseTo(83.333333, 5); // 100 / 120; the mean of 90 %, 90 %, 10 % would be 63.3 %
    expect(formatValue(county.value, "percent", "zh-CN")).toBe("83.3%");
    expect(evaluateIndicator(enrollment, index, tree, "T-C", "2016").value).toBe(10);
  });

  it("a stock takes the last month of the period, so coverage never passes 100 %", () => {
    const index = new DataValueIndex([
      ...[10, 11, 12].map((n, i) => dv("T-A-V01", `2016-0${i + 1}`, "associations_established", n)),
      ...[1, 2, 3].map((m) => dv("T-A-V01", `2016-0${m}`, "villages_total", 12)),
    ]);
    const q1 = evaluateIndicator(indicator("association_coverage"), index, tree, "T", "2016Q1");
    expect(q1).toEqual({ numerator: 12, denominator: 12, value: 100 });
    expect(evaluateIndicator(indicator("association_coverage"), index, tree, "T", "2016-01").value).toBeCloseTo((10 / 12) * 100, 10);
  });

  it("a stock takes each unit's own last reported month, then sums over units", () => {
    const index = new DataValueIndex([
      dv("T-A-V01", "2016-01", "certified_persons", 5), dv("T-A-V01", "2016-03", "certified_persons", 7),
      dv("T-A-V02", "2016-01", "certified_persons", 4), // did not report in February or March
      dv("T-A", "2016-02", "certified_persons", 1),
    ]);
    expect(index.aggregate("certified_persons", ["T-A-V01", "T-A-V02", "T-A"], ["2016-01", "2016-02", "2016-03"])).toBe(12);
  });

  it("an index of month rows (a run's frozen values) is the index of those values: a null is no value, not 0", () => {
    const months = ["2016-01", "2016-02", "2016-03"];
    const index = DataValueIndex.fromMonthRows(months, [
      ["T-A-V01", "certified_persons", [5, null, 7]],
      ["T-A-V02", "certified_persons", [4, null, null]],
      ["T-A", "certified_persons", [null, 1, null]],
      ["T-A-V01", "cataract_surgeries", [3, 4, null]],
    ]);
    // As the values of the test above: the stock takes each unit's last month with a value, 7 + 4 + 1.
    expect(index.aggregate("certified_persons", ["T-A-V01", "T-A-V02", "T-A"], months)).toBe(12);
    expect(index.aggregate("cataract_surgeries", ["T-A-V01"], months)).toBe(7);
    expect(index.get("T-A-V01", "2016-02", "certified_persons")).toBeUndefined();
    expect(index.aggregate("cataract_surgeries", ["T-A-V01"], ["2016-03"])).toBeNull();
  });

  it("flows sum over months and org units", () => {
    const index = new DataValueIndex([
      dv("T-A-V01", "2016-01", "cataract_surgeries", 3), dv("T-A-V01", "2016-02", "cataract_surgeries", 4),
      dv("T-A-V02", "2016-02", "cataract_surgeries", 5), dv("T-B-V01", "2016-04", "cataract_surgeries", 100),
    ]);
    expect(evaluateIndicator(indicator("cataract_surgeries"), index, tree, "T", "2016Q1").value).toBe(12);
    expect(evaluateIndicator(indicator("cataract_surgeries"), index, tree, "T", "2016").value).toBe(112);
    expect(evaluateIndicator(indicator("cataract_surgeries"), index, tree, ["T-A", "T-A-V01"], "2016").value).toBe(12); // a unit counted once
  });

  it("a 0 denominator is no value, shown as —, and a change from no value is no value", () => {
    const index = new DataValueIndex([
      dv("T-A-V01", "2016-12", "children_enrolled", 0), dv("T-A-V01", "2016-12", "school_age_children", 0),
    ]);
    const v = evaluateIndicator(enrollment, index, tree, "T-A-V01", "2016-12");
    expect(v).toEqual({ numerator: 0, denominator: 0, value: null });
    for (const locale of ["zh-CN", "en"] as const) expect(formatValue(v.value, "percent", locale)).toBe("—");
    expect(periodChange(enrollment, 95, v.value)).toBeNull();
    expect(periodChange(enrollment, v.value, 95)).toBeNull();
    expect(formatChange(periodChange(enrollment, v.value, 95), "en")).toBe("—");
  });

  it("a change from 0 in a count is no value; a change in a rate is in points", () => {
    const surgeries = indicator("cataract_surgeries");
    expect(periodChange(surgeries, 5, 0)).toBeNull();
    expect(periodChange(surgeries, 15, 10)).toEqual({ kind: "ratio", value: 0.5 });
    expect(formatChange(periodChange(surgeries, 15, 10), "en")).toBe("+50.0%");
    expect(periodChange(enrollment, 96.5, 94)).toEqual({ kind: "points", value: 2.5 });
    expect(formatChange(periodChange(enrollment, 96.5, 94), "zh-CN")).toBe("+2.5个百分点");
  });

  it("zero is a value; a month not reported is missing", () => {
    const index = new DataValueIndex([dv("T-A-V01", "2016-01", "cataract_surgeries", 0)]);
    const surgeries = indicator("cataract_surgeries");
    expect(evaluateIndicator(surgeries, index, tree, "T-A-V01", "2016-01").value).toBe(0);
    expect(evaluateIndicator(surgeries, index, tree, "T-A-V01", "2016-02").value).toBeNull();
    expect(formatValue(0, "count", "zh-CN")).toBe("0");
    expect(formatValue(null, "count", "zh-CN")).toBe("—");
  });

  it("sums both sides of a composite rate", () => {
    const index = new DataValueIndex([
      dv("T-A", "2016-03", "rights_cases_received", 3), dv("T-A", "2016-03", "rights_cases_closed", 2),
      dv("T-A", "2016-05", "petitions_received", 1), dv("T-A", "2016-06", "petitions_closed", 1),
    ]);
    expect(evaluateIndicator(indicator("rights_case_closure_rate"), index, tree, "T", "2016").value).toBe(75);
    expect(evaluateIndicator(indicator("rights_case_closure_rate"), index, tree, "T", "2016Q2").value).toBe(100);
  });

  it("a completion rate counts its numerator from January (records updated ÷ certified persons)", () => {
    const index = new DataValueIndex([
      dv("T-A-V01", "2016-01", "records_updated", 30), dv("T-A-V01", "2016-04", "records_updated", 50),
      dv("T-A-V01", "2016-05", "records_updated", 0), dv("T-A-V01", "2016-07", "records_updated", 20),
      ...["2016-01", "2016-04", "2016-05", "2016-07"].map((m) => dv("T-A-V01", m, "certified_persons", 100)),
    ]);
    const rate = indicator("record_update_rate");
    // May alone updated 0, but 80 of 100 are done by the end of May
    expect(evaluateIndicator(rate, index, tree, "T", "2016-05")).toEqual({ numerator: 80, denominator: 100, value: 80 });
    expect(evaluateIndicator(rate, index, tree, "T", "2016Q2").value).toBe(80);
    expect(evaluateIndicator(rate, index, tree, "T", "2016").value).toBe(100);
  });

  it("names what is unknown", () => {
    expect(() => indicator("enrolment")).toThrow(UnknownIndicator);
    expect(() => indicator("enrolment")).toThrow(/enrollment_rate/);
    expect(() => evaluateIndicator(enrollment, new DataValueIndex([]), tree, "T-Z", "2016")).toThrow(UnknownOrgUnit);
  });
});

describe("numbers leaving an engine", () => {
  it("converts NUMERIC text, BigInt and numbers, and sorts them as numbers", () => {
    const raw = ["9.50", "100.00", 10n];
    const sorted = raw.map(toNumber).sort((a, b) => b! - a!);
    expect(sorted).toEqual([100, 10, 9.5]);
    expect(toNumber(null)).toBeNull();
    expect(toNumber("0")).toBe(0);
    expect(() => toNumber("12abc")).toThrow();
    expect(() => toNumber(Number.NaN)).toThrow();
  });
});

describe("formatting", () => {
  it("formats money in 万元 for Chinese readers and CNY in English", () => {
    expect(formatValue(1_856_400, "cny", "zh-CN")).toBe("185.64万元");
    expect(formatValue(5000, "cny", "zh-CN")).toBe("5,000元");
    expect(formatValue(1_856_400, "cny", "en")).toMatch(/^CNY\s?1,856,400$/);
    expect(formatValue(1688, "count", "en")).toBe("1,688");
    expect(formatValue(95, "percent", "en")).toBe("95.0%");
  });

  it("shows 万元 with two decimals always, so a column of amounts lines up; English in whole yuan", () => {
    // The overview's monthly 补贴发放金额 table: 162,000 and 147,000 next to 150,800 and 174,200.
    expect([162_000, 150_800, 147_000, 174_200].map((v) => formatValue(v, "cny", "zh-CN"))).toEqual(["16.20万元", "15.08万元", "14.70万元", "17.42万元"]);
    expect(formatValue(10_000, "cny", "zh-CN")).toBe("1.00万元");
    expect(formatValue(1_000_000, "cny", "zh-CN")).toBe("100.00万元");
    expect(formatValue(-120_000, "cny", "zh-CN")).toBe("-12.00万元");
    expect([162_000, 150_800].map((v) => formatValue(v, "cny", "en"))).toEqual([expect.stringMatching(/^CNY\s?162,000$/), expect.stringMatching(/^CNY\s?150,800$/)]);
  });
});
