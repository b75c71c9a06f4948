/**
 * The accounts made at start (issue 5 point 2): on an empty users table the
 * administrator `admin` with a random password printed once (to be changed
 * at the first sign-in), never a known one; in demo mode one account per
 * role with new random passwords at every start, in the demo-users file;
 * outside demo mode the demo accounts disabled.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadOrgUnitTree, type Database } from "@linze/db";
import { openTestDatabase } from "@linze/db/testing";
import type { OrgUnitTree } from "@linze/domain";
import { signIn } from "@linze/api";
import { isDemoMode, prepareAccounts } from "../src/accounts-at-start.ts";
import { DEFAULT_DATASET_DIR } from "../src/paths.ts";

let db: Database;
let tree: OrgUnitTree;
let dir: string;

beforeAll(async () => {
  db = await openTestDatabase(DEFAULT_DATASET_DIR);
  tree = await loadOrgUnitTree(db);
  dir = await mkdtemp(path.join(tmpdir(), "linze-accounts-"));
}, 90_000);
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

const demoFile = () => path.join(dir, "demo-users.txt");
const passwordsIn = async (file: string) =>
  new Map((await readFile(file, "utf8")).split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split("\t") as [string, string]));

describe("accounts at start", () => {
  test("the first start: admin with a printed random password that must be changed; five demo accounts that sign in", async () => {
    const lines: string[] = [];
    await prepareAccounts(db, tree, (l) => lines.push(l), { LINZE_DEMO_USERS_FILE: demoFile() });
    const m = /^Created the administrator "admin" with the password ([A-Za-z0-9]{16}) — shown only this once/.exec(lines[0]!);
    expect(m).not.toBeNull();
    const admin = await signIn(db, "admin", m![1]!);
    expect(admin).toMatchObject({ ok: true, user: { id: "admin", role: "county_admin", mustChangePassword: true } });

    const passwords = await passwordsIn(demoFile());
    expect([...passwords.keys()]).toEqual(["demo-admin", "demo-leader", "demo-township", "demo-member", "demo-auditor"]);
    expect((await readFile(demoFile(), "utf8")).split("\n")[0]).toContain("仅限演示数据");
    for (const [username, password] of passwords) {
      const r = await signIn(db, username, password);
      expect(r.ok, username).toBe(true);
      if (r.ok) expect(r.user.mustChangePassword).toBe(false);
    }
    const member = await signIn(db, "demo-member", passwords.get("demo-member")!);
    expect(member).toMatchObject({ ok: true, user: { role: "committee_member", committeeMember: "CM-LZ-SH-V01", orgUnits: { capture: ["LZ-SH-V01"], view: ["LZ-SH-V01"] } } });
    // Each demo password is printed too, and no line repeats the administrator's.
    for (const [username, password] of passwords) expect(lines.some((l) => l.includes(username) && l.includes(password))).toBe(true);
  });

  test("the next start: no second administrator; the demo passwords are new and the old ones fail", async () => {
    const before = await passwordsIn(demoFile());
    const lines: string[] = [];
    await prepareAccounts(db, tree, (l) => lines.push(l), { LINZE_DEMO_USERS_FILE: demoFile() });
    expect(lines.some((l) => l.includes("Created the administrator"))).toBe(false);
    const after = await passwordsIn(demoFile());
    expect(after.get("demo-leader")).not.toBe(before.get("demo-leader"));
    expect((await signIn(db, "demo-leader", before.get("demo-leader")!)).ok).toBe(false);
    expect((await signIn(db, "demo-leader", after.get("demo-leader")!)).ok).toBe(true);
  });

  test("demo mode off (LINZE_DEMO=0, or NODE_ENV=production): the demo accounts are disabled", async () => {
    expect(await isDemoMode(db, {})).toBe(true);
    expect(await isDemoMode(db, { NODE_ENV: "production" })).toBe(false);
    expect(await isDemoMode(db, { NODE_ENV: "production", LINZE_DEMO: "1" })).toBe(true);
    const passwords = await passwordsIn(demoFile());
    const lines: string[] = [];
    await prepareAccounts(db, tree, (l) => lines.push(l), { LINZE_DEMO: "0", LINZE_DEMO_USERS_FILE: demoFile() });
    expect(lines).toEqual(["Not in demo mode: disabled the demo accounts demo-admin, demo-leader, demo-township, demo-member, demo-auditor"]);
    expect(await signIn(db, "demo-admin", passwords.get("demo-admin")!)).toMatchObject({ ok: false, reason: "disabled" });
  });
});
