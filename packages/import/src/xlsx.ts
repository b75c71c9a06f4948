/**
 * XLSX bytes → grid sheets, with exceljs (loaded on demand, so a page that
 * only parses CSV never downloads it). Reads what Excel and WPS save: values,
 * formula results (cached by Excel/WPS), rich text, hyperlinks, dates, the
 * number format (percent cells) and merged cells (a merged cell other than the
 * top-left keeps a pointer to its master instead of a copy of the value).
 */
import type { CellValue, Workbook } from "exceljs";
import type { GridCell, GridSheet, XlsxCell } from "./grid.ts";

export type XlsxBook = { ok: true; sheets: GridSheet[] } | { ok: false; reason: string };

/** exceljs's ValueType.Merge (its enum is not importable as a type-only import). */
const MERGE_TYPE = 1;

function numberText(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : String(n);
}

function convert(value: CellValue | undefined, numFmt: string | undefined): XlsxCell | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number") {
    const percentFormat = numFmt !== undefined && /%/.test(numFmt.replace(/"[^"]*"/g, ""));
    const text = numberText(value);
    return { text: percentFormat ? `${numberText(value * 100)}%` : text, number: value, percentFormat };
  }
  if (typeof value === "string") return { text: value };
  if (typeof value === "boolean") return { text: value ? "TRUE" : "FALSE" };
  if (value instanceof Date) return { text: Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10), date: value };
  if (typeof value === "object") {
    if ("richText" in value && Array.isArray(value.richText)) {
      return { text: value.richText.map((p) => (typeof p?.text === "string" ? p.text : "")).join("") };
    }
    if ("error" in value) return { text: String(value.error) };
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) return { text: "", formulaWithoutResult: true };
      if (typeof result === "object" && !(result instanceof Date) && "error" in result) {
        return { text: String((result as { error: unknown }).error) };
      }
      return convert(result as CellValue, numFmt);
    }
    if ("text" in value) {
      const t = (value as { text: unknown }).text;
      if (typeof t === "string") return { text: t };
      return convert(t as CellValue, numFmt);
    }
  }
  return { text: String(value) };
}

/**
 * Opens the workbook; every worksheet becomes a grid sheet (workbook order). A file that is not
 * a readable XLSX gives `{ ok: false, reason }` (never throws).
 */
export async function readXlsx(bytes: Uint8Array): Promise<XlsxBook> {
  let workbook: Workbook;
  try {
    const { default: ExcelJS } = await import("exceljs");
    workbook = new ExcelJS.Workbook();
    // exceljs's typings want a Node Buffer; it hands the bytes to JSZip, which takes a Uint8Array.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  const sheets: GridSheet[] = [];
  try {
    for (const ws of workbook.worksheets) {
      const rows: GridCell[][] = [];
      ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const cells: GridCell[] = [];
        row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
          if (cell.type === MERGE_TYPE) {
            const m = cell.master;
            cells[colNumber - 1] = { text: "", master: { row: Number(m.row) - 1, col: Number(m.col) - 1 } };
          } else {
            cells[colNumber - 1] = convert(cell.value, cell.numFmt);
          }
        });
        rows[rowNumber - 1] = cells;
      });
      sheets.push({ name: ws.name, rows });
    }
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  return { ok: true, sheets };
}
