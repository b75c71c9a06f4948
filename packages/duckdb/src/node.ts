/**
 * Node build of the engine: native DuckDB through @duckdb/node-api, used by
 * tests and benchmarks to run the dashboard's SQL outside the browser.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { orgUnitKeys, toNumber, type DataValueColumns, type IndicatorQuery, type OrgUnit, type Snapshot } from "@linze/domain";
import { normaliseRow, runIndicatorQuery, SCHEMA_SQL, slicesSql, snapshotTables, type OlapEngine } from "./engine.ts";
import { closureColumns, decodeSnapshot, type SnapshotHeader } from "./arrow-snapshot.ts";

export type { OlapEngine } from "./engine.ts";
export { indicatorQuerySql } from "./engine.ts";
export type { SnapshotHeader } from "./arrow-snapshot.ts";

/** Opens an in-memory DuckDB. */
export async function createEngine(): Promise<OlapEngine> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  /** The loaded org units' keys in indicator_slices. */
  let keys: ReadonlyMap<string, number> = new Map();

  const append = async (t: { orgUnits: readonly OrgUnit[]; closure: { ancestor: string[]; descendant: string[] }; dataValues: DataValueColumns }) => {
    await conn.run(SCHEMA_SQL);
    const units = await conn.createAppender("org_units");
    for (const u of t.orgUnits) {
      units.appendVarchar(u.code);
      if (u.parent === null) units.appendNull();
      else units.appendVarchar(u.parent);
      units.appendInteger(u.level);
      units.appendVarchar(u.nameZh);
      units.appendVarchar(u.nameEn);
      units.endRow();
    }
    units.closeSync();
    const closure = await conn.createAppender("org_unit_closure");
    for (let i = 0; i < t.closure.ancestor.length; i++) {
      closure.appendVarchar(t.closure.ancestor[i]!);
      closure.appendVarchar(t.closure.descendant[i]!);
      closure.endRow();
    }
    closure.closeSync();
    const values = await conn.createAppender("data_values");
    const dv = t.dataValues;
    for (let i = 0; i < dv.value.length; i++) {
      values.appendVarchar(dv.orgUnit[i]!);
      values.appendVarchar(dv.period[i]!);
      values.appendVarchar(dv.dataElement[i]!);
      values.appendDouble(dv.value[i]!);
      values.endRow();
    }
    values.closeSync();
    keys = orgUnitKeys(t.orgUnits);
    await conn.run(slicesSql(keys));
  };

  const engine: OlapEngine = {
    load: (snapshot: Snapshot) => append(snapshotTables(snapshot)),
    async loadArrow(ipc: Uint8Array): Promise<SnapshotHeader> {
      const snapshot = decodeSnapshot(ipc);
      await append({ orgUnits: snapshot.orgUnits, closure: closureColumns(snapshot.orgUnits), dataValues: snapshot.dataValues });
      return { orgUnits: snapshot.orgUnits, source: snapshot.source };
    },
    async query(sql: string) {
      const reader = await conn.runAndReadAll(sql);
      return reader.getRowObjectsJS().map((r) => normaliseRow(r as Record<string, unknown>, toNumber));
    },
    indicatorRows: (q: IndicatorQuery) => runIndicatorQuery(engine, keys, q),
    async close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
  return engine;
}
