/**
 * P2, cold load: the built dashboard served by the real server (a fresh
 * PGlite), opened in headless Chromium with an empty profile: milliseconds
 * from navigation to the first KPI value on the overview (data-testid
 * kpi-value-*, as the e2e tests read it: whichever KPI appears first,
 * from the server's read API or from duckdb-wasm, data/first-kpis.ts) and to
 * the engine's KPIs (the sections' data-source="engine"), then a repeat
 * visit in the same profile (HTTP cache warm, the service worker installed
 * after the first visit answering from its precache). WEB_DIST measures
 * another build (as the server reads it); default apps/web/dist. Sizes: the JS the page loads on its main thread
 * (gzip of each file, the usual yardstick, and the bytes the server sent),
 * the worker's JS and the wasm.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os, { tmpdir } from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type BrowserContext } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.ts";
import { REPO, startServer } from "./server-process.ts";
import { median, round } from "./stats.ts";

const WEB_DIR = path.join(REPO, "apps", "web");
const DIST = process.env.WEB_DIST ? path.resolve(process.env.WEB_DIST) : path.join(WEB_DIR, "dist");

export interface P2Result {
  /** Medians over the visits, ms from navigation start to the first KPI value shown. */
  readonly coldMs: number;
  readonly repeatMs: number;
  /** Medians, ms from navigation start to the KPIs computed by duckdb-wasm (replacing the server's). */
  readonly coldEngineMs: number;
  readonly repeatEngineMs: number;
  /** Where each cold visit's first KPI came from (server: tRPC values.list; engine: duckdb-wasm). */
  readonly coldFirstSources: string[];
  /** The 1-minute load average at the start and end of the visits (2 shared cores). */
  readonly loadAverage: { start: number; end: number };
  readonly coldSamples: number[];
  /** Each cold visit's performance marks: engine started, snapshot fetched, snapshot loaded (ms since navigation). */
  readonly coldMarks: Record<string, number>[];
  readonly repeatSamples: number[];
  /** JS files loaded on the main thread by the first page (KB = 1000 bytes). */
  readonly appJsFiles: { file: string; rawKB: number; gzipKB: number }[];
  readonly appJsGzipKB: number;
  readonly appJsSentKB: number;
  readonly workerJsGzipKB: number;
  readonly wasm: { file: string; rawMB: number; gzipMB: number; sentMB: number } | null;
  readonly snapshot: { url: string; sentKB: number } | null;
  readonly serverReadyMs: number;
}

const KB = (n: number) => round(n / 1000, 1);

/** Records, in the page, when the first KPI value has text (ms since navigation start). */
const FIRST_KPI_SCRIPT = `(() => {
  const check = () => {
    const el = document.querySelector('[data-testid^="kpi-value-"]');
    if (el && el.textContent && el.textContent.trim() !== "" && window.__firstKpi === undefined) {
      window.__firstKpi = performance.now();
      window.__firstKpiSource = el.closest("[data-source]")?.getAttribute("data-source") ?? "";
    }
    if (window.__engineKpi === undefined && document.querySelector('[data-testid="organisation-coverage"][data-source="engine"] [data-testid^="kpi-value-"]')) window.__engineKpi = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
})();`;

interface Visit {
  ms: number;
  /** ms to the engine's KPIs; the first KPI's source. */
  engineMs: number;
  source: string;
  /** The dashboard's performance marks (linze:*), ms since navigation start. */
  marks: Record<string, number>;
  responses: { url: string; sent: number; type: string }[];
}

async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const page = await context.newPage();
  const responses: Visit["responses"] = [];
  const onResponse = async (r: import("playwright-core").Response) => {
    // The service worker's own fetches (its precache) are not the page's.
    if (r.request().serviceWorker()) return;
    const sizes = await r.request().sizes().catch(() => null);
    responses.push({ url: r.url(), sent: sizes?.responseBodySize ?? 0, type: r.request().resourceType() });
  };
  context.on("response", onResponse);
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __firstKpi?: number }).__firstKpi !== undefined, null, { timeout: 120_000 });
  const ms = await page.evaluate(() => (window as unknown as { __firstKpi: number }).__firstKpi);
  await page.waitForFunction(() => (window as unknown as { __engineKpi?: number }).__engineKpi !== undefined, null, { timeout: 120_000 });
  const { engineMs, source } = await page.evaluate(() => {
    const w = window as unknown as { __engineKpi: number; __firstKpiSource: string };
    return { engineMs: w.__engineKpi, source: w.__firstKpiSource };
  });
  const marks = Object.fromEntries(await page.evaluate(() => performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)] as const)));
  if (process.env.BENCH_DEBUG) {
    const entries = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => `${Math.round(e.startTime)}→${Math.round((e as PerformanceResourceTiming).responseEnd)} ${e.name}`));
    console.log(entries.join("\n"));
  }
  // The service worker (registered once the engine has loaded) installed, its precache filled: the repeat visit is answered by it.
  await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(r, 60_000))])).catch(() => undefined);
  await page.waitForLoadState("networkidle").catch(() => undefined);
  context.off("response", onResponse);
  await page.close();
  return { ms, engineMs, source, marks, responses };
}

const distFile = (url: string) => path.join(DIST, new URL(url).pathname);

export async function runP2(opts: { visits: number; build: boolean; log: (s: string) => void }): Promise<P2Result> {
  if (opts.build) execFileSync(process.execPath, [path.join(REPO, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn", "--outDir", DIST, "--emptyOutDir"], { cwd: WEB_DIR, stdio: "inherit" });
  const server = await startServer();
  opts.log(`  server ready in ${round(server.readyMs)} ms (fresh PGlite: initdb, load, seed)`);
  const profiles: string[] = [];
  const browserFor = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "linze-bench-profile-"));
    profiles.push(dir);
    const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1400, height: 1000 } });
    await context.addInitScript(FIRST_KPI_SCRIPT);
    // Signed in before the visit (a session cookie in the profile), so the visit measures the dashboard, not the sign-in page.
    const [name, value] = (await server.signIn()).split("=");
    await context.addCookies([{ name: name!, value: value!, url: server.url }]);
    return context;
  };
  try {
    // One visit first, in its own profile, so the server has compressed and cached the wasm (as any server after its first visitor).
    const warm = await browserFor();
    await visit(warm, `${server.url}/`);
    await warm.close();

    const loadStart = os.loadavg()[0]!;
    const cold: number[] = [];
    const coldEngine: number[] = [];
    const repeatEngine: number[] = [];
    const sources: string[] = [];
    const marksCold: Record<string, number>[] = [];
    const repeat: number[] = [];
    let first: Visit | null = null;
    for (let i = 0; i < opts.visits; i++) {
      const context = await browserFor();
      const c = await visit(context, `${server.url}/`);
      const r = await visit(context, `${server.url}/`);
      await context.close();
      first ??= c;
      cold.push(c.ms);
      coldEngine.push(c.engineMs);
      repeatEngine.push(r.engineMs);
      sources.push(c.source);
      repeat.push(r.ms);
      const marks = (v: Visit) => Object.entries(v.marks).map(([k, t]) => `${k.replace("linze:", "")} ${t}`).join(", ");
      opts.log(
        `  visit ${i + 1}: cold ${round(c.ms)} ms (first KPI from ${c.source}; engine's KPIs ${round(c.engineMs)} ms; ${marks(c)}), repeat ${round(r.ms)} ms (from ${r.source}; engine ${round(r.engineMs)} ms; ${marks(r)}); load ${os.loadavg()[0]!.toFixed(1)}`,
      );
      marksCold.push(c.marks);
    }
    const isWorker = (url: string) => /\.worker[^/]*\.js$/.test(url);
    const js = first!.responses.filter((r) => r.url.endsWith(".js") && !isWorker(r.url));
    const worker = first!.responses.filter((r) => isWorker(r.url));
    const appJsFiles = js.map((r) => {
      const raw = readFileSync(distFile(r.url));
      return { file: path.basename(r.url), rawKB: KB(raw.length), gzipKB: KB(zlib.gzipSync(raw).length) };
    });
    const workerJsGzipKB = worker.reduce((s, r) => s + zlib.gzipSync(readFileSync(distFile(r.url))).length, 0);
    const wasmResponse = first!.responses.find((r) => r.url.endsWith(".wasm"));
    const wasm = wasmResponse
      ? (() => {
          const raw = readFileSync(distFile(wasmResponse.url));
          return { file: path.basename(wasmResponse.url), rawMB: round(statSync(distFile(wasmResponse.url)).size / 1e6, 2), gzipMB: round(zlib.gzipSync(raw).length / 1e6, 2), sentMB: round(wasmResponse.sent / 1e6, 2) };
        })()
      : null;
    const snap = first!.responses.find((r) => /\/snapshot\.arrow$/.test(new URL(r.url).pathname));
    return {
      coldMs: round(median(cold)),
      coldEngineMs: round(median(coldEngine)),
      repeatEngineMs: round(median(repeatEngine)),
      coldFirstSources: sources,
      loadAverage: { start: round(loadStart, 2), end: round(os.loadavg()[0]!, 2) },
      repeatMs: round(median(repeat)),
      coldSamples: cold.map((x) => round(x)),
      coldMarks: marksCold,
      repeatSamples: repeat.map((x) => round(x)),
      appJsFiles,
      appJsGzipKB: round(appJsFiles.reduce((s, f) => s + f.gzipKB, 0), 1),
      appJsSentKB: KB(js.reduce((s, r) => s + r.sent, 0)),
      workerJsGzipKB: KB(workerJsGzipKB),
      wasm,
      snapshot: snap ? { url: new URL(snap.url).pathname, sentKB: KB(snap.sent) } : null,
      serverReadyMs: round(server.readyMs),
    };
  } finally {
    await server.stop();
    for (const dir of profiles) await rm(dir, { recursive: true, force: true });
  }
}
