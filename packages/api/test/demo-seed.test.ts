/**
 * The demo seeding on PGlite loaded with the committed demo data: the real
 * workflow by the demo users, idempotent; published runs stay frozen when a
 * data value changes, and a re-run is the next revision.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadOrgUnitTree, type Database } from "@linze/db";
import { LINZE_DEMO_DIR, openTestDatabase } from "@linze/db/testing";
import type { OrgUnitTree, RankedResult } from "@linze/domain";
import { createCaller, createContext, DEMO_ASSESSOR, DEMO_LEADER, DEMO_REVIEWER, seedDemoAssessments, type DemoSeedResult } from "../src/index.ts";

let db: Database;
let tree: OrgUnitTree;
let api: ReturnType<typeof createCaller>;
let seeded: DemoSeedResult | null;
let failedSeed: unknown;
let afterFailure: unknown[];
beforeAll(async () => {
  db = await openTestDatabase(LINZE_DEMO_DIR);
  tree = await loadOrgUnitTree(db);
  api = createCaller(createContext({ db, tree }));
  // First a file whose second entry names a unit without a 2015 letter: the commendation of the first is written, then the seeding fails.
  const bad = await mkdtemp(path.join(tmpdir(), "linze-seed-"));
  await writeFile(
    path.join(bad, "assessment_inputs_2016.json"),
    JSON.stringify([
      { year: 2016, quarter: 1, assessedUnit: { kind: "township", code: "LZ-SH" }, commendations: [{ reason: "x", points: 1 }] },
      { year: 2015, quarter: 1, assessedUnit: { kind: "township", code: "LZ-SH" }, manualScores: { m1: 1 } },
    ]),
  );
  failedSeed = await seedDemoAssessments(db, tree, bad).catch((e: unknown) => e);
  afterFailure = await db.query("SELECT 1 FROM assessment_adjustments UNION ALL SELECT 1 FROM assessment_item_scores UNION ALL SELECT 1 FROM assessment_runs");
  seeded = await seedDemoAssessments(db, tree, LINZE_DEMO_DIR);
}, 120_000);
afterAll(() => db.close());

const runOf = (quarter: number, scope: "townships" | "countyMembers") => seeded!.runs.find((r) => r.quarter === quarter && r.scope === scope)!;
const resultOf = async (runId: number, code: string) => (await api.assessments.get({ id: runId })).results.find((r) => r.assessedCode === code)!.result as RankedResult;

describe("demo seeding", () => {
  test("all or nothing: a seeding that fails part-way leaves no entry and no run behind", () => {
    expect((failedSeed as Error).message).toContain("No 2015 letter for township LZ-SH");
    expect(afterFailure).toEqual([]);
  });

  test("2016 Q1–Q3 published and Q4 draft, townships and county members, revision 1, each step by its demo user; a second call does nothing", async () => {
    expect(seeded!.runs.map((r) => [r.quarter, r.scope, r.status, r.revision])).toEqual([
      [1, "townships", "published", 1], [1, "countyMembers", "published", 1],
      [2, "townships", "published", 1], [2, "countyMembers", "published", 1],
      [3, "townships", "published", 1], [3, "countyMembers", "published", 1],
      [4, "townships", "draft", 1], [4, "countyMembers", "draft", 1],
    ]);
    for (const r of seeded!.runs.filter((r) => r.status === "published")) {
      expect(r).toMatchObject({ createdBy: DEMO_ASSESSOR.id, submittedBy: DEMO_ASSESSOR.id, reviewedBy: DEMO_REVIEWER.id, publishedBy: DEMO_LEADER.id, scopeOrgUnit: "LZ" });
    }
    expect(runOf(4, "townships")).toMatchObject({ submittedBy: null, publishedBy: null });
    // 351 unit-quarters: 7 townships × 3 manual items × 4 quarters self-scored too; one commendation, one veto.
    expect(seeded!.adjustments).toBe(2);
    expect(await seedDemoAssessments(db, tree, LINZE_DEMO_DIR)).toBeNull();
    expect(await api.assessments.list({ year: 2016 })).toHaveLength(8);
  });

  test("Liaoquan Q1 by hand: m1 9, m2 9.5 less the March finding 1.5 = 8, v1 5; of its self-scores 10, 9.5 and 5 only m1's differs from the assessor's", async () => {
    const lq = await resultOf(runOf(1, "townships").id, "LZ-LQ");
    const item = (id: string) => lq.items.find((i) => i.itemId === id)!;
    expect([item("m1").score!.exact, item("m2").score!.exact, item("v1").score!.exact]).toEqual(["9", "8", "5"]);
    expect(item("m1").selfScore).toMatchObject({ assessed: { display: "9.00" }, difference: { display: "1.00" }, flagged: true });
    // m2: the unit's 9.5 is the assessor's 9.5; the March finding comes off both, so it is no difference.
    expect(item("m2").selfScore).toMatchObject({ assessed: { display: "9.50" }, difference: { display: "0.00" }, flagged: false });
    expect(item("v1").selfScore).toMatchObject({ assessed: { display: "5.00" }, difference: { display: "0.00" }, flagged: false });
    expect(lq.flaggedItems).toEqual(["m1"]);
    // Self-scored m1, m2, v1: 10 + 9.5 + 5 = 24.5, beside the assessor's 9 + 9.5 + 5 = 23.5 for the same items.
    expect(lq.selfScoredItems).toEqual(["m1", "m2", "v1"]);
    expect([lq.selfTotal!.display, lq.selfComparedTotal!.display]).toEqual(["24.50", "23.50"]);
    // The total is the items' scores plus the bonus (cataract over-achievement, capped at 5).
    const sum = lq.items.reduce((s, i) => s + i.score!.value, 0);
    expect(lq.total.value).toBeCloseTo(sum + lq.bonus.total.value, 9);
  });

  test("members: February gaps leave Q1 incomplete only; July's leave Q3; the veto fails Q2; the commendation adds 2 in Q3; Q4's unscored members say why", async () => {
    const ranking = async (quarter: number) => new Map((await api.assessments.get({ id: runOf(quarter, "countyMembers").id })).ranking.map((r) => [r.code, r]));
    const [q1, q2, q3, q4] = [await ranking(1), await ranking(2), await ranking(3), await ranking(4)];
    const incomplete = (m: Map<string, { incomplete: boolean; vetoed: boolean }>) => [...m].filter(([, r]) => r.incomplete && !r.vetoed).map(([c]) => c).sort();
    expect(incomplete(q1)).toEqual(["CM-LZ-LQ-V01", "CM-LZ-NJY-V02", "CM-LZ-NJY-V04", "CM-LZ-NJY-V07", "CM-LZ-PC-V06", "CM-LZ-YN-V08"]);
    expect(q1.get("CM-LZ-NJY-V02")!.incompleteItems[0]!.reason.en).toBe("months of the quarter not reported: 2016-02");
    expect(incomplete(q2)).toEqual([]);
    expect(incomplete(q3)).toEqual(["CM-LZ-XH-V06", "CM-LZ-YN-V06"]);
    expect(incomplete(q4)).toEqual(["CM-LZ-LQ-V10", "CM-LZ-PC-V01", "CM-LZ-PC-V02", "CM-LZ-XH-V01"]);
    expect(q4.get("CM-LZ-XH-V01")!.incompleteItems.map((i) => i.reason.en)).toEqual(Array(4).fill("not scored by the assessor"));
    expect(q2.get("CM-LZ-BQ-V02")).toMatchObject({ vetoed: true, grade: "fail", rank: null });
    const lq = await resultOf(runOf(3, "countyMembers").id, "CM-LZ-LQ");
    expect(lq.bonus.fromCommendations.exact).toBe("2");
    expect(q2.get("CM-LZ-NJY-V02")!.rank).toEqual(expect.any(Number));
  });

  test("a published run is frozen: a data value changed in SQL leaves it identical; a re-run is revision 2 and both stay readable", async () => {
    const published = runOf(1, "townships");
    const before = await api.assessments.get({ id: published.id });
    const cataract = (r: RankedResult) => r.items.find((i) => i.itemId === "i7")!.explanation.numerator;
    const shBefore = before.results.find((r) => r.assessedCode === "LZ-SH")!.result as RankedResult;
    await db.query("UPDATE data_values SET value = value + 10 WHERE org_unit = 'LZ-SH-V01' AND period = '2016-02' AND data_element = 'cataract_surgeries'");
    expect(await api.assessments.get({ id: published.id })).toEqual(before);
    const rerun = await api.assessments.run({ year: 2016, quarter: 1, scope: "townships" });
    expect(rerun.run).toMatchObject({ revision: 2, status: "draft" });
    expect(rerun.run.inputsHash).not.toBe(published.inputsHash);
    const shAfter = (await api.assessments.get({ id: rerun.run.id })).results.find((r) => r.assessedCode === "LZ-SH")!.result as RankedResult;
    expect(cataract(shAfter)).toBe(cataract(shBefore)! + 10);
    expect(await api.assessments.get({ id: published.id })).toEqual(before);
    expect((await api.assessments.list({ year: 2016, quarter: 1, scope: "townships" })).map((r) => [r.revision, r.status])).toEqual([[2, "draft"], [1, "published"]]);
  });
});
