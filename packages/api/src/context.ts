/**
 * The request context every procedure gets: the database, the org unit tree
 * (read once at start-up), the caller and what the caller may do
 * ({@link Access}, permissions.ts), and for an HTTP request whether it passed
 * the CSRF check.
 */
import type { Database } from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";
import { accessOf, type Access, type User } from "./permissions.ts";

export type { Role, User } from "./permissions.ts";

/**
 * The command line's identity (a local administration tool on the machine
 * holding the database, no sign-in): a county administrator. Tests and
 * benchmarks use it too, as `createContext({ db, tree })`.
 */
export const LOCAL_ADMIN: User = { id: "local-admin", name: "本机管理员（命令行）/ Local administrator (command line)", role: "county_admin" };
/** @deprecated the name the tests knew; the same identity as {@link LOCAL_ADMIN}. */
export const DEMO_USER = LOCAL_ADMIN;

/**
 * How an HTTP request fared against cross-site request forgery (server
 * auth-http.ts): `ok` when it carries the `X-Linze-Request` header and any
 * Origin is the server's own; `refused` otherwise. Mutations refuse
 * `refused`. Absent for calls without HTTP (CLI, tests, seeding).
 */
export type CsrfCheck = "ok" | "refused";

export interface Context {
  readonly db: Database;
  readonly tree: OrgUnitTree;
  /** The caller; null for an anonymous request (refused by every procedure). */
  readonly user: User | null;
  /** What the caller may do; null with no caller. */
  readonly access: Access | null;
  readonly csrf?: CsrfCheck;
}

/** Request headers, as Node's IncomingMessage has them. */
export interface RequestLike {
  readonly headers: Record<string, string | string[] | undefined>;
}

/**
 * The context for one call. `user` undefined → {@link LOCAL_ADMIN} (the CLI,
 * tests); the server always passes the session's user or null.
 */
export function createContext(opts: { db: Database; tree: OrgUnitTree; user?: User | null; csrf?: CsrfCheck }): Context {
  const user = opts.user !== undefined ? opts.user : LOCAL_ADMIN;
  return { db: opts.db, tree: opts.tree, user, access: user ? accessOf(user, opts.tree) : null, ...(opts.csrf ? { csrf: opts.csrf } : {}) };
}
