/**
 * Writes the demo data: data/linze/org_units.csv and data/linze/data_values.csv,
 * generated from the fixed seed, and the assessment inputs derived from them
 * (committee_members.csv, letters_2016.json, supervision_findings_2016.csv,
 * assessment_inputs_2016.json) and the townships' report submissions
 * (report_submissions.csv),
 * so a re-run gives the same bytes.
 * Run: npm run generate -w @linze/demo-data
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { generateAssessmentDemo } from "./assessment.ts";
import { assessmentInputsJson, generateAssessmentInputs } from "./assessment-inputs.ts";
import { generateLinzeDemoData } from "./breakdown.ts";
import { committeeMembersCsv, dataValuesCsv, lettersJson, orgUnitsCsv, reportSubmissionsCsv, supervisionFindingsCsv } from "./csv.ts";
import {
  ASSESSMENT_INPUTS_FILE,
  COMMITTEE_MEMBERS_FILE,
  DATA_VALUES_FILE,
  LETTERS_FILE,
  LINZE_DATA_DIR,
  ORG_UNITS_FILE,
  REPORT_SUBMISSIONS_FILE,
  SUPERVISION_FINDINGS_FILE,
} from "./paths.ts";
import { generateReportSubmissions } from "./submissions.ts";

const data = generateLinzeDemoData();
mkdirSync(LINZE_DATA_DIR, { recursive: true });
writeFileSync(ORG_UNITS_FILE, orgUnitsCsv(data.orgUnits));
writeFileSync(DATA_VALUES_FILE, dataValuesCsv(data.dataValues));
console.log(
  `Wrote ${data.orgUnits.length} org units to ${ORG_UNITS_FILE} and ${data.dataValues.length} data values to ${DATA_VALUES_FILE} ` +
    `(${data.unreported.length} village-months not reported: ${data.unreported.map((u) => `${u.orgUnit} ${u.period}`).join(", ")})`,
);
const assessment = generateAssessmentDemo(data);
writeFileSync(COMMITTEE_MEMBERS_FILE, committeeMembersCsv(assessment.members));
writeFileSync(LETTERS_FILE, lettersJson(assessment.letters));
writeFileSync(SUPERVISION_FINDINGS_FILE, supervisionFindingsCsv(assessment.findings));
console.log(
  `Wrote ${assessment.members.length} committee members, ${assessment.letters.length} letters and ${assessment.findings.length} supervision findings ` +
    `(${assessment.findings.filter((f) => f.rectification.status === "open" && f.rectification.dueDate < assessment.asOf).length} open and overdue as of ${assessment.asOf})`,
);
const inputs = generateAssessmentInputs(assessment);
writeFileSync(ASSESSMENT_INPUTS_FILE, assessmentInputsJson(inputs));
console.log(
  `Wrote ${inputs.length} unit-quarter assessment inputs (${inputs.filter((u) => u.commendations.length > 0).map((u) => `commendation ${u.assessedUnit.code} Q${u.quarter}`).join(", ")}; ` +
    `${inputs.filter((u) => u.vetoes.length > 0).map((u) => `veto ${u.assessedUnit.code} Q${u.quarter}`).join(", ")}; ` +
    `not yet scored in Q4: ${inputs.filter((u) => u.quarter === 4 && u.assessedUnit.kind === "committeeMember" && Object.keys(u.manualScores).length === 0).map((u) => u.assessedUnit.code).join(", ")})`,
);
const submissions = generateReportSubmissions(data.orgUnits, data.dataValues);
writeFileSync(REPORT_SUBMISSIONS_FILE, reportSubmissionsCsv(submissions));
const lateOnes = submissions.filter((s) => Number(s.submittedOn.slice(8)) > 10);
console.log(
  `Wrote ${submissions.length} report submissions to ${REPORT_SUBMISSIONS_FILE} ` +
    `(${lateOnes.length} after the 10th of the next month: ${lateOnes.map((s) => `${s.orgUnit} ${s.period} on ${s.submittedOn}`).join(", ")})`,
);
