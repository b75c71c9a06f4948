import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "./builders.ts";

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
