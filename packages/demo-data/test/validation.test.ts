/**
 * The validation rules of @linze/domain on the committed demo data, county
 * and townships, every month of 2016. The domain's rules find exactly the
 * arrears of the three monthly subsidies: a village that sent no report
 * for a month has that month's payments reported with its next report
 * (data/README.md), so the next month's amount is 100 CNY per person more
 * than its roll for each of them. Nothing else is broken.
 */
import { describe, expect, it } from "vitest";
import { evaluateValidationRules, monthsOf, nextPeriod, VALIDATION_RULES } from "@linze/domain";
import { committedData } from "./committed-data.ts";

const SUBSIDIES = [
  ["nursing_subsidy_monthly_rate", "nursing_subsidy_recipients"],
  ["living_subsidy_monthly_rate", "living_subsidy_recipients"],
  ["elderly_allowance_monthly_rate", "elderly_allowance_recipients"],
] as const;

describe("validation rules on the demo data (2016, county and the 7 townships)", () => {
  const { tree, index, values } = committedData();
  const units = ["LZ", ...tree.children("LZ").map((u) => u.code)];
  const violations = evaluateValidationRules(VALIDATION_RULES, index, tree, units, monthsOf("2016"));

  it("30 violations, all of the monthly subsidy rules, in the month after a village missed its report, by 100 CNY a person on the missed roll", () => {
    // The village-months without any row, read from the file.
    const reported = new Set(values.map((v) => `${v.orgUnit}|${v.period}`));
    const missed = tree.atLevel(3).flatMap((v) => monthsOf("2016").filter((m) => !reported.has(`${v.code}|${m}`)).map((m) => ({ village: v.code, month: m })));
    expect(missed).toHaveLength(9);
    // Expected: for the village's township and the county, in the next month, amount − roll × 100 = 100 × the missed villages' rolls.
    const expected = new Map<string, number>();
    for (const { village, month } of missed) {
      for (const unit of ["LZ", tree.get(village).parent!]) {
        for (const [rule, recipients] of SUBSIDIES) {
          const key = `${nextPeriod(month)}|${unit}|${rule}`;
          expected.set(key, (expected.get(key) ?? 0) + 100 * index.get(village, nextPeriod(month), recipients)!);
        }
      }
    }
    const found = new Map(violations.map((v) => [`${v.period}|${v.orgUnit}|${v.rule}`, v.left - v.right]));
    expect(found).toEqual(expected);
    expect(violations).toHaveLength(30);
    // 3 subsidies × (March: the county + 蓼泉, 平川, 鸭暖, 倪家营; August: the county + 新华, 鸭暖; December: the county + 平川),
    // the townships in the report's order.
    expect([...new Set(violations.map((v) => `${v.period} ${v.orgUnit}`))]).toEqual([
      "2016-03 LZ", "2016-03 LZ-LQ", "2016-03 LZ-PC", "2016-03 LZ-YN", "2016-03 LZ-NJY",
      "2016-08 LZ", "2016-08 LZ-XH", "2016-08 LZ-YN",
      "2016-12 LZ", "2016-12 LZ-PC",
    ]);
  });

  it("one by hand: 平川镇 in December pays 7,600 for a roll of 67 (6,700) — LZ-PC-V01 missed November and carries its 9 persons' 900", () => {
    const v = violations.find((x) => x.orgUnit === "LZ-PC" && x.period === "2016-12" && x.rule === "nursing_subsidy_monthly_rate")!;
    expect([v.left, v.right, v.rightSum]).toEqual([7600, 6700, 67]);
    expect(index.get("LZ-PC-V01", "2016-12", "nursing_subsidy_recipients")).toBe(9);
    expect(index.get("LZ-PC-V01", "2016-12", "nursing_subsidy_cny")).toBe(1800);
  });

  it("no other rule is broken: rates within their denominators (updates against certified persons as last reported), fuel within a year's 260 per person", () => {
    expect(violations.filter((v) => !SUBSIDIES.some(([rule]) => rule === v.rule))).toEqual([]);
  });
});
