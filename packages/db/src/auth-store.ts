/**
 * Users, their org units, sessions and the audit log (issue 5): plain SQL
 * over `users`, `user_org_units`, `sessions` and `audit_log`. No password
 * hashing and no permission rules here (those are @linze/api's): this module
 * stores what it is given. Timestamps leave as ISO strings.
 */
import { toNumber } from "@linze/domain";
import type { Queryable, Row } from "./client.ts";
import { RecordConflict, RecordNotFound } from "./assessment-store.ts";

export const ROLES = ["county_admin", "county_leader", "township_officer", "committee_member", "auditor"] as const;
export type Role = (typeof ROLES)[number];

/** The org units a user works on (codes; each includes its descendants). */
export interface UserOrgUnits {
  readonly capture: readonly string[];
  readonly view: readonly string[];
}

/** A stored user without the password hash. */
export interface StoredUser {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** The committee member's code (`CM-…`) for the committee_member role, else null. */
  readonly committeeMember: string | null;
  readonly disabled: boolean;
  readonly failedLogins: number;
  /** ISO time until which sign-in is refused, or null. */
  readonly lockedUntil: string | null;
  readonly mustChangePassword: boolean;
  readonly passwordChangedAt: string;
  readonly lastLoginAt: string | null;
  readonly orgUnits: UserOrgUnits;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

function userOf(r: Row, orgUnits: UserOrgUnits): StoredUser {
  return {
    id: toNumber(r.id)!,
    username: String(r.username),
    displayName: String(r.display_name),
    role: r.role as Role,
    committeeMember: (r.committee_member as string | null) ?? null,
    disabled: r.disabled === true,
    failedLogins: toNumber(r.failed_logins)!,
    lockedUntil: isoOrNull(r.locked_until),
    mustChangePassword: r.must_change_password === true,
    passwordChangedAt: iso(r.password_changed_at),
    lastLoginAt: isoOrNull(r.last_login_at),
    orgUnits,
    createdBy: String(r.created_by),
    createdAt: iso(r.created_at),
    updatedBy: String(r.updated_by),
    updatedAt: iso(r.updated_at),
  };
}

async function orgUnitsOf(q: Queryable, ids: readonly number[]): Promise<Map<number, UserOrgUnits>> {
  const out = new Map<number, { capture: string[]; view: string[] }>(ids.map((id) => [id, { capture: [], view: [] }]));
  if (ids.length === 0) return out;
  const rows = await q.query<{ user_id: number; org_unit: string; kind: "capture" | "view" }>(
    "SELECT user_id, org_unit, kind FROM user_org_units WHERE user_id = ANY($1::int[]) ORDER BY org_unit",
    [[...ids]],
  );
  for (const r of rows) out.get(toNumber(r.user_id)!)?.[r.kind].push(r.org_unit);
  return out;
}

/** A user with the password hash, for signing in. */
export interface UserWithPassword extends StoredUser {
  readonly passwordHash: string;
}

/** The user named `username` (exact, lower case) with the password hash, or null. */
export async function findUserForLogin(q: Queryable, username: string): Promise<UserWithPassword | null> {
  const [r] = await q.query("SELECT * FROM users WHERE username = $1", [username]);
  if (!r) return null;
  const units = await orgUnitsOf(q, [toNumber(r.id)!]);
  return { ...userOf(r, units.get(toNumber(r.id)!)!), passwordHash: String(r.password_hash) };
}

/** One user by id; RecordNotFound when none. */
export async function getUser(q: Queryable, id: number): Promise<StoredUser> {
  const [r] = await q.query("SELECT * FROM users WHERE id = $1", [id]);
  if (!r) throw new RecordNotFound("user", String(id));
  return userOf(r, (await orgUnitsOf(q, [id])).get(id)!);
}

/** One user by username, or null. */
export async function findUser(q: Queryable, username: string): Promise<StoredUser | null> {
  const [r] = await q.query("SELECT * FROM users WHERE username = $1", [username]);
  return r ? userOf(r, (await orgUnitsOf(q, [toNumber(r.id)!])).get(toNumber(r.id)!)!) : null;
}

/** Every user, by username. */
export async function listUsers(q: Queryable): Promise<StoredUser[]> {
  const rows = await q.query("SELECT * FROM users ORDER BY username");
  const units = await orgUnitsOf(q, rows.map((r) => toNumber(r.id)!));
  return rows.map((r) => userOf(r, units.get(toNumber(r.id)!)!));
}

/**
 * The display names of those of `usernames` that are accounts (disabled ones
 * too: their records stay), by username; other names (system identities such
 * as `dataset-loader`, unknown names) are left out.
 */
export async function displayNamesOf(q: Queryable, usernames: readonly string[]): Promise<{ username: string; displayName: string }[]> {
  if (usernames.length === 0) return [];
  const rows = await q.query<{ username: string; display_name: string }>("SELECT username, display_name FROM users WHERE username = ANY($1::text[]) ORDER BY username", [[...usernames]]);
  return rows.map((r) => ({ username: r.username, displayName: r.display_name }));
}

/** How many users exist (0 on a fresh database: the server then creates the administrator). */
export async function countUsers(q: Queryable): Promise<number> {
  const [r] = await q.query<{ n: unknown }>("SELECT count(*) AS n FROM users");
  return toNumber(r!.n)!;
}

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly committeeMember?: string | null;
  readonly passwordHash: string;
  readonly mustChangePassword: boolean;
  readonly orgUnits?: UserOrgUnits;
}

async function writeOrgUnits(q: Queryable, userId: number, orgUnits: UserOrgUnits): Promise<void> {
  await q.query("DELETE FROM user_org_units WHERE user_id = $1", [userId]);
  const rows = [...new Set(orgUnits.capture)].map((o) => [o, "capture"]).concat([...new Set(orgUnits.view)].map((o) => [o, "view"]));
  if (rows.length === 0) return;
  await q.query("INSERT INTO user_org_units (user_id, org_unit, kind) SELECT $1, u.org_unit, u.kind FROM unnest($2::text[], $3::text[]) AS u(org_unit, kind)", [
    userId,
    rows.map((r) => r[0]),
    rows.map((r) => r[1]),
  ]);
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === "23505";

/** Stores a user with org units; RecordConflict when the username exists. Returns the stored user. */
export async function createUser(q: Queryable, user: NewUser, by: string): Promise<StoredUser> {
  let id: number;
  try {
    const [r] = await q.query<{ id: number }>(
      `INSERT INTO users (username, display_name, role, committee_member, password_hash, must_change_password, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
      [user.username, user.displayName, user.role, user.committeeMember ?? null, user.passwordHash, user.mustChangePassword, by],
    );
    id = toNumber(r!.id)!;
  } catch (e) {
    if (isUniqueViolation(e)) throw new RecordConflict(`The username ${user.username} is taken (用户名已存在)`);
    throw e;
  }
  await writeOrgUnits(q, id, user.orgUnits ?? { capture: [], view: [] });
  return getUser(q, id);
}

export interface UserChanges {
  readonly displayName?: string;
  readonly role?: Role;
  readonly committeeMember?: string | null;
  readonly disabled?: boolean;
  readonly orgUnits?: UserOrgUnits;
}

/** Changes a user's fields (those given); RecordNotFound when none. Returns the stored user. */
export async function updateUser(q: Queryable, id: number, changes: UserChanges, by: string): Promise<StoredUser> {
  const current = await getUser(q, id);
  const role = changes.role ?? current.role;
  const committeeMember = changes.committeeMember !== undefined ? changes.committeeMember : role === "committee_member" ? current.committeeMember : null;
  await q.query(
    `UPDATE users SET display_name = $2, role = $3, committee_member = $4, disabled = $5, updated_by = $6, updated_at = now() WHERE id = $1`,
    [id, changes.displayName ?? current.displayName, role, committeeMember, changes.disabled ?? current.disabled, by],
  );
  if (changes.orgUnits) await writeOrgUnits(q, id, changes.orgUnits);
  return getUser(q, id);
}

/**
 * Sets a new password hash; `mustChange` true for an administrator's reset
 * (the user chooses a new one at the next sign-in). Clears the lockout and
 * ends the user's sessions.
 */
export async function setPasswordHash(q: Queryable, id: number, passwordHash: string, mustChange: boolean, by: string): Promise<void> {
  const rows = await q.query(
    `UPDATE users SET password_hash = $2, must_change_password = $3, password_changed_at = now(), failed_logins = 0, locked_until = NULL,
       updated_by = $4, updated_at = now() WHERE id = $1 RETURNING id`,
    [id, passwordHash, mustChange, by],
  );
  if (rows.length === 0) throw new RecordNotFound("user", String(id));
  await deleteUserSessions(q, id);
}

/**
 * Counts a failed sign-in; at `limit` failures the account is locked for
 * `lockMinutes` from now (and the count starts again). Returns the count and
 * the lock's end (ISO) when it was set.
 */
export async function recordFailedLogin(q: Queryable, id: number, limit: number, lockMinutes: number): Promise<{ failedLogins: number; lockedUntil: string | null }> {
  const [r] = await q.query(
    `UPDATE users SET
       failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
       locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
     WHERE id = $1 RETURNING failed_logins, locked_until`,
    [id, limit, lockMinutes],
  );
  return { failedLogins: toNumber(r!.failed_logins)!, lockedUntil: isoOrNull(r!.locked_until) };
}

/** A successful sign-in: the failure count and the lock are cleared, the time recorded. */
export async function recordSuccessfulLogin(q: Queryable, id: number): Promise<void> {
  await q.query("UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1", [id]);
}

// --- Sessions ---------------------------------------------------------------------------------

/** Stores a session for the token's hash, valid for `hours`. Returns its expiry (ISO). */
export async function createSession(q: Queryable, tokenHash: string, userId: number, hours: number): Promise<string> {
  const [r] = await q.query("INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3)) RETURNING expires_at", [
    tokenHash,
    userId,
    hours,
  ]);
  return iso(r!.expires_at);
}

/**
 * The user of an unexpired session (by the token's hash) with the session's
 * expiry, or null (no such session, expired — then deleted —, or the user is
 * disabled). Records the time it was last seen (at most once a minute).
 */
export async function sessionUser(q: Queryable, tokenHash: string): Promise<{ user: StoredUser; expiresAt: string } | null> {
  const [s] = await q.query("SELECT user_id, expires_at, expires_at <= now() AS expired, last_seen_at < now() - interval '1 minute' AS stale FROM sessions WHERE token_hash = $1", [tokenHash]);
  if (!s) return null;
  if (s.expired === true) {
    await q.query("DELETE FROM sessions WHERE token_hash = $1", [tokenHash]);
    return null;
  }
  const user = await getUser(q, toNumber(s.user_id)!);
  if (user.disabled) return null;
  if (s.stale === true) await q.query("UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1", [tokenHash]);
  return { user, expiresAt: iso(s.expires_at) };
}

/** Ends one session (sign-out). */
export async function deleteSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query("DELETE FROM sessions WHERE token_hash = $1", [tokenHash]);
}

/** Ends every session of a user (password changed or reset, account disabled). */
export async function deleteUserSessions(q: Queryable, userId: number): Promise<void> {
  await q.query("DELETE FROM sessions WHERE user_id = $1", [userId]);
}

/** Removes expired sessions; returns how many. */
export async function deleteExpiredSessions(q: Queryable): Promise<number> {
  return (await q.query("DELETE FROM sessions WHERE expires_at <= now() RETURNING 1")).length;
}

// --- Audit log --------------------------------------------------------------------------------

export interface AuditEntry {
  readonly actor: string;
  readonly actorRole: string | null;
  readonly procedure: string;
  readonly outcome: "ok" | "denied";
  readonly entityType: string | null;
  readonly entityId: string | null;
  /** A period label the change concerns (`2016-03`, `2016Q1`, `2016`), for filtering; null when none. */
  readonly period: string | null;
  readonly input: unknown;
  readonly before: unknown;
  readonly after: unknown;
}

export interface StoredAuditEntry extends AuditEntry {
  readonly id: number;
  /** ISO time. */
  readonly at: string;
}

/** JSON for a JSONB parameter: undefined → SQL NULL; Dates as ISO strings. */
const jsonParam = (v: unknown): string | null =>
  v === undefined || v === null ? null : JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));

/** Appends one row to the audit log; returns its id. */
export async function appendAudit(q: Queryable, e: AuditEntry): Promise<number> {
  const [r] = await q.query<{ id: unknown }>(
    `INSERT INTO audit_log (actor, actor_role, procedure, outcome, entity_type, entity_id, period, input, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10::jsonb) RETURNING id`,
    [e.actor, e.actorRole, e.procedure, e.outcome, e.entityType, e.entityId, e.period, jsonParam(e.input), jsonParam(e.before), jsonParam(e.after)],
  );
  return toNumber(r!.id)!;
}

export interface AuditFilter {
  readonly actor?: string;
  readonly entityType?: string;
  readonly entityId?: string;
  readonly procedure?: string;
  /** Rows whose period starts with this label (`2016` matches `2016-03` and `2016Q1`); a quarter also matches its months (`2016Q4`: `2016-10`…`2016-12`). */
  readonly period?: string;
  /** Calendar dates `YYYY-MM-DD` in China (Asia/Shanghai), inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly outcome?: "ok" | "denied";
  /** Rows with a smaller id than this (the next page). */
  readonly beforeId?: number;
  /** At most this many rows (default 100). */
  readonly limit?: number;
}

/** Audit rows matching the filter, newest first. */
export async function listAudit(q: Queryable, f: AuditFilter = {}): Promise<StoredAuditEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (f.actor) add("actor = ?", f.actor);
  if (f.entityType) add("entity_type = ?", f.entityType);
  if (f.entityId) add("entity_id = ?", f.entityId);
  if (f.procedure) add("procedure = ?", f.procedure);
  if (f.outcome) add("outcome = ?", f.outcome);
  if (f.period) {
    // A quarter holds its three months: 2016Q4 matches 2016Q4, 2016-10, 2016-11 and 2016-12.
    const quarter = /^(\d{4})Q([1-4])$/.exec(f.period);
    if (quarter) {
      const months = [1, 2, 3].map((i) => `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + i).padStart(2, "0")}`);
      add("period = ANY(?::text[])", [f.period, ...months]);
    } else add("starts_with(period, ?)", f.period);
  }
  if (f.from) add("(at AT TIME ZONE 'Asia/Shanghai')::date >= ?::date", f.from);
  if (f.to) add("(at AT TIME ZONE 'Asia/Shanghai')::date <= ?::date", f.to);
  if (f.beforeId !== undefined) add("id < ?", f.beforeId);
  params.push(f.limit ?? 100);
  const rows = await q.query(`SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT $${params.length}`, params);
  return rows.map((r) => ({
    id: toNumber(r.id)!,
    at: iso(r.at),
    actor: String(r.actor),
    actorRole: (r.actor_role as string | null) ?? null,
    procedure: String(r.procedure),
    outcome: r.outcome as "ok" | "denied",
    entityType: (r.entity_type as string | null) ?? null,
    entityId: (r.entity_id as string | null) ?? null,
    period: (r.period as string | null) ?? null,
    input: r.input ?? null,
    before: r.before ?? null,
    after: r.after ?? null,
  }));
}
