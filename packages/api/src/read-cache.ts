/**
 * What the read path may keep between requests (issue 6, bench P4), and when
 * it must let go, all keyed on the database's change counters (@linze/db
 * change-versions.ts: triggers bump them in every writer's transaction,
 * whichever process or client writes):
 *
 * - {@link changeVersionsOf}: the counters, read for each request after it
 *   arrived, one read shared by the requests that arrive together;
 * - {@link sessionOfToken}: a session's user, kept while the `auth` counter
 *   stands still (no sign-out, password change, disabling, role or org-unit
 *   change anywhere) and at most {@link SESSION_RECHECK_MS}, so the session's
 *   expiry and last-seen time are still checked in the database;
 * - {@link CACHED_QUERIES} and {@link scopeKeyOf}: the procedures whose answer
 *   depends only on their input, the caller's scope and tables counted by
 *   `data`, so the server may keep an answer under (procedure and input,
 *   scope, `data` version) (apps/server response-cache.ts).
 *
 * Equal counters mean no write committed in between, in this process or any
 * other, so nothing kept here is ever stale at the moment it is served.
 */
import { LRUCache } from "lru-cache";
import { readChangeVersions, sessionUser, type ChangeVersions, type Database } from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";
import { tokenHash, userOfAccount } from "./auth/accounts.ts";
import { accessOf, type User } from "./permissions.ts";

/**
 * Reads the counters for the requests that arrive now: one read, started on
 * the next turn of the event loop, serves every request that joined before it
 * started — all of them arrived before it, so it sees every write any of them
 * could have seen committed. (PGlite runs a query synchronously: a read
 * started at once would be over before the next request is parsed, and
 * nothing would be shared.)
 */
class VersionReader {
  private pending: Promise<ChangeVersions> | null = null;

  constructor(private readonly db: Database) {}

  read(): Promise<ChangeVersions> {
    this.pending ??= new Promise<ChangeVersions>((resolve, reject) => {
      setImmediate(() => {
        this.pending = null;
        readChangeVersions(this.db).then(resolve, reject);
      });
    });
    return this.pending;
  }
}

const readers = new WeakMap<Database, VersionReader>();

/** The change counters as of a moment after this call (see {@link VersionReader}); the database's errors. */
export function changeVersionsOf(db: Database): Promise<ChangeVersions> {
  let r = readers.get(db);
  if (!r) readers.set(db, (r = new VersionReader(db)));
  return r.read();
}

/** How long a kept session is trusted without the database, at most (its expiry and last-seen time are checked then). */
export const SESSION_RECHECK_MS = 30_000;
/** Sessions kept per database (least recently used go first). */
const MAX_SESSIONS = 10_000;

interface KeptSession {
  readonly session: { user: User; expiresAt: string };
  readonly authVersion: string;
  readonly until: number;
}

const sessionCaches = new WeakMap<Database, LRUCache<string, KeptSession>>();

function sessionCacheOf(db: Database): LRUCache<string, KeptSession> {
  let c = sessionCaches.get(db);
  if (!c) sessionCaches.set(db, (c = new LRUCache<string, KeptSession>({ max: MAX_SESSIONS })));
  return c;
}

const TOKEN_RE = /^[A-Za-z0-9_-]{20,100}$/;

/**
 * The signed-in user of a session token with the session's expiry (null:
 * malformed, unknown, expired, or the user disabled), and the change counters
 * read for it: what `userOfSession` answers, from memory while the `auth`
 * counter is unchanged, the session unexpired and kept less than
 * {@link SESSION_RECHECK_MS}. A signed-out token is refused at once, even one
 * signed out through another process. Errors: the database's.
 */
export async function sessionOfToken(db: Database, token: string): Promise<{ session: { user: User; expiresAt: string } | null; versions: ChangeVersions }> {
  const versions = await changeVersionsOf(db);
  if (!TOKEN_RE.test(token)) return { session: null, versions };
  const hash = tokenHash(token);
  const cache = sessionCacheOf(db);
  const now = Date.now();
  const kept = cache.get(hash);
  if (kept && kept.authVersion === versions.auth && now < kept.until) return { session: kept.session, versions };
  // Read after the counters: what it finds is at least as new as `versions.auth`.
  const found = await sessionUser(db, hash);
  if (!found) {
    cache.delete(hash);
    return { session: null, versions };
  }
  const session = { user: userOfAccount(found.user), expiresAt: found.expiresAt };
  cache.set(hash, { session, authVersion: versions.auth, until: Math.min(now + SESSION_RECHECK_MS, Date.parse(found.expiresAt)) });
  return { session, versions };
}

/** Forgets a token's kept session in this process (sign-out; other processes see the `auth` counter move). */
export function forgetSession(db: Database, token: string): void {
  sessionCaches.get(db)?.delete(tokenHash(token));
}

/**
 * The queries whose answer is a function of the input, the caller's
 * {@link scopeKeyOf} and tables counted by the `data` counter — nothing of
 * the clock, the caller's name, the accounts or the audit log — so an answer
 * may be served again while `data` is unchanged:
 * values.list (data_values, org_unit_closure; scope checked in its body),
 * meta.latestPeriod (data_values), meta.source (dataset_loads),
 * snapshot.header (data_values, dataset_loads, the org-unit tree), and the
 * catalogue (the org-unit tree read at start-up, and the domain's constants).
 * Add a procedure only after checking what it reads.
 */
export const CACHED_QUERIES: ReadonlySet<string> = new Set([
  "values.list",
  "meta.latestPeriod",
  "meta.source",
  "snapshot.header",
  "catalogue.orgUnits",
  "catalogue.dataElements",
  "catalogue.indicators",
]);

const scopeKeys = new WeakMap<User, string>();

/**
 * What the answer of a {@link CACHED_QUERIES} procedure may depend on about
 * the caller: the role (its permissions), whether the password must be
 * changed first, and the org units it views and captures (whole tree for the
 * roles that see everything), the township comparison and the committee
 * member's post — everything of `ctx.access` (permissions.ts) and the
 * permission check, nothing of the name. Two callers with one key get the same
 * answer (or the same refusal).
 */
export function scopeKeyOf(user: User, tree: OrgUnitTree): string {
  let key = scopeKeys.get(user);
  if (key === undefined) {
    const a = accessOf(user, tree);
    key = JSON.stringify([
      a.role,
      user.mustChangePassword === true,
      a.viewAll ? "*" : [...a.view].sort(),
      a.captureAll ? "*" : [...a.capture].sort(),
      a.compareTownships,
      a.committeeMember,
    ]);
    scopeKeys.set(user, key);
  }
  return key;
}
