/**
 * P5, importing 100,000 rows: measured by the import's own benchmark,
 * `npm run bench -w @linze/db`, when that script exists; its output is kept
 * as printed (and its JSON, if it prints a line of JSON).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { REPO } from "./server-process.ts";

export interface P5Result {
  readonly available: boolean;
  readonly command: string;
  /** The last JSON object the script printed on a line of its own, if any. */
  readonly figures: Record<string, unknown> | null;
  readonly output: string;
}

export function runP5(opts: { quick: boolean; log: (s: string) => void }): P5Result {
  const command = "npm run -s bench -w @linze/db";
  const pkg = JSON.parse(readFileSync(path.join(REPO, "packages", "db", "package.json"), "utf8")) as { scripts?: Record<string, string> };
  if (!pkg.scripts?.bench) {
    opts.log("  packages/db has no bench script yet: see packages/db bench");
    return { available: false, command, figures: null, output: "" };
  }
  const output = execFileSync("npm", ["run", "-s", "bench", "-w", "@linze/db", ...(opts.quick ? ["--", "--quick"] : [])], { cwd: REPO, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  let figures: Record<string, unknown> | null = null;
  for (const line of output.split("\n")) {
    const t = line.trim();
    if (!t.startsWith("{")) continue;
    try {
      figures = JSON.parse(t) as Record<string, unknown>;
    } catch {
      // Not a JSON line.
    }
  }
  for (const line of output.trim().split("\n")) opts.log(`  ${line}`);
  return { available: true, command, figures, output };
}
