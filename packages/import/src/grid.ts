/**
 * One shape for what CSV and XLSX files hold: sheets of rows of cells, so
 * headers, layouts and rows are read by the same code whatever the format.
 */

/** A cell of an XLSX sheet. CSV cells are plain strings. */
export interface XlsxCell {
  /** As Excel shows it, roughly: text, the number (15 significant digits), "95%" for a percent cell. */
  text: string;
  /** A numeric cell, or a formula's numeric result. */
  number?: number;
  /** The cell's number format shows a percentage (0.95 shown as 95%). */
  percentFormat?: boolean;
  /** A date cell (exceljs gives UTC midnight of the day written). */
  date?: Date;
  /** A formula whose result was never saved (written by a program, not Excel/WPS). */
  formulaWithoutResult?: boolean;
  /** A merged cell other than the top-left one: where its master is (0-based row and column). */
  master?: { row: number; col: number };
}

export type GridCell = string | XlsxCell | undefined;

export interface GridSheet {
  /** Worksheet name; null for CSV. */
  name: string | null;
  /** rows[r][c], 0-based; row r is shown as r + 1. */
  rows: GridCell[][];
  /** 1-based row number as shown, for each index of `rows` (CSV: the line a record starts on). */
  rowNumbers?: number[];
}

export function cellText(cell: GridCell): string {
  if (cell === undefined) return "";
  return typeof cell === "string" ? cell : cell.text;
}

/** The cell's text, or for a merged cell the text of its master (for label columns: org unit, period, headers). */
export function labelText(sheet: GridSheet, r: number, c: number): string {
  const cell = sheet.rows[r]?.[c];
  if (cell !== undefined && typeof cell !== "string" && cell.master) {
    return cellText(sheet.rows[cell.master.row]?.[cell.master.col]);
  }
  return cellText(cell);
}

export function isBlankRow(row: readonly GridCell[] | undefined): boolean {
  if (!row) return true;
  for (const cell of row) {
    if (cell === undefined) continue;
    if (typeof cell === "string") {
      if (cell.trim() !== "") return false;
    } else if (cell.master === undefined && (cell.text.trim() !== "" || cell.formulaWithoutResult)) return false;
  }
  return true;
}

export function rowNumber(sheet: GridSheet, r: number): number {
  return sheet.rowNumbers?.[r] ?? r + 1;
}
