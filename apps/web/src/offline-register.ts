/**
 * Registers the service worker (sw/sw.ts, built by vite-plugin-pwa to
 * /sw.js) once the dashboard has loaded, so its precache of the app and the
 * 34 MB duckdb-wasm module (mostly from the HTTP cache by then) does not
 * compete with the first visit's own downloads. The worker takes control at
 * once (skipWaiting, clientsClaim). Production builds only (Vite's dev
 * server has no /sw.js).
 */
export async function registerOfflineWorker(): Promise<void> {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  await navigator.serviceWorker.register("/sw.js", { scope: "/", type: "classic" });
}
