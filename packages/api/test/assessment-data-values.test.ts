/**
 * The data values frozen with an assessment run and read back item by item
 * (`assessments.itemDataValues`), and inputs entered after publication, through
 * createCaller on PGlite loaded with the committed demo data (data/linze).
 * Golden values are read off data/linze/data_values.csv by hand (quoted in comments).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TRPCError } from "@trpc/server";
import { compressJsonText, createRun, getRunInputs, loadOrgUnitTree, queryIndicatorRows, type Database } from "@linze/db";
import { LINZE_DEMO_DIR, openTestDatabase } from "@linze/db/testing";
import { yearToDateMonths, type ItemActual, type LetterItem, type RankedResult } from "@linze/domain";
import { createCaller, createContext, inputsHash } from "../src/index.ts";
import { actualsFromFrozen, freezeDataValues, runIndicator, type FrozenDataValues } from "../src/assessment-data-values.ts";

let db: Database;
let api: ReturnType<typeof createCaller>;
/** Reviews and publishes what `api` (the local administrator) submits: another user (separation of duties). */
let leader: ReturnType<typeof createCaller>;
let townshipsQ4: Awaited<ReturnType<typeof api.assessments.run>>;
beforeAll(async () => {
  db = await openTestDatabase(LINZE_DEMO_DIR);
  const tree = await loadOrgUnitTree(db);
  api = createCaller(createContext({ db, tree }));
  leader = createCaller(createContext({ db, tree, user: { id: "test-leader", name: "县领导（测试）/ Leader (test)", role: "county_leader" } }));
  townshipsQ4 = await api.assessments.run({ year: 2016, quarter: 4, scope: "townships", manualDefault: "full" });
}, 120_000);
afterAll(() => db.close());

async function failure(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => expect.fail("expected the call to fail"),
    (e: unknown) => e as TRPCError,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error;
}

const storedInputs = async (runId: number) => (await getRunInputs(db, runId)) as { units: unknown[]; dataValues: FrozenDataValues };
const resultOf = async (runId: number, code: string) => (await api.assessments.get({ id: runId })).results.find((r) => r.assessedCode === code)!.result as RankedResult;

describe("data values frozen with a run", () => {
  test("the townships' Q4 snapshot holds the values of their indicator items, Jan–Dec, sorted; the hash covers them", async () => {
    const inputs = await storedInputs(townshipsQ4.run.id);
    expect(inputsHash(inputs)).toBe(townshipsQ4.run.inputsHash);
    const frozen = inputs.dataValues;
    expect(frozen.months).toEqual(["2016-01", "2016-02", "2016-03", "2016-04", "2016-05", "2016-06", "2016-07", "2016-08", "2016-09", "2016-10", "2016-11", "2016-12"]);
    const keys = frozen.rows.map(([ou, de]) => `${ou} ${de}`);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
    // Township letters read 15 data elements (DOMAIN.md §4: record update, enrollment, the four coverages, cataract, the four subsidy rolls).
    expect(new Set(frozen.rows.map(([, de]) => de))).toEqual(
      new Set([
        "records_updated", "certified_persons", "children_enrolled", "school_age_children", "associations_established", "villages_total", "activity_venues",
        "villages_work_active", "committee_members_in_post", "committee_member_posts", "cataract_surgeries", "nursing_subsidy_recipients",
        "living_subsidy_recipients", "elderly_allowance_recipients", "fuel_subsidy_recipients",
      ]),
    );
    // data_values.csv: LZ-SH-V05 reported cataract_surgeries 1 in 2016-05, 2 in 2016-10 and 0 in the other months; LZ-PC-V01 sent no report for 2016-11.
    expect(frozen.rows.find(([ou, de]) => ou === "LZ-SH-V05" && de === "cataract_surgeries")![2]).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0]);
    expect(frozen.rows.find(([ou, de]) => ou === "LZ-PC-V01" && de === "nursing_subsidy_recipients")![2][10]).toBeNull();
    // Nothing from outside the townships' subtrees (the county's own values) and no data element no item reads.
    expect(frozen.rows.some(([ou]) => ou === "LZ")).toBe(false);
    expect(frozen.rows.some(([, de]) => de === "health_checks")).toBe(false);
  });

  test("a snapshot whose frozen data values were altered is not published: the hash covers them", async () => {
    const { run } = await api.assessments.run({ year: 2016, quarter: 4, scope: "townships", manualDefault: "full" });
    await api.assessments.submit({ id: run.id });
    await leader.assessments.review({ id: run.id });
    // One village value changed inside the stored snapshot: rows[0] is LZ-BQ-V01's first data element.
    const stored = (await getRunInputs(db, run.id)) as { dataValues: { rows: [string, string, (number | null)[]][] } };
    expect(stored.dataValues.rows[0]![2][0]).not.toBe(999);
    stored.dataValues.rows[0]![2][0] = 999;
    await db.query("UPDATE assessment_runs SET inputs_brotli = decode($2, 'base64') WHERE id = $1", [run.id, compressJsonText(JSON.stringify(stored)).toString("base64")]);
    const refused = await failure(leader.assessments.publish({ id: run.id }));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.message).toContain("no longer match their hash");
  });

  test("the run's actuals, computed from the frozen values, equal the SQL compiler's on every indicator item of the demo's Q4 runs", async () => {
    const tree = await loadOrgUnitTree(db);
    const months = yearToDateMonths("2016-12");
    let compared = 0;
    for (const scope of [{ scope: "townships" }, { scope: "countyMembers" }, { scope: "townshipMembers", township: "LZ-SH" }] as const) {
      const { run } = await api.assessments.run({ year: 2016, quarter: 4, ...scope, manualDefault: "full" });
      const { units } = (await getRunInputs(db, run.id)) as { units: { orgUnit: string; letter: { items: LetterItem[] }; actuals: Record<string, ItemActual> }[] };
      const items = units.flatMap((u) => u.letter.items.flatMap((i) => (i.kind === "indicator" ? [{ orgUnit: i.orgUnit ?? u.orgUnit, indicator: i.indicator, actual: u.actuals[i.id]! }] : [])));
      // The domain's SQL compiler, as the dashboard computes indicators: the year to date and each month alone.
      const rows = await queryIndicatorRows(db, {
        indicators: [...new Set(items.map((i) => i.indicator))].map(runIndicator),
        orgUnits: [...new Set(items.map((i) => i.orgUnit))],
        periods: [{ key: "ytd", months }, ...months],
      });
      const byKey = new Map(rows.map((r) => [`${r.indicator}|${r.org_unit}|${r.period}`, r]));
      for (const item of items) {
        const sql = (p: string) => byKey.get(`${item.indicator}|${item.orgUnit}|${p}`);
        expect(item.actual, `${item.orgUnit} ${item.indicator}`).toEqual({
          months: months.map((m) => ({ month: m, numerator: sql(m)?.numerator ?? null, denominator: sql(m)?.denominator ?? null, reported: (sql(m)?.numerator ?? null) !== null })),
          numerator: sql("ytd")?.numerator ?? null,
          denominator: sql("ytd")?.denominator ?? null,
        });
        compared++;
      }
    }
    // 7 township letters and 83 + 17 member letters, each with several indicator items.
    expect(compared).toBeGreaterThan(300);
    // One value by hand: Shahe's cataract surgeries (i7) in October 2016, its villages' sum (data_values.csv): 11.
    const shahe = (await resultOf(townshipsQ4.run.id, "LZ-SH")).items.find((i) => i.itemId === "i7")!.explanation;
    expect(shahe.months.find((m) => m.month === "2016-10")!.numerator).toBe(11);
  });

  test("freezeDataValues reads each item's own data elements on its own subtree, not every org unit × every data element", async () => {
    const tree = await loadOrgUnitTree(db);
    // Two items on two villages: Shahe V05's cataract surgeries, Pingchuan V01's subsidy rolls (four stocks).
    const frozen = await freezeDataValues(db, tree, [
      { orgUnit: "LZ-SH-V05", indicator: runIndicator("cataract_surgeries") },
      { orgUnit: "LZ-PC-V01", indicator: runIndicator("subsidy_recipients") },
    ], ["2016-10", "2016-11"]);
    const keys = frozen.rows.map(([ou, de]) => `${ou} ${de}`);
    // Sorted by org unit, then data element; LZ-PC-V01 has subsidy rolls but no report for 2016-11 (data_values.csv).
    expect(keys).toEqual([
      "LZ-PC-V01 elderly_allowance_recipients",
      "LZ-PC-V01 fuel_subsidy_recipients",
      "LZ-PC-V01 living_subsidy_recipients",
      "LZ-PC-V01 nursing_subsidy_recipients",
      "LZ-SH-V05 cataract_surgeries",
    ]);
    // data_values.csv: LZ-SH-V05 cataract_surgeries 2 in 2016-10 and 0 in 2016-11.
    expect(frozen.rows[4]![2]).toEqual([2, 0]);
    expect(frozen.rows[3]![2][1]).toBeNull();
  });

  test("actualsFromFrozen: a month is reported when its numerator has a value; a stock takes each org unit's last value", async () => {
    const tree = await loadOrgUnitTree(db);
    // subsidy_recipients adds four stocks; here only nursing recipients: Shahe V01 reports 3 then 4, V02 only 5 in February; no March value anywhere.
    const frozen: FrozenDataValues = {
      months: ["2016-01", "2016-02", "2016-03"],
      rows: [
        ["LZ-SH-V01", "nursing_subsidy_recipients", [3, 4, null]],
        ["LZ-SH-V02", "nursing_subsidy_recipients", [null, 5, null]],
      ],
    };
    const [actual] = actualsFromFrozen(frozen, tree, [{ orgUnit: "LZ-SH", indicator: runIndicator("subsidy_recipients") }]);
    expect(actual!.months).toEqual([
      { month: "2016-01", numerator: 3, denominator: null, reported: true },
      { month: "2016-02", numerator: 9, denominator: null, reported: true },
      { month: "2016-03", numerator: null, denominator: null, reported: false },
    ]);
    // January…March: each village's last value, 4 + 5 (a sum over the months would give 12).
    expect(actual!.numerator).toBe(9);
  });
});

describe("assessments.itemDataValues", () => {
  test("Shahe's cataract surgeries (i7), 2016-10: the villages' values add up to the explanation's month numerator, 11", async () => {
    const got = await api.assessments.itemDataValues({ runId: townshipsQ4.run.id, unitCode: "LZ-SH", itemId: "i7" });
    expect(got).toMatchObject({ frozen: true, orgUnit: "LZ-SH", indicator: { code: "cataract_surgeries", unit: "count" }, denominator: null, changedCount: 0 });
    expect(got.numerator.map((d) => d.code)).toEqual(["cataract_surgeries"]);
    const october = got.rows.filter((r) => r.month === "2016-10");
    // The township reports no surgeries (villages do), so it is not listed: 12 villages and 5 communities.
    expect(october.map((r) => r.orgUnit.code)).toEqual([
      "LZ-SH-C01", "LZ-SH-C02", "LZ-SH-C03", "LZ-SH-C04", "LZ-SH-C05",
      "LZ-SH-V01", "LZ-SH-V02", "LZ-SH-V03", "LZ-SH-V04", "LZ-SH-V05", "LZ-SH-V06", "LZ-SH-V07", "LZ-SH-V08", "LZ-SH-V09", "LZ-SH-V10", "LZ-SH-V11", "LZ-SH-V12",
    ]);
    expect(october.find((r) => r.orgUnit.code === "LZ-SH-V05")).toMatchObject({ orgUnit: { nameZh: "沙河镇 5号村", nameEn: "Shahe Village 5", level: 3 } });
    // data_values.csv, 2016-10, cataract_surgeries: V05 2, V09 1, V12 1, C01 1, C03 2, C04 4, the other eleven 0 → 11.
    const nonZero = october.filter((r) => r.numerator[0]!.value !== 0).map((r) => [r.orgUnit.code, r.numerator[0]!.value]);
    expect(nonZero).toEqual([["LZ-SH-C01", 1], ["LZ-SH-C03", 2], ["LZ-SH-C04", 4], ["LZ-SH-V05", 2], ["LZ-SH-V09", 1], ["LZ-SH-V12", 1]]);
    expect(got.sums.find((s) => s.month === "2016-10")).toEqual({ month: "2016-10", numerator: 11, denominator: null });
    // Every month: Σ of the rows = the sums = the explanation's month numerator (what the unit page shows).
    const explanation = (await resultOf(townshipsQ4.run.id, "LZ-SH")).items.find((i) => i.itemId === "i7")!.explanation;
    expect(explanation.months.find((m) => m.month === "2016-10")!.numerator).toBe(11);
    for (const m of explanation.months) {
      const rows = got.rows.filter((r) => r.month === m.month);
      expect(rows.reduce((s, r) => s + (r.numerator[0]!.value ?? 0), 0), m.month).toBe(m.numerator);
      expect(got.sums.find((s) => s.month === m.month)!.numerator).toBe(m.numerator);
    }
  });

  test("Pingchuan's subsidy roll (i8), 2016-11: the village that sent no report is 'not reported' (null), never 0; the sum is the other ten's 204", async () => {
    const got = await api.assessments.itemDataValues({ runId: townshipsQ4.run.id, unitCode: "LZ-PC", itemId: "i8" });
    expect(got.numerator.map((d) => d.code)).toEqual(["nursing_subsidy_recipients", "living_subsidy_recipients", "elderly_allowance_recipients", "fuel_subsidy_recipients"]);
    const november = got.rows.filter((r) => r.month === "2016-11");
    const v01 = november.find((r) => r.orgUnit.code === "LZ-PC-V01")!;
    expect(v01.numerator.map((c) => [c.value, c.reportedAtLevel])).toEqual([[null, true], [null, true], [null, true], [null, true]]);
    // October it did report: nursing 9, living 14, elderly 3, fuel 2 (data_values.csv).
    expect(got.rows.find((r) => r.month === "2016-10" && r.orgUnit.code === "LZ-PC-V01")!.numerator.map((c) => c.value)).toEqual([9, 14, 3, 2]);
    // data_values.csv, 2016-11, the four rolls of V02…V11: 21 + 17 + 7 + 15 + 18 + 25 + 32 + 28 + 13 + 28 = 204.
    const sum = november.reduce((s, r) => s + r.numerator.reduce((t, c) => t + (c.value ?? 0), 0), 0);
    expect(sum).toBe(204);
    const explanation = (await resultOf(townshipsQ4.run.id, "LZ-PC")).items.find((i) => i.itemId === "i8")!.explanation;
    expect(explanation.months.find((m) => m.month === "2016-11")!.numerator).toBe(204);
    expect(got.sums.find((s) => s.month === "2016-11")!.numerator).toBe(204);
  });

  test("a rate's denominator is reported by the township: association coverage (i3) lists LZ-SH with villages_total 17, its villages with their association", async () => {
    const got = await api.assessments.itemDataValues({ runId: townshipsQ4.run.id, unitCode: "LZ-SH", itemId: "i3" });
    const december = got.rows.filter((r) => r.month === "2016-12");
    const township = december.find((r) => r.orgUnit.code === "LZ-SH")!;
    // The township reports villages_total (17: 12 villages + 5 communities), not the associations.
    expect(township.numerator[0]).toMatchObject({ dataElement: "associations_established", value: null, reportedAtLevel: false });
    expect(township.denominator![0]).toMatchObject({ dataElement: "villages_total", value: 17, reportedAtLevel: true });
    expect(december.find((r) => r.orgUnit.code === "LZ-SH-V01")!.denominator![0]).toMatchObject({ value: null, reportedAtLevel: false });
    // All 76 have their association in December (data/README.md): 17 of 17.
    expect(got.sums.find((s) => s.month === "2016-12")).toEqual({ month: "2016-12", numerator: 17, denominator: 17 });
  });

  test("a value changed after the run shows as changed (then → now); the frozen values and sums stay", async () => {
    const key = "org_unit = 'LZ-SH-V05' AND period = '2016-10' AND data_element = 'cataract_surgeries'";
    await db.query(`UPDATE data_values SET value = 5 WHERE ${key}`);
    try {
      const got = await api.assessments.itemDataValues({ runId: townshipsQ4.run.id, unitCode: "LZ-SH", itemId: "i7" });
      expect(got.changedCount).toBe(1);
      const cell = got.rows.find((r) => r.month === "2016-10" && r.orgUnit.code === "LZ-SH-V05")!.numerator[0]!;
      expect(cell).toEqual({ dataElement: "cataract_surgeries", value: 2, reportedAtLevel: true, current: 5, changed: true });
      expect(got.sums.find((s) => s.month === "2016-10")!.numerator).toBe(11);
      // A deleted value is a change too: 2 then, none now.
      await db.query(`DELETE FROM data_values WHERE ${key}`);
      const deleted = (await api.assessments.itemDataValues({ runId: townshipsQ4.run.id, unitCode: "LZ-SH", itemId: "i7" })).rows.find((r) => r.month === "2016-10" && r.orgUnit.code === "LZ-SH-V05")!.numerator[0]!;
      expect(deleted).toMatchObject({ value: 2, current: null, changed: true });
    } finally {
      await db.query("INSERT INTO data_values (org_unit, period, data_element, value) VALUES ('LZ-SH-V05', '2016-10', 'cataract_surgeries', 2) ON CONFLICT (org_unit, period, data_element) DO UPDATE SET value = 2");
    }
    expect((await api.assessments.itemDataValues({ runId: townshipsQ4.run.id, unitCode: "LZ-SH", itemId: "i7" })).changedCount).toBe(0);
  });

  test("a committee member's item reads its own village only", async () => {
    const { run } = await api.assessments.run({ year: 2016, quarter: 4, scope: "countyMembers", manualDefault: "full" });
    const got = await api.assessments.itemDataValues({ runId: run.id, unitCode: "CM-LZ-SH-V05", itemId: "i2" });
    expect(got.indicator.code).toBe("cataract_surgeries");
    expect(new Set(got.rows.map((r) => r.orgUnit.code))).toEqual(new Set(["LZ-SH-V05"]));
    expect(got.sums.map((s) => s.numerator)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0]);
    // The member of the township reads the whole township: the same 11 in October as the township's item.
    const township = await api.assessments.itemDataValues({ runId: run.id, unitCode: "CM-LZ-SH", itemId: "i2" });
    expect(township.sums.find((s) => s.month === "2016-10")!.numerator).toBe(11);
  });

  test("a manual item, a unit not in the run, an unknown item and an unknown run are refused; a run from before freezing says so", async () => {
    const runId = townshipsQ4.run.id;
    const manual = await failure(api.assessments.itemDataValues({ runId, unitCode: "LZ-SH", itemId: "m1" }));
    expect(manual.code).toBe("BAD_REQUEST");
    expect(manual.message).toContain("scored by the assessor");
    expect((await failure(api.assessments.itemDataValues({ runId, unitCode: "CM-LZ-SH", itemId: "i1" }))).code).toBe("NOT_FOUND");
    const item = await failure(api.assessments.itemDataValues({ runId, unitCode: "LZ-SH", itemId: "zz" }));
    expect(item.message).toContain('has no item "zz"; its items: i1, i2, i3, i4, i5, i6, i7, i8, m1, m2, v1');
    expect((await failure(api.assessments.itemDataValues({ runId: 999_999, unitCode: "LZ-SH", itemId: "i1" }))).code).toBe("NOT_FOUND");
    // An id beyond PostgreSQL's integer (2,147,483,647) is bad input, not the database's 22003 (a 500).
    expect((await failure(api.assessments.itemDataValues({ runId: 2_147_483_648, unitCode: "LZ-SH", itemId: "i1" }))).code).toBe("BAD_REQUEST");
    expect((await failure(api.assessments.get({ id: 2_147_483_648 }))).code).toBe("BAD_REQUEST");
    expect((await failure(api.assessments.get({ id: 2_147_483_647 }))).code).toBe("NOT_FOUND");
    // A run stored before data values were frozen with runs: its snapshot has units but no dataValues.
    const inputs = await storedInputs(runId);
    const old = await createRun(db, { year: 2016, quarter: 4, scope: "townships", scopeOrgUnit: "LZ", engineVersion: "old", inputs: { units: inputs.units }, inputsHash: inputsHash({ units: inputs.units }) }, [], "test");
    expect(await api.assessments.itemDataValues({ runId: old.id, unitCode: "LZ-SH", itemId: "i7" })).toMatchObject({ frozen: false, rows: [], sums: [], months: [] });
  });
});

describe("inputs entered after publication", () => {
  test("a manual score entered after Q1 is published goes into revision 2; revision 1 keeps its score", async () => {
    const first = await api.assessments.run({ year: 2016, quarter: 1, scope: "townships", manualDefault: "full" });
    await api.assessments.submit({ id: first.run.id });
    for (const step of ["review", "publish"] as const) await leader.assessments[step]({ id: first.run.id });
    const before = await api.assessments.get({ id: first.run.id });
    const m1 = (r: RankedResult) => r.items.find((i) => i.itemId === "m1")!;
    // No assessor score stored: the run scored m1 (10 points) at its full points; Shahe has no supervision finding in 2016.
    expect(m1(await resultOf(first.run.id, "LZ-SH")).score!.exact).toBe("10");

    await api.assessmentInputs.setManualScore({ year: 2016, quarter: 1, assessedUnit: { kind: "township", code: "LZ-SH" }, itemId: "m1", points: 7 });
    const second = await api.assessments.run({ year: 2016, quarter: 1, scope: "townships", manualDefault: "full" });
    expect(second.run).toMatchObject({ revision: first.run.revision + 1, status: "draft" });
    const shahe2 = await resultOf(second.run.id, "LZ-SH");
    expect(m1(shahe2).score!.exact).toBe("7");
    const shahe1 = await resultOf(first.run.id, "LZ-SH");
    // 3 points less in revision 2 (m1 10 → 7), nothing else changed.
    expect(shahe2.total.value).toBeCloseTo(shahe1.total.value - 3, 9);
    expect(await api.assessments.get({ id: first.run.id })).toEqual(before);
    expect((await api.assessments.list({ year: 2016, quarter: 1, scope: "townships" })).map((r) => [r.revision, r.status])).toEqual([[2, "draft"], [1, "published"]]);
  });
});
