/**
 * The demo inputs of the 2016 target-responsibility assessment (DOMAIN.md §2,
 * §6): the 83 committee-member posts, the letters the county signs with each
 * township and each township with its committee members, and the findings of
 * monthly supervision with their rectification. Pure: from the generated data
 * values (which decide who was in post when, and each unit's share of the
 * county's count targets) and a fixed seed to plain objects; generate.ts
 * writes them. Names are visibly synthetic ("专职委员 沙河镇 3号村").
 *
 * Nothing here draws from the seed of the data values, so adding or changing
 * these files never changes data_values.csv.
 */
import {
  DataValueIndex,
  LetterSchema,
  monthLabel,
  nextPeriod,
  type CommitteeMember,
  type Letter,
  type LetterItem,
  type OrgUnit,
  type SupervisionFinding,
} from "@linze/domain";
import type { LinzeDemoData } from "./breakdown.ts";
import { Random } from "./random.ts";
import { REPORT_FIGURES, REPORT_YEAR } from "./report-figures.ts";

/** The seed of the supervision findings and of the start months of members in post since before 2016. */
export const ASSESSMENT_SEED = 20161203;

/**
 * The report's count targets that the letters apportion: the county totals of
 * the indicators `cataract_surgeries` and `subsidy_recipients` (DOMAIN.md §4).
 */
export const COUNTY_COUNT_TARGETS = {
  cataract_surgeries: REPORT_FIGURES.cataract_surgeries!,
  subsidy_recipients:
    REPORT_FIGURES.nursing_subsidy_recipients! +
    REPORT_FIGURES.living_subsidy_recipients! +
    REPORT_FIGURES.elderly_allowance_recipients! +
    REPORT_FIGURES.fuel_subsidy_recipients!,
} as const;

export interface AssessmentDemo {
  /** One per post, township posts first in tree order, each followed by its villages' and communities' posts. */
  readonly members: CommitteeMember[];
  /** The 7 township letters (county → township), then the 83 member letters (township → member), in member order. */
  readonly letters: Letter[];
  /** In month order, then assessed unit code. */
  readonly findings: SupervisionFinding[];
  /** The date the data end: findings still open with an earlier due date are overdue as of it. */
  readonly asOf: string;
}

/** `CM-` + the org unit code: one post per township and per village/community. */
export const memberCode = (orgUnit: string) => `CM-${orgUnit}`;

/** A visibly synthetic name: "专职委员 沙河镇 3号村 / Committee member, Shahe Village 3". */
export function memberName(unit: OrgUnit): string {
  return `专职委员 ${unit.nameZh} / Committee member, ${unit.nameEn}`;
}

/**
 * Splits a whole-number total over units in proportion to whole-number
 * weights by largest remainder (Hamilton's method), ties to the earlier unit;
 * every unit gets at least `minimum`. The parts add up to `total` exactly.
 */
export function apportion(total: number, weights: readonly number[], minimum = 0): number[] {
  const n = weights.length;
  if (total < minimum * n) throw new Error(`cannot give ${n} units at least ${minimum} of ${total}`);
  const rest = total - minimum * n;
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (weightSum <= 0) throw new Error("weights must add up to more than 0");
  const quotas = weights.map((w) => (rest * w) / weightSum);
  const parts = quotas.map((q) => Math.floor(q));
  let left = rest - parts.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, i) => ({ i, r: q - Math.floor(q) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts.map((p) => p + minimum);
}

/** The letter a township signs with the county: the report's rates as targets, its share of the county's counts. */
function townshipLetter(code: string, cataract: number, subsidies: number): Letter {
  const items: LetterItem[] = [
    { id: "i1", kind: "indicator", indicator: "record_update_rate", annualTarget: 100, points: 15, veto: false, direction: "higher", rule: { kind: "thresholds", pointsOffPerPoint: 1, floor: 80 } },
    { id: "i2", kind: "indicator", indicator: "enrollment_rate", annualTarget: 95, points: 10, veto: false, direction: "higher", rule: { kind: "thresholds", pointsOffPerPoint: 2, floor: 85 } },
    { id: "i3", kind: "indicator", indicator: "association_coverage", annualTarget: 100, points: 5, veto: false, direction: "higher", rule: { kind: "proportional" } },
    { id: "i4", kind: "indicator", indicator: "venue_coverage", annualTarget: 100, points: 5, veto: false, direction: "higher", rule: { kind: "proportional" } },
    { id: "i5", kind: "indicator", indicator: "work_activity_coverage", annualTarget: 100, points: 5, veto: false, direction: "higher", rule: { kind: "proportional" } },
    { id: "i6", kind: "indicator", indicator: "committee_staffing_rate", annualTarget: 100, points: 5, veto: false, direction: "higher", rule: { kind: "proportional" } },
    { id: "i7", kind: "indicator", indicator: "cataract_surgeries", annualTarget: cataract, points: 15, veto: false, direction: "higher", rule: { kind: "proportional" }, bonusPerCase: 0.2 },
    { id: "i8", kind: "indicator", indicator: "subsidy_recipients", annualTarget: subsidies, points: 15, veto: false, direction: "higher", rule: { kind: "proportional" } },
    { id: "m1", kind: "manual", titleZh: "档案管理：残疾人工作档案资料齐全、规范", titleEn: "Records kept: disability-work files complete and in order", points: 10, veto: false },
    { id: "m2", kind: "manual", titleZh: "信息报送：月报表按时、准确报送", titleEn: "Reporting: monthly report forms sent on time and correct", points: 10, veto: false },
    { id: "v1", kind: "manual", titleZh: "数据真实：数据造假一票否决", titleEn: "Truthful data: falsified data fails the whole assessment (veto)", points: 5, veto: true },
  ];
  return { year: REPORT_YEAR, assessedUnit: { kind: "township", code }, items };
}

/** The letter a township signs with a committee member, on the member's own org unit (a village, community or the township). */
function memberLetter(code: string, cataract: number, subsidies: number): Letter {
  const items: LetterItem[] = [
    { id: "i1", kind: "indicator", indicator: "record_update_rate", annualTarget: 100, points: 25, veto: false, direction: "higher", rule: { kind: "thresholds", pointsOffPerPoint: 1, floor: 80 } },
    { id: "i2", kind: "indicator", indicator: "cataract_surgeries", annualTarget: cataract, points: 15, veto: false, direction: "higher", rule: { kind: "perCase" } },
    { id: "i3", kind: "indicator", indicator: "subsidy_recipients", annualTarget: subsidies, points: 15, veto: false, direction: "higher", rule: { kind: "proportional" } },
    { id: "m1", kind: "manual", titleZh: "档案管理：残疾人基本信息台账齐全", titleEn: "Records kept: the register of disabled persons complete", points: 15, veto: false },
    { id: "m2", kind: "manual", titleZh: "信息报送：月报表按时报送", titleEn: "Reporting: monthly report form sent on time", points: 15, veto: false },
    { id: "m3", kind: "manual", titleZh: "入户走访：政策宣传、走访残疾人家庭", titleEn: "Home visits: policy publicity and visits to disabled persons' households", points: 10, veto: false },
    { id: "v1", kind: "manual", titleZh: "数据真实：数据造假一票否决", titleEn: "Truthful data: falsified data fails the whole assessment (veto)", points: 5, veto: true },
  ];
  return { year: REPORT_YEAR, assessedUnit: { kind: "committeeMember", code }, items };
}

/** What supervision typically finds against each kind of item (zh / en in one description). */
const FINDING_TEXT: Readonly<Record<string, readonly string[]>> = {
  m1: ["残疾人档案资料不全，缺少入户调查表 / Records incomplete: household survey forms missing", "档案未按户分类归档 / Files not sorted by household"],
  m2: ["月报表逾期报送 / Monthly report form sent late", "月报表数据与台账不一致 / Monthly report form does not match the register"],
  m3: ["本月未开展入户走访 / No home visits this month"],
  i1: ["动态更新进度滞后 / Dynamic data update behind schedule"],
  i3: ["补贴发放名册未公示 / Subsidy roll not posted publicly"],
};

/**
 * Builds the members, letters and findings from the generated data values.
 * Targets: rates are the report's (DOMAIN.md §4); the county's cataract
 * surgeries (156) and subsidy recipients (1,688) are apportioned to the
 * townships in proportion to their certified persons in December, and each
 * township's share to its villages and communities the same way (at least
 * one surgery each). A township's own committee member is assessed on the
 * township's figures.
 */
export function generateAssessmentDemo(data: LinzeDemoData, seed: number = ASSESSMENT_SEED): AssessmentDemo {
  const rnd = new Random(seed);
  const index = new DataValueIndex(data.dataValues);
  const year = String(REPORT_YEAR);
  const months = Array.from({ length: 12 }, (_, i) => monthLabel(REPORT_YEAR, i + 1));
  const townships = data.orgUnits.filter((u) => u.level === 2);
  const villagesOf = (t: string) => data.orgUnits.filter((u) => u.level === 3 && u.parent === t);
  const decCertified = (code: string) => index.aggregate("certified_persons", [code], [monthLabel(REPORT_YEAR, 12)]) ?? 0;

  // --- Members: one per post, in post from the month after the last vacant month. ---
  const inPostFrom = (unit: string): string => {
    const vacant = months.filter((m) => index.aggregate("committee_members_in_post", [unit], [m]) === 0);
    if (vacant.length > 0) return nextPeriod(vacant[vacant.length - 1]!);
    // In post all year: since some month of 2013–2015 (before the data begin).
    return monthLabel(rnd.int(2013, 2015), rnd.int(1, 12));
  };
  const members: CommitteeMember[] = [];
  const postUnits: OrgUnit[] = [];
  for (const t of townships) postUnits.push(t, ...villagesOf(t.code));
  for (const u of postUnits) members.push({ code: memberCode(u.code), name: memberName(u), orgUnit: u.code, inPostFrom: inPostFrom(u.code), inPostTo: null });

  // --- Letters ---
  const townshipWeights = townships.map((t) => villagesOf(t.code).reduce((s, v) => s + decCertified(v.code), 0));
  const tCataract = apportion(COUNTY_COUNT_TARGETS.cataract_surgeries, townshipWeights);
  const tSubsidies = apportion(COUNTY_COUNT_TARGETS.subsidy_recipients, townshipWeights);
  const letters: Letter[] = townships.map((t, i) => townshipLetter(t.code, tCataract[i]!, tSubsidies[i]!));
  townships.forEach((t, i) => {
    const vs = villagesOf(t.code);
    const weights = vs.map((v) => decCertified(v.code));
    const vCataract = apportion(tCataract[i]!, weights, 1);
    const vSubsidies = apportion(tSubsidies[i]!, weights);
    letters.push(memberLetter(memberCode(t.code), tCataract[i]!, tSubsidies[i]!));
    vs.forEach((v, k) => letters.push(memberLetter(memberCode(v.code), vCataract[k]!, vSubsidies[k]!)));
  });
  for (const l of letters) LetterSchema.parse(l);

  // --- Findings: 2 a month, against a manual or indicator item of the unit's letter. ---
  const asOf = `${year}-12-31`;
  const findings: SupervisionFinding[] = [];
  const townshipName = new Map(townships.map((t) => [t.code, `${t.nameZh}残联 / ${t.nameEn} federation`]));
  const nameOfMember = new Map(members.map((m) => [m.code, m.name]));
  for (const month of months) {
    const picks = [
      { kind: "township" as const, code: rnd.pick(townships).code },
      { kind: "committeeMember" as const, code: rnd.pick(members).code },
    ];
    for (const unit of picks) {
      const itemIds = unit.kind === "township" ? ["m1", "m2", "i1"] : ["m1", "m2", "m3", "i1", "i3"];
      const itemId = rnd.pick(itemIds);
      const description = rnd.pick(FINDING_TEXT[itemId]!);
      // Due on the 15th of the month after next; most are rectified, and most
      // of those verified; some recent and a few older ones are still open.
      const due = nextPeriod(nextPeriod(month));
      const dueDate = `${due}-15`;
      const draw = rnd.int(1, 100);
      const recent = month >= monthLabel(REPORT_YEAR, 10);
      const status = recent ? (draw <= 60 ? "open" : "rectified") : draw <= 15 ? "open" : draw <= 35 ? "rectified" : "verified";
      findings.push({
        assessedUnit: unit,
        month,
        itemId,
        description,
        pointsDeducted: rnd.int(1, 4) / 2,
        rectification: {
          owner: unit.kind === "township" ? townshipName.get(unit.code)! : nameOfMember.get(unit.code)!,
          dueDate,
          status,
          verificationNote: status === "verified" ? "复查已整改到位 / Checked on a return visit: rectified" : null,
        },
      });
    }
  }
  findings.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.assessedUnit.code < b.assessedUnit.code ? -1 : a.assessedUnit.code > b.assessedUnit.code ? 1 : 0));
  return { members, letters, findings, asOf };
}
