/**
 * The contract of the import parser (issue 4, points 1, 2, 4): the bytes of a
 * monthly-report file in, data values and problems out. The write path
 * (`@linze/db` data-write), the tRPC routers `imports.dryRun/commit`, the CLI
 * `import` and the import page build on these types.
 */
import type { OrgUnitTree } from "@linze/domain";

/**
 * Where something is in the file.
 * - `row` is 1-based as Excel and text editors show it (for CSV: the record number, which is the
 *   line number unless a quoted field spans lines); 0 when the problem concerns the whole file
 *   (an unreadable XLSX, an unsupported format).
 * - `sheet` is the worksheet name for XLSX, null for CSV.
 * - `column` is the Excel column letter ("A", "C", "AB"), null when the problem is the whole row.
 * - `header` is the column's header text as written (with its group: "组织建设 / 人数" when the
 *   item alone names nothing), null when there is no column or no header yet.
 */
export interface SourceLocation {
  file: string;
  sheet: string | null;
  row: number;
  column: string | null;
  header: string | null;
}

export type ProblemSeverity = "error" | "warning";

/**
 * Why a cell, row, column, sheet or file was refused (error) or is suspicious (warning).
 * Errors block a commit; warnings are shown in the dry run.
 */
export type ImportProblemCode =
  // file level
  | "bad_encoding" // neither strict UTF-8 nor GB18030 (or UTF-16 text)
  | "unreadable_file" // an XLSX (zip) that cannot be opened
  | "unsupported_format" // an old binary .xls, or not text at all
  | "bad_csv" // a CSV structure error (an unclosed quote, …)
  // sheet level
  | "no_header" // no header row with an org-unit column and data-element columns (or the four long columns)
  | "no_period" // a wide sheet without a period column, a period in its title or options.period
  | "period_conflict" // the title's month differs from options.period
  | "no_data" // a header but no data rows
  // column level
  | "unknown_header" // warning: a header that names nothing; the column is ignored
  | "duplicate_column" // a second column for the same data element; ignored
  // row / cell level
  | "unknown_org_unit"
  | "unknown_data_element"
  | "bad_period"
  | "bad_number"
  | "exponent" // text with an exponent ("1e3", "1.23457E+11"): write the number in full
  | "too_large" // more than 15 integer digits
  | "negative_count"
  | "negative_amount"
  | "decimal_count"
  | "too_many_decimals" // a CNY amount with more than 2 decimals (fen)
  | "not_reported_at_level"
  | "duplicate_value" // error when the values differ, warning when equal
  | "total_mismatch" // warning
  | "ignored_row"; // warning: a non-blank row that is neither data nor a total (a note)

export interface ImportProblem extends SourceLocation {
  severity: ProblemSeverity;
  code: ImportProblemCode;
  /** The cell as written (trimmed), null when the problem is not about one cell. */
  value: string | null;
  messageZh: string;
  messageEn: string;
}

/**
 * One data value as read: (org unit code, month, data element code) → canonical decimal text
 * ("12", "9.5": no exponent, no thousands separators, no trailing zeros), in the data element's
 * unit (count, or CNY for `*_cny`).
 */
export interface ParsedValue {
  orgUnit: string;
  period: string;
  dataElement: string;
  value: string;
  /** The value's cell. */
  location: SourceLocation;
  /** Where the org unit was read: its cell in the row (column A of a long file). */
  orgUnitSource: KeySource;
  /** Where the month was read: the row's period cell, else the title row, else nothing (row 0: the sheet's or file's name, or options.period). */
  periodSource: KeySource;
}

/**
 * The cell a value's org unit or month was read from, in the value's file and
 * sheet, with its text as written ("2027年3月", "3号村"): what a problem about
 * the org unit or the month points at. `row` 0 and `column` null when the
 * month is not in a cell (a sheet or file name, options.period).
 */
export interface KeySource {
  row: number;
  column: string | null;
  header: string | null;
  written: string;
}

/**
 * What a column holds.
 * - `dataElement`: wide layout, a column per data element; each cell is that element's value.
 * - `orgUnit`, `period`: the row's org unit (code or Chinese name) and month.
 * - `dataElementColumn`, `value`: long layout (DHIS2 data value set), the row's data element
 *   (code, Chinese or English name) and its value.
 * - `ignore`: read nothing from it, say nothing about it.
 */
export type ColumnTarget =
  | { kind: "dataElement"; code: string }
  | { kind: "orgUnit" }
  | { kind: "period" }
  | { kind: "dataElementColumn" }
  | { kind: "value" }
  | { kind: "ignore" };

/** Normalised header text ({@link normaliseHeader}) → what the column holds. */
export type ColumnMapping = Record<string, ColumnTarget>;

export interface ParseOptions {
  tree: OrgUnitTree;
  /** `YYYY-MM` for a sheet without a period column or a month in its title. */
  period?: string;
  /** Overrides header matching for the headers it names. */
  mapping?: ColumnMapping;
  /** Called as rows are processed: `done` of `total` rows below the headers. */
  onProgress?: (done: number, total: number) => void;
}

/** One column of a parsed sheet, for the mapping form. */
export interface ColumnInfo {
  sheet: string | null;
  column: string;
  /** Header as written ("村（社区）总数", or "重度残疾人护理补贴 / 人数" for a grouped item). */
  header: string;
  /** The key of this header in a {@link ColumnMapping}. */
  key: string;
  /** null: nothing matched and no mapping names it (the column is ignored, with a warning). */
  target: ColumnTarget | null;
  source: "mapping" | "matched" | "unmatched";
}

export interface ParseResult {
  fileName: string;
  /** Lower-case hex SHA-256 of the bytes, to recognise the same file imported again. */
  fileSha256: string;
  /** The first data sheet's layout; null when no sheet has a header. */
  layout: "long" | "wide" | null;
  /** null when the bytes could not be decoded or read at all. */
  encoding: "utf-8" | "gb18030" | "xlsx" | null;
  /** Worksheet names in workbook order; [] for CSV. */
  sheets: string[];
  /** Data rows read (not headers, titles, totals, blank or note rows). */
  rowsRead: number;
  values: ParsedValue[];
  /** Blank, "—", "无", … cells in data-element columns of data rows: missing, never 0. */
  missingCells: number;
  /** 合计/小计/总计 rows skipped (checked, never imported). */
  totalRows: number;
  problems: ImportProblem[];
  /** Normalised header → what it was matched to (matched or mapped headers only), to save and reuse. */
  mapping: ColumnMapping;
  /** Every header column of every data sheet, matched or not. */
  columns: ColumnInfo[];
}
