/**
 * Loads a dataset folder — `org_units.csv` (code,parent,level,name_zh,name_en),
 * `data_values.csv` (org_unit,period,data_element,value) and, optionally,
 * `report_submissions.csv` (org_unit,period,submitted_on: the townships'
 * monthly reports as received) — into an empty database, in one transaction. Every row is validated first; the first bad
 * one stops the load with a {@link DatasetError} that names file, line, column
 * and reason, and nothing is written.
 */
import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import {
  DEMO_DATA_NOTICE,
  firstDayOf,
  InvalidOrgUnitTree,
  isDateLabel,
  isDataElementCode,
  MonthSchema,
  OrgUnitCodeSchema,
  OrgUnitTree,
  toNumber,
  type OrgUnit,
} from "@linze/domain";
import type { Database, Queryable } from "./client.ts";
import { loadOrgUnitTree } from "./queries.ts";
import { hasAssessmentFiles, insertAssessmentInputs, loadAssessmentInputs, readAssessmentInputs, type AssessmentLoadCounts } from "./load-assessment.ts";

export const ORG_UNITS_FILE = "org_units.csv";
export const DATA_VALUES_FILE = "data_values.csv";
export const REPORT_SUBMISSIONS_FILE = "report_submissions.csv";
/** `submitted_by` of the submissions a dataset brings (`source` "dataset"). */
export const DATASET_SUBMITTER = "dataset-loader";

/** A bad dataset file or row. `line` is the 1-based line in the file (the header is line 1). */
export class DatasetError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: string | null,
    readonly reason: string,
  ) {
    super(`${file}${line === null ? "" : ` line ${line}`}${column === null ? "" : `, column "${column}"`}: ${reason}`);
    this.name = "DatasetError";
  }
}

export interface LoadDatasetOptions {
  /** Recorded in `dataset_loads`; default: the folder's name (e.g. "linze"). */
  readonly name?: string;
  /** Where the data comes from, shown to readers; default the demo-data notice (DOMAIN.md §5: generated data is labelled). */
  readonly source?: { readonly zh: string; readonly en: string };
}

export interface LoadResult {
  /** False when the database already held data and nothing was done. */
  readonly loaded: boolean;
  readonly orgUnits: number;
  readonly dataValues: number;
  /** The assessment inputs loaded by this call (committee members, letters, findings); absent when none were. */
  readonly assessment?: AssessmentLoadCounts;
  /** The report submissions loaded by this call; absent when none were. */
  readonly reportSubmissions?: number;
}

/** A township's monthly report as received: the month and the date (China), `source` "dataset". */
export interface DatasetSubmission {
  readonly orgUnit: string;
  readonly period: string;
  readonly submittedOn: string;
}

/** A plain decimal, non-negative: data values are counts and CNY amounts. */
const DECIMAL = /^\d+(\.\d+)?$/;

const OrgUnitRowSchema = z.object({
  code: OrgUnitCodeSchema,
  parent: z.union([z.literal("").transform(() => null), OrgUnitCodeSchema]),
  level: z.enum(["1", "2", "3"], { message: "expected level 1, 2 or 3" }).transform((l) => Number(l) as 1 | 2 | 3),
  name_zh: z.string().trim().min(1, { message: "must not be empty" }),
  name_en: z.string().trim().min(1, { message: "must not be empty" }),
});

const DataValueRowSchema = z.object({
  org_unit: OrgUnitCodeSchema,
  period: MonthSchema,
  data_element: z.string().refine(isDataElementCode, { message: "unknown data element (未知的数据元)" }),
  value: z.string().trim().regex(DECIMAL, { message: "expected a non-negative number such as 12 or 9.50" }),
});

const ReportSubmissionRowSchema = z.object({
  org_unit: OrgUnitCodeSchema,
  period: MonthSchema,
  submitted_on: z.string().refine(isDateLabel, { message: "expected a calendar date YYYY-MM-DD such as 2016-04-08 (日期格式应为 YYYY-MM-DD)" }),
});

/** Parses a CSV with a header line into records, checking the header is exactly `columns`. */
async function readCsv(dir: string, file: string, columns: readonly string[]): Promise<Record<string, string>[]> {
  let text: string;
  try {
    text = await readFile(path.join(dir, file), "utf8");
  } catch (e) {
    throw new DatasetError(file, null, null, `cannot read ${path.join(dir, file)}: ${(e as Error).message}`);
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false });
  } catch (e) {
    const err = e as Error & { lines?: number };
    throw new DatasetError(file, err.lines ?? null, null, `not valid CSV: ${err.message}`);
  }
  const header = records[0] ?? [];
  if (header.join(",") !== columns.join(",")) {
    throw new DatasetError(file, 1, null, `expected the header ${columns.join(",")}, found ${header.join(",")}`);
  }
  return records.slice(1).map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? ""])));
}

function validate<S extends z.ZodType>(schema: S, file: string, line: number, record: Record<string, string>): z.output<S> {
  const result = schema.safeParse(record);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const column = String(issue.path[0] ?? "");
  throw new DatasetError(file, line, column || null, `${JSON.stringify(record[column] ?? "")}: ${issue.message}`);
}

/** Reads and validates both files; throws {@link DatasetError}. Data lines start at line 2. */
export async function readDataset(dir: string): Promise<{ tree: OrgUnitTree; dataValues: { orgUnit: string; period: string; dataElement: string; value: string }[] }> {
  const unitRecords = await readCsv(dir, ORG_UNITS_FILE, ["code", "parent", "level", "name_zh", "name_en"]);
  const units: OrgUnit[] = unitRecords.map((r, i) => {
    const row = validate(OrgUnitRowSchema, ORG_UNITS_FILE, i + 2, r);
    return { code: row.code, parent: row.parent, level: row.level, nameZh: row.name_zh, nameEn: row.name_en };
  });
  let tree: OrgUnitTree;
  try {
    tree = new OrgUnitTree(units);
  } catch (e) {
    if (e instanceof InvalidOrgUnitTree) throw new DatasetError(ORG_UNITS_FILE, null, null, e.message);
    throw e;
  }

  const valueRecords = await readCsv(dir, DATA_VALUES_FILE, ["org_unit", "period", "data_element", "value"]);
  const seen = new Map<string, number>();
  const dataValues = valueRecords.map((r, i) => {
    const line = i + 2;
    const row = validate(DataValueRowSchema, DATA_VALUES_FILE, line, r);
    if (!tree.has(row.org_unit)) {
      throw new DatasetError(DATA_VALUES_FILE, line, "org_unit", `unknown org unit ${JSON.stringify(row.org_unit)}: not in ${ORG_UNITS_FILE}`);
    }
    const key = `${row.org_unit}|${row.period}|${row.data_element}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new DatasetError(DATA_VALUES_FILE, line, null, `duplicate of line ${first} (same org_unit, period and data_element)`);
    }
    seen.set(key, line);
    return { orgUnit: row.org_unit, period: row.period, dataElement: row.data_element, value: row.value };
  });
  return { tree, dataValues };
}

/** True when the folder has `report_submissions.csv`. */
async function hasSubmissionsFile(dir: string): Promise<boolean> {
  return access(path.join(dir, REPORT_SUBMISSIONS_FILE)).then(
    () => true,
    () => false,
  );
}

/**
 * Reads and validates `report_submissions.csv` against the tree: each row a
 * township (level 2), a month, and a real date not before the month's first
 * day; one row per (township, month). Throws {@link DatasetError}.
 */
export async function readReportSubmissions(dir: string, tree: OrgUnitTree): Promise<DatasetSubmission[]> {
  const file = REPORT_SUBMISSIONS_FILE;
  const records = await readCsv(dir, file, ["org_unit", "period", "submitted_on"]);
  const seen = new Map<string, number>();
  return records.map((r, i) => {
    const line = i + 2;
    const row = validate(ReportSubmissionRowSchema, file, line, r);
    if (!tree.has(row.org_unit)) throw new DatasetError(file, line, "org_unit", `unknown org unit ${JSON.stringify(row.org_unit)}: not in ${ORG_UNITS_FILE}`);
    if (tree.get(row.org_unit).level !== 2) {
      throw new DatasetError(file, line, "org_unit", `${JSON.stringify(row.org_unit)} is not a township: monthly reports are submitted by townships (月报由乡镇报送)`);
    }
    if (row.submitted_on < firstDayOf(row.period)) {
      throw new DatasetError(file, line, "submitted_on", `${JSON.stringify(row.submitted_on)} is before the month ${row.period} it reports (报送日期早于所报月份)`);
    }
    const key = `${row.org_unit}|${row.period}`;
    const first = seen.get(key);
    if (first !== undefined) throw new DatasetError(file, line, null, `duplicate of line ${first} (same org_unit and period)`);
    seen.set(key, line);
    return { orgUnit: row.org_unit, period: row.period, submittedOn: row.submitted_on };
  });
}

/** Inserts the submissions (source "dataset"); a (township, month) already registered keeps its row. Returns the rows written. */
async function insertReportSubmissions(tx: Queryable, submissions: readonly DatasetSubmission[]): Promise<number> {
  const rows = await tx.query(
    `INSERT INTO report_submissions (org_unit, period, submitted_on, submitted_by, source)
     SELECT u, p, d, $4, 'dataset' FROM unnest($1::text[], $2::text[], $3::text[]) AS s(u, p, d)
     ON CONFLICT (org_unit, period) DO NOTHING RETURNING 1`,
    [submissions.map((s) => s.orgUnit), submissions.map((s) => s.period), submissions.map((s) => s.submittedOn), DATASET_SUBMITTER],
  );
  return rows.length;
}

/**
 * Into a database loaded before the folder had `report_submissions.csv`:
 * loads it on its own (one transaction) when no dataset submission is stored
 * yet. Null when there is no file or nothing to do.
 */
async function loadReportSubmissionsLater(db: Database, dir: string): Promise<number | null> {
  if (!(await hasSubmissionsFile(dir))) return null;
  const stored = await db.query("SELECT EXISTS (SELECT 1 FROM report_submissions WHERE source = 'dataset') AS has");
  if (stored[0]?.has === true) return null;
  const submissions = await readReportSubmissions(dir, await loadOrgUnitTree(db));
  return db.transaction((tx) => insertReportSubmissions(tx, submissions));
}

const BATCH = 10_000;

/**
 * Loads the dataset in `dir` when the database holds none yet (so it is safe
 * to call on every start); otherwise does nothing and returns `loaded: false`.
 * The folder's assessment inputs (committee_members.csv, letters_<year>.json,
 * supervision_findings_<year>.csv; optional) and report submissions
 * (report_submissions.csv; optional) are loaded in the same transaction; into
 * a database loaded before they existed, they are loaded on their own (one
 * transaction each) when it holds none of them yet.
 * Throws {@link DatasetError} for a bad file or row, before writing anything.
 */
export async function loadDataset(db: Database, dir: string, options: LoadDatasetOptions = {}): Promise<LoadResult> {
  if (await hasData(db)) {
    const assessment = (await hasAssessmentFiles(dir)) ? await loadAssessmentInputs(db, dir, await loadOrgUnitTree(db)) : null;
    const reportSubmissions = await loadReportSubmissionsLater(db, dir);
    return { loaded: false, ...(await counts(db)), ...(assessment ? { assessment } : {}), ...(reportSubmissions !== null ? { reportSubmissions } : {}) };
  }
  const { tree, dataValues } = await readDataset(dir);
  const assessmentInputs = (await hasAssessmentFiles(dir)) ? await readAssessmentInputs(dir, tree) : null;
  const submissions = (await hasSubmissionsFile(dir)) ? await readReportSubmissions(dir, tree) : null;
  const source = options.source ?? DEMO_DATA_NOTICE;
  const name = options.name ?? path.basename(path.resolve(dir));

  const written = await db.transaction(async (tx) => {
    // Parents first, so the self-reference holds row by row.
    const units = [...tree.all].sort((a, b) => a.level - b.level);
    await insertColumns(tx, "INSERT INTO org_units (code, parent, level, name_zh, name_en) SELECT * FROM unnest($1::text[], $2::text[], $3::smallint[], $4::text[], $5::text[])", [
      units.map((u) => u.code),
      units.map((u) => u.parent),
      units.map((u) => u.level),
      units.map((u) => u.nameZh),
      units.map((u) => u.nameEn),
    ]);
    const closure = tree.closure();
    for (let i = 0; i < closure.length; i += BATCH) {
      const batch = closure.slice(i, i + BATCH);
      await insertColumns(tx, "INSERT INTO org_unit_closure (ancestor, descendant) SELECT * FROM unnest($1::text[], $2::text[])", [
        batch.map((c) => c.ancestor),
        batch.map((c) => c.descendant),
      ]);
    }
    for (let i = 0; i < dataValues.length; i += BATCH) {
      const batch = dataValues.slice(i, i + BATCH);
      await insertColumns(tx, "INSERT INTO data_values (org_unit, period, data_element, value) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[])", [
        batch.map((v) => v.orgUnit),
        batch.map((v) => v.period),
        batch.map((v) => v.dataElement),
        batch.map((v) => v.value),
      ]);
    }
    await tx.query(
      "INSERT INTO dataset_loads (name, source_zh, source_en, org_unit_count, data_value_count) VALUES ($1, $2, $3, $4, $5)",
      [name, source.zh, source.en, units.length, dataValues.length],
    );
    const reportSubmissions = submissions ? await insertReportSubmissions(tx, submissions) : null;
    return { assessment: assessmentInputs ? await insertAssessmentInputs(tx, assessmentInputs) : null, reportSubmissions };
  });
  // Statistics for the planner now, not when autovacuum comes round (PGlite has none).
  await db.query("ANALYZE");
  return {
    loaded: true,
    orgUnits: tree.all.length,
    dataValues: dataValues.length,
    ...(written.assessment ? { assessment: written.assessment } : {}),
    ...(written.reportSubmissions !== null ? { reportSubmissions: written.reportSubmissions } : {}),
  };
}

async function insertColumns(tx: Queryable, sql: string, columns: unknown[][]): Promise<void> {
  await tx.query(sql, columns);
}

/** True when any org unit is stored (a load is all or nothing, so then the dataset is complete). */
export async function hasData(db: Queryable): Promise<boolean> {
  const rows = await db.query("SELECT EXISTS (SELECT 1 FROM org_units) AS has");
  return rows[0]?.has === true;
}

async function counts(db: Queryable): Promise<{ orgUnits: number; dataValues: number }> {
  const rows = await db.query<{ org_units: unknown; data_values: unknown }>(
    "SELECT (SELECT count(*) FROM org_units) AS org_units, (SELECT count(*) FROM data_values) AS data_values",
  );
  return { orgUnits: toNumber(rows[0]!.org_units) ?? 0, dataValues: toNumber(rows[0]!.data_values) ?? 0 };
}
