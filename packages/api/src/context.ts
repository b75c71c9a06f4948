/**
 * The request context every procedure gets: the database, the org unit tree
 * (read once at start-up) and the caller.
 */
import type { Database } from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";

export type Role = "admin" | "viewer";

export interface User {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
}

/** Until sign-in exists every request is this user, who may see everything. */
export const DEMO_USER: User = { id: "demo", name: "Demo user", role: "admin" };

export interface Context {
  readonly db: Database;
  readonly tree: OrgUnitTree;
  /** The caller; null for an anonymous request (refused by every protected procedure). */
  readonly user: User | null;
}

/** Request headers, as Node's IncomingMessage has them. */
export interface RequestLike {
  readonly headers: Record<string, string | string[] | undefined>;
}

/** The caller of a request. For now always {@link DEMO_USER}; sign-in will read the request here. */
export function userFromRequest(_req: RequestLike | undefined): User | null {
  return DEMO_USER;
}

/** The context for one request (or one `createCaller` in tests and the CLI). */
export function createContext(opts: { db: Database; tree: OrgUnitTree; req?: RequestLike; user?: User | null }): Context {
  return { db: opts.db, tree: opts.tree, user: opts.user !== undefined ? opts.user : userFromRequest(opts.req) };
}
