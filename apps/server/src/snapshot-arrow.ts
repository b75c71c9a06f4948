/**
 * GET /snapshot.arrow: the dashboard's data snapshot (the API's
 * snapshotFor: what the caller may see) as one Arrow IPC
 * stream (@linze/duckdb/arrow), compressed (brotli or gzip, as the browser
 * accepts), with an ETag of its content: a browser that has it sends
 * If-None-Match and gets 304 without a body. `Cache-Control: no-cache`, as
 * data values change when data is entered or imported: every visit asks, and
 * only a changed snapshot travels again.
 *
 * The snapshot is read from the database once per caller scope and data
 * version: given the database's `data` counter as read for the request
 * (@linze/api read-cache.ts), the encoded bytes are kept under (counter,
 * `scopeKeyOf` the caller) — what snapshotFor reads (data values, the
 * dataset's source) is counted by it, and what it depends on of the caller
 * is in the scope key — so a visitor after the first of a scope gets them
 * without a query (on PGlite the query holds the event loop for ~0.3–0.5 s,
 * and with it the page's JS and API calls; issue 6 P2). The ETag is the
 * SHA-256 of the bytes; the compressed bodies of the last few snapshots are
 * kept so compression runs once per version.
 */
import { createHash } from "node:crypto";
import type http from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { LRUCache } from "lru-cache";
import { scopeKeyOf, snapshotFor, type User } from "@linze/api";
import type { Database } from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";
import { ARROW_STREAM_CONTENT_TYPE, encodeSnapshot } from "@linze/duckdb/arrow";

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** The promise kept under `key` in `cache` (least recently used dropped first), made once; a rejected one is dropped. */
function keptPromise<T>(cache: LRUCache<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let kept = cache.get(key);
  if (!kept) {
    const made = make();
    cache.set(key, made);
    made.catch(() => {
      if (cache.peek(key) === made) cache.delete(key);
    });
    kept = made;
  }
  return kept;
}

/** Compressed bodies by "<etag>|<encoding>"; a handful of versions (one per set of visible org units and data version). */
const bodies = new LRUCache<string, Promise<Buffer>>({ max: 8 });

const compressed = (key: string, make: () => Promise<Buffer>): Promise<Buffer> => keptPromise(bodies, key, make);

interface Encoded {
  readonly bytes: Uint8Array;
  readonly etag: string;
}

/** Encoded snapshots by "<data counter>|<scope key>", per database; a handful (one per scope in use and data version). */
const encodedByDb = new WeakMap<Database, LRUCache<string, Promise<Encoded>>>();

async function encode(db: Database, tree: OrgUnitTree, user: User): Promise<Encoded> {
  const bytes = encodeSnapshot(await snapshotFor(db, tree, user));
  return { bytes, etag: `"${createHash("sha256").update(bytes).digest("base64url")}"` };
}

/** The user's encoded snapshot: kept under `dataVersion` (the `data` counter read for this request) and the scope; read afresh without one. */
function encodedSnapshot(db: Database, tree: OrgUnitTree, user: User, dataVersion: string | null): Promise<Encoded> {
  if (dataVersion === null) return encode(db, tree, user);
  let kept = encodedByDb.get(db);
  if (!kept) encodedByDb.set(db, (kept = new LRUCache({ max: 16 })));
  return keptPromise(kept, `${dataVersion}|${scopeKeyOf(user, tree)}`, () => encode(db, tree, user));
}

/** The encoding to answer with: brotli, gzip or none, from Accept-Encoding. */
export function chooseEncoding(accept: string | undefined): "br" | "gzip" | null {
  const a = String(accept ?? "");
  return /\bbr\b/.test(a) ? "br" : /\bgzip\b/.test(a) ? "gzip" : null;
}

/** `If-None-Match` holds the tag (a list, or `*`). Weak comparison, as for GET (RFC 9110 §13.1.2). */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((t) => bare(t) === bare(etag));
}

/**
 * Answers with the snapshot of what `user` (the session's, auth-http.ts) may
 * view; 401 without one. `dataVersion`: the database's `data` counter read
 * for this request (the session's read), under which the encoded snapshot is
 * kept; null reads it afresh.
 */
export async function serveSnapshotArrow(req: http.IncomingMessage, res: http.ServerResponse, state: { db: Database; tree: OrgUnitTree }, user: User | null, dataVersion: string | null = null): Promise<void> {
  if (user?.mustChangePassword) {
    res.writeHead(403, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    return void res.end("Change your password first / 请先修改密码\n");
  }
  if (!user) {
    res.writeHead(401, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    return void res.end("Sign in first / 请先登录\n");
  }
  const { bytes, etag } = await encodedSnapshot(state.db, state.tree, user, dataVersion);
  const encoding = chooseEncoding(req.headers["accept-encoding"] as string | undefined);
  const headers: http.OutgoingHttpHeaders = {
    "content-type": ARROW_STREAM_CONTENT_TYPE,
    etag,
    vary: "Accept-Encoding",
    // Private: the snapshot is the caller's (their org units); revalidated on every use.
    "cache-control": "private, no-cache",
  };
  if (matches(req.headers["if-none-match"] as string | undefined, etag)) {
    res.writeHead(304, headers);
    return void res.end();
  }
  const body =
    encoding === null
      ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : await compressed(`${etag}|${encoding}`, () =>
          encoding === "br" ? brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }) : gzip(bytes),
        );
  res.writeHead(200, { ...headers, ...(encoding ? { "content-encoding": encoding } : {}), "content-length": body.length });
  res.end(req.method === "HEAD" ? undefined : body);
}
