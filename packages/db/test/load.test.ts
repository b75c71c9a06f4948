import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, afterAll, describe, expect, test } from "vitest";
import { linzeOrgUnits } from "@linze/domain";
import { MIGRATIONS_DIR, type Database } from "../src/client.ts";
import { DatasetError, loadDataset, readDataset } from "../src/load.ts";
import { dataValueColumns, datasetSource, latestPeriod, loadOrgUnitTree, queryIndicatorRows } from "../src/queries.ts";
import { linzeFixtureValues, openEmptyTestDatabase, writeDataset, writeLinzeFixture } from "../src/testing.ts";
import { indicator } from "@linze/domain";
import { eq, getTableName } from "drizzle-orm";
import { orgUnits, schema } from "../src/schema.ts";

// One PGlite for the file (initdb takes ~5 s); the tests run in order on it.
let db: Database;
beforeAll(async () => {
  db = await openEmptyTestDatabase();
}, 60_000);
afterAll(() => db.close());

const count = async (table: string) => Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);

describe("a fresh database", () => {
  test("migrations create the tables, constraints and indexes, and apply once", async () => {
    await db.migrate();
    await db.migrate();
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    // Every table the schema declares, and nothing else, exists after the migrations.
    const declared = Object.values(schema).map((t) => getTableName(t)).sort();
    expect(declared).toContain("data_value_history");
    expect(tables.map((t) => t.table_name)).toEqual(declared);
    const indexes = await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname");
    // data_values: its primary key only (migration 0010); the value history by org unit-month (0009).
    expect(indexes.map((i) => i.indexname).filter((n) => n.startsWith("data_value"))).toEqual([
      "data_value_history_org_unit_period_idx",
      "data_value_history_pkey",
      "data_values_org_unit_period_data_element_pk",
    ]);
    expect(indexes.map((i) => i.indexname)).toContain("org_unit_closure_descendant_idx");
    const applied = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations");
    expect(applied[0]!.n).toBe(JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8")).entries.length);
    await expect(db.query("INSERT INTO org_units VALUES ('LZ', NULL, 1, 'a', 'b')").then(() =>
      db.query("INSERT INTO data_values VALUES ('LZ', '2016-13', 'cataract_surgeries', 1)"),
    )).rejects.toThrow(/data_values_period_month_check/);
    await db.query("DELETE FROM org_units");
  });

  test("a transaction that throws writes nothing", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO org_units VALUES ('LZ', NULL, 1, 'a', 'b')");
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await count("org_units")).toBe(0);
  });

  test("a bad row in data_values.csv stops the load with file, line, column and reason, and writes nothing", async () => {
    const values = linzeFixtureValues();
    const dir = await writeDataset(linzeOrgUnits(), values, ["LZ-SH-V01,2016-04,cataract_surgeries,twelve"]);
    const line = values.length + 2;
    const error = await loadDataset(db, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({ file: "data_values.csv", line, column: "value" });
    expect((error as Error).message).toBe(`data_values.csv line ${line}, column "value": "twelve": expected a non-negative number such as 12 or 9.50`);
    expect(await count("org_units")).toBe(0);
    expect(await count("data_values")).toBe(0);
    expect(await count("dataset_loads")).toBe(0);
  });

  test("loads the dataset once: org units, closure, values; a second call does nothing", async () => {
    const dir = await writeLinzeFixture();
    const first = await loadDataset(db, dir, { name: "fixture" });
    expect(first).toEqual({ loaded: true, orgUnits: 84, dataValues: linzeFixtureValues().length });
    // 84 self pairs + 83 below the county + 76 below a township.
    expect(await count("org_unit_closure")).toBe(84 + 83 + 76);
    const again = await loadDataset(db, dir);
    expect(again).toEqual({ loaded: false, orgUnits: 84, dataValues: linzeFixtureValues().length });
    expect(await count("dataset_loads")).toBe(1);

    // The drizzle handle reads the same tables, typed by the schema.
    const townships = await db.drizzle.select({ code: orgUnits.code, level: orgUnits.level }).from(orgUnits).where(eq(orgUnits.parent, "LZ"));
    expect(townships).toHaveLength(7);
    expect(townships.every((t) => t.level === 2)).toBe(true);

    const tree = await loadOrgUnitTree(db);
    expect(tree.children("LZ").map((u) => u.code)).toEqual(["LZ-SH", "LZ-XH", "LZ-LQ", "LZ-PC", "LZ-BQ", "LZ-YN", "LZ-NJY"]); // the report's order
    expect(await latestPeriod(db)).toBe("2016-12");
    expect((await datasetSource(db)).en).toMatch(/^Demo data/);
  });

  test("indicator values through the one SQL compiler: county 2016 cataract surgeries = 156, a quarter, a stock rate", async () => {
    const rows = await queryIndicatorRows(db, {
      indicators: [indicator("cataract_surgeries"), indicator("association_coverage")],
      orgUnits: ["LZ", "LZ-SH"],
      periods: ["2016", "2016Q1"],
    });
    const get = (i: string, u: string, p: string) => rows.find((r) => r.indicator === i && r.org_unit === u && r.period === p);
    expect(get("cataract_surgeries", "LZ", "2016")).toEqual({ indicator: "cataract_surgeries", org_unit: "LZ", period: "2016", numerator: 156, denominator: null, value: 156 });
    expect(get("cataract_surgeries", "LZ", "2016Q1")?.value).toBe(39);
    expect(get("cataract_surgeries", "LZ-SH", "2016")?.value).toBe(60);
    expect(get("association_coverage", "LZ", "2016Q1")).toMatchObject({ numerator: 75, denominator: 76 });
    expect(get("association_coverage", "LZ", "2016Q1")?.value).toBeCloseTo((75 / 76) * 100, 10);
    expect(get("association_coverage", "LZ", "2016")?.value).toBe(100);
  });

  test("a 0 denominator gives no value, not 0 %", async () => {
    const rows = await queryIndicatorRows(db, {
      indicators: [indicator("rehab_effectiveness_rate")],
      orgUnits: ["LZ-XH-V02", "LZ-SH-V01"],
      periods: ["2016"],
    });
    expect(rows.find((r) => r.org_unit === "LZ-XH-V02")).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(rows.find((r) => r.org_unit === "LZ-SH-V01")).toMatchObject({ numerator: 3, denominator: 4, value: 75 });
  });

  test('NUMERIC "9.50", "10.00", "100.00" come back as numbers and sort 100, 10, 9.5', async () => {
    // An amount indicator over the one data element, through the compiler and numericRows.
    const funds = { ...indicator("subsidy_paid_cny"), code: "ecommerce_funds", numerator: ["ecommerce_funds_cny"] };
    const rows = await queryIndicatorRows(db, { indicators: [funds], orgUnits: ["LZ-SH", "LZ-XH", "LZ-LQ"], periods: ["2016-03"] });
    const sorted = [...rows].sort((a, b) => b.numerator! - a.numerator!);
    expect(sorted.map((r) => [r.org_unit, r.numerator, r.value])).toEqual([["LZ-LQ", 100, 100], ["LZ-XH", 10, 10], ["LZ-SH", 9.5, 9.5]]);
    const columns = await dataValueColumns(db);
    const values = columns.value.filter((_, i) => columns.dataElement[i] === "ecommerce_funds_cny");
    expect([...values].sort((a, b) => b - a)).toEqual([100, 10, 9.5]);
    // As text, the engine's NUMERIC would sort "9.50" first.
    const raw = await db.query<{ org_unit: string; value: unknown }>(
      "SELECT org_unit, value FROM data_values WHERE data_element = 'ecommerce_funds_cny' ORDER BY value DESC",
    );
    expect(raw.map((r) => r.value)).toEqual(["100.00", "10.00", "9.50"]);
  });
});

describe("readDataset names the bad row", () => {
  const cases: [string, string, string][] = [
    ["LZ-XX-V01,2016-01,cataract_surgeries,1", "org_unit", "unknown org unit"],
    ["LZ-SH-V01,2016-13,cataract_surgeries,1", "period", "expected a month YYYY-MM"],
    ["LZ-SH-V01,2016Q1,cataract_surgeries,1", "period", "expected a month YYYY-MM"],
    ["LZ-SH-V01,2016-01,cataract_surgery,1", "data_element", "unknown data element"],
    ["LZ-SH-V01,2016-01,cataract_surgeries,-3", "value", "non-negative number"],
    ["LZ-SH-V01,2016-01,cataract_surgeries,", "value", "non-negative number"],
  ];
  test.each(cases)("%s → column %s", async (line, column, reason) => {
    const dir = await writeDataset(linzeOrgUnits(), [{ orgUnit: "LZ", period: "2016-01", dataElement: "villages_total", value: 76 }], [line]);
    const error = await readDataset(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({ file: "data_values.csv", line: 3, column });
    expect((error as Error).message).toContain(reason);
  });

  test("a duplicate key names both lines", async () => {
    const v = { orgUnit: "LZ-SH", period: "2016-01", dataElement: "villages_total", value: 17 };
    const error = await readDataset(await writeDataset(linzeOrgUnits(), [v, v])).catch((e: unknown) => e);
    expect((error as Error).message).toBe("data_values.csv line 3: duplicate of line 2 (same org_unit, period and data_element)");
  });

  test("an org unit whose parent is missing is reported against org_units.csv", async () => {
    const units = linzeOrgUnits().filter((u) => u.code !== "LZ-SH");
    const error = await readDataset(await writeDataset(units, [])).catch((e: unknown) => e);
    expect(error).toMatchObject({ file: "org_units.csv" });
    expect((error as Error).message).toContain("unknown parent LZ-SH");
  });

  test("a bad level in org_units.csv names the line and column", async () => {
    const units = linzeOrgUnits().map((u) => (u.code === "LZ-SH" ? { ...u, level: 4 as 1 } : u));
    const error = await readDataset(await writeDataset(units, [])).catch((e: unknown) => e);
    const line = linzeOrgUnits().findIndex((u) => u.code === "LZ-SH") + 2;
    expect(error).toMatchObject({ file: "org_units.csv", line, column: "level" });
  });
});
