/**
 * Dropping a test database on PostgreSQL (testing.ts dropTestDatabase): the
 * statements it sends when the server refuses `WITH (FORCE)` because a
 * process it may not signal (an autovacuum worker) is connected, as the CI
 * run of 2026-12-05 saw. The server's answers are scripted here (SQLSTATE
 * 42501 insufficient privilege, 55006 object in use); the FORCE path itself
 * runs after every PostgreSQL test of the db, api and server suites.
 */
import { describe, expect, test } from "vitest";
import { dropTestDatabase } from "../src/testing.ts";

const refused = (code: string) => Object.assign(new Error(`refused (${code})`), { code });

/** An admin connection answering each statement with the next scripted error, or success once the script is done. */
function scripted(errors: (string | null)[]) {
  const sent: string[] = [];
  return {
    sent,
    admin: async (sql: string) => {
      sent.push(sql);
      const code = errors.shift();
      if (code) throw refused(code);
    },
  };
}

describe("dropTestDatabase", () => {
  test("drops WITH (FORCE) when that works: one statement", async () => {
    const { sent, admin } = scripted([]);
    await dropTestDatabase(admin, "linze_test_1");
    expect(sent).toEqual(["DROP DATABASE IF EXISTS linze_test_1 WITH (FORCE)"]);
  });

  test("an autovacuum worker it may not signal (42501): plain DROP DATABASE, which stops the worker itself", async () => {
    const { sent, admin } = scripted(["42501"]);
    await dropTestDatabase(admin, "linze_test_2");
    expect(sent).toEqual(["DROP DATABASE IF EXISTS linze_test_2 WITH (FORCE)", "DROP DATABASE IF EXISTS linze_test_2"]);
  });

  test("still in use (55006): both tried again after the pause, up to the attempts, then the last error", async () => {
    const { sent, admin } = scripted(["42501", "55006", "42501", null]);
    await dropTestDatabase(admin, "linze_test_3", 3, 1);
    expect(sent).toHaveLength(4);
    expect(sent[2]).toBe("DROP DATABASE IF EXISTS linze_test_3 WITH (FORCE)");

    const stuck = scripted(["42501", "55006", "42501", "55006"]);
    await expect(dropTestDatabase(stuck.admin, "linze_test_4", 2, 1)).rejects.toMatchObject({ code: "55006" });
    expect(stuck.sent).toHaveLength(4);
  });

  test("any other error is thrown at once", async () => {
    const { sent, admin } = scripted(["3D000"]);
    await expect(dropTestDatabase(admin, "linze_test_5")).rejects.toMatchObject({ code: "3D000" });
    expect(sent).toHaveLength(1);
  });
});
