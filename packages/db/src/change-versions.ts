/**
 * The database's change counters (migration 0007): `data` goes up with every
 * statement that writes a table other than the accounts' own, the audit log
 * and the counters; `auth` with every change to an account (not its sign-in
 * bookkeeping), its org units, or the end of a session. Triggers count, so a
 * write by any client or process counts, in the writer's own transaction.
 *
 * A reader that reads the versions before it reads anything else gets data at
 * least as new as the versions say: equal versions mean nothing it may have
 * read has changed. The server's read caches key on them (@linze/api
 * read-cache.ts).
 */
import type { Queryable } from "./client.ts";

/** The two counters, as decimal strings (BIGINT). */
export interface ChangeVersions {
  readonly data: string;
  readonly auth: string;
}

/**
 * The tables whose writes do not bump `data`: the accounts' (they bump `auth`),
 * the append-only audit log, and the counters themselves. Every other table of
 * the schema has a `<table>_data_version` trigger (a test checks it).
 */
export const TABLES_OUTSIDE_DATA_VERSION = ["users", "user_org_units", "sessions", "audit_log", "change_versions"] as const;

/** Reads both counters (one statement). */
export async function readChangeVersions(q: Queryable): Promise<ChangeVersions> {
  const rows = await q.query<{ name: string; version: unknown }>("SELECT name, version FROM change_versions");
  const of = (name: string) => {
    const r = rows.find((x) => x.name === name);
    if (!r) throw new Error(`change_versions has no '${name}' row: run the migrations (migration 0007)`);
    return String(r.version);
  };
  return { data: of("data"), auth: of("auth") };
}
