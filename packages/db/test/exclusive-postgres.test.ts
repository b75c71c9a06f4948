/**
 * `Database.exclusive` on PostgreSQL (the postgres project only): two
 * connection pools on one database, as two server processes have, take
 * turns in sections of one name (an advisory lock) and not in sections of
 * different names.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../src/client.ts";
import { openEmptyTestDatabase, openSecondPool } from "../src/testing.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("exclusive on PostgreSQL", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openEmptyTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  test("on PostgreSQL, a second connection pool's section of the same name waits for the first to end; another name does not", async () => {
    expect(db.kind).toBe("postgres");
    // A second pool on the same database, as a second server process would have.
    const other = await openSecondPool(db);
    try {
      const events: string[] = [];
      const first = db.exclusive("linze-test-b", async () => {
        events.push("first in");
        await sleep(400);
        events.push("first out");
      });
      await sleep(100);
      const second = other.exclusive("linze-test-b", async () => {
        events.push("second in");
      });
      const unrelated = other.exclusive("linze-test-c", async () => {
        events.push("other name in");
      });
      await Promise.all([first, second, unrelated]);
      // Without the lock the second section would enter while the first sleeps.
      expect(events).toEqual(["first in", "other name in", "first out", "second in"]);
    } finally {
      await other.close();
    }
  });
});
