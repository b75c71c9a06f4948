/**
 * CSV text of the demo data: UTF-8, LF line endings, a header row, quotes
 * only where a field needs them, whole numbers without decimals. Pure: text
 * in memory, written to disk by generate.ts.
 */
import type { CommitteeMember, DataValue, Letter, OrgUnit, SupervisionFinding } from "@linze/domain";
import { stringify } from "csv-stringify/sync";
import type { DemoSubmission } from "./submissions.ts";

export const ORG_UNITS_HEADER = ["code", "parent", "level", "name_zh", "name_en"] as const;
export const DATA_VALUES_HEADER = ["org_unit", "period", "data_element", "value"] as const;

function csv(header: readonly string[], rows: string[][]): string {
  return stringify([[...header], ...rows], { record_delimiter: "unix" });
}

function wholeNumber(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Expected a whole number, got ${value}`);
  return String(value);
}

/** `code,parent,level,name_zh,name_en`; parent empty for the root (the county). */
export function orgUnitsCsv(units: readonly OrgUnit[]): string {
  return csv(
    ORG_UNITS_HEADER,
    units.map((u) => [u.code, u.parent ?? "", String(u.level), u.nameZh, u.nameEn]),
  );
}

/** `org_unit,period,data_element,value`, rows in the order given. Throws for a value that is not a whole number. */
export function dataValuesCsv(values: readonly DataValue[]): string {
  return csv(
    DATA_VALUES_HEADER,
    values.map((v) => [v.orgUnit, v.period, v.dataElement, wholeNumber(v.value)]),
  );
}

export const COMMITTEE_MEMBERS_HEADER = ["code", "name", "org_unit", "in_post_from", "in_post_to"] as const;
export const SUPERVISION_FINDINGS_HEADER = [
  "assessed_kind",
  "assessed_code",
  "month",
  "item_id",
  "description",
  "points_deducted",
  "owner",
  "due_date",
  "status",
  "verification_note",
] as const;

/** `code,name,org_unit,in_post_from,in_post_to`; in_post_to empty while in post. */
export function committeeMembersCsv(members: readonly CommitteeMember[]): string {
  return csv(
    COMMITTEE_MEMBERS_HEADER,
    members.map((m) => [m.code, m.name, m.orgUnit, m.inPostFrom, m.inPostTo ?? ""]),
  );
}

/** One row per finding; verification_note empty when there is none; points as a plain decimal (0.5, 1, 1.5). */
export function supervisionFindingsCsv(findings: readonly SupervisionFinding[]): string {
  return csv(
    SUPERVISION_FINDINGS_HEADER,
    findings.map((f) => [
      f.assessedUnit.kind,
      f.assessedUnit.code,
      f.month,
      f.itemId,
      f.description,
      String(f.pointsDeducted),
      f.rectification.owner,
      f.rectification.dueDate,
      f.rectification.status,
      f.rectification.verificationNote ?? "",
    ]),
  );
}

/** The letters as a JSON array (LetterSchema's shape): one letter per block, one item per line, a final newline. */
export function lettersJson(letters: readonly Letter[]): string {
  const blocks = letters.map(
    (l) =>
      `  {\n    "year": ${l.year},\n    "assessedUnit": ${JSON.stringify(l.assessedUnit)},\n    "items": [\n` +
      l.items.map((i) => `      ${JSON.stringify(i)}`).join(",\n") +
      "\n    ]\n  }",
  );
  return `[\n${blocks.join(",\n")}\n]\n`;
}

export const REPORT_SUBMISSIONS_HEADER = ["org_unit", "period", "submitted_on"] as const;

/** `org_unit,period,submitted_on`: the townships' monthly report submissions, rows in the order given. */
export function reportSubmissionsCsv(submissions: readonly DemoSubmission[]): string {
  return csv(
    REPORT_SUBMISSIONS_HEADER,
    submissions.map((s) => [s.orgUnit, s.period, s.submittedOn]),
  );
}
