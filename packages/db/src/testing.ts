/**
 * Test helpers shared by the db, api and server tests: a small dataset
 * builder that writes the two CSV files, and a migrated, loaded in-memory
 * PGlite. Not used at run time.
 */
import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { linzeOrgUnits, monthsOf, type OrgUnit } from "@linze/domain";
import { openDatabase, REPO_ROOT, type Database } from "./client.ts";
import { DATA_VALUES_FILE, loadDataset, ORG_UNITS_FILE } from "./load.ts";

export interface FixtureValue {
  readonly orgUnit: string;
  readonly period: string;
  readonly dataElement: string;
  /** Written as is: text keeps "9.50" exactly as a CSV would. */
  readonly value: string | number;
}

/** Writes org_units.csv and data_values.csv into a new temporary folder; returns the folder. */
export async function writeDataset(orgUnits: readonly OrgUnit[], dataValues: readonly FixtureValue[], extraLines: readonly string[] = []): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "linze-dataset-"));
  const units = ["code,parent,level,name_zh,name_en", ...orgUnits.map((u) => [u.code, u.parent ?? "", u.level, u.nameZh, u.nameEn].join(","))];
  const values = ["org_unit,period,data_element,value", ...dataValues.map((v) => [v.orgUnit, v.period, v.dataElement, v.value].join(",")), ...extraLines];
  await writeFile(path.join(dir, ORG_UNITS_FILE), units.join("\n") + "\n");
  await writeFile(path.join(dir, DATA_VALUES_FILE), values.join("\n") + "\n");
  return dir;
}

/**
 * A small Linze dataset over the real 84 org units, with figures chosen so
 * that wrong aggregation shows:
 * - cataract_surgeries: LZ-SH-V01 5 a month, LZ-XH-V01 8 a month → county 2016 = 156, 2016Q1 = 39;
 * - villages_total 1 per village or community every month (76), associations_established
 *   likewise except LZ-NJY-V10 at 0 until 2016-06 → association_coverage 2016Q1 = 75/76, 2016 = 100 %;
 * - rehab: LZ-SH-V01 2016-01 trained 4, effective 3 (75 %); LZ-XH-V02 2016-02 trained 0, effective 0 (no value);
 * - ecommerce_funds_cny 2016-03: "9.50" at LZ-SH-V01, "10.00" at LZ-XH-V01, "100.00" at LZ-LQ-V01.
 */
export function linzeFixtureValues(): FixtureValue[] {
  const out: FixtureValue[] = [];
  const months = monthsOf("2016");
  for (const m of months) {
    out.push({ orgUnit: "LZ-SH-V01", period: m, dataElement: "cataract_surgeries", value: 5 });
    out.push({ orgUnit: "LZ-XH-V01", period: m, dataElement: "cataract_surgeries", value: 8 });
  }
  for (const u of linzeOrgUnits().filter((u) => u.level === 3)) {
    for (const m of months) {
      out.push({ orgUnit: u.code, period: m, dataElement: "villages_total", value: 1 });
      const late = u.code === "LZ-NJY-V10" && m < "2016-07";
      out.push({ orgUnit: u.code, period: m, dataElement: "associations_established", value: late ? 0 : 1 });
    }
  }
  out.push({ orgUnit: "LZ-SH-V01", period: "2016-01", dataElement: "rehab_children_trained", value: 4 });
  out.push({ orgUnit: "LZ-SH-V01", period: "2016-01", dataElement: "rehab_children_effective", value: 3 });
  out.push({ orgUnit: "LZ-XH-V02", period: "2016-02", dataElement: "rehab_children_trained", value: 0 });
  out.push({ orgUnit: "LZ-XH-V02", period: "2016-02", dataElement: "rehab_children_effective", value: 0 });
  out.push({ orgUnit: "LZ-SH-V01", period: "2016-03", dataElement: "ecommerce_funds_cny", value: "9.50" });
  out.push({ orgUnit: "LZ-XH-V01", period: "2016-03", dataElement: "ecommerce_funds_cny", value: "10.00" });
  out.push({ orgUnit: "LZ-LQ-V01", period: "2016-03", dataElement: "ecommerce_funds_cny", value: "100.00" });
  return out;
}

/** Writes the {@link linzeFixtureValues} dataset to a temporary folder. */
export function writeLinzeFixture(): Promise<string> {
  return writeDataset(linzeOrgUnits(), linzeFixtureValues());
}

/**
 * The PostgreSQL server the tests run against instead of PGlite, when the
 * test run asks for it: `LINZE_TEST_DB=postgres` (set by the `postgres`
 * vitest project) and `TEST_DATABASE_URL` (an account that may create
 * databases, e.g. `postgres://linze:linze@localhost:5432/postgres`). Null →
 * in-memory PGlite.
 */
export function testServerUrl(): string | null {
  if (process.env.LINZE_TEST_DB !== "postgres") return null;
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("LINZE_TEST_DB=postgres needs TEST_DATABASE_URL (a PostgreSQL account that may create databases)");
  return url;
}

let created = 0;

/**
 * Creates a new, empty database on the PostgreSQL server of
 * `TEST_DATABASE_URL` (for tests that start the server or the CLI as
 * processes with `DATABASE_URL`); `drop()` removes it, closing its
 * connections.
 */
export async function createServerTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `linze_test_${process.pid}_${Date.now().toString(36)}_${++created}`;
  const admin = async (sql: string) => {
    const conn = await openDatabase({ databaseUrl: serverUrl });
    try {
      await conn.query(sql);
    } finally {
      await conn.close();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropTestDatabase(admin, name) };
}

const sqlState = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/**
 * Drops a test database with whatever is still connected to it (a server
 * process a test started). `WITH (FORCE)` ends the other sessions, but
 * refuses the whole statement (42501) when one of them is a process the
 * account may not signal: an autovacuum worker that has just started on the
 * new database (its role is none; CI of 2026-12-05 failed the api suite on
 * PostgreSQL 15 with "must be a member of the role whose process is being
 * terminated or member of pg_signal_backend"). Plain DROP DATABASE stops
 * autovacuum workers itself and waits up to 5 s for other sessions, so it is
 * tried next; while sessions remain (55006) both are tried again after
 * `pauseMs`, `attempts` times in all. Any other error is thrown at once.
 */
export async function dropTestDatabase(admin: (sql: string) => Promise<unknown>, name: string, attempts = 5, pauseMs = 200): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if (sqlState(error) !== "42501") throw error;
    }
    try {
      await admin(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (error) {
      if (sqlState(error) !== "55006" || attempt >= attempts) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/**
 * A new, empty, migrated database of the engine under test: an in-memory
 * PGlite (initdb, ~5 s), or — see {@link testServerUrl} — a fresh database
 * on the PostgreSQL server, dropped again by `close()`.
 */
export async function openEmptyTestDatabase(): Promise<Database> {
  const serverUrl = testServerUrl();
  if (serverUrl === null) {
    const db = await openDatabase({ memory: true });
    await db.migrate();
    return db;
  }
  const created = await createServerTestDatabase(serverUrl);
  const db = await openDatabase({ databaseUrl: created.url });
  await db.migrate();
  return {
    ...db,
    async close() {
      await db.close();
      await created.drop();
    },
  };
}

/**
 * A second connection pool on the same PostgreSQL database as `db` (a test
 * database of {@link testServerUrl}'s server), as another server process
 * would have: for tests of what one process sees of another's sessions.
 */
export async function openSecondPool(db: Database): Promise<Database> {
  const { name } = (await db.query<{ name: string }>("SELECT current_database() AS name"))[0]!;
  const url = new URL(testServerUrl()!);
  url.pathname = `/${name}`;
  return openDatabase({ databaseUrl: url.toString() });
}

/**
 * A migrated database (in-memory PGlite, or PostgreSQL — see
 * {@link openEmptyTestDatabase}) loaded from `datasetDir` (default: the
 * Linze fixture). Takes ~5 s on PGlite (initdb).
 */
export async function openTestDatabase(datasetDir?: string): Promise<Database> {
  const db = await openEmptyTestDatabase();
  await loadDataset(db, datasetDir ?? (await writeLinzeFixture()));
  return db;
}

/** The committed demo data folder, `data/linze/` (84 org units, 28,821 data values, the assessment inputs). */
export const LINZE_DEMO_DIR = path.join(REPO_ROOT, "data", "linze");

/** The assessment input files of the committed demo data. */
export const ASSESSMENT_DEMO_FILES = ["committee_members.csv", "letters_2016.json", "supervision_findings_2016.csv"] as const;

/**
 * The {@link linzeFixtureValues} dataset plus copies of the committed
 * assessment files (`files`, default all three), in a temporary folder that a
 * test may then alter.
 */
export async function writeLinzeFixtureWithAssessment(files: readonly string[] = ASSESSMENT_DEMO_FILES): Promise<string> {
  const dir = await writeLinzeFixture();
  for (const f of files) await copyFile(path.join(LINZE_DEMO_DIR, f), path.join(dir, f));
  return dir;
}
