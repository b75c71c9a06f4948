/**
 * Answers kept for the dashboard's repeated reads (issue 6, bench P4): a GET
 * of /trpc whose procedures are all in the API's `CACHED_QUERIES` (a single
 * call or a batch), from a signed-in caller, is answered from memory when the
 * same URL (procedures and input) was answered 200 for a caller of the same
 * scope (`scopeKeyOf`: role, org units, …) while the database's `data`
 * counter had the value it has now (read for this request, after its
 * arrival: any write committed before — by the API, the CLI, a load, another
 * process — has moved it). Anything else, and every miss, goes through tRPC;
 * a miss's 200 is kept. Refusals and errors are never kept.
 *
 * The kept bytes are tRPC's own response (its fetch adapter), so a kept
 * answer is byte for byte what tRPC would send.
 */
import type http from "node:http";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter, CACHED_QUERIES, scopeKeyOf } from "@linze/api";
import type { Database } from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";
import { LRUCache } from "lru-cache";
import { requestContext, type AuthSettings } from "./auth-http.ts";

interface KeptResponse {
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** At most this much kept (bytes of bodies); least recently used go first. */
const MAX_BYTES = 64 * 1024 * 1024;
/** A single answer larger than this is not kept. */
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

/** Whether every procedure of a /trpc path (`/trpc/a` or a batch `/trpc/a,b`) may be kept. */
export function isCachedQueryPath(pathname: string): boolean {
  const procedures = pathname.slice("/trpc/".length);
  return procedures.length > 0 && procedures.split(",").every((p) => CACHED_QUERIES.has(p));
}

export interface ResponseCache {
  /**
   * Answers a GET of cached procedures (see {@link isCachedQueryPath}); calls
   * `passOn` instead when the request has no signed-in caller or asks for a
   * streamed (JSON lines) answer.
   */
  serve(req: http.IncomingMessage, res: http.ServerResponse, state: { db: Database; tree: OrgUnitTree }, passOn: () => void): Promise<void>;
  /** Kept answers now (for tests). */
  readonly size: number;
}

export function createResponseCache(opts: { auth: AuthSettings; onError: (path: string | undefined, error: unknown) => void }): ResponseCache {
  const kept = new LRUCache<string, KeptResponse>({ maxSize: MAX_BYTES, maxEntrySize: MAX_ENTRY_BYTES, sizeCalculation: (r) => r.body.length + 200 });
  let keptFor: Database | null = null;
  return {
    get size() {
      return kept.size;
    },
    async serve(req, res, state, passOn) {
      // A streaming (JSON lines) batch is tRPC's to answer.
      if (req.headers["trpc-accept"] !== undefined || req.headers.accept?.includes("application/jsonl")) return passOn();
      const { ctx, versions } = await requestContext(req, state, opts.auth);
      if (!ctx.user || !versions) return passOn();
      if (keptFor !== state.db) {
        kept.clear();
        keptFor = state.db;
      }
      const key = `${versions.data}\n${scopeKeyOf(ctx.user, state.tree)}\n${req.url}`;
      let answer = kept.get(key);
      let status = 200;
      if (!answer) {
        const response = await fetchRequestHandler({
          endpoint: "/trpc",
          router: appRouter,
          req: new Request(`http://localhost${req.url}`, { method: "GET" }),
          createContext: () => ctx,
          onError: ({ error, path }) => {
            if (error.code === "INTERNAL_SERVER_ERROR") opts.onError(path, error.cause ?? error);
          },
        });
        answer = { headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) };
        status = response.status;
        if (status === 200) kept.set(key, answer);
      }
      res.writeHead(status, { ...answer.headers, "content-length": answer.body.length });
      res.end(answer.body);
    },
  };
}
