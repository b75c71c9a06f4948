/**
 * Demo seeding (issue 3): on the first start of a database with no
 * assessment runs and no entered inputs, writes the dataset's
 * `assessment_inputs_<year>.json` and takes every quarter through the real
 * workflow with the API's own procedures — run, then submit, review and
 * publish by three demo users — for the townships and for all committee
 * members (county scope). Every quarter but the file's last is published; the
 * last stays a draft. All of it is one transaction: a failure leaves nothing
 * behind, and a restart (runs exist) does nothing.
 */
import { hasStoredAssessmentInputs, insertQuarterInputs, readQuarterInputs, transactionDatabase, type Database, type Queryable, type StoredRun } from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";
import { createContext, type User } from "./context.ts";
import { createCaller } from "./root.ts";

/** Enters the manual scores, commendations and vetoes and runs and submits the assessments. */
export const DEMO_ASSESSOR: User = { id: "demo-assessor", name: "县残联考核组（演示）/ County assessment team (demo)", role: "county_admin" };
/** Reviews submitted runs. */
export const DEMO_REVIEWER: User = { id: "demo-reviewer", name: "县残联理事长（演示）/ County federation chair (demo)", role: "county_admin" };
/** Publishes reviewed runs. */
export const DEMO_LEADER: User = { id: "demo-leader", name: "县政府残工委（演示）/ County disability-work committee (demo)", role: "county_leader" };
/** The user id recorded for a unit's self-scores. */
export const demoSelfUser = (unitCode: string) => `demo-self:${unitCode}`;

export const DEMO_SEED_SCOPES = ["townships", "countyMembers"] as const;

export interface DemoSeedResult {
  readonly scores: number;
  readonly adjustments: number;
  /** In the order made: by year, quarter, then townships before members. */
  readonly runs: readonly StoredRun[];
}

async function alreadyAssessed(db: Queryable): Promise<boolean> {
  const [r] = await db.query<{ has: boolean }>("SELECT EXISTS (SELECT 1 FROM assessment_runs) AS has");
  return r?.has === true || (await hasStoredAssessmentInputs(db));
}

/**
 * Seeds the demo assessments from `datasetDir` (see the module comment);
 * returns what it wrote, or null when there is nothing to do (no inputs
 * file, or the database already has runs or entered inputs). Throws
 * DatasetError for a bad file, and the procedures' errors (e.g. an input
 * the letter does not allow) — with nothing written.
 */
export async function seedDemoAssessments(db: Database, tree: OrgUnitTree, datasetDir: string): Promise<DemoSeedResult | null> {
  const inputs = await readQuarterInputs(datasetDir);
  if (inputs.length === 0 || (await alreadyAssessed(db))) return null;
  return db.transaction(async (tx) => {
    // A second process that got past the check above waits here, then finds the runs.
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('linze-demo-seed'))");
    if (await alreadyAssessed(tx)) return null;
    const { scores, adjustments } = await insertQuarterInputs(tx, inputs, { assessor: DEMO_ASSESSOR.id, self: demoSelfUser });
    const inTx = transactionDatabase(db, tx);
    const as = (user: User) => createCaller(createContext({ db: inTx, tree, user }));
    const assessor = as(DEMO_ASSESSOR);
    const reviewer = as(DEMO_REVIEWER);
    const leader = as(DEMO_LEADER);
    const quarters = [...new Set(inputs.map((u) => `${u.year}|${u.quarter}`))].map((k) => k.split("|").map(Number) as [number, number]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const runs: StoredRun[] = [];
    for (const [i, [year, quarter]] of quarters.entries()) {
      const last = i === quarters.length - 1;
      for (const scope of DEMO_SEED_SCOPES) {
        const { run } = await assessor.assessments.run({ year, quarter, scope });
        if (last) {
          runs.push(run);
          continue;
        }
        await assessor.assessments.submit({ id: run.id });
        await reviewer.assessments.review({ id: run.id });
        runs.push(await leader.assessments.publish({ id: run.id }));
      }
    }
    return { scores, adjustments, runs };
  });
}
