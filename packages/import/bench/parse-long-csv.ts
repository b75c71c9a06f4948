/**
 * Parse speed of a 100,000-row long CSV (org_unit, period, data_element, value), generated in
 * memory from the Linze org units and the data elements each level reports: parse only, no
 * database (the commit bench is @linze/db's). Prints each run and the median of 5, in ms: wall
 * time, and the process's CPU time (user + system, all threads), which says more on a busy machine.
 *
 *   npm run bench -w @linze/import
 */
import { linzeOrgUnitTree } from "@linze/domain";
import { longCsvFixture } from "../src/bench-fixtures.ts";
import { parseImportFile } from "../src/index.ts";

const ROWS = 100_000;
const RUNS = 5;


const bytes = longCsvFixture(ROWS, 2016);
const tree = linzeOrgUnitTree();
const times: number[] = [];
const cpuTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await parseImportFile(bytes, "bench.csv", { tree });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  times.push(ms);
  cpuTimes.push(cpuMs);
  if (result.values.length !== ROWS || result.problems.length !== 0) {
    throw new Error(`bench file misread: ${result.values.length} values, ${result.problems.length} problems`);
  }
  console.log(`run ${i + 1}: ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (${result.values.length} values)`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);
console.log(`parse ${ROWS} long CSV rows (${(bytes.length / 1e6).toFixed(1)} MB): median of ${RUNS} = ${median(times)} ms (CPU ${median(cpuTimes)} ms)`);
