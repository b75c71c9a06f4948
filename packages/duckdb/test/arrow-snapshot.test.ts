/**
 * The snapshot's Arrow IPC encoding: a round trip gives back every column
 * exactly, and native DuckDB loaded from the bytes gives the county's 2016
 * figures of the report (DOMAIN.md §5) and the same rows as the JSON-shaped
 * `load` for every indicator.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableFromArrays, tableToIPC } from "apache-arrow";
import { INDICATORS, toNumber, type Snapshot } from "@linze/domain";
import { readDataset, REPO_ROOT } from "@linze/db";
import { closureColumns, decodeSnapshot, encodeSnapshot, InvalidSnapshot, readSnapshotHeader } from "../src/arrow-snapshot.ts";
import { createEngine, type OlapEngine } from "../src/node.ts";

let snapshot: Snapshot;
let bytes: Uint8Array;
let fromArrow: OlapEngine;
let fromColumns: OlapEngine;

beforeAll(async () => {
  const dataset = await readDataset(path.join(REPO_ROOT, "data", "linze"));
  const values = dataset.dataValues;
  snapshot = {
    orgUnits: dataset.tree.all,
    dataValues: {
      orgUnit: values.map((v) => v.orgUnit),
      period: values.map((v) => v.period),
      dataElement: values.map((v) => v.dataElement),
      value: values.map((v) => toNumber(v.value)!),
    },
    source: { zh: "演示数据", en: "demo data" },
  };
  bytes = encodeSnapshot(snapshot);
  fromArrow = await createEngine();
  await fromArrow.loadArrow(bytes);
  fromColumns = await createEngine();
  await fromColumns.load(snapshot);
}, 60_000);

afterAll(async () => {
  await fromArrow?.close();
  await fromColumns?.close();
});

describe("Arrow snapshot", () => {
  it("gives the same bytes for the same snapshot (the server's ETag hashes them)", () => {
    expect(Buffer.from(encodeSnapshot(snapshot)).equals(Buffer.from(bytes))).toBe(true);
  });

  it("decodes to exactly the snapshot it was made from", () => {
    const back = decodeSnapshot(bytes);
    expect(back.dataValues.value.length).toBe(snapshot.dataValues.value.length);
    expect(back).toEqual(snapshot);
    expect(readSnapshotHeader(bytes)).toEqual({ orgUnits: snapshot.orgUnits, source: snapshot.source });
  });

  it("is smaller than the JSON it replaces (dictionary codes, integer indices)", () => {
    const json = JSON.stringify(snapshot).length;
    // 28,821 values: JSON repeats every code as text; Arrow stores 4 + 2 + 2 + 8 bytes a row.
    expect(bytes.length).toBeLessThan(json / 2);
  });

  it("loaded into native DuckDB gives the report's 2016 county totals", async () => {
    const rows = await fromArrow.indicatorRows({ indicators: INDICATORS.filter((i) => ["cataract_surgeries", "subsidy_paid_cny", "subsidy_recipients"].includes(i.code)), orgUnits: ["LZ"], periods: ["2016"] });
    const value = Object.fromEntries(rows.map((r) => [r.indicator, r.value]));
    // DOMAIN.md §5: 156 free cataract surgeries; four subsidies 1,856,400 CNY paid to 1,688 persons (December rolls).
    expect(value).toEqual({ cataract_surgeries: 156, subsidy_paid_cny: 1_856_400, subsidy_recipients: 1688 });
  });

  it("loaded into native DuckDB gives the same rows as the column load for every indicator", async () => {
    const query = { indicators: INDICATORS, orgUnits: ["LZ", "LZ-SH", "LZ-SH-V03"], periods: ["2016-03", "2016Q2", "2016"] };
    const [a, b] = await Promise.all([fromArrow.indicatorRows(query), fromColumns.indicatorRows(query)]);
    expect(a.length).toBeGreaterThan(INDICATORS.length * 3);
    expect(a).toEqual(b);
    const [closureA] = await fromArrow.query("SELECT count(*) AS n FROM org_unit_closure");
    // 1 county + 7 townships × 2 + 76 villages × 3 = 243 pairs, as OrgUnitTree.closure gives them.
    expect(closureA).toEqual({ n: 243 });
  });

  it("refuses columns of different lengths and bytes without the header", () => {
    const broken = { ...snapshot, dataValues: { ...snapshot.dataValues, value: [1] } };
    expect(() => encodeSnapshot(broken)).toThrow(InvalidSnapshot);
    expect(() => encodeSnapshot(broken)).toThrow(/different lengths/);
    const plain = tableToIPC(tableFromArrays({ value: new Float64Array([1]) }), "stream");
    expect(() => readSnapshotHeader(plain)).toThrow(/no "linze.snapshot" metadata/);
  });

  it("builds the closure from parent links at any depth and refuses an unknown parent", () => {
    const units = [
      { code: "PV", parent: null },
      { code: "PV-C01", parent: "PV" },
      { code: "PV-C01-T01", parent: "PV-C01" },
      { code: "PV-C01-T01-V01", parent: "PV-C01-T01" },
    ];
    const c = closureColumns(units);
    // 1 + 2 + 3 + 4 pairs
    expect(c.ancestor.length).toBe(10);
    expect(c.ancestor.filter((_, i) => c.descendant[i] === "PV-C01-T01-V01")).toEqual(["PV-C01-T01-V01", "PV-C01-T01", "PV-C01", "PV"]);
    expect(() => closureColumns([{ code: "A", parent: "B" }])).toThrow(/unknown ancestor B/);
  });
});
