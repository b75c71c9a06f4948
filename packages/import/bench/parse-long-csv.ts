/**
 * Parse speed of a 100,000-row long CSV (org_unit, period, data_element, value), generated in
 * memory from the Linze org units and the data elements each level reports: parse only, no
 * database (the commit bench is @linze/db's). Prints each run and the median of 5, in ms.
 *
 *   npm run bench -w @linze/import
 */
import { dataElementsReportedAt, linzeOrgUnitTree, monthLabel } from "@linze/domain";
import { parseImportFile } from "../src/index.ts";

const ROWS = 100_000;
const RUNS = 5;

function longCsv(rows: number): Uint8Array {
  const tree = linzeOrgUnitTree();
  const lines = ["org_unit,period,data_element,value"];
  outer: for (let year = 2016; ; year++) {
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

const bytes = longCsv(ROWS);
const tree = linzeOrgUnitTree();
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const result = await parseImportFile(bytes, "bench.csv", { tree });
  const ms = performance.now() - t0;
  times.push(ms);
  if (result.values.length !== ROWS || result.problems.length !== 0) {
    throw new Error(`bench file misread: ${result.values.length} values, ${result.problems.length} problems`);
  }
  console.log(`run ${i + 1}: ${ms.toFixed(0)} ms (${result.values.length} values)`);
}
times.sort((a, b) => a - b);
console.log(`parse ${ROWS} long CSV rows (${(bytes.length / 1e6).toFixed(1)} MB): median of ${RUNS} = ${times[Math.floor(RUNS / 2)]!.toFixed(0)} ms`);
