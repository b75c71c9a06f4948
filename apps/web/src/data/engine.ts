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
 * The snapshot's layout (org units, source, `summaryOnly`, the months with
 * data) comes first from the server as a small JSON answer (tRPC
 * `snapshot.header`), asked for before React renders and long before
 * duckdb-wasm has compiled its 34 MB module ({@link snapshotView}): the
 * overview lays itself out with it and shows its first KPIs from the
 * server's read API meanwhile (data/first-kpis.ts). When the server cannot be
 * reached, the view is read from the snapshot's bytes instead (apache-arrow;
 * the service worker's offline copy, src/sw.ts), and says so and from when.
 * Once loaded, the engine's view is its own: the header of the bytes it
 * loaded and the months of their data values.
 */
import type { OlapEngine, SnapshotHeader } from "@linze/duckdb";
import { OrgUnitTree, type IndicatorQuery, type IndicatorRow } from "@linze/domain";
import { sessionEnded, whenSignedIn } from "../auth/session.ts";
import { OFFLINE_COPY_HEADER } from "./offline.ts";
import { trpc } from "./trpc.ts";

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

/**
 * The server's layout of the user's snapshot (tRPC `snapshot.header`: the
 * same org units, source, `summaryOnly` and months as the bytes); when that
 * request fails (offline, the server down), the snapshot bytes' own
 * ({@link viewOf}: the service worker's copy says from when).
 */
async function fetchView(): Promise<SnapshotView> {
  let layout: Awaited<ReturnType<typeof trpc.snapshot.header.query>>;
  try {
    layout = await trpc.snapshot.header.query(undefined, { context: { alone: true } });
  } catch {
    return viewOf(await snapshotBytes());
  }
  const { months, ...snapshot } = layout;
  performance.mark("linze:snapshot-view");
  return { snapshot, tree: new OrgUnitTree(snapshot.orgUnits), months, offlineSince: null };
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
 * The snapshot's org units, source and months, without waiting for the
 * snapshot or duckdb-wasm ({@link fetchView}). After a reload, the reloaded
 * engine's.
 */
export function snapshotView(): Promise<SnapshotView> {
  if (!sharedView) {
    const p = fetchView();
    sharedView = p;
    p.catch(() => {
      if (sharedView === p) sharedView = null;
    });
  }
  return sharedView;
}

let allowStart!: () => void;
const startAllowed = new Promise<void>((resolve) => (allowStart = resolve));

/**
 * Lets duckdb-wasm start (main.tsx): at once for every page but the overview;
 * there once its first KPIs from the server are on screen (pages/overview.tsx),
 * when the server's layout could not be had, or after a while at the latest.
 * Compiling the 34 MB module takes every core for seconds (two on the
 * benchmark's machine) and would hold back the first KPI (issue 6 P2).
 * Whatever allows it, the engine starts only in a signed-in page
 * (`whenSignedIn`, auth/session.ts).
 */
export function allowEngineStart(): void {
  allowStart();
}

async function start(): Promise<DashboardData> {
  // duckdb-wasm and Arrow are a chunk of their own; the snapshot is fetched meanwhile (index.html preloads it).
  const bytes = snapshotBytes();
  const engineStarted = Promise.all([startAllowed, whenSignedIn])
    .then(() => import("@linze/duckdb"))
    .then((m) => m.createEngine())
    .then((engine) => {
      performance.mark("linze:engine-started");
      return engine;
    });
  const [engine, s] = await Promise.all([engineStarted, bytes]);
  return loaded(engine, s);
}

/** Loads the bytes into the engine; the view is what it loaded: the bytes' header and the months of their data values. */
async function loaded(engine: OlapEngine, s: SnapshotBytes): Promise<DashboardData> {
  // A copy: duckdb-wasm may take the buffer over to its worker, and the offline view may still be decoding these bytes.
  const snapshot = await engine.loadArrow(s.bytes.slice());
  const months = (await engine.query("SELECT DISTINCT period FROM data_values ORDER BY period")).map((r) => String(r.period));
  performance.mark("linze:snapshot-loaded");
  return { snapshot, tree: new OrgUnitTree(snapshot.orgUnits), months, offlineSince: s.offlineSince, engine };
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
  const next = previous.then(
    async (d) => loaded(d.engine, await bytes),
    () => start(),
  );
  sharedBytes = bytes;
  sharedView = next;
  shared = next;
  bytes.catch(() => {
    if (sharedBytes === bytes) sharedBytes = null;
  });
  next.catch(() => {
    if (sharedView === next) sharedView = null;
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
