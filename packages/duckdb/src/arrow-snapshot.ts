/**
 * The snapshot on the wire: one Arrow IPC stream (apache-arrow 17, the
 * version duckdb-wasm brings) instead of JSON. Its record batches are the
 * data values, typed and in DuckDB's table order:
 *
 *   org_unit      Dictionary<Utf8, Int32>   e.g. LZ-SH-V03 (few distinct codes, one index per row)
 *   period        Dictionary<Utf8, Int16>   a month label 'YYYY-MM' (labels stay labels; the row holds an integer)
 *   data_element  Dictionary<Utf8, Int16>   e.g. cataract_surgeries
 *   value         Float64                   a count or CNY, as the database's toNumber gave it
 *
 * and its schema metadata (key {@link SNAPSHOT_METADATA_KEY}) is the JSON of
 * the org units and the source notice, so one request brings everything the
 * dashboard's engine loads. duckdb-wasm reads the bytes as they come
 * (`insertArrowFromIPCStream`); Node decodes them with {@link decodeSnapshot}.
 */
import { Dictionary, Float64, Int16, Int32, RecordBatchReader, Schema, Table, tableFromIPC, tableToIPC, Utf8, vectorFromArray } from "apache-arrow";
import type { OrgUnit, Snapshot } from "@linze/domain";

/** The schema metadata key holding {@link SnapshotHeader} as JSON. */
export const SNAPSHOT_METADATA_KEY = "linze.snapshot";

/** What a snapshot carries besides its data values: the org units and where the data comes from. */
export type SnapshotHeader = Omit<Snapshot, "dataValues">;

/** The content type `GET /snapshot.arrow` answers with. */
export const ARROW_STREAM_CONTENT_TYPE = "application/vnd.apache.arrow.stream";

export class InvalidSnapshot extends Error {
  constructor(message: string) {
    super(`Invalid snapshot: ${message} (数据快照无效)`);
    this.name = "InvalidSnapshot";
  }
}

/**
 * The snapshot as Arrow IPC stream bytes. Throws InvalidSnapshot when the
 * data value columns differ in length.
 */
export function encodeSnapshot(snapshot: Snapshot): Uint8Array {
  const dv = snapshot.dataValues;
  const n = dv.value.length;
  if (dv.orgUnit.length !== n || dv.period.length !== n || dv.dataElement.length !== n) {
    throw new InvalidSnapshot(`data value columns of different lengths (${dv.orgUnit.length}, ${dv.period.length}, ${dv.dataElement.length}, ${n})`);
  }
  // More than 32,767 distinct months or data elements would overflow Int16 indices; org units get Int32.
  // Dictionary ids are given: arrow-js would number them from a global counter, and the same snapshot
  // must always give the same bytes (the server's ETag is their hash).
  const table = new Table({
    org_unit: vectorFromArray(dv.orgUnit, new Dictionary(new Utf8(), new Int32(), 0)),
    period: vectorFromArray(dv.period, new Dictionary(new Utf8(), new Int16(), 1)),
    data_element: vectorFromArray(dv.dataElement, new Dictionary(new Utf8(), new Int16(), 2)),
    value: vectorFromArray(dv.value, new Float64()),
  });
  const header: SnapshotHeader = { orgUnits: snapshot.orgUnits, source: snapshot.source, ...(snapshot.summaryOnly?.length ? { summaryOnly: snapshot.summaryOnly } : {}) };
  const schema = new Schema(table.schema.fields, new Map([[SNAPSHOT_METADATA_KEY, JSON.stringify(header)]]));
  return tableToIPC(new Table(schema, table.batches), "stream");
}

function headerOf(metadata: Map<string, string>): SnapshotHeader {
  const json = metadata.get(SNAPSHOT_METADATA_KEY);
  if (json === undefined) throw new InvalidSnapshot(`no "${SNAPSHOT_METADATA_KEY}" metadata`);
  const header = JSON.parse(json) as SnapshotHeader;
  if (!Array.isArray(header.orgUnits) || typeof header.source?.zh !== "string") throw new InvalidSnapshot("metadata without org units or source");
  return header;
}

/** The org units and source of Arrow snapshot bytes, reading only the schema message. */
export function readSnapshotHeader(ipc: Uint8Array): SnapshotHeader {
  const reader = RecordBatchReader.from(ipc);
  reader.open();
  if (!reader.schema) throw new InvalidSnapshot("not an Arrow IPC stream");
  return headerOf(reader.schema.metadata);
}

/** Arrow snapshot bytes back to the domain's {@link Snapshot} (columns as JS arrays). */
export function decodeSnapshot(ipc: Uint8Array): Snapshot {
  const table = tableFromIPC(ipc);
  const header = headerOf(table.schema.metadata);
  const strings = (name: string): string[] => {
    const col = table.getChild(name);
    if (!col) throw new InvalidSnapshot(`no column ${name}`);
    return col.toArray() as string[];
  };
  const value = table.getChild("value");
  if (!value) throw new InvalidSnapshot("no column value");
  return {
    orgUnits: header.orgUnits,
    source: header.source,
    ...(header.summaryOnly ? { summaryOnly: header.summaryOnly } : {}),
    dataValues: { orgUnit: strings("org_unit"), period: strings("period"), dataElement: strings("data_element"), value: Array.from(value.toArray() as Float64Array) },
  };
}

/**
 * (ancestor, descendant) pairs including (u, u), from parent links alone, for
 * any depth (a benchmark's province has four levels; the dashboard's tree is
 * validated by OrgUnitTree before it gets here). Throws InvalidSnapshot for an
 * unknown parent or a cycle.
 */
export function closureColumns(orgUnits: readonly Pick<OrgUnit, "code" | "parent">[]): { ancestor: string[]; descendant: string[] } {
  const parentOf = new Map(orgUnits.map((u) => [u.code, u.parent]));
  const ancestor: string[] = [];
  const descendant: string[] = [];
  for (const u of orgUnits) {
    let at: string | null = u.code;
    for (let depth = 0; at !== null; depth++) {
      if (depth > orgUnits.length) throw new InvalidSnapshot(`org unit ${u.code} is in a cycle of parents`);
      if (!parentOf.has(at)) throw new InvalidSnapshot(`org unit ${u.code} has unknown ancestor ${at}`);
      ancestor.push(at);
      descendant.push(u.code);
      at = parentOf.get(at) ?? null;
    }
  }
  return { ancestor, descendant };
}
