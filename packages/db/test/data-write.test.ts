/**
 * The write path of data values (issue 4): locked months, plan counts,
 * history, first submissions, all-or-nothing. One database for the file,
 * loaded with the small Linze fixture (testing.ts: cataract_surgeries 5 a
 * month at LZ-SH-V01 and 8 at LZ-XH-V01 in 2016, …). Assessment runs are
 * written as rows here (the db package has no scoring engine); the API tests
 * lock and unlock through `assessments.run` itself.
 */
import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../src/client.ts";
import {
  applyDataValues,
  chinaToday,
  DataWriteRefused,
  lockedMonths,
  numericKey,
  planDataValues,
  valueHistory,
  type IncomingValue,
} from "../src/data-write.ts";
import { listImports } from "../src/imports-store.ts";
import { openTestDatabase } from "../src/testing.ts";

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase();
}, 60_000);
afterAll(() => db.close());

const count = async (table: string) => Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
/** Changes recorded in data_value_history: one row holds an org unit-month's changes of one write (migration 0009). */
const historyChanges = async () => Number((await db.query<{ n: number }>("SELECT coalesce(sum(cardinality(data_elements)), 0)::int AS n FROM data_value_history"))[0]!.n);
const stored = async (orgUnit: string, period: string, dataElement: string) =>
  (await db.query<{ value: string }>("SELECT value::text AS value FROM data_values WHERE org_unit = $1 AND period = $2 AND data_element = $3", [orgUnit, period, dataElement]))[0]?.value ?? null;

/** A run row of 2016 `quarter` for `scope` (townships and county members are scoped to the county LZ). */
async function run(quarter: number, scope: "townships" | "countyMembers", revision: number, status: "draft" | "submitted" | "reviewed" | "published"): Promise<number> {
  const [r] = await db.query<{ id: number }>(
    `INSERT INTO assessment_runs (year, quarter, scope, scope_org_unit, revision, status, engine_version, inputs, inputs_hash, created_by, published_at)
     VALUES (2016, $1, $2, 'LZ', $3, $4, 'test', '{}', 'test', 'test', CASE WHEN $4 = 'published' THEN now() END) RETURNING id`,
    [quarter, scope, revision, status],
  );
  return r!.id;
}
afterEach(async () => {
  await db.query("DELETE FROM assessment_runs");
});

const v = (orgUnit: string, period: string, dataElement: string, value: string | null, row?: number): IncomingValue => ({
  orgUnit,
  period,
  dataElement,
  value,
  ...(row !== undefined ? { location: { file: "test.csv", sheet: null, row, column: "4", header: "value" } } : {}),
});

describe("lockedMonths", () => {
  test("no published run: nothing is locked", async () => {
    await run(1, "townships", 1, "reviewed");
    expect(await lockedMonths(db, ["2016-01", "2016-03", "2016-04"])).toEqual([]);
  });

  test("a published Q1 run locks 2016-01…03 and nothing else; a draft revision 2 of the same scope unlocks them", async () => {
    const published = await run(1, "townships", 1, "published");
    const locked = await lockedMonths(db, ["2016-04", "2016-03", "2016-01", "2016-02", "2015-12", "not a month"]);
    expect(locked.map((l) => [l.month, l.quarter, l.runs.map((r) => r.id)])).toEqual([
      ["2016-01", "2016Q1", [published]],
      ["2016-02", "2016Q1", [published]],
      ["2016-03", "2016Q1", [published]],
    ]);
    expect(locked[0]!.runs[0]).toMatchObject({ year: 2016, quarter: 1, scope: "townships", scopeOrgUnit: "LZ", revision: 1 });
    expect(locked[0]!.runs[0]!.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    await run(1, "townships", 2, "draft");
    expect(await lockedMonths(db, ["2016-03"])).toEqual([]);
  });

  test("every published scope of the quarter locks until its own new revision is open", async () => {
    await run(1, "townships", 1, "published");
    const members = await run(1, "countyMembers", 1, "published");
    await run(1, "townships", 2, "submitted");
    // The townships' revision 2 is open; the members' published result still locks.
    expect((await lockedMonths(db, ["2016-03"])).map((l) => l.runs.map((r) => r.id))).toEqual([[members]]);
    await run(1, "countyMembers", 2, "reviewed");
    expect(await lockedMonths(db, ["2016-03"])).toEqual([]);
  });

  test("only the latest published revision is named; once revision 2 is published the months lock again", async () => {
    await run(2, "townships", 1, "published");
    const second = await run(2, "townships", 2, "published");
    expect((await lockedMonths(db, ["2016-05"]))[0]!.runs.map((r) => r.id)).toEqual([second]);
  });
});

describe("planDataValues", () => {
  test("counts new, updated, unchanged (numerically equal) and deleted, with previous → new", async () => {
    const plan = await planDataValues(db, [
      v("LZ-SH-V01", "2016-04", "cataract_surgeries", "5.0"), // stored 5: unchanged
      v("LZ-SH-V01", "2016-05", "cataract_surgeries", "6"), // stored 5: updated
      v("LZ-SH-V01", "2016-05", "health_checks", "3"), // none stored: new
      v("LZ-XH-V01", "2016-06", "cataract_surgeries", null), // stored 8: deleted
      v("LZ-XH-V01", "2016-06", "health_checks", null), // none stored: nothing to delete, unchanged
    ]);
    expect(plan.problems).toEqual([]);
    expect(plan.counts).toEqual({ new: 1, updated: 1, unchanged: 2, deleted: 1, refused: 0 });
    expect(plan.changes.map((c) => [c.kind, c.orgUnit, c.period, c.dataElement, c.previous, c.value])).toEqual([
      ["updated", "LZ-SH-V01", "2016-05", "cataract_surgeries", "5", "6"],
      ["new", "LZ-SH-V01", "2016-05", "health_checks", null, "3"],
      ["deleted", "LZ-XH-V01", "2016-06", "cataract_surgeries", "8", null],
    ]);
  });

  test("numbers compare as NUMERIC does: trailing zeros of the fraction and leading zeros do not count, digits do", async () => {
    // The fixture stores cataract_surgeries 5 at LZ-SH-V01 and 8 at LZ-XH-V01 every month of 2016.
    const plan = await planDataValues(db, [
      v("LZ-SH-V01", "2016-03", "cataract_surgeries", "005.00"), // = 5
      v("LZ-XH-V01", "2016-03", "cataract_surgeries", "8.0"), // = 8
      v("LZ-SH-V01", "2016-04", "cataract_surgeries", "50"), // ≠ 5
      v("LZ-XH-V01", "2016-04", "cataract_surgeries", "0.8"), // ≠ 8
    ]);
    expect(plan.counts).toEqual({ new: 0, updated: 2, unchanged: 2, deleted: 0, refused: 0 });
    expect(plan.changes.map((c) => [c.orgUnit, c.period, c.previous, c.value])).toEqual([
      ["LZ-SH-V01", "2016-04", "5", "50"],
      ["LZ-XH-V01", "2016-04", "8", "0.8"],
    ]);
    expect(["12", "12.0", "012", "12.000", "0", "0.00", "000", "9.50", "100", "100.00", "0.05", "-4.10", "NaN"].map(numericKey)).toEqual([
      "12", "12", "12", "12", "0", "0", "0", "9.5", "100", "100", "0.05", "-4.1", "NaN",
    ]);
  });

  test("bad values are errors with their location: period, data element, number, duplicate, level", async () => {
    const plan = await planDataValues(db, [
      v("LZ-SH-V01", "2016-13", "cataract_surgeries", "1", 2),
      v("LZ-SH-V01", "2016-05", "cataract", "1", 3),
      v("LZ-SH-V01", "2016-05", "health_checks", "-1", 4),
      v("LZ-SH-V01", "2016-05", "cataract_surgeries", "7", 5),
      v("LZ-SH-V01", "2016-05", "cataract_surgeries", "8", 6),
      v("LZ-SH", "2016-05", "cataract_surgeries", "1", 7), // reported by villages, not townships
      v("LZ", "2016-05", "articles_published", "3", 8), // fine: the county reports articles
    ]);
    expect(plan.problems.map((p) => [p.row, p.code, p.column, p.value])).toEqual([
      [2, "invalid_period", "4", "1"],
      [3, "unknown_data_element", "4", "1"],
      [4, "invalid_value", "4", "-1"],
      [6, "duplicate_value", "4", "8"],
      [7, "not_reported_at_level", "4", "1"],
    ]);
    expect(plan.problems[3]).toMatchObject({
      messageZh: "LZ-SH-V01 2016-05 cataract_surgeries 重复（首次出现在 test.csv 第5行）",
      messageEn: "LZ-SH-V01 2016-05 cataract_surgeries appears twice (first at test.csv row 5)",
    });
    expect(plan.problems[4]).toMatchObject({ messageEn: "cataract_surgeries is not reported by township org units (LZ-SH)", messageZh: "cataract_surgeries 不由乡镇上报（LZ-SH）" });
    expect(plan.counts).toEqual({ new: 1, updated: 1, unchanged: 0, deleted: 0, refused: 5 });
  });

  test("a month that has not begun (China time) is an error: it would become every user's latest period", async () => {
    const plan = await planDataValues(db, [v("LZ-SH-V01", "2099-12", "activity_venues", "1", 2), v("LZ-SH-V01", "2016-05", "health_checks", "3", 3)]);
    const thisMonth = chinaToday().slice(0, 7);
    expect(plan.problems.map((p) => [p.row, p.code, p.messageEn, p.messageZh])).toEqual([
      [2, "future_period", `period "2099-12" has not begun (this month is ${thisMonth})`, `期间 "2099-12" 尚未开始（本月为 ${thisMonth}）`],
    ]);
    expect(plan.counts).toEqual({ new: 1, updated: 0, unchanged: 0, deleted: 0, refused: 1 });
  });

  test("a month that has not begun points at the cell the month was read from, once per cell, with the month as written", async () => {
    // A wide row: two values of row 3 share its period cell B3; row 4's month is in the title (row 1).
    const periodCell = { row: 3, column: "B", header: "期间", written: "2099年12月" };
    const title = { row: 1, column: "A", header: null, written: "沙河镇2099年11月报表" };
    const at = (row: number, column: string) => ({ file: "wide.csv", sheet: null, row, column, header: column });
    const plan = await planDataValues(db, [
      { ...v("LZ-SH-V01", "2099-12", "activity_venues", "1"), location: at(3, "C"), periodSource: periodCell },
      { ...v("LZ-SH-V01", "2099-12", "health_checks", "2"), location: at(3, "D"), periodSource: periodCell },
      { ...v("LZ-SH-V02", "2099-11", "health_checks", "2"), location: at(4, "D"), periodSource: title },
    ]);
    expect(plan.problems.map((p) => [p.code, p.row, p.column, p.header, p.value])).toEqual([
      ["future_period", 1, "A", null, "沙河镇2099年11月报表"],
      ["future_period", 3, "B", "期间", "2099年12月"],
    ]);
    // Counts are of values: all three are refused, whatever the number of problems.
    expect(plan.counts).toEqual({ new: 0, updated: 0, unchanged: 0, deleted: 0, refused: 3 });
  });

  test("a change in a locked month is an error in zh and en; the same value unchanged is not", async () => {
    await run(1, "townships", 1, "published");
    const plan = await planDataValues(db, [v("LZ-SH-V01", "2016-03", "cataract_surgeries", "9", 4), v("LZ-SH-V01", "2016-02", "cataract_surgeries", "5", 5)]);
    expect(plan.problems).toEqual([
      {
        severity: "error",
        code: "locked_month",
        file: "test.csv",
        sheet: null,
        row: 4,
        column: "4",
        header: "value",
        value: "9",
        orgUnit: "LZ-SH-V01",
        period: "2016-03",
        dataElement: "cataract_surgeries",
        messageZh: "2016-03 属于已发布的2016年第1季度考核，须先开始新的修订版本",
        messageEn: "2016-03 is in the published assessment of 2016 Q1; start a new revision first",
      },
    ]);
    expect(plan.counts).toEqual({ new: 0, updated: 0, unchanged: 1, deleted: 0, refused: 1 });
    expect(plan.lockedMonths.map((l) => l.month)).toEqual(["2016-02", "2016-03"]);
  });
});

describe("applyDataValues", () => {
  test("writes values, history and the import in one go; the same file again changes nothing", async () => {
    const before = { history: await historyChanges(), values: await count("data_values") };
    const batch = [v("LZ-SH-V02", "2016-07", "health_checks", "4", 2), v("LZ-SH-V01", "2016-07", "cataract_surgeries", "11", 3), v("LZ-SH-V01", "2016-08", "cataract_surgeries", "5.00", 4)];
    const importRecord = { fileName: "july.csv", fileSha256: "ab".repeat(32), layout: "long" as const, rowsRead: 3, ignored: 1, summary: { note: "test" } };
    const first = await applyDataValues(db, batch, { source: "import", user: "tester", import: importRecord, today: "2016-08-05" });
    expect(first.counts).toEqual({ new: 1, updated: 1, unchanged: 1, deleted: 0, refused: 0 });
    expect(first.historyRows).toBe(2);
    expect(await count("data_values")).toBe(before.values + 1);
    expect(await historyChanges()).toBe(before.history + 2);
    expect(await stored("LZ-SH-V01", "2016-07", "cataract_surgeries")).toBe("11");
    // 5 and 5.00 are equal: the stored text stays "5".
    expect(await stored("LZ-SH-V01", "2016-08", "cataract_surgeries")).toBe("5");
    const [imported] = await listImports(db);
    expect(imported).toMatchObject({ id: first.importId, fileName: "july.csv", layout: "long", rowsRead: 3, valuesNew: 1, valuesUpdated: 1, valuesUnchanged: 1, valuesIgnored: 1, committedBy: "tester" });
    expect(imported!.summary).toEqual({ note: "test", counts: { new: 1, updated: 1, unchanged: 1, deleted: 0, refused: 0 } });

    const again = await applyDataValues(db, batch, { source: "import", user: "tester", import: importRecord, today: "2016-08-06" });
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 3, deleted: 0, refused: 0 });
    expect(again.historyRows).toBe(0);
    expect(again.submissions).toEqual([]);
    expect(await historyChanges()).toBe(before.history + 2);
  });

  test("a changed value keeps its previous value in the history, newest first, with source, import and user", async () => {
    const importRun = await applyDataValues(db, [v("LZ-XH-V01", "2016-09", "cataract_surgeries", "10", 2)], {
      source: "import",
      user: "importer",
      import: { fileName: "sept.csv", fileSha256: "cd".repeat(32), layout: "long", rowsRead: 1, ignored: 0, summary: {} },
    });
    await applyDataValues(db, [v("LZ-XH-V01", "2016-09", "cataract_surgeries", "12.5")], { source: "entry", user: "clerk" });
    await applyDataValues(db, [v("LZ-XH-V01", "2016-09", "cataract_surgeries", null)], { source: "entry", user: "clerk" });
    const history = await valueHistory(db, { orgUnit: "LZ-XH-V01", period: "2016-09", dataElement: "cataract_surgeries" });
    expect(history.map((h) => [h.previousValue, h.value, h.source, h.importId, h.fileName, h.changedBy])).toEqual([
      [12.5, null, "entry", null, null, "clerk"],
      [10, 12.5, "entry", null, null, "clerk"],
      [8, 10, "import", importRun.importId, "sept.csv", "importer"],
    ]);
    expect(await stored("LZ-XH-V01", "2016-09", "cataract_surgeries")).toBeNull();
  });

  test("the history holds one row per org unit and month of a write, each value's change at one position of its arrays", async () => {
    const rowsBefore = await count("data_value_history");
    // June at two villages that reported none of these: LZ-PC-V03 three new values, LZ-PC-V04 one;
    // LZ-PC-V03's villages_total is 1 already (the fixture), unchanged, and adds nothing.
    const result = await applyDataValues(
      db,
      [
        v("LZ-PC-V03", "2016-06", "health_checks", "3"),
        v("LZ-PC-V04", "2016-06", "health_checks", "2"),
        v("LZ-PC-V03", "2016-06", "cataract_surgeries", "1"),
        v("LZ-PC-V03", "2016-06", "nursing_subsidy_cny", "120.50"),
        v("LZ-PC-V03", "2016-06", "villages_total", "1"),
      ],
      { source: "entry", user: "clerk", today: "2016-07-02" },
    );
    expect(result.counts).toEqual({ new: 4, updated: 0, unchanged: 1, deleted: 0, refused: 0 });
    expect(result.historyRows).toBe(4);
    const rows = await db.query<{ org_unit: string; period: string; changes: string[] }>(
      `SELECT org_unit, period, array(SELECT e || ' ' || coalesce(p::text, '-') || ' ' || coalesce(n::text, '-') FROM unnest(data_elements, previous_values, new_values) AS c(e, p, n) ORDER BY e) AS changes
       FROM data_value_history ORDER BY id DESC LIMIT 3`,
    );
    expect(await count("data_value_history")).toBe(rowsBefore + 2);
    expect(rows.slice(0, 2).sort((a, b) => a.org_unit.localeCompare(b.org_unit))).toEqual([
      { org_unit: "LZ-PC-V03", period: "2016-06", changes: ["cataract_surgeries - 1", "health_checks - 3", "nursing_subsidy_cny - 120.50"] },
      { org_unit: "LZ-PC-V04", period: "2016-06", changes: ["health_checks - 2"] },
    ]);
    // A later change of one of them: its own row; each value's history has its entries only.
    await applyDataValues(db, [v("LZ-PC-V03", "2016-06", "health_checks", "4")], { source: "entry", user: "checker" });
    const history = await valueHistory(db, { orgUnit: "LZ-PC-V03", period: "2016-06", dataElement: "health_checks" });
    expect(history.map((h) => [h.previousValue, h.value, h.changedBy])).toEqual([
      [3, 4, "checker"],
      [null, 3, "clerk"],
    ]);
    expect((await valueHistory(db, { orgUnit: "LZ-PC-V03", period: "2016-06", dataElement: "nursing_subsidy_cny" })).map((h) => [h.previousValue, h.value])).toEqual([[null, 120.5]]);
    expect(await valueHistory(db, { orgUnit: "LZ-PC-V03", period: "2016-06", dataElement: "articles_published" })).toEqual([]);
  });

  test("report_submissions: the township of each changed (org unit, month), first submission only; the county registers nothing", async () => {
    const first = await applyDataValues(
      db,
      [v("LZ-SH-V03", "2016-10", "health_checks", "2"), v("LZ-SH-V04", "2016-10", "health_checks", "1"), v("LZ-XH", "2016-10", "holiday_visits", "3"), v("LZ", "2016-10", "articles_published", "9")],
      { source: "entry", user: "clerk", today: "2016-11-03" },
    );
    expect(first.submissions).toEqual([
      { orgUnit: "LZ-SH", period: "2016-10" },
      { orgUnit: "LZ-XH", period: "2016-10" },
    ]);
    await applyDataValues(db, [v("LZ-SH-V03", "2016-10", "health_checks", "5")], { source: "entry", user: "late", today: "2016-11-20" });
    const rows = await db.query("SELECT org_unit, period, submitted_on, submitted_by, source FROM report_submissions WHERE period = '2016-10' ORDER BY org_unit");
    expect(rows).toEqual([
      { org_unit: "LZ-SH", period: "2016-10", submitted_on: "2016-11-03", submitted_by: "clerk", source: "entry" },
      { org_unit: "LZ-XH", period: "2016-10", submitted_on: "2016-11-03", submitted_by: "clerk", source: "entry" },
    ]);
  });

  test("a locked month refuses the whole batch with its problems; nothing is written", async () => {
    await run(1, "townships", 1, "published");
    const before = await dumpTables();
    const error = await applyDataValues(db, [v("LZ-SH-V05", "2016-04", "health_checks", "1"), v("LZ-SH-V05", "2016-01", "health_checks", "1")], { source: "entry", user: "clerk" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataWriteRefused);
    expect((error as DataWriteRefused).problems.map((p) => [p.code, p.period, p.messageEn])).toEqual([
      ["locked_month", "2016-01", "2016-01 is in the published assessment of 2016 Q1; start a new revision first"],
    ]);
    expect(await dumpTables()).toEqual(before);
  });

  test("an unknown org unit fails the foreign key after the other rows were written: all rolled back, reported with its location", async () => {
    const before = await dumpTables();
    const counts = { values: await count("data_values"), history: await count("data_value_history"), imports: await count("data_imports"), submissions: await count("report_submissions") };
    const batch = [v("LZ-PC-V01", "2016-11", "health_checks", "6", 2), v("LZ-PC-V02", "2016-11", "health_checks", "7", 3), v("LZ-ZZ-V01", "2016-11", "health_checks", "1", 4)];
    const error = await applyDataValues(db, batch, {
      source: "import",
      user: "importer",
      import: { fileName: "nov.csv", fileSha256: "ef".repeat(32), layout: "long", rowsRead: 3, ignored: 0, summary: {} },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataWriteRefused);
    expect((error as DataWriteRefused).problems).toEqual([
      expect.objectContaining({ code: "unknown_org_unit", file: "test.csv", row: 4, orgUnit: "LZ-ZZ-V01", messageZh: '未知的组织机构 "LZ-ZZ-V01"', messageEn: 'unknown org unit "LZ-ZZ-V01"' }),
    ]);
    expect({ values: await count("data_values"), history: await count("data_value_history"), imports: await count("data_imports"), submissions: await count("report_submissions") }).toEqual(counts);
    expect(await dumpTables()).toEqual(before);
  });

  test("references are checked per statement (migration 0006): an unknown org unit or import, in any row of a statement, refuses it; a referenced org unit or import cannot be deleted or renamed", async () => {
    const refused = (sql: string, params: unknown[] = []) => db.query(sql, params).then(() => null, (e: { code?: string; detail?: string }) => ({ code: e.code, detail: e.detail }));
    const before = await dumpTables();
    // The third of three rows is the bad one: the whole statement is refused, as a foreign key would.
    expect(
      await refused(
        "INSERT INTO data_values (org_unit, period, data_element, value) VALUES ('LZ-PC-V01', '2016-11', 'health_checks', 1), ('LZ-PC-V02', '2016-11', 'health_checks', 2), ('LZ-ZZ-V09', '2016-11', 'health_checks', 3)",
      ),
    ).toEqual({ code: "23503", detail: 'Key (org_unit)=(LZ-ZZ-V09) is not present in table "org_units".' });
    expect(await refused("UPDATE data_values SET org_unit = 'LZ-ZZ' WHERE org_unit = 'LZ-SH-V01' AND period = '2016-05'")).toEqual({
      code: "23503",
      detail: 'Key (org_unit)=(LZ-ZZ) is not present in table "org_units".',
    });
    expect(
      await refused("INSERT INTO data_value_history (org_unit, period, data_elements, previous_values, new_values, source, import_id, changed_by) VALUES ('LZ-SH-V01', '2016-05', '{health_checks}', '{NULL}', '{1}', 'import', 987654, 't')"),
    ).toEqual({ code: "23503", detail: 'Key (import_id)=(987654) is not present in table "data_imports".' });
    expect(
      await refused("INSERT INTO data_value_history (org_unit, period, data_elements, previous_values, new_values, source, import_id, changed_by) VALUES ('LZ-QQ', '2016-05', '{health_checks}', '{NULL}', '{1}', 'entry', NULL, 't')"),
    ).toEqual({ code: "23503", detail: 'Key (org_unit)=(LZ-QQ) is not present in table "org_units".' });
    expect(await dumpTables()).toEqual(before);
    // An org unit with no closure rows and no other reference than one data value (then one history row):
    // only the statement checks of migration 0006 keep it from being deleted or renamed.
    await db.query("INSERT INTO org_units (code, parent, level, name_zh, name_en) VALUES ('LZ-SH-V98', 'LZ-SH', 3, '测试村', 'Test village')");
    await db.query("INSERT INTO data_values (org_unit, period, data_element, value) VALUES ('LZ-SH-V98', '2016-11', 'health_checks', 1)");
    const stillReferenced = { code: "23503", detail: 'Key (code)=(LZ-SH-V98) is still referenced from table "data_values" or "data_value_history".' };
    expect(await refused("DELETE FROM org_units WHERE code = 'LZ-SH-V98'")).toEqual(stillReferenced);
    expect(await refused("UPDATE org_units SET code = 'LZ-SH-V97' WHERE code = 'LZ-SH-V98'")).toEqual(stillReferenced);
    await db.query("DELETE FROM data_values WHERE org_unit = 'LZ-SH-V98'");
    await db.query("INSERT INTO data_value_history (org_unit, period, data_elements, previous_values, new_values, source, import_id, changed_by) VALUES ('LZ-SH-V98', '2016-11', '{health_checks}', '{NULL}', '{1}', 'entry', NULL, 't')");
    expect(await refused("DELETE FROM org_units WHERE code = 'LZ-SH-V98'")).toEqual(stillReferenced);
    // Renaming keeps the code and passes; once nothing references it, it can go.
    await db.query("UPDATE org_units SET name_en = 'Renamed' WHERE code = 'LZ-SH-V98'");
    await db.query("DELETE FROM data_value_history WHERE org_unit = 'LZ-SH-V98'");
    expect(await refused("DELETE FROM org_units WHERE code = 'LZ-SH-V98'")).toBeNull();
    // An import referenced by the history cannot be deleted; one that is not can.
    const [imp] = await db.query<{ id: number }>(
      "INSERT INTO data_imports (file_name, file_sha256, layout, rows_read, values_new, values_updated, values_unchanged, values_ignored, summary, committed_by) VALUES ('r.csv', $1, 'long', 1, 1, 0, 0, 0, '{}', 't') RETURNING id",
      ["2".repeat(64)],
    );
    await db.query("INSERT INTO data_value_history (org_unit, period, data_elements, previous_values, new_values, source, import_id, changed_by) VALUES ('LZ-SH-V01', '2016-05', '{health_checks}', '{NULL}', '{1}', 'import', $1, 't')", [imp!.id]);
    expect(await refused("DELETE FROM data_imports WHERE id = $1", [imp!.id])).toMatchObject({ code: "23503" });
    await db.query("DELETE FROM data_value_history WHERE import_id = $1", [imp!.id]);
    expect(await refused("DELETE FROM data_imports WHERE id = $1", [imp!.id])).toBeNull();
    expect(await dumpTables()).toEqual(before);
  });

  test("an import may not delete; today defaults to the date in China", async () => {
    const error = await applyDataValues(db, [v("LZ-SH-V01", "2016-05", "cataract_surgeries", null, 2)], {
      source: "import",
      user: "x",
      import: { fileName: "a.csv", fileSha256: "0".repeat(64), layout: "long", rowsRead: 1, ignored: 0, summary: {} },
    }).catch((e: unknown) => e);
    expect((error as DataWriteRefused).problems.map((p) => p.code)).toEqual(["delete_in_import"]);
    // 2016-12-31 16:30 UTC is already 2017-01-01 00:30 in China (UTC+8).
    expect(chinaToday(new Date(Date.UTC(2016, 11, 31, 16, 30)))).toBe("2017-01-01");
    expect(chinaToday(new Date(Date.UTC(2016, 11, 31, 15, 59)))).toBe("2016-12-31");
  });
});

/** Every row of the four tables a write touches, in key order. */
async function dumpTables() {
  return {
    dataValues: await db.query("SELECT org_unit, period, data_element, value::text FROM data_values ORDER BY org_unit, period, data_element"),
    history: await db.query("SELECT * FROM data_value_history ORDER BY id"),
    imports: await db.query("SELECT * FROM data_imports ORDER BY id"),
    submissions: await db.query("SELECT * FROM report_submissions ORDER BY org_unit, period"),
  };
}

describe("all or nothing (property)", () => {
  const villages = ["LZ-SH-V01", "LZ-SH-V02", "LZ-XH-V01", "LZ-LQ-V03", "LZ-SH-C01"];
  const villageElements = ["cataract_surgeries", "health_checks", "nursing_subsidy_cny", "certified_persons"];
  // Q2–Q4 stay open; Q1 is published for the whole property.
  const openMonths = ["2016-04", "2016-07", "2016-10", "2016-12"];
  const valueText = fc.oneof(fc.nat({ max: 5000 }).map(String), fc.tuple(fc.nat({ max: 999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a}.${String(b).padStart(2, "0")}`));
  const good = fc.record({ orgUnit: fc.constantFrom(...villages), period: fc.constantFrom(...openMonths), dataElement: fc.constantFrom(...villageElements), value: valueText });
  const bad = fc.oneof(
    good.map((g) => ({ ...g, orgUnit: "LZ-QQ-V09" })), // unknown org unit: the foreign key
    good.map((g) => ({ ...g, period: "2016-02", value: String(Number(g.value) + 100_000) })), // a change in locked Q1
    good.map((g) => ({ ...g, dataElement: "cataract" })), // unknown data element
    good.map((g) => ({ ...g, orgUnit: "LZ-SH" })), // a village element at a township
    good.map((g) => ({ ...g, value: `-${g.value}` })), // negative
  );

  test("random batches either apply entirely or leave data_values, history, imports and submissions exactly as before", async () => {
    await run(1, "townships", 1, "published");
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(good, { minLength: 1, maxLength: 25, selector: (g) => `${g.orgUnit}|${g.period}|${g.dataElement}` }), fc.array(bad, { maxLength: 2 }), fc.nat(), async (goods, bads, seed) => {
        const batch: IncomingValue[] = [...goods];
        for (const b of bads) batch.splice(seed % (batch.length + 1), 0, b);
        const before = await dumpTables();
        // Every value given is counted once: new, updated, unchanged, deleted or refused.
        const { counts } = await planDataValues(db, batch);
        expect(counts.new + counts.updated + counts.unchanged + counts.deleted + counts.refused).toBe(batch.length);
        const asImport = seed % 2 === 0;
        const result = await applyDataValues(db, batch, {
          source: asImport ? "import" : "entry",
          user: "property",
          ...(asImport ? { import: { fileName: "p.csv", fileSha256: "1".repeat(64), layout: "long" as const, rowsRead: batch.length, ignored: 0, summary: {} } } : {}),
        }).catch((e: unknown) => e);
        if (bads.length > 0) {
          expect(result).toBeInstanceOf(DataWriteRefused);
          expect(await dumpTables()).toEqual(before);
        } else {
          expect(result).not.toBeInstanceOf(Error);
          for (const g of goods) expect(Number(await stored(g.orgUnit, g.period, g.dataElement))).toBe(Number(g.value));
          const after = await dumpTables();
          const changed = (result as { historyRows: number }).historyRows;
          const changes = (h: typeof after.history) => h.reduce((n, r) => n + (r.data_elements as string[]).length, 0);
          expect(changes(after.history)).toBe(changes(before.history) + changed);
          // One row per org unit and month the write changed.
          const added = after.history.slice(before.history.length).map((r) => `${String(r.org_unit)}|${String(r.period)}`);
          expect(new Set(added).size).toBe(added.length);
          expect(after.imports.length).toBe(before.imports.length + (asImport ? 1 : 0));
        }
      }),
      { numRuns: 40, seed: 20161231 },
    );
  });
});
