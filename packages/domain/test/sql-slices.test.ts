/**
 * The pieces of the compiler on indicator_slices that need no database: org
 * unit keys, month keys, when it declines a query, and that it checks input
 * as the plain compiler does. The rows themselves are compared with the plain
 * compiler's on DuckDB (packages/duckdb/test/slices.test.ts).
 */
import { describe, expect, it } from "vitest";
import { compileIndicatorQuery, compileIndicatorQueryOnSlices, indicator, INDICATORS, linzeOrgUnits, monthKey, monthsOf, orgUnitKeys } from "../src/index.ts";

describe("orgUnitKeys", () => {
  it("numbers the tree depth first, children by code, whatever the input order", () => {
    const units = [
      { code: "T-B-V02", parent: "T-B" },
      { code: "T", parent: null },
      { code: "T-B", parent: "T" },
      { code: "T-A", parent: "T" },
      { code: "T-B-V01", parent: "T-B" },
      { code: "T-A-V01", parent: "T-A" },
    ];
    const keys = orgUnitKeys(units);
    expect([...keys]).toEqual([["T", 0], ["T-A", 1], ["T-A-V01", 2], ["T-B", 3], ["T-B-V01", 4], ["T-B-V02", 5]]);
    expect(orgUnitKeys([...units].reverse())).toEqual(keys);
  });

  it("gives a township's villages consecutive keys in the Linze tree, every unit one key", () => {
    const keys = orgUnitKeys(linzeOrgUnits());
    expect(keys.size).toBe(84);
    expect(new Set(keys.values()).size).toBe(84);
    expect(keys.get("LZ")).toBe(0);
    const sh = linzeOrgUnits().filter((u) => u.parent === "LZ-SH").map((u) => keys.get(u.code)!).sort((a, b) => a - b);
    expect(sh[sh.length - 1]! - sh[0]!).toBe(sh.length - 1);
    expect(sh[0]).toBe(keys.get("LZ-SH")! + 1);
  });

  it("keys units whose parent is missing as roots, and units in a cycle after the rest", () => {
    const keys = orgUnitKeys([
      { code: "B", parent: "A" },
      { code: "A", parent: "B" },
      { code: "X", parent: "GONE" },
    ]);
    expect([...keys]).toEqual([["X", 0], ["A", 1], ["B", 2]]);
  });
});

describe("monthKey", () => {
  it("is year × 12 + month − 1, so consecutive months differ by 1 across a year end", () => {
    expect(monthKey("2016-01")).toBe(2016 * 12);
    expect(monthKey("2016-12")).toBe(2016 * 12 + 11);
    expect(monthKey("2017-01") - monthKey("2016-12")).toBe(1);
  });

  it("refuses a quarter or a year", () => {
    expect(() => monthKey("2016Q1")).toThrow();
    expect(() => monthKey("2016")).toThrow();
  });
});

describe("compileIndicatorQueryOnSlices", () => {
  const keys = orgUnitKeys(linzeOrgUnits());

  it("reads indicator_slices by integer keys, never data_values", () => {
    const sql = compileIndicatorQueryOnSlices({ indicators: INDICATORS, orgUnits: ["LZ", "LZ-SH"], periods: ["2016Q4"] }, keys)!;
    expect(sql).toContain("FROM indicator_slices");
    expect(sql).not.toContain("data_values");
    expect(sql).toContain(`s.org_unit_key IN (${keys.get("LZ")}, ${keys.get("LZ-SH")})`);
    // 2016Q4 and, for the year-to-date numerator, January to December
    expect(sql).toContain(`s.month BETWEEN ${monthKey("2016-01")} AND ${monthKey("2016-12")}`);
  });

  it("declines a stock over months that are not consecutive (the last-value rule needs them), not a flow", () => {
    const gap = { key: "gap", months: ["2016-01", "2016-03"] };
    expect(compileIndicatorQueryOnSlices({ indicators: [indicator("association_coverage")], orgUnits: ["LZ"], periods: [gap] }, keys)).toBeNull();
    expect(compileIndicatorQueryOnSlices({ indicators: [indicator("cataract_surgeries")], orgUnits: ["LZ"], periods: [gap] }, keys)).toContain("indicator_slices");
    expect(compileIndicatorQueryOnSlices({ indicators: [indicator("association_coverage")], orgUnits: ["LZ"], periods: [{ key: "h1", months: monthsOf("2016Q1").concat(monthsOf("2016Q2")) }] }, keys)).not.toBeNull();
  });

  it("checks its input as the plain compiler does", () => {
    for (const q of [
      { indicators: [], orgUnits: ["LZ"], periods: ["2016"] },
      { indicators: INDICATORS, orgUnits: ["lz; DROP TABLE data_values"], periods: ["2016"] },
      { indicators: INDICATORS, orgUnits: ["LZ"], periods: ["2016-13"] },
    ]) {
      expect(() => compileIndicatorQuery(q)).toThrow();
      expect(() => compileIndicatorQueryOnSlices(q, keys)).toThrow();
    }
  });
});
