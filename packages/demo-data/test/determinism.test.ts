import { describe, expect, it } from "vitest";
import { linzeOrgUnits } from "@linze/domain";
import { checkReportTotals, DEMO_SEED, generateLinzeDemoData } from "../src/breakdown.ts";
import { dataValuesCsv, orgUnitsCsv } from "../src/csv.ts";
import { committedData } from "./committed-data.ts";

describe("generation is deterministic", () => {
  const { orgUnitsText, dataValuesText } = committedData();

  it("generating again gives byte-identical CSV text to the committed files", () => {
    const data = generateLinzeDemoData();
    expect(orgUnitsCsv(data.orgUnits)).toBe(orgUnitsText);
    expect(dataValuesCsv(data.dataValues)).toBe(dataValuesText);
  });

  it("the committed files use LF line endings, end with a newline and carry the documented headers", () => {
    expect(dataValuesText).not.toContain("\r");
    expect(orgUnitsText).not.toContain("\r");
    expect(dataValuesText.endsWith("\n")).toBe(true);
    expect(dataValuesText.split("\n", 1)[0]).toBe("org_unit,period,data_element,value");
    expect(orgUnitsText.split("\n", 1)[0]).toBe("code,parent,level,name_zh,name_en");
  });

  it("the seed decides the breakdown, and any seed still reproduces the report's totals", () => {
    const other = generateLinzeDemoData(DEMO_SEED + 1);
    expect(dataValuesCsv(other.dataValues)).not.toBe(dataValuesText);
    const codes = linzeOrgUnits().map((u) => u.code);
    for (const seed of [1, 2, 3, 42, 2016]) {
      expect(checkReportTotals(generateLinzeDemoData(seed).dataValues, codes)).toEqual([]);
    }
  });

  it("checkReportTotals notices a total that is off by one", () => {
    const data = generateLinzeDemoData();
    const codes = data.orgUnits.map((u) => u.code);
    const i = data.dataValues.findIndex((v) => v.dataElement === "cataract_surgeries" && v.value > 0);
    const broken = data.dataValues.map((v, k) => (k === i ? { ...v, value: v.value - 1 } : v));
    expect(checkReportTotals(broken, codes)).toEqual(["cataract_surgeries: expected 156, got 155"]);
  });
});
