/**
 * Migration 0009 on the real engine (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL): the value history's rows written before it, one per
 * value, become rows of one change each, with their ids, sources, users and
 * times, and read back through valueHistory as before.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { afterAll, beforeAll, expect, test } from "vitest";
import { MIGRATIONS_DIR, openDatabase, type Database } from "../src/client.ts";
import { valueHistory } from "../src/data-write.ts";
import { createServerTestDatabase, testServerUrl } from "../src/testing.ts";

let db: Database;
let drop: (() => Promise<void>) | null = null;
const folders: string[] = [];

beforeAll(async () => {
  const serverUrl = testServerUrl();
  if (serverUrl === null) db = await openDatabase({ memory: true });
  else {
    const created = await createServerTestDatabase(serverUrl);
    drop = created.drop;
    db = await openDatabase({ databaseUrl: created.url });
  }
}, 60_000);
afterAll(async () => {
  await db.close();
  await drop?.();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** A copy of the migrations folder whose journal stops at migration `last` (its idx). */
function migrationsUpTo(last: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), "linze-migrations-"));
  folders.push(dir);
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

const migrateTo = (folder: string) =>
  db.kind === "pglite" ? migratePglite(db.drizzle as Parameters<typeof migratePglite>[0], { migrationsFolder: folder }) : migratePg(db.drizzle as Parameters<typeof migratePg>[0], { migrationsFolder: folder });

test("0009: each earlier history row becomes a row of one change, and the value's history reads as before", async () => {
  await migrateTo(migrationsUpTo(8));
  await db.query("INSERT INTO org_units (code, parent, level, name_zh, name_en) VALUES ('LZ', NULL, 1, '临泽县', 'Linze County')");
  const [imp] = await db.query<{ id: number }>(
    "INSERT INTO data_imports (file_name, file_sha256, layout, rows_read, values_new, values_updated, values_unchanged, values_ignored, summary, committed_by) VALUES ('jan.csv', $1, 'long', 1, 1, 0, 0, 0, '{}', 'importer') RETURNING id",
    ["a".repeat(64)],
  );
  // 0004's shape: one row per value. articles_published at LZ in 2016-01: imported 3, corrected to 4.50, deleted.
  await db.query(
    `INSERT INTO data_value_history (org_unit, period, data_element, previous_value, value, source, import_id, changed_by, changed_at) VALUES
     ('LZ', '2016-01', 'articles_published', NULL, 3, 'import', $1, 'importer', '2016-02-03T01:00:00Z'),
     ('LZ', '2016-01', 'articles_published', 3, 4.50, 'entry', NULL, 'clerk', '2016-02-04T01:00:00Z'),
     ('LZ', '2016-01', 'cadres_trained', NULL, 7, 'entry', NULL, 'clerk', '2016-02-04T01:00:00Z'),
     ('LZ', '2016-01', 'articles_published', 4.50, NULL, 'entry', NULL, 'clerk', '2016-02-05T01:00:00Z')`,
    [imp!.id],
  );
  const before = await db.query<{ id: number }>("SELECT id FROM data_value_history ORDER BY id");

  await migrateTo(MIGRATIONS_DIR);
  const rows = await db.query<{ id: number; data_elements: string[]; previous_values: (string | null)[]; new_values: (string | null)[]; changed_by: string }>(
    "SELECT id, data_elements, previous_values::text[] AS previous_values, new_values::text[] AS new_values, changed_by FROM data_value_history ORDER BY id",
  );
  expect(rows).toEqual([
    { id: before[0]!.id, data_elements: ["articles_published"], previous_values: [null], new_values: ["3"], changed_by: "importer" },
    { id: before[1]!.id, data_elements: ["articles_published"], previous_values: ["3"], new_values: ["4.50"], changed_by: "clerk" },
    { id: before[2]!.id, data_elements: ["cadres_trained"], previous_values: [null], new_values: ["7"], changed_by: "clerk" },
    { id: before[3]!.id, data_elements: ["articles_published"], previous_values: ["4.50"], new_values: [null], changed_by: "clerk" },
  ]);
  const history = await valueHistory(db, { orgUnit: "LZ", period: "2016-01", dataElement: "articles_published" });
  expect(history.map((h) => [h.previousValue, h.value, h.source, h.fileName, h.changedBy, h.changedAt])).toEqual([
    [4.5, null, "entry", null, "clerk", "2016-02-05T01:00:00.000Z"],
    [3, 4.5, "entry", null, "clerk", "2016-02-04T01:00:00.000Z"],
    [null, 3, "import", "jan.csv", "importer", "2016-02-03T01:00:00.000Z"],
  ]);
  const indexes = await db.query<{ indexdef: string }>("SELECT indexdef FROM pg_indexes WHERE tablename = 'data_value_history' ORDER BY indexname");
  expect(indexes.map((i) => i.indexdef.replace(/^.* USING /, ""))).toEqual(["btree (org_unit, period)", "btree (id)"]);
  // The three arrays go together: a row whose arrays differ in length is refused.
  await expect(
    db.query("INSERT INTO data_value_history (org_unit, period, data_elements, previous_values, new_values, source, changed_by) VALUES ('LZ', '2016-01', '{a,b}', '{NULL}', '{1,2}', 'entry', 't')"),
  ).rejects.toThrow(/data_value_history_arrays_check/);
});
