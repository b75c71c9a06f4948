/**
 * Signing in over real HTTP for the server's tests: a user of the given role
 * stored with a known password (hashed with the API's argon2id), then
 * `POST /auth/login`; the headers carry the session cookie and the CSRF
 * header the dashboard sends.
 */
import { createUser, findUser, type Database } from "@linze/db";
import { hashPassword, type Role } from "@linze/api";

export const TEST_PASSWORD = "correct horse battery";

export interface TestAccount {
  readonly username: string;
  readonly role: Role;
  readonly orgUnits?: { capture: string[]; view: string[] };
  readonly committeeMember?: string | null;
}

/** Stores the account unless it exists (password {@link TEST_PASSWORD}). */
export async function ensureAccount(db: Database, a: TestAccount): Promise<void> {
  if (await findUser(db, a.username)) return;
  await createUser(db, { username: a.username, displayName: `${a.username} (test)`, role: a.role, committeeMember: a.committeeMember ?? null, passwordHash: await hashPassword(TEST_PASSWORD), mustChangePassword: false, orgUnits: a.orgUnits ?? { capture: [], view: [] } }, "test");
}

/** `POST /auth/login`; returns the response and the session cookie (`linze_session=…`) when one was set. */
export async function login(baseUrl: string, username: string, password: string, headers: Record<string, string> = { "x-linze-request": "1" }) {
  const res = await fetch(`${baseUrl}/auth/login`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ username, password }) });
  const setCookie = res.headers.get("set-cookie");
  return { res, body: (await res.json()) as Record<string, unknown>, setCookie, cookie: setCookie ? setCookie.split(";")[0]! : null };
}

/** Headers of a signed-in request as `account` (created when missing): the cookie and the CSRF header. */
export async function signedInHeaders(baseUrl: string, db: Database, account: TestAccount = { username: "test-admin", role: "county_admin" }): Promise<Record<string, string>> {
  await ensureAccount(db, account);
  const { cookie, res } = await login(baseUrl, account.username, TEST_PASSWORD);
  if (!cookie) throw new Error(`sign-in as ${account.username} failed: ${res.status}`);
  return { cookie, "x-linze-request": "1" };
}
