/**
 * Sign-in, sessions and the accounts made at start (issue 5 point 2), without
 * HTTP: the server's /auth routes call these. A session token is 32 random
 * bytes (base64url) given to the browser once; the database keeps only its
 * SHA-256. Every sign-in, failure, lockout and sign-out is written to the
 * audit log.
 */
import { createHash, randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  appendAudit,
  countUsers,
  createSession,
  createUser,
  deleteSession,
  findUser,
  findUserForLogin,
  getMember,
  recordFailedLogin,
  recordSuccessfulLogin,
  sessionUser,
  setPasswordHash,
  updateUser,
  type Database,
  type Queryable,
  type StoredUser,
} from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";
import type { Role, User } from "../permissions.ts";
import { dummyPasswordHash, hashPassword, randomPassword, verifyPassword } from "./password.ts";

/** Failed sign-ins in a row before the account is locked. */
export const LOGIN_FAILURE_LIMIT = 5;
/** How long a lock lasts. */
export const LOCK_MINUTES = 15;
/** How long a session lasts from sign-in (the cookie's Max-Age too). */
export const SESSION_HOURS = 8;

/** The SHA-256 (hex) of a session token: what the sessions table stores. */
export const tokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");

/** The {@link User} of a stored account (what the procedures see as ctx.user). */
export function userOfAccount(u: StoredUser): User {
  return {
    id: u.username,
    name: u.displayName,
    role: u.role,
    committeeMember: u.committeeMember,
    orgUnits: u.orgUnits,
    mustChangePassword: u.mustChangePassword,
    accountId: u.id,
  };
}

/** A time as China's wall clock, `2016-03-05 14:30` (Asia/Shanghai), for messages. */
export function chinaTime(isoTime: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(isoTime));
  const p = (t: string) => parts.find((x) => x.type === t)!.value;
  return `${p("year")}-${p("month")}-${p("day")} ${p("hour")}:${p("minute")}`;
}

export type SignInResult =
  | { readonly ok: true; readonly token: string; readonly expiresAt: string; readonly user: User }
  | {
      readonly ok: false;
      readonly reason: "invalid" | "locked" | "disabled";
      /** ISO time the lock ends (reason "locked"). */
      readonly lockedUntil?: string;
      readonly messageZh: string;
      readonly messageEn: string;
    };

const INVALID = {
  ok: false,
  reason: "invalid",
  messageZh: "用户名或密码错误。",
  messageEn: "Wrong username or password.",
} as const;

function locked(lockedUntil: string): SignInResult {
  const at = chinaTime(lockedUntil);
  return {
    ok: false,
    reason: "locked",
    lockedUntil,
    messageZh: `登录失败次数过多，账户已锁定至 ${at}（北京时间），请届时再试或联系管理员。`,
    messageEn: `Too many failed sign-ins: the account is locked until ${at} (China time). Try again then, or ask an administrator.`,
  };
}

/**
 * Checks a username and password. On success: a new session (token for the
 * cookie, its expiry) and the failure count cleared. A wrong password counts
 * a failure; the {@link LOGIN_FAILURE_LIMIT}-th locks the account for
 * {@link LOCK_MINUTES} minutes; while locked even the right password is
 * refused, with the lock's end in the message. An unknown username takes as
 * long as a wrong password and gives the same answer.
 */
/**
 * Failed sign-ins under usernames that do not exist, counted as for an account (this process's
 * memory, the most recent 10,000 names): the 5th locks the name for 15 minutes with the same
 * answer, so the lockout does not tell which usernames exist.
 */
const unknownNames = new LRUCache<string, { failures: number; lockedUntil: string | null }>({ max: 10_000 });

function failUnknownName(username: string): string | null {
  const now = Date.now();
  const entry = unknownNames.get(username) ?? { failures: 0, lockedUntil: null };
  if (entry.lockedUntil !== null && Date.parse(entry.lockedUntil) > now) return entry.lockedUntil;
  const failures = entry.failures + 1;
  const lockedUntil = failures >= LOGIN_FAILURE_LIMIT ? new Date(now + LOCK_MINUTES * 60_000).toISOString() : null;
  unknownNames.set(username, { failures: lockedUntil ? 0 : failures, lockedUntil });
  return lockedUntil;
}

export async function signIn(db: Database, username: string, password: string): Promise<SignInResult> {
  const account = await findUserForLogin(db, username);
  if (!account) {
    await verifyPassword(await dummyPasswordHash(), password);
    const lockedUntil = failUnknownName(username);
    await audit(db, username, null, ACCOUNT_PROCEDURES.login, "denied", { reason: "unknown username", ...(lockedUntil ? { lockedUntil } : {}) });
    return lockedUntil ? locked(lockedUntil) : INVALID;
  }
  if (account.lockedUntil !== null && Date.parse(account.lockedUntil) > Date.now()) {
    await audit(db, account.username, account.role, ACCOUNT_PROCEDURES.login, "denied", { reason: "locked", lockedUntil: account.lockedUntil });
    return locked(account.lockedUntil);
  }
  if (!(await verifyPassword(account.passwordHash, password))) {
    const after = await recordFailedLogin(db, account.id, LOGIN_FAILURE_LIMIT, LOCK_MINUTES);
    await audit(db, account.username, account.role, ACCOUNT_PROCEDURES.login, "denied", { reason: "wrong password", ...after });
    return after.lockedUntil ? locked(after.lockedUntil) : INVALID;
  }
  if (account.disabled) {
    await audit(db, account.username, account.role, ACCOUNT_PROCEDURES.login, "denied", { reason: "disabled" });
    return { ok: false, reason: "disabled", messageZh: "该账户已停用，请联系管理员。", messageEn: "This account is disabled; ask an administrator." };
  }
  await recordSuccessfulLogin(db, account.id);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = await createSession(db, tokenHash(token), account.id, SESSION_HOURS);
  await audit(db, account.username, account.role, ACCOUNT_PROCEDURES.login, "ok", { expiresAt });
  return { ok: true, token, expiresAt, user: userOfAccount({ ...account, failedLogins: 0, lockedUntil: null }) };
}

/** The signed-in user of a session token with the session's expiry, or null (unknown, expired, disabled). */
export async function userOfSession(db: Queryable, token: string): Promise<{ user: User; expiresAt: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const found = await sessionUser(db, tokenHash(token));
  return found ? { user: userOfAccount(found.user), expiresAt: found.expiresAt } : null;
}

/** Ends the session of a token (sign-out); records it when it belonged to someone. */
export async function signOut(db: Database, token: string): Promise<void> {
  const found = await userOfSession(db, token);
  await deleteSession(db, tokenHash(token));
  if (found) await audit(db, found.user.id, found.user.role, ACCOUNT_PROCEDURES.logout, "ok", null);
}

/**
 * The audit log's procedure names for what happens outside the router: sign-in and sign-out
 * (the server's /auth routes) and the accounts the server itself makes or disables. The
 * dashboard names each as an action in zh and en (its test walks these with the router's).
 */
export const ACCOUNT_PROCEDURES = {
  login: "auth.login",
  logout: "auth.logout",
  createAdministrator: "system.createAdministrator",
  demoUsers: "system.demoUsers",
  disableDemoUsers: "system.disableDemoUsers",
} as const;

async function audit(db: Queryable, actor: string, role: string | null, procedure: (typeof ACCOUNT_PROCEDURES)["login" | "logout"], outcome: "ok" | "denied", after: unknown): Promise<void> {
  await appendAudit(db, { actor, actorRole: role, procedure, outcome, entityType: "user", entityId: actor, period: null, input: null, before: null, after });
}

/** The identity recorded for accounts made by the server itself. */
export const SYSTEM_ACTOR = "system";

/**
 * On a database without users: creates the administrator `admin` with a
 * random password (to be changed at the first sign-in) and returns it — to
 * be printed once; null when users exist. No password is ever built in.
 */
export async function ensureAdministrator(db: Database): Promise<{ username: string; password: string } | null> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('linze-first-admin'))");
    if ((await countUsers(tx)) > 0) return null;
    const password = randomPassword();
    await createUser(tx, { username: "admin", displayName: "管理员 / Administrator", role: "county_admin", passwordHash: await hashPassword(password), mustChangePassword: true }, SYSTEM_ACTOR);
    await appendAudit(tx, { actor: SYSTEM_ACTOR, actorRole: null, procedure: ACCOUNT_PROCEDURES.createAdministrator, outcome: "ok", entityType: "user", entityId: "admin", period: null, input: null, before: null, after: { username: "admin", role: "county_admin" } });
    return { username: "admin", password };
  });
}

/** One demo account per role (issue 5 point 2). Demo only: see {@link ensureDemoUsers}. */
export interface DemoAccount {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly committeeMember: string | null;
  readonly orgUnits: { capture: string[]; view: string[] };
}

/**
 * The demo accounts: an administrator, a leader, the officer of 沙河镇
 * (LZ-SH), the committee member of its first village (LZ-SH-V01, post
 * CM-LZ-SH-V01) and an auditor. Names say "demo" in both languages.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: "demo-admin", displayName: "演示管理员 / Demo administrator", role: "county_admin", committeeMember: null, orgUnits: { capture: [], view: [] } },
  { username: "demo-leader", displayName: "演示县领导 / Demo county leader", role: "county_leader", committeeMember: null, orgUnits: { capture: [], view: [] } },
  { username: "demo-township", displayName: "演示乡镇专干（沙河镇）/ Demo township officer (Shahe)", role: "township_officer", committeeMember: null, orgUnits: { capture: ["LZ-SH"], view: ["LZ-SH"] } },
  { username: "demo-member", displayName: "演示专职委员（沙河镇1号村）/ Demo committee member (Shahe Village 1)", role: "committee_member", committeeMember: "CM-LZ-SH-V01", orgUnits: { capture: ["LZ-SH-V01"], view: ["LZ-SH-V01"] } },
  { username: "demo-auditor", displayName: "演示审计员 / Demo auditor", role: "auditor", committeeMember: null, orgUnits: { capture: [], view: [] } },
];

/**
 * Demo mode: creates the {@link DEMO_ACCOUNTS} that are missing and gives
 * every one a new random password at each start (returned, to be printed and
 * written to the demo-users file); they need no change of password. Accounts
 * whose org units or member post are missing from the tree are skipped.
 */
export async function ensureDemoUsers(db: Database, tree: OrgUnitTree): Promise<{ username: string; password: string; role: Role; displayName: string }[]> {
  const out: { username: string; password: string; role: Role; displayName: string }[] = [];
  for (const a of DEMO_ACCOUNTS) {
    if ([...a.orgUnits.capture, ...a.orgUnits.view].some((c) => !tree.has(c))) continue;
    if (a.committeeMember && !(await getMember(db, a.committeeMember).then(() => true, () => false))) continue;
    const password = randomPassword();
    const hash = await hashPassword(password);
    const existing = await findUser(db, a.username);
    if (existing) {
      await updateUser(db, existing.id, { disabled: false, role: a.role, committeeMember: a.committeeMember, orgUnits: a.orgUnits }, SYSTEM_ACTOR);
      await setPasswordHash(db, existing.id, hash, false, SYSTEM_ACTOR);
    } else {
      await createUser(db, { username: a.username, displayName: a.displayName, role: a.role, committeeMember: a.committeeMember, passwordHash: hash, mustChangePassword: false, orgUnits: a.orgUnits }, SYSTEM_ACTOR);
    }
    out.push({ username: a.username, password, role: a.role, displayName: a.displayName });
  }
  if (out.length > 0) {
    await appendAudit(db, { actor: SYSTEM_ACTOR, actorRole: null, procedure: ACCOUNT_PROCEDURES.demoUsers, outcome: "ok", entityType: "user", entityId: null, period: null, input: null, before: null, after: { usernames: out.map((u) => u.username), passwords: "new random passwords" } });
  }
  return out;
}

/** Outside demo mode: disables the demo accounts that exist (they must not sign in on real data). Returns their usernames. */
export async function disableDemoUsers(db: Database): Promise<string[]> {
  const out: string[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const existing = await findUser(db, a.username);
    if (!existing || existing.disabled) continue;
    await updateUser(db, existing.id, { disabled: true }, SYSTEM_ACTOR);
    out.push(a.username);
  }
  if (out.length > 0) await appendAudit(db, { actor: SYSTEM_ACTOR, actorRole: null, procedure: ACCOUNT_PROCEDURES.disableDemoUsers, outcome: "ok", entityType: "user", entityId: null, period: null, input: null, before: null, after: { usernames: out } });
  return out;
}

/** Writes the demo accounts and their passwords to `file` (mode 0600), saying they are demo-only. */
export async function writeDemoUsersFile(file: string, accounts: readonly { username: string; password: string; role: Role; displayName: string }[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const lines = [
    "# 演示账户（仅限演示数据，每次启动重新生成密码）/ Demo accounts: demo data only, new passwords at every start.",
    "# username\tpassword\trole\tname",
    ...accounts.map((a) => `${a.username}\t${a.password}\t${a.role}\t${a.displayName}`),
  ];
  await writeFile(file, lines.join("\n") + "\n", { mode: 0o600 });
}
