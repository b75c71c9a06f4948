/**
 * The browser's side of sign-in (issue 5): the server's /auth routes, the
 * header every POST carries against cross-site request forgery, and the way
 * back to the sign-in page when the session ends. The session itself is an
 * HttpOnly cookie the page never reads.
 */
import { useQuery } from "@tanstack/react-query";
import type { RouterOutputs } from "@linze/api";
import type { Permission } from "@linze/api/permissions";
import type { OrgUnitTree } from "@linze/domain";
import { EARLY_SESSION_URL, takeEarlyResponse } from "../data/early.ts";
import { clearOfflineData } from "../data/offline.ts";

/** Sent with every POST (tRPC mutations, /auth): the server refuses mutations without it (apps/server auth-http.ts). */
export const CSRF_HEADERS = { "x-linze-request": "1" } as const;

/** The signed-in user: `account.me` (username, name, role, permissions, org units). */
export type Me = RouterOutputs["account"]["me"];

export interface SessionInfo {
  readonly user: Me;
  /** ISO time the session ends. */
  readonly expiresAt: string;
}

/** GET /auth/me: the session's user, or null when signed out. The first call takes the response index.html asked for (data/early.ts). */
export async function fetchSession(): Promise<SessionInfo | null> {
  const res = await (takeEarlyResponse(EARLY_SESSION_URL) ?? fetch(EARLY_SESSION_URL, { cache: "no-store" }));
  // The answer's body is read even when it is not used: unread, it keeps its connection (and the page's network) busy.
  if (res.status === 401) {
    rememberSessionUntil(null);
    return res.text().then(() => null, () => null);
  }
  if (!res.ok) throw new Error(`GET /auth/me: ${res.status} ${await res.text().catch(() => "")}`);
  const session = (await res.json()) as SessionInfo;
  rememberSessionUntil(session.expiresAt);
  signedIn = true;
  resolveSignedIn();
  return session;
}

let resolveSignedIn!: () => void;
/**
 * Resolves once {@link fetchSession} has found a session in this page. The
 * dashboard's engine and snapshot wait for it (data/engine.ts): a signed-out
 * visitor, on the way to the sign-in page, downloads neither the 34 MB
 * duckdb-wasm module nor the snapshot (the server would answer 401).
 */
export const whenSignedIn: Promise<void> = new Promise((resolve) => (resolveSignedIn = resolve));

/** Whether this page has seen a session: a 401 before that (the snapshot fetched early at load) is no "session ended". */
let signedIn = false;
/** Whether the page is on its way to the sign-in page (signing out, or the session ended): later 401s change nothing. */
let leaving = false;

export const SESSION_QUERY_KEY = ["session"] as const;

/** The session (GET /auth/me, once per page); with `enabled` false nothing is asked (the sign-in page, {@link mayHaveSession}). */
export function useSession(enabled = true) {
  return useQuery({ queryKey: SESSION_QUERY_KEY, queryFn: fetchSession, staleTime: Infinity, retry: false, enabled });
}

/**
 * localStorage: until when the last session this browser saw lasts (its
 * `expiresAt`, ISO 8601). The session cookie is HttpOnly, so this is how the
 * sign-in page knows, without asking the server, that asking is worth it
 * ({@link mayHaveSession}). Written when /auth/me or signing in finds a
 * session; removed by a 401 from /auth/me, by signing out and when the
 * session ends.
 */
const SESSION_UNTIL_KEY = "linze.sessionUntil";

function rememberSessionUntil(expiresAt: string | null): void {
  try {
    if (expiresAt) window.localStorage.setItem(SESSION_UNTIL_KEY, expiresAt);
    else window.localStorage.removeItem(SESSION_UNTIL_KEY);
  } catch {
    // No storage (blocked, or none in tests): the sign-in page then shows its form, as to a signed-out visitor.
  }
}

/** The stored end of the last session seen ({@link SESSION_UNTIL_KEY}), or null. */
export function sessionUntil(): string | null {
  try {
    return window.localStorage.getItem(SESSION_UNTIL_KEY);
  } catch {
    return null;
  }
}

/**
 * Whether the sign-in page asks the server for a session, to send a signed-in
 * user on ({@link safeNext}) instead of showing the form: only when this
 * browser saw a session that has not ended yet, so a signed-out visitor's
 * sign-in page asks nothing (no 401); never just after signing out
 * (`?signedOut=1`), where the form is what was asked for.
 *
 * @param search the sign-in page's query, e.g. `?next=%2Ftownships`
 * @param until the stored end of the last session seen (ISO 8601), or null
 * @param now the time, ms since the epoch
 */
export function mayHaveSession(search: string, until: string | null, now: number): boolean {
  if (until === null || new URLSearchParams(search).has("signedOut")) return false;
  const end = Date.parse(until);
  return Number.isFinite(end) && end > now;
}

export type LoginResult =
  | { readonly ok: true; readonly session: SessionInfo }
  | { readonly ok: false; readonly reason: string; readonly messageZh: string; readonly messageEn: string; readonly lockedUntil?: string };

/** POST /auth/login. */
export async function login(username: string, password: string): Promise<LoginResult> {
  const res = await fetch("/auth/login", { method: "POST", headers: { "content-type": "application/json", ...CSRF_HEADERS }, body: JSON.stringify({ username, password }) });
  const body = (await res.json().catch(() => ({}))) as { error?: { reason: string; messageZh: string; messageEn: string; lockedUntil?: string } } & Partial<SessionInfo>;
  if (res.ok && body.user && body.expiresAt) {
    rememberSessionUntil(body.expiresAt);
    return { ok: true, session: { user: body.user, expiresAt: body.expiresAt } };
  }
  return { ok: false, reason: body.error?.reason ?? "error", messageZh: body.error?.messageZh ?? `登录出错（${res.status}）`, messageEn: body.error?.messageEn ?? `Sign-in failed (${res.status})` };
}

/**
 * POST /auth/logout, then the sign-in page, loaded afresh (nothing of the old
 * user's data stays in memory, nor its offline copy). From the first moment
 * the page is leaving: a request still in flight that now gets 401 is no
 * "session expired" (CI of 2026-12-05 saw the page sent to
 * `/login?expired=1` instead of `?signedOut=1`).
 */
export async function logout(): Promise<void> {
  leaving = true;
  rememberSessionUntil(null);
  await fetch("/auth/logout", { method: "POST", headers: CSRF_HEADERS }).catch(() => undefined);
  await clearOfflineData();
  sessionChannel?.postMessage(SIGNED_OUT);
  window.location.assign(SIGNED_OUT_PAGE);
}

/** The sign-in page saying "you have signed out". */
const SIGNED_OUT_PAGE = "/login?signedOut=1";

const SIGNED_OUT = "signed-out";
/**
 * The site's other tabs, told of a sign-out here: each tab showing a signed-in
 * page goes to the sign-in page at once, as this one does, instead of
 * showing the old user's data until it next asks the server for something.
 * (Browsers without BroadcastChannel find out at that next request, a 401.)
 */
const sessionChannel = typeof BroadcastChannel === "function" ? new BroadcastChannel("linze-session") : null;
sessionChannel?.addEventListener("message", (e: MessageEvent) => {
  if (e.data !== SIGNED_OUT || !signedIn || leaving) return;
  leaving = true;
  window.location.assign(SIGNED_OUT_PAGE);
});

/** The session ended (a 401 from the API or the snapshot): to the sign-in page, coming back here afterwards. */
export function sessionEnded(): void {
  if (!signedIn || leaving || isSignInPath(window.location.pathname)) return;
  leaving = true;
  rememberSessionUntil(null);
  const next = window.location.pathname + window.location.search;
  window.location.assign(`/login?expired=1&next=${encodeURIComponent(next)}`);
}

/**
 * Whether `pathname` is the sign-in page's, as the router matches it (case
 * and a trailing slash aside): `/login`, `/login/`, `/LOGIN`. index.html's
 * first script tests the same pattern.
 */
export const isSignInPath = (pathname: string): boolean => SIGN_IN_PATH.test(pathname);

/** The sign-in page's paths: /login with any slashes after it, written or encoded (/login, /LOGIN/, /login//, /login%2F). The same pattern is in index.html's first script. */
const SIGN_IN_PATH = /^\/login(?:\/|%2f)*$/i;

/** The server's own addresses (server.ts): not pages, so never where signing in leads (`/auth/logout` answers "POST only"). */
const NOT_A_PAGE = /^\/(?:(?:auth|trpc|assets)(?:\/|$)|healthz$|snapshot\.arrow$)/i;

/**
 * Where to go after signing in: `next` when it is a page of this site (not
 * the sign-in page), else the overview. `next` is resolved as the browser
 * would resolve it against `origin`, so `/\example.com` or a tab in
 * `/\t/example.com` — which browsers read as `//example.com`, another site —
 * cannot lead off this one.
 */
export function safeNext(search: string, origin: string = window.location.origin): string {
  const next = new URLSearchParams(search).get("next");
  if (!next || !next.startsWith("/")) return "/";
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return "/";
  }
  // A path that resolves to "//host" (from "/..//example.com", "/.//example.com", "/%2e%2e//…") keeps this origin in `url`,
  // but as the address given to the browser it names another site.
  const page = url.origin === new URL(origin).origin && !url.pathname.startsWith("//") && !isSignInPath(url.pathname) && !NOT_A_PAGE.test(url.pathname);
  return page ? url.pathname + url.search + url.hash : "/";
}

/** What the signed-in user may do (`account.me`), for showing only the controls the server would accept. */
export interface Abilities {
  /** Whether the user's role holds the permission (permissions.ts ROLE_PERMISSIONS). */
  can(permission: Permission): boolean;
  /** Whether the user may enter data for this org unit: everywhere (administrator), or at or below an assigned capture org unit. */
  canCapture(orgUnit: string, tree: OrgUnitTree): boolean;
  /**
   * Whether the user may act for an assessed unit (its self-score, reporting a
   * finding rectified), as permissions.ts `canActForUnit`: an administrator any;
   * a township officer the township captured; a committee member the own post.
   */
  canActFor(unit: { readonly kind: string; readonly code: string }): boolean;
  /** Whether the user sees the townships side by side: those who view everything, and township officers (by the other townships' totals). */
  readonly comparesTownships: boolean;
}

/** The signed-in user's {@link Abilities}; nothing is allowed while the session is loading. The server checks every call anyway. */
export function useAbilities(): Abilities {
  const me = useSession().data?.user;
  const permissions = (me?.permissions ?? []) as readonly string[];
  return {
    can: (permission) => permissions.includes(permission),
    canCapture: (orgUnit, tree) => {
      if (!me || !permissions.includes("data.capture")) return false;
      if (me.captureAll) return true;
      if (!tree.has(orgUnit)) return false;
      const line = [...tree.ancestors(orgUnit).map((u) => u.code), orgUnit];
      return me.capture.some((c) => line.includes(c));
    },
    comparesTownships: me !== undefined && (me.viewAll || me.compareTownships),
    canActFor: (unit) => {
      if (!me) return false;
      if (me.captureAll) return true;
      if (unit.kind === "township") return me.committeeMember === null && me.capture.includes(unit.code);
      return me.committeeMember !== null && me.committeeMember === unit.code;
    },
  };
}

/** Pages of the main navigation that need a permission beyond reading (the server refuses them anyway). */
const NAV_PERMISSIONS: Readonly<Record<string, string>> = { "/import": "data.capture", "/quality": "quality.view" };

/** Whether the signed-in user's role may use a navigation target (path → permission, {@link NAV_PERMISSIONS}). */
export function useNavAllowed(): (path: string) => boolean {
  const me = useSession().data?.user;
  return (path) => {
    // A committee member's data is the own village's: no township is there to compare.
    if (path === "/townships") return me !== undefined && (me.viewAll || me.compareTownships);
    const needed = NAV_PERMISSIONS[path];
    return !needed || ((me?.permissions as readonly string[] | undefined)?.includes(needed) ?? false);
  };
}
