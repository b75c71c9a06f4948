import { describe, expect, it } from "vitest";
import type { IndicatorItem, LetterItem } from "@linze/domain";
import {
  canMoveFinding,
  daysOverdue,
  formatPoints,
  gradeDistribution,
  issuesOf,
  letterIssues,
  letterPoints,
  messageIn,
  monthEndLabel,
  newItem,
  nextFindingStatus,
  nextRunStatus,
  runTransitionProcedure,
  stepForAnotherUser,
} from "../src/assessment/logic.ts";

const manual = (id: string, points: number): LetterItem => ({ id, kind: "manual", titleZh: "档案", titleEn: "Records", points, veto: false });
const items = (...points: number[]) => points.map((p, i) => manual(`m${i + 1}`, p));

describe("letter points total", () => {
  it("adds in hundredths, so 33.33 + 33.33 + 33.34 is exactly 100", () => {
    expect(letterPoints(items(33.33, 33.33, 33.34))).toEqual({ total: 100, ok: true });
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(letterPoints(items(0.1, 0.2, 99.7))).toEqual({ total: 100, ok: true });
  });
  it("reports 97 when an item drops by 3, and counts an empty field as 0", () => {
    expect(letterPoints(items(15, 10, 75))).toEqual({ total: 100, ok: true });
    expect(letterPoints(items(12, 10, 75))).toEqual({ total: 97, ok: false });
    expect(letterPoints(items(Number.NaN, 10, 75))).toEqual({ total: 85, ok: false });
  });
  it("gives the server's LetterSchema message at the items path, naming the sum", () => {
    const issues = letterIssues({ year: 2016, assessedUnit: { kind: "township", code: "LZ-SH" }, items: items(12, 10, 75) });
    expect(issues["items"]).toBe("the items' points sum to 97, not 100 (各项分值合计为97，应为100)");
    expect(letterIssues({ year: 2016, assessedUnit: { kind: "township", code: "LZ-SH" }, items: items(25, 75) })).toEqual({});
  });
  it("flags a duplicate item id at its path", () => {
    const issues = letterIssues({ year: 2016, assessedUnit: { kind: "township", code: "LZ-SH" }, items: [manual("m1", 50), manual("m1", 50)] });
    expect(issues["items.1.id"]).toMatch(/duplicate item id m1/);
  });
  it("the form shows a target of 0 (higher is better) at the item's field, in the reader's language", () => {
    const item = newItem("indicator", []) as IndicatorItem;
    const issues = letterIssues({ year: 2016, assessedUnit: { kind: "township", code: "LZ-SH" }, items: [{ ...item, points: 100, annualTarget: 0 }] });
    expect(Object.keys(issues)).toEqual(["items.0.annualTarget"]);
    expect(messageIn(issues["items.0.annualTarget"]!, "zh-CN")).toBe("项目i1「适龄残疾儿童少年入学率」越高越好，全年目标须大于0");
    expect(messageIn(issues["items.0.annualTarget"]!, "en")).toBe("item i1 (Enrollment rate of school-age disabled children): the annual target must be above 0 when higher is better");
  });
  it("new items get the next free id of their kind", () => {
    const list = [manual("m1", 50), manual("m3", 50)];
    expect(newItem("manual", list).id).toBe("m2");
    expect(newItem("indicator", list)).toMatchObject({ id: "i1", kind: "indicator", rule: { kind: "proportional" }, direction: "higher" });
  });
});

describe("bilingual server messages", () => {
  it("pick the reader's half of 'English (中文)'", () => {
    const m = "the items' points sum to 97, not 100 (各项分值合计为97，应为100)";
    expect(messageIn(m, "zh-CN")).toBe("各项分值合计为97，应为100");
    expect(messageIn(m, "en")).toBe("the items' points sum to 97, not 100");
    expect(messageIn("plain message", "zh-CN")).toBe("plain message");
    expect(messageIn("Run 3 (draft) is final", "zh-CN")).toBe("Run 3 (draft) is final");
    // The run's "no letter" refusal (packages/api assessments.run): the Chinese half keeps the year and the units.
    const noLetter = "No 2017 letter for LZ-SH, LZ-XH (2017年度缺少以下单位的责任书：LZ-SH、LZ-XH)";
    expect(messageIn(noLetter, "zh-CN")).toBe("2017年度缺少以下单位的责任书：LZ-SH、LZ-XH");
    expect(messageIn(noLetter, "en")).toBe("No 2017 letter for LZ-SH, LZ-XH");
  });
  it("read a tRPC error's zod issues by path, or its message", () => {
    expect(issuesOf({ message: "x", data: { zodError: { issues: [{ path: "items", message: "sum 97" }, { path: "items", message: "later" }] } } })).toEqual({ items: "sum 97" });
    expect(issuesOf({ message: "Conflict", data: { zodError: null } })).toEqual({ "": "Conflict" });
    expect(issuesOf(null)).toEqual({});
  });
});

describe("grade distribution", () => {
  it("counts final grades, units without one, and vetoed units (which are also 'fail')", () => {
    const d = gradeDistribution([
      { grade: "excellent", vetoed: false },
      { grade: "good", vetoed: false },
      { grade: "good", vetoed: false },
      { grade: "fail", vetoed: true },
      { grade: null, vetoed: false },
    ]);
    expect(d).toEqual({ counts: { excellent: 1, good: 2, pass: 0, fail: 1 }, ungraded: 1, vetoed: 1, total: 5 });
    const sum = Object.values(d.counts).reduce((a, b) => a + b, 0) + d.ungraded;
    expect(sum).toBe(d.total);
  });
  it("is all zeros for no units", () => {
    expect(gradeDistribution([])).toEqual({ counts: { excellent: 0, good: 0, pass: 0, fail: 0 }, ungraded: 0, vetoed: 0, total: 0 });
  });
});

describe("status transitions", () => {
  it("rectification goes open → rectified → verified, one step, never back", () => {
    expect(nextFindingStatus("open")).toBe("rectified");
    expect(nextFindingStatus("rectified")).toBe("verified");
    expect(nextFindingStatus("verified")).toBeNull();
    expect(canMoveFinding("open", "rectified", null)).toBe(true);
    expect(canMoveFinding("open", "verified", "checked")).toBe(false);
    expect(canMoveFinding("rectified", "open", null)).toBe(false);
    expect(canMoveFinding("verified", "rectified", null)).toBe(false);
  });
  it("verifying needs a non-blank note", () => {
    expect(canMoveFinding("rectified", "verified", null)).toBe(false);
    expect(canMoveFinding("rectified", "verified", "   ")).toBe(false);
    expect(canMoveFinding("rectified", "verified", "复查已整改到位")).toBe(true);
  });
  it("a run goes draft → submitted → reviewed → published, each by its procedure; published is final", () => {
    expect(nextRunStatus("draft")).toBe("submitted");
    expect(nextRunStatus("submitted")).toBe("reviewed");
    expect(nextRunStatus("reviewed")).toBe("published");
    expect(nextRunStatus("published")).toBeNull();
    expect(["submitted", "reviewed", "published"].map((s) => runTransitionProcedure(s as "submitted"))).toEqual(["submit", "review", "publish"]);
    expect(runTransitionProcedure("draft")).toBeNull();
  });
  it("review and publish are for another user than the run's submitter; submitting is anyone's with the permission", () => {
    expect(stepForAnotherUser("reviewed", "demo-admin", "demo-admin")).toBe(true);
    expect(stepForAnotherUser("published", "demo-admin", "demo-admin")).toBe(true);
    expect(stepForAnotherUser("reviewed", "demo-admin", "demo-leader")).toBe(false);
    expect(stepForAnotherUser("submitted", null, "demo-admin")).toBe(false);
    expect(stepForAnotherUser("reviewed", "demo-admin", undefined)).toBe(false);
  });
});

describe("date labels", () => {
  it("month end of a label, leap years included, without a time zone", () => {
    expect(monthEndLabel("2016-12")).toBe("2016-12-31");
    expect(monthEndLabel("2016-02")).toBe("2016-02-29");
    expect(monthEndLabel("2015-02")).toBe("2015-02-28");
    expect(monthEndLabel("1900-02")).toBe("1900-02-28");
    expect(monthEndLabel("2000-02")).toBe("2000-02-29");
    expect(monthEndLabel("2016-04")).toBe("2016-04-30");
    expect(() => monthEndLabel("2016Q1")).toThrow(/YYYY-MM/);
  });
  it("days overdue between two labels", () => {
    expect(daysOverdue("2016-05-15", "2016-12-31")).toBe(230);
    expect(daysOverdue("2016-12-31", "2016-12-31")).toBe(0);
    expect(daysOverdue("2017-01-15", "2016-12-31")).toBe(-15);
  });
  it("points keep their decimals (0.5 is not rounded to 1)", () => {
    expect(formatPoints(0.5, "zh-CN")).toBe("0.5");
    expect(formatPoints(12.25, "en")).toBe("12.25");
    expect(formatPoints(100, "en")).toBe("100");
  });
});
