import { describe, expect, it } from "vitest";
import { INDICATORS, linzeOrgUnitTree } from "@linze/domain";
import { defaultPeriod, filtersToParams, ignoredFilters, parseFilters, periodOptions, quoted, withPeriodType, type FilterContext } from "../src/filters/url-filters.ts";

const tree = linzeOrgUnitTree();
/** Data for Jan–Sep 2016 only, given out of order: the default must come from the data, not from today. */
const months = ["2016-03", "2016-01", "2016-09", "2016-02", "2016-04", "2016-05", "2016-06", "2016-07", "2016-08"];
const ctx: FilterContext = { months, isOrgUnit: (c) => tree.has(c), rootOrgUnit: tree.root.code };
const parse = (query: string) => parseFilters(new URLSearchParams(query), ctx);

describe("periodOptions / defaultPeriod", () => {
  it("lists the periods of a type that contain data, oldest first", () => {
    expect(periodOptions(months, "quarter")).toEqual(["2016Q1", "2016Q2", "2016Q3"]);
    expect(periodOptions(months, "year")).toEqual(["2016"]);
    expect(periodOptions(months, "month")).toHaveLength(9);
  });
  it("defaults to the latest period with data", () => {
    expect(defaultPeriod(months, "month")).toBe("2016-09");
    expect(defaultPeriod(months, "quarter")).toBe("2016Q3");
    expect(defaultPeriod([], "month")).toBeNull();
  });
});

describe("parseFilters", () => {
  it("gives the defaults for an empty URL: latest month with data, the county, the first indicator", () => {
    expect(parse("")).toEqual({ periodType: "month", period: "2016-09", orgUnit: "LZ", indicator: INDICATORS[0]!.code });
  });

  it("keeps valid parameters", () => {
    expect(parse("periodType=quarter&period=2016Q2&orgUnit=LZ-SH-V03&indicator=cataract_surgeries")).toEqual({
      periodType: "quarter",
      period: "2016Q2",
      orgUnit: "LZ-SH-V03",
      indicator: "cataract_surgeries",
    });
  });

  it("takes the period type from the period when the type is missing", () => {
    expect(parse("period=2016Q1")).toMatchObject({ periodType: "quarter", period: "2016Q1" });
    expect(parse("period=2016")).toMatchObject({ periodType: "year", period: "2016" });
  });

  it("falls back to the latest period when the period is invalid, of another type, or has no data", () => {
    expect(parse("period=2016-13").period).toBe("2016-09");
    expect(parse("periodType=month&period=2016Q1")).toMatchObject({ periodType: "month", period: "2016-09" });
    expect(parse("periodType=month&period=2016-11").period).toBe("2016-09");
    expect(parse("periodType=quarter&period=2016Q4").period).toBe("2016Q3");
  });

  it("ignores an unknown period type, org unit or indicator", () => {
    expect(parse("periodType=week&orgUnit=XX-NOPE&indicator=nope")).toEqual({
      periodType: "month",
      period: "2016-09",
      orgUnit: "LZ",
      indicator: INDICATORS[0]!.code,
    });
  });

  it("has no period without data", () => {
    expect(parseFilters(new URLSearchParams("period=2016-01"), { ...ctx, months: [] }).period).toBeNull();
  });

  it("round-trips through filtersToParams", () => {
    const f = parse("periodType=quarter&period=2016Q2&orgUnit=LZ-XH&indicator=venue_coverage");
    expect(parseFilters(filtersToParams(f), ctx)).toEqual(f);
    expect(filtersToParams(f).toString()).toBe("periodType=quarter&period=2016Q2&orgUnit=LZ-XH&indicator=venue_coverage");
  });
});

describe("withPeriodType", () => {
  const base = parse("periodType=month&period=2016-05&orgUnit=LZ-SH");
  it("goes from a month to the quarter or year containing it", () => {
    expect(withPeriodType(base, "quarter", months)).toMatchObject({ periodType: "quarter", period: "2016Q2", orgUnit: "LZ-SH" });
    expect(withPeriodType(base, "year", months)).toMatchObject({ periodType: "year", period: "2016" });
  });
  it("goes from a year or quarter to its latest month with data", () => {
    const year = withPeriodType(base, "year", months);
    expect(withPeriodType(year, "month", months).period).toBe("2016-09");
    expect(withPeriodType(parse("period=2016Q1"), "month", months).period).toBe("2016-03");
  });
  it("leaves the filters alone for the same type", () => {
    expect(withPeriodType(base, "month", months)).toBe(base);
  });
});

describe("ignoredFilters", () => {
  /** A committee member of 沙河镇 1号村: the own village is the only org unit with figures. */
  const member: FilterContext = { months, isOrgUnit: (c) => c === "LZ-SH-V01", rootOrgUnit: "LZ-SH-V01" };
  const ignored = (query: string, c: FilterContext = ctx) => {
    const params = new URLSearchParams(query);
    return ignoredFilters(params, parseFilters(params, c));
  };

  /** Nothing ignored but what a test names. */
  const none = { orgUnit: null, period: null, indicator: null, periodType: null };

  it("names the org unit the address asked for and did not get: another township for a member, a code that does not exist", () => {
    expect(ignored("orgUnit=LZ-XH", member)).toEqual({ ...none, orgUnit: "LZ-XH" });
    expect(ignored("orgUnit=NOPE")).toEqual({ ...none, orgUnit: "NOPE" });
  });

  it("names a period that is not one, or has no data for its type (2016-12: the data end in September)", () => {
    expect(ignored("period=2016-13")).toEqual({ ...none, period: "2016-13" });
    expect(ignored("periodType=month&period=2016-12")).toEqual({ ...none, period: "2016-12" });
    expect(ignored("periodType=quarter&period=2016-05")).toEqual({ ...none, period: "2016-05" });
  });

  it("names an indicator code that is not in the catalogue", () => {
    expect(ignored("indicator=nope")).toEqual({ ...none, indicator: "nope" });
    // Codes are exact: another case is another (unknown) code.
    expect(ignored("indicator=Enrollment_Rate")).toEqual({ ...none, indicator: "Enrollment_Rate" });
  });

  it("names a period type that is not month, quarter or year, whatever the page took instead", () => {
    expect(ignored("periodType=bogus")).toEqual({ ...none, periodType: "bogus" });
    // The type then comes from the period, which is taken.
    expect(ignored("periodType=week&period=2016Q1")).toEqual({ ...none, periodType: "week" });
    expect(ignored("periodType=bogus&indicator=nope&orgUnit=NOPE")).toEqual({ orgUnit: "NOPE", period: null, indicator: "nope", periodType: "bogus" });
  });

  it("names nothing when the address was taken, or named nothing", () => {
    expect(ignored("orgUnit=LZ-SH-V01&period=2016-05", member)).toEqual(none);
    expect(ignored("")).toEqual(none);
    expect(ignored("periodType=quarter")).toEqual(none);
    expect(ignored("periodType=year&indicator=cataract_surgeries")).toEqual(none);
    expect(ignored("periodType=&indicator=")).toEqual(none);
  });

  it("takes a period type in any case and a quarter's q in either case, and names neither as ignored", () => {
    expect(parse("periodType=Month")).toMatchObject({ periodType: "month", period: "2016-09" });
    expect(parse("periodType=QUARTER&period=2016q2")).toMatchObject({ periodType: "quarter", period: "2016Q2" });
    expect(parse("periodType=%20year%20")).toMatchObject({ periodType: "year", period: "2016" });
    expect(ignored("periodType=Month")).toEqual(none);
    expect(ignored("periodType=QUARTER&period=2016q2")).toEqual(none);
    // Another word is still not a period type, whatever its case.
    expect(ignored("periodType=Week")).toEqual({ ...none, periodType: "Week" });
  });
});

describe("quoted", () => {
  it("keeps a value of up to 40 characters and shortens a longer one to 39 and an ellipsis, counting code points", () => {
    expect(quoted("LZ-XH-V99")).toBe("LZ-XH-V99");
    expect(quoted("x".repeat(40))).toBe("x".repeat(40));
    expect(quoted("z".repeat(100))).toBe(`${"z".repeat(39)}…`);
    // 41 astral characters (2 UTF-16 units each): cut between characters, never inside a surrogate pair.
    expect(quoted("😀".repeat(41))).toBe(`${"😀".repeat(39)}…`);
  });
});
