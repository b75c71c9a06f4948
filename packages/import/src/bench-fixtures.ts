/**
 * Generated files for the import benchmarks (parse only: this package's
 * bench; parse, plan and commit: @linze/db's). Not data: made-up values on
 * the Linze org units, for measuring speed only.
 */
import { dataElementsReportedAt, linzeOrgUnitTree, monthLabel } from "@linze/domain";

/**
 * A long CSV (header `org_unit,period,data_element,value`, then `rows` data
 * rows, UTF-8, LF): every month from January of `firstYear` on, every Linze
 * org unit, the data elements its level reports (so every row is valid).
 * Counts are integers 0–299; CNY amounts end in ".5" (0.5–4999.5). The same
 * arguments give the same bytes.
 */
export function longCsvFixture(rows: number, firstYear: number): Uint8Array {
  const tree = linzeOrgUnitTree();
  const lines = ["org_unit,period,data_element,value"];
  outer: for (let year = firstYear; ; year++) {
    for (let month = 1; month <= 12; month++) {
      for (const unit of tree.all) {
        for (const d of dataElementsReportedAt(unit.level)) {
          const value = d.valueType === "cny" ? `${(lines.length * 7) % 5000}.5` : String((lines.length * 13) % 300);
          lines.push(`${unit.code},${monthLabel(year, month)},${d.code},${value}`);
          if (lines.length > rows) break outer;
        }
      }
    }
  }
  return new TextEncoder().encode(lines.join("\n") + "\n");
}
