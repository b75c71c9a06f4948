/**
 * The one SQL compiler, run on both engines, against the TS evaluator, on the
 * demo data: every indicator × {county, each township, a village} × {a month,
 * a quarter, the year}. Numerators, denominators and values must be equal
 * (all three sides compute in IEEE doubles from integer or cent sums).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DataValueIndex,
  evaluateIndicator,
  INDICATORS,
  toNumber,
  type IndicatorRow,
  type IndicatorValue,
  type OrgUnitTree,
  type Snapshot,
} from "@linze/domain";
import { queryIndicatorRows, readDataset, REPO_ROOT, type Database } from "@linze/db";
import { openTestDatabase } from "@linze/db/testing";
import { createEngine, type OlapEngine } from "../src/node.ts";

const DATASET = path.join(REPO_ROOT, "data", "linze");
const PERIODS = ["2016-02", "2016-07", "2016Q1", "2016Q3", "2016"];

let tree: OrgUnitTree;
let index: DataValueIndex;
let duck: OlapEngine;
let pg: Database;
let orgUnits: string[];

beforeAll(async () => {
  const dataset = await readDataset(DATASET);
  tree = dataset.tree;
  const values = dataset.dataValues.map((v) => ({ ...v, value: toNumber(v.value)! }));
  index = new DataValueIndex(values);
  const snapshot: Snapshot = {
    orgUnits: tree.all,
    dataValues: {
      orgUnit: values.map((v) => v.orgUnit),
      period: values.map((v) => v.period),
      dataElement: values.map((v) => v.dataElement),
      value: values.map((v) => v.value),
    },
    source: { zh: "演示数据", en: "demo data" },
  };
  duck = await createEngine();
  await duck.load(snapshot);
  pg = await openTestDatabase(DATASET);
  // the county, every township, and a village and a community
  orgUnits = ["LZ", ...tree.atLevel(2).map((u) => u.code), "LZ-NJY-V04", "LZ-SH-C02"];
}, 120_000);

afterAll(async () => {
  await duck?.close();
  await pg?.close();
});

const parts = (row: IndicatorRow | undefined): IndicatorValue => ({
  numerator: row?.numerator ?? null,
  denominator: row?.denominator ?? null,
  value: row?.value ?? null,
});

describe("SQL on DuckDB and PostgreSQL agrees with the TS evaluator on the demo data", () => {
  it("for every indicator × org unit × period", async () => {
    const query = { indicators: INDICATORS, orgUnits, periods: PERIODS };
    const [duckRows, pgRows] = await Promise.all([duck.indicatorRows(query), queryIndicatorRows(pg, query)]);
    const key = (r: IndicatorRow) => `${r.indicator}|${r.org_unit}|${r.period}`;
    const duckByKey = new Map(duckRows.map((r) => [key(r), r]));
    const pgByKey = new Map(pgRows.map((r) => [key(r), r]));
    let withValue = 0;
    for (const ind of INDICATORS)
      for (const unit of orgUnits)
        for (const period of PERIODS) {
          const k = `${ind.code}|${unit}|${period}`;
          const expected = evaluateIndicator(ind, index, tree, unit, period);
          expect(parts(duckByKey.get(k)), `DuckDB ${k}`).toEqual(expected);
          expect(parts(pgByKey.get(k)), `PostgreSQL ${k}`).toEqual(expected);
          if (expected.value !== null) withValue++;
        }
    // the comparison is not vacuous: most cells have a value
    expect(withValue).toBeGreaterThan(INDICATORS.length * orgUnits.length * PERIODS.length * 0.5);
    // and the county's 2016 figures are the report's
    expect(duckByKey.get("cataract_surgeries|LZ|2016")?.value).toBe(156);
    expect(pgByKey.get("subsidy_paid_cny|LZ|2016")?.value).toBe(1_856_400);
    expect(pgByKey.get("subsidy_recipients|LZ|2016")?.value).toBe(1688);
  }, 60_000);
});
