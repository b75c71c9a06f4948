/**
 * read-cache.ts on the real engine: the change counters read once for the
 * requests that arrive together and afresh after a write; a session kept
 * between requests (one query instead of three) and dropped when the `auth`
 * counter moves; the scope keys of kept answers.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser, loadOrgUnitTree, type Database } from "@linze/db";
import { openTestDatabase, writeLinzeFixtureWithAssessment } from "@linze/db/testing";
import type { OrgUnitTree } from "@linze/domain";
import { changeVersionsOf, scopeKeyOf, sessionOfToken } from "../src/read-cache.ts";
import { signIn, signOut } from "../src/auth/accounts.ts";
import { hashPassword } from "../src/auth/password.ts";
import type { User } from "../src/permissions.ts";

let db: Database;
let tree: OrgUnitTree;
beforeAll(async () => {
  db = await openTestDatabase(await writeLinzeFixtureWithAssessment(["committee_members.csv"]));
  tree = await loadOrgUnitTree(db);
  await createUser(db, { username: "rc-leader", displayName: "缓存测试", role: "county_leader", passwordHash: await hashPassword("correct horse battery"), mustChangePassword: false }, "test");
}, 60_000);
afterAll(() => db.close());

/** The database with a log of the statements run through it. */
function counting(): { db: Database; statements: string[] } {
  const statements: string[] = [];
  return { db: { ...db, query: (sql, params) => (statements.push(sql), db.query(sql, params)) }, statements };
}

describe("changeVersionsOf", () => {
  test("calls made together share one read; a call after a write sees it", async () => {
    const c = counting();
    const [a, b, d] = await Promise.all([changeVersionsOf(c.db), changeVersionsOf(c.db), changeVersionsOf(c.db)]);
    expect(c.statements).toEqual(["SELECT name, version FROM change_versions"]);
    expect(b).toEqual(a);
    expect(d).toEqual(a);
    await db.query("UPDATE data_values SET value = value WHERE org_unit = 'LZ-SH-V01' AND period = '2016-01' AND data_element = 'cataract_surgeries'");
    const after = await changeVersionsOf(c.db);
    expect(Number(after.data)).toBe(Number(a.data) + 1);
    expect(after.auth).toBe(a.auth);
    expect(c.statements).toHaveLength(2);
  });
});

describe("sessionOfToken", () => {
  test("a kept session costs only the counters' read; sign-out drops it at once", async () => {
    const c = counting();
    const signedIn = await signIn(db, "rc-leader", "correct horse battery");
    if (!signedIn.ok) throw new Error(signedIn.reason);
    const first = await sessionOfToken(c.db, signedIn.token);
    expect(first.session?.user).toMatchObject({ id: "rc-leader", role: "county_leader" });
    const readsFirst = c.statements.length;
    expect(readsFirst).toBeGreaterThan(1);
    const again = await sessionOfToken(c.db, signedIn.token);
    expect(again.session).toBe(first.session);
    expect(c.statements.slice(readsFirst)).toEqual(["SELECT name, version FROM change_versions"]);
    await signOut(db, signedIn.token);
    expect((await sessionOfToken(c.db, signedIn.token)).session).toBeNull();
  });

  test("a malformed or unknown token has no session", async () => {
    expect((await sessionOfToken(db, "short")).session).toBeNull();
    expect((await sessionOfToken(db, "A".repeat(43))).session).toBeNull();
  });
});

describe("scopeKeyOf", () => {
  const officer = (township: string, over: Partial<User> = {}): User => ({ id: `o-${township}`, name: "x", role: "township_officer", orgUnits: { capture: [township], view: [township] }, ...over });
  test("one key per scope, whatever the name", () => {
    expect(scopeKeyOf(officer("LZ-SH"), tree)).toBe(scopeKeyOf({ ...officer("LZ-SH"), id: "another", name: "y" }, tree));
    expect(scopeKeyOf(officer("LZ-SH"), tree)).not.toBe(scopeKeyOf(officer("LZ-XH"), tree));
    expect(scopeKeyOf(officer("LZ-SH"), tree)).not.toBe(scopeKeyOf(officer("LZ-SH", { mustChangePassword: true }), tree));
    const leader: User = { id: "l", name: "l", role: "county_leader" };
    expect(scopeKeyOf(leader, tree)).toBe(scopeKeyOf({ ...leader, id: "l2", orgUnits: { capture: ["LZ-SH"], view: [] } }, tree));
    expect(scopeKeyOf(leader, tree)).not.toBe(scopeKeyOf({ ...leader, role: "auditor" }, tree));
    expect(scopeKeyOf(leader, tree)).not.toBe(scopeKeyOf({ ...leader, role: "county_admin" }, tree));
  });
});
