import { describe, expect, it } from "vitest";
import type { IndicatorRow } from "@linze/domain";
import { RowIndex, uniquePeriods } from "../src/data/row-index.ts";
import { trendMonths } from "../src/data/trend.ts";

const row = (over: Partial<IndicatorRow>): IndicatorRow => ({
  indicator: "enrollment_rate",
  org_unit: "LZ",
  period: "2016-01",
  numerator: 19,
  denominator: 20,
  value: 95,
  ...over,
});

describe("RowIndex", () => {
  const index = new RowIndex([
    row({ period: "2016-02", numerator: 0, denominator: 20, value: 0 }),
    row({ period: "2016-03", numerator: 0, denominator: 0, value: null }),
    row({}),
  ]);
  it("looks rows up by key, not by position", () => {
    expect(index.value("enrollment_rate", "LZ", "2016-01")).toBe(95);
  });
  it("keeps a reported 0 apart from no value and from not reported", () => {
    expect(index.value("enrollment_rate", "LZ", "2016-02")).toBe(0);
    expect(index.row("enrollment_rate", "LZ", "2016-03")).toBeDefined();
    expect(index.value("enrollment_rate", "LZ", "2016-03")).toBeNull();
    expect(index.row("enrollment_rate", "LZ", "2016-04")).toBeUndefined();
    expect(index.value("enrollment_rate", "LZ-SH", "2016-01")).toBeNull();
  });
});

describe("uniquePeriods", () => {
  it("drops repeats so no month is counted twice", () => {
    expect(uniquePeriods(["2016-03", "2016-02", "2016-03"])).toEqual(["2016-03", "2016-02"]);
  });
});

describe("trendMonths", () => {
  it("lists the period's year up to the latest month with data, gaps included", () => {
    expect(trendMonths("2016Q1", ["2016-01", "2016-04", "2015-12"])).toEqual(["2016-01", "2016-02", "2016-03", "2016-04"]);
    expect(trendMonths("2015-12", ["2016-01", "2015-12"])).toHaveLength(12);
    expect(trendMonths("2014", ["2016-01"])).toEqual([]);
  });
});
