/**
 * The command line: `npm run cli -- values --indicator cataract_surgeries --org LZ --period 2016`.
 * Same engine as the server: it opens the same database (loading the demo
 * data when empty) and asks the API through its caller.
 *
 * Exit codes: 0 done, 1 failure (e.g. database in use), 2 bad input.
 */
import { parseArgs } from "node:util";
import { TRPCError } from "@trpc/server";
import { createCaller, createContext, errorMessage } from "@linze/api";
import { DatasetError } from "@linze/db";
import { indicator, InvalidPeriod, parsePeriod, UnknownIndicator } from "@linze/domain";
import { openReadyDatabase, settingsFromEnv } from "./database.ts";
import { DirectoryInUse } from "./lock.ts";

const USAGE = `Usage:
  npm run cli -- values --indicator <code> --org <org unit code> --period <period> [--json]

  period: a month 2016-03, a quarter 2016Q1 or a year 2016.
  Prints the value (a count, CNY, or a rate in percent), or null when there is no value;
  --json prints {"indicator","orgUnit","period","numerator","denominator","value"}.

Environment: DATABASE_URL (PostgreSQL) or PGLITE_DIR (default <repo>/.data/pglite), DATASET_DIR.`;

class UsageError extends Error {}

/** Throws UnknownIndicator or InvalidPeriod (the messages list what is valid). */
function checkCatalogue(indicatorCode: string, period: string): void {
  indicator(indicatorCode);
  parsePeriod(period);
}

async function values(args: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        indicator: { type: "string" },
        org: { type: "string" },
        period: { type: "string" },
        json: { type: "boolean", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { indicator, org, period, json } = parsed.values;
  const missing = (["indicator", "org", "period"] as const).filter((k) => !parsed.values[k]);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(", ")}`);

  // Fail fast, before opening the database, on what the catalogue alone can tell.
  checkCatalogue(indicator!, period!);
  const ready = await openReadyDatabase(settingsFromEnv(), "the CLI");
  try {
    const api = createCaller(createContext({ db: ready.db, tree: ready.tree }));
    const [row] = await api.values.list({ indicators: [indicator!], orgUnits: [org!], periods: [period!] });
    if (!row) throw new Error("no row returned");
    process.stdout.write(json ? `${JSON.stringify(row)}\n` : `${row.value === null ? "null" : String(row.value)}\n`);
  } finally {
    await ready.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    (command === undefined ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  try {
    if (command === "values") await values(rest);
    else throw new UsageError(`Unknown command "${command}"`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof UnknownIndicator || e instanceof InvalidPeriod) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    if (e instanceof TRPCError && e.code === "BAD_REQUEST") {
      process.stderr.write(`${errorMessage(e)}\n`);
      return 2;
    }
    if (e instanceof DirectoryInUse || e instanceof DatasetError) {
      process.stderr.write(`${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
