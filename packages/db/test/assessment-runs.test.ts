/**
 * How a run is stored (migration 0008): its inputs text and its results
 * Brotli-compressed on the run, each unit's total, grade and rank as columns;
 * runs stored before 0008 (JSONB) still read back; the storage check refuses
 * a row that mixes the two. A result's run and org unit are checked once per
 * statement (migration 0011) as the foreign keys did.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../src/client.ts";
import { loadDataset } from "../src/load.ts";
import { createRun, getRunInputs, listResults, SameUserRefused, transitionRun, type NewResult } from "../src/assessment-store.ts";
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
    // Review and publish by someone other than the submitter (separation of duties).
    await transitionRun(db, run.id, "submitted", "assessor", () => true);
    await expect(transitionRun(db, run.id, "reviewed", "assessor", () => true)).rejects.toThrow(`Run ${run.id} was submitted by assessor: another user must review it (本次考核由assessor提交，提交人不能审核，须由其他用户审核)`);
    await transitionRun(db, run.id, "reviewed", "reviewer", () => true);
    await expect(transitionRun(db, run.id, "published", "assessor", () => true)).rejects.toBeInstanceOf(SameUserRefused);
    const published = await transitionRun(db, run.id, "published", "reviewer", (stored, hash) => sha256(JSON.stringify(stored)) === hash);
    expect(published).toMatchObject({ status: "published", submittedBy: "assessor", reviewedBy: "reviewer", publishedBy: "reviewer" });
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

  test("a result's run and org unit are checked per statement (migration 0011): an unknown one refuses the whole statement; deleting a run deletes its results; a referenced run id or org unit cannot change or go", async () => {
    const refused = (sql: string, params: unknown[] = []) => db.query(sql, params).then(() => null, (e: { code?: string; detail?: string }) => ({ code: e.code, detail: e.detail }));
    const run = await createRun(db, { year: 2014, quarter: 2, scope: "townships", scopeOrgUnit: "LZ", engineVersion: "test/1", inputs: { n: 1 }, inputsHash: sha256('{"n":1}') }, results, "tester");
    const count = async (runId: number) => (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM assessment_results WHERE run_id = $1", [runId]))[0]!.n;
    expect(await count(run.id)).toBe(3);
    const insert = (rows: string) => refused(`INSERT INTO assessment_results (run_id, assessed_kind, assessed_code, org_unit, total) VALUES ${rows}`);
    // The second of two rows is the bad one: neither is written, as with a foreign key.
    expect(await insert(`(${run.id}, 'township', 'LZ-XH', 'LZ-XH', 1), (987654, 'township', 'LZ-YN', 'LZ-YN', 1)`)).toEqual({ code: "23503", detail: 'Key (run_id)=(987654) is not present in table "assessment_runs".' });
    expect(await insert(`(${run.id}, 'township', 'LZ-XH', 'LZ-XH', 1), (${run.id}, 'township', 'LZ-ZZ', 'LZ-ZZ', 1)`)).toEqual({ code: "23503", detail: 'Key (org_unit)=(LZ-ZZ) is not present in table "org_units".' });
    expect(await refused("UPDATE assessment_results SET org_unit = 'LZ-QQ' WHERE run_id = $1 AND assessed_code = 'LZ-SH'", [run.id])).toEqual({
      code: "23503",
      detail: 'Key (org_unit)=(LZ-QQ) is not present in table "org_units".',
    });
    expect(await count(run.id)).toBe(3);
    // An org unit referenced by nothing but one result: only migration 0011's check keeps it.
    await db.query("INSERT INTO org_units (code, parent, level, name_zh, name_en) VALUES ('LZ-SH-V98', 'LZ-SH', 3, '测试村', 'Test village')");
    expect(await insert(`(${run.id}, 'committeeMember', 'CM-TEST', 'LZ-SH-V98', 1)`)).toBeNull();
    const stillReferenced = { code: "23503", detail: 'Key (code)=(LZ-SH-V98) is still referenced from table "assessment_results".' };
    expect(await refused("DELETE FROM org_units WHERE code = 'LZ-SH-V98'")).toEqual(stillReferenced);
    expect(await refused("UPDATE org_units SET code = 'LZ-SH-V97' WHERE code = 'LZ-SH-V98'")).toEqual(stillReferenced);
    expect(await refused("UPDATE assessment_runs SET id = 987655 WHERE id = $1", [run.id])).toEqual({ code: "23503", detail: `Key (id)=(${run.id}) is still referenced from table "assessment_results".` });
    // Deleting the run deletes its results (ON DELETE CASCADE before); then the org unit can go.
    await db.query("DELETE FROM assessment_runs WHERE id = $1", [run.id]);
    expect(await count(run.id)).toBe(0);
    expect(await refused("DELETE FROM org_units WHERE code = 'LZ-SH-V98'")).toBeNull();
  });
});
