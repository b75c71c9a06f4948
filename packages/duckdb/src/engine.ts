/**
 * The analytical engine's one interface, the same in the browser
 * (duckdb-wasm in its web worker, browser.ts) and in Node (@duckdb/node-api,
 * node.ts), chosen by the package's conditional exports — so the SQL the
 * dashboard runs is tested in Node too (Classic Evidence's layout).
 */
import {
  compileIndicatorQuery,
  compileIndicatorQueryOnSlices,
  INDICATOR_ROW_NUMERIC_COLUMNS,
  indicatorSlicesSql,
  numericRows,
  OrgUnitTree,
  type IndicatorQuery,
  type IndicatorRow,
  type Snapshot,
} from "@linze/domain";
import type { SnapshotHeader } from "./arrow-snapshot.ts";

export interface OlapEngine {
  /**
   * Replaces the tables data_values, org_unit_closure and org_units with the
   * snapshot's, and builds from them the pre-aggregated indicator_slices
   * ({@link slicesSql}) that indicator queries read.
   */
  load(snapshot: Snapshot): Promise<void>;
  /**
   * The same from a snapshot in Arrow IPC (arrow-snapshot.ts, what
   * `GET /snapshot.arrow` sends); returns its org units and source. The bytes
   * may be handed to the engine's worker: do not use them afterwards.
   */
  loadArrow(ipc: Uint8Array): Promise<SnapshotHeader>;
  /** Runs SQL; BIGINT and DECIMAL come back as JS numbers, all through the domain's toNumber. */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** The compiled indicator query's rows; a missing row means no value. */
  indicatorRows(q: IndicatorQuery): Promise<IndicatorRow[]>;
  close(): Promise<void>;
}

export const SCHEMA_SQL = `
DROP TABLE IF EXISTS indicator_slices;
DROP TABLE IF EXISTS data_values;
DROP TABLE IF EXISTS org_unit_closure;
DROP TABLE IF EXISTS org_units;
CREATE TABLE org_units (code VARCHAR PRIMARY KEY, parent VARCHAR, level INTEGER NOT NULL, name_zh VARCHAR NOT NULL, name_en VARCHAR NOT NULL);
CREATE TABLE org_unit_closure (ancestor VARCHAR NOT NULL, descendant VARCHAR NOT NULL);
CREATE TABLE data_values (org_unit VARCHAR NOT NULL, period VARCHAR NOT NULL, data_element VARCHAR NOT NULL, value DOUBLE NOT NULL);
`;

/**
 * Run once the three tables are loaded, with `orgUnitKeys(orgUnits)` of the
 * same org units: builds indicator_slices, the per org unit × data element ×
 * month sums over each org unit's subtree that indicator queries read (the
 * domain's indicatorSlicesSql, where the rules are).
 */
export function slicesSql(keys: ReadonlyMap<string, number>): string {
  return indicatorSlicesSql(keys);
}

/**
 * The SQL an engine runs for an indicator query, given the org unit keys it
 * built indicator_slices with: the domain's compiler on indicator_slices, or
 * on data_values and the closure where that one cannot answer (a stock over
 * months that are not consecutive). The same rows either way; the benchmark
 * (bench P1) times exactly this SQL.
 */
export function indicatorQuerySql(q: IndicatorQuery, keys: ReadonlyMap<string, number>): string {
  return compileIndicatorQueryOnSlices(q, keys) ?? compileIndicatorQuery(q);
}

/** The snapshot as three column sets, ready for an appender or Arrow. */
export function snapshotTables(snapshot: Snapshot) {
  const tree = new OrgUnitTree(snapshot.orgUnits);
  const closure = tree.closure();
  return {
    orgUnits: snapshot.orgUnits,
    closure: { ancestor: closure.map((c) => c.ancestor), descendant: closure.map((c) => c.descendant) },
    dataValues: snapshot.dataValues,
  };
}

/** Shared by both engines: compile (with the keys of the loaded org units), run, convert. */
export async function runIndicatorQuery(engine: Pick<OlapEngine, "query">, keys: ReadonlyMap<string, number>, q: IndicatorQuery): Promise<IndicatorRow[]> {
  const rows = await engine.query(indicatorQuerySql(q, keys));
  return numericRows(rows, INDICATOR_ROW_NUMERIC_COLUMNS) as unknown as IndicatorRow[];
}

/** Converts every bigint/decimal-like value of a row to a number; strings and null stay. */
export function normaliseRow(row: Record<string, unknown>, toNumber: (v: unknown) => number | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = typeof v === "bigint" || (v !== null && typeof v === "object") ? toNumber(v) : v;
  }
  return out;
}
