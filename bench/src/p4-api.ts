/**
 * P4, the read API under load: autocannon (50 connections) against a real
 * server process (fresh PGlite, or DATABASE_URL), signed in as the demo
 * county leader (session cookie), cycling through tRPC reads
 * the dashboard makes: the values of one indicator for the seven townships in
 * a month (values.list, SQL on the server's database), the indicator
 * catalogue, and the latest period. Reports req/s, latency p50/p99 and errors:
 * the median of several runs on one server.
 */
import autocannon from "autocannon";
import { startServer } from "./server-process.ts";
import { median, round } from "./stats.ts";

/** One autocannon run. */
export interface P4Run {
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  /** Connection errors (timeouts among them) + responses other than 2xx; each kind also given apart. */
  readonly errors: number;
  readonly errorKinds: { connection: number; timeouts: number; non2xx: number };
  readonly requests: number;
}

/** The median of the runs (req/s, p50 and p99 each the median of its own), every error of every run, and the runs. */
export interface P4Result {
  readonly connections: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly errors: number;
  readonly errorKinds: { connection: number; timeouts: number; non2xx: number };
  readonly requests: number;
  readonly runs: P4Run[];
  readonly mix: string[];
}

/** A tRPC GET with superjson's input envelope. */
const trpcGet = (proc: string, input?: unknown) =>
  `/trpc/${proc}` + (input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);

/**
 * `runs` autocannon runs of `seconds` each, one after the other on one server
 * (a shared machine's noise shows as spread between them). `nodeArgs`: extra
 * flags for the server's node, e.g. `--cpu-prof`.
 */
export async function runP4(opts: { connections: number; seconds: number; runs?: number; databaseUrl?: string; nodeArgs?: readonly string[]; log: (s: string) => void }): Promise<P4Result> {
  const server = await startServer({ databaseUrl: opts.databaseUrl, nodeArgs: opts.nodeArgs });
  try {
    const townships = ["LZ-SH", "LZ-XH", "LZ-LQ", "LZ-PC", "LZ-BQ", "LZ-YN", "LZ-NJY"];
    const paths = [
      ...["2016-03", "2016-09", "2016-12"].flatMap((period) =>
        ["enrollment_rate", "cataract_surgeries"].map((code) => trpcGet("values.list", { indicators: [code], orgUnits: townships, periods: [period] })),
      ),
      trpcGet("catalogue.indicators"),
      trpcGet("meta.latestPeriod"),
    ];
    const headers = { cookie: await server.signIn() };
    for (const p of paths) {
      const res = await fetch(server.url + p, { headers });
      if (res.status !== 200) throw new Error(`${p}: ${res.status} ${await res.text()}`);
    }
    const runs: P4Run[] = [];
    for (let i = 0; i < (opts.runs ?? 1); i++) {
      const r = await autocannon({ url: server.url, connections: opts.connections, duration: opts.seconds, requests: paths.map((path) => ({ method: "GET", path, headers })) });
      const run: P4Run = {
        requestsPerSecond: round(r.requests.average),
        latencyP50Ms: round(r.latency.p50),
        latencyP99Ms: round(r.latency.p99),
        errors: r.errors + r.non2xx,
        errorKinds: { connection: r.errors - r.timeouts, timeouts: r.timeouts, non2xx: r.non2xx },
        requests: r.requests.total,
      };
      runs.push(run);
      opts.log(`  run ${i + 1}: ${run.requestsPerSecond} req/s, p50 ${run.latencyP50Ms} ms, p99 ${run.latencyP99Ms} ms, ${run.errors} errors (${JSON.stringify(run.errorKinds)}; ${run.requests} requests)`);
    }
    const sum = (f: (r: P4Run) => number) => runs.reduce((a, r) => a + f(r), 0);
    const out: P4Result = {
      connections: opts.connections,
      seconds: opts.seconds,
      requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
      latencyP50Ms: median(runs.map((r) => r.latencyP50Ms)),
      latencyP99Ms: median(runs.map((r) => r.latencyP99Ms)),
      errors: sum((r) => r.errors),
      errorKinds: { connection: sum((r) => r.errorKinds.connection), timeouts: sum((r) => r.errorKinds.timeouts), non2xx: sum((r) => r.errorKinds.non2xx) },
      requests: sum((r) => r.requests),
      runs,
      mix: ["values.list ×6 (an indicator × 7 townships × a month)", "catalogue.indicators", "meta.latestPeriod"],
    };
    if (runs.length > 1) opts.log(`  median of ${runs.length}: ${out.requestsPerSecond} req/s, p50 ${out.latencyP50Ms} ms, p99 ${out.latencyP99Ms} ms, ${out.errors} errors in all`);
    return out;
  } finally {
    await server.stop();
  }
}
