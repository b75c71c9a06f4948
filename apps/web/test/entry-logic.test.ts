import { describe, expect, it } from "vitest";
import { DATA_ELEMENTS, dataElementsReportedAt } from "@linze/domain";
import { changedValues, entryMonths, formatChangedAt, groupFields, initialText } from "../src/entry/logic.ts";

describe("data-entry logic", () => {
  it("groups every data element of a level exactly once, in group order", () => {
    for (const level of [1, 2, 3] as const) {
      const fields = dataElementsReportedAt(level);
      const grouped = groupFields(fields).flatMap((g) => g.fields.map((f) => f.code));
      expect([...grouped].sort()).toEqual(fields.map((f) => f.code).sort());
    }
    // A village's form starts with organisation and ends with education (no "other" element is reported by villages).
    expect(groupFields(dataElementsReportedAt(3)).map((g) => g.key)).toEqual(["organisation", "records", "volunteers", "health", "subsidies", "education"]);
    // The whole catalogue is grouped, and an unlisted code lands in "other".
    expect(groupFields(DATA_ELEMENTS).flatMap((g) => g.fields)).toHaveLength(DATA_ELEMENTS.length);
    expect(groupFields([{ code: "new_element" }])).toEqual([{ key: "other", fields: [{ code: "new_element" }] }]);
  });

  it("sends only fields whose value changed, as canonical text; blank deletes; bad text is sent as typed", () => {
    const fields = [
      { code: "certified_persons", value: 33 },
      { code: "health_checks", value: 0 },
      { code: "living_subsidy_cny", value: 1000 },
      { code: "cataract_screened", value: null },
      { code: "cataract_surgeries", value: 2 },
    ];
    expect(initialText(1000)).toBe("1000");
    expect(initialText(null)).toBe("");
    expect(
      changedValues(fields, { certified_persons: "35", health_checks: "", living_subsidy_cny: "1,000.00", cataract_screened: "—", cataract_surgeries: "-1" }),
    ).toEqual({ certified_persons: "35", health_checks: null, cataract_surgeries: "-1" });
  });

  it("offers January of the first year with data through the month after the latest, newest first", () => {
    const months = entryMonths(["2016-03", "2016-12", "2016-01"]);
    expect(months[0]).toBe("2017-01");
    expect(months[months.length - 1]).toBe("2016-01");
    expect(months).toHaveLength(13);
    expect(entryMonths([])).toEqual([]);
  });

  it("shows audit times on China's clock", () => {
    // 16:30 UTC on 31 December is 00:30 on 1 January in China.
    expect(formatChangedAt("2016-12-31T16:30:00.000Z")).toBe("2017-01-01 00:30");
  });
});
