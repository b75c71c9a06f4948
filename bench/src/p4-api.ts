/**
 * P4, the read API under load: autocannon (50 connections) against a real
 * server process (fresh PGlite, or DATABASE_URL), signed in as the demo
 * county leader (session cookie), cycling through tRPC reads
 * the dashboard makes: the values of one indicator for the seven townships in
 * a month (values.list, SQL on the server's database), the indicator
 * catalogue, and the latest period. Reports req/s, latency p50/p99 and errors.
 */
import autocannon from "autocannon";
import { startServer } from "./server-process.ts";
import { round } from "./stats.ts";

export interface P4Result {
  readonly connections: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  /** Connection errors (timeouts among them) + responses other than 2xx; each kind also given apart. */
  readonly errors: number;
  readonly errorKinds: { connection: number; timeouts: number; non2xx: number };
  readonly requests: number;
  readonly mix: string[];
}

/** A tRPC GET with superjson's input envelope. */
const trpcGet = (proc: string, input?: unknown) =>
  `/trpc/${proc}` + (input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);

export async function runP4(opts: { connections: number; seconds: number; databaseUrl?: string; log: (s: string) => void }): Promise<P4Result> {
  const server = await startServer({ databaseUrl: opts.databaseUrl });
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
    const r = await autocannon({ url: server.url, connections: opts.connections, duration: opts.seconds, requests: paths.map((path) => ({ method: "GET", path, headers })) });
    const out: P4Result = {
      connections: opts.connections,
      seconds: opts.seconds,
      requestsPerSecond: round(r.requests.average),
      latencyP50Ms: round(r.latency.p50),
      latencyP99Ms: round(r.latency.p99),
      errors: r.errors + r.non2xx,
      errorKinds: { connection: r.errors - r.timeouts, timeouts: r.timeouts, non2xx: r.non2xx },
      requests: r.requests.total,
      mix: ["values.list ×6 (an indicator × 7 townships × a month)", "catalogue.indicators", "meta.latestPeriod"],
    };
    opts.log(`  ${out.requestsPerSecond} req/s, p50 ${out.latencyP50Ms} ms, p99 ${out.latencyP99Ms} ms, ${out.errors} errors (${JSON.stringify(out.errorKinds)}; ${out.requests} requests)`);
    return out;
  } finally {
    await server.stop();
  }
}
