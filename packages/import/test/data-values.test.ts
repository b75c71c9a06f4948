import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse, utf8Csv } from "./builders.ts";

describe("data/linze/data_values.csv (the generated demo data, long layout)", () => {
  it("parses to its 28,821 values with no problem", async () => {
    const bytes = new Uint8Array(readFileSync(new URL("../../../data/linze/data_values.csv", import.meta.url)));
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split("\n");
    const r = await parse(bytes, "data_values.csv");
    expect(r.problems).toEqual([]);
    expect(r.layout).toBe("long");
    expect(r.encoding).toBe("utf-8");
    expect(r.values).toHaveLength(28_821);
    expect(r.rowsRead).toBe(28_821);
    expect(lines).toHaveLength(28_822); // the header and one line per value
    // Every line comes back as written: the file already holds canonical values.
    const written = lines.slice(1).map((l) => l.trim());
    expect(r.values.map((v) => `${v.orgUnit},${v.period},${v.dataElement},${v.value}`)).toEqual(written);
    // data/README.md: the report's 2016 county total of nursing subsidies paid is 478,800 CNY.
    const nursing = r.values.filter((v) => v.dataElement === "nursing_subsidy_cny").reduce((s, v) => s + Number(v.value), 0);
    expect(nursing).toBe(478_800);
    expect(r.fileSha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });
});

describe("where a value's org unit and month were read", () => {
  const sources = (r: Awaited<ReturnType<typeof parse>>) => r.values.map((v) => [v.dataElement, v.orgUnitSource, v.periodSource]);

  it("long rows: the row's org unit and period cells, as written", async () => {
    const r = await parse(utf8Csv(["org_unit,period,data_element,value", "沙河镇 1号村,2016年3月,cataract_screened,3"]), "long.csv");
    expect(sources(r)).toEqual([
      ["cataract_screened", { row: 2, column: "A", header: "org_unit", written: "沙河镇 1号村" }, { row: 2, column: "B", header: "period", written: "2016年3月" }],
    ]);
  });

  it("wide rows: every value of a row shares the row's cells; a month from the title points at the title row, one from options.period at no cell", async () => {
    const titled = await parse(utf8Csv(["沙河镇2016年3月报表,", "单位,白内障筛查人数,免费体检人数", "LZ-SH-V01,3,4"]), "wide.csv");
    const orgUnit = { row: 3, column: "A", header: "单位", written: "LZ-SH-V01" };
    const title = { row: 1, column: "A", header: null, written: "沙河镇2016年3月报表" };
    expect(sources(titled)).toEqual([
      ["cataract_screened", orgUnit, title],
      ["health_checks", orgUnit, title],
    ]);
    const chosen = await parse(utf8Csv(["单位,白内障筛查人数", "LZ-SH-V01,3"]), "wide.csv", { period: "2016-04" });
    expect(chosen.values[0]!.periodSource).toEqual({ row: 0, column: null, header: null, written: "2016-04" });
  });
});
