/**
 * Sign-in over HTTP (issue 5 point 2) and the caller of every request.
 *
 * - `POST /auth/login` `{ username, password }` → 200 `{ user, expiresAt }`
 *   with the session cookie; 401 wrong username or password; 423 locked
 *   (`lockedUntil`); 403 disabled. Errors carry `reason`, `messageZh`,
 *   `messageEn`.
 * - `POST /auth/logout` → 200, the session ended and the cookie cleared.
 * - `GET /auth/me` → 200 `{ user, expiresAt }` (the API's `account.me`) or 401.
 *
 * The cookie `linze_session` is HttpOnly, SameSite=Strict, Path=/, with
 * Max-Age and Expires of the session (8 hours), and Secure when the request
 * came over https (directly, or per X-Forwarded-Proto when `trustProxy`) or
 * when `secureCookies` is "always".
 *
 * CSRF: besides SameSite=Strict, every POST to /auth and /trpc must carry the
 * header `X-Linze-Request: 1` (the dashboard's tRPC client and login form
 * send it; a cross-site form cannot, and a cross-site fetch with it needs a
 * CORS preflight this server never grants), and an `Origin` header, when
 * present, must be this server's own origin. tRPC mutations refuse a request
 * that fails either (FORBIDDEN); /auth answers 403.
 */
import type http from "node:http";
import { parse as parseCookieHeader } from "cookie";
import { createCaller, createContext, forgetSession, LoginInputSchema, sessionOfToken, signIn, signOut, type Context, type CsrfCheck } from "@linze/api";
import type { ChangeVersions, Database } from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";

export const SESSION_COOKIE = "linze_session";
/** The header the dashboard sends with every POST (see the module comment). */
export const CSRF_HEADER = "x-linze-request";

export interface AuthSettings {
  /** "always": Secure cookies even over http (behind a TLS proxy that does not say so); "never"; "auto" (default): when the request came over https. */
  readonly secureCookies?: "auto" | "always" | "never";
  /** Believe X-Forwarded-Proto and X-Forwarded-Host (only behind a reverse proxy that sets them). */
  readonly trustProxy?: boolean;
}

/** Settings from LINZE_SECURE_COOKIES (1/0, default auto) and LINZE_TRUST_PROXY (1). */
export function authSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const secure = env.LINZE_SECURE_COOKIES;
  return { secureCookies: secure === "1" ? "always" : secure === "0" ? "never" : "auto", trustProxy: env.LINZE_TRUST_PROXY === "1" };
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** Cookies of a request by name (the first of duplicates). */
export function parseCookies(header: string | undefined): Map<string, string> {
  // The `cookie` package: the first of a repeated name wins, and a value that is not valid
  // percent-encoding stays as sent (it then matches no session: 401, never a 500).
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(parseCookieHeader(header ?? ""))) if (value !== undefined) out.set(name, value);
  return out;
}

const sessionToken = (req: http.IncomingMessage): string | null => parseCookies(first(req.headers.cookie)).get(SESSION_COOKIE) ?? null;

function requestProto(req: http.IncomingMessage, settings: AuthSettings): "https" | "http" {
  if ((req.socket as { encrypted?: boolean }).encrypted) return "https";
  if (settings.trustProxy && first(req.headers["x-forwarded-proto"])?.split(",")[0]?.trim() === "https") return "https";
  return "http";
}

/** `ok` when the request carries the CSRF header and any Origin is this server's own (scheme, host and port). */
export function csrfCheck(req: http.IncomingMessage, settings: AuthSettings = {}): CsrfCheck {
  if (!first(req.headers[CSRF_HEADER])) return "refused";
  const origin = first(req.headers.origin);
  if (origin === undefined) return "ok";
  const host = (settings.trustProxy ? first(req.headers["x-forwarded-host"]) : undefined) ?? first(req.headers.host);
  return host !== undefined && origin === `${requestProto(req, settings)}://${host}` ? "ok" : "refused";
}

function cookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  const expires = new Date(Date.now() + maxAgeSeconds * 1000).toUTCString();
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}; Expires=${expires}${secure ? "; Secure" : ""}`;
}

const isSecure = (req: http.IncomingMessage, s: AuthSettings) => s.secureCookies === "always" || (s.secureCookies !== "never" && requestProto(req, s) === "https");

/** A request's context and the change counters read for it (null without a session cookie: nothing was read). */
export interface RequestContext {
  readonly ctx: Context;
  readonly versions: ChangeVersions | null;
}

const requestContexts = new WeakMap<http.IncomingMessage, Promise<RequestContext>>();

/**
 * The context of a request, worked out once per request (the response cache
 * and tRPC's createContext both ask): the session's user — kept in memory
 * while the database's `auth` counter stands still (@linze/api read-cache.ts)
 * — and the counters read for it.
 */
export function requestContext(req: http.IncomingMessage, state: { db: Database; tree: OrgUnitTree }, settings: AuthSettings = {}): Promise<RequestContext> {
  let found = requestContexts.get(req);
  if (!found) {
    found = (async () => {
      const token = sessionToken(req);
      const read = token ? await sessionOfToken(state.db, token) : null;
      const ctx = createContext({ db: state.db, tree: state.tree, user: read?.session?.user ?? null, csrf: csrfCheck(req, settings) });
      return { ctx, versions: read?.versions ?? null };
    })();
    requestContexts.set(req, found);
  }
  return found;
}

/** The tRPC context of a request: the session's user (null without a valid session) and the CSRF check. */
export async function contextForRequest(req: http.IncomingMessage, state: { db: Database; tree: OrgUnitTree }, settings: AuthSettings = {}): Promise<Context> {
  return (await requestContext(req, state, settings)).ctx;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(JSON.stringify(body));
}

const MAX_LOGIN_BODY = 8 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_LOGIN_BODY) {
        reject(new Error("too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

const error = (reason: string, messageEn: string, messageZh: string, extra: object = {}) => ({ error: { reason, messageEn, messageZh, ...extra } });

async function me(state: { db: Database; tree: OrgUnitTree }, req: http.IncomingMessage, settings: AuthSettings) {
  const token = sessionToken(req);
  const session = token ? (await sessionOfToken(state.db, token)).session : null;
  if (!session) return null;
  const user = await createCaller(createContext({ db: state.db, tree: state.tree, user: session.user, csrf: csrfCheck(req, settings) })).account.me();
  return { user, expiresAt: session.expiresAt };
}

/** Answers /auth/login, /auth/logout and /auth/me (see the module comment); returns false for any other path. */
export function handleAuth(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, state: { db: Database; tree: OrgUnitTree }, settings: AuthSettings = {}): Promise<void> {
  return (async () => {
    if (pathname === "/auth/me") {
      if (req.method !== "GET") return sendJson(res, 405, error("method", "GET only", "仅支持 GET"));
      const found = await me(state, req, settings);
      return found ? sendJson(res, 200, found) : sendJson(res, 401, error("signedOut", "Not signed in", "未登录"));
    }
    if (req.method !== "POST") return sendJson(res, 405, error("method", "POST only", "仅支持 POST"));
    if (csrfCheck(req, settings) !== "ok") {
      return sendJson(res, 403, error("csrf", "Refused: the request did not come from this site's pages", "请求不是来自本站页面，已拒绝"));
    }
    if (pathname === "/auth/logout") {
      const token = sessionToken(req);
      if (token) {
        await signOut(state.db, token);
        forgetSession(state.db, token);
      }
      return sendJson(res, 200, { ok: true }, { "set-cookie": cookie("", 0, isSecure(req, settings)) });
    }
    if (pathname !== "/auth/login") return sendJson(res, 404, error("notFound", "Not found", "未找到"));
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return sendJson(res, 400, error("badRequest", "Send JSON { username, password }", "请以 JSON 提交用户名和密码"));
    }
    const parsed = LoginInputSchema.safeParse(body);
    if (!parsed.success) return sendJson(res, 400, error("badRequest", "Enter the username and the password", "请输入用户名和密码"));
    const result = await signIn(state.db, parsed.data.username, parsed.data.password);
    if (!result.ok) {
      const status = result.reason === "locked" ? 423 : result.reason === "disabled" ? 403 : 401;
      return sendJson(res, status, error(result.reason, result.messageEn, result.messageZh, result.lockedUntil ? { lockedUntil: result.lockedUntil } : {}));
    }
    const maxAge = Math.max(0, Math.floor((Date.parse(result.expiresAt) - Date.now()) / 1000));
    const user = await createCaller(createContext({ db: state.db, tree: state.tree, user: result.user })).account.me();
    return sendJson(res, 200, { user, expiresAt: result.expiresAt }, { "set-cookie": cookie(result.token, maxAge, isSecure(req, settings)) });
  })();
}
