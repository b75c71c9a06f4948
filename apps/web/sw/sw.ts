/**
 * The dashboard's service worker (issue 6: a repeat visit works offline),
 * built by vite-plugin-pwa (injectManifest) into dist/sw.js.
 *
 * - Precached (workbox-precaching, revisioned by the build): the app shell
 *   (index.html), every JS and CSS file, the duckdb-wasm eh module and the
 *   workers; navigations are answered with the precached shell. The mvp
 *   wasm (for browsers without wasm exceptions) is cached when first used.
 * - `GET /snapshot.arrow` and `GET /auth/me`: network first (the browser's
 *   HTTP cache still revalidates by ETag), the last 200 kept in
 *   {@link USER_DATA_CACHE}; when the server cannot be reached, that copy,
 *   marked with {@link OFFLINE_COPY_HEADER} (its fetch time). The copy is one
 *   user's scoped data: it is deleted when the page signs in or out (POST
 *   /auth/login, /auth/logout pass through here) and when the server answers
 *   401 or 403. On activation the worker keeps a copy of both for the page
 *   that registered it (whose own requests it did not see).
 * - Everything else (tRPC queries and mutations, exports, /healthz) is not
 *   handled here: it goes to the network and is never cached.
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute, type PrecacheEntry } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { CacheFirst, NetworkFirst, NetworkOnly } from "workbox-strategies";
import { CacheableResponsePlugin } from "workbox-cacheable-response";
import { clientsClaim, type WorkboxPlugin } from "workbox-core";
import { OFFLINE_COPY_HEADER, USER_DATA_CACHE } from "../src/data/offline.ts";

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (PrecacheEntry | string)[] };

void self.skipWaiting();
clientsClaim();
cleanupOutdatedCaches();
precacheAndRoute(self.__WB_MANIFEST);

/** Paths the server answers itself: never the app shell. */
const SERVER_PATHS = [/^\/trpc(\/|$)/, /^\/auth\//, /^\/export\//, /^\/snapshot\.arrow$/, /^\/healthz$/];
registerRoute(new NavigationRoute(createHandlerBoundToURL("/index.html"), { denylist: SERVER_PATHS }));

const sameOrigin = (url: URL) => url.origin === self.location.origin;

/** The time a stored response was fetched (its `Date` header) as ISO 8601, or "". */
function fetchedAt(response: Response): string {
  const date = response.headers.get("date");
  const t = date ? Date.parse(date) : NaN;
  return Number.isNaN(t) ? "" : new Date(t).toISOString();
}

const userData: WorkboxPlugin = {
  // A 401/403 means the session ended or changed: the previous user's copy must go.
  async fetchDidSucceed({ response }) {
    if (response.status === 401 || response.status === 403) await caches.delete(USER_DATA_CACHE);
    return response;
  },
  // Only what the server confirmed as this user's data is kept.
  async cacheWillUpdate({ response }) {
    return response.status === 200 ? response : null;
  },
  // Answers from the copy (the server unreachable) say so, and from when.
  async cachedResponseWillBeUsed({ cachedResponse }) {
    if (!cachedResponse) return cachedResponse;
    const headers = new Headers(cachedResponse.headers);
    headers.set(OFFLINE_COPY_HEADER, fetchedAt(cachedResponse));
    return new Response(await cachedResponse.blob(), { status: cachedResponse.status, statusText: cachedResponse.statusText, headers });
  },
};

registerRoute(
  ({ url, request }) => sameOrigin(url) && request.method === "GET" && (url.pathname === "/snapshot.arrow" || url.pathname === "/auth/me"),
  new NetworkFirst({ cacheName: USER_DATA_CACHE, plugins: [userData] }),
);

// The page that registered this worker fetched its snapshot and session before the worker controlled it:
// keep a copy of them now (revalidated from the HTTP cache: a 304, no new download), so the next visit works offline.
const USER_DATA_URLS = ["/auth/me", "/snapshot.arrow"];
async function keepUserData(): Promise<void> {
  const cache = await caches.open(USER_DATA_CACHE);
  for (const url of USER_DATA_URLS) {
    const response = await fetch(url, { credentials: "same-origin" }).catch(() => null);
    if (response?.status === 200) await cache.put(url, response);
    else if (response && (response.status === 401 || response.status === 403)) return void (await caches.delete(USER_DATA_CACHE));
  }
}
self.addEventListener("activate", (event) => event.waitUntil(keepUserData()));

// Signing in or out: the previous user's copy is deleted before the request goes on.
const clearUserData: WorkboxPlugin = {
  async requestWillFetch({ request }) {
    await caches.delete(USER_DATA_CACHE);
    return request;
  },
};
registerRoute(({ url }) => sameOrigin(url) && (url.pathname === "/auth/login" || url.pathname === "/auth/logout"), new NetworkOnly({ plugins: [clearUserData] }), "POST");

// The mvp wasm is not precached (Chromium and current browsers take the eh one); kept once used.
registerRoute(
  ({ url }) => sameOrigin(url) && /^\/assets\/duckdb-mvp-.*\.wasm$/.test(url.pathname),
  new CacheFirst({ cacheName: "linze-duckdb-mvp", plugins: [new CacheableResponsePlugin({ statuses: [200] })] }),
);
