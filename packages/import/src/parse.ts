/**
 * parseImportFile: the bytes of a monthly-report file → data values and
 * problems (issue 4, points 1, 2 and 4). Pure and isomorphic: no database, no
 * `node:` modules; it runs in Node 20 (CLI, server) and in the browser (the
 * import page's preview).
 */
import { isDataElementCode } from "@linze/domain";
import { readCsv } from "./csv.ts";
import { decodeText } from "./decode.ts";
import { cellText, type GridSheet, isBlankRow, rowNumber } from "./grid.ts";
import { sha256Hex } from "./hash.ts";
import { findHeader, type HeaderColumn, layoutOf } from "./header-row.ts";
import { reasons } from "./messages.ts";
import { OrgUnitNames } from "./org-unit-names.ts";
import { findMonthInText } from "./period-text.ts";
import { addProblem, type FileState, type Progress, type SheetPlan, SheetReader } from "./read-sheet.ts";
import { readXlsx } from "./xlsx.ts";
import { columnLetter } from "./text.ts";
import type { ColumnInfo, ColumnMapping, KeySource, ParseOptions, ParseResult, SourceLocation } from "./types.ts";

/** onProgress is called every this many rows, and the browser gets a turn to paint. */
const PROGRESS_EVERY = 2000;

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7) && (b[3] === 4 || b[3] === 6 || b[3] === 8);
}

function isOle2(b: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return b.length >= 8 && sig.every((x, i) => b[i] === x);
}

function fileLocation(fileName: string, sheet: string | null = null, row = 0): SourceLocation {
  return { file: fileName, sheet, row, column: null, header: null };
}

function makeProgress(onProgress: ParseOptions["onProgress"]): Progress & { finish(): void; start(total: number): void } {
  let total = 0;
  const progress = {
    done: 0,
    get total() {
      return total;
    },
    start(t: number) {
      total = t;
      onProgress?.(0, total);
    },
    tick(): Promise<void> | undefined {
      progress.done++;
      if (onProgress && progress.done % PROGRESS_EVERY === 0) {
        onProgress(progress.done, total);
        return new Promise((resolve) => setTimeout(resolve, 0));
      }
      return undefined;
    },
    finish() {
      progress.done = total;
      onProgress?.(total, total);
    },
  };
  return progress;
}

/** The non-blank rows above the header: each row's text, and its first cell with text (0-based). */
function titleTexts(sheet: GridSheet, above: number): { row: number; column: number; text: string }[] {
  const out: { row: number; column: number; text: string }[] = [];
  for (let r = 0; r < above; r++) {
    const cells = (sheet.rows[r] ?? []).map((c) => (c !== undefined && typeof c !== "string" && c.master ? "" : cellText(c)));
    const text = cells.join(" ").trim();
    if (text !== "") out.push({ row: r, column: cells.findIndex((c) => c.trim() !== ""), text });
  }
  return out;
}

function withoutExtension(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[A-Za-z0-9]{1,5}$/, "");
}

/**
 * Prepares a sheet: its layout, its columns (mapping over matching; the org unit column inferred
 * as the first column of a wide sheet when no header names it), its period and township.
 * Reports header problems. Returns null when the sheet cannot be read (no header, no org unit column).
 */
function planSheet(state: FileState, sheet: GridSheet, mapping: ColumnMapping, optionPeriod: string | null): SheetPlan | null {
  const header = findHeader(sheet, mapping);
  if (!header) return null;
  const layout = layoutOf(header.columns)!;
  const loc = (column: HeaderColumn | null): SourceLocation => ({
    file: state.fileName,
    sheet: sheet.name,
    row: rowNumber(sheet, header.row),
    column: column?.letter ?? null,
    header: column?.header ?? null,
  });

  if (!header.columns.some((c) => c.target?.kind === "orgUnit")) {
    const first = header.columns.find((c) => c.index === 0);
    if (layout === "wide" && (first === undefined || first.target === null)) {
      if (first) {
        first.target = { kind: "orgUnit" };
        first.source = "matched";
      } else {
        header.columns.unshift({ index: 0, letter: "A", header: "", key: "", target: { kind: "orgUnit" }, source: "matched" });
      }
    } else {
      addProblem(state, "error", "no_header", loc(null), null, reasons.noOrgUnitColumn());
      return null;
    }
  }

  const firstColumnOf = new Map<string, HeaderColumn>();
  for (const column of header.columns) {
    const t = column.target;
    if (t === null) {
      if (column.header !== "") addProblem(state, "warning", "unknown_header", loc(column), column.header, reasons.unknownHeader(column.header));
      continue;
    }
    if (t.kind !== "dataElement") continue;
    if (!isDataElementCode(t.code)) {
      addProblem(state, "error", "unknown_data_element", loc(column), column.header, reasons.mappedToUnknownDataElement(column.header, t.code));
      column.target = { kind: "ignore" };
      continue;
    }
    if (layout === "long") continue;
    const earlier = firstColumnOf.get(t.code);
    if (earlier) {
      addProblem(state, "error", "duplicate_column", loc(column), column.header, reasons.duplicateColumn(column.header, t.code, earlier.letter));
      column.target = { kind: "ignore" };
    } else firstColumnOf.set(t.code, column);
  }

  const titles = titleTexts(sheet, header.groupRow ?? header.row);
  let titlePeriod: { month: string; row: number; column: number; text: string } | null = null;
  for (const t of titles) {
    const month = findMonthInText(t.text);
    if (month) {
      titlePeriod = { month, row: t.row, column: t.column, text: t.text };
      break;
    }
  }
  if (!titlePeriod) {
    for (const name of [sheet.name ?? "", withoutExtension(state.fileName)]) {
      const month = findMonthInText(name);
      if (month) {
        titlePeriod = { month, row: -1, column: -1, text: name };
        break;
      }
    }
  }
  if (titlePeriod && optionPeriod && titlePeriod.month !== optionPeriod) {
    const row = titlePeriod.row >= 0 ? rowNumber(sheet, titlePeriod.row) : 0;
    addProblem(state, "error", "period_conflict", fileLocation(state.fileName, sheet.name, row), null, reasons.periodConflict(titlePeriod.month, optionPeriod));
  }
  const period = titlePeriod?.month ?? optionPeriod;
  if (period === null && !header.columns.some((c) => c.target?.kind === "period")) {
    addProblem(state, "error", "no_period", loc(null), null, reasons.noPeriod());
  }
  const periodSource: KeySource =
    titlePeriod === null
      ? { row: 0, column: null, header: null, written: optionPeriod ?? "" }
      : titlePeriod.row >= 0
        ? { row: rowNumber(sheet, titlePeriod.row), column: columnLetter(titlePeriod.column), header: null, written: titlePeriod.text }
        : { row: 0, column: null, header: null, written: titlePeriod.text };
  const township = state.names.townshipIn([...titles.map((t) => t.text), sheet.name ?? "", withoutExtension(state.fileName)]);
  return { sheet, header, layout, period, periodSource, township };
}

function emptyResult(fileName: string, fileSha256: string): ParseResult {
  return {
    fileName,
    fileSha256,
    layout: null,
    encoding: null,
    sheets: [],
    rowsRead: 0,
    values: [],
    missingCells: 0,
    totalRows: 0,
    problems: [],
    mapping: {},
    columns: [],
  };
}

async function readSheets(bytes: Uint8Array, state: FileState, result: ParseResult): Promise<GridSheet[] | null> {
  const { fileName } = state;
  if (isZip(bytes)) {
    const book = await readXlsx(bytes);
    if (!book.ok) {
      addProblem(state, "error", "unreadable_file", fileLocation(fileName), null, reasons.unreadableXlsx(book.reason));
      return null;
    }
    result.encoding = "xlsx";
    result.sheets = book.sheets.map((s) => s.name ?? "");
    return book.sheets;
  }
  if (isOle2(bytes)) {
    addProblem(state, "error", "unsupported_format", fileLocation(fileName), null, reasons.oldExcel());
    return null;
  }
  if (/\.xls[xm]?$/i.test(fileName)) {
    addProblem(state, "error", "unreadable_file", fileLocation(fileName), null, reasons.unreadableXlsx("not a zip archive / 不是 zip 压缩包"));
    return null;
  }
  const decoded = decodeText(bytes);
  if (decoded.text === null) {
    addProblem(state, "error", "bad_encoding", fileLocation(fileName, null, decoded.line), null, { zh: decoded.reasonZh, en: decoded.reasonEn });
    return null;
  }
  if (decoded.text.includes("\u0000")) {
    addProblem(state, "error", "unsupported_format", fileLocation(fileName), null, reasons.binaryFile());
    return null;
  }
  result.encoding = decoded.encoding;
  const csv = readCsv(decoded.text);
  for (const e of csv.quoteErrors) addProblem(state, "error", "bad_csv", fileLocation(fileName, null, e.line), null, reasons.badCsv(e.message));
  return [csv.sheet];
}

/**
 * Parses a monthly-report file: CSV (UTF-8 with or without BOM, GB18030/GBK) or XLSX; long
 * layout (org_unit, period, data_element, value) or wide (a row per org unit, a column per data
 * element, perhaps under title rows and a row of merged group cells, perhaps with 合计/小计 rows).
 *
 * Values are canonical decimal text in the data element's unit (count or CNY). Missing cells
 * ("", "—", "无", …) are counted, never 0. Total rows are checked, never imported. Every fault is a
 * problem with file, sheet, row, column, header, the value as written and the reason in Chinese
 * and English; the function never throws on bad input. `fileSha256` is hashed with Web Crypto or,
 * where a page over plain http has none, @noble/hashes ({@link sha256Hex}). The database is not
 * touched: `@linze/db` writes the values.
 */
export async function parseImportFile(bytes: Uint8Array, fileName: string, options: ParseOptions): Promise<ParseResult> {
  const result = emptyResult(fileName, await sha256Hex(bytes));
  const progress = makeProgress(options.onProgress);
  const state: FileState = {
    fileName,
    names: new OrgUnitNames(options.tree),
    values: result.values,
    problems: result.problems,
    seen: new Map(),
    rowsRead: 0,
    missingCells: 0,
    totalRows: 0,
    progress,
  };
  try {
    const sheets = await readSheets(bytes, state, result);
    if (sheets) await readPlans(sheets, state, result, options);
  } catch (e) {
    // A fault of ours, not of the file: still a problem rather than a crash of the import page.
    const detail = e instanceof Error ? e.message : String(e);
    addProblem(state, "error", "unreadable_file", fileLocation(fileName), null, {
      zh: `内部错误，文件未能读完：${detail}`,
      en: `internal error, the file was not read to the end: ${detail}`,
    });
  }
  result.rowsRead = state.rowsRead;
  result.missingCells = state.missingCells;
  result.totalRows = state.totalRows;
  return result;
}

async function readPlans(sheets: GridSheet[], state: FileState, result: ParseResult, options: ParseOptions): Promise<void> {
  const mapping: ColumnMapping = {};
  for (const [k, v] of Object.entries(options.mapping ?? {})) mapping[k] = v;
  let optionPeriod: string | null = null;
  if (options.period !== undefined) {
    if (MONTH_RE.test(options.period)) optionPeriod = options.period;
    else addProblem(state, "error", "bad_period", fileLocation(state.fileName), options.period, reasons.badOptionPeriod(options.period));
  }

  const plans: SheetPlan[] = [];
  const withoutHeader: GridSheet[] = [];
  for (const sheet of sheets) {
    if (sheet.rows.every((row) => isBlankRow(row))) continue;
    const problemsBefore = state.problems.length;
    const plan = planSheet(state, sheet, mapping, optionPeriod);
    if (plan) plans.push(plan);
    else if (state.problems.length === problemsBefore) withoutHeader.push(sheet);
  }
  for (const sheet of withoutHeader) {
    const reason = plans.length === 0 ? reasons.noHeader() : reasons.sheetWithoutHeader();
    addProblem(state, plans.length === 0 ? "error" : "warning", "no_header", fileLocation(state.fileName, sheet.name, 1), null, reason);
  }
  if (sheets.every((s) => s.rows.every((row) => isBlankRow(row)))) {
    addProblem(state, "error", "no_header", fileLocation(state.fileName, sheets[0]?.name ?? null, 1), null, reasons.noHeader());
  }

  result.layout = plans[0]?.layout ?? null;
  const columns: ColumnInfo[] = [];
  for (const plan of plans) {
    for (const c of plan.header.columns) {
      columns.push({ sheet: plan.sheet.name, column: c.letter, header: c.header, key: c.key, target: c.target, source: c.source });
      if (c.target && c.key !== "") result.mapping[c.key] = c.target;
    }
  }
  result.columns = columns;

  const progress = state.progress as ReturnType<typeof makeProgress>;
  progress.start(plans.reduce((n, p) => n + Math.max(0, p.sheet.rows.length - p.header.row - 1), 0));
  for (const plan of plans) await new SheetReader(state, plan).read();
  progress.finish();
}
