import { describe, expect, it } from "vitest";
import { linzeOrgUnitTree, reportingRates, type ReportStatus } from "@linze/domain";
import { reportingNoticeItems, type CompletenessData } from "../src/quality/notice.ts";
import { createI18n } from "../src/i18n/index.ts";

const tree = linzeOrgUnitTree();

/** 2016-11 and 2016-12 for every township: all on time with all villages, except what `patch` says. */
function data(patch: Record<string, { status?: ReportStatus; villagesMissing?: string[]; unnamed?: number }>): CompletenessData {
  const months = ["2016-11", "2016-12"];
  const townships = tree.children("LZ").map((t) => {
    const villages = tree.children(t.code).map((v) => v.code);
    const reports = months.map((period) => {
      const p = patch[`${t.code} ${period}`] ?? {};
      const status = p.status ?? "onTime";
      const missing = p.villagesMissing ?? [];
      return {
        period,
        status,
        submittedOn: status === "missing" || status === "notYetDue" ? null : `${period === "2016-11" ? "2016-12" : "2017-01"}-05`,
        dueDate: "",
        daysLate: 0,
        villagesReported: villages.length - missing.length - (p.unnamed ?? 0),
        villagesExpected: villages.length,
        villagesMissing: missing,
      };
    });
    return { orgUnit: t.code, months: reports, rates: reportingRates(reports.map((r) => r.status)) };
  });
  return { year: 2016, months, townships, asOf: "2026-01-01", dueDay: { day: 10, isDefault: true, updatedBy: null, updatedAt: null }, county: { orgUnit: "LZ", rates: reportingRates([]), months: [] } } as unknown as CompletenessData;
}

describe("the reporting notice", () => {
  const d = data({ "LZ-PC 2016-11": { villagesMissing: ["LZ-PC-V01"] }, "LZ-NJY 2016-11": { status: "missing" }, "LZ-XH 2016-12": { status: "notYetDue" } });

  it("for the county: every township with villages missing or no report, in the tree's (the report's) order, for the period's last month", () => {
    expect(reportingNoticeItems(d, tree, "LZ", "2016-11")).toEqual([
      { township: "LZ-PC", kind: "villagesMissing", villages: ["LZ-PC-V01"], count: 1 },
      { township: "LZ-NJY", kind: "reportMissing", villages: [], count: 0 },
    ]);
    // 2016Q4 ends in December: nothing there (a report not yet due is no problem).
    expect(reportingNoticeItems(d, tree, "LZ", "2016Q4")).toEqual([]);
  });

  it("for a township only itself; for a village only its own missing report", () => {
    expect(reportingNoticeItems(d, tree, "LZ-PC", "2016-11")).toEqual([{ township: "LZ-PC", kind: "villagesMissing", villages: ["LZ-PC-V01"], count: 1 }]);
    expect(reportingNoticeItems(d, tree, "LZ-SH", "2016-11")).toEqual([]);
    expect(reportingNoticeItems(d, tree, "LZ-PC-V01", "2016-11")).toHaveLength(1);
    expect(reportingNoticeItems(d, tree, "LZ-PC-V02", "2016-11")).toEqual([]);
  });

  it("counts the villages a township officer is not told the names of (another township's, quality.completeness scoped)", () => {
    const officer = data({ "LZ-NJY 2016-11": { unnamed: 3 }, "LZ-SH 2016-11": { villagesMissing: ["LZ-SH-V02"] } });
    expect(reportingNoticeItems(officer, tree, "LZ", "2016-11")).toEqual([
      { township: "LZ-SH", kind: "villagesMissing", villages: ["LZ-SH-V02"], count: 1 },
      { township: "LZ-NJY", kind: "villagesMissing", villages: [], count: 3 },
    ]);
  });

  it("reads as the brief's sentence in zh and en, with the plural in English", () => {
    const zh = createI18n("zh-CN");
    const en = createI18n("en");
    expect(zh.t("quality.notice.line", { month: "2016年11月", items: zh.t("quality.notice.villagesMissing", { township: "平川镇", count: 1 }) })).toBe(
      "2016年11月：平川镇 1个村（社区）未上报，月度比率可能偏低或偏高。",
    );
    expect(en.t("quality.notice.line", { month: "Nov 2016", items: en.t("quality.notice.villagesMissing", { township: "Pingchuan Township", count: 1 }) })).toBe(
      "Nov 2016: 1 village of Pingchuan Township has not reported; monthly rates may be off.",
    );
    expect(en.t("quality.notice.villagesMissing", { township: "Nijiaying Township", count: 3 })).toBe("3 villages of Nijiaying Township have not reported");
  });
});
