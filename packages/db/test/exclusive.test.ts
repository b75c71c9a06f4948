/**
 * `Database.exclusive`: a section that one process at a time runs, so that
 * servers starting at once on one PostgreSQL database migrate, load and seed
 * it in turn (two at once failed creating the same table). On PGlite the
 * section just runs: one process holds its directory. The waiting itself is
 * PostgreSQL's, in exclusive-postgres.test.ts.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../src/client.ts";
import { openEmptyTestDatabase } from "../src/testing.ts";

describe("exclusive", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openEmptyTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  test("returns what the section returns and throws what it throws; the lock is free again after either", async () => {
    expect(await db.exclusive("linze-test-a", async () => 42)).toBe(42);
    await expect(db.exclusive("linze-test-a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    // Taken again at once: neither the answer nor the error left it held.
    expect(await db.exclusive("linze-test-a", async () => "again")).toBe("again");
  });
});
