/**
 * How a run is stored (migration 0008): its inputs text and its results
 * Brotli-compressed on the run, each unit's total, grade and rank as columns;
 * runs stored before 0008 (JSONB) still read back; the storage check refuses
 * a row that mixes the two.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../src/client.ts";
import { loadDataset } from "../src/load.ts";
import { createRun, getRunInputs, listResults, transitionRun, type NewResult } from "../src/assessment-store.ts";
import { decompressJsonText } from "../src/brotli-json.ts";
import { openEmptyTestDatabase, writeLinzeFixture } from "../src/testing.ts";

let db: Database;
beforeAll(async () => {
  db = await openEmptyTestDatabase();
  await db.migrate();
  await loadDataset(db, await writeLinzeFixture());
}, 60_000);
afterAll(() => db.close());

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A result as the engine writes one: items with repeated keys and bilingual lines (here 40 items of ~300 characters). */
const resultOf = (code: string, total: number) => ({
  unit: { kind: "township", code },
  total: { exact: String(total), value: total, display: total.toFixed(2) },
  items: Array.from({ length: 40 }, (_, i) => ({ itemId: `i${i}`, score: { exact: "3/2", value: 1.5, display: "1.50" }, lines: { zh: [`项目 i${i} 得分 1.50 / 2`], en: [`Item i${i} score 1.50 / 2`] } })),
});
const results: NewResult[] = [
  { assessedKind: "township", assessedCode: "LZ-SH", orgUnit: "LZ-SH", result: resultOf("LZ-SH", 92.5), total: "92.5", grade: "excellent", rank: 1, selfScores: { m1: 10 } },
  { assessedKind: "township", assessedCode: "LZ-PC", orgUnit: "LZ-PC", result: resultOf("LZ-PC", 88), total: "88", grade: "good", rank: 2, selfScores: null },
  { assessedKind: "township", assessedCode: "LZ-BQ", orgUnit: "LZ-BQ", result: resultOf("LZ-BQ", 0), total: "0", grade: null, rank: null, selfScores: null },
];

describe("a run's storage", () => {
  test("inputs and results are stored compressed on the run; the inputs text is the hashed text, byte for byte", async () => {
    const inputs = { year: 2016, quarter: 4, units: ["LZ-SH", "LZ-PC", "LZ-BQ"], note: "全角：１２３" };
    const text = JSON.stringify(inputs);
    const run = await createRun(db, { year: 2016, quarter: 4, scope: "townships", scopeOrgUnit: "LZ", engineVersion: "test/1", inputs, inputsHash: sha256(text), inputsJson: text }, results, "tester");

    const [row] = await db.query<{ inputs: unknown; inputs_brotli: Uint8Array; results_brotli: Uint8Array }>("SELECT inputs, inputs_brotli, results_brotli FROM assessment_runs WHERE id = $1", [run.id]);
    expect(row!.inputs).toBeNull();
    expect(decompressJsonText(row!.inputs_brotli)).toBe(text);
    expect(sha256(decompressJsonText(row!.inputs_brotli))).toBe(run.inputsHash);
    // 3 results of ~6 KB of JSON each: compressed together they are a small fraction of it.
    const jsonBytes = JSON.stringify(results.map((r) => r.result)).length;
    expect(row!.results_brotli.length).toBeLessThan(jsonBytes / 10);
    expect((await db.query("SELECT result FROM assessment_results WHERE run_id = $1 AND result IS NOT NULL", [run.id])).length).toBe(0);

    expect(await getRunInputs(db, run.id)).toEqual(inputs);
    const listed = await listResults(db, run.id);
    expect(listed.map((r) => [r.assessedCode, r.rank, r.grade, r.total])).toEqual([
      ["LZ-SH", 1, "excellent", 92.5],
      ["LZ-PC", 2, "good", 88],
      ["LZ-BQ", null, null, 0],
    ]);
    // Each row gets its own unit's result back, not its neighbour's.
    expect(listed.map((r) => (r.result as { unit: { code: string } }).unit.code)).toEqual(["LZ-SH", "LZ-PC", "LZ-BQ"]);
    expect(listed[0]!.result).toEqual(results[0]!.result);
    expect(listed[0]!.selfScores).toEqual({ m1: 10 });

    // Publishing re-checks the stored inputs against the hash.
    for (const to of ["submitted", "reviewed"] as const) await transitionRun(db, run.id, to, "tester", () => true);
    const published = await transitionRun(db, run.id, "published", "tester", (stored, hash) => sha256(JSON.stringify(stored)) === hash);
    expect(published.status).toBe("published");
  });

  test("a run stored before migration 0008 (JSONB inputs and per-unit results) still reads back", async () => {
    const [run] = await db.query<{ id: number }>(
      `INSERT INTO assessment_runs (year, quarter, scope, scope_org_unit, revision, engine_version, inputs, inputs_hash, created_by)
       VALUES (2016, 3, 'townships', 'LZ', 1, 'old/1', '{"year": 2016, "units": ["LZ-SH"]}', 'h', 'tester') RETURNING id`,
    );
    await db.query(
      `INSERT INTO assessment_results (run_id, assessed_kind, assessed_code, org_unit, result, total, grade, rank)
       VALUES ($1, 'township', 'LZ-SH', 'LZ-SH', '{"unit": {"kind": "township", "code": "LZ-SH"}, "old": true}', 75, 'pass', 1)`,
      [run!.id],
    );
    expect(await getRunInputs(db, Number(run!.id))).toEqual({ year: 2016, units: ["LZ-SH"] });
    const [listed] = await listResults(db, Number(run!.id));
    expect(listed).toMatchObject({ assessedCode: "LZ-SH", total: 75, grade: "pass", rank: 1, result: { old: true } });
  });

  test("the storage check refuses a run with both forms, or with compressed inputs but no results", async () => {
    const insert = (columns: string, values: string) =>
      db.query(`INSERT INTO assessment_runs (year, quarter, scope, scope_org_unit, revision, engine_version, inputs_hash, created_by, ${columns}) VALUES (2015, 1, 'townships', 'LZ', 1, 'x', 'h', 'tester', ${values})`);
    await expect(insert("inputs, inputs_brotli, results_brotli", `'{}', '\\x00', '\\x00'`)).rejects.toMatchObject({ code: "23514" });
    await expect(insert("inputs_brotli", `'\\x00'`)).rejects.toMatchObject({ code: "23514" });
    await expect(insert("inputs", "NULL")).rejects.toMatchObject({ code: "23514" });
  });
});
