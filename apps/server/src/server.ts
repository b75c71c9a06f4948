/**
 * One HTTP port: tRPC at /trpc, sign-in at /auth/login, /auth/logout and /auth/me
 * (auth-http.ts: session cookie, CSRF check), GET /healthz, GET /export/assessments/<run id>.xlsx
 * (a run as an Excel workbook), GET /snapshot.arrow (the dashboard's data, Arrow IPC,
 * compressed, with an ETag; snapshot-arrow.ts), and the built dashboard with SPA fallback. The server listens before the data is ready; /healthz and
 * /trpc (and the export) answer 503 until {@link AppServer.setReady} is called.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError } from "@trpc/server";
import { appRouter, createCaller } from "@linze/api";
import type { Database } from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";
import { DEFAULT_WEB_DIST } from "./paths.ts";
import { staticFiles } from "./static.ts";
import { assessmentWorkbook, runPeople, workbookFileNames, XLSX_CONTENT_TYPE } from "./export-xlsx.ts";
import { serveSnapshotArrow } from "./snapshot-arrow.ts";
import { authSettingsFromEnv, contextForRequest, handleAuth, requestContext, type AuthSettings } from "./auth-http.ts";
import { createResponseCache, isCachedQueryPath } from "./response-cache.ts";

const EXPORT_RE = /^\/export\/assessments\/([^/]+)\.xlsx$/;

/** The largest tRPC request body: an import's 20 MB file in base64 (26.7 MB) with room for its options. Larger → 413. */
export const MAX_REQUEST_BODY_BYTES = 32 * 1024 * 1024;

/**
 * GET /export/assessments/<run id>.xlsx: the run through the API (same caller
 * and checks as /trpc), as a workbook. 400 for a bad id, 404 for no such run.
 */
async function exportRun(req: http.IncomingMessage, res: http.ServerResponse, state: { db: Database; tree: OrgUnitTree }, idText: string, auth: AuthSettings): Promise<void> {
  if (!/^[1-9]\d{0,9}$/.test(idText)) return sendJson(res, 400, { error: { message: `Not a run id: ${idText} (考核编号无效)` } });
  try {
    const detail = await createCaller(await contextForRequest(req, state, auth)).assessments.get({ id: Number(idText) });
    const body = Buffer.from(await assessmentWorkbook(detail, state.tree, await runPeople(state.db, detail.run)).xlsx.writeBuffer());
    const names = workbookFileNames(detail.run);
    res.writeHead(200, {
      "content-type": XLSX_CONTENT_TYPE,
      "content-disposition": `attachment; filename="${names.ascii}"; filename*=UTF-8''${encodeURIComponent(names.zh)}`,
      "content-length": body.length,
      // A run's results never change, but its status (in 考核信息) still moves until published: not cached.
      "cache-control": "no-store",
    });
    res.end(req.method === "HEAD" ? undefined : body);
  } catch (e) {
    if (e instanceof TRPCError) return sendJson(res, getHTTPStatusCodeFromError(e), { error: { message: e.message } });
    console.error("export:", e);
    sendJson(res, 500, { error: { message: "Export failed (导出失败)" } });
  }
}

export interface ServerOptions {
  /** 0 for any free port (tests). Default 3000. */
  readonly port?: number;
  readonly host?: string;
  /** The dashboard build; default apps/web/dist. */
  readonly webDist?: string;
  /** When given with `tree`, the server is ready at once. */
  readonly db?: Database;
  readonly tree?: OrgUnitTree;
  /** Secure cookies and proxy headers (default from LINZE_SECURE_COOKIES and LINZE_TRUST_PROXY). */
  readonly auth?: AuthSettings;
}

export interface AppServer {
  readonly server: http.Server;
  /** e.g. http://localhost:3000 */
  readonly url: string;
  /** Starts answering /trpc and reporting healthy. */
  setReady(state: { db: Database; tree: OrgUnitTree }): void;
  /** Stops accepting connections and ends open ones. Does not close the database. */
  close(): Promise<void>;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** Creates the server and listens; resolves once it accepts connections. */
export async function createServer(options: ServerOptions = {}): Promise<AppServer> {
  let state = options.db && options.tree ? { db: options.db, tree: options.tree } : null;
  const serveStatic = staticFiles(options.webDist ?? DEFAULT_WEB_DIST);
  const auth = options.auth ?? authSettingsFromEnv();
  const logError = (path: string | undefined, error: unknown) => console.error(`tRPC ${path ?? "?"}:`, error);
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    // An import sends its file as base64 in the body: 20 MB of file is 26.7 MB of text.
    maxBodySize: MAX_REQUEST_BODY_BYTES,
    // The session cookie's user (null: every procedure answers UNAUTHORIZED) and the CSRF check for mutations.
    createContext: ({ req }) => contextForRequest(req, state!, auth),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logError(path, error.cause ?? error);
    },
  });
  const responses = createResponseCache({ auth, onError: logError });

  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? "/").split("?")[0]!;
    if (pathname === "/healthz") {
      if (req.method !== "GET" && req.method !== "HEAD") return sendJson(res, 405, { error: "GET only" });
      return state ? sendJson(res, 200, { status: "ok" }) : sendJson(res, 503, { status: "starting" });
    }
    const exportMatch = EXPORT_RE.exec(pathname);
    if (exportMatch) {
      if (req.method !== "GET" && req.method !== "HEAD") return sendJson(res, 405, { error: "GET only" });
      if (!state) return sendJson(res, 503, { error: { message: "The database is still loading; try again shortly / 数据加载中" } });
      return void exportRun(req, res, state, exportMatch[1]!, auth);
    }
    if (pathname === "/snapshot.arrow") {
      if (req.method !== "GET" && req.method !== "HEAD") return sendJson(res, 405, { error: "GET only" });
      if (!state) return sendJson(res, 503, { error: { message: "The database is still loading; try again shortly / 数据加载中" } });
      const ready = state;
      return void requestContext(req, ready, auth).then(({ ctx, versions }) => serveSnapshotArrow(req, res, ready, ctx.user, versions?.data ?? null)).catch((e: unknown) => {
        console.error("snapshot.arrow:", e);
        if (!res.headersSent) sendJson(res, 500, { error: { message: "Snapshot failed (数据快照生成失败)" } });
        else res.destroy();
      });
    }
    if (pathname.startsWith("/auth/")) {
      if (!state) return sendJson(res, 503, { error: { message: "The database is still loading; try again shortly / 数据加载中" } });
      return void handleAuth(req, res, pathname, state, auth).catch((e: unknown) => {
        console.error("auth:", e);
        if (!res.headersSent) sendJson(res, 500, { error: { reason: "internal", messageEn: "Sign-in failed", messageZh: "登录出错" } });
      });
    }
    if (pathname === "/trpc" || pathname.startsWith("/trpc/")) {
      if (!state) return sendJson(res, 503, { error: { message: "The database is still loading; try again shortly / 数据加载中" } });
      if (req.method === "GET" && isCachedQueryPath(pathname)) {
        return void responses.serve(req, res, state, () => void trpc(req, res)).catch((e: unknown) => {
          console.error("tRPC (kept answers):", e);
          if (!res.headersSent) sendJson(res, 500, { error: { message: "Internal server error (服务器内部错误)" } });
        });
      }
      return trpc(req, res);
    }
    serveStatic(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 3000, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = !options.host || options.host === "0.0.0.0" || options.host === "::" ? "localhost" : options.host;

  return {
    server,
    url: `http://${host}:${address.port}`,
    setReady(next) {
      state = next;
    },
    close() {
      return new Promise((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
