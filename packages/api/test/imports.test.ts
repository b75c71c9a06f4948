/**
 * imports.dryRun / commit / list and mappings.* through createCaller on
 * PGlite loaded with the committed demo data and seeded like the server
 * (2016 Q1–Q3 published, so 2016-01…09 are locked; Q4 a draft). Files are
 * written by the tests; expected values come from data/linze/data_values.csv.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TRPCError } from "@trpc/server";
import { loadOrgUnitTree, type Database } from "@linze/db";
import { LINZE_DEMO_DIR, openTestDatabase } from "@linze/db/testing";
import { createCaller, createContext, DEMO_USER, seedDemoAssessments } from "../src/index.ts";

let db: Database;
let api: ReturnType<typeof createCaller>;
beforeAll(async () => {
  db = await openTestDatabase(LINZE_DEMO_DIR);
  const tree = await loadOrgUnitTree(db);
  api = createCaller(createContext({ db, tree }));
  await seedDemoAssessments(db, tree, LINZE_DEMO_DIR);
}, 180_000);
afterAll(() => db.close());

const csv = readFileSync(path.join(LINZE_DEMO_DIR, "data_values.csv"), "utf8").split("\n");
const csvValue = (orgUnit: string, period: string, dataElement: string) => csv.find((l) => l.startsWith(`${orgUnit},${period},${dataElement},`))!.split(",")[3]!;
const count = async (table: string) => Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
const stored = async (orgUnit: string, period: string, dataElement: string) =>
  (await db.query<{ v: string }>("SELECT value::text AS v FROM data_values WHERE org_unit = $1 AND period = $2 AND data_element = $3", [orgUnit, period, dataElement]))[0]?.v ?? null;
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

async function refused(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => expect.fail("expected the call to fail"),
    (e: unknown) => e as TRPCError,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error;
}

describe("imports", () => {
  // Three December rows: one as stored, one changed, one for a value not stored yet (a new month).
  const unchanged = csvValue("LZ-SH-V05", "2016-12", "certified_persons");
  const previous = csvValue("LZ-SH-V05", "2016-12", "volunteers_registered");
  const file = [
    "org_unit,period,data_element,value",
    `LZ-SH-V05,2016-12,certified_persons,${unchanged}`,
    `LZ-SH-V05,2016-12,volunteers_registered,${Number(previous) + 3}`,
    "LZ-SH-V05,2017-01,certified_persons,40",
  ].join("\n");

  test("a dry run reports new, updated and unchanged values and writes nothing", async () => {
    const history = await count("data_value_history");
    const summary = await api.imports.dryRun({ fileName: "december.csv", contentBase64: b64(file) });
    expect(summary).toMatchObject({
      fileName: "december.csv",
      layout: "long",
      encoding: "utf-8",
      rowsRead: 3,
      values: { read: 3, new: 1, updated: 1, unchanged: 1, refused: 0, ignored: 0 },
      ignored: { missingCells: 0, skipped: 0 },
      totalRowsSkipped: 0,
      problems: [],
      errorCount: 0,
      canCommit: true,
      importId: null,
      changesTotal: 2,
    });
    expect(summary.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.changes.map((c) => [c.kind, c.dataElement, c.previous, c.value, c.location?.row])).toEqual([
      ["updated", "volunteers_registered", previous, String(Number(previous) + 3), 3],
      ["new", "certified_persons", null, "40", 4],
    ]);
    expect(await count("data_value_history")).toBe(history);
    expect(await stored("LZ-SH-V05", "2017-01", "certified_persons")).toBeNull();
  });

  test("commit refuses another file than the dry run's, then writes all of it; the same file again changes nothing", async () => {
    const { fileSha256 } = await api.imports.dryRun({ fileName: "december.csv", contentBase64: b64(file) });
    const other = await refused(api.imports.commit({ fileName: "december.csv", contentBase64: b64(file + "\n"), expectedSha256: fileSha256 }));
    expect(other.code).toBe("BAD_REQUEST");
    expect(other.message).toMatch(/^the file differs from the dry run's .*: run the dry run again \(文件与试导入时不同，请重新试导入\)$/);

    const history = await count("data_value_history");
    const committed = await api.imports.commit({ fileName: "december.csv", contentBase64: b64(file), expectedSha256: fileSha256 });
    expect(committed.values).toEqual({ read: 3, new: 1, updated: 1, unchanged: 1, refused: 0, ignored: 0 });
    expect(committed.importId).toEqual(expect.any(Number));
    expect(await count("data_value_history")).toBe(history + 2);
    expect(await stored("LZ-SH-V05", "2016-12", "volunteers_registered")).toBe(String(Number(previous) + 3));
    expect(await stored("LZ-SH-V05", "2017-01", "certified_persons")).toBe("40");
    const [h] = await api.dataValues.history({ orgUnit: "LZ-SH-V05", period: "2016-12", dataElement: "volunteers_registered" });
    expect(h).toMatchObject({ previousValue: Number(previous), value: Number(previous) + 3, source: "import", importId: committed.importId, fileName: "december.csv", changedBy: DEMO_USER.id });

    const again = await api.imports.commit({ fileName: "december.csv", contentBase64: b64(file), expectedSha256: fileSha256 });
    expect(again.values).toEqual({ read: 3, new: 0, updated: 0, unchanged: 3, refused: 0, ignored: 0 });
    expect(await count("data_value_history")).toBe(history + 2);
    const list = await api.imports.list();
    expect(list.slice(0, 2).map((i) => [i.id, i.valuesNew, i.valuesUpdated, i.valuesUnchanged, i.rowsRead, i.fileSha256])).toEqual([
      [again.importId, 0, 0, 3, 3, fileSha256],
      [committed.importId, 1, 1, 1, 3, fileSha256],
    ]);
  });

  test("parser errors and a change in a locked month: every problem with its place in zh and en, and a commit writes nothing", async () => {
    const march = csvValue("LZ-XH-V03", "2016-03", "certified_persons");
    const bad = [
      "org_unit,period,data_element,value",
      "LZ-XH-V03,2016-11,cataract_surgeries,-2",
      `LZ-XH-V03,2016-03,certified_persons,${Number(march) + 1}`,
      "LZ-XH-V03,2016-11,health_checks,4",
      "LZ-XX-V99,2016-11,health_checks,1",
    ].join("\n");
    const summary = await api.imports.dryRun({ fileName: "bad.csv", contentBase64: b64(bad) });
    expect(summary.problems.map((p) => [p.severity, p.code, p.row, p.column, p.value])).toEqual([
      ["error", "negative_count", 2, "D", "-2"],
      ["error", "locked_month", 3, "D", String(Number(march) + 1)],
      ["error", "unknown_org_unit", 5, "A", "LZ-XX-V99"],
    ]);
    expect(summary.problems[1]).toMatchObject({
      file: "bad.csv",
      messageZh: "2016-03 属于已发布的2016年第1季度考核，须先开始新的修订版本",
      messageEn: "2016-03 is in the published assessment of 2016 Q1; start a new revision first",
    });
    expect(summary).toMatchObject({ rowsRead: 4, errorCount: 3, canCommit: false, values: { read: 2, new: 0, updated: 1, unchanged: 0, refused: 1, ignored: 2 } });
    expect(summary.lockedMonths.map((l) => l.month)).toEqual(["2016-03"]);

    const before = { values: await count("data_values"), history: await count("data_value_history"), imports: await count("data_imports") };
    const error = await refused(api.imports.commit({ fileName: "bad.csv", contentBase64: b64(bad), expectedSha256: summary.fileSha256 }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("the file has 2 error(s); nothing was imported. First: row 2, column D: ");
    expect(error.message).toContain("(文件有 2 个错误，未导入任何数据。第一个：第2行D列：");
    expect({ values: await count("data_values"), history: await count("data_value_history"), imports: await count("data_imports") }).toEqual(before);
    expect(await stored("LZ-XH-V03", "2016-11", "health_checks")).toBe(csvValue("LZ-XH-V03", "2016-11", "health_checks"));
  });

  test("a file whose only fault is a locked month: the write plan refuses the commit", async () => {
    const march = csvValue("LZ-XH-V04", "2016-02", "certified_persons");
    const locked = ["org_unit,period,data_element,value", `LZ-XH-V04,2016-02,certified_persons,${Number(march) + 5}`, "LZ-XH-V04,2016-12,health_checks,9"].join("\n");
    const summary = await api.imports.dryRun({ fileName: "locked.csv", contentBase64: b64(locked) });
    expect(summary.canCommit).toBe(false);
    // Every value read is accounted for: the locked month's is refused.
    expect(summary.values).toEqual({ read: 2, new: 0, updated: 1, unchanged: 0, refused: 1, ignored: 0 });
    const history = await count("data_value_history");
    const error = await refused(api.imports.commit({ fileName: "locked.csv", contentBase64: b64(locked), expectedSha256: summary.fileSha256 }));
    expect(error.message).toBe(
      "1 value(s) refused; nothing was imported. First: row 2, column D: 2016-02 is in the published assessment of 2016 Q1; start a new revision first (1 个数值被拒绝，未导入任何数据。第一个：第2行D列：2016-02 属于已发布的2016年第1季度考核，须先开始新的修订版本)",
    );
    expect(await count("data_value_history")).toBe(history);
  });

  test("a month not yet begun points at the month's cell (column B, as written), in long and wide files; a locked month at each changed value's cell", async () => {
    const future = ["org_unit,period,data_element,value", "LZ-SH-V01,2016-12,cataract_screened,0", "LZ-SH-V01,2999-03,cataract_screened,3"].join("\n");
    const long = await api.imports.dryRun({ fileName: "future.csv", contentBase64: b64(future) });
    expect(long.problems.map((p) => [p.code, p.file, p.row, p.column, p.header, p.value])).toEqual([["future_period", "future.csv", 3, "B", "period", "2999-03"]]);
    expect(long.problems[0]!.messageEn).toMatch(/^period "2999-03" has not begun \(this month is \d{4}-\d{2}\)$/);
    expect(long.problems[0]!.messageZh).toMatch(/^期间 "2999-03" 尚未开始（本月为 \d{4}-\d{2}）$/);
    expect(long.values).toEqual({ read: 2, new: 0, updated: 0, unchanged: 1, refused: 1, ignored: 0 });
    const error = await refused(api.imports.commit({ fileName: "future.csv", contentBase64: b64(future), expectedSha256: long.fileSha256 }));
    expect(error.message).toMatch(/^1 value\(s\) refused; nothing was imported\. First: row 3, column B: period "2999-03" has not begun .* \(1 个数值被拒绝，未导入任何数据。第一个：第3行B列：期间 "2999-03" 尚未开始/);

    // Wide, a period column: row 2 changes both values of locked 2016-02 (46 and 0 stored), row 3 is in 2999.
    const wide = ["单位,期间,持证残疾人数,免费体检人数", "LZ-SH-V02,2016年2月,47,1", "LZ-SH-V02,2999年1月,5,6"].join("\n");
    const byColumn = await api.imports.dryRun({ fileName: "wide.csv", contentBase64: b64(wide) });
    expect(byColumn.problems.map((p) => [p.code, p.row, p.column, p.header, p.value])).toEqual([
      ["locked_month", 2, "C", "持证残疾人数", "47"],
      ["locked_month", 2, "D", "免费体检人数", "1"],
      ["future_period", 3, "B", "期间", "2999年1月"],
    ]);

    // Wide, the month in the title: one problem at the title's row, not one per value.
    const titled = ["沙河镇2999年1月报表,", "单位,持证残疾人数", "LZ-SH-V02,5", "LZ-SH-V03,6"].join("\n");
    const byTitle = await api.imports.dryRun({ fileName: "titled.csv", contentBase64: b64(titled) });
    expect(byTitle.problems.map((p) => [p.code, p.row, p.column, p.value])).toEqual([["future_period", 1, "A", "沙河镇2999年1月报表"]]);
    expect(byTitle.values).toMatchObject({ read: 2, refused: 2 });
  });

  test("a township officer's file with another township's village: a problem at that row's org unit cell among the file's others, counted as refused; the commit writes nothing", async () => {
    const officer = createCaller(
      createContext({ db, tree: await loadOrgUnitTree(db), user: { id: "sh-officer", name: "沙河镇专干", role: "township_officer", orgUnits: { capture: ["LZ-SH"], view: ["LZ-SH"] } } }),
    );
    const file = [
      "org_unit,period,data_element,value",
      "LZ-SH-V01,2016-12,health_checks,5",
      "LZ-XH-V01,2016-12,health_checks,7",
      "LZ-SH-V01,2016-12,cataract_screened,-1",
      "新华镇 1号村,2016-12,cataract_screened,2",
    ].join("\n");
    const summary = await officer.imports.dryRun({ fileName: "mixed.csv", contentBase64: b64(file) });
    expect(summary.problems.map((p) => [p.code, p.file, p.row, p.column, p.header, p.value])).toEqual([
      ["outside_capture", "mixed.csv", 3, "A", "org_unit", "LZ-XH-V01"],
      ["negative_count", "mixed.csv", 4, "D", "value", "-1"],
      ["outside_capture", "mixed.csv", 5, "A", "org_unit", "新华镇 1号村"],
    ]);
    expect(summary.problems[0]).toMatchObject({
      severity: "error",
      messageZh: "无权为新华镇 1号村（LZ-XH-V01）录入数据：您只能录入沙河镇（LZ-SH）及其下属单位的数据",
      messageEn: "you may not enter data for Xinhua Village 1 (LZ-XH-V01): you may enter data only for Shahe Township (LZ-SH) and the units under it",
    });
    // Row 2 is the officer's own village (0 stored): updated; rows 3 and 5 are read and refused; row 4 never became a value.
    expect(summary).toMatchObject({ canCommit: false, errorCount: 3, values: { read: 3, new: 0, updated: 1, unchanged: 0, refused: 2, ignored: 1 } });

    const before = { values: await count("data_values"), history: await count("data_value_history"), imports: await count("data_imports") };
    const error = await refused(officer.imports.commit({ fileName: "mixed.csv", contentBase64: b64(file), expectedSha256: summary.fileSha256 }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      "the file has 3 error(s); nothing was imported. First: row 3, column A: you may not enter data for Xinhua Village 1 (LZ-XH-V01): you may enter data only for Shahe Township (LZ-SH) and the units under it" +
        " (文件有 3 个错误，未导入任何数据。第一个：第3行A列：无权为新华镇 1号村（LZ-XH-V01）录入数据：您只能录入沙河镇（LZ-SH）及其下属单位的数据)",
    );
    // Only the other township's rows wrong: still nothing is written.
    const onlyOutside = ["org_unit,period,data_element,value", "LZ-SH-V01,2016-12,health_checks,5", "LZ-XH-V01,2016-12,health_checks,7"].join("\n");
    const dry = await officer.imports.dryRun({ fileName: "outside.csv", contentBase64: b64(onlyOutside) });
    expect(dry.values).toEqual({ read: 2, new: 0, updated: 1, unchanged: 0, refused: 1, ignored: 0 });
    await refused(officer.imports.commit({ fileName: "outside.csv", contentBase64: b64(onlyOutside), expectedSha256: dry.fileSha256 }));
    expect({ values: await count("data_values"), history: await count("data_value_history"), imports: await count("data_imports") }).toEqual(before);
    expect(await stored("LZ-SH-V01", "2016-12", "health_checks")).toBe(csvValue("LZ-SH-V01", "2016-12", "health_checks"));
  });

  test("a saved column mapping names a header the parser does not know; unknown mapping names are NOT_FOUND", async () => {
    // A wide sheet for December: the org unit in the first column, a header no catalogue name matches.
    const checks = (ou: string) => csvValue(ou, "2016-12", "health_checks");
    const wide = ["单位,白内障手术（例）,免费体检人数", `LZ-PC-V02,3,${checks("LZ-PC-V02")}`, `LZ-PC-V04,—,${checks("LZ-PC-V04")}`].join("\n");
    const plain = await api.imports.dryRun({ fileName: "pc.csv", contentBase64: b64(wide), period: "2016-12" });
    expect(plain.problems.map((p) => [p.severity, p.code, p.row, p.column, p.value])).toEqual([["warning", "unknown_header", 1, "B", "白内障手术（例）"]]);
    expect(plain.values).toMatchObject({ read: 2, unchanged: 2 });

    const saved = await api.mappings.save({ name: "平川镇月报", mapping: { "白内障手术（例）": "cataract_surgeries" } });
    expect(saved).toMatchObject({ name: "平川镇月报", updatedBy: DEMO_USER.id });
    expect(Object.values(saved.mapping)).toEqual(["cataract_surgeries"]);
    expect((await api.mappings.list()).map((m) => m.name)).toContain("平川镇月报");

    const mapped = await api.imports.dryRun({ fileName: "pc.csv", contentBase64: b64(wide), period: "2016-12", mapping: "平川镇月报" });
    expect(mapped.problems).toEqual([]);
    // "—" is missing, never 0.
    expect(mapped.values).toMatchObject({ read: 3, unchanged: 2, ignored: 1 });
    expect(mapped.ignored).toEqual({ missingCells: 1, skipped: 0 });
    expect(mapped.changes.map((c) => [c.orgUnit, c.period, c.dataElement, c.value])).toEqual([["LZ-PC-V02", "2016-12", "cataract_surgeries", "3"]]);
    expect(Object.values(mapped.mapping)).toContain("cataract_surgeries");

    expect((await refused(api.imports.dryRun({ fileName: "pc.csv", contentBase64: b64(wide), mapping: "无此映射" }))).code).toBe("NOT_FOUND");
    expect(await api.mappings.remove({ name: "平川镇月报" })).toEqual({ removed: "平川镇月报" });
    expect((await refused(api.mappings.remove({ name: "平川镇月报" }))).code).toBe("NOT_FOUND");
    expect((await refused(api.mappings.save({ name: "x", mapping: { a: "not_an_element" } }))).code).toBe("BAD_REQUEST");
  });
  test("commit runs the validation rules for the months and townships it touched and returns their violations", async () => {
    // 沙河镇 2016-11 (Q4, a draft: not locked), data/linze: villages V01…V12 school-age children
    // 3+4+1+2+0+3+0+0+0+0+1+2 = 16, all enrolled; communities C01…C05 3+0+7+0+4 = 14, enrolled 2+0+7+0+4 = 13.
    // The township: 29 of 30. V05 has no school-age child; a report of 2 enrolled there makes it 31 > 30.
    // The county stays within: 143 + 2 = 145 ≤ 148.
    const file = ["org_unit,period,data_element,value", "LZ-SH-V05,2016-11,children_enrolled,2"].join("\n");
    const { fileSha256 } = await api.imports.dryRun({ fileName: "november.csv", contentBase64: b64(file) });
    const committed = await api.imports.commit({ fileName: "november.csv", contentBase64: b64(file), expectedSha256: fileSha256 });
    const enrollment = committed.violations.filter((v) => v.rule === "enrollment_rate_numerator_le_denominator");
    expect(enrollment).toEqual([
      expect.objectContaining({ orgUnit: "LZ-SH", period: "2016-11", left: 31, right: 30, leftSum: 31, rightSum: 30, importance: "high" }),
    ]);
    expect(enrollment[0]!.textZh).toBe("已入学适龄残疾儿童少年数 31 > 适龄残疾儿童少年数 30");
    // Exactly what the quality page lists for that month at the county and 沙河镇; nothing of the other townships.
    const quality = await api.quality.validation({ period: "2016-11" });
    expect(committed.violations).toEqual(quality.violations.filter((v) => v.orgUnit === "LZ" || v.orgUnit === "LZ-SH"));
    expect(new Set(committed.violations.map((v) => v.orgUnit)).size).toBeLessThanOrEqual(2);
  });
});
