/**
 * Every procedure declares its permission, and the role × procedure ×
 * (inside scope, outside scope) matrix (issue 5 points 1, 3, 6), generated
 * from a walk of `appRouter._def.procedures` and one sample input per
 * procedure: the expectation comes from ROLE_PERMISSIONS and the kind of
 * scope the procedure has, never written per case. Each call runs in a
 * transaction that is rolled back, so mutations leave nothing behind.
 * Lists that filter rather than refuse are checked for leaks: what a
 * township officer (沙河镇 LZ-SH) or a committee member (CM-LZ-SH-V01,
 * village LZ-SH-V01) gets holds nothing outside their org units. Also the
 * audit row of each kind of mutation.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser, listAudit, loadOrgUnitTree, transactionDatabase, type Database } from "@linze/db";
import { LINZE_DEMO_DIR, openTestDatabase } from "@linze/db/testing";
import type { OrgUnitTree } from "@linze/domain";
import { AUDITED, appRouter, createCaller, createContext, PERMISSIONS, ROLE_PERMISSIONS, ROLES, seedDemoAssessments, type Permission, type Role, type User } from "../src/index.ts";

let db: Database;
let tree: OrgUnitTree;

const USERS: Record<Role, User> = {
  county_admin: { id: "m-admin", name: "matrix admin", role: "county_admin" },
  county_leader: { id: "m-leader", name: "matrix leader", role: "county_leader" },
  township_officer: { id: "m-officer", name: "matrix officer", role: "township_officer", orgUnits: { capture: ["LZ-SH"], view: ["LZ-SH"] } },
  committee_member: { id: "m-member", name: "matrix member", role: "committee_member", committeeMember: "CM-LZ-SH-V01", orgUnits: { capture: ["LZ-SH-V01"], view: ["LZ-SH-V01"] } },
  auditor: { id: "m-auditor", name: "matrix auditor", role: "auditor" },
};

/** What a scoped role may see: a code (org unit or member post) inside the officer's township or the member's village. */
const INSIDE: Partial<Record<Role, (code: string) => boolean>> = {
  township_officer: (c) => c === "LZ-SH" || c.startsWith("LZ-SH-") || c === "CM-LZ-SH" || c.startsWith("CM-LZ-SH-"),
  committee_member: (c) => c === "LZ-SH-V01" || c === "CM-LZ-SH-V01",
};

/**
 * The scope a procedure has: `none` (the permission alone decides), `view`
 * or `capture` (org units named in the input), `unit` (an assessed unit seen
 * in detail), `act` (acting for an assessed unit), `filter` (a list narrowed
 * to what the caller may see; checked with `leak`), `rows` (a file's rows
 * checked one by one against the capture set: the call is allowed and the
 * rows outside are refused — `rowsRefused` finds that in a dry run's output,
 * `rowsError` is a commit's outcome).
 */
type Scope = "none" | "view" | "capture" | "unit" | "act" | "filter" | "rows";
interface Sample {
  readonly scope: Scope;
  readonly inside: (role: Role) => unknown;
  readonly outside?: (role: Role) => unknown;
  /** Codes of org units / member posts in the output (for `filter`). */
  readonly leak?: (output: never) => string[];
  /** An allowed call's expected error code, when the sample cannot succeed (e.g. no password for a system identity). */
  readonly allowedError?: string;
  /** `rows`: whether the output refuses the rows outside the caller's capture set. */
  readonly rowsRefused?: (output: never) => boolean;
  /** `rows`: the outcome of a call whose rows are outside the caller's capture set, when not "ok". */
  readonly rowsError?: string;
}

const ids = {} as {
  letterSH: number; letterXH: number; letterMember: number; letterMemberXH: number;
  findingSH: number; findingXH: number; findingMember: number;
  runDraft: number; runSubmitted: number; runReviewed: number; runPublished: number; runMembers: number;
  adjustment: number; user: number; memberVersion: number; letterVersion: number;
};

const csv = (orgUnit: string) => Buffer.from(`org_unit,period,data_element,value\n${orgUnit},2016-12,cataract_surgeries,1\n`);
const fileInput = (orgUnit: string) => ({ fileName: "m.csv", contentBase64: csv(orgUnit).toString("base64") });
const commitInput = (orgUnit: string) => ({ ...fileInput(orgUnit), expectedSha256: createHash("sha256").update(csv(orgUnit)).digest("hex") });
const unitQ = (kind: "township" | "committeeMember", code: string) => ({ year: 2016, quarter: 4, assessedUnit: { kind, code } });
/** The own unit of a role: the member's post for a member, 沙河镇 otherwise. */
const ownUnit = (role: Role) => (role === "committee_member" ? unitQ("committeeMember", "CM-LZ-SH-V01") : unitQ("township", "LZ-SH"));
const ownLetter = (role: Role) => (role === "committee_member" ? ids.letterMember : ids.letterSH);
const ownFinding = (role: Role) => (role === "committee_member" ? ids.findingMember : ids.findingSH);
const memberOf = (m: { orgUnit: string }) => [m.orgUnit];
const unitsOf = (xs: { assessedUnit: { code: string } }[]) => xs.map((x) => x.assessedUnit.code);

const SAMPLES: Record<string, Sample> = {
  "catalogue.orgUnits": { scope: "none", inside: () => undefined },
  "catalogue.dataElements": { scope: "none", inside: () => undefined },
  "catalogue.indicators": { scope: "none", inside: () => undefined },
  "values.list": {
    scope: "view",
    inside: (r) => ({ indicators: ["cataract_surgeries"], orgUnits: [r === "committee_member" ? "LZ-SH-V01" : "LZ-SH-V02"], periods: ["2016"] }),
    outside: () => ({ indicators: ["cataract_surgeries"], orgUnits: ["LZ-XH-V01"], periods: ["2016"] }),
  },
  "snapshot.get": { scope: "filter", inside: () => undefined, leak: (s: { dataValues: { orgUnit: string[] } }) => [...new Set(s.dataValues.orgUnit)] },
  "snapshot.header": { scope: "filter", inside: () => undefined, leak: (s: { summaryOnly?: string[] }) => s.summaryOnly ?? [] },
  "meta.latestPeriod": { scope: "none", inside: () => undefined },
  "meta.source": { scope: "none", inside: () => undefined },
  "meta.me": { scope: "none", inside: () => undefined },
  "members.list": { scope: "filter", inside: () => ({}), leak: (ms: { orgUnit: string }[]) => ms.flatMap(memberOf) },
  "members.get": { scope: "unit", inside: () => ({ code: "CM-LZ-SH-V01" }), outside: () => ({ code: "CM-LZ-XH-V01" }) },
  "members.create": { scope: "none", inside: () => ({ code: "CM-LZ-SH-V99", name: "测试委员（演示）", orgUnit: "LZ-SH-V01", inPostFrom: "2016-01", inPostTo: null }) },
  "members.update": { scope: "none", inside: () => ({ code: "CM-LZ-SH-V01", name: "改名（演示）", orgUnit: "LZ-SH-V01", inPostFrom: "2015-09", inPostTo: null, version: ids.memberVersion }) },
  "letters.list": { scope: "filter", inside: () => ({ year: 2016 }), leak: unitsOf as never },
  "letters.get": { scope: "unit", inside: (r) => ({ id: ownLetter(r) }), outside: () => ({ id: ids.letterXH }) },
  "letters.create": { scope: "none", inside: () => ({ year: 2018, assessedUnit: { kind: "township", code: "LZ-SH" }, items: [{ id: "m1", kind: "manual", titleZh: "测试", titleEn: "Test", points: 100, veto: false }] }) },
  "letters.update": { scope: "none", inside: () => ({ id: ids.letterSH, version: ids.letterVersion, items: [{ id: "m1", kind: "manual", titleZh: "测试", titleEn: "Test", points: 100, veto: false }] }) },
  "letters.copyToNextYear": { scope: "none", inside: () => ({ id: ids.letterSH }) },
  "supervision.list": { scope: "filter", inside: () => ({ period: "2016" }), leak: unitsOf as never },
  "supervision.get": { scope: "unit", inside: (r) => ({ id: ownFinding(r) }), outside: () => ({ id: ids.findingXH }) },
  "supervision.create": { scope: "none", inside: () => ({ assessedUnit: { kind: "township", code: "LZ-SH" }, month: "2016-11", itemId: "m1", description: "测试", pointsDeducted: 1, rectification: { owner: "x", dueDate: "2016-12-31", status: "open", verificationNote: null } }) },
  "supervision.setStatus": { scope: "act", inside: (r) => ({ id: ownFinding(r), status: "rectified", note: null }), outside: () => ({ id: ids.findingXH, status: "rectified", note: null }) },
  "supervision.withdraw": { scope: "none", inside: () => ({ id: ids.findingSH, reason: "误录（演示）" }) },
  "supervision.overdue": { scope: "filter", inside: () => ({ asOf: "2017-12-31" }), leak: unitsOf as never },
  "assessments.run": { scope: "none", inside: () => ({ year: 2016, quarter: 4, scope: "townshipMembers", township: "LZ-SH" }) },
  "assessments.list": { scope: "none", inside: () => ({ year: 2016 }) },
  "assessments.get": {
    scope: "filter",
    inside: () => ({ id: ids.runMembers }),
    leak: (g: { ranking: { orgUnit: string; code: string }[]; results: { orgUnit: string; assessedCode: string }[] }) => [...g.ranking.map((r) => r.code), ...g.results.map((r) => r.assessedCode)],
  },
  "assessments.submit": { scope: "none", inside: () => ({ id: ids.runDraft }) },
  "assessments.review": { scope: "none", inside: () => ({ id: ids.runSubmitted }) },
  "assessments.publish": { scope: "none", inside: () => ({ id: ids.runReviewed }) },
  "assessments.itemDataValues": {
    scope: "unit",
    inside: (r) => (r === "committee_member" ? { runId: ids.runMembers, unitCode: "CM-LZ-SH-V01", itemId: "i2" } : { runId: ids.runPublished, unitCode: "LZ-SH", itemId: "i2" }),
    outside: () => ({ runId: ids.runPublished, unitCode: "LZ-XH", itemId: "i2" }),
  },
  "assessmentInputs.get": { scope: "unit", inside: ownUnit, outside: () => unitQ("township", "LZ-XH") },
  "assessmentInputs.list": { scope: "filter", inside: () => ({ year: 2016, quarter: 1 }), leak: unitsOf as never },
  "assessmentInputs.setManualScore": { scope: "none", inside: () => ({ ...unitQ("township", "LZ-SH"), itemId: "m1", points: 1 }) },
  "assessmentInputs.setSelfScore": { scope: "act", inside: (r) => ({ ...ownUnit(r), itemId: "m1", points: 1 }), outside: () => ({ ...unitQ("township", "LZ-XH"), itemId: "m1", points: 1 }) },
  "assessmentInputs.addCommendation": { scope: "none", inside: () => ({ ...unitQ("township", "LZ-SH"), reason: "测试", points: 1 }) },
  "assessmentInputs.addVeto": { scope: "none", inside: () => ({ ...unitQ("township", "LZ-SH"), itemId: "v1", reason: "测试" }) },
  "assessmentInputs.removeAdjustment": { scope: "none", inside: () => ({ id: ids.adjustment }) },
  "quality.completeness": {
    scope: "filter",
    inside: () => ({ year: 2016, asOf: "2017-01-31" }),
    leak: (c: { townships: { orgUnit: string; months: { villagesMissing: string[] }[] }[]; county: { orgUnit: string } | null }) => [
      ...c.townships.map((t) => t.orgUnit),
      ...c.townships.flatMap((t) => t.months.flatMap((m) => m.villagesMissing)),
      ...(c.county ? [c.county.orgUnit] : []),
    ],
  },
  "quality.validation": {
    scope: "view",
    inside: (r) => ({ period: "2016-03", orgUnit: r === "committee_member" ? "LZ-SH-V01" : "LZ-SH" }),
    outside: () => ({ period: "2016-03", orgUnit: "LZ-XH" }),
  },
  "quality.settings": { scope: "none", inside: () => undefined },
  "quality.setDueDay": { scope: "none", inside: () => ({ day: 12 }) },
  "dataEntry.form": { scope: "view", inside: () => ({ orgUnit: "LZ-SH-V01", period: "2016-12" }), outside: () => ({ orgUnit: "LZ-XH-V01", period: "2016-12" }) },
  "dataEntry.save": {
    scope: "capture",
    inside: () => ({ orgUnit: "LZ-SH-V01", period: "2016-12", values: { cataract_surgeries: "7" } }),
    outside: () => ({ orgUnit: "LZ-XH-V01", period: "2016-12", values: { cataract_surgeries: "7" } }),
  },
  "dataValues.history": {
    scope: "view",
    inside: () => ({ orgUnit: "LZ-SH-V01", period: "2016-12", dataElement: "cataract_surgeries" }),
    outside: () => ({ orgUnit: "LZ-XH-V01", period: "2016-12", dataElement: "cataract_surgeries" }),
  },
  "imports.dryRun": {
    scope: "rows",
    inside: () => fileInput("LZ-SH-V01"),
    outside: () => fileInput("LZ-XH-V01"),
    rowsRefused: (s: { canCommit: boolean; problems: { code: string; row: number; column: string | null; value: string | null }[] }) =>
      !s.canCommit && s.problems.some((p) => p.code === "outside_capture" && p.row === 2 && p.column === "A" && p.value === "LZ-XH-V01"),
  },
  "imports.commit": { scope: "rows", inside: () => commitInput("LZ-SH-V01"), outside: () => commitInput("LZ-XH-V01"), rowsError: "BAD_REQUEST" },
  "imports.list": { scope: "none", inside: () => undefined },
  "mappings.list": { scope: "none", inside: () => undefined },
  "mappings.get": { scope: "none", inside: () => ({ name: "矩阵测试" }) },
  // The caller's own mapping inside; the administrator's outside (only the county-wide capturer may change another's).
  "mappings.save": { scope: "capture", inside: (r) => ({ name: r === "township_officer" ? "矩阵测试-乡镇" : "矩阵测试", mapping: { 村名: "orgUnit" } }), outside: () => ({ name: "矩阵测试", mapping: { 村名: "orgUnit" } }) },
  "mappings.remove": { scope: "capture", inside: (r) => ({ name: r === "township_officer" ? "矩阵测试-乡镇" : "矩阵测试" }), outside: () => ({ name: "矩阵测试" }) },
  "account.me": { scope: "none", inside: () => undefined },
  // A system identity has no password: the permission passes, the procedure says so.
  "account.changePassword": { scope: "none", inside: () => ({ currentPassword: "x", newPassword: "0123456789ab" }), allowedError: "BAD_REQUEST" },
  "users.list": { scope: "none", inside: () => undefined },
  "users.get": { scope: "none", inside: () => ({ id: ids.user }) },
  "users.names": { scope: "none", inside: () => ({ ids: ["target", "dataset-loader"] }) },
  "users.create": { scope: "none", inside: () => ({ username: "new-user", displayName: "新用户", role: "auditor" }) },
  "users.update": { scope: "none", inside: () => ({ id: ids.user, displayName: "改名" }) },
  "users.setDisabled": { scope: "none", inside: () => ({ id: ids.user, disabled: true }) },
  "users.resetPassword": { scope: "none", inside: () => ({ id: ids.user }) },
  "audit.list": { scope: "none", inside: () => ({}) },
};

type Procedures = Record<string, { _def: { type: "query" | "mutation"; meta?: { permission?: Permission } } }>;
const procedures = appRouter._def.procedures as unknown as Procedures;
const paths = Object.keys(procedures).sort();

beforeAll(async () => {
  db = await openTestDatabase(LINZE_DEMO_DIR);
  tree = await loadOrgUnitTree(db);
  await seedDemoAssessments(db, tree, LINZE_DEMO_DIR);
  const admin = createCaller(createContext({ db, tree }));
  const letters = await admin.letters.list({ year: 2016 });
  const letter = (code: string) => letters.find((l) => l.assessedUnit.code === code)!;
  ids.letterSH = letter("LZ-SH").id;
  ids.letterVersion = letter("LZ-SH").version;
  ids.letterXH = letter("LZ-XH").id;
  ids.letterMember = letter("CM-LZ-SH-V01").id;
  ids.letterMemberXH = letter("CM-LZ-XH-V01").id;
  const finding = async (kind: "township" | "committeeMember", code: string) =>
    (await admin.supervision.create({ assessedUnit: { kind, code }, month: "2016-10", itemId: "m1", description: "矩阵测试（演示）", pointsDeducted: 1, rectification: { owner: "x", dueDate: "2016-11-30", status: "open", verificationNote: null } })).id;
  ids.findingSH = await finding("township", "LZ-SH");
  ids.findingXH = await finding("township", "LZ-XH");
  ids.findingMember = await finding("committeeMember", "CM-LZ-SH-V01");
  const runs = await admin.assessments.list({ year: 2016 });
  const run = (quarter: number, scope: string, status: string) => runs.find((r) => r.quarter === quarter && r.scope === scope && r.status === status)!.id;
  ids.runDraft = run(4, "townships", "draft");
  ids.runPublished = run(3, "townships", "published");
  ids.runMembers = run(3, "countyMembers", "published");
  ids.runSubmitted = run(4, "countyMembers", "draft");
  await admin.assessments.submit({ id: ids.runSubmitted });
  const rerun = await admin.assessments.run({ year: 2016, quarter: 3, scope: "townships" });
  ids.runReviewed = rerun.run.id;
  await admin.assessments.submit({ id: ids.runReviewed });
  // Reviewed by someone other than its submitter (separation of duties).
  await createCaller(createContext({ db, tree, user: USERS.county_leader })).assessments.review({ id: ids.runReviewed });
  ids.adjustment = (await admin.assessmentInputs.addCommendation({ ...unitQ("township", "LZ-SH"), reason: "矩阵测试", points: 1 })).id;
  ids.memberVersion = (await admin.members.get({ code: "CM-LZ-SH-V01" })).version;
  ids.user = (await createUser(db, { username: "target", displayName: "目标用户", role: "auditor", passwordHash: "x", mustChangePassword: false }, "test")).id;
  await admin.mappings.save({ name: "矩阵测试", mapping: { 村: "orgUnit" } });
  await createCaller(createContext({ db, tree, user: USERS.township_officer })).mappings.save({ name: "矩阵测试-乡镇", mapping: { 村: "orgUnit" } });
}, 240_000);
afterAll(() => db.close());

const ROLLBACK = new Error("rollback");

type AuditRow = {
  procedure: string;
  actor: string;
  outcome: string;
  entity_type: string | null;
  entity_id: string | null;
  before: unknown;
  after: unknown;
};

/**
 * Calls `path` as `user` in a transaction that is rolled back: "ok", the
 * error code, the output, and the newest audit row as the transaction saw it
 * before the rollback.
 */
async function attempt(user: User, path: string, input: unknown): Promise<{ outcome: string; output: unknown; audit?: AuditRow }> {
  let result: { outcome: string; output: unknown; audit?: AuditRow } = { outcome: "none", output: undefined };
  await db
    .transaction(async (tx) => {
      const caller = createCaller(createContext({ db: transactionDatabase(db, tx), tree, user })) as unknown as Record<string, Record<string, (i: unknown) => Promise<unknown>>>;
      const [router, name] = path.split(".") as [string, string];
      try {
        result = { outcome: "ok", output: await caller[router]![name]!(input) };
      } catch (e) {
        result = { outcome: (e as { code?: string }).code ?? String(e), output: undefined };
      }
      if (result.outcome === "ok") result.audit = (await tx.query<AuditRow>("SELECT procedure, actor, outcome, entity_type, entity_id, before, after FROM audit_log ORDER BY id DESC LIMIT 1"))[0];
      throw ROLLBACK;
    })
    .catch((e: unknown) => {
      if (e !== ROLLBACK) throw e;
    });
  return result;
}

const WIDE: Record<Exclude<Scope, "none" | "filter">, readonly Role[]> = {
  view: ["county_admin", "county_leader", "auditor"],
  unit: ["county_admin", "county_leader", "auditor"],
  capture: ["county_admin"],
  act: ["county_admin"],
  rows: ["county_admin"],
};

describe("every procedure declares a permission", () => {
  test("the router walk: each of the procedures has meta.permission from the list, a sample input, and (mutations) an audit spec", () => {
    expect(paths.length).toBeGreaterThanOrEqual(59);
    const missing = paths.filter((p) => !PERMISSIONS.includes(procedures[p]!._def.meta?.permission as Permission));
    expect(missing).toEqual([]);
    expect(paths.filter((p) => !SAMPLES[p])).toEqual([]);
    expect(Object.keys(SAMPLES).filter((p) => !paths.includes(p))).toEqual([]);
    const mutations = paths.filter((p) => procedures[p]!._def.type === "mutation");
    expect(mutations.filter((p) => !AUDITED[p])).toEqual([]);
  });

  test("a procedure without a permission is refused for everyone, the administrator included", async () => {
    const { protectedProcedure, router, createCallerFactory } = await import("../src/trpc.ts");
    const bare = router({ secret: protectedProcedure.query(() => "leaked") });
    const call = createCallerFactory(bare)(createContext({ db, tree }));
    await expect(call.secret()).rejects.toMatchObject({ code: "FORBIDDEN", message: "secret declares no permission (该接口未声明权限)" });
  });
});

describe("role × procedure × scope", () => {
  const cases = paths.flatMap((path) => ROLES.flatMap((role) => (["inside", "outside"] as const).map((where) => ({ path, role, where }))));

  test.each(ROLES)("%s: every procedure inside and outside its scope is allowed or refused as the role table says", async (role) => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const path of paths) {
      const sample = SAMPLES[path]!;
      const permission = procedures[path]!._def.meta!.permission!;
      const granted = ROLE_PERMISSIONS[role].includes(permission);
      for (const where of ["inside", "outside"] as const) {
        const input = where === "inside" ? sample.inside(role) : sample.outside?.(role);
        if (where === "outside" && !sample.outside) continue;
        const rowsRefused = granted && where === "outside" && sample.scope === "rows" && !WIDE.rows.includes(role);
        const expectAllowed = granted && (where === "inside" || sample.scope === "none" || sample.scope === "filter" || sample.scope === "rows" || WIDE[sample.scope].includes(role));
        const { outcome, output } = await attempt(USERS[role], path, input);
        checked++;
        const allowed = outcome !== "FORBIDDEN" && outcome !== "UNAUTHORIZED";
        const wanted = expectAllowed ? (rowsRefused ? (sample.rowsError ?? "ok") : (sample.allowedError ?? "ok")) : "FORBIDDEN";
        if (outcome !== wanted) mismatches.push(`${path} ${where}: expected ${wanted}, got ${outcome}${allowed && expectAllowed ? "" : ""}`);
        if (rowsRefused && outcome === "ok" && sample.rowsRefused && !sample.rowsRefused(output as never)) mismatches.push(`${path} ${where}: the rows outside were not refused`);
        const inside = INSIDE[role];
        if (outcome === "ok" && sample.leak && inside) {
          const leaked = sample.leak(output as never).filter((c) => !inside(c));
          // A township officer sees every township's ranking line and the county's and every township's totals in the
          // snapshot (comparison), never another township's members or villages.
          const tolerated =
            role === "township_officer" && path === "assessments.get" ? leaked.filter((c) => !c.startsWith("CM-"))
            : role === "township_officer" && (path === "snapshot.get" || path === "snapshot.header" || path === "quality.completeness") ? leaked.filter((c) => tree.has(c) && tree.get(c).level <= 2)
            // The member's township's report line (their village's counts only): the line is named by the township.
            : role === "committee_member" && path === "quality.completeness" ? leaked.filter((c) => c === "LZ-SH")
            : [];
          if (leaked.length > tolerated.length) mismatches.push(`${path}: leaked ${leaked.filter((c) => !tolerated.includes(c)).slice(0, 5).join(", ")}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(paths.length);
    expect(cases.length).toBe(paths.length * ROLES.length * 2);
  }, 300_000);

  test("filters narrow what scoped roles get: the officer's members are 沙河镇's, the member's letters only the own", async () => {
    const officerMembers = (await attempt(USERS.township_officer, "members.list", {})).output as { code: string }[];
    expect(officerMembers.length).toBe(tree.subtree("LZ-SH").length);
    expect(officerMembers.every((m) => m.code.startsWith("CM-LZ-SH"))).toBe(true);
    const memberLetters = (await attempt(USERS.committee_member, "letters.list", { year: 2016 })).output as { assessedUnit: { code: string } }[];
    expect(memberLetters.map((l) => l.assessedUnit.code)).toEqual(["CM-LZ-SH-V01"]);
    const ranking = ((await attempt(USERS.township_officer, "assessments.get", { id: ids.runPublished })).output as { ranking: { code: string }[]; results: { assessedCode: string }[] });
    expect(ranking.ranking).toHaveLength(7);
    expect(ranking.results.map((r) => r.assessedCode)).toEqual(["LZ-SH"]);
    const snapshot = (await attempt(USERS.committee_member, "snapshot.get", undefined)).output as { orgUnits: { code: string }[]; dataValues: { orgUnit: string[] } };
    expect(snapshot.orgUnits.map((u) => u.code)).toEqual(["LZ", "LZ-SH", "LZ-SH-V01"]);
    expect(new Set(snapshot.dataValues.orgUnit)).toEqual(new Set(["LZ-SH-V01"]));
  });
});

describe("the audit row of each kind of mutation", () => {
  test("every mutation of the router, done by an administrator, writes its row in its own transaction: procedure, actor, entity and id, after", async () => {
    const problems: string[] = [];
    const mutations = paths.filter((p) => procedures[p]!._def.type === "mutation");
    for (const path of mutations) {
      const sample = SAMPLES[path]!;
      const { outcome, audit } = await attempt(USERS.county_admin, path, sample.inside("county_admin"));
      if (outcome !== (sample.allowedError ?? "ok")) problems.push(`${path}: ${outcome}`);
      if (outcome !== "ok") continue;
      const spec = AUDITED[path]!;
      if (audit?.procedure !== path || audit.actor !== "m-admin" || audit.outcome !== "ok" || audit.entity_type !== spec.entity) problems.push(`${path}: row ${JSON.stringify(audit).slice(0, 200)}`);
      // An id wherever the spec says how to get one (a dry run changes nothing and has none).
      else if (path !== "imports.dryRun" && audit.entity_id === null) problems.push(`${path}: no entity id`);
      else if (audit.after === null) problems.push(`${path}: no after-state`);
      else if (spec.before && audit.before === null) problems.push(`${path}: no before-state`);
    }
    expect(problems).toEqual([]);
    expect(mutations.length).toBeGreaterThanOrEqual(27);
  });

  test("who, when, the procedure, the entity and before → after, in the mutation's transaction", async () => {
    const admin = createCaller(createContext({ db, tree, user: USERS.county_admin }));
    const started = Date.now();
    await admin.dataEntry.save({ orgUnit: "LZ-SH-V02", period: "2016-12", values: { cataract_surgeries: "4" } });
    const [save] = await listAudit(db, { actor: "m-admin", procedure: "dataEntry.save" });
    expect(save).toMatchObject({ actorRole: "county_admin", outcome: "ok", entityType: "dataValues", entityId: "LZ-SH-V02:2016-12", period: "2016-12" });
    expect(Date.parse(save!.at)).toBeGreaterThanOrEqual(started - 1000);
    expect(save!.after).toMatchObject({ values: { cataract_surgeries: "4" }, counts: expect.any(Object) });
    const previous = (save!.before as Record<string, number | null>).cataract_surgeries;
    await admin.dataEntry.save({ orgUnit: "LZ-SH-V02", period: "2016-12", values: { cataract_surgeries: "5" } });
    const [second] = await listAudit(db, { actor: "m-admin", procedure: "dataEntry.save" });
    expect([second!.before, previous === undefined]).toEqual([{ cataract_surgeries: 4 }, false]);

    await admin.letters.update({ id: ids.letterMemberXH, version: (await admin.letters.get({ id: ids.letterMemberXH })).version, items: [{ id: "m1", kind: "manual", titleZh: "审计测试", titleEn: "Audit test", points: 100, veto: false }] });
    const [letter] = await listAudit(db, { actor: "m-admin", entityType: "letter" });
    expect(letter).toMatchObject({ procedure: "letters.update", entityId: String(ids.letterMemberXH) });
    expect((letter!.before as { items: unknown[] }).items.length).toBeGreaterThan(1);
    expect((letter!.after as { items: unknown[] }).items).toHaveLength(1);

    await admin.assessments.submit({ id: ids.runDraft });
    const [run] = await listAudit(db, { actor: "m-admin", entityType: "assessmentRun" });
    expect(run).toMatchObject({ procedure: "assessments.submit", entityId: String(ids.runDraft), before: { status: "draft" }, after: { status: "submitted" }, period: null });
    expect(JSON.stringify(run!.after)).not.toContain('"inputs"');

    const created = await admin.users.create({ username: "audited", displayName: "审计对象", role: "auditor" });
    const [user] = await listAudit(db, { actor: "m-admin", entityType: "user" });
    expect(user).toMatchObject({ procedure: "users.create", entityId: "audited", after: { username: "audited", role: "auditor" } });
    expect(JSON.stringify(user)).not.toContain(created.temporaryPassword);

    await admin.imports.dryRun(fileInput("LZ-SH-V03"));
    const [dry] = await listAudit(db, { actor: "m-admin", entityType: "import" });
    expect(dry!.input).toMatchObject({ fileName: "m.csv", contentBase64: expect.stringMatching(/^\[file, \d+ bytes, not recorded\]$/) });

    await admin.quality.setDueDay({ day: 9 });
    const [setting] = await listAudit(db, { actor: "m-admin", entityType: "setting" });
    expect(setting).toMatchObject({ before: { day: 10 }, after: { reportDueDay: { day: 9 } } });
  });

  test("a failed mutation leaves neither its change nor an ok row; a refused one leaves a denied row", async () => {
    const officer = createCaller(createContext({ db, tree, user: USERS.township_officer }));
    const before = (await listAudit(db, { actor: "m-officer" })).length;
    await expect(officer.dataEntry.save({ orgUnit: "LZ-SH-V01", period: "2016-12", values: { cataract_surgeries: "-1" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(officer.dataEntry.save({ orgUnit: "LZ-XH-V01", period: "2016-12", values: { cataract_surgeries: "1" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(officer.users.create({ username: "nope", displayName: "x", role: "auditor" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const rows = await listAudit(db, { actor: "m-officer" });
    expect(rows.length - before).toBe(2);
    expect(rows.slice(0, 2).map((r) => [r.procedure, r.outcome])).toEqual([["users.create", "denied"], ["dataEntry.save", "denied"]]);
  });
});

describe("users.create: the system's own identities", () => {
  test("a username the system records changes under (system, dataset-loader, …; any case, spaces trimmed) is BAD_REQUEST in both languages and no account is made; a near name is fine", async () => {
    const admin = createCaller(createContext({ db, tree, user: USERS.county_admin }));
    for (const username of ["system", "Dataset-Loader", " anonymous ", "local-admin", "demo-assessor", "demo-reviewer"]) {
      const refused = admin.users.create({ username, displayName: "冒名", role: "auditor" });
      await expect(refused).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await expect(refused).rejects.toThrow(/reserved for the system's own records.*系统保留/);
    }
    const [row] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE username IN ('system', 'dataset-loader', 'anonymous', 'local-admin', 'demo-assessor', 'demo-reviewer')");
    expect(row!.n).toBe(0);
    const near = await admin.users.create({ username: "system2", displayName: "系统管理员二", role: "auditor" });
    expect(near.user.username).toBe("system2");
  });
});

describe("audit.list's filter", () => {
  test("an unknown key is BAD_REQUEST naming it and the known filters, in English and Chinese; the known keys still filter", async () => {
    const auditor = createCaller(createContext({ db, tree, user: USERS.auditor }));
    // A misspelt "actor" used to be ignored: the answer was every row, as if no filter had been asked for.
    const error = await auditor.audit.list({ actr: "m-officer", limit: 5 } as never).then(
      () => expect.fail("expected BAD_REQUEST"),
      (e: unknown) => e as { code: string; cause: { issues: { message: string }[] } },
    );
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause.issues.map((i) => i.message)).toEqual([
      'unknown audit filter "actr"; the filters are actor, entityType, entityId, procedure, period, from, to, outcome, beforeId, limit (未知的审计日志筛选条件“actr”；可用的筛选条件为 actor、entityType、entityId、procedure、period、from、to、outcome、beforeId、limit)',
    ]);
    const rows = await auditor.audit.list({ actor: "m-officer" });
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.actor))).toEqual(new Set(["m-officer"]));
  });
});

describe("users.names", () => {
  test("the display names of the usernames that are accounts, for anyone who reads records; system identities and unknown names left out", async () => {
    const member = createCaller(createContext({ db, tree, user: USERS.committee_member }));
    // The audit log and the *_by columns hold usernames ("target") and system identities ("dataset-loader", "demo-self:LZ-SH").
    expect(await member.users.names({ ids: ["target", "dataset-loader", "demo-self:LZ-SH", "nobody", "target"] })).toEqual([{ id: "target", displayName: "目标用户" }]);
    expect(await member.users.names({ ids: [] })).toEqual([]);
    await expect(member.users.names({ ids: Array.from({ length: 501 }, (_, i) => `u${i}`) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
