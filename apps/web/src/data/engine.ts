/**
 * The web app's one door to duckdb-wasm. The snapshot comes from the server
 * as Arrow (`GET /snapshot.arrow`: typed, dictionary-encoded columns,
 * compressed, revalidated by ETag so a repeat visit gets a 304), is handed
 * as bytes to duckdb-wasm in its web worker (no decoding in JS),
 * and every slice the dashboard shows (org unit × month, quarter, year) is
 * computed there with SQL from the domain's compiler. Initialisation is one
 * shared promise, started before React renders; a failure clears it so a
 * retry starts afresh.
 *
 * The snapshot's header (org units, source, the months with data) is read
 * from the same bytes with apache-arrow as soon as they arrive, long before
 * duckdb-wasm has compiled its 34 MB module ({@link snapshotView}): the
 * overview shows its first KPIs from the server's read API meanwhile
 * (data/first-kpis.ts). When the service worker (src/sw.ts) answered with
 * its offline copy of the snapshot, the view says so and from when.
 */
import type { OlapEngine, SnapshotHeader } from "@linze/duckdb";
import { OrgUnitTree, type IndicatorQuery, type IndicatorRow } from "@linze/domain";
import { sessionEnded } from "../auth/session.ts";
import { OFFLINE_COPY_HEADER } from "./offline.ts";

/** The snapshot without the engine: what the pages need to lay themselves out. */
export interface SnapshotView {
  /** The snapshot's org units and source (its data values are in the engine once loaded). */
  readonly snapshot: SnapshotHeader;
  readonly tree: OrgUnitTree;
  /** Months `YYYY-MM` with at least one data value, oldest first (from the loaded data). */
  readonly months: readonly string[];
  /**
   * Null when the snapshot came from the server; when the server could not be
   * reached and the service worker answered with its copy, the time that copy
   * was fetched (ISO 8601, from its HTTP `Date`), or "" when unknown.
   */
  readonly offlineSince: string | null;
}

export interface DashboardData extends SnapshotView {
  readonly engine: OlapEngine;
}

interface SnapshotBytes {
  readonly bytes: Uint8Array;
  readonly offlineSince: string | null;
}

let shared: Promise<DashboardData> | null = null;
let sharedBytes: Promise<SnapshotBytes> | null = null;
let sharedView: Promise<SnapshotView> | null = null;

/** The snapshot's Arrow bytes; the browser's HTTP cache revalidates them (`Cache-Control: no-cache`, ETag → 304 when unchanged). */
async function fetchSnapshot(): Promise<SnapshotBytes> {
  const res = await fetch("/snapshot.arrow");
  if (res.status === 401) sessionEnded();
  if (!res.ok) throw new Error(`GET /snapshot.arrow: ${res.status} ${await res.text()}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  performance.mark("linze:snapshot-fetched");
  const copy = res.headers.get(OFFLINE_COPY_HEADER);
  return { bytes, offlineSince: copy === null ? null : copy };
}

/** The header and months of snapshot bytes, decoded in JS (apache-arrow, the chunk duckdb-wasm's client shares). */
async function viewOf(s: SnapshotBytes): Promise<SnapshotView> {
  const { decodeSnapshot } = await import("@linze/duckdb/arrow");
  const decoded = decodeSnapshot(s.bytes);
  const { dataValues, ...snapshot } = decoded;
  const months = [...new Set(dataValues.period)].sort();
  performance.mark("linze:snapshot-view");
  return { snapshot, tree: new OrgUnitTree(snapshot.orgUnits), months, offlineSince: s.offlineSince };
}

function snapshotBytes(): Promise<SnapshotBytes> {
  if (!sharedBytes) {
    const p = fetchSnapshot();
    sharedBytes = p;
    p.catch(() => {
      if (sharedBytes === p) sharedBytes = null;
    });
  }
  return sharedBytes;
}

/**
 * The snapshot's org units, source and months, without waiting for
 * duckdb-wasm; shares the one download of the snapshot with
 * {@link dashboardData}. After a reload, the reloaded snapshot's.
 */
export function snapshotView(): Promise<SnapshotView> {
  if (!sharedView) {
    const p = snapshotBytes().then(viewOf);
    sharedView = p;
    p.catch(() => {
      if (sharedView === p) sharedView = null;
    });
  }
  return sharedView;
}

async function start(): Promise<DashboardData> {
  // duckdb-wasm and Arrow are a chunk of their own, fetched in parallel with the snapshot.
  const engineStarted = import("@linze/duckdb")
    .then((m) => m.createEngine())
    .then((engine) => {
      performance.mark("linze:engine-started");
      return engine;
    });
  const [engine, bytes, view] = await Promise.all([engineStarted, snapshotBytes(), snapshotView()]);
  return loaded(engine, bytes, view);
}

async function loaded(engine: OlapEngine, s: SnapshotBytes, view: SnapshotView): Promise<DashboardData> {
  // The view is decoded first: duckdb-wasm may take the bytes' buffer over to its worker.
  await engine.loadArrow(s.bytes);
  performance.mark("linze:snapshot-loaded");
  return { ...view, engine };
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
 * {@link dashboardData} and {@link snapshotView} calls share the reloaded
 * data. Starts afresh when nothing was loaded (or loading had failed).
 */
export function reloadDashboardData(): Promise<DashboardData> {
  const previous = shared;
  if (!previous) return dashboardData();
  const bytes = fetchSnapshot();
  const view = bytes.then(viewOf);
  const next = previous.then(
    async (d) => loaded(d.engine, await bytes, await view),
    () => start(),
  );
  sharedBytes = bytes;
  sharedView = view;
  shared = next;
  bytes.catch(() => {
    if (sharedBytes === bytes) sharedBytes = null;
  });
  view.catch(() => {
    if (sharedView === view) sharedView = null;
  });
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
