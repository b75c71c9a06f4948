/**
 * One HTTP port: tRPC at /trpc, GET /healthz, and the built dashboard with
 * SPA fallback. The server listens before the data is ready; /healthz and
 * /trpc answer 503 until {@link AppServer.setReady} is called.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { appRouter, createContext } from "@linze/api";
import type { Database } from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";
import { DEFAULT_WEB_DIST } from "./paths.ts";
import { staticFiles } from "./static.ts";

export interface ServerOptions {
  /** 0 for any free port (tests). Default 3000. */
  readonly port?: number;
  readonly host?: string;
  /** The dashboard build; default apps/web/dist. */
  readonly webDist?: string;
  /** When given with `tree`, the server is ready at once. */
  readonly db?: Database;
  readonly tree?: OrgUnitTree;
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
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    createContext: ({ req }) => createContext({ db: state!.db, tree: state!.tree, req }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path ?? "?"}:`, error.cause ?? error);
    },
  });

  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? "/").split("?")[0]!;
    if (pathname === "/healthz") {
      if (req.method !== "GET" && req.method !== "HEAD") return sendJson(res, 405, { error: "GET only" });
      return state ? sendJson(res, 200, { status: "ok" }) : sendJson(res, 503, { status: "starting" });
    }
    if (pathname === "/trpc" || pathname.startsWith("/trpc/")) {
      if (!state) return sendJson(res, 503, { error: { message: "The database is still loading; try again shortly / 数据加载中" } });
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
