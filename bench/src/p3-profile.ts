/**
 * Where a county assessment run spends its time (issue 6 P3): runs
 * `assessments.run` (2016 Q4, a scope of the demo county) `runs` times after
 * one warm-up, under V8's sampling profiler (node:inspector, 0.2 ms), and
 * prints the run's median and 90th percentile, then the profile's time per
 * run by file and by function (self time), and the time of the run's own
 * steps (inclusive). The profile is written for Chrome's DevTools.
 *
 *   npm run profile:p3 -w @linze/bench -- [pglite|postgres] [countyMembers|townships] [runs]
 *
 * PostgreSQL needs BENCH_DATABASE_URL or TEST_DATABASE_URL (an account that
 * may create databases). PGlite runs on a data directory, as the server does.
 * A profile's times include the profiler's own cost; compare profiles taken
 * the same way, and read the run's medians from `npm run bench`.
 */
import { writeFile } from "node:fs/promises";
import { Session, type Profiler } from "node:inspector/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createCaller, createContext, seedDemoAssessments } from "@linze/api";
import { loadDataset, loadOrgUnitTree, REPO_ROOT } from "@linze/db";
import { openBenchDatabase, type DatabaseKind } from "./databases.ts";
import { median, percentile, round } from "./stats.ts";

/** The run's own steps, timed inclusively (everything they call). */
const STEPS = [
  "scopeUnits",
  "actualsWithDataValues",
  "freezeDataValues",
  "actualsFromFrozen",
  "listQuarterInputs",
  "listFindings",
  "assessUnit",
  "rankAndGrade",
  "canonicalJsonBytes",
  "storedResult",
  "createRun",
  "jsonArrayBytes",
  "compressJsonText",
];

const [kindArg = "pglite", scopeArg = "countyMembers", runsArg = "40"] = process.argv.slice(2);
const kind = kindArg as DatabaseKind;
const scope = scopeArg as "countyMembers" | "townships";
const runs = Number(runsArg);
if (!["pglite", "postgres"].includes(kind) || !["countyMembers", "townships"].includes(scope) || !Number.isInteger(runs) || runs < 1) {
  console.error("usage: p3-profile.ts [pglite|postgres] [countyMembers|townships] [runs ≥ 1]");
  process.exit(2);
}

const bench = await openBenchDatabase(kind, "profile", "directory");
try {
  const { db } = bench;
  const demo = path.join(REPO_ROOT, "data", "linze");
  await loadDataset(db, demo);
  const tree = await loadOrgUnitTree(db);
  await seedDemoAssessments(db, tree, demo);
  const api = createCaller(createContext({ db, tree }));
  await api.assessments.run({ year: 2016, quarter: 4, scope });

  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await api.assessments.run({ year: 2016, quarter: 4, scope });
    ms.push(performance.now() - t0);
  }
  const { profile } = await session.post("Profiler.stop");
  session.disconnect();

  const file = path.join(tmpdir(), `p3-${kind}-${scope}-${process.pid}.cpuprofile`);
  await writeFile(file, JSON.stringify(profile));
  console.log(`${scope} on ${kind}: ${runs} runs, median ${round(median(ms))} ms, p90 ${round(percentile(ms, 90))} ms (under the profiler)`);
  report(profile, runs);
  console.log(`profile: ${file}`);
} finally {
  await bench.close();
}

/** Per run, ms: self time by file and by function, and the inclusive time of {@link STEPS}. */
function report(profile: Profiler.Profile, runs: number): void {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const where = (n: Profiler.ProfileNode) => {
    const url = n.callFrame.url;
    if (url.startsWith("wasm")) return "PGlite (wasm)";
    return url.replace(/^.*node_modules\//, "").replace(/^.*\/(packages|apps|bench)\//, "$1/") || n.callFrame.functionName || "(native)";
  };
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const steps = new Map<string, number>();
  profile.samples!.forEach((id, i) => {
    const us = profile.timeDeltas![i] ?? 0;
    const node = nodes.get(id)!;
    const fn = `${node.callFrame.functionName || "(anonymous)"} ${where(node)}`;
    byFile.set(where(node), (byFile.get(where(node)) ?? 0) + us);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = nodes.get(at)!.callFrame.functionName;
      if (STEPS.includes(name) && !seen.has(name)) {
        seen.add(name);
        steps.set(name, (steps.get(name) ?? 0) + us);
      }
    }
  });
  const table = (title: string, m: Map<string, number>, most: number) => {
    console.log(`\n${title} (ms a run)`);
    for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, most)) console.log(`${(us / 1000 / runs).toFixed(2).padStart(8)}  ${k}`);
  };
  table("by file, self time", byFile, 15);
  table("by function, self time", byFunction, 25);
  // A step's awaits run on later ticks: what the database does for it shows under the driver, not under the step.
  table("the run's steps, inclusive (synchronous part)", steps, STEPS.length);
}
