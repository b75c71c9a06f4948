/**
 * P3, an assessment run, on PGlite (on a data directory, as the server runs
 * it) and (when a URL is given) PostgreSQL.
 *
 * County: the real demo (data/linze: 7 townships, 83 committee members,
 * letters, findings, stored inputs) through the API's caller,
 * `assessments.run` for 2016 Q4, townships and county members.
 *
 * Province: 86 generated counties (7 townships and 83 committee members
 * each, ≈7,100 members), the demo's letters as templates. The API's scope
 * cannot name a province yet (one county per tree), so the run is the API's
 * steps on the province's data, as `assessments.run` takes them: the data
 * values every indicator item reads, frozen in one statement
 * (freezeDataValues), the actuals computed from them (actualsFromFrozen: year
 * to date and each month), the domain's assessUnit for each unit and
 * rankAndGrade, and one stored run with its results and the frozen values
 * (createRun, inputs hashed as the API does). The first run is reported
 * apart; the figures are the medians of the runs after it, as the county's.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { cpus } from "node:os";
import { Worker } from "node:worker_threads";
import path from "node:path";
import { actualsFromFrozen, canonicalJsonBytes, createCaller, storedResult, createContext, freezeDataValues, runIndicator, seedDemoAssessments, type FrozenDataValues } from "@linze/api";
import { createRun, loadDataset, loadOrgUnitTree, REPO_ROOT, type Database, type NewResult } from "@linze/db";
import { assessUnit, ENGINE_VERSION, OrgUnitTree, rankAndGrade, yearToDateMonths, type ItemActual, type Letter, type OrgUnit, type UnitResult } from "@linze/domain";
import { closureColumns } from "@linze/duckdb/arrow";
import { openBenchDatabase, type DatabaseKind } from "./databases.ts";
import { countyCode, generate, TOWNSHIPS_PER_COUNTY, townshipCode, villageCode, VILLAGES_PER_TOWNSHIP } from "./generate.ts";
import { median, percentile, round, since } from "./stats.ts";

const DEMO_DIR = path.join(REPO_ROOT, "data", "linze");

export interface P3County {
  readonly database: DatabaseKind;
  /** Runs timed per scope, after one not counted. */
  readonly runs: number;
  /** Medians, ms, of `assessments.run` for 2016 Q4. */
  readonly townshipsMs: number;
  readonly countyMembersMs: number;
  /** 90th percentiles, ms (a minor collection or the machine's other work falls in some runs). */
  readonly townshipsP90Ms: number;
  readonly countyMembersP90Ms: number;
  readonly units: { townships: number; countyMembers: number };
}

export interface P3Province {
  readonly database: DatabaseKind;
  readonly counties: number;
  readonly units: number;
  readonly dataValues: number;
  /** Freezing the data values the items read (one statement) and computing the actuals from them. */
  readonly actualsMs: number;
  readonly scoringMs: number;
  readonly storeMs: number;
  /** Medians of `warmRuns` runs after the first, ms, as the county's runs are timed (each stored, the next revision). */
  readonly totalMs: number;
  /** The first run, ms: V8 compiling the code and the database's caches cold. Absent in results of 2026-12-05 and before, which timed only that run. */
  readonly firstMs?: number;
  /** The machine's busy CPU time in a run after the first, ms, median ({@link machineBusyMs}). */
  readonly machineCpuMs?: number;
  readonly warmRuns?: number;
  /**
   * The same province as its counties' own members' runs (one stored run per
   * county, {@link runCountyRuns}), ms for all of them: one after another on
   * the main thread, and on PostgreSQL over worker threads; with the server
   * process's CPU time (all threads) in each.
   */
  readonly countyRuns: {
    readonly sequentialMs: number;
    readonly sequentialCpuMs: number;
    /** The whole machine's busy CPU time in the same span ({@link machineBusyMs}: PostgreSQL's processes too). Absent before 2026-12-05 20:45. */
    readonly sequentialMachineCpuMs?: number;
    readonly workers?: { readonly threads: number; readonly ms: number; readonly cpuMs: number; readonly machineCpuMs?: number }[];
  };
}

export async function runP3County(kind: DatabaseKind, runs: number, log: (s: string) => void): Promise<P3County> {
  const bench = await openBenchDatabase(kind, "county", "directory");
  try {
    const { db } = bench;
    await loadDataset(db, DEMO_DIR);
    const tree = await loadOrgUnitTree(db);
    await seedDemoAssessments(db, tree, DEMO_DIR);
    const api = createCaller(createContext({ db, tree }));
    const time = async (scope: "townships" | "countyMembers") => {
      let units = 0;
      const ms: number[] = [];
      for (let i = 0; i <= runs; i++) {
        const t0 = performance.now();
        const r = await api.assessments.run({ year: 2016, quarter: 4, scope });
        // The first run warms the caches of the database and of V8; it is not counted.
        if (i > 0) ms.push(since(t0));
        units = r.ranking.length;
      }
      return { ms: median(ms), p90: percentile(ms, 90), units };
    };
    const townships = await time("townships");
    const members = await time("countyMembers");
    log(`  county on ${kind}: townships (${townships.units}) ${round(townships.ms)} ms (p90 ${round(townships.p90)}), county members (${members.units}) ${round(members.ms)} ms (p90 ${round(members.p90)}), ${runs} runs each`);
    return {
      database: kind,
      runs,
      townshipsMs: round(townships.ms),
      countyMembersMs: round(members.ms),
      townshipsP90Ms: round(townships.p90),
      countyMembersP90Ms: round(members.p90),
      units: { townships: townships.units, countyMembers: members.units },
    };
  } finally {
    await bench.close();
  }
}

export interface ProvinceUnit {
  readonly code: string;
  readonly orgUnit: string;
  /** The county's number (1…), {@link countyCode}. */
  readonly county: number;
  readonly letter: Letter;
}

/** 7 township posts and 76 village posts per county (the demo's 83), each with a copy of the demo's letter for its kind. */
export async function provinceMembers(counties: number): Promise<ProvinceUnit[]> {
  const letters = JSON.parse(await readFile(path.join(DEMO_DIR, "letters_2016.json"), "utf8")) as Letter[];
  const townshipPost = letters.find((l) => l.assessedUnit.code === "CM-LZ-SH")!;
  const villagePost = letters.find((l) => l.assessedUnit.code === "CM-LZ-SH-V01")!;
  const units: ProvinceUnit[] = [];
  const unit = (county: number, orgUnit: string, template: Letter): ProvinceUnit => {
    const code = `CM-${orgUnit}`;
    return { code, orgUnit, county, letter: { ...template, assessedUnit: { kind: "committeeMember", code } } };
  };
  for (let c = 1; c <= counties; c++)
    for (let t = 1; t <= TOWNSHIPS_PER_COUNTY; t++) {
      units.push(unit(c, townshipCode(c, t), townshipPost));
      // 77 villages a county, 76 posts: the last township's last village has none.
      const villages = t === TOWNSHIPS_PER_COUNTY ? VILLAGES_PER_TOWNSHIP - 1 : VILLAGES_PER_TOWNSHIP;
      for (let v = 1; v <= villages; v++) units.push(unit(c, villageCode(c, t, v), villagePost));
    }
  return units;
}

/** One generated county as the product's three-level tree (county 1, township 2, village 3). */
export function countyTree(orgUnits: readonly OrgUnit[], county: string): OrgUnitTree {
  const townships = new Set(orgUnits.filter((u) => u.parent === county).map((u) => u.code));
  const units = orgUnits.flatMap((u): OrgUnit[] =>
    u.code === county ? [{ ...u, parent: null, level: 1 }] : townships.has(u.code) ? [{ ...u, level: 2 }] : u.parent !== null && townships.has(u.parent) ? [{ ...u, level: 3 }] : [],
  );
  return new OrgUnitTree(units);
}

async function insertColumns(db: Database, sql: string, columns: readonly unknown[][], chunk = 50_000): Promise<void> {
  const n = columns[0]!.length;
  for (let i = 0; i < n; i += chunk) await db.query(sql, columns.map((c) => c.slice(i, i + chunk)));
}

export async function runP3Province(kind: DatabaseKind, counties: number, warmRuns: number, log: (s: string) => void): Promise<P3Province> {
  const units = await provinceMembers(counties);
  const codes = [...new Set(units.flatMap((u) => u.letter.items.flatMap((i) => (i.kind === "indicator" ? [i.indicator] : []))))];
  const indicators = codes.map(runIndicator);
  const elements = [...new Set(indicators.flatMap((i) => [...i.numerator, ...(i.denominator ?? [])]))];
  const data = generate(0, { counties, years: [2016], elements });
  const dv = data.snapshot.dataValues;
  const bench = await openBenchDatabase(kind, "province", "directory");
  try {
    const { db } = bench;
    const t0 = performance.now();
    // The product's schema keeps three levels; the benchmark's province adds one above the counties.
    await db.query("ALTER TABLE org_units DROP CONSTRAINT org_units_level_check");
    const ou = data.snapshot.orgUnits;
    await insertColumns(db, "INSERT INTO org_units (code, parent, level, name_zh, name_en) SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[])", [
      ou.map((u) => u.code),
      ou.map((u) => u.parent),
      ou.map((u) => u.level),
      ou.map((u) => u.nameZh),
      ou.map((u) => u.nameEn),
    ]);
    const closure = closureColumns(ou);
    await insertColumns(db, "INSERT INTO org_unit_closure (ancestor, descendant) SELECT * FROM unnest($1::text[], $2::text[])", [closure.ancestor, closure.descendant]);
    await insertColumns(db, "INSERT INTO data_values (org_unit, period, data_element, value) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[])", [dv.orgUnit, dv.period, dv.dataElement, dv.value]);
    await db.query("ANALYZE");
    log(`  province on ${kind}: ${counties} counties, ${units.length} members, ${dv.value.length.toLocaleString("en")} data values loaded in ${round(since(t0) / 1000)} s`);

    const throughMonth = "2016-12";
    const months = yearToDateMonths(throughMonth);
    const byCounty = unitsByCounty(units, counties);
    const trees = Array.from({ length: counties }, (_, c) => countyTree(data.snapshot.orgUnits, countyCode(c + 1)));
    /** One province run, stored as the next revision of scope PV: its steps' times, ms. */
    const provinceRun = async () => {
      const start = performance.now();
      const machine0 = machineBusyMs();
      // The product's tree has three levels (county, township, village): one tree and one frozen read per county.
      const actualsOf = new Map<string, Record<string, ItemActual>>();
      const frozenRows: FrozenDataValues["rows"][number][] = [];
      for (let c = 1; c <= counties; c++) {
        const county = await countyActuals(db, trees[c - 1]!, byCounty[c - 1]!, months);
        frozenRows.push(...county.dataValues.rows);
        for (const [code, a] of county.actualsOf) actualsOf.set(code, a);
      }
      const dataValues: FrozenDataValues = { months, rows: frozenRows };
      const actualsMs = since(start);
      const t1 = performance.now();
      const scored = scoreUnits(units, actualsOf, throughMonth);
      const scoringMs = since(t1);
      const t2 = performance.now();
      await storeMembersRun(db, "PV", units, actualsOf, scored, throughMonth, dataValues);
      return { actualsMs, scoringMs, storeMs: since(t2), totalMs: since(start), machineCpuMs: machineBusyMs() - machine0 };
    };
    // As the county's: the first run (V8 compiling the code, the database's caches cold) is reported apart, then the median of `warmRuns`.
    const first = await provinceRun();
    const warm: Awaited<ReturnType<typeof provinceRun>>[] = [];
    for (let i = 0; i < warmRuns; i++) warm.push(await provinceRun());
    const med = (f: (r: (typeof warm)[number]) => number) => median(warm.map(f));
    const [actualsMs, scoringMs, storeMs, totalMs, machineCpuMs] = [med((r) => r.actualsMs), med((r) => r.scoringMs), med((r) => r.storeMs), med((r) => r.totalMs), med((r) => r.machineCpuMs)];
    log(`  province on ${kind}: first run ${round(first.totalMs)} ms; then, median of ${warmRuns}: data values frozen and actuals ${round(actualsMs)} ms, scoring ${round(scoringMs)} ms, storing ${round(storeMs)} ms, total ${round(totalMs)} ms (runs ${warm.map((r) => round(r.totalMs)).join(", ")}; the machine's CPU ${round(machineCpuMs)} ms)`);
    const sequential = await runCountyRuns(db, bench.url, data.snapshot.orgUnits, counties, 0);
    log(`  province on ${kind} as ${counties} county runs, one after another: ${round(sequential.ms)} ms (CPU ${round(sequential.cpuMs)} ms; the machine's ${round(sequential.machineCpuMs)} ms)`);
    const workers: { threads: number; ms: number; cpuMs: number; machineCpuMs: number }[] = [];
    if (bench.url)
      for (const threads of [2, 4]) {
        const r = await runCountyRuns(db, bench.url, data.snapshot.orgUnits, counties, threads);
        log(`  province on ${kind} as ${counties} county runs over ${threads} worker threads: ${round(r.ms)} ms (CPU ${round(r.cpuMs)} ms; the machine's ${round(r.machineCpuMs)} ms)`);
        workers.push({ threads, ms: round(r.ms), cpuMs: round(r.cpuMs), machineCpuMs: round(r.machineCpuMs) });
      }
    return {
      database: kind,
      counties,
      units: units.length,
      dataValues: dv.value.length,
      actualsMs: round(actualsMs),
      scoringMs: round(scoringMs),
      storeMs: round(storeMs),
      totalMs: round(totalMs),
      firstMs: round(first.totalMs),
      machineCpuMs: round(machineCpuMs),
      warmRuns,
      countyRuns: {
        sequentialMs: round(sequential.ms),
        sequentialCpuMs: round(sequential.cpuMs),
        sequentialMachineCpuMs: round(sequential.machineCpuMs),
        ...(workers.length > 0 ? { workers } : {}),
      },
    };
  } finally {
    await bench.close();
  }
}

/** The province's units split by county (index c − 1 for county c). */
export function unitsByCounty(units: readonly ProvinceUnit[], counties: number): ProvinceUnit[][] {
  const out: ProvinceUnit[][] = Array.from({ length: counties }, () => []);
  for (const u of units) out[u.county - 1]!.push(u);
  return out;
}

/**
 * As `assessments.run` reads a run's actuals: the data values every
 * indicator item of `units` reads in `tree` frozen in one statement
 * (freezeDataValues) and the actuals computed from them
 * (actualsFromFrozen), per unit code and item id.
 */
export async function countyActuals(db: Database, tree: OrgUnitTree, units: readonly ProvinceUnit[], months: readonly string[]) {
  const items = units.flatMap((u) =>
    u.letter.items.flatMap((item) => (item.kind === "indicator" ? [{ unit: u.code, itemId: item.id, target: { orgUnit: item.orgUnit ?? u.orgUnit, indicator: runIndicator(item.indicator) } }] : [])),
  );
  const dataValues = await freezeDataValues(db, tree, items.map((i) => i.target), [...months]);
  const computed = actualsFromFrozen(dataValues, tree, items.map((i) => i.target));
  const actualsOf = new Map<string, Record<string, ItemActual>>(units.map((u) => [u.code, {}]));
  items.forEach((item, n) => {
    actualsOf.get(item.unit)![item.itemId] = computed[n]!;
  });
  return { actualsOf, dataValues };
}

/** The domain's assessUnit for each unit (its letter's manual items at full points, no findings) and rankAndGrade over them. */
export function scoreUnits(units: readonly ProvinceUnit[], actualsOf: ReadonlyMap<string, Record<string, ItemActual>>, throughMonth: string) {
  const results: UnitResult[] = [];
  const unitInputs = [];
  for (const u of units) {
    const manualScores: Record<string, number> = {};
    for (const item of u.letter.items) if (item.kind === "manual") manualScores[item.id] = item.points;
    const input = { throughMonth, letter: u.letter, actuals: actualsOf.get(u.code)!, manualScores, findings: [], commendations: [], vetoes: [] };
    unitInputs.push({ orgUnit: u.orgUnit, ...input });
    results.push(assessUnit(input, { bonusCap: 5 }));
  }
  return { ranked: rankAndGrade(results, { excellentShare: 0.2 }), unitInputs };
}

/** One stored members' run of `scopeOrgUnit` (createRun), its inputs' canonical JSON hashed and stored as `assessments.run` does. */
export async function storeMembersRun(
  db: Database,
  scopeOrgUnit: string,
  units: readonly ProvinceUnit[],
  actualsOf: ReadonlyMap<string, Record<string, ItemActual>>,
  scored: ReturnType<typeof scoreUnits>,
  throughMonth: string,
  dataValues: FrozenDataValues,
): Promise<void> {
  const orgOf = new Map(units.map((u) => [u.code, u.orgUnit]));
  const resultRows: NewResult[] = scored.ranked.map((r) => ({
    assessedKind: r.unit.kind,
    assessedCode: r.unit.code,
    orgUnit: orgOf.get(r.unit.code)!,
    // As assessments.run stores it: the explanations' months are the unit's actuals in the inputs.
    result: storedResult(r, actualsOf.get(r.unit.code)!),
    total: String(r.total.value),
    grade: r.finalGrade,
    rank: r.rank,
    selfScores: null,
  }));
  const inputs = { engineVersion: ENGINE_VERSION, year: 2016, quarter: 4, throughMonth, scope: "countyMembers", scopeOrgUnit, units: scored.unitInputs, dataValues };
  // As assessments.run: the canonical text encoded once, hashed and stored as it is.
  const inputsJson = canonicalJsonBytes(inputs);
  await createRun(db, { year: 2016, quarter: 4, scope: "countyMembers", scopeOrgUnit, engineVersion: ENGINE_VERSION, inputs, inputsHash: createHash("sha256").update(inputsJson).digest("hex"), inputsJson }, resultRows, "bench");
}

/** One county's own members' run, as its county federation would run it: actuals, scoring and one stored run of the county. */
export async function assessCountyMembers(db: Database, orgUnits: readonly OrgUnit[], units: readonly ProvinceUnit[], county: number): Promise<void> {
  const throughMonth = "2016-12";
  const tree = countyTree(orgUnits, countyCode(county));
  const { actualsOf, dataValues } = await countyActuals(db, tree, units, yearToDateMonths(throughMonth));
  await storeMembersRun(db, countyCode(county), units, actualsOf, scoreUnits(units, actualsOf, throughMonth), throughMonth, dataValues);
}

/**
 * The machine's busy CPU time so far, ms, summed over its CPUs (os.cpus():
 * user, nice, system and interrupts; idle left out): what every process used,
 * PostgreSQL's backends and the machine's other work included. The kernel
 * counts in 10 ms ticks, so a difference is good to ±10 ms per CPU.
 */
export function machineBusyMs(): number {
  return cpus().reduce((sum, c) => sum + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
}

/**
 * The province as its 86 counties' own members' runs (one stored run per
 * county), all of them, timed from the first county's start to the last
 * one's end: on the main thread one county after another (`workers` 0, any
 * database), or on PostgreSQL over `workers` worker threads with a
 * connection pool each (p3-county-worker.ts), taking counties from a shared
 * counter. The workers are started and connected before the clock starts,
 * as a server's would be. Milliseconds, wall clock, the server process's CPU
 * time (all its threads; PostgreSQL's own processes not counted) and the
 * whole machine's ({@link machineBusyMs}).
 */
export async function runCountyRuns(
  db: Database,
  url: string | null,
  orgUnits: readonly OrgUnit[],
  counties: number,
  workers: number,
): Promise<{ ms: number; cpuMs: number; machineCpuMs: number }> {
  const cpuSince = (from: NodeJS.CpuUsage) => {
    const cpu = process.cpuUsage(from);
    return (cpu.user + cpu.system) / 1000;
  };
  if (workers === 0) {
    const byCounty = unitsByCounty(await provinceMembers(counties), counties);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const machine0 = machineBusyMs();
    for (let c = 1; c <= counties; c++) await assessCountyMembers(db, orgUnits, byCounty[c - 1]!, c);
    return { ms: since(t0), cpuMs: cpuSince(cpu0), machineCpuMs: machineBusyMs() - machine0 };
  }
  if (!url) throw new Error("county runs in worker threads need PostgreSQL (a URL)");
  const next = new SharedArrayBuffer(4);
  // A worker thread does not inherit the main thread's TypeScript loader (tsx, node --import): it registers its own.
  const boot = `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./p3-county-worker.ts", import.meta.url).href)}); })`;
  const threads = Array.from({ length: workers }, () => new Worker(boot, { eval: true, workerData: { url, counties, orgUnits, next }, resourceLimits: { maxYoungGenerationSizeMb: 192 } }));
  const message = (w: Worker) =>
    new Promise<unknown>((resolve, reject) => {
      w.once("message", resolve);
      w.once("error", reject);
    });
  try {
    await Promise.all(threads.map(message));
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const machine0 = machineBusyMs();
    const finished = threads.map(message);
    for (const w of threads) w.postMessage("go");
    const answers = (await Promise.all(finished)) as { done?: number; error?: string }[];
    const ms = since(t0);
    const cpuMs = cpuSince(cpu0);
    const machineCpuMs = machineBusyMs() - machine0;
    const failed = answers.find((a) => a.error);
    if (failed) throw new Error(`a county worker failed: ${failed.error}`);
    const done = answers.reduce((n, a) => n + (a.done ?? 0), 0);
    if (done !== counties) throw new Error(`county workers ran ${done} of ${counties} counties`);
    return { ms, cpuMs, machineCpuMs };
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
}
