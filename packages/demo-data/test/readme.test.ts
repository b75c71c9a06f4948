import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DATA_ELEMENTS, DEMO_DATA_NOTICE } from "@linze/domain";
import { LINZE_DATA_DIR } from "../src/paths.ts";
import { REPORTING_LEVEL } from "../src/reporting-levels.ts";

const readme = readFileSync(`${LINZE_DATA_DIR}../README.md`, "utf8");
const LEVEL_NAMES: Record<number, string> = { 1: "county", 2: "township", 3: "village/community" };

describe("data/README.md", () => {
  it("labels the data with the wording of DEMO_DATA_NOTICE", () => {
    expect(readme).toContain(DEMO_DATA_NOTICE.zh);
    expect(readme).toContain(DEMO_DATA_NOTICE.en);
  });

  it("documents every data element with its Chinese name, unit, aggregation type and reporting level", () => {
    for (const d of DATA_ELEMENTS) {
      const unit = d.valueType === "cny" ? "CNY" : "count";
      const levels = REPORTING_LEVEL[d.code]!.map((l) => LEVEL_NAMES[l]).join(" + ");
      expect(readme).toContain(`| \`${d.code}\` | ${d.nameZh} | ${d.nameEn} | ${unit} | ${d.aggregationType} | ${levels} |`);
    }
  });
});

describe("data/README.md documents the assessment inputs", () => {
  it("names each file and says the names are synthetic and the files generated", () => {
    for (const f of ["committee_members.csv", "letters_2016.json", "supervision_findings_2016.csv"]) expect(readme).toContain(`\`linze/${f}\``);
    expect(readme).toContain("**Names are synthetic**");
    expect(readme).toContain("ASSESSMENT_SEED = 20161203");
  });
});
