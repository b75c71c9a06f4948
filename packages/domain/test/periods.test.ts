import { describe, expect, it } from "vitest";
import {
  InvalidPeriod,
  PeriodSchema,
  comparePeriods,
  lastMonthOf,
  monthsOf,
  nextPeriod,
  parsePeriod,
  periodContaining,
  periodsOfYear,
  previousPeriod,
  yearToDateMonths,
} from "../src/index.ts";

describe("periods", () => {
  it("parses the three kinds of label", () => {
    expect(parsePeriod("2016-03")).toEqual({ label: "2016-03", type: "month", year: 2016, month: 3 });
    expect(parsePeriod("2016Q2")).toEqual({ label: "2016Q2", type: "quarter", year: 2016, quarter: 2 });
    expect(parsePeriod("2016")).toEqual({ label: "2016", type: "year", year: 2016 });
  });

  it.each(["2016-13", "2016-00", "2016-3", "2016Q5", "2016Q0", "16", "2016-03-01", "", "2016 Q1"])("rejects %j", (label) => {
    expect(() => parsePeriod(label)).toThrow(InvalidPeriod);
    expect(PeriodSchema.safeParse(label).success).toBe(false);
  });

  it("lists the months of a period", () => {
    expect(monthsOf("2016Q1")).toEqual(["2016-01", "2016-02", "2016-03"]);
    expect(monthsOf("2016Q4")).toEqual(["2016-10", "2016-11", "2016-12"]);
    expect(monthsOf("2016")).toHaveLength(12);
    expect(monthsOf("2016")[11]).toBe("2016-12");
    expect(monthsOf("2016-07")).toEqual(["2016-07"]);
    expect(lastMonthOf("2016Q2")).toBe("2016-06");
  });

  it("finds the period containing a month", () => {
    expect(periodContaining("2016-05", "quarter")).toBe("2016Q2");
    expect(periodContaining("2016-03", "quarter")).toBe("2016Q1");
    expect(periodContaining("2016-10", "quarter")).toBe("2016Q4");
    expect(periodContaining("2016-12", "year")).toBe("2016");
    expect(() => periodContaining("2016Q1", "year")).toThrow(InvalidPeriod);
  });

  it("steps back and forward across year boundaries", () => {
    expect(previousPeriod("2016-01")).toBe("2015-12");
    expect(previousPeriod("2016-10")).toBe("2016-09");
    expect(previousPeriod("2016Q1")).toBe("2015Q4");
    expect(previousPeriod("2016Q3")).toBe("2016Q2");
    expect(previousPeriod("2016")).toBe("2015");
    expect(nextPeriod("2016-12")).toBe("2017-01");
    expect(nextPeriod("2016Q4")).toBe("2017Q1");
  });

  it("gives year-to-date months", () => {
    expect(yearToDateMonths("2016Q2")).toEqual(["2016-01", "2016-02", "2016-03", "2016-04", "2016-05", "2016-06"]);
    expect(yearToDateMonths("2016-02")).toEqual(["2016-01", "2016-02"]);
    expect(yearToDateMonths("2016")).toHaveLength(12);
  });

  it("lists and orders periods", () => {
    expect(periodsOfYear(2016, "quarter")).toEqual(["2016Q1", "2016Q2", "2016Q3", "2016Q4"]);
    expect(periodsOfYear(2016, "month")[0]).toBe("2016-01");
    expect(["2016-10", "2016-02", "2015-12"].sort(comparePeriods)).toEqual(["2015-12", "2016-02", "2016-10"]);
  });
});
