/**
 * The engine answers indicator queries from the pre-aggregated
 * indicator_slices (the domain's compileIndicatorQueryOnSlices); the plain
 * compiler (compileIndicatorQuery, on data_values and the closure, as
 * PostgreSQL runs it) is the reference. Both run on the same native DuckDB
 * and must give identical rows — every indicator × org unit × period, with
 * numerator, denominator and value — on the demo data and on generated data
 * built to hit the last-value rule's corners (units skipping months, stocks
 * reported at a township as well as its villages, a value outside the tree,
 * a non-month label, a (unit, month, element) given twice, a four-level tree).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compileIndicatorQuery,
  DATA_ELEMENTS,
  INDICATOR_ROW_NUMERIC_COLUMNS,
  INDICATORS,
  indicator,
  monthsOf,
  numericRows,
  orgUnitKeys,
  periodsOfYear,
  toNumber,
  type IndicatorQuery,
  type IndicatorRow,
  type OrgUnit,
  type Snapshot,
} from "@linze/domain";
import { readDataset, REPO_ROOT } from "@linze/db";
import { encodeSnapshot } from "../src/arrow-snapshot.ts";
import { indicatorQuerySql } from "../src/engine.ts";
import { createEngine, type OlapEngine } from "../src/node.ts";

/** The rows of the plain compiler's SQL (data_values ⋈ closure), the reference. */
async function plainRows(engine: OlapEngine, q: IndicatorQuery): Promise<IndicatorRow[]> {
  return numericRows(await engine.query(compileIndicatorQuery(q)), INDICATOR_ROW_NUMERIC_COLUMNS) as unknown as IndicatorRow[];
}

/** Every month, quarter and year of `years`, and a year with no data. */
const allPeriods = (years: number[]) => [...years, years[years.length - 1]! + 1].flatMap((y) => [...periodsOfYear(y, "month"), ...periodsOfYear(y, "quarter"), String(y)]);

describe("indicator_slices on the demo data", () => {
  let engine: OlapEngine;
  let codes: string[];
  let keys: Map<string, number>;

  beforeAll(async () => {
    const dataset = await readDataset(path.join(REPO_ROOT, "data", "linze"));
    const values = dataset.dataValues;
    const snapshot: Snapshot = {
      orgUnits: dataset.tree.all,
      dataValues: {
        orgUnit: values.map((v) => v.orgUnit),
        period: values.map((v) => v.period),
        dataElement: values.map((v) => v.dataElement),
        value: values.map((v) => toNumber(v.value)!),
      },
      source: { zh: "演示数据", en: "demo data" },
    };
    codes = dataset.tree.codes;
    keys = orgUnitKeys(dataset.tree.all);
    engine = await createEngine();
    await engine.load(snapshot);
  }, 60_000);
  afterAll(() => engine?.close());

  it("gives the plain compiler's rows for every indicator × org unit × month, quarter and year", async () => {
    const query: IndicatorQuery = { indicators: INDICATORS, orgUnits: codes, periods: allPeriods([2016]) };
    const sql = indicatorQuerySql(query, keys);
    expect(sql).toContain("FROM indicator_slices");
    const [fast, plain] = await Promise.all([engine.indicatorRows(query), plainRows(engine, query)]);
    // 84 org units × 17 periods of 2016 × 12 indicators, minus the cells without data; 2017 has none.
    expect(plain.length).toBeGreaterThan(84 * 17 * 12 * 0.6);
    expect(plain.some((r) => r.period.startsWith("2017"))).toBe(false);
    expect(fast).toEqual(plain);
  }, 60_000);

  it("keeps the report's 2016 county figures (DOMAIN.md §5)", async () => {
    const rows = await engine.indicatorRows({ indicators: INDICATORS, orgUnits: ["LZ"], periods: ["2016", "2016Q4"] });
    const at = (code: string, period: string) => rows.find((r) => r.indicator === code && r.period === period);
    expect(at("cataract_surgeries", "2016")?.value).toBe(156);
    expect(at("subsidy_paid_cny", "2016")?.value).toBe(1_856_400);
    // recipients are stocks: the December rolls (399 + 914 + 195 + 180), not a sum over months
    expect(at("subsidy_recipients", "2016")?.value).toBe(1688);
    expect(at("subsidy_recipients", "2016Q4")?.value).toBe(1688);
    expect(at("committee_staffing_rate", "2016")).toMatchObject({ numerator: 83, denominator: 83, value: 100 });
    expect(at("association_coverage", "2016")).toMatchObject({ numerator: 76, denominator: 76, value: 100 });
    // records updated count from January (year to date) against the certified persons: 3,422 of 3,422
    expect(at("record_update_rate", "2016")).toMatchObject({ numerator: 3422, denominator: 3422, value: 100 });
  });

  it("gives the same rows for the dashboard's period lists (overview trend, a named year-to-date span)", async () => {
    const months = monthsOf("2016");
    for (const query of [
      { indicators: INDICATORS, orgUnits: ["LZ"], periods: ["2016-12", "2016-11", ...months] },
      { indicators: INDICATORS, orgUnits: ["LZ", "LZ-SH", "LZ-NJY-V04"], periods: [{ key: "ytd", months: monthsOf("2016Q2").slice(0, 2) }, { key: "h1", months: [...monthsOf("2016Q1"), ...monthsOf("2016Q2")] }] },
    ] satisfies IndicatorQuery[]) {
      expect(indicatorQuerySql(query, keys)).toContain("FROM indicator_slices");
      expect(await engine.indicatorRows(query)).toEqual(await plainRows(engine, query));
    }
  });

  it("runs the plain SQL for a stock over months that are not consecutive, with the same rows", async () => {
    const gap = { key: "jan+dec", months: ["2016-01", "2016-12"] };
    const stockQuery: IndicatorQuery = { indicators: [indicator("association_coverage")], orgUnits: ["LZ"], periods: [gap] };
    expect(indicatorQuerySql(stockQuery, keys)).toBe(compileIndicatorQuery(stockQuery));
    expect(await engine.indicatorRows(stockQuery)).toEqual(await plainRows(engine, stockQuery));
    // a flow does not need consecutive months: January + December surgeries from the slices
    const flowQuery: IndicatorQuery = { indicators: [indicator("cataract_surgeries")], orgUnits: ["LZ"], periods: [gap] };
    expect(indicatorQuerySql(flowQuery, keys)).toContain("FROM indicator_slices");
    expect(await engine.indicatorRows(flowQuery)).toEqual(await plainRows(engine, flowQuery));
  });

  it("gives no rows for an org unit outside the tree, as the plain SQL does", async () => {
    const query: IndicatorQuery = { indicators: INDICATORS, orgUnits: ["XX", "LZ-SH"], periods: ["2016Q1"] };
    const rows = await engine.indicatorRows(query);
    expect(rows.some((r) => r.org_unit === "XX")).toBe(false);
    expect(rows).toEqual(await plainRows(engine, query));
  });
});

/** mulberry32, a small deterministic PRNG (0 ≤ x < 1). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("indicator_slices on generated data", () => {
  let engine: OlapEngine;
  let orgUnits: OrgUnit[];
  let keys: Map<string, number>;
  const years = [2015, 2016];

  beforeAll(async () => {
    // A four-level tree (province, 2 counties, 3 townships each, 4 villages each), as bench P1 generates.
    orgUnits = [{ code: "PV", parent: null, level: 1, nameZh: "生成省", nameEn: "Generated province" }];
    for (let c = 1; c <= 2; c++) {
      orgUnits.push({ code: `PV-C${c}`, parent: "PV", level: 2, nameZh: `县${c}`, nameEn: `County ${c}` });
      for (let t = 1; t <= 3; t++) {
        orgUnits.push({ code: `PV-C${c}-T${t}`, parent: `PV-C${c}`, level: 3, nameZh: `乡${t}`, nameEn: `Township ${t}` });
        for (let v = 1; v <= 4; v++) orgUnits.push({ code: `PV-C${c}-T${t}-V${v}`, parent: `PV-C${c}-T${t}`, level: 4 as OrgUnit["level"], nameZh: `村${v}`, nameEn: `Village ${v}` });
      }
    }
    const rand = prng(6);
    const dv: Snapshot["dataValues"] = { orgUnit: [], period: [], dataElement: [], value: [] };
    const push = (u: string, p: string, d: string, v: number) => {
      dv.orgUnit.push(u);
      dv.period.push(p);
      dv.dataElement.push(d);
      dv.value.push(v);
    };
    const months = years.flatMap((y) => monthsOf(String(y)));
    // Villages skip about half the months (so a quarter's last value is often not its last month);
    // townships report a third of the time, on their own account; 0 is a value.
    for (const u of orgUnits.filter((o) => o.level >= 3))
      for (const m of months)
        for (const d of DATA_ELEMENTS) if (rand() < (u.level === 3 ? 0.3 : 0.5)) push(u.code, m, d.code, Math.floor(rand() * 12));
    // the same (unit, month, element) twice, a flow and a stock: both compilers add them up
    push("PV-C1-T1-V1", "2016-11", "cataract_surgeries", 3);
    push("PV-C1-T1-V1", "2016-11", "cataract_surgeries", 4);
    push("PV-C1-T1-V2", "2016-12", "villages_total", 5);
    push("PV-C1-T1-V2", "2016-12", "villages_total", 6);
    // a unit outside the tree and a label that is not a month: the plain SQL never reads them
    push("ZZ-V1", "2016-03", "cataract_surgeries", 1000);
    push("PV-C1-T1-V1", "2016Q1", "cataract_surgeries", 1000);
    orgUnits = orgUnits.reverse(); // keys must not depend on the input order
    keys = orgUnitKeys(orgUnits);
    engine = await createEngine();
    // four levels: through Arrow, whose closure is built from parent links (as bench P1 loads it)
    await engine.loadArrow(encodeSnapshot({ orgUnits, dataValues: dv, source: { zh: "生成数据", en: "generated" } }));
  }, 60_000);
  afterAll(() => engine?.close());

  it("gives the plain compiler's rows for every indicator × org unit × month, quarter, year and year to date", async () => {
    const codes = orgUnits.map((u) => u.code);
    const periods = [...allPeriods(years), ...monthsOf("2016").map((m) => ({ key: `ytd-${m}`, months: monthsOf("2016").filter((x) => x <= m) }))];
    const query: IndicatorQuery = { indicators: INDICATORS, orgUnits: codes, periods };
    expect(indicatorQuerySql(query, keys)).toContain("FROM indicator_slices");
    const [fast, plain] = await Promise.all([engine.indicatorRows(query), plainRows(engine, query)]);
    expect(plain.length).toBeGreaterThan(codes.length * (2 * 17 + 12) * INDICATORS.length * 0.8);
    expect(fast).toEqual(plain);
  }, 60_000);

  it("groups several org units and periods in one query as the dashboard does (county and townships, the villages of one township)", async () => {
    for (const query of [
      { indicators: INDICATORS, orgUnits: ["PV-C2", "PV-C2-T1", "PV-C2-T2", "PV-C2-T3"], periods: ["2016Q4", "2016Q4", "2015"] },
      { indicators: [indicator("enrollment_rate"), indicator("cataract_surgeries")], orgUnits: ["PV-C1-T2-V1", "PV-C1-T2-V2", "PV-C1-T2-V3", "PV-C1-T2-V4"], periods: monthsOf("2016") },
    ] satisfies IndicatorQuery[]) {
      const [fast, plain] = await Promise.all([engine.indicatorRows(query), plainRows(engine, query)]);
      expect(fast.length).toBeGreaterThan(0);
      expect(fast).toEqual(plain);
    }
  });

  it("builds one slice row per org unit × element × month for flows and splits stocks by the next reported month", async () => {
    const [flows] = await engine.query(
      `SELECT count(*) AS n, count(next_month) AS with_next FROM indicator_slices WHERE element_key = ${DATA_ELEMENTS.findIndex((d) => d.code === "cataract_surgeries")}`,
    );
    expect(flows!.with_next).toBe(0);
    // the province's stock rows: more than one row for some (element, month), as villages skip months
    const [stock] = await engine.query(
      `SELECT count(*) AS n, count(DISTINCT month) AS months FROM indicator_slices WHERE org_unit_key = ${keys.get("PV")} AND element_key = ${DATA_ELEMENTS.findIndex((d) => d.code === "villages_total")}`,
    );
    expect(stock!.months).toBe(24);
    expect(stock!.n as number).toBeGreaterThan(24);
  });
});
