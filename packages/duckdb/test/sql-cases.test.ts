/**
 * The cases, run as compiled SQL on native DuckDB (the dashboard's
 * engine) and checked against hand-worked values and the TS evaluator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DataValueIndex,
  evaluateIndicator,
  indicator,
  OrgUnitTree,
  type DataValue,
  type OrgUnit,
  type Snapshot,
} from "@linze/domain";
import { createEngine, type OlapEngine } from "../src/node.ts";

const units: OrgUnit[] = [
  { code: "T", parent: null, level: 1, nameZh: "测试县", nameEn: "Test County" },
  ...["A", "B", "C"].flatMap((t): OrgUnit[] => [
    { code: `T-${t}`, parent: "T", level: 2, nameZh: `${t}镇`, nameEn: `${t} Township` },
    { code: `T-${t}-V01`, parent: `T-${t}`, level: 3, nameZh: `${t}镇 1号村`, nameEn: `${t} Village 1` },
  ]),
];
const dv = (orgUnit: string, period: string, dataElement: string, value: number): DataValue => ({ orgUnit, period, dataElement, value });
const values: DataValue[] = [
  // enrollment 9/10, 90/100, 1/10
  dv("T-A-V01", "2016-12", "children_enrolled", 9), dv("T-A-V01", "2016-12", "school_age_children", 10),
  dv("T-B-V01", "2016-12", "children_enrolled", 90), dv("T-B-V01", "2016-12", "school_age_children", 100),
  dv("T-C-V01", "2016-12", "children_enrolled", 1), dv("T-C-V01", "2016-12", "school_age_children", 10),
  // associations 10, 11, 12 of 12 in Q1
  ...[10, 11, 12].map((n, i) => dv("T-A-V01", `2016-0${i + 1}`, "associations_established", n)),
  ...[1, 2, 3].map((m) => dv("T-A-V01", `2016-0${m}`, "villages_total", 12)),
  // a 0 denominator in one village
  dv("T-C-V01", "2016-11", "children_enrolled", 0), dv("T-C-V01", "2016-11", "school_age_children", 0),
  // 0 surgeries in January, February not reported
  dv("T-B-V01", "2016-01", "cataract_surgeries", 0), dv("T-B-V01", "2016-03", "cataract_surgeries", 4),
  // money with cents
  dv("T-A", "2016-05", "student_grant_cny", 9.5), dv("T-B", "2016-05", "student_grant_cny", 10), dv("T-C", "2016-05", "student_grant_cny", 100),
];
const snapshot: Snapshot = {
  orgUnits: units,
  dataValues: {
    orgUnit: values.map((v) => v.orgUnit),
    period: values.map((v) => v.period),
    dataElement: values.map((v) => v.dataElement),
    value: values.map((v) => v.value),
  },
  source: { zh: "测试", en: "test" },
};

let engine: OlapEngine;
beforeAll(async () => {
  engine = await createEngine();
  await engine.load(snapshot);
});
afterAll(() => engine.close());

const one = async (code: string, orgUnit: string, period: string) => {
  const rows = await engine.indicatorRows({ indicators: [indicator(code)], orgUnits: [orgUnit], periods: [period] });
  expect(rows.length).toBeLessThanOrEqual(1);
  return rows[0] ?? null;
};

describe("compiled SQL on DuckDB", () => {
  it("county enrollment is 100/120, not the mean of rates", async () => {
    const row = await one("enrollment_rate", "T", "2016");
    expect(row).toMatchObject({ numerator: 100, denominator: 120 });
    expect(row!.value).toBeCloseTo(83.3333333, 6);
  });

  it("a stock's quarter is its last month: 12 of 12, never above 100 %", async () => {
    expect(await one("association_coverage", "T", "2016Q1")).toMatchObject({ numerator: 12, denominator: 12, value: 100 });
  });

  it("a 0 denominator gives no value, with its parts kept", async () => {
    expect(await one("enrollment_rate", "T-C-V01", "2016-11")).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });

  it("zero is a value; a month not reported has no row", async () => {
    expect((await one("cataract_surgeries", "T-B-V01", "2016-01"))!.value).toBe(0);
    expect(await one("cataract_surgeries", "T-B-V01", "2016-02")).toBeNull();
    expect((await one("cataract_surgeries", "T", "2016Q1"))!.value).toBe(4);
  });

  it("a period named twice is counted once", async () => {
    const rows = await engine.indicatorRows({ indicators: [indicator("cataract_surgeries")], orgUnits: ["T"], periods: ["2016Q1", "2016Q1"] });
    expect(rows.map((r) => r.value)).toEqual([4]);
  });

  it("returns JS numbers that sort as numbers", async () => {
    const rows = await engine.query("SELECT org_unit, sum(value) AS v, count(*) AS n FROM data_values WHERE data_element = 'student_grant_cny' GROUP BY org_unit");
    for (const r of rows) expect(typeof r.v).toBe("number");
    expect(typeof rows[0]!.n).toBe("number"); // count(*) is a BIGINT in DuckDB
    expect(rows.map((r) => r.v as number).sort((a, b) => b - a)).toEqual([100, 10, 9.5]);
  });

  it("agrees with the TS evaluator on every indicator, unit and period of the fixture", async () => {
    const tree = new OrgUnitTree(units);
    const index = new DataValueIndex(values);
    const periods = ["2016-01", "2016-02", "2016-11", "2016-12", "2016Q1", "2016Q4", "2016"];
    const { INDICATORS } = await import("@linze/domain");
    const rows = await engine.indicatorRows({ indicators: INDICATORS, orgUnits: tree.codes, periods });
    const byKey = new Map(rows.map((r) => [`${r.indicator}|${r.org_unit}|${r.period}`, r]));
    let compared = 0;
    for (const ind of INDICATORS)
      for (const u of tree.codes)
        for (const p of periods) {
          const expected = evaluateIndicator(ind, index, tree, u, p);
          const row = byKey.get(`${ind.code}|${u}|${p}`);
          expect({ numerator: row?.numerator ?? null, denominator: row?.denominator ?? null, value: row?.value ?? null }).toEqual(expected);
          compared++;
        }
    expect(compared).toBe(12 * 7 * 7);
  });
});
