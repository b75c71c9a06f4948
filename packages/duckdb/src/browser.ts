/**
 * Browser build of the engine: duckdb-wasm running in its own web worker,
 * bundles picked by `selectBundle` (eh where the browser has wasm exceptions,
 * else mvp), assets served by Vite from `?url` imports (STACK.md). BIGINT
 * and DECIMAL are cast to double by the engine and then pass toNumber.
 */
import * as duckdb from "@duckdb/duckdb-wasm";
import ehWorker from "@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url";
import mvpWorker from "@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url";
import ehWasm from "@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url";
import mvpWasm from "@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url";
import { Float64, Int32, Table, Utf8, vectorFromArray } from "apache-arrow";
import { orgUnitKeys, toNumber, type IndicatorQuery, type Snapshot } from "@linze/domain";
import { normaliseRow, runIndicatorQuery, SCHEMA_SQL, slicesSql, snapshotTables, type OlapEngine } from "./engine.ts";
import { closureColumns, readSnapshotHeader, type SnapshotHeader } from "./arrow-snapshot.ts";

export type { OlapEngine } from "./engine.ts";
export { indicatorQuerySql } from "./engine.ts";
export type { SnapshotHeader } from "./arrow-snapshot.ts";

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** Starts duckdb-wasm in a web worker and opens a connection. */
export async function createEngine(): Promise<OlapEngine> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = await db.connect();
  /** The loaded org units' keys in indicator_slices. */
  let keys: ReadonlyMap<string, number> = new Map();
  const buildSlices = async (orgUnits: Snapshot["orgUnits"]) => {
    keys = orgUnitKeys(orgUnits);
    await conn.query(slicesSql(keys));
  };

  const utf8 = (a: readonly (string | null)[]) => vectorFromArray(a, new Utf8());
  const loadOrgUnits = async (orgUnits: Snapshot["orgUnits"], closure: { ancestor: string[]; descendant: string[] }) => {
    await conn.query(SCHEMA_SQL);
    await conn.insertArrowTable(
      new Table({
        code: utf8(orgUnits.map((u) => u.code)),
        parent: utf8(orgUnits.map((u) => u.parent)),
        level: vectorFromArray(orgUnits.map((u) => u.level), new Int32()),
        name_zh: utf8(orgUnits.map((u) => u.nameZh)),
        name_en: utf8(orgUnits.map((u) => u.nameEn)),
      }),
      { name: "org_units", create: false },
    );
    await conn.insertArrowTable(new Table({ ancestor: utf8(closure.ancestor), descendant: utf8(closure.descendant) }), { name: "org_unit_closure", create: false });
  };

  const engine: OlapEngine = {
    async load(snapshot: Snapshot) {
      const t = snapshotTables(snapshot);
      await loadOrgUnits(t.orgUnits, t.closure);
      await conn.insertArrowTable(
        new Table({
          org_unit: utf8(t.dataValues.orgUnit),
          period: utf8(t.dataValues.period),
          data_element: utf8(t.dataValues.dataElement),
          value: vectorFromArray(t.dataValues.value, new Float64()),
        }),
        { name: "data_values", create: false },
      );
      await buildSlices(t.orgUnits);
    },
    async loadArrow(ipc: Uint8Array): Promise<SnapshotHeader> {
      const header = readSnapshotHeader(ipc);
      await loadOrgUnits(header.orgUnits, closureColumns(header.orgUnits));
      // The dictionary-encoded columns become the table's VARCHARs inside the worker; no decoding in JS.
      await conn.insertArrowFromIPCStream(ipc, { name: "data_values", create: false });
      await buildSlices(header.orgUnits);
      return header;
    },
    async query(sql: string) {
      const result = await conn.query(sql);
      return result.toArray().map((r) => normaliseRow(r.toJSON() as Record<string, unknown>, toNumber));
    },
    indicatorRows: (q: IndicatorQuery) => runIndicatorQuery(engine, keys, q),
    async close() {
      await conn.close();
      await db.terminate();
      worker.terminate();
    },
  };
  return engine;
}
