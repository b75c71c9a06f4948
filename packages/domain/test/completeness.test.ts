import { describe, expect, it } from "vitest";
import { chinaDate, daysBetween, InvalidDate, parseDate, reportDueDate, reportingRates, reportTimeliness } from "../src/index.ts";

describe("due dates and day counts", () => {
  it("a month's report is due on the due day of the following month, across the year end", () => {
    expect(reportDueDate("2016-03", 10)).toBe("2016-04-10");
    expect(reportDueDate("2016-12", 10)).toBe("2017-01-10");
    expect(reportDueDate("2016-01", 28)).toBe("2016-02-28");
    expect(reportDueDate("2016-06", 1)).toBe("2016-07-01");
    expect(() => reportDueDate("2016-03", 29)).toThrow(/1 to 28/);
    expect(() => reportDueDate("2016-03", 0)).toThrow(/1 to 28/);
    expect(() => reportDueDate("2016Q1", 10)).toThrow(/not a month/);
  });

  it("counts calendar days, leap years included", () => {
    expect(daysBetween("2016-04-10", "2016-04-12")).toBe(2);
    expect(daysBetween("2016-02-28", "2016-03-01")).toBe(2); // 2016 has 29 February
    expect(daysBetween("2015-02-28", "2015-03-01")).toBe(1);
    expect(daysBetween("2016-12-31", "2017-01-01")).toBe(1);
    expect(daysBetween("2017-01-10", "2016-12-31")).toBe(-10);
    expect(daysBetween("2016-01-01", "2017-01-01")).toBe(366);
  });

  it("refuses dates that do not exist", () => {
    expect(() => parseDate("2016-02-30")).toThrow(InvalidDate);
    expect(() => parseDate("2015-02-29")).toThrow(InvalidDate);
    expect(() => parseDate("2016-4-1")).toThrow(/YYYY-MM-DD/);
    expect(parseDate("2016-02-29")).toEqual({ year: 2016, month: 2, day: 29 });
  });

  it("today's date is China's (UTC+8): 16:30 UTC on 31 March is already 1 April", () => {
    expect(chinaDate(new Date("2016-03-31T16:30:00Z"))).toBe("2016-04-01");
    expect(chinaDate(new Date("2016-03-31T15:59:59Z"))).toBe("2016-03-31");
  });
});

describe("a report's status", () => {
  it("on the due date is on time; two days after is late by 2", () => {
    expect(reportTimeliness("2016-03", "2016-04-10", 10, "2026-01-01")).toEqual({ status: "onTime", dueDate: "2016-04-10", daysLate: 0 });
    expect(reportTimeliness("2016-03", "2016-04-12", 10, "2026-01-01")).toEqual({ status: "late", dueDate: "2016-04-10", daysLate: 2 });
    // The same report with the due day moved to the 15th is on time.
    expect(reportTimeliness("2016-03", "2016-04-12", 15, "2026-01-01").status).toBe("onTime");
  });

  it("not received: not yet due up to the due date, missing from the day after", () => {
    expect(reportTimeliness("2016-03", null, 10, "2016-04-10").status).toBe("notYetDue");
    expect(reportTimeliness("2016-03", null, 10, "2016-04-11")).toEqual({ status: "missing", dueDate: "2016-04-10", daysLate: 0 });
    expect(reportTimeliness("2016-05", null, 10, "2016-04-11").status).toBe("notYetDue");
  });
});

describe("reporting rates", () => {
  it("received / expected and on time / expected, a month not yet due counting in neither", () => {
    // 2 on time, 1 late, 1 missing, 1 not yet due: expected 4, received 3.
    expect(reportingRates(["onTime", "onTime", "late", "missing", "notYetDue"])).toEqual({
      expected: 4,
      received: 3,
      onTime: 2,
      late: 1,
      missing: 1,
      reportingRate: 0.75,
      onTimeRate: 0.5,
    });
  });

  it("nothing expected gives no rate, not 0", () => {
    expect(reportingRates(["notYetDue"])).toMatchObject({ expected: 0, reportingRate: null, onTimeRate: null });
    expect(reportingRates([])).toMatchObject({ expected: 0, reportingRate: null, onTimeRate: null });
  });
});
