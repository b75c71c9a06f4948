/** Small helpers for the import tests: fixtures are written by the tests themselves. */
import { linzeOrgUnitTree } from "@linze/domain";
import { parseImportFile, type ImportProblem, type ParseOptions, type ParseResult } from "../src/index.ts";

export const tree = linzeOrgUnitTree();

/** UTF-8 bytes of CSV lines (joined with \r\n, as Excel writes them), with an optional BOM. */
export function utf8Csv(lines: readonly string[], bom = false): Uint8Array {
  const body = new TextEncoder().encode(lines.join("\r\n") + "\r\n");
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

export function parse(bytes: Uint8Array, fileName: string, options: Partial<ParseOptions> = {}): Promise<ParseResult> {
  return parseImportFile(bytes, fileName, { tree, ...options });
}

/** Values as compact tuples: [org unit, period, data element, value]. */
export function valueTuples(result: ParseResult): [string, string, string, string][] {
  return result.values.map((v) => [v.orgUnit, v.period, v.dataElement, v.value]);
}

/** Problems as compact tuples: [severity, code, sheet, row, column, header, value]. */
export function problemTuples(result: ParseResult): [string, string, string | null, number, string | null, string | null, string | null][] {
  return result.problems.map((p: ImportProblem) => [p.severity, p.code, p.sheet, p.row, p.column, p.header, p.value]);
}
