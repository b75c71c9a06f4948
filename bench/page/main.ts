/**
 * The benchmark page: the dashboard's own engine module (@linze/duckdb's
 * browser build: duckdb-wasm in a web worker) with hooks the runner calls
 * through page.evaluate. Times are taken here, around the same calls the
 * dashboard makes (engine.loadArrow, engine.query), so they include the
 * worker round trip and the conversion of Arrow results to rows.
 */
import { createEngine, type OlapEngine } from "@linze/duckdb";

let engine: OlapEngine | null = null;

const bench = {
  /** Starts duckdb-wasm; returns milliseconds. */
  async start(): Promise<number> {
    const t0 = performance.now();
    engine = await createEngine();
    return performance.now() - t0;
  },
  /** Fetches an Arrow snapshot and loads it; returns the milliseconds of each step and the rows loaded. */
  async load(url: string): Promise<{ fetchMs: number; loadMs: number; rows: number }> {
    const t0 = performance.now();
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const t1 = performance.now();
    await engine!.loadArrow(bytes);
    const t2 = performance.now();
    const [count] = await engine!.query("SELECT count(*) AS n FROM data_values");
    return { fetchMs: t1 - t0, loadMs: t2 - t1, rows: Number(count!.n) };
  },
  /** Runs `sql` `warmup` times untimed, then `runs` times; returns each run's milliseconds and the last result's row count. */
  async time(sql: string, warmup: number, runs: number): Promise<{ ms: number[]; rows: number }> {
    let rows = 0;
    for (let i = 0; i < warmup; i++) rows = (await engine!.query(sql)).length;
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      rows = (await engine!.query(sql)).length;
      ms.push(performance.now() - t0);
    }
    return { ms, rows };
  },
  async close(): Promise<void> {
    await engine?.close();
    engine = null;
  },
};

(window as unknown as { linzeBench: typeof bench }).linzeBench = bench;
document.body.dataset.ready = "true";
