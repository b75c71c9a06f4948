/**
 * report_submissions.csv (issue 4, completeness): loaded with the dataset in
 * its transaction, validated row by row with file, line and column in the
 * error, and loaded on its own into a database loaded before the file existed.
 */
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "csv-parse/sync";
import { linzeOrgUnits } from "@linze/domain";
import type { Database } from "../src/client.ts";
import { DatasetError, loadDataset, REPORT_SUBMISSIONS_FILE } from "../src/load.ts";
import { LINZE_DEMO_DIR, linzeFixtureValues, openEmptyTestDatabase, writeDataset } from "../src/testing.ts";

let db: Database;
let demo: Database;
beforeAll(async () => {
  [db, demo] = await Promise.all([openEmptyTestDatabase(), openEmptyTestDatabase()]);
}, 120_000);
afterAll(async () => {
  await db?.close();
  await demo?.close();
});

const HEADER = "org_unit,period,submitted_on";

async function fixtureWith(submissions: readonly string[] | null): Promise<string> {
  const dir = await writeDataset(linzeOrgUnits(), linzeFixtureValues());
  if (submissions) await writeFile(path.join(dir, REPORT_SUBMISSIONS_FILE), [HEADER, ...submissions].join("\n") + "\n");
  return dir;
}

async function loadError(dir: string): Promise<DatasetError> {
  const e = await loadDataset(db, dir).then(
    () => expect.fail("expected the load to fail"),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DatasetError);
  return e as DatasetError;
}

describe("report_submissions.csv", () => {
  test.each([
    [["LZ-SH,2016-01,2016-02-03", "LZ-SH-V01,2016-01,2016-02-03"], 3, "org_unit", '"LZ-SH-V01" is not a township: monthly reports are submitted by townships (月报由乡镇报送)'],
    [["LZ-SH,2016-01,2016-02-30"], 2, "submitted_on", '"2016-02-30": expected a calendar date YYYY-MM-DD such as 2016-04-08 (日期格式应为 YYYY-MM-DD)'],
    [["LZ-SH,2016-13,2016-02-03"], 2, "period", '"2016-13": expected a month YYYY-MM (月份格式应为 YYYY-MM)'],
    [["LZ-SH,2016-03,2016-02-29"], 2, "submitted_on", '"2016-02-29" is before the month 2016-03 it reports (报送日期早于所报月份)'],
    [["LZ-SH,2016-01,2016-02-03", "LZ-XH,2016-01,2016-02-04", "LZ-SH,2016-01,2016-02-05"], 4, null, "duplicate of line 2 (same org_unit and period)"],
    [["LZ-ZZ,2016-01,2016-02-03"], 2, "org_unit", 'unknown org unit "LZ-ZZ": not in org_units.csv'],
  ])("a bad row %j stops the load at line %i, column %s, and nothing is written", async (rows, line, column, reason) => {
    const e = await loadError(await fixtureWith(rows));
    expect([e.file, e.line, e.column, e.reason]).toEqual([REPORT_SUBMISSIONS_FILE, line, column, reason]);
    expect(await db.query("SELECT 1 FROM org_units")).toEqual([]);
    expect(await db.query("SELECT 1 FROM report_submissions")).toEqual([]);
  });

  test("a wrong header names the expected one", async () => {
    const dir = await fixtureWith(null);
    await writeFile(path.join(dir, REPORT_SUBMISSIONS_FILE), "org_unit,month,date\nLZ-SH,2016-01,2016-02-03\n");
    const e = await loadError(dir);
    expect(e.message).toBe("report_submissions.csv line 1: expected the header org_unit,period,submitted_on, found org_unit,month,date");
  });

  test("a folder without the file loads without submissions; the file added later is loaded on its own, once", async () => {
    const dir = await fixtureWith(null);
    const first = await loadDataset(db, dir);
    expect(first.loaded).toBe(true);
    expect(first.reportSubmissions).toBeUndefined();
    await writeFile(path.join(dir, REPORT_SUBMISSIONS_FILE), [HEADER, "LZ-SH,2016-01,2016-02-03", "LZ-XH,2016-01,2016-02-14"].join("\n") + "\n");
    const second = await loadDataset(db, dir);
    expect([second.loaded, second.reportSubmissions]).toEqual([false, 2]);
    expect(await db.query("SELECT org_unit, period, submitted_on, submitted_by, source FROM report_submissions ORDER BY org_unit")).toEqual([
      { org_unit: "LZ-SH", period: "2016-01", submitted_on: "2016-02-03", submitted_by: "dataset-loader", source: "dataset" },
      { org_unit: "LZ-XH", period: "2016-01", submitted_on: "2016-02-14", submitted_by: "dataset-loader", source: "dataset" },
    ]);
    const third = await loadDataset(db, dir);
    expect(third.reportSubmissions).toBeUndefined();
  });

  test("the demo data: 84 submissions (7 townships × 12 months), loaded in the dataset's transaction exactly as in the file", async () => {
    const result = await loadDataset(demo, LINZE_DEMO_DIR);
    expect([result.loaded, result.reportSubmissions]).toEqual([true, 84]);
    const file = parse(readFileSync(path.join(LINZE_DEMO_DIR, REPORT_SUBMISSIONS_FILE), "utf8"), { columns: true }) as Record<string, string>[];
    const stored = await demo.query<{ org_unit: string; period: string; submitted_on: string }>(
      "SELECT org_unit, period, submitted_on FROM report_submissions WHERE source = 'dataset' ORDER BY org_unit, period",
    );
    const key = (r: { org_unit: string; period: string; submitted_on: string }) => `${r.org_unit} ${r.period} ${r.submitted_on}`;
    expect(stored.map(key)).toEqual(file.map((r) => key(r as never)).sort());
    // One read by hand from the file: 新华镇's February report arrived on 23 March.
    expect(stored.find((r) => r.org_unit === "LZ-XH" && r.period === "2016-02")?.submitted_on).toBe("2016-03-23");
  });
});
