/**
 * Indicators: numerator / denominator × factor over data elements (DHIS2's
 * model, DOMAIN.md §3–§4). Each side is a sum of data elements. A rate for a
 * group of org units or months is Σnumerator / Σdenominator × factor, never a
 * mean of rates; a denominator of 0 gives no value.
 *
 * Targets are the report's (DOMAIN.md §4–§5): rates apply to every org unit;
 * count and amount targets are the county's annual totals.
 */
import { z } from "zod";
import { dataElement, type AggregationType } from "./data-elements.ts";

/** `percent`: a rate × 100 (83.3 means 83.3 %); `count`: a whole number; `cny`: yuan. */
export type IndicatorUnit = "percent" | "count" | "cny";
export type Direction = "higher" | "lower";
export type IndicatorGroup = "organisation" | "services" | "rehabilitation" | "education" | "rights" | "subsidies";

export interface Target {
  /** In the indicator's unit: percent for rates (95 = 95 %), a count, or CNY. */
  readonly value: number;
  readonly comparison: "atLeast" | "atMost";
  /** `everyOrgUnit`: a rate every unit should reach; `county`: the county's annual total. */
  readonly scope: "everyOrgUnit" | "county";
}

export interface Indicator {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly descriptionZh: string;
  readonly descriptionEn: string;
  readonly unit: IndicatorUnit;
  readonly direction: Direction;
  readonly group: IndicatorGroup;
  /** Data element codes summed for the numerator. */
  readonly numerator: readonly string[];
  /** Data element codes summed for the denominator; null for a count or amount. */
  readonly denominator: readonly string[] | null;
  readonly factor: number;
  /**
   * The numerator counts from January to the end of the period (year to
   * date) — for completion rates whose numerator is a flow of work done
   * against a stock to be done, e.g. records updated ÷ certified persons.
   */
  readonly numeratorYearToDate: boolean;
  readonly target: Target | null;
}

const rate = (
  code: string,
  nameZh: string,
  nameEn: string,
  group: IndicatorGroup,
  numerator: string[],
  denominator: string[],
  targetPercent: number,
  descriptionZh: string,
  descriptionEn: string,
): Indicator => ({
  code,
  nameZh,
  nameEn,
  descriptionZh,
  descriptionEn,
  unit: "percent",
  direction: "higher",
  group,
  numerator,
  denominator,
  factor: 100,
  numeratorYearToDate: false,
  target: { value: targetPercent, comparison: "atLeast", scope: "everyOrgUnit" },
});

const total = (
  code: string,
  nameZh: string,
  nameEn: string,
  group: IndicatorGroup,
  unit: "count" | "cny",
  numerator: string[],
  target: number,
  descriptionZh: string,
  descriptionEn: string,
): Indicator => ({
  code,
  nameZh,
  nameEn,
  descriptionZh,
  descriptionEn,
  unit,
  direction: "higher",
  group,
  numerator,
  denominator: null,
  factor: 1,
  numeratorYearToDate: false,
  target: { value: target, comparison: "atLeast", scope: "county" },
});

/** The catalogue of DOMAIN.md §4, in its order. */
export const INDICATORS: readonly Indicator[] = [
  rate("enrollment_rate", "适龄残疾儿童少年入学率", "Enrollment rate of school-age disabled children", "education",
    ["children_enrolled"], ["school_age_children"], 95,
    "已入学适龄残疾儿童少年数 ÷ 适龄残疾儿童少年数 × 100%；报告目标：95%以上。",
    "School-age disabled children enrolled ÷ school-age disabled children × 100 %; the report's target: at least 95 %."),
  rate("rehab_effectiveness_rate", "康复有效率", "Rehabilitation effectiveness rate", "rehabilitation",
    ["rehab_children_effective"], ["rehab_children_trained"], 100,
    "康复有效残疾儿童数 ÷ 康复训练残疾儿童数 × 100%；报告：28名儿童，100%。",
    "Children with effective rehabilitation ÷ children given rehabilitation training × 100 %; the report: 28 children, 100 %."),
  rate("parent_satisfaction_rate", "家长满意率", "Parent satisfaction rate", "rehabilitation",
    ["parents_satisfied"], ["parents_surveyed"], 100,
    "满意家长人数 ÷ 满意度调查家长人数 × 100%；报告：100%。",
    "Parents satisfied ÷ parents surveyed × 100 %; the report: 100 %."),
  rate("association_coverage", "残协组建率", "Association coverage", "organisation",
    ["associations_established"], ["villages_total"], 100,
    "已建残协村（社区）数 ÷ 村（社区）总数 × 100%；报告：100%。",
    "Villages and communities with a disabled persons' association ÷ all villages and communities × 100 %; the report: 100 %."),
  rate("venue_coverage", "活动场所开辟率", "Activity-venue coverage", "organisation",
    ["activity_venues"], ["villages_total"], 100,
    "已开辟活动场所村（社区）数 ÷ 村（社区）总数 × 100%；报告：100%。",
    "Villages and communities with an activity venue ÷ all villages and communities × 100 %; the report: 100 %."),
  rate("work_activity_coverage", "工作开展率", "Work-activity coverage", "organisation",
    ["villages_work_active"], ["villages_total"], 100,
    "已开展工作村（社区）数 ÷ 村（社区）总数 × 100%；报告：100%。",
    "Villages and communities with disability work under way ÷ all villages and communities × 100 %; the report: 100 %."),
  rate("committee_staffing_rate", "专职委员配备率", "Committee-member staffing rate", "organisation",
    ["committee_members_in_post"], ["committee_member_posts"], 100,
    "专职委员实配人数 ÷ 专职委员应配人数 × 100%；报告：83个岗位（7个镇、76个村和社区），100%。",
    "Committee members in post ÷ committee-member posts × 100 %; the report: 83 posts (7 township, 76 village and community), 100 %."),
  {
    ...rate("record_update_rate", "动态更新完成率", "Dynamic data update completion rate", "services",
      ["records_updated"], ["certified_persons"], 100,
      "年初至期末累计动态更新完成人数 ÷ 期末持证残疾人数 × 100%；报告：3422人中完成3422人，100%。",
      "Records updated from January to the end of the period ÷ certified disabled persons at its end × 100 %; the report: 3,422 of 3,422, 100 %."),
    numeratorYearToDate: true,
  },
  total("cataract_surgeries", "白内障复明手术", "Cataract surgeries", "rehabilitation", "count",
    ["cataract_surgeries"], 156,
    "免费实施白内障复明手术例数；报告：筛查438人，手术156例。",
    "Free cataract surgeries done; the report: 438 screened, 156 operated."),
  rate("rights_case_closure_rate", "维权案件办结率", "Rights-case closure rate", "rights",
    ["rights_cases_closed", "petitions_closed"], ["rights_cases_received", "petitions_received"], 100,
    "（办结维权案件数 + 办结网络信访件数）÷（受理维权案件数 + 受理网络信访件数）× 100%；报告：100%。",
    "(Rights cases closed + online petitions closed) ÷ (rights cases received + online petitions received) × 100 %; the report: 100 %."),
  total("subsidy_recipients", "补贴发放人数", "Persons on a subsidy roll", "subsidies", "count",
    ["nursing_subsidy_recipients", "living_subsidy_recipients", "elderly_allowance_recipients", "fuel_subsidy_recipients"], 1688,
    "护理补贴、生活补贴、老人生活补助、燃油补贴四项领取人数之和；报告：1688人。",
    "Recipients of the four subsidies (nursing, hardship living, elderly allowance, fuel) added up; the report: 1,688."),
  total("subsidy_paid_cny", "补贴发放金额", "Subsidies paid", "subsidies", "cny",
    ["nursing_subsidy_cny", "living_subsidy_cny", "elderly_allowance_cny", "fuel_subsidy_cny"], 1_856_400,
    "四项补贴发放金额之和（元）；报告：185.64万元。",
    "The four subsidies paid, in CNY; the report: 1,856,400 CNY."),
];

/** The four organisation indicators that "organisation coverage" means (DOMAIN.md §4). */
export const ORGANISATION_COVERAGE = ["association_coverage", "venue_coverage", "work_activity_coverage", "committee_staffing_rate"] as const;

const BY_CODE = new Map(INDICATORS.map((i) => [i.code, i]));
export const INDICATOR_CODES: readonly string[] = INDICATORS.map((i) => i.code);

export class UnknownIndicator extends Error {
  constructor(readonly code: string) {
    super(`Unknown indicator "${code}" / 未知的指标. Valid indicators: ${INDICATOR_CODES.join(", ")}`);
    this.name = "UnknownIndicator";
  }
}

/** The indicator with this code; throws {@link UnknownIndicator} listing the valid codes. */
export function indicator(code: string): Indicator {
  const i = BY_CODE.get(code);
  if (!i) throw new UnknownIndicator(code);
  return i;
}

export function isIndicatorCode(code: string): boolean {
  return BY_CODE.has(code);
}

export const IndicatorCodeSchema = z.string().min(1);

/** Every data element an indicator reads. */
export function dataElementsOf(ind: Indicator): string[] {
  return [...new Set([...ind.numerator, ...(ind.denominator ?? [])])];
}

/**
 * `flow` when every data element of the numerator is a flow (it grows with
 * the months of a period), else `stock`. Decides how a target is pro-rated.
 */
export function indicatorAggregationType(ind: Indicator): AggregationType {
  return ind.numerator.every((c) => dataElement(c).aggregationType === "flow") ? "flow" : "stock";
}

// Fail at load time, not at query time, on a catalogue typo.
for (const ind of INDICATORS) dataElementsOf(ind).forEach(dataElement);
