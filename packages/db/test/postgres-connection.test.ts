/**
 * The PostgreSQL pool outlives a connection that fails while idle (the
 * postgres project only): PostgreSQL restarting, an administrator ending
 * sessions, or a test dropping a database WITH (FORCE) while the pool is
 * still closing its connections. The pool's 'error' event for such a
 * connection, unheard, was an uncaught exception that ended the process (a
 * CI run of 2026-12-05 failed the server suite on it).
 */
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { Database } from "../src/client.ts";
import { openEmptyTestDatabase, openSecondPool } from "../src/testing.ts";

describe("a PostgreSQL connection ended while idle", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openEmptyTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  test("is said once as a warning and replaced: the next query answers", async () => {
    expect(db.kind).toBe("postgres");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const { pid } = (await db.query<{ pid: number }>("SELECT pg_backend_pid() AS pid"))[0]!;
      // Ended from another session, of a second pool on the same database; the first pool's connection is idle now.
      const conn = await openSecondPool(db);
      try {
        expect((await conn.query<{ ended: boolean }>("SELECT pg_terminate_backend($1) AS ended", [pid]))[0]!.ended).toBe(true);
      } finally {
        await conn.close();
      }
      await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1), { timeout: 5_000 });
      expect(String(warn.mock.calls[0]![0])).toMatch(/^\[linze\] an idle PostgreSQL connection failed \(terminating connection due to administrator command\)/);
      const { answer, other } = (await db.query<{ answer: number; other: number }>("SELECT 42 AS answer, pg_backend_pid() AS other"))[0]!;
      expect(answer).toBe(42);
      expect(other).not.toBe(pid);
    } finally {
      warn.mockRestore();
    }
  });
});
