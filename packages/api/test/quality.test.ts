/**
 * quality.* on the committed demo data (data/linze): completeness and
 * timeliness from report_submissions.csv, villages that sent nothing, the due
 * day setting, and validation. Golden values are read from the CSV and
 * counted by hand in the comments.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TRPCError } from "@trpc/server";
import { parse } from "csv-parse/sync";
import { loadOrgUnitTree, type Database } from "@linze/db";
import { LINZE_DEMO_DIR, openTestDatabase } from "@linze/db/testing";
import type { OrgUnitTree } from "@linze/domain";
import { createCaller, createContext, DEMO_USER, errorMessage, type User } from "../src/index.ts";

let db: Database;
let tree: OrgUnitTree;
let api: ReturnType<typeof createCaller>;
beforeAll(async () => {
  db = await openTestDatabase(LINZE_DEMO_DIR);
  tree = await loadOrgUnitTree(db);
  api = createCaller(createContext({ db, tree }));
}, 120_000);
afterAll(() => db?.close());

const submissions = parse(readFileSync(path.join(LINZE_DEMO_DIR, "report_submissions.csv"), "utf8"), { columns: true }) as {
  org_unit: string;
  period: string;
  submitted_on: string;
}[];
const day = (s: { submitted_on: string }) => Number(s.submitted_on.slice(8));
const AS_OF = "2026-01-01";

async function rejection(call: Promise<unknown>): Promise<TRPCError> {
  const e = await call.then(
    () => expect.fail("expected the call to fail"),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(TRPCError);
  return e as TRPCError;
}

describe("quality.completeness", () => {
  test("新华镇 2016: 12 reports received, February late by 13 days (23 March, due 10 March) and April by 3; on-time rate 10/12", async () => {
    const c = await api.quality.completeness({ year: 2016, asOf: AS_OF });
    expect(c.dueDay).toEqual({ day: 10, isDefault: true, updatedBy: null, updatedAt: null });
    const xh = c.townships.find((t) => t.orgUnit === "LZ-XH")!;
    expect(xh.months.map((m) => m.status)).toEqual(["onTime", "late", "onTime", "late", ...Array(8).fill("onTime")]);
    expect(xh.months[1]).toMatchObject({ period: "2016-02", status: "late", submittedOn: "2016-03-23", dueDate: "2016-03-10", daysLate: 13 });
    expect(xh.months[3]).toMatchObject({ period: "2016-04", submittedOn: "2016-05-13", daysLate: 3 });
    expect(xh.rates).toEqual({ expected: 12, received: 12, onTime: 10, late: 2, missing: 0, reportingRate: 1, onTimeRate: 10 / 12 });
  });

  test("every township's and the county's rates equal the CSV counted by hand: 84 received, 6 after the 10th → 78/84 on time", async () => {
    const c = await api.quality.completeness({ year: 2016, asOf: AS_OF });
    const late = submissions.filter((s) => day(s) > 10);
    expect(late).toHaveLength(6);
    for (const t of c.townships) {
      const own = submissions.filter((s) => s.org_unit === t.orgUnit);
      const lateOwn = own.filter((s) => day(s) > 10).length;
      expect(t.rates).toEqual({ expected: 12, received: own.length, onTime: own.length - lateOwn, late: lateOwn, missing: 0, reportingRate: 1, onTimeRate: (own.length - lateOwn) / 12 });
    }
    expect(c.county!.rates).toEqual({ expected: 84, received: 84, onTime: 78, late: 6, missing: 0, reportingRate: 1, onTimeRate: 78 / 84 });
    expect(c.townships.map((t) => t.orgUnit)).toEqual(tree.children("LZ").map((u) => u.code));
  });

  test("villages that sent nothing: 平川镇 2016-11 10 of 11 (V01), 倪家营镇 2016-02 7 of 10; the county's February 70 of 76", async () => {
    const c = await api.quality.completeness({ year: 2016, asOf: AS_OF });
    const month = (code: string, period: string) => c.townships.find((t) => t.orgUnit === code)!.months.find((m) => m.period === period)!;
    expect(month("LZ-PC", "2016-11")).toMatchObject({ status: "onTime", villagesReported: 10, villagesExpected: 11, villagesMissing: ["LZ-PC-V01"] });
    expect(month("LZ-NJY", "2016-02")).toMatchObject({ villagesReported: 7, villagesExpected: 10, villagesMissing: ["LZ-NJY-V02", "LZ-NJY-V04", "LZ-NJY-V07"] });
    expect(month("LZ-SH", "2016-02")).toMatchObject({ villagesReported: 17, villagesExpected: 17, villagesMissing: [] });
    // February: LZ-LQ-V01, LZ-PC-V06, LZ-YN-V08 and the three of 倪家营镇 missing.
    expect(c.county!.months[1]).toEqual({ period: "2016-02", townshipsReceived: 7, townshipsExpected: 7, villagesReported: 70, villagesExpected: 76 });
    expect(c.county!.months[11]).toMatchObject({ villagesReported: 76, villagesExpected: 76 });
  });

  test("as of a past date, reports dated later are not received yet: not yet due before the due date, missing after it", async () => {
    const june5 = await api.quality.completeness({ year: 2016, asOf: "2016-06-05" });
    const sh = june5.townships.find((t) => t.orgUnit === "LZ-SH")!;
    // 沙河镇's May report arrived on 2016-06-09 (the CSV): as of 5 June it is not there, and not due before 10 June.
    expect(submissions.find((s) => s.org_unit === "LZ-SH" && s.period === "2016-05")!.submitted_on).toBe("2016-06-09");
    expect(sh.months.map((m) => m.status)).toEqual([...Array(4).fill("onTime"), ...Array(8).fill("notYetDue")]);
    expect(sh.months[4]).toMatchObject({ status: "notYetDue", submittedOn: null, dueDate: "2016-06-10" });
    expect(sh.rates).toMatchObject({ expected: 4, received: 4, reportingRate: 1 });
    // January–April: 7 × 4 = 28 township-months; of May, those received by 5 June.
    const mayBy5 = submissions.filter((s) => s.period === "2016-05" && s.submitted_on <= "2016-06-05").length;
    expect(june5.county!.rates.expected).toBe(28 + mayBy5);
    // 蓼泉镇's August report came on 21 September: as of 15 September it is missing (due 10 September), the only one.
    const sept15 = await api.quality.completeness({ year: 2016, asOf: "2016-09-15" });
    const lq = sept15.townships.find((t) => t.orgUnit === "LZ-LQ")!;
    expect(lq.months[7]).toMatchObject({ period: "2016-08", status: "missing", submittedOn: null });
    expect(lq.rates).toMatchObject({ expected: 8, received: 7, missing: 1, reportingRate: 7 / 8 });
    expect(sept15.county!.rates.missing).toBe(1);
    expect(sept15.county!.months[7]).toMatchObject({ townshipsReceived: 6, townshipsExpected: 7 });
  });

  test("a date that does not exist is BAD_REQUEST", async () => {
    const e = await rejection(api.quality.completeness({ year: 2016, asOf: "2016-02-30" }));
    expect(e.code).toBe("BAD_REQUEST");
  });
});

describe("quality.completeness scoped (issue 5 point 1)", () => {
  const as = (user: User) => createCaller(createContext({ db, tree, user }));
  const OFFICER: User = { id: "q-officer", name: "沙河镇专干", role: "township_officer", orgUnits: { capture: ["LZ-SH"], view: ["LZ-SH"] } };
  const member = (village: string): User => ({ id: "q-member", name: "委员", role: "committee_member", committeeMember: `CM-${village}`, orgUnits: { capture: [village], view: [village] } });

  test("a township officer (沙河镇) compares every township's rates and the county's, but names missing villages only in 沙河镇", async () => {
    const c = await as(OFFICER).quality.completeness({ year: 2016, asOf: AS_OF });
    expect(c.townships.map((t) => t.orgUnit)).toEqual(["LZ-SH", "LZ-XH", "LZ-LQ", "LZ-PC", "LZ-BQ", "LZ-YN", "LZ-NJY"]);
    expect(c.townships.map((t) => t.villageDetail)).toEqual([true, false, false, false, false, false, false]);
    const xh = c.townships.find((t) => t.orgUnit === "LZ-XH")!;
    expect(xh.rates).toEqual({ expected: 12, received: 12, onTime: 10, late: 2, missing: 0, reportingRate: 1, onTimeRate: 10 / 12 });
    expect(c.county!.rates).toEqual({ expected: 84, received: 84, onTime: 78, late: 6, missing: 0, reportingRate: 1, onTimeRate: 78 / 84 });
    expect(c.county!.months[1]).toEqual({ period: "2016-02", townshipsReceived: 7, townshipsExpected: 7, villagesReported: 70, villagesExpected: 76 });
    // 倪家营镇's February: 7 of 10 counted, the three villages not named.
    const njyFeb = c.townships.find((t) => t.orgUnit === "LZ-NJY")!.months[1]!;
    expect(njyFeb).toMatchObject({ status: "onTime", villagesReported: 7, villagesExpected: 10, villagesMissing: [] });
    expect(c.townships.flatMap((t) => t.months.flatMap((m) => m.villagesMissing))).toEqual([]);
    expect(c.townships[0]!.months[1]).toMatchObject({ villagesReported: 17, villagesExpected: 17, villagesMissing: [] });
  });

  test("a committee member gets the own township's reports counting the own village only, no other township, no county line", async () => {
    const pc = await as(member("LZ-PC-V01")).quality.completeness({ year: 2016, asOf: AS_OF });
    expect(pc.townships.map((t) => t.orgUnit)).toEqual(["LZ-PC"]);
    expect(pc.county).toBeNull();
    // 平川镇 1号村 sent nothing for 2016-11 (the township's report itself came on time).
    expect(pc.townships[0]!.months[10]).toMatchObject({ period: "2016-11", status: "onTime", villagesReported: 0, villagesExpected: 1, villagesMissing: ["LZ-PC-V01"] });
    // February: 平川镇 6号村 missed it, not this member's village: 1 of 1.
    expect(pc.townships[0]!.months[1]).toMatchObject({ villagesReported: 1, villagesExpected: 1, villagesMissing: [] });
    const sh = await as(member("LZ-SH-V01")).quality.completeness({ year: 2016, asOf: AS_OF });
    expect(sh.townships.map((t) => t.orgUnit)).toEqual(["LZ-SH"]);
    expect(sh.townships[0]!.months.map((m) => `${m.villagesReported}/${m.villagesExpected}`)).toEqual(Array(12).fill("1/1"));
  });

  test("those who view everything get it whole: the administrator's and the auditor's are equal, with every missing village named", async () => {
    const admin = await api.quality.completeness({ year: 2016, asOf: AS_OF });
    const auditor = await as({ id: "q-auditor", name: "审计", role: "auditor" }).quality.completeness({ year: 2016, asOf: AS_OF });
    expect(auditor).toEqual(admin);
    expect(admin.townships.flatMap((t) => t.months.flatMap((m) => m.villagesMissing))).toHaveLength(9);
  });
});

describe("quality.settings and setDueDay", () => {
  test("moving the due day to the 5th recounts on time: 新华镇 4 of 12 (days 1, 5, 2, 5); recorded with who and when; back to 10", async () => {
    const set = await api.quality.setDueDay({ day: 5 });
    expect(set.reportDueDay).toMatchObject({ day: 5, isDefault: false, updatedBy: DEMO_USER.id });
    expect(Number.isNaN(Date.parse(set.reportDueDay.updatedAt!))).toBe(false);
    expect((await api.quality.settings()).reportDueDay).toEqual(set.reportDueDay);
    const c = await api.quality.completeness({ year: 2016, asOf: AS_OF });
    const xh = c.townships.find((t) => t.orgUnit === "LZ-XH")!;
    expect(xh.rates.onTime).toBe(submissions.filter((s) => s.org_unit === "LZ-XH" && day(s) <= 5).length);
    expect(xh.rates.onTime).toBe(4);
    expect(xh.months[1]).toMatchObject({ dueDate: "2016-03-05", daysLate: 18 });
    expect(c.county!.rates.onTime).toBe(submissions.filter((s) => day(s) <= 5).length);
    await api.quality.setDueDay({ day: 10 });
    expect((await api.quality.completeness({ year: 2016, asOf: AS_OF })).county!.rates.onTime).toBe(78);
  });

  test("29 is refused with the field's path; a viewer may not change it", async () => {
    const e = await rejection(api.quality.setDueDay({ day: 29 }));
    expect(e.code).toBe("BAD_REQUEST");
    expect(errorMessage(e)).toContain("1 to 28");
    expect(errorMessage(e)).toContain("→ at day");
    const viewer = createCaller(createContext({ db, tree, user: { id: "v", name: "Viewer", role: "county_leader" } }));
    expect((await rejection(viewer.quality.setDueDay({ day: 12 }))).code).toBe("FORBIDDEN");
    expect((await api.quality.settings()).reportDueDay.day).toBe(10);
  });
});

describe("quality.validation", () => {
  test("2016 for the county and townships: the 30 subsidy-arrears violations (3 rules × 10 org-unit-months)", async () => {
    const v = await api.quality.validation({ period: "2016" });
    expect(v.orgUnits).toEqual(["LZ", ...tree.children("LZ").map((u) => u.code)]);
    expect(v.violations).toHaveLength(30);
    expect(new Set(v.violations.map((x) => x.rule))).toEqual(new Set(["nursing_subsidy_monthly_rate", "living_subsidy_monthly_rate", "elderly_allowance_monthly_rate"]));
  });

  test("平川镇 December: 7,600 paid for a roll of 67 × 100 = 6,700, in both languages", async () => {
    const v = await api.quality.validation({ period: "2016Q4", orgUnit: "LZ-PC" });
    const nursing = v.violations.find((x) => x.rule === "nursing_subsidy_monthly_rate")!;
    expect(nursing).toMatchObject({ orgUnit: "LZ-PC", period: "2016-12", left: 7600, right: 6700, leftSum: 7600, rightSum: 67, importance: "high" });
    expect(nursing.textZh).toBe("护理补贴金额 7,600 ≠ 护理补贴人数 67 × 100 = 6,700");
    expect(nursing.textEn).toBe("Nursing subsidy paid (CNY) 7,600 ≠ Nursing subsidy recipients 67 × 100 = 6,700");
    expect(v.violations.map((x) => x.period)).toEqual(["2016-12", "2016-12", "2016-12"]);
  });

  test("a bad value written to the database shows in its month: a village's enrolled children above the township's school-age children", async () => {
    // 沙河镇 in May, through the SQL engine: enrolled of school-age children.
    const [town] = await api.values.list({ indicators: ["enrollment_rate"], orgUnits: ["LZ-SH"], periods: ["2016-05"] });
    const { numerator, denominator } = town as { numerator: number; denominator: number };
    expect(numerator).toBeLessThanOrEqual(denominator);
    const key = "org_unit = 'LZ-SH-V01' AND period = '2016-05' AND data_element = 'children_enrolled'";
    const [stored] = await db.query<{ value: string }>(`SELECT value FROM data_values WHERE ${key}`);
    // The village's enrolled raised by the township's spare places + 1: the township breaks the rule by exactly 1,
    // the county (with the other townships' spare places) does not.
    await db.query(`UPDATE data_values SET value = value + $1 WHERE ${key}`, [denominator - numerator + 1]);
    try {
      const v = await api.quality.validation({ period: "2016-05" });
      expect(v.violations.map((x) => [x.rule, x.orgUnit, x.period, x.left, x.right])).toEqual([
        ["enrollment_rate_numerator_le_denominator", "LZ-SH", "2016-05", denominator + 1, denominator],
      ]);
      expect(v.violations[0]!.textZh).toBe(`已入学适龄残疾儿童少年数 ${denominator + 1} > 适龄残疾儿童少年数 ${denominator}`);
    } finally {
      await db.query(`UPDATE data_values SET value = $1 WHERE ${key}`, [stored!.value]);
    }
    expect((await api.quality.validation({ period: "2016-05" })).violations).toEqual([]);
  });

  test("without an org unit, a township officer's list covers the own township only and a member's the own village (orgUnits, which the page names): none of the county's 30 in 2016", async () => {
    const as = (user: User) => createCaller(createContext({ db, tree, user }));
    const officer = await as({ id: "q-officer", name: "沙河镇专干", role: "township_officer", orgUnits: { capture: ["LZ-SH"], view: ["LZ-SH"] } }).quality.validation({ period: "2016" });
    expect(officer.orgUnits).toEqual(["LZ-SH"]);
    expect(officer.violations).toEqual([]);
    const member = await as({ id: "q-member", name: "委员", role: "committee_member", committeeMember: "CM-LZ-SH-V01", orgUnits: { capture: ["LZ-SH-V01"], view: ["LZ-SH-V01"] } }).quality.validation({ period: "2016" });
    expect(member.orgUnits).toEqual(["LZ-SH-V01"]);
    // 平川镇's three in December are there for the county, not for 沙河镇's officer.
    expect((await api.quality.validation({ period: "2016-12" })).violations.map((x) => x.orgUnit)).toEqual(["LZ", "LZ", "LZ", "LZ-PC", "LZ-PC", "LZ-PC"]);
  });

  test("an unknown org unit or period is BAD_REQUEST", async () => {
    expect((await rejection(api.quality.validation({ period: "2016", orgUnit: "LZ-ZZ" }))).message).toMatch(/^Unknown org unit "LZ-ZZ"/);
    expect((await rejection(api.quality.validation({ period: "2016-13" }))).code).toBe("BAD_REQUEST");
  });
});
