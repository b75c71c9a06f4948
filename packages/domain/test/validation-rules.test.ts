import { describe, expect, it } from "vitest";
import {
  DataValueIndex,
  evaluateIndicator,
  evaluateValidationRules,
  indicator,
  INDICATORS,
  ruleHolds,
  UnknownValidationRule,
  VALIDATION_RULES,
  validationRule,
  violationText,
  type ValidationRule,
} from "../src/index.ts";
import { dv, smallTree } from "./builders.ts";

const tree = smallTree();
const rule = (code: string) => validationRule(code);
const check = (rules: readonly ValidationRule[], values: Parameters<typeof dv>[], units: string[], months: string[]) =>
  evaluateValidationRules(rules, new DataValueIndex(values.map((v) => dv(...v))), tree, units, months);

describe("the rules", () => {
  it("numerator ≤ denominator for every rate of the catalogue, derived from it", () => {
    const rates = INDICATORS.filter((i) => i.denominator !== null);
    expect(rates.map((i) => i.code)).toEqual([
      "enrollment_rate",
      "rehab_effectiveness_rate",
      "parent_satisfaction_rate",
      "association_coverage",
      "venue_coverage",
      "work_activity_coverage",
      "committee_staffing_rate",
      "record_update_rate",
      "rights_case_closure_rate",
    ]);
    for (const ind of rates) {
      const r = rule(`${ind.code}_numerator_le_denominator`);
      expect(r.left.dataElements).toEqual(ind.numerator);
      expect(r.right.dataElements).toEqual(ind.denominator);
      expect(r.operator).toBe("<=");
      expect(r.indicator).toBe(ind.code);
      expect(r.source).toBe(`derived from indicator ${ind.code} (DOMAIN.md §4)`);
    }
  });

  it("every rule's basis, as users read it, is in Chinese and in English and names no developer document", () => {
    for (const r of VALIDATION_RULES) {
      expect(r.basisZh, r.code).toMatch(/[\u4e00-\u9fff]/);
      expect(r.basisEn, r.code).not.toMatch(/[\u4e00-\u9fff]/);
      expect(`${r.basisZh} ${r.basisEn}`, r.code).not.toMatch(/DOMAIN\.md|derived from/);
    }
    expect(rule("enrollment_rate_numerator_le_denominator").basisZh).toBe("“适龄残疾儿童少年入学率”是比率，分子不会超过分母（比率不超过100%）");
  });

  it("the stocks the brief names are covered: village counts ≤ villages_total, in post ≤ posts, paid ≤ in post, enrolled ≤ school-age", () => {
    const pairs = VALIDATION_RULES.filter((r) => r.operator === "<=").map((r) => `${r.left.dataElements.join("+")} <= ${r.right.dataElements.join("+")}`);
    for (const p of [
      "associations_established <= villages_total",
      "activity_venues <= villages_total",
      "villages_work_active <= villages_total",
      "committee_members_in_post <= committee_member_posts",
      "committee_members_paid <= committee_members_in_post",
      "children_enrolled <= school_age_children",
      "rights_cases_closed+petitions_closed <= rights_cases_received+petitions_received",
      "articles_national_site+articles_city_daily <= articles_published",
      "cataract_surgeries <= cataract_screened",
    ]) {
      expect(pairs).toContain(p);
    }
    expect(new Set(VALIDATION_RULES.map((r) => r.code)).size).toBe(VALIDATION_RULES.length);
  });

  it("the three 1,200 CNY-a-year subsidies are amount = recipients × 100; fuel has only a ceiling of 260 a person", () => {
    for (const [code, amount, recipients] of [
      ["nursing_subsidy_monthly_rate", "nursing_subsidy_cny", "nursing_subsidy_recipients"],
      ["living_subsidy_monthly_rate", "living_subsidy_cny", "living_subsidy_recipients"],
      ["elderly_allowance_monthly_rate", "elderly_allowance_cny", "elderly_allowance_recipients"],
    ] as const) {
      const r = rule(code);
      expect([r.left.dataElements, r.operator, r.right.dataElements, r.right.factor, r.span]).toEqual([[amount], "==", [recipients], 100, "month"]);
    }
    // 46,800 CNY for 180 persons (DOMAIN.md §5).
    expect(46_800 / 180).toBe(260);
    const fuel = rule("fuel_subsidy_annual_ceiling");
    expect([fuel.operator, fuel.right.factor]).toEqual(["<=", 260]);
    expect(VALIDATION_RULES.filter((r) => r.left.dataElements.includes("fuel_subsidy_cny") && r.operator === "==")).toEqual([]);
  });

  it("a monthly check is year to date where a flow is compared (closed after received, updates since January), else the month", () => {
    const spans = Object.fromEntries(VALIDATION_RULES.map((r) => [r.code, r.span]));
    expect(spans).toMatchObject({
      enrollment_rate_numerator_le_denominator: "month",
      association_coverage_numerator_le_denominator: "month",
      committee_staffing_rate_numerator_le_denominator: "month",
      record_update_rate_numerator_le_denominator: "yearToDate",
      rights_case_closure_rate_numerator_le_denominator: "yearToDate",
      rehab_effectiveness_rate_numerator_le_denominator: "yearToDate",
      nursing_subsidy_monthly_rate: "month",
      cataract_surgeries_le_screened: "yearToDate",
    });
  });

  it("an unknown rule code throws a named error listing the rules", () => {
    expect(() => validationRule("nope")).toThrow(UnknownValidationRule);
    expect(() => validationRule("nope")).toThrow(/Valid rules: enrollment_rate_numerator_le_denominator, /);
  });

  it("compares exactly up to 1e-6", () => {
    expect(ruleHolds("==", 0.1 + 0.2, 0.3)).toBe(true);
    expect(ruleHolds("==", 48_000, 39_900)).toBe(false);
    expect(ruleHolds("<=", 5, 5)).toBe(true);
    expect(ruleHolds("<=", 5.01, 5)).toBe(false);
    expect(ruleHolds(">=", 4.99, 5)).toBe(false);
    expect(ruleHolds(">=", 5, 5)).toBe(true);
  });
});

describe("evaluation per township-month and county-month", () => {
  const nursing = [rule("nursing_subsidy_monthly_rate")];

  it("sums the township's villages: 3 + 2 recipients → 500 expected, 300 + 400 paid → a violation 700 ≠ 500; the county adds T-B", () => {
    const values: Parameters<typeof dv>[] = [
      ["T-A-V01", "2016-03", "nursing_subsidy_recipients", 3], ["T-A-V01", "2016-03", "nursing_subsidy_cny", 300],
      ["T-A-V02", "2016-03", "nursing_subsidy_recipients", 2], ["T-A-V02", "2016-03", "nursing_subsidy_cny", 400],
      ["T-B-V01", "2016-03", "nursing_subsidy_recipients", 4], ["T-B-V01", "2016-03", "nursing_subsidy_cny", 400],
    ];
    const v = check(nursing, values, ["T", "T-A", "T-B"], ["2016-03"]);
    // T: 300 + 400 + 400 = 1,100 paid; (3 + 2 + 4) × 100 = 900. T-A: 700 vs 500. T-B: 400 = 4 × 100, no violation.
    expect(v).toEqual([
      { rule: "nursing_subsidy_monthly_rate", orgUnit: "T", period: "2016-03", left: 1100, right: 900, leftSum: 1100, rightSum: 9, importance: "high" },
      { rule: "nursing_subsidy_monthly_rate", orgUnit: "T-A", period: "2016-03", left: 700, right: 500, leftSum: 700, rightSum: 5, importance: "high" },
    ]);
    expect(violationText(v[1]!, "zh-CN")).toBe("护理补贴金额 700 ≠ 护理补贴人数 5 × 100 = 500");
    expect(violationText(v[0]!, "en")).toBe("Nursing subsidy paid (CNY) 1,100 ≠ Nursing subsidy recipients 9 × 100 = 900");
  });

  it("a side with no value is skipped (missing is not 0)", () => {
    const v = check(nursing, [["T-C-V01", "2016-03", "nursing_subsidy_cny", 300]], ["T-C"], ["2016-03"]);
    expect(v).toEqual([]);
  });

  it("stocks are the month's value: enrolled 5 of 5 in February, 5 of 4 in March → March only", () => {
    const enrollment = [rule("enrollment_rate_numerator_le_denominator")];
    const v = check(
      enrollment,
      [
        ["T-A-V01", "2016-02", "children_enrolled", 5], ["T-A-V01", "2016-02", "school_age_children", 5],
        ["T-A-V01", "2016-03", "children_enrolled", 5], ["T-A-V01", "2016-03", "school_age_children", 4],
      ],
      ["T-A"],
      ["2016-02", "2016-03"],
    );
    expect(v.map((x) => [x.period, x.left, x.right])).toEqual([["2016-03", 5, 4]]);
    expect(violationText(v[0]!, "zh-CN")).toBe("已入学适龄残疾儿童少年数 5 > 适龄残疾儿童少年数 4");
  });

  it("rights cases: one received in March and closed in April holds; a second closing in May breaks May (2 > 1, year to date)", () => {
    const closure = [rule("rights_case_closure_rate_numerator_le_denominator")];
    const values: Parameters<typeof dv>[] = [
      ["T-A", "2016-03", "rights_cases_received", 1],
      ["T-A", "2016-04", "rights_cases_closed", 1],
      ["T-A", "2016-05", "rights_cases_closed", 1],
    ];
    const v = check(closure, values, ["T-A"], ["2016-03", "2016-04", "2016-05"]);
    expect(v.map((x) => [x.period, x.left, x.right])).toEqual([["2016-05", 2, 1]]);
    expect(violationText(v[0]!, "en")).toBe(
      "Rights cases closed + Online petitions closed (year to date) 2 > Rights cases received + Online petitions received (year to date) 1",
    );
  });

  it("record updates since January against certified persons as last reported: a village missing February does not break the rule, an extra update does", () => {
    const update = [rule("record_update_rate_numerator_le_denominator")];
    const values: Parameters<typeof dv>[] = [
      ["T-A-V01", "2016-01", "certified_persons", 10], ["T-A-V01", "2016-01", "records_updated", 4],
      ["T-A-V01", "2016-02", "certified_persons", 10], ["T-A-V01", "2016-02", "records_updated", 6],
      ["T-A-V01", "2016-03", "certified_persons", 10], ["T-A-V01", "2016-03", "records_updated", 1],
      // V02 reports January and March, not February.
      ["T-A-V02", "2016-01", "certified_persons", 5], ["T-A-V02", "2016-01", "records_updated", 5],
      ["T-A-V02", "2016-03", "certified_persons", 5], ["T-A-V02", "2016-03", "records_updated", 0],
    ];
    const v = check(update, values, ["T-A"], ["2016-01", "2016-02", "2016-03"]);
    // February: 4 + 6 + 5 = 15 updated ≤ 10 + 5 (V02's January) = 15. March: 16 > 15.
    expect(v.map((x) => [x.period, x.left, x.right])).toEqual([["2016-03", 16, 15]]);
    // The indicator itself, over February alone, reads 15 / 10 = 150 %: a missing report, which completeness shows.
    const feb = evaluateIndicator(indicator("record_update_rate"), new DataValueIndex(values.map((x) => dv(...x))), tree, "T-A", "2016-02");
    expect(feb).toEqual({ numerator: 15, denominator: 10, value: 150 });
  });

  it("posts ≥ villages: 3 posts for 4 villages is a violation written with <", () => {
    const v = check([rule("committee_posts_ge_villages")], [["T-B", "2016-06", "committee_member_posts", 3], ["T-B", "2016-06", "villages_total", 4]], ["T"], ["2016-06"]);
    expect(v.map((x) => [x.orgUnit, x.left, x.right])).toEqual([["T", 3, 4]]);
    expect(violationText(v[0]!, "zh-CN")).toBe("专职委员应配人数 3 < 村（社区）总数 4");
  });

  it("refuses a period that is not a month", () => {
    expect(() => check(nursing, [], ["T"], ["2016Q1"])).toThrow(/not a month/);
  });
});
