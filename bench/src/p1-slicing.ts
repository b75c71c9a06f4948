/**
 * P1, slicing: generated data at each size, loaded into duckdb-wasm in
 * headless Debian Chromium (the dashboard's engine module on a small page)
 * and into native DuckDB (@duckdb/node-api) in the same run; the dashboard's
 * real queries (the domain's compileIndicatorQuery, as the pages call it for
 * one county) timed on both: p50, p95, and wasm / native.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { INDICATORS, indicator, monthsOf, orgUnitKeys, type IndicatorQuery } from "@linze/domain";
import { createEngine, indicatorQuerySql } from "@linze/duckdb";
import { encodeSnapshot } from "@linze/duckdb/arrow";
import { countyCode, generate, townshipCode, TOWNSHIPS_PER_COUNTY, villageCode, VILLAGES_PER_TOWNSHIP } from "./generate.ts";
import { CHROMIUM_ARGS } from "./chromium.ts";
import { startStaticServer } from "./static-server.ts";
import { percentile, round, since } from "./stats.ts";

const BENCH_DIR = fileURLToPath(new URL("../", import.meta.url));
const PAGE_DIST = path.join(BENCH_DIR, "dist-page");

/** The dashboard's queries for county C01 in 2016 (townships page, overview), as the pages build them. */
export function dashboardQueries(): { name: string; query: IndicatorQuery }[] {
  const county = countyCode(1);
  const townships = Array.from({ length: TOWNSHIPS_PER_COUNTY }, (_, i) => townshipCode(1, i + 1));
  const villages = Array.from({ length: VILLAGES_PER_TOWNSHIP }, (_, i) => villageCode(1, 3, i + 1));
  const months = monthsOf("2016");
  return [
    // Townships page, "one indicator by township and by month": a stock rate (last value per village) × 7 townships × 12 months.
    { name: "indicator by township × month", query: { indicators: [indicator("enrollment_rate")], orgUnits: townships, periods: months } },
    // Townships page, "a township's villages": one indicator × 11 villages × a quarter.
    { name: "one township's villages", query: { indicators: [indicator("cataract_surgeries")], orgUnits: villages, periods: ["2016Q4"] } },
    // Townships page scorecard: every indicator × county and its townships × a quarter.
    { name: "a quarter's scorecard", query: { indicators: INDICATORS, orgUnits: [county, ...townships], periods: ["2016Q4"] } },
    // Overview: every indicator for the county, the month, the month before and the year's trend.
    { name: "overview KPIs + trend", query: { indicators: INDICATORS, orgUnits: [county], periods: ["2016-12", "2016-11", ...months] } },
  ];
}

export interface P1Query {
  readonly name: string;
  readonly resultRows: number;
  readonly wasmP50: number;
  readonly wasmP95: number;
  readonly nativeP50: number;
  readonly nativeP95: number;
  /** wasm p50 / native p50 */
  readonly ratio: number;
}

export interface P1Size {
  readonly target: number;
  readonly dataValues: number;
  readonly counties: number;
  readonly arrowBytes: number;
  readonly wasmLoadMs: number;
  readonly nativeLoadMs: number;
  readonly queries: P1Query[];
}

/** Builds the benchmark page with Vite when it is missing or `rebuild`. */
function buildPage(rebuild: boolean): void {
  if (!rebuild && existsSync(path.join(PAGE_DIST, "index.html"))) return;
  execFileSync(process.execPath, [path.join(BENCH_DIR, "../node_modules/vite/bin/vite.js"), "build"], { cwd: BENCH_DIR, stdio: "inherit" });
}

export async function runP1(opts: { sizes: readonly number[]; warmup: number; runs: number; log: (s: string) => void }): Promise<P1Size[]> {
  buildPage(true);
  const server = await startStaticServer(PAGE_DIST);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const out: P1Size[] = [];
  try {
    const page = await browser.newPage();
    page.on("pageerror", (e) => opts.log(`  page error: ${e.message}`));
    await page.goto(`${server.url}/`);
    await page.waitForSelector("body[data-ready=true]");
    type Hooks = { linzeBench: { start(): Promise<number>; load(url: string): Promise<{ fetchMs: number; loadMs: number; rows: number }>; time(sql: string, w: number, r: number): Promise<{ ms: number[]; rows: number }> } };
    const startMs = await page.evaluate(() => (window as unknown as Hooks).linzeBench.start());
    opts.log(`  duckdb-wasm started in ${round(startMs)} ms`);

    for (const target of opts.sizes) {
      const t0 = performance.now();
      const data = generate(target);
      const bytes = encodeSnapshot(data.snapshot);
      const n = data.snapshot.dataValues.value.length;
      opts.log(`  ${n.toLocaleString("en")} values in ${data.counties} counties × ${data.years.length} years generated and encoded (${(bytes.length / 1e6).toFixed(1)} MB Arrow) in ${round(since(t0) / 1000)} s`);
      server.put("/data.arrow", bytes);
      const wasmLoad = await page.evaluate((url) => (window as unknown as Hooks).linzeBench.load(url), "/data.arrow");
      if (wasmLoad.rows !== n) throw new Error(`duckdb-wasm loaded ${wasmLoad.rows} rows, expected ${n}`);

      const native = await createEngine();
      const t1 = performance.now();
      await native.loadArrow(bytes);
      const nativeLoadMs = since(t1);
      const queries: P1Query[] = [];
      for (const { name, query } of dashboardQueries()) {
        const sql = indicatorQuerySql(query, orgUnitKeys(data.snapshot.orgUnits));
        const wasm = await page.evaluate(([s, w, r]) => (window as unknown as Hooks).linzeBench.time(s as string, w as number, r as number), [sql, opts.warmup, opts.runs] as const);
        let nativeRows = 0;
        for (let i = 0; i < opts.warmup; i++) nativeRows = (await native.query(sql)).length;
        const nativeMs: number[] = [];
        for (let i = 0; i < opts.runs; i++) {
          const t = performance.now();
          nativeRows = (await native.query(sql)).length;
          nativeMs.push(since(t));
        }
        if (nativeRows !== wasm.rows) throw new Error(`${name}: duckdb-wasm gave ${wasm.rows} rows, native ${nativeRows}`);
        const q: P1Query = {
          name,
          resultRows: wasm.rows,
          wasmP50: round(percentile(wasm.ms, 50)),
          wasmP95: round(percentile(wasm.ms, 95)),
          nativeP50: round(percentile(nativeMs, 50)),
          nativeP95: round(percentile(nativeMs, 95)),
          ratio: round(percentile(wasm.ms, 50) / percentile(nativeMs, 50), 2),
        };
        opts.log(`    ${name}: wasm p50 ${q.wasmP50} ms p95 ${q.wasmP95} ms; native p50 ${q.nativeP50} ms p95 ${q.nativeP95} ms; ×${q.ratio}`);
        queries.push(q);
      }
      await native.close();
      out.push({ target, dataValues: n, counties: data.counties, arrowBytes: bytes.length, wasmLoadMs: round(wasmLoad.fetchMs + wasmLoad.loadMs), nativeLoadMs: round(nativeLoadMs), queries });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return out;
}
