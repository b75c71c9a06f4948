/**
 * dataEntry.form / dataEntry.save and dataValues.history through createCaller
 * on PGlite loaded with the committed demo data (data/linze) and seeded the
 * way the server seeds it: 2016 Q1–Q3 published, Q4 a draft — so 2016-03 is
 * locked and 2016-12 is not. Expected values are read from
 * data/linze/data_values.csv itself.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { chinaToday, loadOrgUnitTree, type Database } from "@linze/db";
import { LINZE_DEMO_DIR, openTestDatabase } from "@linze/db/testing";
import { dataElementsReportedAt, type OrgUnitTree } from "@linze/domain";
import { createCaller, createContext, DEMO_USER, seedDemoAssessments, type DemoSeedResult } from "../src/index.ts";
import { appRouter } from "../src/root.ts";

let db: Database;
let tree: OrgUnitTree;
let api: ReturnType<typeof createCaller>;
let seeded: DemoSeedResult;
beforeAll(async () => {
  db = await openTestDatabase(LINZE_DEMO_DIR);
  tree = await loadOrgUnitTree(db);
  api = createCaller(createContext({ db, tree }));
  seeded = (await seedDemoAssessments(db, tree, LINZE_DEMO_DIR))!;
}, 180_000);
afterAll(() => db.close());

/** The committed CSV's value for a key, as written (undefined when the row is absent). */
const csv = readFileSync(path.join(LINZE_DEMO_DIR, "data_values.csv"), "utf8").split("\n");
const csvValue = (orgUnit: string, period: string, dataElement: string) =>
  csv.find((l) => l.startsWith(`${orgUnit},${period},${dataElement},`))?.split(",")[3];

async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => expect.fail("expected the call to fail"),
    (e: unknown) => e as TRPCError,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const shape = getErrorShape({ config: appRouter._def._config, error, type: "mutation", path: "dataEntry.save", input: undefined, ctx: undefined });
  return { error, issues: (shape as unknown as { data: { zodError: { issues: { path: string; message: string }[] } | null } }).data.zodError?.issues ?? [] };
}

const count = async (table: string) => Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);

describe("dataEntry.form", () => {
  test("a village in 2016-12: every village data element with the CSV's value, not locked (Q4 is a draft)", async () => {
    const form = await api.dataEntry.form({ orgUnit: "LZ-SH-V01", period: "2016-12" });
    expect(form.orgUnit).toMatchObject({ code: "LZ-SH-V01", level: 3, parent: "LZ-SH" });
    expect(form.locked).toBeNull();
    expect(form.fields.map((f) => f.code)).toEqual(dataElementsReportedAt(3).map((d) => d.code));
    const surgeries = form.fields.find((f) => f.code === "certified_persons")!;
    expect(csvValue("LZ-SH-V01", "2016-12", "certified_persons")).toBe("33");
    expect(surgeries).toMatchObject({ nameZh: "持证残疾人数", valueType: "count", aggregationType: "stock", value: 33, lastChange: null });
    expect(form.fields.find((f) => f.code === "living_subsidy_cny")).toMatchObject({ valueType: "cny", value: 1000 });
  });

  test("a township reports its own elements; a village missing February has no values then", async () => {
    const township = await api.dataEntry.form({ orgUnit: "LZ-SH", period: "2016-12" });
    expect(township.fields.map((f) => f.code)).toEqual(dataElementsReportedAt(2).map((d) => d.code));
    expect(township.fields.find((f) => f.code === "villages_total")!.value).toBe(Number(csvValue("LZ-SH", "2016-12", "villages_total")));
    // data/README.md: LZ-LQ-V01 sent no report for 2016-02.
    expect(csvValue("LZ-LQ-V01", "2016-02", "certified_persons")).toBeUndefined();
    const missing = await api.dataEntry.form({ orgUnit: "LZ-LQ-V01", period: "2016-02" });
    expect(missing.fields.every((f) => f.value === null)).toBe(true);
  });

  test("2016-03 is locked by the published Q1 runs of both seeded scopes, with the reason in zh and en", async () => {
    const form = await api.dataEntry.form({ orgUnit: "LZ-SH-V01", period: "2016-03" });
    const published = seeded.runs.filter((r) => r.quarter === 1).map((r) => r.id).sort((a, b) => a - b);
    expect(form.locked).toMatchObject({
      quarter: "2016Q1",
      messageZh: "2016-03 属于已发布的2016年第1季度考核，须先开始新的修订版本",
      messageEn: "2016-03 is in the published assessment of 2016 Q1; start a new revision first",
    });
    expect(form.locked!.runs.map((r) => r.id).sort((a, b) => a - b)).toEqual(published);
  });

  test("an unknown org unit is BAD_REQUEST", async () => {
    const { error } = await failure(api.dataEntry.form({ orgUnit: "LZ-SH-V99", period: "2016-12" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain('Unknown org unit "LZ-SH-V99"');
  });
});

describe("dataEntry.save", () => {
  test("saves in one transaction: updated, new, deleted and unchanged; history and the township's first submission", async () => {
    const before = Number(csvValue("LZ-SH-V02", "2016-12", "certified_persons"));
    // As if Shahe had not yet reported December (the demo may register its months as loaded with the dataset).
    await db.query("DELETE FROM report_submissions WHERE org_unit = 'LZ-SH' AND period = '2016-12'");
    const result = await api.dataEntry.save({
      orgUnit: "LZ-SH-V02",
      period: "2016-12",
      values: {
        certified_persons: String(before + 2), // updated
        health_checks: "１,２３４", // full-width digits and a thousands separator: 1234 (the CSV has 0: updated)
        cataract_screened: "—", // missing, never 0: the stored 0 is deleted
        living_subsidy_cny: csvValue("LZ-SH-V02", "2016-12", "living_subsidy_cny")! + ".00", // equal as a number: unchanged
      },
    });
    expect(result.counts).toEqual({ new: 0, updated: 2, unchanged: 1, deleted: 1, refused: 0 });
    expect(result.historyRows).toBe(3);
    // The village's township registers its December, dated today in China, once.
    expect(result.submissions).toEqual([{ orgUnit: "LZ-SH", period: "2016-12" }]);
    const registered = await db.query("SELECT submitted_on, submitted_by, source FROM report_submissions WHERE org_unit = 'LZ-SH' AND period = '2016-12'");
    expect(registered).toEqual([{ submitted_on: chinaToday(), submitted_by: DEMO_USER.id, source: "entry" }]);
    expect((await api.dataEntry.save({ orgUnit: "LZ-SH-V04", period: "2016-12", values: { health_checks: "7" } })).submissions).toEqual([]);

    const form = await api.dataEntry.form({ orgUnit: "LZ-SH-V02", period: "2016-12" });
    const field = (code: string) => form.fields.find((f) => f.code === code)!;
    expect(field("certified_persons").value).toBe(before + 2);
    expect(field("health_checks").value).toBe(1234);
    expect(field("cataract_screened").value).toBeNull();
    expect(field("certified_persons").lastChange).toMatchObject({ previousValue: before, value: before + 2, source: "entry", changedBy: DEMO_USER.id });

    const history = await api.dataValues.history({ orgUnit: "LZ-SH-V02", period: "2016-12", dataElement: "cataract_screened" });
    expect(history.map((h) => [h.previousValue, h.value, h.source, h.changedBy])).toEqual([[0, null, "entry", DEMO_USER.id]]);
    expect(await api.dataValues.history({ orgUnit: "LZ-SH-V02", period: "2016-12", dataElement: "living_subsidy_cny" })).toEqual([]);
  });

  test("each bad field is an issue at values.<code> in English (中文); nothing is saved", async () => {
    const history = await count("data_value_history");
    const { error, issues } = await failure(
      api.dataEntry.save({
        orgUnit: "LZ-SH-V03",
        period: "2016-12",
        values: { cataract_surgeries: "-1", health_checks: "2.5", living_subsidy_cny: "10.125", certified_persons: "abc", cataract: "1", nursing_subsidy_cny: "12" },
      }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(issues).toEqual([
      { path: "values.cataract_surgeries", message: "a count cannot be negative (人数、个数不能为负数)" },
      { path: "values.health_checks", message: "a count must be a whole number (人数、个数须为整数)" },
      { path: "values.living_subsidy_cny", message: "an amount in CNY has at most 2 decimals (金额最多保留两位小数，即到分)" },
      { path: "values.certified_persons", message: "not a number (不是数字)" },
      { path: "values.cataract", message: 'unknown data element "cataract" (未知的数据元)' },
    ]);
    expect(await count("data_value_history")).toBe(history);
  });

  test("exponent notation, a number too large to stay exact and a key __proto__ are refused at their field; nothing is saved", async () => {
    const history = await count("data_value_history");
    const stored = Number(csvValue("LZ-SH-V03", "2016-12", "certified_persons"));
    const { error, issues } = await failure(
      api.dataEntry.save({ orgUnit: "LZ-SH-V03", period: "2016-12", values: { certified_persons: "1e3", health_checks: "12345678901234567890", living_subsidy_cny: "4.5E+2" } }),
    );
    expect(error.code).toBe("BAD_REQUEST");
    // "1e3" was saved as 1000; 20 digits were called "not a number".
    expect(issues).toEqual([
      { path: "values.certified_persons", message: "exponent notation such as 1e3 is not accepted: write the number in full (不接受科学计数法（如 1e3），请写出完整数字)" },
      { path: "values.health_checks", message: "number too large: at most 15 digits before the decimal point (数字过大：整数部分最多15位)" },
      { path: "values.living_subsidy_cny", message: "exponent notation such as 1e3 is not accepted: write the number in full (不接受科学计数法（如 1e3），请写出完整数字)" },
    ]);
    // A body as JSON.parse reads it off the wire: "__proto__" is an own key. zod's record dropped it and the save succeeded with nothing written.
    const proto = JSON.parse('{ "orgUnit": "LZ-SH-V03", "period": "2016-12", "values": { "__proto__": "5", "certified_persons": "1" } }') as Parameters<typeof api.dataEntry.save>[0];
    expect(Object.keys(proto.values)).toEqual(["__proto__", "certified_persons"]);
    const refused = await failure(api.dataEntry.save(proto));
    expect(refused.issues).toEqual([{ path: "values.__proto__", message: 'unknown data element "__proto__" (未知的数据元)' }]);
    expect(await count("data_value_history")).toBe(history);
    expect((await api.dataEntry.form({ orgUnit: "LZ-SH-V03", period: "2016-12" })).fields.find((f) => f.code === "certified_persons")!.value).toBe(stored);
    // A value that is not text is an issue at its field too.
    const typed = await failure(api.dataEntry.save({ orgUnit: "LZ-SH-V03", period: "2016-12", values: { certified_persons: 5 as unknown as string } }));
    expect(typed.issues.map((i) => i.path)).toEqual(["values.certified_persons"]);
  });

  test("a data element the org unit's level does not report is refused", async () => {
    const { issues } = await failure(api.dataEntry.save({ orgUnit: "LZ-SH-V03", period: "2016-12", values: { villages_total: "1", health_checks: "1" } }));
    expect(issues).toEqual([{ path: "values.villages_total", message: "villages_total is not reported by village or community org units (村（社区）不上报此项)" }]);
    expect((await api.dataEntry.form({ orgUnit: "LZ-SH-V03", period: "2016-12" })).fields.find((f) => f.code === "health_checks")!.value).toBe(Number(csvValue("LZ-SH-V03", "2016-12", "health_checks")));
  });

  test("a locked month refuses a change with the reason; after both Q1 scopes start revision 2 it saves", async () => {
    const stored = Number(csvValue("LZ-SH-V01", "2016-03", "certified_persons"));
    const { issues } = await failure(api.dataEntry.save({ orgUnit: "LZ-SH-V01", period: "2016-03", values: { certified_persons: String(stored + 1) } }));
    expect(issues).toEqual([
      { path: "values.certified_persons", message: "2016-03 is in the published assessment of 2016 Q1; start a new revision first (2016-03 属于已发布的2016年第1季度考核，须先开始新的修订版本)" },
    ]);
    // The same value again is no change: allowed in a locked month.
    expect((await api.dataEntry.save({ orgUnit: "LZ-SH-V01", period: "2016-03", values: { certified_persons: String(stored) } })).counts).toEqual({ new: 0, updated: 0, unchanged: 1, deleted: 0, refused: 0 });

    const townships = await api.assessments.run({ year: 2016, quarter: 1, scope: "townships" });
    expect(townships.run).toMatchObject({ revision: 2, status: "draft" });
    // The county members' published Q1 still locks the month.
    expect((await api.dataEntry.form({ orgUnit: "LZ-SH-V01", period: "2016-03" })).locked?.runs.map((r) => r.scope)).toEqual(["countyMembers"]);
    await api.assessments.run({ year: 2016, quarter: 1, scope: "countyMembers" });
    expect((await api.dataEntry.form({ orgUnit: "LZ-SH-V01", period: "2016-03" })).locked).toBeNull();
    const saved = await api.dataEntry.save({ orgUnit: "LZ-SH-V01", period: "2016-03", values: { certified_persons: String(stored + 1) } });
    expect(saved.counts).toEqual({ new: 0, updated: 1, unchanged: 0, deleted: 0, refused: 0 });
  });
});
