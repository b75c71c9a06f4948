/**
 * The change counters of migration 0007 on the real engine (PGlite, or
 * PostgreSQL with TEST_DATABASE_URL): which writes move `data`, which move
 * `auth`, and that a rolled-back write moves nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../src/client.ts";
import { readChangeVersions, TABLES_OUTSIDE_DATA_VERSION } from "../src/change-versions.ts";
import { createSession, createUser, deleteSession, recordFailedLogin, recordSuccessfulLogin, sessionUser, setPasswordHash, updateUser } from "../src/auth-store.ts";
import { openTestDatabase, writeLinzeFixtureWithAssessment } from "../src/testing.ts";

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase(await writeLinzeFixtureWithAssessment(["committee_members.csv"]));
}, 60_000);
afterAll(() => db.close());

/** How far each counter moves while `fn` runs. */
async function moves(fn: () => Promise<unknown>): Promise<{ data: number; auth: number }> {
  const before = await readChangeVersions(db);
  await fn();
  const after = await readChangeVersions(db);
  return { data: Number(after.data) - Number(before.data), auth: Number(after.auth) - Number(before.auth) };
}

describe("the triggers", () => {
  test("every table but the accounts', the audit log and the counters bumps data; the accounts' bump auth", async () => {
    const rows = await db.query<{ table_name: string; trigger_name: string; fn: string }>(
      `SELECT c.relname AS table_name, t.tgname AS trigger_name, p.proname AS fn
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid
       WHERE n.nspname = current_schema() AND p.proname IN ('bump_data_version', 'bump_auth_version')`,
    );
    const tables = (await db.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")).map((r) => r.tablename);
    const outside = new Set<string>(TABLES_OUTSIDE_DATA_VERSION);
    // A table added by a later migration without its trigger shows here by name.
    const withoutTrigger = tables.filter((t) => !outside.has(t) && !rows.some((r) => r.table_name === t && r.fn === "bump_data_version"));
    expect(withoutTrigger).toEqual([]);
    expect(tables).toContain("data_values");
    expect(tables.length).toBeGreaterThan(15);
    expect(rows.filter((r) => r.fn === "bump_auth_version").map((r) => r.table_name).sort()).toEqual(["sessions", "user_org_units", "users"]);
    expect(rows.filter((r) => r.fn === "bump_data_version" && outside.has(r.table_name))).toEqual([]);
  });

  test("a data write by plain SQL (as another client would) moves data by one per statement, not auth", async () => {
    expect(
      await moves(async () => {
        await db.query("UPDATE data_values SET value = value + 1 WHERE org_unit = 'LZ-SH-V01' AND period = '2016-03' AND data_element = 'cataract_surgeries'");
        await db.query("UPDATE data_values SET value = value - 1 WHERE org_unit = 'LZ-SH-V01' AND period = '2016-03' AND data_element = 'cataract_surgeries'");
      }),
    ).toEqual({ data: 2, auth: 0 });
    expect(await moves(() => db.query("INSERT INTO settings (key, value, updated_by) VALUES ('test.key', '1', 'tester')"))).toEqual({ data: 1, auth: 0 });
  });

  test("a rolled-back write moves nothing", async () => {
    const m = await moves(() =>
      db
        .transaction(async (tx) => {
          await tx.query("DELETE FROM data_values WHERE org_unit = 'LZ-XH-V01'");
          throw new Error("changed my mind");
        })
        .catch(() => undefined),
    );
    expect(m).toEqual({ data: 0, auth: 0 });
    const [r] = await db.query<{ n: unknown }>("SELECT count(*) AS n FROM data_values WHERE org_unit = 'LZ-XH-V01'");
    // 12 months of cataract surgeries, villages and associations, and one e-commerce figure (testing.ts).
    expect(Number(r!.n)).toBe(37);
  });

  test("account changes move auth, not data; sign-in bookkeeping and new sessions move neither", async () => {
    let id = 0;
    expect(
      await moves(async () => {
        id = (await createUser(db, { username: "cv-officer", displayName: "版本测试", role: "township_officer", passwordHash: "x", mustChangePassword: false, orgUnits: { capture: ["LZ-SH"], view: [] } }, "admin")).id;
      }),
    ).toEqual({ data: 0, auth: 3 }); // INSERT users, then user_org_units' DELETE (no row, but a statement) and INSERT
    expect(
      await moves(async () => {
        await recordFailedLogin(db, id, 5, 15);
        await recordSuccessfulLogin(db, id);
        await createSession(db, "a".repeat(64), id, 8);
        await db.query("UPDATE sessions SET last_seen_at = now() - interval '2 minutes' WHERE token_hash = $1", ["a".repeat(64)]);
        await sessionUser(db, "a".repeat(64)); // stale: writes last_seen_at again
      }),
    ).toEqual({ data: 0, auth: 0 });
    expect(await moves(() => updateUser(db, id, { disabled: true }, "admin"))).toEqual({ data: 0, auth: 1 });
    expect(await moves(() => deleteSession(db, "a".repeat(64)))).toEqual({ data: 0, auth: 1 });
    // The hash changes (users) and the user's sessions end (sessions).
    expect(await moves(() => setPasswordHash(db, id, "y", false, "admin"))).toEqual({ data: 0, auth: 2 });
  });
});
