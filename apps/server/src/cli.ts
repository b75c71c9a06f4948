/**
 * The command line: `npm run cli -- values --indicator cataract_surgeries --org LZ --period 2016`.
 * Same engine as the server: it opens the same database (loading the demo
 * data when empty) and asks the API through its caller — without sign-in, as the
 * local administrator (LOCAL_ADMIN: whoever may open the database may do anything;
 * changes are in the audit log as "local-admin").
 *
 * Exit codes: 0 done, 1 failure (e.g. database in use), 2 bad input.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { TRPCError } from "@trpc/server";
import { createCaller, createContext, errorMessage, LOCAL_ADMIN } from "@linze/api";
import { DatasetError } from "@linze/db";
import { indicator, InvalidPeriod, MonthSchema, parsePeriod, UnknownIndicator } from "@linze/domain";
import { openReadyDatabase, settingsFromEnv } from "./database.ts";
import { DirectoryInUse } from "./lock.ts";
import { BadOption, readImportFile, runImport, UnreadableFile } from "./cli-import.ts";

const USAGE = `Usage:
  npm run cli -- values --indicator <code> --org <org unit code> --period <period> [--json]
  npm run cli -- members [--under <org unit code>] [--json]
  npm run cli -- assess --year <YYYY> --quarter <1-4> --scope <scope> [--township <code>] [--manual-full] [--json]
  npm run cli -- import <file> [--dry-run] [--json] [--period YYYY-MM] [--mapping <name>]

  values: period is a month 2016-03, a quarter 2016Q1 or a year 2016.
    Prints the value (a count, CNY, or a rate in percent), or null when there is no value;
    --json prints {"indicator","orgUnit","period","numerator","denominator","value"}.
  members: the committee members (code, org unit, in post from–to, name), one a line;
    --json prints the list.
  assess: computes the quarter's assessment from the stored inputs (the
    assessor's manual scores, self-scores, commendations and vetoes entered for
    that quarter; the demo's are seeded on first start) and stores it as a new
    draft run (revision), then prints the ranking: rank, unit, total, grade
    ("-" while a unit is incomplete), and each incomplete unit with its
    incomplete items and why (a month of the quarter not reported, not scored
    by the assessor). scope: townships | township-members (with --township) |
    county-members. --manual-full scores every manual item still without
    points at its full points (a what-if; recorded in the run).
    --json prints {"run", "ranking": [{"kind","code","orgUnit","total","grade","rank","incomplete","incompleteItems":[{"itemId","reason":{"zh","en"}}],"vetoed"}]}.
  import: reads a monthly-report file (CSV in UTF-8 or GB18030, or XLSX; long or
    wide layout), checks it (dry run) and, unless --dry-run, imports it when it
    has no error: all or nothing, one transaction; the same file again changes
    nothing. Prints rows read; values read (new, updated, unchanged, refused:
    a locked month, a month not yet begun) and ignored; total rows skipped; every problem (file, sheet, row, column, value, reason in
    English / 中文). --period: the month of a sheet that names none;
    --mapping: a saved column mapping's name. --json prints the summary object
    plus "committed". Exit code 1 when the file has an error (nothing imported).

Environment: DATABASE_URL (PostgreSQL) or PGLITE_DIR (default <repo>/.data/pglite), DATASET_DIR.`;

class UsageError extends Error {}

/** A usage error in English and Chinese: "English (中文)", as the API's messages are. */
const usageError = (en: string, zh: string) => new UsageError(`${en} (${zh})`);

/** The options missing from `given`, as a usage error naming each. */
function requireOptions(given: Record<string, unknown>, names: readonly string[]): void {
  const missing = names.filter((k) => !given[k]);
  if (missing.length > 0) {
    const list = missing.map((m) => `--${m}`);
    throw usageError(`Missing ${list.join(", ")}: give ${missing.length > 1 ? "each" : "it"} with its value`, `缺少 ${list.join("、")}，请给出该选项及其值`);
  }
}

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
  requireOptions(parsed.values, ["indicator", "org", "period"]);

  // Fail fast, before opening the database, on what the catalogue alone can tell.
  checkCatalogue(indicator!, period!);
  const ready = await openReadyDatabase(settingsFromEnv(), "the CLI");
  try {
    const api = createCaller(createContext({ db: ready.db, tree: ready.tree, user: LOCAL_ADMIN }));
    const [row] = await api.values.list({ indicators: [indicator!], orgUnits: [org!], periods: [period!] });
    if (!row) throw new Error("no row returned");
    process.stdout.write(json ? `${JSON.stringify(row)}\n` : `${row.value === null ? "null" : String(row.value)}\n`);
  } finally {
    await ready.close();
  }
}

/** parseArgs (strict, no positionals) with its errors as usage errors. */
function parse<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>(config);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function withApi<T>(fn: (api: ReturnType<typeof createCaller>) => Promise<T>): Promise<T> {
  const ready = await openReadyDatabase(settingsFromEnv(), "the CLI");
  try {
    return await fn(createCaller(createContext({ db: ready.db, tree: ready.tree, user: LOCAL_ADMIN })));
  } finally {
    await ready.close();
  }
}

async function members(args: string[]): Promise<void> {
  const { values: opts } = parse({ args, strict: true, allowPositionals: false, options: { under: { type: "string" }, json: { type: "boolean", default: false } } });
  const under = opts.under;
  const list = await withApi((api) => api.members.list(under ? { under } : {}));
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(list.map(({ code, name, orgUnit, inPostFrom, inPostTo }) => ({ code, name, orgUnit, inPostFrom, inPostTo })))}\n`);
    return;
  }
  for (const m of list) process.stdout.write(`${m.code}\t${m.orgUnit}\t${m.inPostFrom}–${m.inPostTo ?? ""}\t${m.name}\n`);
}

const SCOPES: Record<string, "townships" | "townshipMembers" | "countyMembers"> = {
  townships: "townships",
  "township-members": "townshipMembers",
  "county-members": "countyMembers",
};

async function assess(args: string[]): Promise<void> {
  const { values: opts } = parse({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      year: { type: "string" },
      quarter: { type: "string" },
      scope: { type: "string" },
      township: { type: "string" },
      "manual-full": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  requireOptions(opts, ["year", "quarter", "scope"]);
  const year = Number(opts.year);
  const quarter = Number(opts.quarter);
  if (!/^\d{4}$/.test(String(opts.year))) throw usageError(`--year must be a year such as 2016, got ${String(opts.year)}`, `--year 须为年份，如 2016；收到的是 ${String(opts.year)}`);
  if (!/^[1-4]$/.test(String(opts.quarter))) throw usageError(`--quarter must be 1, 2, 3 or 4, got ${String(opts.quarter)}`, `--quarter 须为 1、2、3 或 4；收到的是 ${String(opts.quarter)}`);
  const scope = SCOPES[String(opts.scope)];
  const scopes = Object.keys(SCOPES);
  if (!scope) throw usageError(`--scope must be one of ${scopes.join(", ")}, got ${String(opts.scope)}`, `--scope 须为 ${scopes.join("、")} 之一；收到的是 ${String(opts.scope)}`);
  const township = opts.township;
  if (scope !== "townshipMembers" && township !== undefined) {
    throw new BadOption(
      `--township is only for --scope township-members (one township's committee members); --scope ${String(opts.scope)} covers ${scope === "townships" ? "every township" : "every committee member of the county"}: leave --township out` +
        ` (--township 仅用于 --scope township-members（一个乡镇的专职委员）；--scope ${String(opts.scope)} 已包括${scope === "townships" ? "全部乡镇" : "全县全部专职委员"}，请去掉 --township)`,
    );
  }
  const { run, ranking } = await withApi(async (api) => {
    if (scope === "townshipMembers") {
      const townships = (await api.catalogue.orgUnits()).filter((u) => u.level === 2);
      if (!townships.some((u) => u.code === township)) {
        const en = townships.map((u) => `${u.code} (${u.nameEn})`).join(", ");
        const zh = townships.map((u) => `${u.code}（${u.nameZh}）`).join("、");
        throw new BadOption(
          township === undefined
            ? `--scope township-members assesses one township's committee members: give --township with the township's code, one of ${en} (--scope township-members 考核一个乡镇的专职委员：请用 --township 给出乡镇代码，可选 ${zh})`
            : `--township takes a township's code, one of ${en}; got ${township} (--township 须为乡镇代码，可选 ${zh}；收到的是 ${township})`,
        );
      }
    }
    return api.assessments.run({ year, quarter, scope, ...(township ? { township } : {}), manualDefault: opts["manual-full"] ? "full" : "none" });
  });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ run, ranking })}\n`);
    return;
  }
  process.stdout.write(`Run ${run.id}: ${run.year}Q${run.quarter} ${run.scope} ${run.scopeOrgUnit}, revision ${run.revision}, ${run.status}\n`);
  process.stdout.write("rank\tunit\ttotal\tgrade\n");
  for (const r of ranking) {
    const grade = r.vetoed ? "fail (veto)" : r.grade ?? "- (incomplete)";
    process.stdout.write(`${r.rank ?? "-"}\t${r.code}\t${r.total}\t${grade}\n`);
  }
  const incomplete = ranking.filter((r) => r.incomplete);
  if (incomplete.length > 0) {
    process.stdout.write(`\nIncomplete (${incomplete.length}): no grade and no rank until complete\n`);
    for (const r of incomplete) process.stdout.write(`${r.code}\t${r.incompleteItems.map((i) => `${i.itemId}: ${i.reason.en}`).join("; ")}\n`);
  }
}

async function importCommand(args: string[]): Promise<number> {
  const { values: opts, positionals } = parse({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      period: { type: "string" },
      mapping: { type: "string" },
    },
  });
  if (positionals.length !== 1) {
    throw positionals.length === 0
      ? usageError("Missing the file to import: give its path after import", "缺少要导入的文件：请在 import 后给出文件路径")
      : usageError(`One file at a time, got ${positionals.length}: ${positionals.join(" ")}`, `一次只能导入一个文件，收到 ${positionals.length} 个`);
  }
  // Only a month: the period of a sheet whose title names none (a quarter or a year is no sheet's period).
  if (opts.period !== undefined && !MonthSchema.safeParse(opts.period).success) {
    throw new BadOption(
      `--period takes a month written YYYY-MM, such as 2016-03: the month of a sheet whose title names none; ${opts.period} is not one` +
        ` (--period 须为 YYYY-MM 格式的月份，如 2016-03，用于标题未写明月份的表格；${opts.period} 不是月份)`,
    );
  }
  const file = await readImportFile(positionals[0]!);
  return withApi((api) =>
    runImport(api, file, { file: positionals[0]!, dryRun: opts["dry-run"], json: opts.json, period: opts.period, mapping: opts.mapping }, (t) => process.stdout.write(t)),
  );
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    (command === undefined ? process.stderr : process.stdout).write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  try {
    if (command === "values") await values(rest);
    else if (command === "members") await members(rest);
    else if (command === "assess") await assess(rest);
    else if (command === "import") return await importCommand(rest);
    else throw usageError(`Unknown command "${command}": give values, members, assess or import`, `未知的命令“${command}”：可用 values、members、assess 或 import`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof UnknownIndicator || e instanceof InvalidPeriod || e instanceof BadOption) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    if (e instanceof TRPCError && (e.code === "BAD_REQUEST" || e.code === "NOT_FOUND")) {
      process.stderr.write(`${errorMessage(e)}\n`);
      return 2;
    }
    if (e instanceof DirectoryInUse || e instanceof DatasetError || e instanceof UnreadableFile) {
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
