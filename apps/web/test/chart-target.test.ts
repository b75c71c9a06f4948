/**
 * Chart summaries name the target (issue 7 point 3): the sentence for the
 * latest month and the count of units meeting it, in both languages. Targets
 * from DOMAIN.md §4: enrollment rate ≥ 95 % for every org unit; cataract
 * surgeries 156 a year for the county only (pro-rated by months elapsed).
 */
import { describe, expect, it } from "vitest";
import { indicator } from "@linze/domain";
import { summariseRankingTarget } from "../src/charts/summary.ts";
import { latestAgainstTarget, targetText } from "../src/charts/target-text.ts";
import { createI18n } from "../src/i18n/index.ts";

const zh = createI18n("zh-CN");
const en = createI18n("en");
const enrollment = indicator("enrollment_rate");
const cataract = indicator("cataract_surgeries");

describe("latestAgainstTarget", () => {
  it("says the latest month's value against the 95 % enrollment target, in Chinese and English", () => {
    const points = [
      { month: "2016-11", value: 94 },
      { month: "2016-12", value: 96.2 },
    ];
    expect(latestAgainstTarget(enrollment, { name: "沙河镇", level: 2 }, enrollment.nameZh, points, "zh-CN", zh.t)).toBe(
      `2016年12月沙河镇${enrollment.nameZh}为96.2%，高于目标95.0%（达标）。`,
    );
    expect(latestAgainstTarget(enrollment, { name: "Shahe", level: 2 }, enrollment.nameEn, points, "en", en.t)).toBe(
      `Dec 2016, Shahe, ${enrollment.nameEn}: 96.2%, above the target of 95.0% (Target met).`,
    );
  });
  it("skips months without a value and says below, near target", () => {
    const points = [
      { month: "2016-10", value: 91.5 },
      { month: "2016-11", value: null },
    ];
    expect(latestAgainstTarget(enrollment, { name: "新华镇", level: 2 }, "入学率", points, "zh-CN", zh.t)).toBe("2016年10月新华镇入学率为91.5%，低于目标95.0%（接近目标）。");
  });
  it("does not contradict the shown figures when the values differ beyond one decimal", () => {
    expect(latestAgainstTarget(enrollment, { name: "A", level: 3 }, "入学率", [{ month: "2016-06", value: 94.96 }], "zh-CN", zh.t)).toBe(
      "2016年6月A入学率为95.0%，略低于目标95.0%（接近目标）。",
    );
  });
  it("reads a county flow count as its year to the latest month against the annual target paced to it (156 surgeries → 13 a month), and gives a township none", () => {
    // January to June at 13 a month: 78 against 156 × 6 / 12 = 78.
    const half = (june: number) =>
      latestAgainstTarget(cataract, { name: "临泽县", level: 1 }, "白内障复明手术", [...["01", "02", "03", "04", "05"].map((m) => ({ month: `2016-${m}`, value: 13 })), { month: "2016-06", value: june }], "zh-CN", zh.t);
    expect(half(13)).toBe("年初至2016年6月临泽县白内障复明手术为78，等于目标78（达标）。");
    // 90 % of 78 is 70.2: 65 + 6 = 71 is near, 65 + 5 = 70 below.
    expect(half(6)).toBe("年初至2016年6月临泽县白内障复明手术为71，低于目标78（接近目标）。");
    expect(half(5)).toBe("年初至2016年6月临泽县白内障复明手术为70，低于目标78（未达标）。");
    // The report's year: 156 by November, none in December. December alone is 0 against 13, the year to December 156 against 156.
    const year = [...Array.from({ length: 11 }, (_, i) => ({ month: `2016-${String(i + 1).padStart(2, "0")}`, value: i < 10 ? 14 : 16 })), { month: "2016-12", value: 0 }];
    expect(latestAgainstTarget(cataract, { name: "临泽县", level: 1 }, "白内障复明手术", year, "zh-CN", zh.t)).toBe("年初至2016年12月临泽县白内障复明手术为156，等于目标156（达标）。");
    expect(latestAgainstTarget(cataract, { name: "Linze", level: 1 }, "cataract surgeries", year, "en", en.t)).toBe("January to Dec 2016, Linze, cataract surgeries: 156, equal to the target of 156 (Target met).");
    expect(latestAgainstTarget(cataract, { name: "沙河镇", level: 2 }, "白内障复明手术", [{ month: "2016-06", value: 13 }], "zh-CN", zh.t)).toBe("");
  });
});

describe("summariseRankingTarget", () => {
  it("counts the units that met the target and names the others (near counts as not met)", () => {
    const target = targetText(enrollment, 2, "2016", "zh-CN", zh.t)!;
    expect(target).toBe("≥ 95.0%");
    const items = [
      { label: "沙河镇", status: "met" as const },
      { label: "新华镇", status: "near" as const },
      { label: "蓼泉镇", status: "below" as const },
      { label: "平川镇", status: "noValue" as const },
    ];
    expect(summariseRankingTarget(items, target, zh.t)).toBe("目标≥ 95.0%：1个达标，2个未达到（新华镇、蓼泉镇）。");
    expect(summariseRankingTarget(items.slice(0, 1), target, en.t)).toBe("Target ≥ 95.0%: 1 met it.");
    expect(summariseRankingTarget([{ label: "x", status: "noTarget" }], target, zh.t)).toBe("");
  });
});
