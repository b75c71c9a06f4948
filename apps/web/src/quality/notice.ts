/**
 * Which townships' monthly reports make a shown month's rates unreliable:
 * a township whose report is missing (past due, not received), or whose
 * villages and communities sent nothing that month (a village's missing
 * stocks pull coverage down; its year-to-date flows without its stocks push
 * a completion rate over 100 %). Pure, from `quality.completeness`.
 */
import { lastMonthOf, type OrgUnitTree } from "@linze/domain";
import type { RouterOutputs } from "@linze/api";

export type CompletenessData = RouterOutputs["quality"]["completeness"];

export interface NoticeItem {
  readonly township: string;
  readonly kind: "reportMissing" | "villagesMissing";
  /** The villages and communities with no data in the month (within the shown org unit); empty where they are not named to the user. */
  readonly villages: readonly string[];
  /** How many sent nothing (counted also where they are not named: another township for a township officer). */
  readonly count: number;
}

/**
 * The notice items for `orgUnit` (with everything below it) in the last
 * month of `period`: every township of the county, the township itself, or
 * for a village its own report only. Townships in the tree's order. Empty
 * when the month is not in `data`'s year or all is well.
 */
export function reportingNoticeItems(data: CompletenessData, tree: OrgUnitTree, orgUnit: string, period: string): NoticeItem[] {
  const month = lastMonthOf(period);
  const unit = tree.get(orgUnit);
  const townships = unit.level === 1 ? tree.children(unit.code).map((u) => u.code) : [unit.level === 2 ? unit.code : unit.parent!];
  const out: NoticeItem[] = [];
  for (const code of townships) {
    const report = data.townships.find((t) => t.orgUnit === code)?.months.find((m) => m.period === month);
    if (!report) continue;
    const unnamed = report.villagesExpected - report.villagesReported - report.villagesMissing.length;
    if (report.status === "missing") {
      out.push({ township: code, kind: "reportMissing", villages: report.villagesMissing, count: report.villagesMissing.length + unnamed });
      continue;
    }
    const villages = unit.level === 3 ? report.villagesMissing.filter((v) => v === unit.code) : report.villagesMissing;
    const count = unit.level === 3 ? villages.length : villages.length + unnamed;
    if (report.submittedOn !== null && count > 0) out.push({ township: code, kind: "villagesMissing", villages, count });
  }
  return out;
}
