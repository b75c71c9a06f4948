/**
 * @linze/import: the parsing layer of "monthly reports in" (issue 4). Bytes of
 * a CSV or XLSX monthly report → data values and problems; no database.
 */
export { parseImportFile } from "./parse.ts";
export { decodeText, type DecodedText } from "./decode.ts";
export { parseCellNumber, sumDecimals, type CellNumber, type CellNumberErrorCode, type CellValueType } from "./numbers.ts";
export { matchHeader, matchDataElement, normaliseHeader } from "./headers.ts";
export { findMonthInText, parseMonthCell } from "./period-text.ts";
export { totalKind, columnLetter } from "./text.ts";
export { sha256Hex, type Sha256Digest } from "./hash.ts";
export type {
  ColumnInfo,
  ColumnMapping,
  ColumnTarget,
  ImportProblem,
  ImportProblemCode,
  KeySource,
  ParsedValue,
  ParseOptions,
  ParseResult,
  ProblemSeverity,
  SourceLocation,
} from "./types.ts";
