/**
 * Validation rules, DHIS2 style: a rule compares two expressions over data
 * elements — left operator right, each side a sum of data elements times an
 * optional factor — and a township-month (or the county-month) whose values
 * break it is a violation to look at, not an error that refuses data.
 *
 * The rules (each with its source):
 * - numerator ≤ denominator for every rate indicator of the catalogue
 *   (indicators.ts, DOMAIN.md §4), derived from it, never typed by hand. This
 *   also gives "villages with an association / a venue / work under way ≤
 *   villages_total", "committee members in post ≤ posts" and "children
 *   enrolled ≤ school-age children";
 * - the three 1,200 CNY-a-year subsidies (nursing, hardship living, elderly
 *   allowance) are 100 CNY per person per month: amount = recipients × 100
 *   (DOMAIN.md §5 notes; 478,800 / 399 = 1,096,800 / 914 = 234,000 / 195 = 1,200);
 * - the fuel subsidy has no monthly rate in DOMAIN.md (46,800 CNY for 180
 *   persons = 260 CNY a person a year, paid when the county pays it): only a
 *   ceiling, no month pays more than a year's subsidy per person;
 * - committee members paid ≤ members in post (DOMAIN.md §5: 73 paid of 83);
 * - committee-member posts ≥ villages and communities (DOMAIN.md §1: one post
 *   in every village and community, plus the township's own);
 * - articles on the national federation's site + in the city daily ≤ articles
 *   published (the report: "稿件109余篇，其中中残联网站登载43条，张掖日报发表4篇");
 * - cataract surgeries ≤ persons screened, year to date (DOMAIN.md §4: 156 of 438 screened).
 *
 * What a monthly check means (`span`):
 * - `month`: both sides over the month alone — stocks as the month's value,
 *   flows as the month's amount. For comparisons of stocks, and for flows
 *   counted in the same month (an amount and its roll; articles and those
 *   among them);
 * - `yearToDate`: both sides over January to the month — flows summed,
 *   stocks as each unit's last value up to the month (DHIS2's "last value").
 *   For flows whose counterpart may fall in an earlier month: a case received
 *   in March is closed in April, an operation follows the screening, and
 *   `record_update_rate` counts records updated since January against the
 *   persons certified (its numerator is year to date by definition). A
 *   village that missed the month then still counts its certified persons as
 *   last reported, so a missing report does not look like too many updates.
 *   A rate rule is `yearToDate` when its numerator is year to date or any
 *   side is a flow; `month` otherwise. Known limit: a case received in
 *   December and closed in January breaks the January check.
 *
 * A side with no data value at all is missing and the rule is skipped for
 * that org unit and month (DHIS2's "skip if any value missing"): missing is
 * not 0. Values compare exactly up to 1e-6 (counts are whole, CNY has fen).
 */
import { dataElement } from "./data-elements.ts";
import type { DataValueIndex } from "./evaluate.ts";
import { formatNumber, type Locale } from "./format.ts";
import { INDICATORS, type Indicator } from "./indicators.ts";
import type { OrgUnitTree } from "./org-units.ts";
import { parsePeriod, yearToDateMonths } from "./periods.ts";

export type ValidationOperator = "<=" | "==" | ">=";
export type ValidationImportance = "high" | "medium" | "low";
export type ValidationSpan = "month" | "yearToDate";

/** One side of a rule: Σ data elements × factor (factor 1 when absent). */
export interface ValidationExpression {
  readonly dataElements: readonly string[];
  readonly factor?: number;
  /** A short name for messages; default: the data elements' names joined by " + ". */
  readonly nameZh?: string;
  readonly nameEn?: string;
}

export interface ValidationRule {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly left: ValidationExpression;
  readonly operator: ValidationOperator;
  readonly right: ValidationExpression;
  readonly importance: ValidationImportance;
  /** The months each side covers for a month's check (see the module comment). */
  readonly span: ValidationSpan;
  /** Where the rule comes from, for developers: a DOMAIN.md section, the report, or "derived from indicator X". */
  readonly source: string;
  /** Why the rule holds, as users read it on the quality page: Chinese and English. */
  readonly basisZh: string;
  readonly basisEn: string;
  /** The indicator a derived rule comes from; null for the others. */
  readonly indicator: string | null;
}

/**
 * The months span (`month` or `yearToDate`) a rate indicator's rule checks:
 * year to date when its numerator is year to date or a side holds a flow.
 */
function rateSpan(ind: Indicator): ValidationSpan {
  if (ind.numeratorYearToDate) return "yearToDate";
  const codes = [...ind.numerator, ...(ind.denominator ?? [])];
  return codes.some((c) => dataElement(c).aggregationType === "flow") ? "yearToDate" : "month";
}

/** numerator ≤ denominator for one rate indicator (DOMAIN.md §4: a rate cannot pass 100 %). */
function rateRule(ind: Indicator): ValidationRule {
  return {
    code: `${ind.code}_numerator_le_denominator`,
    nameZh: `${ind.nameZh}：分子不大于分母`,
    nameEn: `${ind.nameEn}: numerator ≤ denominator`,
    left: { dataElements: ind.numerator },
    operator: "<=",
    right: { dataElements: ind.denominator! },
    importance: "high",
    span: rateSpan(ind),
    source: `derived from indicator ${ind.code} (DOMAIN.md §4)`,
    basisZh: `“${ind.nameZh}”是比率，分子不会超过分母（比率不超过100%）`,
    basisEn: `"${ind.nameEn}" is a rate: its numerator cannot exceed its denominator (at most 100 %)`,
    indicator: ind.code,
  };
}

/** CNY per person per month of the nursing, hardship living and elderly subsidies (DOMAIN.md §5 notes). */
export const MONTHLY_SUBSIDY_CNY = 100;
/** The fuel subsidy per person per year: 46,800 CNY ÷ 180 persons (DOMAIN.md §5). */
export const FUEL_SUBSIDY_CNY_PER_YEAR = 260;

const monthlySubsidy = (code: string, amount: string, recipients: string, zh: string, en: string): ValidationRule => ({
  code,
  nameZh: `${zh}金额 = 人数 × ${MONTHLY_SUBSIDY_CNY}元`,
  nameEn: `${en} paid = recipients × ${MONTHLY_SUBSIDY_CNY} CNY`,
  left: { dataElements: [amount], nameZh: `${zh}金额`, nameEn: `${en} paid (CNY)` },
  operator: "==",
  right: { dataElements: [recipients], factor: MONTHLY_SUBSIDY_CNY, nameZh: `${zh}人数`, nameEn: `${en} recipients` },
  importance: "high",
  span: "month",
  source: "DOMAIN.md §5 notes: the three 1,200 CNY-a-year subsidies are 100 CNY per person per month",
  basisZh: `该补贴标准为每人每年1,200元，即每人每月${MONTHLY_SUBSIDY_CNY}元（县年度工作报告）`,
  basisEn: `The subsidy is 1,200 CNY a person a year, ${MONTHLY_SUBSIDY_CNY} CNY a person a month (the county's annual report)`,
  indicator: null,
});

/** Rules DOMAIN.md or the report gives beyond the rates. */
const DOMAIN_RULES: readonly ValidationRule[] = [
  monthlySubsidy("nursing_subsidy_monthly_rate", "nursing_subsidy_cny", "nursing_subsidy_recipients", "护理补贴", "Nursing subsidy"),
  monthlySubsidy("living_subsidy_monthly_rate", "living_subsidy_cny", "living_subsidy_recipients", "生活补贴", "Living subsidy"),
  monthlySubsidy("elderly_allowance_monthly_rate", "elderly_allowance_cny", "elderly_allowance_recipients", "老人生活补助", "Elderly allowance"),
  {
    code: "fuel_subsidy_annual_ceiling",
    nameZh: `燃油补贴金额不超过人数 × ${FUEL_SUBSIDY_CNY_PER_YEAR}元（一年的标准）`,
    nameEn: `Fuel subsidy paid ≤ recipients × ${FUEL_SUBSIDY_CNY_PER_YEAR} CNY (a year's rate)`,
    left: { dataElements: ["fuel_subsidy_cny"], nameZh: "燃油补贴金额", nameEn: "Fuel subsidy paid (CNY)" },
    operator: "<=",
    right: { dataElements: ["fuel_subsidy_recipients"], factor: FUEL_SUBSIDY_CNY_PER_YEAR, nameZh: "燃油补贴人数", nameEn: "Fuel subsidy recipients" },
    importance: "low",
    span: "month",
    source: "DOMAIN.md §5: 46,800 CNY for 180 persons = 260 CNY a person a year; no monthly rate is given, so a month pays at most a year's subsidy",
    basisZh: "年度报告：180人发放燃油补贴46,800元，即每人每年260元；未给出按月标准，一个月最多发放一年的补贴",
    basisEn: "Annual report: 46,800 CNY of fuel subsidy for 180 persons, 260 CNY a person a year; no monthly rate is given, so a month pays at most a year's subsidy",
    indicator: null,
  },
  {
    code: "committee_members_paid_le_in_post",
    nameZh: "领取工作补贴的专职委员不多于实配专职委员",
    nameEn: "Committee members paid ≤ committee members in post",
    left: { dataElements: ["committee_members_paid"] },
    operator: "<=",
    right: { dataElements: ["committee_members_in_post"] },
    importance: "high",
    span: "month",
    source: "DOMAIN.md §2, §5: the work allowance is paid to members in post (73 paid of 83)",
    basisZh: "工作补贴发给在岗的专职委员（年度报告：83名中73名领取）",
    basisEn: "The work allowance is paid to members in post (annual report: 73 of 83 paid)",
    indicator: null,
  },
  {
    code: "committee_posts_ge_villages",
    nameZh: "专职委员应配人数不少于村（社区）数",
    nameEn: "Committee-member posts ≥ villages and communities",
    left: { dataElements: ["committee_member_posts"] },
    operator: ">=",
    right: { dataElements: ["villages_total"] },
    importance: "medium",
    span: "month",
    source: "DOMAIN.md §1, §4: a post in every village and community plus the township's own (83 = 76 + 7)",
    basisZh: "每个村（社区）配一名专职委员，另加乡镇一名（全县83 = 76 + 7）",
    basisEn: "A committee member in every village and community, plus one for the township (county: 83 = 76 + 7)",
    indicator: null,
  },
  {
    code: "articles_of_which_le_published",
    nameZh: "中残联网站和市级日报稿件不多于发表稿件总数",
    nameEn: "Articles on the national site and in the city daily ≤ articles published",
    left: { dataElements: ["articles_national_site", "articles_city_daily"] },
    operator: "<=",
    right: { dataElements: ["articles_published"] },
    importance: "medium",
    span: "month",
    source: "the report (DOMAIN.md §5): 稿件109余篇，其中中残联网站登载43条，张掖日报发表4篇",
    basisZh: "年度报告：发表稿件109余篇，其中中残联网站登载43条，张掖日报发表4篇",
    basisEn: "Annual report: over 109 articles published, of which 43 on the national federation's site and 4 in the Zhangye Daily",
    indicator: null,
  },
  {
    code: "cataract_surgeries_le_screened",
    nameZh: "白内障复明手术例数不多于筛查人数（年初至本月）",
    nameEn: "Cataract surgeries ≤ persons screened (year to date)",
    left: { dataElements: ["cataract_surgeries"] },
    operator: "<=",
    right: { dataElements: ["cataract_screened"] },
    importance: "medium",
    span: "yearToDate",
    source: "DOMAIN.md §4: 156 surgeries of 438 screened; an operation follows its screening, in the same month or later",
    basisZh: "手术在筛查之后（当月或以后）进行（年度报告：筛查438人，手术156例）",
    basisEn: "An operation follows its screening, in the same month or later (annual report: 438 screened, 156 operations)",
    indicator: null,
  },
];

/** Every validation rule: the catalogue's rates first (in its order), then the domain's other rules. */
export const VALIDATION_RULES: readonly ValidationRule[] = [...INDICATORS.filter((i) => i.denominator !== null).map(rateRule), ...DOMAIN_RULES];

const BY_CODE = new Map(VALIDATION_RULES.map((r) => [r.code, r]));

export class UnknownValidationRule extends Error {
  constructor(readonly code: string) {
    super(`Unknown validation rule "${code}" / 未知的校验规则. Valid rules: ${[...BY_CODE.keys()].join(", ")}`);
    this.name = "UnknownValidationRule";
  }
}

/** The rule with this code; throws {@link UnknownValidationRule}. */
export function validationRule(code: string): ValidationRule {
  const r = BY_CODE.get(code);
  if (!r) throw new UnknownValidationRule(code);
  return r;
}

// Fail at load time on a typo in a rule.
for (const r of VALIDATION_RULES) [...r.left.dataElements, ...r.right.dataElements].forEach(dataElement);

/**
 * A broken rule for one org unit (with everything below it) and one month.
 * `leftSum`/`rightSum` are the sums of the sides' data elements (counts or
 * CNY); `left`/`right` the same times the side's factor, as compared.
 */
export interface ValidationViolation {
  readonly rule: string;
  readonly orgUnit: string;
  /** The month checked, `YYYY-MM`. */
  readonly period: string;
  readonly left: number;
  readonly right: number;
  readonly leftSum: number;
  readonly rightSum: number;
  readonly importance: ValidationImportance;
}

const EPSILON = 1e-6;

/** True when `left operator right` holds (exact up to 1e-6). */
export function ruleHolds(operator: ValidationOperator, left: number, right: number): boolean {
  if (operator === "==") return Math.abs(left - right) <= EPSILON;
  if (operator === "<=") return left <= right + EPSILON;
  return left >= right - EPSILON;
}

/** Σ of the side's data elements over the units and months (the evaluator's aggregation); null when none has a value. */
function sideSum(index: DataValueIndex, side: ValidationExpression, units: readonly string[], months: readonly string[]): number | null {
  let sum: number | null = null;
  for (const code of side.dataElements) {
    const v = index.aggregate(code, units, months);
    if (v !== null) sum = (sum ?? 0) + v;
  }
  return sum;
}

/**
 * Checks every rule for every org unit (each with its whole subtree, values
 * summed over it) and every month, with the reference evaluator's
 * aggregation (`DataValueIndex.aggregate`: flows summed, stocks as each
 * unit's last value in the span). `index` must hold the months from January
 * of each month's year for the year-to-date rules. Returns the violations in
 * the order month, org unit (as given), rule (as given).
 * Throws UnknownOrgUnit / InvalidPeriod for bad input; `months` must be months.
 */
export function evaluateValidationRules(
  rules: readonly ValidationRule[],
  index: DataValueIndex,
  tree: OrgUnitTree,
  orgUnits: readonly string[],
  months: readonly string[],
): ValidationViolation[] {
  const subtrees = orgUnits.map((code) => ({ code, units: tree.subtree(code).map((u) => u.code) }));
  const out: ValidationViolation[] = [];
  for (const month of months) {
    if (parsePeriod(month).type !== "month") throw new Error(`evaluateValidationRules: ${month} is not a month`);
    const spans: Record<ValidationSpan, readonly string[]> = { month: [month], yearToDate: yearToDateMonths(month) };
    for (const { code, units } of subtrees) {
      for (const rule of rules) {
        const leftSum = sideSum(index, rule.left, units, spans[rule.span]);
        const rightSum = sideSum(index, rule.right, units, spans[rule.span]);
        if (leftSum === null || rightSum === null) continue;
        const left = leftSum * (rule.left.factor ?? 1);
        const right = rightSum * (rule.right.factor ?? 1);
        if (!ruleHolds(rule.operator, left, right)) {
          out.push({ rule: rule.code, orgUnit: code, period: month, left, right, leftSum, rightSum, importance: rule.importance });
        }
      }
    }
  }
  return out;
}

const NEGATED: Record<ValidationOperator, string> = { "<=": ">", "==": "≠", ">=": "<" };

const elementNames = (codes: readonly string[], locale: Locale) =>
  codes.map((c) => (locale === "zh-CN" ? dataElement(c).nameZh : dataElement(c).nameEn)).join(" + ");

/** A side's name in a message: its own, or its data elements'; flows of a year-to-date rule say so. */
export function expressionName(rule: ValidationRule, side: "left" | "right", locale: Locale): string {
  const e = rule[side];
  const own = locale === "zh-CN" ? e.nameZh : e.nameEn;
  const name = own ?? elementNames(e.dataElements, locale);
  const flow = e.dataElements.some((c) => dataElement(c).aggregationType === "flow");
  if (rule.span !== "yearToDate" || !flow) return name;
  return locale === "zh-CN" ? `${name}（年初至本月）` : `${name} (year to date)`;
}

function sideText(rule: ValidationRule, side: "left" | "right", sum: number, locale: Locale): string {
  const factor = rule[side].factor;
  const name = expressionName(rule, side, locale);
  if (factor === undefined || factor === 1) return `${name} ${formatNumber(sum, locale)}`;
  return `${name} ${formatNumber(sum, locale)} × ${formatNumber(factor, locale)} = ${formatNumber(sum * factor, locale)}`;
}

/**
 * The violation in words: "护理补贴金额 48,000 ≠ 护理补贴人数 399 × 100 = 39,900"
 * / "Nursing subsidy paid (CNY) 48,000 ≠ Nursing subsidy recipients 399 × 100 = 39,900".
 * Throws UnknownValidationRule for a rule not in {@link VALIDATION_RULES}.
 */
export function violationText(v: Pick<ValidationViolation, "rule" | "leftSum" | "rightSum">, locale: Locale): string {
  const rule = validationRule(v.rule);
  return `${sideText(rule, "left", v.leftSum, locale)} ${NEGATED[rule.operator]} ${sideText(rule, "right", v.rightSum, locale)}`;
}

