/**
 * The import summary (issue 4 point 3): what a dry run shows and a commit
 * returns — rows read; values new, updated, unchanged, refused and ignored; every
 * problem of the parser (`@linze/import`) and of the write plan (`@linze/db`
 * planDataValues: locked months, …) with file, sheet, row, column, the value
 * and the reason in Chinese and English; the column mapping used; total rows
 * skipped. Also the conversions between a saved mapping's text form and the
 * parser's {@link ColumnMapping}.
 */
import type { DataValueChange, DataWriteCounts, DataWritePlan, DataWriteProblem, DataWriteProblemCode, LockedMonth } from "@linze/db";
import type { ColumnInfo, ColumnMapping, ColumnTarget, ImportProblem, ImportProblemCode, ParseResult } from "@linze/import";
import { normaliseHeader } from "@linze/import";
import { MAPPING_KEYWORDS, type ColumnMappingText } from "./data-schemas.ts";

/**
 * A problem of the summary: the parser's shape; `code` is the parser's, the
 * write plan's, or `outside_capture` (an org unit the caller may not enter
 * data for).
 */
export interface SummaryProblem {
  readonly severity: "error" | "warning";
  readonly code: ImportProblemCode | DataWriteProblemCode | "outside_capture";
  readonly file: string;
  readonly sheet: string | null;
  /** 1-based row; 0 for the whole file. */
  readonly row: number;
  readonly column: string | null;
  readonly header: string | null;
  /** The cell as written, or the value planned. */
  readonly value: string | null;
  readonly messageZh: string;
  readonly messageEn: string;
}

export interface ImportSummary {
  readonly fileName: string;
  /** Lower-case hex SHA-256 of the bytes: give it back as `expectedSha256` to commit. */
  readonly fileSha256: string;
  readonly layout: "long" | "wide" | null;
  readonly encoding: "utf-8" | "gb18030" | "xlsx" | null;
  readonly sheets: readonly string[];
  /** Data rows read (not headers, titles, totals, blank or note rows). */
  readonly rowsRead: number;
  /**
   * Values: `read` parsed from the file, each of them `new`, `updated` or
   * `unchanged` as compared with the database, or `refused` by the write plan
   * (a locked month, a month not yet begun, …): read = new + updated +
   * unchanged + refused. `ignored`, besides: cells never read as values —
   * missing cells + skipped (cells or rows refused by a problem of the parser
   * — a refused row counts once — and equal duplicates).
   */
  readonly values: {
    readonly read: number;
    readonly new: number;
    readonly updated: number;
    readonly unchanged: number;
    readonly refused: number;
    readonly ignored: number;
  };
  readonly ignored: { readonly missingCells: number; readonly skipped: number };
  /** 合计/小计/总计 rows skipped (checked, never imported). */
  readonly totalRowsSkipped: number;
  /** The parser's problems, then the write plan's, by sheet, row and column. */
  readonly problems: readonly SummaryProblem[];
  readonly errorCount: number;
  readonly warningCount: number;
  /** No error: a commit would write every value (all or nothing). */
  readonly canCommit: boolean;
  /** The mapping used, in the saved form (header key → data element code or keyword): save it with `mappings.save`. */
  readonly mapping: ColumnMappingText;
  /** Every header column of every data sheet, matched or not. */
  readonly columns: readonly ColumnInfo[];
  /** Months of the file locked by a published assessment (whether or not the file changes them). */
  readonly lockedMonths: readonly LockedMonth[];
  /** The first {@link MAX_CHANGES_SHOWN} changes (previous → new, stored NUMERIC text), in file order. */
  readonly changes: readonly DataValueChange[];
  readonly changesTotal: number;
  /** The `data_imports` id once committed; null for a dry run. */
  readonly importId: number | null;
}

export const MAX_CHANGES_SHOWN = 500;

/** Problems that concern no value of the file (a header, a note row, a total): not counted as skipped values. */
const NOT_A_VALUE: ReadonlySet<string> = new Set([
  "bad_encoding",
  "unreadable_file",
  "unsupported_format",
  "bad_csv",
  "no_header",
  "no_period",
  "period_conflict",
  "no_data",
  "unknown_header",
  "duplicate_column",
  "total_mismatch",
  "ignored_row",
]);

function fromPlan(p: DataWriteProblem, fileName: string): SummaryProblem {
  return {
    severity: p.severity,
    code: p.code,
    file: p.file ?? fileName,
    sheet: p.sheet,
    row: p.row ?? 0,
    column: p.column,
    header: p.header,
    value: p.value,
    messageZh: p.messageZh,
    messageEn: p.messageEn,
  };
}

const byPlace = (a: SummaryProblem, b: SummaryProblem) =>
  (a.sheet ?? "").localeCompare(b.sheet ?? "") || a.row - b.row || (a.column ?? "").length - (b.column ?? "").length || (a.column ?? "").localeCompare(b.column ?? "");

/** Values refused before the write plan (org units outside the caller's capture set): their problems and how many values. */
export interface RefusedBeforePlan {
  readonly problems: readonly SummaryProblem[];
  readonly values: number;
}

const NONE_REFUSED: RefusedBeforePlan = { problems: [], values: 0 };

/**
 * Builds the summary of a parsed file and its write plan (or, after a commit,
 * the counts and changes written); `refused`: values the plan was not given
 * (outside the caller's org units), counted as refused with their problems.
 */
export function importSummary(
  parsed: ParseResult,
  plan: Pick<DataWritePlan, "problems" | "lockedMonths"> & { counts: DataWriteCounts; changes: readonly DataValueChange[] },
  importId: number | null,
  refused: RefusedBeforePlan = NONE_REFUSED,
): ImportSummary {
  const problems = [
    ...parsed.problems.map((p): SummaryProblem => ({ ...p })),
    ...refused.problems,
    ...plan.problems.map((p) => fromPlan(p, parsed.fileName)),
  ].sort(byPlace);
  const skipped = parsed.problems.filter((p: ImportProblem) => !NOT_A_VALUE.has(p.code) && p.row > 0).length;
  const errorCount = problems.filter((p) => p.severity === "error").length;
  return {
    fileName: parsed.fileName,
    fileSha256: parsed.fileSha256,
    layout: parsed.layout,
    encoding: parsed.encoding,
    sheets: parsed.sheets,
    rowsRead: parsed.rowsRead,
    values: {
      read: parsed.values.length,
      new: plan.counts.new,
      updated: plan.counts.updated,
      unchanged: plan.counts.unchanged,
      refused: plan.counts.refused + refused.values,
      ignored: parsed.missingCells + skipped,
    },
    ignored: { missingCells: parsed.missingCells, skipped },
    totalRowsSkipped: parsed.totalRows,
    problems,
    errorCount,
    warningCount: problems.length - errorCount,
    canCommit: errorCount === 0 && parsed.layout !== null,
    mapping: mappingText(parsed.mapping),
    columns: parsed.columns,
    lockedMonths: plan.lockedMonths,
    changes: plan.changes.slice(0, MAX_CHANGES_SHOWN),
    changesTotal: plan.changes.length,
    importId,
  };
}

/** The parser's mapping → the saved text form: a data element's code, or the target's kind. */
export function mappingText(mapping: ColumnMapping): ColumnMappingText {
  return Object.fromEntries(Object.entries(mapping).map(([key, target]) => [key, target.kind === "dataElement" ? target.code : target.kind]));
}

/** A saved or typed mapping (text form) → the parser's, its keys normalised as the parser compares headers. */
export function columnMapping(text: ColumnMappingText): ColumnMapping {
  return Object.fromEntries(
    Object.entries(text).map(([key, target]): [string, ColumnTarget] => [
      normaliseHeader(key),
      (MAPPING_KEYWORDS as readonly string[]).includes(target) ? ({ kind: target } as ColumnTarget) : { kind: "dataElement", code: target },
    ]),
  );
}
