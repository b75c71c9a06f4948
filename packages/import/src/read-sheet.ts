/**
 * The rows of one sheet below its header → data values, missing cells, total
 * checks and problems. Both layouts share the checks: org unit, period, data
 * element, the number rules of {@link parseCellNumber}, the reporting level
 * (`isReportedAt`, data-sets.ts), duplicates within the file and totals.
 */
import { dataElement, isDataElementCode, isReportedAt, reportingLevels, type DataElement, type OrgUnit } from "@linze/domain";
import { cellText, type GridCell, type GridSheet, isBlankRow, labelText, rowNumber } from "./grid.ts";
import type { HeaderColumn, SheetHeader } from "./header-row.ts";
import { matchDataElement } from "./headers.ts";
import { reasons, type Reason } from "./messages.ts";
import { parseCellNumber, sumDecimals, type CellNumber, type CellValueType } from "./numbers.ts";
import type { OrgUnitNames } from "./org-unit-names.ts";
import { monthOfDate, parseMonthCell } from "./period-text.ts";
import { isNoteLabel, normaliseText, totalKind } from "./text.ts";
import type { ImportProblem, ImportProblemCode, KeySource, ParsedValue, ProblemSeverity, SourceLocation } from "./types.ts";

/** State shared by all sheets of a file. */
export interface FileState {
  fileName: string;
  names: OrgUnitNames;
  values: ParsedValue[];
  problems: ImportProblem[];
  /** org unit → period → data element → index in `values` of the first value read. */
  seen: Map<string, Map<string, Map<string, number>>>;
  rowsRead: number;
  missingCells: number;
  totalRows: number;
  progress: Progress;
}

export interface Progress {
  done: number;
  total: number;
  /** Counts a row; returns a promise to await when the page should get a turn to paint. */
  tick(): Promise<void> | undefined;
}

export interface SheetPlan {
  sheet: GridSheet;
  header: SheetHeader;
  layout: "long" | "wide";
  /** The month from the title, sheet name, file name or options; null when none. */
  period: string | null;
  /** Where `period` was read (row 0 when not from the title). */
  periodSource: KeySource;
  /** The township the title, sheet name or file name names, for short village names. */
  township: string | null;
}

/** A data row as the total rows below it see it: (data element code, value or null for a faulty cell). */
interface RowRecord {
  period: string | null;
  cells: [string, string | null][];
  /** The org unit or period could not be read: no column of this row can be checked. */
  broken: boolean;
}

export function addProblem(
  state: FileState,
  severity: ProblemSeverity,
  code: ImportProblemCode,
  location: SourceLocation,
  value: string | null,
  reason: Reason,
): void {
  state.problems.push({ ...location, severity, code, value, messageZh: reason.zh, messageEn: reason.en });
}

function cellInput(cell: GridCell): { raw: string | number | null; percentFormat: boolean; noResult: boolean } {
  if (cell === undefined) return { raw: null, percentFormat: false, noResult: false };
  if (typeof cell === "string") return { raw: cell, percentFormat: false, noResult: false };
  if (cell.master) return { raw: null, percentFormat: false, noResult: false };
  if (cell.formulaWithoutResult) return { raw: null, percentFormat: false, noResult: true };
  if (cell.number !== undefined) return { raw: cell.number, percentFormat: cell.percentFormat === true, noResult: false };
  return { raw: cell.text, percentFormat: false, noResult: false };
}

function parseCell(cell: GridCell, valueType: CellValueType): CellNumber {
  if (typeof cell === "string") return parseCellNumber(cell, valueType);
  const input = cellInput(cell);
  if (input.noResult) {
    const r = reasons.formulaWithoutResult();
    return { kind: "error", code: "bad_number", messageZh: r.zh, messageEn: r.en };
  }
  return parseCellNumber(input.raw, valueType, { percentFormat: input.percentFormat });
}

function writtenValue(cell: GridCell): string | null {
  const t = cellText(cell).trim();
  return t === "" ? null : t;
}

function periodOfCell(cell: GridCell): string | null {
  if (cell !== undefined && typeof cell !== "string" && cell.date) return monthOfDate(cell.date);
  return parseMonthCell(cellText(cell));
}

export class SheetReader {
  private readonly records: RowRecord[] = [];
  private sinceSubtotal: RowRecord[] = [];
  private hasTotals = true;
  private readonly ignoredColumns: Set<number>;
  private readonly orgColumns: HeaderColumn[];
  private readonly periodColumn: HeaderColumn | undefined;
  private readonly elementColumns: { column: HeaderColumn; element: DataElement }[] = [];
  private readonly deColumn: HeaderColumn | undefined;
  private readonly valueColumn: HeaderColumn | undefined;
  // A long file repeats a few dozen org units, months and data elements 100,000 times.
  private readonly orgCache = new Map<string, OrgUnit | null>();
  private readonly periodCache = new Map<string, string | null>();
  private readonly elementCache = new Map<string, string | null>();

  constructor(
    private readonly state: FileState,
    private readonly plan: SheetPlan,
  ) {
    const cols = plan.header.columns;
    this.orgColumns = cols.filter((c) => c.target?.kind === "orgUnit");
    this.periodColumn = cols.find((c) => c.target?.kind === "period");
    this.deColumn = cols.find((c) => c.target?.kind === "dataElementColumn");
    this.valueColumn = cols.find((c) => c.target?.kind === "value");
    this.ignoredColumns = new Set(cols.filter((c) => c.target?.kind === "ignore").map((c) => c.index));
    for (const column of cols) {
      const t = column.target;
      if (t?.kind === "dataElement" && isDataElementCode(t.code)) this.elementColumns.push({ column, element: dataElement(t.code) });
    }
  }

  private location(r: number, column: HeaderColumn | null): SourceLocation {
    return {
      file: this.state.fileName,
      sheet: this.plan.sheet.name,
      row: rowNumber(this.plan.sheet, r),
      column: column?.letter ?? null,
      header: column?.header ?? null,
    };
  }

  private problem(
    severity: ProblemSeverity,
    code: ImportProblemCode,
    r: number,
    column: HeaderColumn | null,
    value: string | null,
    reason: Reason,
  ): void {
    addProblem(this.state, severity, code, this.location(r, column), value, reason);
  }

  /** The org unit of row r: the org unit cells together ("沙河镇" + "3号村"), else each of them. */
  private orgUnitOf(r: number): { unit: OrgUnit | null; text: string; column: HeaderColumn | null } {
    if (this.orgColumns.length === 1) {
      const column = this.orgColumns[0]!;
      const text = labelText(this.plan.sheet, r, column.index).trim();
      if (text === "") return { unit: null, text, column };
      let unit = this.orgCache.get(text);
      if (unit === undefined) this.orgCache.set(text, (unit = this.state.names.resolve(text, this.plan.township)));
      return { unit, text, column };
    }
    const texts = this.orgColumns.map((c) => labelText(this.plan.sheet, r, c.index).trim());
    const written = texts.filter((t) => t !== "");
    const column = this.orgColumns[texts.findIndex((t) => t !== "")] ?? this.orgColumns[0] ?? null;
    if (written.length === 0) return { unit: null, text: "", column };
    const text = written.join(" ");
    let unit = this.orgCache.get(text);
    if (unit === undefined) {
      const names = this.state.names;
      unit = names.resolve(written.join(""), this.plan.township);
      for (let i = written.length - 1; unit === null && i >= 0; i--) unit = names.resolve(written[i]!, this.plan.township);
      this.orgCache.set(text, unit);
    }
    return { unit, text, column };
  }

  /** The row's month: its period cell, else the sheet's. `bad`: a period cell that is not a month. `source`: where it was read. */
  private periodOf(r: number): { period: string | null; text: string; bad: boolean; source: KeySource } {
    if (this.periodColumn) {
      const column = this.periodColumn;
      const text = labelText(this.plan.sheet, r, column.index).trim();
      if (text !== "") {
        const cell = this.cell(r, column.index, true);
        let period: string | null | undefined;
        if (typeof cell === "string") {
          period = this.periodCache.get(cell);
          if (period === undefined) this.periodCache.set(cell, (period = periodOfCell(cell)));
        } else period = periodOfCell(cell);
        return { period, text, bad: period === null, source: { row: rowNumber(this.plan.sheet, r), column: column.letter, header: column.header, written: text } };
      }
    }
    return { period: this.plan.period, text: "", bad: this.plan.period === null, source: this.plan.periodSource };
  }

  private cell(r: number, c: number, followMerge = false): GridCell {
    const cell = this.plan.sheet.rows[r]?.[c];
    if (followMerge && cell !== undefined && typeof cell !== "string" && cell.master) {
      return this.plan.sheet.rows[cell.master.row]?.[cell.master.col];
    }
    return cell;
  }

  private firstText(r: number): string {
    for (const cell of this.plan.sheet.rows[r] ?? []) {
      const t = cellText(cell).trim();
      if (t !== "") return t;
    }
    return "";
  }

  /** Whether any row below the header may be a total row ("计" in its first or org-unit cell). */
  private findTotals(): boolean {
    const { sheet, header } = this.plan;
    const org = this.orgColumns[0]?.index ?? 0;
    for (let r = header.row + 1; r < sheet.rows.length; r++) {
      if (labelText(sheet, r, org).includes("计") || this.firstText(r).includes("计")) return true;
    }
    return false;
  }

  /** Reads every row below the header. */
  async read(): Promise<void> {
    const { sheet, header } = this.plan;
    // Rows are remembered for the total rows only; a long file of 100,000 rows usually has none.
    this.hasTotals = this.findTotals();
    let dataRows = 0;
    for (let r = header.row + 1; r < sheet.rows.length; r++) {
      const pause = this.state.progress.tick();
      if (pause) await pause;
      if (isBlankRow(sheet.rows[r])) continue;
      const orgLabel = this.orgColumns.length > 0 ? labelText(sheet, r, this.orgColumns[0]!.index) : "";
      const first = this.firstText(r);
      const kind = totalKind(orgLabel.trim() || first) ?? (orgLabel.trim() === "" ? null : totalKind(first));
      if (kind) {
        this.state.totalRows++;
        if (this.plan.layout === "wide") this.checkWideTotal(r, kind, orgLabel.trim() || first);
        else this.checkLongTotal(r, kind, orgLabel.trim() || first);
        if (kind === "subtotal") this.sinceSubtotal = [];
        continue;
      }
      if (isNoteLabel(first)) continue;
      const counted = this.plan.layout === "wide" ? this.readWideRow(r) : this.readLongRow(r);
      if (counted) dataRows++;
    }
    if (dataRows === 0) this.problem("warning", "no_data", header.row, null, null, reasons.noData());
  }

  /** Whether the row's only text is in columns read as nothing (序号, 备注): a numbered empty template row. */
  private onlyInIgnoredColumns(r: number): boolean {
    const row = this.plan.sheet.rows[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (cell === undefined || (typeof cell !== "string" && cell.master) || cellText(cell).trim() === "") continue;
      if (!this.ignoredColumns.has(c)) return false;
    }
    return true;
  }

  private remember(record: RowRecord): void {
    if (!this.hasTotals) return;
    this.records.push(record);
    this.sinceSubtotal.push(record);
  }

  /** Where row r's org unit was read, for problems about it (the written text as the value). */
  private orgUnitSource(r: number, org: { text: string; column: HeaderColumn | null }): KeySource {
    return { row: rowNumber(this.plan.sheet, r), column: org.column?.letter ?? null, header: org.column?.header ?? null, written: org.text };
  }

  /** Adds a value unless the file already has one for the same key (then: error if different, warning if equal). */
  private addValue(
    unit: OrgUnit,
    period: string,
    element: DataElement,
    value: string,
    r: number,
    column: HeaderColumn,
    written: string | null,
    sources: { orgUnitSource: KeySource; periodSource: KeySource },
  ): void {
    const location = this.location(r, column);
    if (!isReportedAt(element.code, unit.level)) {
      addProblem(this.state, "error", "not_reported_at_level", location, written, reasons.notReportedAtLevel(element, unit, reportingLevels(element.code)));
      return;
    }
    let byPeriod = this.state.seen.get(unit.code);
    if (!byPeriod) this.state.seen.set(unit.code, (byPeriod = new Map()));
    let byElement = byPeriod.get(period);
    if (!byElement) byPeriod.set(period, (byElement = new Map()));
    const firstIndex = byElement.get(element.code);
    if (firstIndex !== undefined) {
      const first = this.state.values[firstIndex]!;
      if (first.value === value) {
        addProblem(this.state, "warning", "duplicate_value", location, written, reasons.duplicateSame(first.location.row, first.location.sheet, value));
      } else {
        addProblem(this.state, "error", "duplicate_value", location, written, reasons.duplicateDifferent(first.location.row, first.location.sheet, first.value, value));
      }
      return;
    }
    byElement.set(element.code, this.state.values.length);
    this.state.values.push({ orgUnit: unit.code, period, dataElement: element.code, value, location, ...sources });
  }

  /** A wide row: an org unit, perhaps a period, a cell per data element column. Returns whether it is a data row. */
  private readWideRow(r: number): boolean {
    const org = this.orgUnitOf(r);
    if (org.unit === null) {
      const hasValues = this.elementColumns.some(({ column, element }) => parseCell(this.cell(r, column.index), element.valueType).kind !== "missing");
      if (!hasValues) {
        if (this.onlyInIgnoredColumns(r)) return false;
        this.problem("warning", "ignored_row", r, null, this.firstText(r), reasons.ignoredRow(this.firstText(r)));
        return false;
      }
      this.state.rowsRead++;
      this.problem("error", "unknown_org_unit", r, org.column, org.text === "" ? null : org.text, reasons.unknownOrgUnit(org.text));
      this.remember({ period: null, cells: [], broken: true });
      return true;
    }
    this.state.rowsRead++;
    const p = this.periodOf(r);
    if (p.bad && p.text !== "") this.problem("error", "bad_period", r, this.periodColumn ?? null, p.text, reasons.badPeriod(p.text));
    const record: RowRecord = { period: p.period, cells: [], broken: p.period === null };
    // One pair for the row's values: a wide file has thousands of them.
    const sources = { orgUnitSource: this.orgUnitSource(r, org), periodSource: p.source };
    for (const { column, element } of this.elementColumns) {
      const cell = this.cell(r, column.index);
      const parsed = parseCell(cell, element.valueType);
      if (parsed.kind === "missing") {
        this.state.missingCells++;
      } else if (parsed.kind === "error") {
        record.cells.push([element.code, null]);
        this.problem("error", parsed.code, r, column, writtenValue(cell), { zh: parsed.messageZh, en: parsed.messageEn });
      } else {
        record.cells.push([element.code, parsed.value]);
        if (p.period !== null) this.addValue(org.unit, p.period, element, parsed.value, r, column, writtenValue(cell), sources);
      }
    }
    this.remember(record);
    return true;
  }

  /** A long row: org unit, period, data element, value. Returns whether it is a data row. */
  private readLongRow(r: number): boolean {
    const org = this.orgUnitOf(r);
    const p = this.periodOf(r);
    const deText = this.deColumn ? labelText(this.plan.sheet, r, this.deColumn.index).trim() : "";
    let code = this.elementCache.get(deText);
    if (code === undefined) this.elementCache.set(deText, (code = deText === "" ? null : matchDataElement(deText)));
    const valueCell = this.valueColumn ? this.cell(r, this.valueColumn.index) : undefined;
    if (org.text === "" && deText === "" && writtenValue(valueCell) === null) {
      if (this.onlyInIgnoredColumns(r)) return false;
      this.problem("warning", "ignored_row", r, null, this.firstText(r), reasons.ignoredRow(this.firstText(r)));
      return false;
    }
    this.state.rowsRead++;
    let ok = true;
    if (org.unit === null) {
      ok = false;
      this.problem("error", "unknown_org_unit", r, org.column, org.text === "" ? null : org.text, reasons.unknownOrgUnit(org.text));
    }
    if (p.period === null) {
      ok = false;
      // Without a period column and a sheet period, the sheet's one no_period error says it all.
      if (this.periodColumn) this.problem("error", "bad_period", r, this.periodColumn ?? null, p.text === "" ? null : p.text, reasons.badPeriod(p.text));
    }
    if (code === null) {
      ok = false;
      this.problem("error", "unknown_data_element", r, this.deColumn ?? null, deText === "" ? null : deText, reasons.unknownDataElement(deText));
    }
    const record: RowRecord = { period: p.period, cells: [], broken: org.unit === null || p.period === null };
    if (code !== null) {
      const element = dataElement(code);
      const parsed = parseCell(valueCell, element.valueType);
      if (parsed.kind === "missing") this.state.missingCells++;
      else if (parsed.kind === "error") {
        record.cells.push([code, null]);
        this.problem("error", parsed.code, r, this.valueColumn ?? null, writtenValue(valueCell), { zh: parsed.messageZh, en: parsed.messageEn });
      } else {
        record.cells.push([code, parsed.value]);
        if (ok) this.addValue(org.unit!, p.period!, element, parsed.value, r, this.valueColumn!, writtenValue(valueCell), { orgUnitSource: this.orgUnitSource(r, org), periodSource: p.source });
      }
    }
    this.remember(record);
    return true;
  }

  /** Compares a total cell with the sum of the rows it totals; a mismatch is a warning naming both numbers. */
  private checkTotal(r: number, kind: "total" | "subtotal", label: string, column: HeaderColumn, element: DataElement, cell: GridCell, period: string | null): void {
    const parsed = parseCell(cell, element.valueType);
    if (parsed.kind === "missing") return;
    if (parsed.kind === "error") {
      this.problem("warning", parsed.code, r, column, writtenValue(cell), reasons.totalCell({ zh: parsed.messageZh, en: parsed.messageEn }));
      return;
    }
    const covered = kind === "total" ? this.records : this.sinceSubtotal;
    const values: string[] = [];
    for (const rec of covered) {
      if (rec.broken) return;
      if (period !== null && rec.period !== period) continue;
      for (const [code, v] of rec.cells) {
        if (code !== element.code) continue;
        if (v === null) return;
        values.push(v);
      }
    }
    const sum = sumDecimals(values);
    if (sum !== parsed.value) {
      this.problem("warning", "total_mismatch", r, column, writtenValue(cell), reasons.totalMismatch(kind, normaliseText(label), parsed.value, sum));
    }
  }

  private totalPeriod(r: number): string | null {
    if (this.periodColumn) {
      const text = labelText(this.plan.sheet, r, this.periodColumn.index).trim();
      if (text !== "") return periodOfCell(this.cell(r, this.periodColumn.index, true));
    }
    return null;
  }

  private checkWideTotal(r: number, kind: "total" | "subtotal", label: string): void {
    const period = this.totalPeriod(r);
    for (const { column, element } of this.elementColumns) {
      this.checkTotal(r, kind, label, column, element, this.cell(r, column.index), period);
    }
  }

  private checkLongTotal(r: number, kind: "total" | "subtotal", label: string): void {
    if (!this.deColumn || !this.valueColumn) return;
    const code = matchDataElement(labelText(this.plan.sheet, r, this.deColumn.index));
    if (code === null) return;
    this.checkTotal(r, kind, label, this.valueColumn, dataElement(code), this.cell(r, this.valueColumn.index), this.totalPeriod(r));
  }
}
