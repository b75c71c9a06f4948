/**
 * The web app's one door to duckdb-wasm. The snapshot comes from the server
 * (tRPC `snapshot.get`), is loaded once into duckdb-wasm in its web worker,
 * and every slice the dashboard shows (org unit × month, quarter, year) is
 * computed there with SQL from the domain's compiler. Initialisation is one
 * shared promise, started as the app renders; a failure clears it so a retry
 * starts afresh.
 */
import type { OlapEngine } from "@linze/duckdb";
import { OrgUnitTree, type IndicatorQuery, type IndicatorRow, type Snapshot } from "@linze/domain";
import { trpc } from "./trpc.ts";

export interface DashboardData {
  readonly engine: OlapEngine;
  readonly snapshot: Snapshot;
  readonly tree: OrgUnitTree;
  /** Months `YYYY-MM` with at least one data value, oldest first (from the loaded data). */
  readonly months: readonly string[];
}

let shared: Promise<DashboardData> | null = null;

async function start(): Promise<DashboardData> {
  // duckdb-wasm and Arrow are a chunk of their own, fetched in parallel with the snapshot.
  const engineStarted = import("@linze/duckdb").then((m) => m.createEngine());
  const [engine, snapshot] = await Promise.all([engineStarted, trpc.snapshot.get.query()]);
  return loaded(engine, snapshot);
}

async function loaded(engine: OlapEngine, snapshot: Snapshot): Promise<DashboardData> {
  await engine.load(snapshot);
  const rows = await engine.query("SELECT DISTINCT period FROM data_values ORDER BY period");
  const months = rows.map((r) => String(r.period));
  return { engine, snapshot, tree: new OrgUnitTree(snapshot.orgUnits), months };
}

/** The loaded engine and snapshot; the first call starts loading, later calls share it. */
export function dashboardData(): Promise<DashboardData> {
  if (!shared) {
    shared = start();
    shared.catch(() => {
      shared = null;
    });
  }
  return shared;
}

/**
 * Fetches the snapshot again into the same engine, after data values were
 * saved or imported, so every slice computed from now on shows them; later
 * {@link dashboardData} calls share the reloaded data. Starts afresh when
 * nothing was loaded (or loading had failed).
 */
export function reloadDashboardData(): Promise<DashboardData> {
  const previous = shared;
  if (!previous) return dashboardData();
  const next = previous.then(
    async (d) => loaded(d.engine, await trpc.snapshot.get.query()),
    () => start(),
  );
  shared = next;
  next.catch(() => {
    if (shared === next) shared = null;
  });
  return next;
}

/** Rows of the domain's compiled indicator query, run in duckdb-wasm. */
export async function indicatorRows(q: IndicatorQuery): Promise<IndicatorRow[]> {
  const { engine } = await dashboardData();
  return engine.indicatorRows(q);
}

