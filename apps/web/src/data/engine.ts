/**
 * The web app's one door to duckdb-wasm. The snapshot comes from the server
 * as Arrow (`GET /snapshot.arrow`: typed, dictionary-encoded columns,
 * compressed, revalidated by ETag so a repeat visit gets a 304), is handed
 * as bytes to duckdb-wasm in its web worker (no decoding in JS),
 * and every slice the dashboard shows (org unit × month, quarter, year) is
 * computed there with SQL from the domain's compiler. Initialisation is one
 * shared promise, started as the app renders; a failure clears it so a retry
 * starts afresh.
 */
import type { OlapEngine, SnapshotHeader } from "@linze/duckdb";
import { OrgUnitTree, type IndicatorQuery, type IndicatorRow } from "@linze/domain";
import { sessionEnded } from "../auth/session.ts";

export interface DashboardData {
  readonly engine: OlapEngine;
  /** The snapshot's org units and source (its data values are in the engine). */
  readonly snapshot: SnapshotHeader;
  readonly tree: OrgUnitTree;
  /** Months `YYYY-MM` with at least one data value, oldest first (from the loaded data). */
  readonly months: readonly string[];
}

let shared: Promise<DashboardData> | null = null;

/** The snapshot's Arrow bytes; the browser's HTTP cache revalidates them (ETag → 304 when unchanged). */
async function fetchSnapshot(): Promise<Uint8Array> {
  const res = await fetch("/snapshot.arrow", { cache: "no-cache" });
  if (res.status === 401) sessionEnded();
  if (!res.ok) throw new Error(`GET /snapshot.arrow: ${res.status} ${await res.text()}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  performance.mark("linze:snapshot-fetched");
  return bytes;
}

async function start(): Promise<DashboardData> {
  // duckdb-wasm and Arrow are a chunk of their own, fetched in parallel with the snapshot.
  const engineStarted = import("@linze/duckdb")
    .then((m) => m.createEngine())
    .then((engine) => {
      performance.mark("linze:engine-started");
      return engine;
    });
  const [engine, bytes] = await Promise.all([engineStarted, fetchSnapshot()]);
  return loaded(engine, bytes);
}

async function loaded(engine: OlapEngine, bytes: Uint8Array): Promise<DashboardData> {
  const snapshot = await engine.loadArrow(bytes);
  performance.mark("linze:snapshot-loaded");
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
    async (d) => loaded(d.engine, await fetchSnapshot()),
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

