/**
 * P5, importing 100,000 rows: measured by the import's own benchmark,
 * `npm run bench -w @linze/db` (packages/db/bench/import-long-csv.ts: parse,
 * plan and commit of a generated 100,000-row long CSV, median of 3), on
 * PGlite on a data directory (as the server runs it), PGlite in memory (as
 * the tests run it) and, when a URL is given, on PostgreSQL. Its median lines are read
 * back ("wall: parse … ms, plan … ms, commit … ms, total … ms").
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { postgresUrl, type DatabaseKind } from "./databases.ts";
import { REPO } from "./server-process.ts";

export interface P5Result {
  readonly database: DatabaseKind;
  /** PGlite's storage: a data directory (the server's) or memory (the tests'); null on PostgreSQL. */
  readonly storage: "data directory" | "memory" | null;
  readonly command: string;
  /** Medians, ms (wall time and this process's CPU time), as the script printed them; null when not found. */
  readonly wall: { parse: number; plan: number; commit: number; total: number } | null;
  readonly cpu: { parse: number; plan: number; commit: number; total: number } | null;
  readonly output: string;
}

const FIGURES = /parse (\d+) ms, plan (\d+) ms, commit (\d+) ms, total (\d+) ms/;

function figures(line: string | undefined) {
  const m = line ? FIGURES.exec(line) : null;
  return m ? { parse: Number(m[1]), plan: Number(m[2]), commit: Number(m[3]), total: Number(m[4]) } : null;
}

/** Null when packages/db has no bench script. */
export function runP5(opts: { log: (s: string) => void }): P5Result[] | null {
  const pkg = JSON.parse(readFileSync(path.join(REPO, "packages", "db", "package.json"), "utf8")) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.bench) {
    opts.log("  packages/db has no bench script yet: see packages/db bench");
    return null;
  }
  const url = postgresUrl();
  const targets: { database: DatabaseKind; storage: P5Result["storage"] }[] = [
    { database: "pglite", storage: "data directory" },
    { database: "pglite", storage: "memory" },
    ...(url ? [{ database: "postgres" as const, storage: null }] : []),
  ];
  return targets.map(({ database, storage }) => {
    const env =
      database === "postgres"
        ? { ...process.env, LINZE_TEST_DB: "postgres", TEST_DATABASE_URL: url! }
        : { ...process.env, LINZE_TEST_DB: "", LINZE_BENCH_PGLITE: storage === "memory" ? "memory" : "" };
    const output = execFileSync("npm", ["run", "-s", "bench", "-w", "@linze/db"], { cwd: REPO, env, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    for (const line of output.trim().split("\n")) opts.log(`  ${line}`);
    const lines = output.split("\n");
    return {
      database,
      storage,
      command: `${database === "postgres" ? "LINZE_TEST_DB=postgres TEST_DATABASE_URL=… " : storage === "memory" ? "LINZE_BENCH_PGLITE=memory " : ""}npm run bench -w @linze/db`,
      wall: figures(lines.find((l) => l.trim().startsWith("wall:"))),
      cpu: figures(lines.find((l) => l.trim().startsWith("CPU"))),
      output,
    };
  });
}
