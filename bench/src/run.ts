/**
 * `npm run bench [-- --quick] [-- --only P1,P4] [-- --no-build]`: runs the
 * benchmarks of issue 6 (P1 slicing in duckdb-wasm vs native DuckDB, P2 cold
 * load, P3 assessment runs, P4 the read API under load, P5 import), prints a
 * table of figures against the goals and writes bench/results.json (with
 * --only, into the last run's file: the parts run are replaced, and `runs`
 * says when each was measured). Times
 * are medians or percentiles of several runs; on a shared 2-core machine they
 * vary with whatever else runs (the load average is recorded). Not part of
 * `npm test`; nothing here asserts a timing.
 *
 * PostgreSQL is measured too when BENCH_DATABASE_URL or TEST_DATABASE_URL
 * names an account that may create databases.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openBenchDatabase, postgresUrl } from "./databases.ts";
import { runP1, type P1Size } from "./p1-slicing.ts";
import { runP2, type P2Result } from "./p2-cold-load.ts";
import { runP3County, runP3Province, type P3County, type P3Province } from "./p3-assessment.ts";
import { runP4, type P4Result } from "./p4-api.ts";
import { runP5, type P5Result } from "./p5-import.ts";

const RESULTS = fileURLToPath(new URL("../results.json", import.meta.url));

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const build = !args.includes("--no-build");
const onlyArg = args.find((a) => a.startsWith("--only"));
const only = onlyArg ? new Set((onlyArg.includes("=") ? onlyArg.split("=")[1]! : args[args.indexOf(onlyArg) + 1]!).toUpperCase().split(",")) : null;
const wanted = (p: string) => !only || only.has(p);

const log = (s: string) => console.log(s);
const section = (s: string) => console.log(`\n== ${s}`);

interface Row {
  readonly id: string;
  readonly measure: string;
  readonly figure: string;
  readonly goal: string;
  readonly met: boolean | null;
}
const rows: Row[] = [];
const row = (id: string, measure: string, figure: string, goal: string, met: boolean | null) => rows.push({ id, measure, figure, goal, met });

const results: {
  p1?: P1Size[];
  p2?: P2Result;
  p3?: { county: P3County[]; province: P3Province[] };
  p4?: P4Result[];
  p5?: P5Result[] | null;
} = {};
const loadStart = os.loadavg();
const started = new Date();

if (wanted("P1")) {
  section("P1 slicing: duckdb-wasm in Chromium vs native DuckDB");
  const sizes = quick ? [200_000] : [200_000, 1_000_000, 5_000_000];
  results.p1 = await runP1({ sizes, warmup: quick ? 2 : 3, runs: quick ? 10 : 30, log });
  for (const size of results.p1) {
    const label = `${(size.dataValues / 1e6).toFixed(2)} M values`;
    for (const q of size.queries) {
      const gate = size.target === 1_000_000;
      row("P1", `${label}: ${q.name} (wasm p50 / p95; ×native)`, `${q.wasmP50} / ${q.wasmP95} ms; ×${q.ratio}`, gate ? "≤ 20 / ≤ 50 ms; ≤ ×2" : "—", gate ? q.wasmP50 <= 20 && q.wasmP95 <= 50 && q.ratio <= 2 : null);
    }
    row("P1", `${label}: load into duckdb-wasm (fetch + insert; native)`, `${size.wasmLoadMs} ms; native ${size.nativeLoadMs} ms; ${(size.arrowBytes / 1e6).toFixed(1)} MB Arrow`, "—", null);
  }
}

if (wanted("P2")) {
  section("P2 cold load of the dashboard");
  results.p2 = await runP2({ visits: quick ? 2 : 5, build, log });
  const p2 = results.p2;
  row("P2", "navigation → first KPI, cold (empty profile)", `${p2.coldMs} ms`, "≤ 1,500 ms", p2.coldMs <= 1500);
  row("P2", "navigation → first KPI, repeat visit", `${p2.repeatMs} ms`, "—", null);
  row("P2", "navigation → the engine's KPIs (duckdb-wasm), cold / repeat", `${p2.coldEngineMs} / ${p2.repeatEngineMs} ms`, "—", null);
  row("P2", "app JS on the first page, gzip (main thread)", `${p2.appJsGzipKB} KB (${p2.appJsSentKB} KB sent, brotli)`, "≤ 350 KB", p2.appJsGzipKB <= 350);
  row("P2", "duckdb worker JS, gzip", `${p2.workerJsGzipKB} KB`, "—", null);
  if (p2.wasm) row("P2", "duckdb wasm: raw / gzip / sent", `${p2.wasm.rawMB} / ${p2.wasm.gzipMB} / ${p2.wasm.sentMB} MB`, "—", null);
  if (p2.snapshot) row("P2", `snapshot (${p2.snapshot.url}) sent`, `${p2.snapshot.sentKB} KB`, "—", null);
}

if (wanted("P3")) {
  section("P3 assessment runs");
  const kinds = postgresUrl() ? (["pglite", "postgres"] as const) : (["pglite"] as const);
  const county: P3County[] = [];
  const province: P3Province[] = [];
  for (const kind of kinds) {
    // 21 runs a scope: a median of 5 moved by 10 ms with the shared machine's other work.
    const c = await runP3County(kind, quick ? 2 : 21, log);
    county.push(c);
    row("P3", `county on ${kind}: townships (${c.units.townships}) / members (${c.units.countyMembers})`, `${c.townshipsMs} / ${c.countyMembersMs} ms`, "≤ 50 ms", c.townshipsMs <= 50 && c.countyMembersMs <= 50);
  }
  for (const kind of kinds) {
    const p = await runP3Province(kind, quick ? 8 : 86, quick ? 1 : 3, log);
    province.push(p);
    row("P3", `province on ${kind}: ${p.counties} counties, ${p.units} members (actuals + scoring + store; first run)`, `${p.totalMs} ms (${p.actualsMs} + ${p.scoringMs} + ${p.storeMs}; ${p.firstMs})`, "≤ 1,000 ms", p.counties >= 86 ? p.totalMs <= 1000 : null);
    row("P3", `province on ${kind} as ${p.counties} county runs, one after another (process CPU; machine CPU)`, `${p.countyRuns.sequentialMs} ms (${p.countyRuns.sequentialCpuMs}; ${p.countyRuns.sequentialMachineCpuMs} ms)`, "—", null);
    for (const w of p.countyRuns.workers ?? [])
      row("P3", `province on ${kind} as ${p.counties} county runs, ${w.threads} worker threads (process CPU; machine CPU)`, `${w.ms} ms (${w.cpuMs}; ${w.machineCpuMs} ms)`, "—", null);
  }
  results.p3 = { county, province };
}

if (wanted("P4")) {
  section("P4 read API under autocannon");
  const seconds = quick ? 5 : 30;
  const runs = quick ? 1 : 3;
  results.p4 = [await runP4({ connections: 50, seconds, runs, log })];
  const targets: { name: string; url?: string }[] = [{ name: "PGlite" }];
  if (postgresUrl()) {
    const pgDb = await openBenchDatabase("postgres", "api");
    await pgDb.db.close();
    try {
      results.p4.push(await runP4({ connections: 50, seconds, runs, databaseUrl: pgDb.url!, log }));
      targets.push({ name: "PostgreSQL" });
    } finally {
      await pgDb.close().catch(() => undefined);
    }
  }
  results.p4.forEach((r, i) =>
    row("P4", `${targets[i]!.name}: ${r.connections} connections ${r.seconds} s, median of ${r.runs.length} (req/s; p99; errors in all)`, `${r.requestsPerSecond} req/s; ${r.latencyP99Ms} ms; ${r.errors}`, "≥ 3,000; ≤ 20 ms; 0", r.requestsPerSecond >= 3000 && r.latencyP99Ms <= 20 && r.errors === 0),
  );
}

if (wanted("P5")) {
  section("P5 import of 100,000 rows (npm run bench -w @linze/db)");
  results.p5 = runP5({ log });
  if (!results.p5) row("P5", "import 100,000 rows", "see packages/db bench (not there yet)", "≤ 3,000 ms", null);
  for (const r of results.p5 ?? []) {
    const w = r.wall;
    row("P5", `import 100,000 rows on ${r.database}${r.storage ? ` (${r.storage})` : ""} (parse + plan + commit, wall; CPU)`, w ? `${w.total} ms (${w.parse} + ${w.plan} + ${w.commit}); CPU ${r.cpu?.total ?? "?"} ms` : "see its output", "≤ 3,000 ms", w ? w.total <= 3000 : null);
  }
}

let chromium = "";
try {
  chromium = execFileSync("/usr/bin/chromium", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
} catch {
  chromium = "unknown";
}
const machine = {
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? "unknown",
  memoryGB: Math.round(os.totalmem() / 1e9),
  node: process.version,
  chromium,
  loadAverageAtStart: loadStart.map((x) => Math.round(x * 100) / 100),
  loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
};

const mark = (m: boolean | null) => (m === null ? "" : m ? "yes" : "NO");
const widths = [4, Math.max(...rows.map((r) => r.measure.length), 7), Math.max(...rows.map((r) => r.figure.length), 6), Math.max(...rows.map((r) => r.goal.length), 4), 4];
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
console.log(`\n${line(["", "measure", "figure", "goal", "met"])}`);
for (const r of rows) console.log(line([r.id, r.measure, r.figure, r.goal, mark(r.met)]));
console.log(`\n${machine.cpus} × ${machine.cpuModel}, ${machine.node}, ${machine.chromium}; load average ${machine.loadAverageAtStart.join(" ")} at start, ${machine.loadAverageAtEnd.join(" ")} at end`);

const run = { started: started.toISOString(), finished: new Date().toISOString(), quick, machine, table: rows, ...results };
// With --only, the other benchmarks' figures of the last run stay in the file (each part says when it was measured).
const previous: Record<string, unknown> | null = only && existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, "utf8")) as Record<string, unknown>) : null;
const merged = previous
  ? {
      ...previous,
      ...results,
      table: [...((previous.table as Row[] | undefined) ?? []).filter((r) => !only!.has(r.id)), ...rows],
      runs: { ...((previous.runs as object | undefined) ?? {}), ...Object.fromEntries([...only!].map((id) => [id, { started: run.started, finished: run.finished, quick, machine }])) },
    }
  : run;
writeFileSync(RESULTS, JSON.stringify(merged, null, 2) + "\n");
console.log(`Wrote ${path.relative(process.cwd(), RESULTS)}`);
