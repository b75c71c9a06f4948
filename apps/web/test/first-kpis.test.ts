/**
 * The overview's server-first KPIs (data/first-kpis.ts): which org units
 * the server's values may stand in for the engine's, and how `values.list`
 * rows become the engine's rows (a combination without data is no row,
 * "not reported"; a denominator of 0 stays a row with no value).
 */
import { describe, expect, it } from "vitest";
import { OrgUnitTree, type OrgUnit } from "@linze/domain";
import { serverRowsToIndicatorRows, serverValuesMatchSnapshot } from "../src/data/first-kpis.ts";
import { RowIndex } from "../src/data/row-index.ts";

const unit = (code: string, parent: string | null, level: 1 | 2 | 3): OrgUnit => ({ code, parent, level, nameZh: code, nameEn: code }) as OrgUnit;
const tree = new OrgUnitTree([
  unit("LZ", null, 1),
  unit("LZ-SH", "LZ", 2),
  unit("LZ-SH-V01", "LZ-SH", 3),
  unit("LZ-XH", "LZ", 2),
]);

describe("serverValuesMatchSnapshot", () => {
  const quarter = ["2016Q4", "2016Q3", "2016-10", "2016-11", "2016-12"];
  const months = ["2016-12", "2016-11", "2016-10"];

  it("any org unit and period of a snapshot without summary-only units", () => {
    for (const code of ["LZ", "LZ-SH", "LZ-SH-V01", "LZ-XH"]) expect(serverValuesMatchSnapshot(tree, undefined, code, quarter)).toBe(true);
    expect(serverValuesMatchSnapshot(tree, [], "LZ", ["2016"])).toBe(true);
  });

  it("a township officer, a quarter: the own township and its villages, not the other township (totals only) nor the county above it", () => {
    const summaryOnly = ["LZ-XH"];
    expect(serverValuesMatchSnapshot(tree, summaryOnly, "LZ-SH", quarter)).toBe(true);
    expect(serverValuesMatchSnapshot(tree, summaryOnly, "LZ-SH-V01", quarter)).toBe(true);
    expect(serverValuesMatchSnapshot(tree, summaryOnly, "LZ-XH", quarter)).toBe(false);
    expect(serverValuesMatchSnapshot(tree, summaryOnly, "LZ", quarter)).toBe(false);
    expect(serverValuesMatchSnapshot(tree, summaryOnly, "LZ-XH", ["2016"])).toBe(false);
  });

  it("a township officer, months only: every org unit, the other township and the county too", () => {
    // A stock in a month: LZ-XH's villages report 3 and 4 persons in 2016-12; the snapshot's total for LZ-XH
    // in 2016-12 is 7, as the server's last value per village summed (3 + 4). Only across months could a village
    // without a December value make the two differ (the server would take its November value, the total would not).
    const summaryOnly = ["LZ-XH"];
    for (const code of ["LZ-SH", "LZ-XH", "LZ"]) expect(serverValuesMatchSnapshot(tree, summaryOnly, code, months)).toBe(true);
  });
});

describe("serverRowsToIndicatorRows", () => {
  it("drops combinations without data and keeps the rest in the engine's row shape", () => {
    const rows = serverRowsToIndicatorRows([
      { indicator: "cataract_surgeries", orgUnit: "LZ", period: "2016", numerator: 156, denominator: null, value: 156 },
      { indicator: "association_coverage", orgUnit: "LZ", period: "2016", numerator: 76, denominator: 76, value: 100 },
      { indicator: "enrollment_rate", orgUnit: "LZ", period: "2016-01", numerator: 0, denominator: 0, value: null },
      { indicator: "cataract_surgeries", orgUnit: "LZ", period: "2017", numerator: null, denominator: null, value: null },
    ]);
    expect(rows).toEqual([
      { indicator: "cataract_surgeries", org_unit: "LZ", period: "2016", numerator: 156, denominator: null, value: 156 },
      { indicator: "association_coverage", org_unit: "LZ", period: "2016", numerator: 76, denominator: 76, value: 100 },
      { indicator: "enrollment_rate", org_unit: "LZ", period: "2016-01", numerator: 0, denominator: 0, value: null },
    ]);
    const index = new RowIndex(rows);
    expect(index.value("association_coverage", "LZ", "2016")).toBe(100);
    expect(index.row("enrollment_rate", "LZ", "2016-01")).toBeDefined();
    expect(index.row("cataract_surgeries", "LZ", "2017")).toBeUndefined();
  });
});
