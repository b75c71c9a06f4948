import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { openDatabase } from "../src/client.ts";
import { loadDataset } from "../src/load.ts";
import { writeLinzeFixture } from "../src/testing.ts";

const base = await mkdtemp(path.join(tmpdir(), "linze-db-"));
afterAll(() => rm(base, { recursive: true, force: true }));

test("PGlite in a nested data directory: parents created, data kept across reopen, not loaded twice", async () => {
  const dir = path.join(base, "a", "b", "pglite");
  const db = await openDatabase({ dataDir: dir });
  expect(db.kind).toBe("pglite");
  expect(db.location).toBe(dir);
  await db.migrate();
  expect((await loadDataset(db, await writeLinzeFixture())).loaded).toBe(true);
  await db.close();
  expect((await stat(path.join(dir, "PG_VERSION"))).isFile()).toBe(true);

  const again = await openDatabase({ dataDir: dir });
  await again.migrate();
  expect((await loadDataset(again, await writeLinzeFixture())).loaded).toBe(false);
  const rows = await again.query<{ total: string }>("SELECT sum(value) AS total FROM data_values WHERE data_element = 'cataract_surgeries'");
  expect(rows[0]!.total).toBe("156");
  await again.close();
}, 60_000);
