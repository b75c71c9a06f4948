/**
 * The offline copy of a user's data (issue 6: a repeat visit works offline).
 * The service worker (src/sw.ts) keeps the last `GET /snapshot.arrow` and
 * `GET /auth/me` answers in one Cache Storage cache, network first; when the
 * server cannot be reached it answers from that cache and marks the response
 * with {@link OFFLINE_COPY_HEADER}. The cache holds one user's scoped data:
 * it is deleted on sign-out and sign-in (by the page and by the service
 * worker) and when the server answers 401 or 403, so one user's snapshot is
 * never shown to another.
 */

/** Cache Storage name of the user's offline copy (snapshot and session). */
export const USER_DATA_CACHE = "linze-user-data";

/**
 * Response header the service worker adds to an answer from the offline
 * copy: the time the copy was fetched from the server (its HTTP `Date`, as
 * ISO 8601), or "" when unknown. Absent on answers from the server.
 */
export const OFFLINE_COPY_HEADER = "x-linze-offline-copy";

/** Deletes the offline copy of the signed-in user's data (no-op where Cache Storage is unavailable). */
export async function clearOfflineData(): Promise<void> {
  if (typeof caches === "undefined") return;
  await caches.delete(USER_DATA_CACHE).catch(() => false);
}
