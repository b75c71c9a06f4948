/**
 * The import page's pure logic: the problem table's order, counts and pages,
 * the column mapping as edited on the page, the file types accepted. Tested
 * in test/import-logic.test.ts.
 */
import { DATA_ELEMENTS, isDataElementCode, type Locale } from "@linze/domain";
import type { RouterOutputs } from "@linze/api";

/** What the file input accepts (the server decides by the bytes; these are what people save from Excel and WPS). */
export const ACCEPTED_FILES = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Whether a chosen or dropped file's name is one the page takes (.csv, .xlsx, any case). */
export function isAcceptedFileName(name: string): boolean {
  return /\.(csv|xlsx)$/i.test(name);
}

/** A problem as the summary lists it: the server's `SummaryProblem` (file, sheet, 1-based row or 0 for the whole file, column, header, value, the reason in zh and en). */
export type ProblemRow = RouterOutputs["imports"]["dryRun"]["problems"][number];

/** Errors before warnings; within each, the order given (the server's: by sheet, row, column). */
export function orderProblems<P extends Pick<ProblemRow, "severity">>(problems: readonly P[]): P[] {
  return [...problems.filter((p) => p.severity === "error"), ...problems.filter((p) => p.severity === "warning")];
}

export function problemCounts(problems: readonly Pick<ProblemRow, "severity">[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === "error").length;
  return { errors, warnings: problems.length - errors };
}

/** Rows of the problem table per page: a file with thousands of problems stays a short page. */
export const PROBLEMS_PER_PAGE = 50;

export interface Page<T> {
  readonly items: readonly T[];
  /** 0-based page, clamped to the pages there are. */
  readonly page: number;
  readonly pages: number;
  /** 1-based positions of the first and last item shown; 0 and 0 when there are none. */
  readonly first: number;
  readonly last: number;
  readonly total: number;
}

/** The `page`-th page (0-based, clamped) of `items`, `size` a page. */
export function pageOf<T>(items: readonly T[], page: number, size = PROBLEMS_PER_PAGE): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = Math.min(Math.max(0, Math.trunc(page)), pages - 1);
  const slice = items.slice(p * size, (p + 1) * size);
  return { items: slice, page: p, pages, first: slice.length ? p * size + 1 : 0, last: p * size + slice.length, total: items.length };
}

/** The reason in the reader's language first, then the other one. */
export function reasonsIn(p: Pick<ProblemRow, "messageZh" | "messageEn">, locale: Locale): { main: string; other: string; otherLang: Locale } {
  return locale === "zh-CN" ? { main: p.messageZh, other: p.messageEn, otherLang: "en" } : { main: p.messageEn, other: p.messageZh, otherLang: "zh-CN" };
}

/**
 * The targets a header may be given on the page, in the select's order: the
 * words of a saved mapping (ignore, org unit, period, the long layout's data
 * element and value columns), then every data element of the catalogue.
 */
export const MAPPING_WORDS = ["ignore", "orgUnit", "period", "dataElementColumn", "value"] as const;
export type MappingWord = (typeof MAPPING_WORDS)[number];

export function isMappingTarget(text: string): boolean {
  return (MAPPING_WORDS as readonly string[]).includes(text) || isDataElementCode(text);
}

export const DATA_ELEMENT_TARGETS: readonly string[] = DATA_ELEMENTS.map((d) => d.code);

/** A column of the summary's mapping table (the parser's `ColumnInfo`). */
export interface MappingColumn {
  readonly sheet: string | null;
  readonly column: string;
  readonly header: string;
  /** The header's key in a mapping (normalised text); "" for a column without a header. */
  readonly key: string;
  readonly target: { readonly kind: string; readonly code?: string } | null;
  readonly source: "mapping" | "matched" | "unmatched";
}

/** A column's target in the text form of a saved mapping: a data element code, a word, or null when nothing matched. */
export function targetText(target: MappingColumn["target"]): string | null {
  if (target === null) return null;
  return target.kind === "dataElement" ? target.code! : target.kind;
}

/**
 * The mapping to send: the one the dry run used (`used`, text form) with the
 * page's edits on top (column key → target text). Columns without a header
 * cannot be mapped and are left out; an edit back to what the dry run used
 * changes nothing. Returns null when there is nothing to send (no entries).
 */
export function editedMapping(used: Readonly<Record<string, string>>, edits: Readonly<Record<string, string>>): Record<string, string> | null {
  const out: Record<string, string> = { ...used };
  for (const [key, target] of Object.entries(edits)) {
    if (key === "" || !isMappingTarget(target)) continue;
    out[key] = target;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** Edits that differ from what the dry run used (to say how many are unsaved). */
export function changedEdits(columns: readonly MappingColumn[], edits: Readonly<Record<string, string>>): string[] {
  const used = new Map(columns.map((c) => [c.key, targetText(c.target)]));
  return Object.entries(edits)
    .filter(([key, target]) => key !== "" && used.has(key) && used.get(key) !== target)
    .map(([key]) => key);
}

/** A file size for people: "812 B", "35.2 KB", "4.1 MB" (1 KB = 1,024 bytes). */
export function formatBytes(bytes: number, locale: Locale): string {
  const nf = (n: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return `${nf(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${nf(bytes / 1024, 1)} KB`;
  return `${nf(bytes / (1024 * 1024), 1)} MB`;
}
