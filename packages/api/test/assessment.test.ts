/**
 * Committee members, letters, supervision findings and assessment runs
 * through createCaller on PGlite loaded with the committed demo data
 * (data/linze: data values and the assessment files).
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { getRunInputs, listAudit, listResults, loadOrgUnitTree, type Database } from "@linze/db";
import { LINZE_DEMO_DIR, openTestDatabase } from "@linze/db/testing";
import type { Letter } from "@linze/domain";
import { createCaller, createContext, DEMO_USER, inputsHash } from "../src/index.ts";
import { appRouter } from "../src/root.ts";

let db: Database;
let api: ReturnType<typeof createCaller>;
/** Reviews and publishes what `api` (the local administrator) submits: another user (separation of duties). */
const LEADER = { id: "test-leader", name: "县领导（测试）/ Leader (test)", role: "county_leader" } as const;
let leader: ReturnType<typeof createCaller>;
beforeAll(async () => {
  db = await openTestDatabase(LINZE_DEMO_DIR);
  const tree = await loadOrgUnitTree(db);
  api = createCaller(createContext({ db, tree }));
  leader = createCaller(createContext({ db, tree, user: LEADER }));
}, 120_000);
afterAll(() => db.close());

async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => expect.fail("expected the call to fail"),
    (e: unknown) => e as TRPCError,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const shape = getErrorShape({ config: appRouter._def._config, error, type: "mutation", path: "x", input: undefined, ctx: undefined });
  return { error, shape: shape as typeof shape & { data: { zodError: { issues: { path: string; message: string }[] } | null } } };
}

/** A 2017 township letter with the given points on its two items. */
const letter = (code: string, a: number, b: number): Letter => ({
  year: 2017,
  assessedUnit: { kind: "township", code },
  items: [
    { id: "i1", kind: "indicator", indicator: "record_update_rate", annualTarget: 100, points: a, veto: false, direction: "higher", rule: { kind: "proportional" } },
    { id: "m1", kind: "manual", titleZh: "档案管理", titleEn: "Records kept", points: b, veto: false },
  ],
});

describe("members", () => {
  test("list under a township: its own post and its 17 villages and communities", async () => {
    const shahe = await api.members.list({ under: "LZ-SH" });
    expect(shahe).toHaveLength(18);
    expect(shahe[0]).toMatchObject({ code: "CM-LZ-SH", orgUnit: "LZ-SH", version: 1 });
    expect(await api.members.list()).toHaveLength(83);
  });

  test("create, get, update with version; duplicate, stale version, unknown code and a county post are refused", async () => {
    const created = await api.members.create({ code: "CM-LZ-SH-V03-B", name: "专职委员 沙河镇 3号村（二）/ Committee member 2, Shahe Village 3", orgUnit: "LZ-SH-V03", inPostFrom: "2017-01", inPostTo: null });
    expect(created).toMatchObject({ version: 1, createdBy: DEMO_USER.id, updatedBy: DEMO_USER.id });
    expect(created.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await failure(api.members.create({ ...created, version: undefined } as never))).error.code).toBe("CONFLICT");
    const updated = await api.members.update({ code: created.code, name: created.name, orgUnit: "LZ-SH-V03", inPostFrom: "2017-01", inPostTo: "2017-06", version: 1 });
    expect(updated).toMatchObject({ version: 2, inPostTo: "2017-06" });
    expect(await api.members.get({ code: created.code })).toMatchObject({ version: 2, inPostTo: "2017-06" });
    const stale = await failure(api.members.update({ code: created.code, name: "x", orgUnit: "LZ-SH-V03", inPostFrom: "2017-01", inPostTo: null, version: 1 }));
    expect(stale.error.code).toBe("CONFLICT");
    expect(stale.error.message).toContain("is at version 2, not 1");
    expect((await failure(api.members.get({ code: "CM-LZ-ZZ" }))).error.code).toBe("NOT_FOUND");
    const county = await failure(api.members.create({ code: "CM-LZ", name: "x", orgUnit: "LZ", inPostFrom: "2017-01", inPostTo: null }));
    expect(county.error.code).toBe("BAD_REQUEST");
    const badCode = await failure(api.members.create({ code: "member 1", name: "x", orgUnit: "LZ-SH", inPostFrom: "2017-01", inPostTo: null }));
    expect(badCode.shape.data.zodError?.issues[0]?.path).toBe("code");
  });
});

describe("letters", () => {
  test("a letter whose points sum to 97 is refused: BAD_REQUEST at path items, naming 97", async () => {
    const { error, shape } = await failure(api.letters.create(letter("LZ-SH", 60, 37)));
    expect(error.code).toBe("BAD_REQUEST");
    expect(shape.data.zodError?.issues).toEqual([{ path: "items", message: "the items' points sum to 97, not 100 (各项分值合计为97，应为100)" }]);
  });

  test("list by year and scope; get returns the items and one revision", async () => {
    expect(await api.letters.list({ year: 2016, kind: "township" })).toHaveLength(7);
    const shahe = await api.letters.list({ year: 2016, under: "LZ-SH" });
    expect(shahe).toHaveLength(19);
    const got = await api.letters.get({ id: shahe[0]!.id });
    expect(got.assessedUnit).toEqual({ kind: "township", code: "LZ-SH" });
    expect(got.revisions.map((r) => r.version)).toEqual([1]);
  });

  test("create, then update: version 2 and two revisions; a 97-point update names the path and 97; a stale version is CONFLICT", async () => {
    const created = await api.letters.create(letter("LZ-XH", 60, 40));
    expect(created).toMatchObject({ year: 2017, version: 1, copiedFrom: null, createdBy: DEMO_USER.id });
    const bad = await failure(api.letters.update({ id: created.id, version: 1, items: letter("LZ-XH", 50, 47).items }));
    expect(bad.error.code).toBe("BAD_REQUEST");
    expect(bad.shape.data.zodError?.issues[0]).toMatchObject({ path: "items", message: expect.stringContaining("sum to 97, not 100") });
    const updated = await api.letters.update({ id: created.id, version: 1, items: letter("LZ-XH", 50, 50).items });
    expect(updated.version).toBe(2);
    expect(updated.items.map((i) => i.points)).toEqual([50, 50]);
    expect((await api.letters.get({ id: created.id })).revisions.map((r) => [r.version, r.items[0]!.points])).toEqual([[1, 60], [2, 50]]);
    expect((await failure(api.letters.update({ id: created.id, version: 1, items: letter("LZ-XH", 50, 50).items }))).error.code).toBe("CONFLICT");
    expect((await failure(api.letters.create(letter("LZ-XH", 50, 50)))).error.code).toBe("CONFLICT");
  });

  test("沙河镇 2016 i1 (update rate, thresholds with floor 80) saved with the annual target 0 is refused, naming the item, and the letter stays at version 1", async () => {
    const [shahe] = await api.letters.list({ year: 2016, kind: "township", under: "LZ-SH" });
    const stored = await api.letters.get({ id: shahe!.id });
    const items = stored.items.map((i) => (i.id === "i1" && i.kind === "indicator" ? { ...i, annualTarget: 0 } : i));
    const bad = await failure(api.letters.update({ id: stored.id, version: stored.version, items }));
    expect(bad.error.code).toBe("BAD_REQUEST");
    expect(bad.shape.data.zodError?.issues.map((i) => i.path)).toEqual(["items.0.annualTarget", "items.0.rule.floor"]);
    expect(bad.shape.data.zodError?.issues[0]!.message).toContain("item i1 (Dynamic data update completion rate): the annual target must be above 0");
    expect((await api.letters.get({ id: stored.id })).version).toBe(stored.version);
    const [rateItem, manualItem] = letter("LZ-LQ", 60, 40).items;
    const created = await failure(api.letters.create({ ...letter("LZ-LQ", 60, 40), items: [{ ...rateItem!, annualTarget: 120 } as Letter["items"][number], manualItem!] }));
    expect(created.shape.data.zodError?.issues).toEqual([{ path: "items.0.annualTarget", message: expect.stringContaining("within 0–100 %, not 120 %") }]);
  });

  test("copy from last year: a 2017 letter for the same member with the same items; copying again is CONFLICT", async () => {
    const [source] = await api.letters.list({ year: 2016, under: "LZ-BQ-V03" });
    expect(source!.assessedUnit).toEqual({ kind: "committeeMember", code: "CM-LZ-BQ-V03" });
    const copy = await api.letters.copyToNextYear({ id: source!.id });
    expect(copy).toMatchObject({ year: 2017, assessedUnit: source!.assessedUnit, version: 1, copiedFrom: source!.id });
    expect(copy.items).toEqual(source!.items);
    expect(copy.id).not.toBe(source!.id);
    const again = await failure(api.letters.copyToNextYear({ id: source!.id }));
    expect(again.error.code).toBe("CONFLICT");
    expect(again.error.message).toContain("A 2017 letter for CM-LZ-BQ-V03 exists already");
  });
});

describe("supervision findings", () => {
  const finding = {
    assessedUnit: { kind: "township" as const, code: "LZ-PC" },
    month: "2016-12",
    itemId: "m2",
    description: "月报表逾期报送 / Monthly report form sent late",
    pointsDeducted: 1,
    rectification: { owner: "平川镇残联 / Pingchuan Township federation", dueDate: "2017-01-15", status: "open" as const, verificationNote: null },
  };

  test("open → rectified → verified with a note, recording who and when; skipping, going back and verifying without a note are refused", async () => {
    const f = await api.supervision.create(finding);
    expect(f).toMatchObject({ rectification: { status: "open" }, rectifiedBy: null, createdBy: DEMO_USER.id });
    const skip = await failure(api.supervision.setStatus({ id: f.id, status: "verified", note: "ok" }));
    expect(skip.error.code).toBe("BAD_REQUEST");
    expect(skip.error.message).toContain("Cannot go from open to verified; from open the next step is rectified");
    const rectified = await api.supervision.setStatus({ id: f.id, status: "rectified" });
    expect(rectified).toMatchObject({ rectification: { status: "rectified" }, rectifiedBy: DEMO_USER.id });
    expect(rectified.rectifiedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const noNote = await failure(api.supervision.setStatus({ id: f.id, status: "verified", note: "  " }));
    expect(noNote.error.message).toContain("a verification needs a note");
    const verified = await api.supervision.setStatus({ id: f.id, status: "verified", note: "复查已整改 / Checked" });
    expect(verified).toMatchObject({ rectification: { status: "verified", verificationNote: "复查已整改 / Checked" }, verifiedBy: DEMO_USER.id });
    const back = await failure(api.supervision.setStatus({ id: f.id, status: "rectified" }));
    expect(back.error.message).toContain("verified is final");
    expect((await api.supervision.get({ id: f.id })).rectification.status).toBe("verified");
  });

  test("a finding against an item the letter lacks is CONFLICT listing the items; without a letter NOT_FOUND", async () => {
    const wrongItem = await failure(api.supervision.create({ ...finding, itemId: "m3" }));
    expect(wrongItem.error.code).toBe("CONFLICT");
    expect(wrongItem.error.message).toContain("has no item \"m3\"; its items: i1, i2, i3, i4, i5, i6, i7, i8, m1, m2, v1");
    expect((await failure(api.supervision.create({ ...finding, month: "2015-12" }))).error.code).toBe("NOT_FOUND");
  });

  test("a due date before the first day of the finding's month is BAD_REQUEST at rectification.dueDate, in English and Chinese", async () => {
    const early = await failure(api.supervision.create({ ...finding, rectification: { ...finding.rectification, dueDate: "2016-11-01" } }));
    expect(early.error.code).toBe("BAD_REQUEST");
    expect(early.shape.data.zodError?.issues).toEqual([
      { path: "rectification.dueDate", message: "the due date 2016-11-01 is before the month found, 2016-12: give 2016-12-01 or later (整改期限 2016-11-01 早于发现问题的月份 2016-12，应不早于 2016-12-01)" },
    ]);
    expect((await api.supervision.list({ kind: "township", code: "LZ-PC", period: "2016-12" })).some((f) => f.rectification.dueDate === "2016-11-01")).toBe(false);
  });

  test("more points than the finding's item carries is BAD_REQUEST at pointsDeducted, naming the item and its points; the item's own points are fine", async () => {
    // LZ-PC's m2 (信息报送) carries 10 points: 25 typed for 2.5 is refused, nothing stored.
    const tooMany = await failure(api.supervision.create({ ...finding, pointsDeducted: 25 }));
    expect(tooMany.error.code).toBe("BAD_REQUEST");
    expect(tooMany.shape.data.zodError?.issues).toEqual([
      { path: "pointsDeducted", message: 'a deduction of 25 points exceeds item m2 "Reporting: monthly report forms sent on time and correct", which carries 10 points (扣分 25 超过项目 m2“信息报送：月报表按时、准确报送” 的分值 10 分)' },
    ]);
    expect((await api.supervision.list({ kind: "township", code: "LZ-PC" })).some((f) => f.pointsDeducted === 25)).toBe(false);
    // An indicator item is named by its indicator: i3 (association coverage) carries 5.
    const indicatorItem = await failure(api.supervision.create({ ...finding, itemId: "i3", pointsDeducted: 5.5 }));
    expect(indicatorItem.shape.data.zodError?.issues[0]?.message).toMatch(/^a deduction of 5\.5 points exceeds item i3 ".+", which carries 5 points \(扣分 5\.5 超过项目 i3“.+” 的分值 5 分\)$/);
    expect((await api.supervision.create({ ...finding, itemId: "i3", pointsDeducted: 5 })).pointsDeducted).toBe(5);
  });

  test("withdraw (撤销): needs a reason and the county's permission, is audited, listed with its reason, refused twice; later runs no longer deduct it, a stored run keeps it", async () => {
    const f = await api.supervision.create({ ...finding, month: "2016-08", itemId: "m1", pointsDeducted: 3, rectification: { ...finding.rectification, dueDate: "2016-09-15" } });
    const before = await api.assessments.run({ year: 2016, quarter: 3, scope: "townships", manualDefault: "full" });
    const pcTotal = async (id: number) => (await api.assessments.get({ id })).results.find((r) => r.assessedCode === "LZ-PC")!.total;
    const snapshotFindingIds = async (id: number) =>
      ((await getRunInputs(db, id)) as { units: { letter: { assessedUnit: { code: string } }; findings: { id: string }[] }[] }).units.find((u) => u.letter.assessedUnit.code === "LZ-PC")!.findings.map((x) => x.id);
    expect(await snapshotFindingIds(before.run.id)).toContain(String(f.id));

    const blank = await failure(api.supervision.withdraw({ id: f.id, reason: "   " }));
    expect(blank.error.code).toBe("BAD_REQUEST");
    expect(blank.shape.data.zodError?.issues).toEqual([{ path: "reason", message: "a withdrawal needs a reason (撤销须填写原因)" }]);
    const officer = createCaller(createContext({ db, tree: await loadOrgUnitTree(db), user: { id: "officer-pc", name: "Officer", role: "township_officer", orgUnits: { capture: ["LZ-PC"], view: [] } } }));
    expect((await failure(officer.supervision.withdraw({ id: f.id, reason: "误录 / Recorded by mistake" }))).error.code).toBe("FORBIDDEN");

    const withdrawn = await api.supervision.withdraw({ id: f.id, reason: " 误录，应为 0.3 分 / Recorded 3 for 0.3 " });
    expect(withdrawn.withdrawal).toMatchObject({ reason: "误录，应为 0.3 分 / Recorded 3 for 0.3", by: DEMO_USER.id });
    expect(withdrawn.withdrawal!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    // Listed, marked, not deleted; not overdue any more; its rectification cannot move.
    expect((await api.supervision.list({ kind: "township", code: "LZ-PC", period: "2016-08" })).find((x) => x.id === f.id)?.withdrawal?.reason).toBe("误录，应为 0.3 分 / Recorded 3 for 0.3");
    expect((await api.supervision.overdue({ asOf: "2016-12-31" })).map((x) => x.id)).not.toContain(f.id);
    expect((await failure(api.supervision.setStatus({ id: f.id, status: "rectified" }))).error.message).toContain(`finding ${f.id} is withdrawn (问题已撤销)`);
    const twice = await failure(api.supervision.withdraw({ id: f.id, reason: "again" }));
    expect(twice.error.code).toBe("CONFLICT");
    expect(twice.error.message).toBe(`Finding ${f.id} is already withdrawn (该问题已撤销)`);
    expect((await api.supervision.get({ id: f.id })).withdrawal?.reason).toBe("误录，应为 0.3 分 / Recorded 3 for 0.3");

    const [entry] = await listAudit(db, { procedure: "supervision.withdraw", entityId: String(f.id) });
    expect(entry).toMatchObject({ actor: DEMO_USER.id, outcome: "ok", entityType: "supervisionFinding", period: null });
    expect(entry!.before).toMatchObject({ id: f.id, withdrawal: null, pointsDeducted: 3 });
    expect(entry!.after).toMatchObject({ id: f.id, withdrawal: { reason: "误录，应为 0.3 分 / Recorded 3 for 0.3" } });

    // A run computed afterwards no longer deducts the 3 points; the stored run keeps the finding and its total.
    const after = await api.assessments.run({ year: 2016, quarter: 3, scope: "townships", manualDefault: "full" });
    expect(await snapshotFindingIds(after.run.id)).not.toContain(String(f.id));
    expect(await pcTotal(after.run.id)).toBeCloseTo((await pcTotal(before.run.id)) + 3, 9);
    expect(await snapshotFindingIds(before.run.id)).toContain(String(f.id));
  });

  test("list by unit and month; overdue rectifications as of a date, oldest due first", async () => {
    expect((await api.supervision.list({ period: "2016-03" })).map((f) => f.assessedUnit.code)).toEqual(["CM-LZ-YN-V05", "LZ-LQ"]);
    expect((await api.supervision.list({ kind: "township", code: "LZ-XH" })).map((f) => f.month)).toEqual(["2016-02", "2016-07", "2016-09", "2016-10", "2016-11"]);
    const overdue = await api.supervision.overdue({ asOf: "2016-12-31" });
    expect(overdue.map((f) => [f.assessedUnit.code, f.rectification.dueDate])).toEqual([
      ["CM-LZ-YN-V05", "2016-05-15"],
      ["LZ-NJY", "2016-06-15"],
      ["CM-LZ-LQ-V01", "2016-08-15"],
      ["LZ-XH", "2016-09-15"],
      ["LZ-NJY", "2016-10-15"],
      ["CM-LZ-YN", "2016-12-15"],
      ["LZ-XH", "2016-12-15"],
    ]);
    expect((await api.supervision.overdue({ asOf: "2016-06-30" })).map((f) => f.rectification.dueDate)).toEqual(["2016-05-15", "2016-06-15"]);
    expect((await api.supervision.overdue({ asOf: "2016-12-31", under: "LZ-NJY" })).map((f) => f.month)).toEqual(["2016-04", "2016-08"]);
    const bad = await failure(api.supervision.overdue({ asOf: "2016-13-01" }));
    expect(bad.shape.data.zodError?.issues[0]?.path).toBe("asOf");
  });
});

describe("assessment runs", () => {
  test("townships, 2016 Q4: 7 ranked results; draft → submitted → reviewed → published, then frozen (its quarter's findings locked); a new revision opens it", async () => {
    const { run, ranking } = await api.assessments.run({ year: 2016, quarter: 4, scope: "townships", manualDefault: "full" });
    expect(run).toMatchObject({ year: 2016, quarter: 4, scope: "townships", scopeOrgUnit: "LZ", revision: 1, status: "draft", createdBy: DEMO_USER.id });
    expect(ranking).toHaveLength(7);
    expect(ranking.every((r) => !r.incomplete && !r.vetoed && r.rank !== null)).toBe(true);
    // Standard competition ranking, by total, ties by code.
    const totals = ranking.map((r) => Number(r.total));
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    ranking.forEach((r, i) => expect(r.rank).toBe(totals.findIndex((t) => t === totals[i]) + 1));
    expect(ranking.filter((r) => r.grade === "excellent").length).toBeLessThanOrEqual(1); // 20 % of 7

    const full = await api.assessments.get({ id: run.id });
    const xh = full.results.find((r) => r.assessedCode === "LZ-XH")!.result;
    // Xinhua's findings of 2016 come off its items: m1 twice (2016-09, 2016-10), m2 (2016-02), i1 (2016-07, 2016-11).
    expect(xh.items.find((i) => i.itemId === "m1")!.deductions).toHaveLength(2);
    expect(xh.items.find((i) => i.itemId === "i1")!.deductions).toHaveLength(2);
    // Actuals are the data values through December, with one line per month.
    const [cataract] = await api.values.list({ indicators: ["cataract_surgeries"], orgUnits: ["LZ-XH"], periods: ["2016"] });
    expect(xh.items.find((i) => i.itemId === "i7")!.explanation.numerator).toBe(cataract!.value);
    expect(xh.items.find((i) => i.itemId === "i7")!.explanation.months).toHaveLength(12);
    // Stored without the months (they are the unit's actuals in the inputs); get puts back exactly those.
    const storedResults = await listResults(db, run.id);
    const storedXh = storedResults.find((r) => r.assessedCode === "LZ-XH")!.result as { items: { kind: string; explanation: { months?: unknown } }[] };
    expect(storedXh.items.filter((i) => i.kind === "indicator").every((i) => i.explanation.months === undefined)).toBe(true);
    expect(storedXh.items.filter((i) => i.kind === "manual").every((i) => Array.isArray(i.explanation.months))).toBe(true);
    const snapshotXh = ((await getRunInputs(db, run.id)) as { units: { letter: { assessedUnit: { code: string } }; actuals: Record<string, { months: unknown[] }> }[] }).units.find((u) => u.letter.assessedUnit.code === "LZ-XH")!;
    expect(xh.items.find((i) => i.itemId === "i7")!.explanation.months).toEqual(snapshotXh.actuals.i7!.months);
    expect(xh.items.find((i) => i.itemId === "m1")!.explanation.months).toEqual([]); // a manual item has none
    // The months are in the lines too: December's cataract surgeries of Xinhua, as the data values give them.
    const [december] = await api.values.list({ indicators: ["cataract_surgeries"], orgUnits: ["LZ-XH"], periods: ["2016-12"] });
    expect(xh.items.find((i) => i.itemId === "i7")!.explanation.lines.zh.some((l) => l.startsWith("2016-12") && l.includes(String(december!.value)))).toBe(true);

    expect((await failure(api.assessments.publish({ id: run.id }))).error.message).toContain("Cannot go from draft to published");
    const submitted = await api.assessments.submit({ id: run.id });
    expect(submitted).toMatchObject({ status: "submitted", submittedBy: DEMO_USER.id });
    // Separation of duties: the submitter may neither review nor publish the run.
    const ownReview = await failure(api.assessments.review({ id: run.id }));
    expect(ownReview.error.code).toBe("FORBIDDEN");
    expect(ownReview.error.message).toBe(`Run ${run.id} was submitted by ${DEMO_USER.id}: another user must review it (本次考核由${DEMO_USER.id}提交，提交人不能审核，须由其他用户审核)`);
    expect((await leader.assessments.review({ id: run.id })).status).toBe("reviewed");
    expect((await failure(api.assessments.publish({ id: run.id }))).error.message).toContain("another user must publish it");
    const published = await leader.assessments.publish({ id: run.id });
    expect(published).toMatchObject({ status: "published", submittedBy: DEMO_USER.id, reviewedBy: LEADER.id, publishedBy: LEADER.id, inputsHash: run.inputsHash });
    // The refusals are on record as denied.
    const denied = await db.query<{ procedure: string; actor: string }>("SELECT procedure, actor FROM audit_log WHERE outcome = 'denied' AND entity_type = 'assessmentRun' ORDER BY id");
    expect(denied.slice(-2)).toEqual([{ procedure: "assessments.review", actor: DEMO_USER.id }, { procedure: "assessments.publish", actor: DEMO_USER.id }]);
    expect((await failure(api.assessments.submit({ id: run.id }))).error.message).toContain("published is final");

    // The stored snapshot hashes to the stored hash; it holds the letters' versions and the findings.
    const stored = (await getRunInputs(db, run.id)) as { units: { letterVersion: number; findings: unknown[] }[] };
    expect(inputsHash(stored)).toBe(run.inputsHash);
    expect(stored.units).toHaveLength(7);
    expect(stored.units.every((u) => u.letterVersion === 1)).toBe(true);

    // A finding in a month of the published quarter is refused, as a data value there is, and so is withdrawing one.
    const late = {
      assessedUnit: { kind: "township" as const, code: "LZ-SH" },
      month: "2016-12",
      itemId: "m1",
      description: "档案不全 / Records incomplete",
      pointsDeducted: 2,
      rectification: { owner: "沙河镇残联", dueDate: "2017-02-15", status: "open" as const, verificationNote: null },
    };
    const locked = await failure(api.supervision.create(late));
    expect(locked.error.code).toBe("BAD_REQUEST");
    expect(locked.shape.data.zodError?.issues).toEqual([
      { path: "month", message: "2016-12 is in the published assessment of 2016 Q4; start a new revision first (2016-12 属于已发布的2016年第4季度考核，须先开始新的修订版本)" },
    ]);
    const octoberFinding = (await api.supervision.list({ kind: "township", code: "LZ-XH", period: "2016-10" }))[0]!;
    const lockedWithdrawal = await failure(api.supervision.withdraw({ id: octoberFinding.id, reason: "误录 / Recorded by mistake" }));
    expect(lockedWithdrawal.error.code).toBe("CONFLICT");
    expect(lockedWithdrawal.error.message).toBe("2016-10 is in the published assessment of 2016 Q4; start a new revision first (2016-10 属于已发布的2016年第4季度考核，须先开始新的修订版本)");
    expect((await api.supervision.get({ id: octoberFinding.id })).withdrawal).toBeNull();

    // Starting a new revision (a run: revision 2, a draft) opens the quarter; the later change (a new finding) and a
    // re-run: revision 3 with another hash; the published run is unchanged.
    expect((await api.assessments.run({ year: 2016, quarter: 4, scope: "townships", manualDefault: "full" })).run.revision).toBe(2);
    await api.supervision.create(late);
    const rerun = await api.assessments.run({ year: 2016, quarter: 4, scope: "townships", manualDefault: "full" });
    expect(rerun.run.revision).toBe(3);
    expect(rerun.run.inputsHash).not.toBe(run.inputsHash);
    const totalOf = async (id: number) => (await api.assessments.get({ id })).results.find((r) => r.assessedCode === "LZ-SH")!.total;
    expect(await totalOf(rerun.run.id)).toBeCloseTo((await totalOf(run.id)) - 2, 9);
    expect((await api.assessments.get({ id: run.id })).ranking).toEqual(ranking);
    expect((await api.assessments.list({ year: 2016, scope: "townships" })).filter((r) => r.quarter === 4).map((r) => [r.revision, r.status])).toEqual([[3, "draft"], [2, "draft"], [1, "published"]]);
  });

  test("without manual scores every unit is incomplete: no grade, no rank", async () => {
    const { ranking } = await api.assessments.run({ year: 2016, quarter: 2, scope: "townships" });
    expect(ranking.every((r) => r.incomplete && r.rank === null && r.grade === null)).toBe(true);
  });

  test("members of a township, Q3: members not yet in post are left out; a village that missed February is incomplete in Q1 only; a veto fails", async () => {
    const { run, ranking, notInPost } = await api.assessments.run({
      year: 2016,
      quarter: 3,
      scope: "townshipMembers",
      township: "LZ-NJY",
      manualDefault: "full",
      vetoes: { "CM-LZ-NJY-V01": [{ itemId: "v1", reason: "数据造假 / Falsified data" }] },
    });
    expect(run.scopeOrgUnit).toBe("LZ-NJY");
    expect(notInPost).toEqual(["CM-LZ-NJY-V08"]);
    expect(ranking).toHaveLength(10);
    const byCode = new Map(ranking.map((r) => [r.code, r]));
    expect(byCode.get("CM-LZ-NJY-V01")).toMatchObject({ vetoed: true, grade: "fail", rank: null });
    // LZ-NJY-V02, -V04, -V07 sent no report for 2016-02: incomplete in Q1, but Q3's months are all reported (and
    // February's flows came with March's report), so they are ranked in Q3.
    for (const c of ["CM-LZ-NJY-V02", "CM-LZ-NJY-V04", "CM-LZ-NJY-V07"]) expect(byCode.get(c)).toMatchObject({ incomplete: false, rank: expect.any(Number) });
    const q1 = new Map((await api.assessments.run({ year: 2016, quarter: 1, scope: "townshipMembers", township: "LZ-NJY", manualDefault: "full" })).ranking.map((r) => [r.code, r]));
    for (const c of ["CM-LZ-NJY-V02", "CM-LZ-NJY-V04", "CM-LZ-NJY-V07"]) expect(q1.get(c)).toMatchObject({ incomplete: true, rank: null });
    expect(byCode.get("CM-LZ-NJY-V03")).toMatchObject({ incomplete: false, vetoed: false, rank: expect.any(Number) });
    const missing = await failure(api.assessments.run({ year: 2016, quarter: 3, scope: "townshipMembers" }));
    expect(missing.shape.data.zodError?.issues[0]?.path).toBe("township");
    // Both halves name the year and the units: the Chinese reader sees the details too (it said only "缺少责任书").
    expect((await failure(api.assessments.run({ year: 2015, quarter: 4, scope: "townships" }))).error.message).toBe(
      "No 2015 letter for LZ-SH, LZ-XH, LZ-LQ, LZ-PC, LZ-BQ, LZ-YN, LZ-NJY (2015年度缺少以下单位的责任书：LZ-SH、LZ-XH、LZ-LQ、LZ-PC、LZ-BQ、LZ-YN、LZ-NJY)",
    );
  });
});

describe("assessment inputs (manual scores, self-scores, commendations, vetoes)", () => {
  const key = { year: 2016, quarter: 2, assessedUnit: { kind: "committeeMember" as const, code: "CM-LZ-SH-V01" } };
  const other = () => createCaller(createContext({ db, tree: undefined as never, user: { id: "assessor-2", name: "Second assessor", role: "county_admin" } }));
  const run = () => api.assessments.run({ year: 2016, quarter: 2, scope: "townshipMembers", township: "LZ-SH" });
  const unitOf = async (runId: number) => {
    const got = await api.assessments.get({ id: runId });
    return { line: got.ranking.find((r) => r.code === key.assessedUnit.code)!, result: got.results.find((r) => r.assessedCode === key.assessedUnit.code)!.result as import("@linze/domain").RankedResult };
  };

  test("set, replace and clear scores, recording who and when; a run reads them", async () => {
    // Nothing stored yet: the member's manual items are not scored, so it is incomplete and says why.
    const before = await unitOf((await run()).run.id);
    expect(before.line).toMatchObject({ incomplete: true, rank: null });
    expect(before.line.incompleteItems.map((i) => [i.itemId, i.reason.en])).toEqual([["m1", "not scored by the assessor"], ["m2", "not scored by the assessor"], ["m3", "not scored by the assessor"], ["v1", "not scored by the assessor"]]);

    await api.assessmentInputs.setManualScore({ ...key, itemId: "m1", points: 14 });
    for (const [itemId, points] of [["m2", 15], ["m3", 8], ["v1", 5]] as const) await api.assessmentInputs.setManualScore({ ...key, itemId, points });
    // A second assessor changes m1: updatedBy changes, createdBy stays.
    const stored = await other().assessmentInputs.setManualScore({ ...key, itemId: "m1", points: 12 });
    expect(stored.manualScores.find((s) => s.itemId === "m1")).toMatchObject({ points: 12, createdBy: DEMO_USER.id, updatedBy: "assessor-2" });
    expect(stored.manualScores.map((s) => s.itemId)).toEqual(["m1", "m2", "m3", "v1"]);
    await api.assessmentInputs.setSelfScore({ ...key, itemId: "m1", points: 15 });
    await api.assessmentInputs.setSelfScore({ ...key, itemId: "m3", points: 9 });
    await api.assessmentInputs.setSelfScore({ ...key, itemId: "m3", points: null });

    const got = await api.assessmentInputs.get(key);
    expect(got.selfScores.map((s) => [s.itemId, s.points, s.updatedBy])).toEqual([["m1", 15, DEMO_USER.id]]);
    expect(got.letter!.assessedUnit).toEqual(key.assessedUnit);
    expect(got.manualScores[0]!.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const { line, result } = await unitOf((await run()).run.id);
    expect(line.incomplete).toBe(false);
    const item = (id: string) => result.items.find((i) => i.itemId === id)!;
    // m1: the assessor's 12 less the February finding of 1.5 points (within January…June) = 10.5.
    expect(item("m1").rawScore!.exact).toBe("12");
    expect(item("m1").score!.display).toBe("10.50");
    expect([item("m2").score!.exact, item("m3").score!.exact, item("v1").score!.exact]).toEqual(["15", "8", "5"]);
    // Self-score 15 against the assessor's 12 before the finding's deduction: 3.00 apart, flagged.
    expect(item("m1").selfScore).toMatchObject({ selfScore: { exact: "15" }, assessed: { exact: "12" }, difference: { display: "3.00" }, flagged: true });
    expect(result.flaggedItems).toEqual(["m1"]);
    // Only m1 is self-scored: the self total is 15, beside the assessor's 12 for it.
    expect([result.selfScoredItems, result.selfTotal!.exact, result.selfComparedTotal!.exact]).toEqual([["m1"], "15", "12"]);
    // The manual part of the total: 12 + 15 + 8 + 5 − 1.5 = 38.5; the indicator items add the rest.
    const indicatorSum = ["i1", "i2", "i3"].reduce((s, id) => s + item(id).score!.value, 0);
    expect(result.total.value).toBeCloseTo(38.5 + indicatorSum, 9);
  });

  test("a commendation adds its points to the bonus; a veto fails the unit; both can be removed", async () => {
    const base = await unitOf((await run()).run.id);
    const c = await api.assessmentInputs.addCommendation({ ...key, reason: "县政府残工委通报表扬 / Commended by the county committee", points: 2 });
    expect(c).toMatchObject({ type: "commendation", points: 2, itemId: null, createdBy: DEMO_USER.id });
    const commended = await unitOf((await run()).run.id);
    // No over-achievement bonus in a member letter: the bonus is the commendation's 2 points (under the cap of 5).
    expect(commended.result.bonus.fromCommendations.exact).toBe("2");
    expect(commended.result.total.value).toBeCloseTo(base.result.total.value + 2, 9);

    const v = await api.assessmentInputs.addVeto({ ...key, itemId: "v1", reason: "演示：虚构的数据造假 / Demo: fictitious falsified data" });
    const vetoed = await unitOf((await run()).run.id);
    expect(vetoed.line).toMatchObject({ vetoed: true, grade: "fail", rank: null });
    await api.assessmentInputs.removeAdjustment({ id: v.id });
    await api.assessmentInputs.removeAdjustment({ id: c.id });
    expect((await unitOf((await run()).run.id)).result.total.exact).toBe(base.result.total.exact);
    expect((await failure(api.assessmentInputs.removeAdjustment({ id: v.id }))).error.code).toBe("NOT_FOUND");
    expect((await api.assessmentInputs.list({ year: 2016, quarter: 2 })).map((u) => u.assessedUnit.code)).toEqual(["CM-LZ-SH-V01"]);
  });

  test("what the letter does not allow is refused with the reason; bad fields name their path", async () => {
    const indicatorItem = await failure(api.assessmentInputs.setManualScore({ ...key, itemId: "i1", points: 10 }));
    expect(indicatorItem.error.code).toBe("BAD_REQUEST");
    expect(indicatorItem.error.message).toContain("scored from the data");
    expect((await failure(api.assessmentInputs.setManualScore({ ...key, itemId: "m1", points: 16 }))).error.message).toContain("outside 0…15");
    expect((await failure(api.assessmentInputs.setSelfScore({ ...key, itemId: "zz", points: 1 }))).error.message).toContain('has no item "zz"');
    expect((await failure(api.assessmentInputs.addVeto({ ...key, itemId: "m1", reason: "x" }))).error.message).toContain("not a veto item");
    expect((await failure(api.assessmentInputs.setManualScore({ ...key, assessedUnit: { kind: "committeeMember", code: "CM-LZ-ZZ" }, itemId: "m1", points: 1 }))).error.code).toBe("NOT_FOUND");
    const negative = await failure(api.assessmentInputs.setManualScore({ ...key, itemId: "m1", points: -1 }));
    expect(negative.shape.data.zodError?.issues[0]?.path).toBe("points");
    const noReason = await failure(api.assessmentInputs.addCommendation({ ...key, reason: "  ", points: 1 }));
    expect(noReason.shape.data.zodError?.issues[0]?.path).toBe("reason");
  });
});
