import { describe, expect, it } from "vitest";
import {
  DATA_ELEMENTS,
  dataElement,
  expectedValue,
  INDICATORS,
  indicator,
  InvalidOrgUnitTree,
  LINZE_TOWNSHIPS,
  linzeOrgUnits,
  linzeOrgUnitTree,
  OrgUnitTree,
  progressToDate,
  targetStatus,
  UnknownDataElement,
} from "../src/index.ts";

describe("Linze org units (DOMAIN.md §1, §4)", () => {
  const tree = linzeOrgUnitTree();
  it("has the county, 7 townships, 71 villages and 5 communities", () => {
    expect(tree.atLevel(1).map((u) => u.code)).toEqual(["LZ"]);
    expect(tree.atLevel(2).map((u) => u.code).sort()).toEqual(["LZ-BQ", "LZ-LQ", "LZ-NJY", "LZ-PC", "LZ-SH", "LZ-XH", "LZ-YN"]);
    const level3 = tree.atLevel(3);
    expect(level3.filter((u) => /-V\d\d$/.test(u.code))).toHaveLength(71);
    const communities = level3.filter((u) => /-C\d\d$/.test(u.code));
    expect(communities).toHaveLength(5);
    expect(new Set(communities.map((u) => u.parent))).toEqual(new Set(["LZ-SH"]));
    expect(tree.get("LZ-SH-V03").nameZh).toBe("沙河镇 3号村");
  });

  it("walks the tree", () => {
    expect(tree.subtree("LZ")).toHaveLength(84);
    expect(tree.subtree("LZ-SH")).toHaveLength(1 + 12 + 5);
    expect(tree.ancestors("LZ-SH-V03").map((u) => u.code)).toEqual(["LZ", "LZ-SH"]);
    expect(tree.closure()).toHaveLength(84 + 83 + 76); // self + a parent for 83 + a grandparent for 76
    expect(tree.children("LZ-YN").map((u) => u.code)[0]).toBe("LZ-YN-V01");
  });

  it("lists the townships in the report's order (DOMAIN.md §1), whatever order they are given in; villages by number", () => {
    const report = ["LZ-SH", "LZ-XH", "LZ-LQ", "LZ-PC", "LZ-BQ", "LZ-YN", "LZ-NJY"];
    expect(LINZE_TOWNSHIPS.map((t) => t.code)).toEqual(report);
    expect(tree.children("LZ").map((u) => u.nameZh)).toEqual(["沙河镇", "新华镇", "蓼泉镇", "平川镇", "板桥镇", "鸭暖镇", "倪家营镇"]);
    const shuffled = new OrgUnitTree([...linzeOrgUnits()].sort((a, b) => (a.code < b.code ? 1 : -1)));
    expect(shuffled.children("LZ").map((u) => u.code)).toEqual(report);
    expect(shuffled.atLevel(2).map((u) => u.code)).toEqual(report);
    expect(shuffled.children("LZ-SH").map((u) => u.code).slice(3, 8)).toEqual(["LZ-SH-C04", "LZ-SH-C05", "LZ-SH-V01", "LZ-SH-V02", "LZ-SH-V03"]);
    expect(shuffled.children("LZ-SH").map((u) => u.code).slice(-3)).toEqual(["LZ-SH-V10", "LZ-SH-V11", "LZ-SH-V12"]);
  });

  it("rejects a broken tree", () => {
    expect(() => new OrgUnitTree([{ code: "A", parent: "B", level: 2, nameZh: "甲", nameEn: "A" }])).toThrow(InvalidOrgUnitTree);
  });
});

describe("catalogue", () => {
  it("has every data element of DOMAIN.md §5 with its aggregation type", () => {
    expect(DATA_ELEMENTS).toHaveLength(51);
    expect(dataElement("associations_established").aggregationType).toBe("stock");
    expect(dataElement("nursing_subsidy_recipients").aggregationType).toBe("stock");
    expect(dataElement("nursing_subsidy_cny")).toMatchObject({ aggregationType: "flow", valueType: "cny" });
    expect(dataElement("school_age_children").nameZh).toBe("适龄残疾儿童少年数");
    expect(() => dataElement("nope")).toThrow(UnknownDataElement);
  });

  it("has every indicator of DOMAIN.md §4 with the report's targets", () => {
    expect(INDICATORS.map((i) => i.code)).toHaveLength(12);
    expect(indicator("enrollment_rate").target?.value).toBe(95);
    expect(indicator("subsidy_paid_cny").target?.value).toBe(1_856_400);
    expect(indicator("subsidy_recipients").numerator).toHaveLength(4);
  });
});

describe("targets (DOMAIN.md §3)", () => {
  const surgeries = indicator("cataract_surgeries");
  const enrollment = indicator("enrollment_rate");
  it("pro-rates flow counts by months elapsed and compares rates as they are", () => {
    expect(expectedValue(surgeries, 1, "2016Q1")).toBe(39); // 156 × 3 / 12
    expect(expectedValue(surgeries, 1, "2016-06")).toBe(13);
    expect(expectedValue(surgeries, 1, "2016")).toBe(156);
    expect(expectedValue(surgeries, 2, "2016")).toBeNull(); // the county's total is not a township's target
    expect(expectedValue(enrollment, 2, "2016Q1")).toBe(95);
    expect(expectedValue(indicator("subsidy_recipients"), 1, "2016Q1")).toBe(1688); // a stock is not pro-rated
  });

  it("gives a status in words", () => {
    expect(targetStatus(enrollment, 2, "2016", 95)).toBe("met");
    expect(targetStatus(enrollment, 2, "2016", 94.9)).toBe("near");
    expect(targetStatus(enrollment, 2, "2016", 89.9)).toBe("below");
    expect(targetStatus(enrollment, 2, "2016", null)).toBe("noValue");
    expect(targetStatus(surgeries, 1, "2016Q1", 36)).toBe("near"); // ≥ 90 % of 39
    expect(targetStatus(surgeries, 1, "2016Q1", 35)).toBe("below");
    expect(targetStatus(surgeries, 2, "2016Q1", 35)).toBe("noTarget");
  });

  describe("progressToDate: a flow count from January against annual × months elapsed / 12", () => {
    // The report's 156 surgeries, 13 a month, none in December: December alone is 0 against a month's share,
    // but the year to date through December is 156 against 156 × 12 / 12 = 156.
    const monthly = (m: string) => (m === "2016-12" ? 0 : 156 / 11);
    it("reads December as the year to December, not as December's share", () => {
      expect(targetStatus(surgeries, 1, "2016-12", 0)).toBe("below");
      const p = progressToDate(surgeries, 1, "2016-12", monthly)!;
      expect(p.months).toHaveLength(12);
      expect(p.value).toBeCloseTo(156, 9);
      expect(p.expected).toBe(156);
      expect(p.status).toBe("met");
    });
    it("paces a quarter by the months from January: 2016Q3 is January–September against 156 × 9 / 12 = 117", () => {
      // 12 a month: 108 by September, ≥ 90 % of 117 (105.3) → near; 11 a month: 99 → below.
      expect(progressToDate(surgeries, 1, "2016Q3", () => 12)).toMatchObject({ value: 108, expected: 117, status: "near" });
      expect(progressToDate(surgeries, 1, "2016Q3", () => 11)).toMatchObject({ value: 99, expected: 117, status: "below" });
      expect(progressToDate(surgeries, 1, "2016Q3", () => 13)).toMatchObject({ value: 117, status: "met" });
    });
    it("leaves out months without a value and gives no value when none has one", () => {
      expect(progressToDate(surgeries, 1, "2016-03", (m) => (m === "2016-02" ? null : 20))).toMatchObject({ value: 40, expected: 39 });
      expect(progressToDate(surgeries, 1, "2016-03", () => null)).toMatchObject({ value: null, status: "noValue" });
    });
    it("is not how rates, stocks, a year or a level without a target are read", () => {
      expect(progressToDate(enrollment, 1, "2016-06", () => 96)).toBeNull();
      expect(progressToDate(indicator("subsidy_recipients"), 1, "2016-06", () => 1700)).toBeNull();
      expect(progressToDate(surgeries, 1, "2016", () => 13)).toBeNull();
      expect(progressToDate(surgeries, 2, "2016-06", () => 13)).toBeNull();
    });
  });
});
