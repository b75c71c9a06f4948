/**
 * Finding a sheet's header: the row (among the first {@link HEADER_SEARCH_ROWS})
 * whose cells name the most columns, perhaps under a row of group cells
 * ("组织建设" merged over its items), perhaps under title rows.
 */
import { cellText, type GridSheet, isBlankRow, labelText } from "./grid.ts";
import { matchHeader, normaliseHeader } from "./headers.ts";
import { columnLetter } from "./text.ts";
import type { ColumnMapping, ColumnTarget } from "./types.ts";

export const HEADER_SEARCH_ROWS = 50;

export interface HeaderColumn {
  index: number;
  letter: string;
  /** As written; "group / item" when the item alone names nothing. */
  header: string;
  key: string;
  target: ColumnTarget | null;
  source: "mapping" | "matched" | "unmatched";
}

export interface SheetHeader {
  /** 0-based index of the header row (the item row when there are two). */
  row: number;
  /** 0-based index of the group row above it, if any. */
  groupRow: number | null;
  columns: HeaderColumn[];
}

function isMaster(cell: ReturnType<typeof cellAt>): boolean {
  return cell !== undefined && (typeof cell === "string" || cell.master === undefined);
}

function cellAt(sheet: GridSheet, r: number, c: number) {
  return sheet.rows[r]?.[c];
}

/**
 * Row `g` is a group row over row `r` when a cell of `r` is merged down from `g` (XLSX: "单位"
 * over both header rows), or when `g` has at least two cells of its own (CSV: "单位,组织建设,,,补贴").
 * A title has one cell, merged across: it is not a group row.
 */
function isGroupRow(sheet: GridSheet, g: number, r: number): boolean {
  const group = sheet.rows[g];
  if (isBlankRow(group)) return false;
  for (const cell of sheet.rows[r] ?? []) {
    if (cell !== undefined && typeof cell !== "string" && cell.master && cell.master.row === g) return true;
  }
  let own = 0;
  for (const cell of group ?? []) if (isMaster(cell) && cellText(cell).trim() !== "") own++;
  return own >= 2;
}

/** The text of a group cell over column c: merged across (XLSX) or written in the first column of the group (CSV). */
function groupText(sheet: GridSheet, g: number, c: number, fillRight: boolean): string {
  const own = labelText(sheet, g, c).trim();
  if (own !== "" || !fillRight) return own;
  for (let k = c - 1; k >= 0; k--) {
    const t = labelText(sheet, g, k).trim();
    if (t !== "") return t;
  }
  return "";
}

/** The item text of column c in header row r: its own text, or that of a cell merged down onto it. */
function itemText(sheet: GridSheet, r: number, c: number): string {
  const cell = cellAt(sheet, r, c);
  if (cell !== undefined && typeof cell !== "string" && cell.master) {
    return cell.master.row < r ? labelText(sheet, r, c).trim() : "";
  }
  return cellText(cell).trim();
}

function resolveColumn(index: number, item: string, group: string, mapping: ColumnMapping): HeaderColumn | null {
  if (item === "" && group === "") return null;
  const grouped = item !== "" && group !== "" && group !== item ? `${group} / ${item}` : null;
  const candidates = item !== "" ? [item, ...(grouped ? [grouped] : [])] : [group];
  const letter = columnLetter(index);
  for (const header of candidates) {
    const key = normaliseHeader(header);
    const target = mapping[key];
    if (target) return { index, letter, header, key, target, source: "mapping" };
  }
  for (const header of candidates) {
    // "重度残疾人护理补贴 / 人数" is matched as the name the two cells spell together.
    const target = matchHeader(header === grouped ? group + item : header);
    if (target) return { index, letter, header, key: normaliseHeader(header), target, source: "matched" };
  }
  const header = grouped ?? candidates[0]!;
  return { index, letter, header, key: normaliseHeader(header), target: null, source: "unmatched" };
}

function readHeaderRow(sheet: GridSheet, r: number, mapping: ColumnMapping): SheetHeader & { score: number } {
  const groupRow = r > 0 && isGroupRow(sheet, r - 1, r) ? r - 1 : null;
  const width = Math.max(sheet.rows[r]?.length ?? 0, groupRow === null ? 0 : (sheet.rows[groupRow]?.length ?? 0));
  const columns: HeaderColumn[] = [];
  let score = 0;
  for (let c = 0; c < width; c++) {
    const item = itemText(sheet, r, c);
    const group = groupRow === null ? "" : groupText(sheet, groupRow, c, item !== "");
    const column = resolveColumn(c, item, group, mapping);
    if (!column) continue;
    columns.push(column);
    if (column.target && column.target.kind !== "ignore") score++;
  }
  return { row: r, groupRow, columns, score };
}

/** Whether the columns make a long (DHIS2 data value set) or a wide (a column per data element) sheet. */
export function layoutOf(columns: readonly HeaderColumn[]): "long" | "wide" | null {
  const kinds = new Set(columns.map((c) => c.target?.kind));
  if (kinds.has("dataElementColumn") && kinds.has("value")) return "long";
  if (kinds.has("dataElement")) return "wide";
  return null;
}

/** The best header row of the sheet, or null when no row names a layout. Ties go to the upper row. */
export function findHeader(sheet: GridSheet, mapping: ColumnMapping): SheetHeader | null {
  let best: (SheetHeader & { score: number }) | null = null;
  const last = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < last; r++) {
    if (isBlankRow(sheet.rows[r])) continue;
    const h = readHeaderRow(sheet, r, mapping);
    const layout = layoutOf(h.columns);
    if (layout === null) continue;
    // A long sheet's data row names one data element ("cataract_surgeries"): a wide header names
    // its org unit column or at least two data elements.
    const elements = h.columns.filter((c) => c.target?.kind === "dataElement").length;
    if (layout === "wide" && elements < 2 && !h.columns.some((c) => c.target?.kind === "orgUnit")) continue;
    if (best === null || h.score > best.score) best = h;
  }
  if (!best) return null;
  const { score: _score, ...header } = best;
  return header;
}
