export { DEMO_SEED, generateLinzeDemoData, checkReportTotals, ReportTotalsMismatch } from "./breakdown.ts";
export type { LinzeDemoData, UnreportedMonth } from "./breakdown.ts";
export { orgUnitsCsv, dataValuesCsv, ORG_UNITS_HEADER, DATA_VALUES_HEADER } from "./csv.ts";
export { LINZE_DATA_DIR, ORG_UNITS_FILE, DATA_VALUES_FILE } from "./paths.ts";
export { REPORT_FIGURES, REPORT_YEAR } from "./report-figures.ts";
export { REPORTING_LEVEL } from "./reporting-levels.ts";
