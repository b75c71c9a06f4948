/**
 * Import speed (issue 4 point 10): a generated 100,000-row long CSV
 * (org_unit, period, data_element, value; the data elements each org unit's
 * level reports, months from 2017-01 on, so every value is new: the heaviest
 * case — 100,000 inserts and 100,000 changes in the history) is parsed with
 * @linze/import, planned (validated against data_values and the locked
 * months) and committed with applyDataValues into a fresh PGlite holding the
 * Linze demo dataset: on a data directory in the temp folder, as the server
 * runs it (`LINZE_BENCH_PGLITE=memory`: in memory, as the tests run it; its
 * file system copies every file as it grows, ~0.3–0.4 s more here). Three
 * runs, each on a fresh database;
 * prints each run and the medians in ms (wall time) of parse, plan, commit
 * and their total, as wall time and as this process's CPU time (PGlite runs
 * in the process; on a busy machine the CPU time says what the work costs).
 * Goal: total ≤ 3 s. The commit plans again inside its transaction (the
 * dry run's plan is advice: data may change in between), so the last line
 * also gives parse + commit, an import without the dry run.
 *
 *   npm run bench -w @linze/db
 *   LINZE_BENCH_PGLITE=memory npm run bench -w @linze/db                                 # PGlite in memory
 *   LINZE_TEST_DB=postgres TEST_DATABASE_URL=postgres://… npm run bench -w @linze/db   # on a PostgreSQL server
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { linzeOrgUnitTree } from "@linze/domain";
import { parseImportFile } from "@linze/import";
import { longCsvFixture } from "@linze/import/bench-fixtures";
import { applyDataValues, planDataValues } from "../src/data-write.ts";
import { openDatabase, type Database } from "../src/client.ts";
import { loadDataset } from "../src/load.ts";
import { LINZE_DEMO_DIR, openTestDatabase } from "../src/testing.ts";

const ROWS = 100_000;
const RUNS = 3;
const postgres = process.env.LINZE_TEST_DB === "postgres";
const memory = !postgres && process.env.LINZE_BENCH_PGLITE === "memory";

/** A fresh database with the demo dataset; PGlite on a new data directory unless in memory or on PostgreSQL (openTestDatabase). */
async function openBenchDatabase(): Promise<{ db: Database; remove: () => Promise<void> }> {
  if (postgres || memory) return { db: await openTestDatabase(LINZE_DEMO_DIR), remove: async () => {} };
  const dir = await mkdtemp(path.join(tmpdir(), "linze-p5-"));
  const db = await openDatabase({ dataDir: path.join(dir, "pglite") });
  await db.migrate();
  await loadDataset(db, LINZE_DEMO_DIR);
  return { db, remove: () => rm(dir, { recursive: true, force: true }) };
}

const bytes = longCsvFixture(ROWS, 2017);
const tree = linzeOrgUnitTree();
type Figures = { parse: number; plan: number; commit: number; total: number };
const runs: Figures[] = [];
const cpuRuns: Figures[] = [];
/** This process's CPU time in ms (user + system; PGlite runs in it): what the work costs, whatever else the machine is doing. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (let i = 0; i < RUNS; i++) {
  const { db, remove } = await openBenchDatabase();
  try {
    const c0 = cpu();
    const t0 = performance.now();
    const parsed = await parseImportFile(bytes, "bench.csv", { tree });
    const t1 = performance.now();
    const c1 = cpu();
    if (parsed.values.length !== ROWS || parsed.problems.length !== 0) throw new Error(`bench file misread: ${parsed.values.length} values, ${parsed.problems.length} problems`);
    const values = parsed.values.map((v) => ({ orgUnit: v.orgUnit, period: v.period, dataElement: v.dataElement, value: v.value, location: v.location }));
    const plan = await planDataValues(db, values);
    const t2 = performance.now();
    const c2 = cpu();
    if (plan.counts.new !== ROWS || plan.problems.length !== 0) throw new Error(`plan: ${JSON.stringify(plan.counts)}, ${plan.problems.length} problems`);
    const result = await applyDataValues(db, values, {
      source: "import",
      user: "bench",
      import: { fileName: "bench.csv", fileSha256: parsed.fileSha256, layout: "long", rowsRead: parsed.rowsRead, ignored: 0, summary: {} },
      today: "2018-06-01",
    });
    const t3 = performance.now();
    const c3 = cpu();
    const [{ n }] = (await db.query<{ n: number }>("SELECT coalesce(sum(cardinality(data_elements)), 0)::int AS n FROM data_value_history")) as [{ n: number }];
    if (result.counts.new !== ROWS || n !== ROWS) throw new Error(`commit: ${JSON.stringify(result.counts)}, ${n} changes in the history`);
    const run = { parse: t1 - t0, plan: t2 - t1, commit: t3 - t2, total: t3 - t0 };
    const cpuRun = { parse: c1 - c0, plan: c2 - c1, commit: c3 - c2, total: c3 - c0 };
    runs.push(run);
    cpuRuns.push(cpuRun);
    console.log(`run ${i + 1}: ${line(run)} wall; ${line(cpuRun)} CPU (${result.counts.new} new values, ${n} changes in the history, ${result.submissions.length} township-months registered)`);
  } finally {
    await db.close();
    await remove();
  }
}
function line(f: Figures): string {
  return `parse ${f.parse.toFixed(0)} ms, plan ${f.plan.toFixed(0)} ms, commit ${f.commit.toFixed(0)} ms, total ${f.total.toFixed(0)} ms`;
}
function median(list: Figures[]): Figures {
  const m = (k: keyof Figures) => [...list.map((r) => r[k])].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
  return { parse: m("parse"), plan: m("plan"), commit: m("commit"), total: m("total") };
}
const engine = postgres ? "PostgreSQL" : memory ? "PGlite in memory" : "PGlite on a data directory";
console.log(`import ${ROWS} long CSV rows (${(bytes.length / 1e6).toFixed(1)} MB) into ${engine} with the Linze dataset, median of ${RUNS} (goal: total ≤ 3000 ms):`);
console.log(`  wall: ${line(median(runs))}`);
console.log(`  CPU of this process: ${line(median(cpuRuns))}${postgres ? " (the server's own CPU is not counted)" : ""}`);
// The commit validates everything again inside its transaction, so "validate and commit" without a dry run is parse + commit.
const direct = (list: Figures[]) => [...list.map((r) => r.parse + r.commit)].sort((a, b) => a - b)[Math.floor(list.length / 2)]!.toFixed(0);
console.log(`  validate and commit without the dry run (parse + commit): ${direct(runs)} ms wall, ${direct(cpuRuns)} ms CPU`);
