/**
 * Users, org units, sessions and the append-only audit log (issue 5) on the
 * real engine (PGlite, or PostgreSQL with TEST_DATABASE_URL). Password hashes
 * here are placeholders: hashing is @linze/api's.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../src/client.ts";
import {
  appendAudit,
  countUsers,
  createSession,
  createUser,
  deleteSession,
  findUserForLogin,
  getUser,
  listAudit,
  listUsers,
  recordFailedLogin,
  recordSuccessfulLogin,
  sessionUser,
  setPasswordHash,
  updateUser,
} from "../src/auth-store.ts";
import { RecordConflict } from "../src/assessment-store.ts";
import { openTestDatabase, writeLinzeFixtureWithAssessment } from "../src/testing.ts";

let db: Database;
beforeAll(async () => {
  db = await openTestDatabase(await writeLinzeFixtureWithAssessment(["committee_members.csv"]));
}, 60_000);
afterAll(() => db.close());

const audit = (over: Partial<Parameters<typeof appendAudit>[1]> = {}) =>
  appendAudit(db, { actor: "tester", actorRole: "county_admin", procedure: "test.write", outcome: "ok", entityType: "thing", entityId: "1", period: "2016-03", input: { a: 1 }, before: { v: 1 }, after: { v: 2 }, ...over });

describe("users and their org units", () => {
  test("a township officer with capture and view org units; the username is unique", async () => {
    expect(await countUsers(db)).toBe(0);
    const u = await createUser(db, { username: "sh-officer", displayName: "沙河镇（测试）", role: "township_officer", passwordHash: "x", mustChangePassword: true, orgUnits: { capture: ["LZ-SH"], view: ["LZ-SH", "LZ-SH"] } }, "admin");
    expect(u).toMatchObject({ username: "sh-officer", role: "township_officer", committeeMember: null, disabled: false, failedLogins: 0, mustChangePassword: true, createdBy: "admin" });
    expect(u.orgUnits).toEqual({ capture: ["LZ-SH"], view: ["LZ-SH"] });
    await expect(createUser(db, { username: "sh-officer", displayName: "again", role: "auditor", passwordHash: "x", mustChangePassword: false }, "admin")).rejects.toBeInstanceOf(RecordConflict);
    expect(await countUsers(db)).toBe(1);
  });

  test("only a committee member's account names a member post, and it must exist", async () => {
    await expect(createUser(db, { username: "m1", displayName: "m", role: "committee_member", passwordHash: "x", mustChangePassword: false }, "admin")).rejects.toThrow(/users_committee_member_check/);
    await expect(createUser(db, { username: "m2", displayName: "m", role: "auditor", committeeMember: "CM-LZ-SH-V01", passwordHash: "x", mustChangePassword: false }, "admin")).rejects.toThrow(/users_committee_member_check/);
    await expect(createUser(db, { username: "m3", displayName: "m", role: "committee_member", committeeMember: "CM-NOPE", passwordHash: "x", mustChangePassword: false }, "admin")).rejects.toThrow(/foreign key/);
    const m = await createUser(db, { username: "m4", displayName: "m", role: "committee_member", committeeMember: "CM-LZ-SH-V01", passwordHash: "x", mustChangePassword: false, orgUnits: { capture: ["LZ-SH-V01"], view: ["LZ-SH-V01"] } }, "admin");
    expect(m.committeeMember).toBe("CM-LZ-SH-V01");
  });

  test("usernames are lower-case ASCII, 2–40 characters", async () => {
    for (const bad of ["Admin", "a", "张三", "-x", "a b"]) {
      await expect(createUser(db, { username: bad, displayName: "x", role: "auditor", passwordHash: "x", mustChangePassword: false }, "admin")).rejects.toThrow(/users_username_check/);
    }
  });

  test("an update replaces the org units and changing the role away from member clears the post", async () => {
    const m = (await findUserForLogin(db, "m4"))!;
    const changed = await updateUser(db, m.id, { role: "township_officer", orgUnits: { capture: [], view: ["LZ-SH"] } }, "admin2");
    expect(changed).toMatchObject({ role: "township_officer", committeeMember: null, updatedBy: "admin2", orgUnits: { capture: [], view: ["LZ-SH"] } });
    expect((await listUsers(db)).map((u) => u.username)).toEqual(["m4", "sh-officer"]);
  });
});

describe("failed sign-ins and lockout", () => {
  test("the 3rd failure of a limit of 3 locks for the given minutes and resets the count; a success clears it", async () => {
    const u = (await findUserForLogin(db, "sh-officer"))!;
    expect(await recordFailedLogin(db, u.id, 3, 15)).toEqual({ failedLogins: 1, lockedUntil: null });
    expect(await recordFailedLogin(db, u.id, 3, 15)).toEqual({ failedLogins: 2, lockedUntil: null });
    const locked = await recordFailedLogin(db, u.id, 3, 15);
    expect(locked.failedLogins).toBe(0);
    const minutes = (Date.parse(locked.lockedUntil!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14.5);
    expect(minutes).toBeLessThanOrEqual(15);
    await recordSuccessfulLogin(db, u.id);
    expect(await getUser(db, u.id)).toMatchObject({ failedLogins: 0, lockedUntil: null });
  });
});

describe("sessions", () => {
  test("a session is found by its token hash until it expires, is deleted on sign-out, and ends when the password is set", async () => {
    const u = (await findUserForLogin(db, "sh-officer"))!;
    const expires = await createSession(db, "hash-a", u.id, 8);
    expect((Date.parse(expires) - Date.now()) / 3_600_000).toBeCloseTo(8, 1);
    expect((await sessionUser(db, "hash-a"))?.user.username).toBe("sh-officer");
    expect(await sessionUser(db, "hash-unknown")).toBeNull();
    await deleteSession(db, "hash-a");
    expect(await sessionUser(db, "hash-a")).toBeNull();

    await createSession(db, "hash-b", u.id, 8);
    await setPasswordHash(db, u.id, "new-hash", true, "admin");
    expect(await sessionUser(db, "hash-b")).toBeNull();
    expect(await findUserForLogin(db, "sh-officer")).toMatchObject({ passwordHash: "new-hash", mustChangePassword: true });
  });

  test("an expired session is refused and removed; a disabled user's session is refused", async () => {
    const u = (await findUserForLogin(db, "sh-officer"))!;
    await createSession(db, "hash-old", u.id, 1);
    await db.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = 'hash-old'");
    expect(await sessionUser(db, "hash-old")).toBeNull();
    expect(await db.query("SELECT 1 FROM sessions WHERE token_hash = 'hash-old'")).toEqual([]);

    await createSession(db, "hash-c", u.id, 1);
    await updateUser(db, u.id, { disabled: true }, "admin");
    expect(await sessionUser(db, "hash-c")).toBeNull();
    await updateUser(db, u.id, { disabled: false }, "admin");
  });
});

describe("the audit log", () => {
  test("rows are appended and read back with their JSON, newest first, filtered", async () => {
    const first = await audit();
    const second = await audit({ actor: "other", entityType: "letter", entityId: "7", period: "2016Q2", before: null, after: { items: [1, 2] } });
    const all = await listAudit(db);
    expect(all.map((r) => r.id).slice(0, 2)).toEqual([second, first]);
    expect(all.find((r) => r.id === first)).toMatchObject({ actor: "tester", procedure: "test.write", outcome: "ok", input: { a: 1 }, before: { v: 1 }, after: { v: 2 } });
    expect((await listAudit(db, { actor: "other" })).map((r) => r.id)).toEqual([second]);
    expect((await listAudit(db, { entityType: "letter", entityId: "7" })).map((r) => r.id)).toEqual([second]);
    // A year matches its months and quarters.
    expect((await listAudit(db, { period: "2016" })).map((r) => r.id)).toEqual([second, first]);
    expect((await listAudit(db, { period: "2016-03" })).map((r) => r.id)).toEqual([first]);
    // A quarter matches itself and its three months: 2016Q1 holds 2016-03, 2016Q2 does not.
    expect((await listAudit(db, { period: "2016Q1" })).map((r) => r.id)).toEqual([first]);
    expect((await listAudit(db, { period: "2016Q2" })).map((r) => r.id)).toEqual([second]);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    expect((await listAudit(db, { from: today, to: today })).length).toBe(2);
    expect(await listAudit(db, { to: "2000-01-01" })).toEqual([]);
  });

  test("UPDATE, DELETE and TRUNCATE are refused by the trigger, and the row is unchanged", async () => {
    const id = await audit({ after: { v: "original" } });
    await expect(db.query("UPDATE audit_log SET after = '{\"v\":\"forged\"}' WHERE id = $1", [id])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query("DELETE FROM audit_log WHERE id = $1", [id])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.query("TRUNCATE audit_log")).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect((await listAudit(db)).find((r) => r.id === id)?.after).toEqual({ v: "original" });
  });
});
