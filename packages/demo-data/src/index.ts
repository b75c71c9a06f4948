export { DEMO_SEED, generateLinzeDemoData, checkReportTotals, ReportTotalsMismatch } from "./breakdown.ts";
export type { LinzeDemoData, UnreportedMonth } from "./breakdown.ts";
export { ASSESSMENT_SEED, COUNTY_COUNT_TARGETS, apportion, generateAssessmentDemo, memberCode, memberName, type AssessmentDemo } from "./assessment.ts";
export {
  orgUnitsCsv,
  dataValuesCsv,
  committeeMembersCsv,
  supervisionFindingsCsv,
  lettersJson,
  reportSubmissionsCsv,
  REPORT_SUBMISSIONS_HEADER,
  ORG_UNITS_HEADER,
  DATA_VALUES_HEADER,
  COMMITTEE_MEMBERS_HEADER,
  SUPERVISION_FINDINGS_HEADER,
} from "./csv.ts";
export { ASSESSMENT_INPUTS_SEED, Q4_UNSCORED, assessmentInputsJson, generateAssessmentInputs } from "./assessment-inputs.ts";
export { LATE_SUBMISSIONS, SUBMISSIONS_SEED, generateReportSubmissions, type DemoSubmission } from "./submissions.ts";
export { REPORT_SUBMISSIONS_FILE, ASSESSMENT_INPUTS_FILE, LINZE_DATA_DIR, ORG_UNITS_FILE, DATA_VALUES_FILE, COMMITTEE_MEMBERS_FILE, LETTERS_FILE, SUPERVISION_FINDINGS_FILE } from "./paths.ts";
export { REPORT_FIGURES, REPORT_YEAR } from "./report-figures.ts";
export { REPORTING_LEVEL } from "./reporting-levels.ts";
