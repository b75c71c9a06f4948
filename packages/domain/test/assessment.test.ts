import { describe, expect, it } from "vitest";
import {
  AssessmentInputError,
  explainItem,
  explainResult,
  DataValueIndex,
  Fraction,
  LetterSchema,
  SupervisionFindingSchema,
  actualToDate,
  assessUnit,
  assessedMonths,
  expectedToDate,
  indicator,
  type Indicator,
  type IndicatorItem,
  type UnitAssessmentInput,
} from "../src/index.ts";
import { counts, finding, letter, rate } from "./assessment-builders.ts";
import { dv, smallTree } from "./builders.ts";

const item = (l: ReturnType<typeof letter>, id: string) => l.items.find((i) => i.id === id)! as IndicatorItem;
const run = (input: Partial<UnitAssessmentInput> & Pick<UnitAssessmentInput, "letter" | "throughMonth">) =>
  assessUnit({ actuals: {}, manualScores: { pad: 0 }, ...input });
const scoreOf = (r: ReturnType<typeof assessUnit>, id: string) => r.items.find((i) => i.itemId === id)!;

/** A "lower is better" count: complaints received (a flow data element), for the inversion tests. */
const complaints: Indicator = { ...indicator("cataract_surgeries"), code: "complaints", nameZh: "投诉件数", nameEn: "Complaints", numerator: ["rights_cases_received"], direction: "lower", target: null };
const indicatorOf = (code: string) => (code === "complaints" ? complaints : indicator(code));

describe("expected value to date", () => {
  it("paces flow counts by months elapsed / 12 and compares rates and stocks with the target as it is", () => {
    const l = letter([
      { id: "c", indicator: "cataract_surgeries", points: 10, annualTarget: 120 },
      { id: "e", indicator: "enrollment_rate", points: 10, annualTarget: 95 },
      { id: "s", indicator: "subsidy_recipients", points: 10, annualTarget: 1688 },
    ]);
    // 120 × 2 / 12 = 20 at the end of February; 120 × 6 / 12 = 60 at the end of Q2.
    expect(expectedToDate(item(l, "c"), indicator("cataract_surgeries"), "2016-02").toString()).toBe("20");
    expect(expectedToDate(item(l, "c"), indicator("cataract_surgeries"), "2016-06").toString()).toBe("60");
    // 156-style targets that do not divide: 100 × 1 / 12 = 25/3, kept exact.
    expect(expectedToDate({ ...item(l, "c"), annualTarget: 100 }, indicator("cataract_surgeries"), "2016-01").toString()).toBe("25/3");
    // A rate and a stock count are not paced.
    expect(expectedToDate(item(l, "e"), indicator("enrollment_rate"), "2016-02").toString()).toBe("95");
    expect(expectedToDate(item(l, "s"), indicator("subsidy_recipients"), "2016-03").toString()).toBe("1688");
    expect(() => expectedToDate(item(l, "c"), indicator("cataract_surgeries"), "2016Q1")).toThrow(AssessmentInputError);
  });
});

describe("pacing and completeness", () => {
  const l = letter([{ id: "c", indicator: "cataract_surgeries", points: 20, annualTarget: 120 }]);

  it("annual target 120, January 12, February 13: 125 % at the end of February, the score capped at full points", () => {
    // expected = 120 × 2/12 = 20; actual = 12 + 13 = 25; ratio = 25/20 = 5/4 = 125 %; score = 20 × min(5/4, 1) = 20.
    const r = run({ letter: l, throughMonth: "2016-02", actuals: { c: counts(12, 13) } });
    const c = scoreOf(r, "c");
    expect(c.ratio!.exact).toBe("5/4");
    expect(explainItem(c).en.join("\n")).toContain("ratio 125.00%");
    expect(c.explanation.expected!.exact).toBe("20");
    expect(c.explanation.actual!.exact).toBe("25");
    expect(c.score!.exact).toBe("20");
    expect(c.incomplete).toBe(false);
  });

  it("the same actual at the end of March is 25 / 30: 5/6 of the points", () => {
    // expected = 120 × 3/12 = 30; 12 + 13 + 0 = 25; 20 × 25/30 = 50/3 = 16.67.
    const r = run({ letter: l, throughMonth: "2016-03", actuals: { c: counts(12, 13, 0) } });
    expect(scoreOf(r, "c").score!.exact).toBe("50/3");
    expect(scoreOf(r, "c").score!.display).toBe("16.67");
  });

  it("Q1 with March not reported: incomplete, no score, no grade — never scored as if March were 0", () => {
    const r = run({ letter: l, throughMonth: "2016-03", actuals: { c: counts(12, 13, null) }, findings: [finding("f1", "c", "2016-02", 2)] });
    const c = scoreOf(r, "c");
    expect(c.incomplete).toBe(true);
    expect(c.score).toBeNull();
    expect(c.rawScore).toBeNull();
    expect(c.explanation.missingMonths).toEqual(["2016-03"]);
    expect(c.deductions[0]!.applied).toBeNull();
    expect(r.incomplete).toBe(true);
    expect(r.incompleteItems).toEqual(["c"]);
    expect(r.grade).toBeNull();
    // The partial total covers the complete items only (the pad item, 80 points, scored 0 here).
    expect(r.total.exact).toBe("0");
  });

  it("February not reported but Q2 complete: scored at the end of June, the year to date summing every month reported", () => {
    // The village sent no February report; February's cases came with March's (3 + 0 + 9 = 12 in Q1).
    // Q2 (April–June) is complete, so the item is scored: expected = 120 × 6/12 = 60;
    // actual = 10 + 3 + 9 + 10 + 10 + 12 = 54 (January…June, February absent); 20 × 54/60 = 18.
    const march = run({ letter: l, throughMonth: "2016-03", actuals: { c: counts(10, null, 3 + 9) } });
    expect(scoreOf(march, "c").incomplete).toBe(true);
    expect(scoreOf(march, "c").incompleteReason).toEqual({ zh: "本季度未报送月份：2016-02", en: "months of the quarter not reported: 2016-02" });
    const r = run({ letter: l, throughMonth: "2016-06", actuals: { c: counts(10, null, 12, 10, 10, 12) } });
    const c = scoreOf(r, "c");
    expect(c.incomplete).toBe(false);
    expect(c.incompleteReason).toBeNull();
    expect(c.explanation.missingMonths).toEqual([]);
    expect(c.explanation.actual!.exact).toBe("54");
    expect(c.score!.exact).toBe("18");
    // The February line still says it was not reported.
    expect(explainItem(c).en).toContain("2016-02: not reported");
    expect(r.incomplete).toBe(false);
  });

  it("only the months of throughMonth's quarter up to it decide: May with April missing is incomplete, May with March missing is not", () => {
    expect(assessedMonths("2016-06")).toEqual(["2016-04", "2016-05", "2016-06"]);
    expect(assessedMonths("2016-05")).toEqual(["2016-04", "2016-05"]);
    expect(assessedMonths("2016-01")).toEqual(["2016-01"]);
    expect(scoreOf(run({ letter: l, throughMonth: "2016-05", actuals: { c: counts(10, 10, 10, null, 10) } }), "c").explanation.missingMonths).toEqual(["2016-04"]);
    expect(scoreOf(run({ letter: l, throughMonth: "2016-05", actuals: { c: counts(10, 10, null, 10, 10) } }), "c").incomplete).toBe(false);
    // No actual at all: the quarter's months are missing.
    expect(scoreOf(run({ letter: l, throughMonth: "2016-09" }), "c").explanation.missingMonths).toEqual(["2016-07", "2016-08", "2016-09"]);
  });

  it("a month missing from the list altogether, and no actual at all, are incomplete too", () => {
    const a = run({ letter: l, throughMonth: "2016-03", actuals: { c: counts(12, 13) } });
    expect(scoreOf(a, "c").explanation.missingMonths).toEqual(["2016-03"]);
    const b = run({ letter: l, throughMonth: "2016-03" });
    expect(scoreOf(b, "c").incomplete).toBe(true);
    expect(scoreOf(b, "c").explanation.missingMonths).toEqual(["2016-01", "2016-02", "2016-03"]);
  });

  it("a manual item without the assessor's points is incomplete", () => {
    const r = assessUnit({ letter: l, throughMonth: "2016-02", actuals: { c: counts(12, 13) } });
    expect(scoreOf(r, "pad").incomplete).toBe(true);
    expect(r.grade).toBeNull();
  });
});

describe("scoring rules", () => {
  it("proportional: 45 of 60 expected at the end of June gives 3/4 of 20 points", () => {
    const l = letter([{ id: "c", indicator: "cataract_surgeries", points: 20, annualTarget: 120 }]);
    // expected = 120 × 6/12 = 60; 45 / 60 = 3/4; 20 × 3/4 = 15.
    const r = run({ letter: l, throughMonth: "2016-06", actuals: { c: counts(5, 10, 5, 10, 5, 10) } });
    expect(scoreOf(r, "c").score!.exact).toBe("15");
    expect(scoreOf(r, "c").explanation.steps).toMatchObject({ kind: "proportional", cappedRatio: { exact: "3/4" } });
  });

  it("thresholds on a rate: 1 point off per percentage point below 95 %, 0 under the 85 % floor", () => {
    const l = letter([{ id: "e", indicator: "enrollment_rate", points: 25, annualTarget: 95, rule: { kind: "thresholds", pointsOffPerPoint: 1, floor: 85 } }]);
    const score = (n: number, d: number) => scoreOf(run({ letter: l, throughMonth: "2016-03", actuals: { e: rate(n, d, "2016-03") } }), "e").score!.exact;
    // 19/20 = 95 %: at the target, full 25.
    expect(score(19, 20)).toBe("25");
    // 45/50 = 90 %: 5 points below, 25 − 5 = 20.
    expect(score(45, 50)).toBe("20");
    // 43/50 = 86 %: 9 points below, 25 − 9 = 16.
    expect(score(43, 50)).toBe("16");
    // 85 % exactly is not under the floor: 25 − 10 = 15.
    expect(score(17, 20)).toBe("15");
    // 42/50 = 84 % is under the floor: 0 (not 25 − 11 = 14).
    expect(score(42, 50)).toBe("0");
  });

  it("thresholds on a count: percent of the expected value below it, the floor paced like the target", () => {
    const l = letter([{ id: "c", indicator: "cataract_surgeries", points: 20, annualTarget: 120, rule: { kind: "thresholds", pointsOffPerPoint: 0.5, floor: 60 } }]);
    const at = (...m: number[]) => scoreOf(run({ letter: l, throughMonth: "2016-06", actuals: { c: counts(...m) } }), "c");
    // expected 60; 54 is 10 % below; 0.5 × 10 = 5 off; 20 − 5 = 15.
    const a = at(9, 9, 9, 9, 9, 9);
    expect(a.score!.exact).toBe("15");
    expect(a.explanation.steps).toMatchObject({ kind: "thresholds", shortfall: { exact: "10" }, shortfallUnit: "percentOfExpected", floorToDate: { exact: "30" } });
    // floor to date = 60 × 6/12 = 30; 30 is at the floor: 50 % below, 25 off, max(0, 20 − 25) = 0.
    expect(at(5, 5, 5, 5, 5, 5).score!.exact).toBe("0");
    // 42 (30 % below): 20 − 15 = 5.
    expect(at(7, 7, 7, 7, 7, 7).score!.exact).toBe("5");
    // 29 < 30: under the floor, 0.
    expect(at(5, 5, 5, 5, 5, 4).explanation.steps).toMatchObject({ beyondFloor: true });
  });

  it("per case: points ÷ whole cases needed, one share off per missing case", () => {
    const l = letter([{ id: "c", indicator: "cataract_surgeries", points: 10, annualTarget: 12, rule: { kind: "perCase" } }]);
    // End of May: 12 × 5/12 = 5 cases; 3 done, 2 missing; share 10/5 = 2; 10 − 2 × 2 = 6.
    expect(scoreOf(run({ letter: l, throughMonth: "2016-05", actuals: { c: counts(1, 0, 1, 0, 1) } }), "c").score!.exact).toBe("6");
    // Annual 10 at the end of February: 10 × 2/12 = 5/3 → 2 whole cases needed; 1 done: share 5, 10 − 5 = 5
    // (proportional would give 10 × 1 / (5/3) = 6).
    const l2 = letter([{ id: "c", indicator: "cataract_surgeries", points: 10, annualTarget: 10, rule: { kind: "perCase" } }]);
    const s = scoreOf(run({ letter: l2, throughMonth: "2016-02", actuals: { c: counts(1, 0) } }), "c");
    expect(s.score!.exact).toBe("5");
    expect(s.explanation.steps).toMatchObject({ kind: "perCase", targetCases: { exact: "2" }, casesShort: { exact: "1" }, share: { exact: "5" } });
  });

  it("per case on a rate counts numerator cases against target % × denominator", () => {
    // 95 % of 20 children = 19 enrolled needed; 17 enrolled: 2 missing; share 19/19 = 1; 19 − 2 = 17.
    const l = letter([{ id: "e", indicator: "enrollment_rate", points: 19, annualTarget: 95, rule: { kind: "perCase" } }]);
    expect(scoreOf(run({ letter: l, throughMonth: "2016-03", actuals: { e: rate(17, 20, "2016-03") } }), "e").score!.exact).toBe("17");
  });

  it("a rate whose denominator is 0 has nothing to assess: full points, not 0 and not an error", () => {
    const l = letter([{ id: "r", indicator: "rights_case_closure_rate", points: 10, annualTarget: 100 }]);
    const s = scoreOf(run({ letter: l, throughMonth: "2016-03", actuals: { r: rate(0, 0, "2016-03") } }), "r");
    expect(s.score!.exact).toBe("10");
    expect(s.ratio).toBeNull();
    expect(s.explanation.notApplicable).toBe(true);
    expect(explainItem(s).en).toEqual([
      "r Rights-case closure rate (higher is better), 10 points",
      "2016-01: numerator 0, denominator 0",
      "2016-02: numerator 0, denominator 0",
      "2016-03: numerator 0, denominator 0",
      "Expected = the target 100 (rates and stocks are compared as they are)",
      "Denominator 0: nothing to assess, full points 10",
      "Score 10.00 / 10",
    ]);
  });

  it("explainResult adds every item's lines, made from the result alone; an item stored with its lines (a run stored before they were made on read) keeps them", () => {
    const l = letter([{ id: "c", indicator: "cataract_surgeries", points: 20, annualTarget: 120 }]);
    const r = run({ letter: l, throughMonth: "2016-02", actuals: { c: counts(12, 13) }, manualScores: { pad: 70 } });
    expect(JSON.stringify(r)).not.toContain('"lines":{"zh":["c ');
    const explained = explainResult(r);
    expect(explained.items[0]!.explanation.lines.en).toEqual([
      "c Cataract surgeries (higher is better), 20 points",
      "2016-01: 12",
      "2016-02: 13",
      "Expected = annual target 120 × 2/12 = 20 (half the time, half the task)",
      "Actual to date 25, ratio 125.00%",
      "Proportional, capped: 20 × 100.00%",
      "Score 20.00 / 20",
    ]);
    expect(explained.items[0]!.explanation.lines.zh[0]).toBe("c 白内障复明手术（越高越好），分值 20");
    expect(explained.total).toEqual(r.total);
    const stored = { ...r, items: r.items.map((i) => ({ ...i, explanation: { ...i.explanation, lines: { zh: ["存储的说明"], en: ["stored lines"] } } })) };
    expect(explainResult(stored).items.map((i) => i.explanation.lines.en)).toEqual([["stored lines"], ["stored lines"]]);
  });

  it("over-achievement bonus: per whole case above the expected value, into the capped bonus", () => {
    const l = letter([{ id: "c", indicator: "cataract_surgeries", points: 20, annualTarget: 120, bonusPerCase: 0.5 }]);
    // expected 20 at the end of February, 25 done: 5 cases beyond × 0.5 = 2.5.
    const r = run({ letter: l, throughMonth: "2016-02", actuals: { c: counts(12, 13) }, manualScores: { pad: 70 } });
    expect(scoreOf(r, "c").bonus.exact).toBe("5/2");
    // total = 20 + 70 + 2.5 = 92.5
    expect(r.total.display).toBe("92.50");
    // With commendations of 3: 2.5 + 3 = 5.5, capped at 5: 95.
    const capped = run({ letter: l, throughMonth: "2016-02", actuals: { c: counts(12, 13) }, manualScores: { pad: 70 }, commendations: [{ reason: "县政府残工委表彰", points: 3 }] });
    expect(capped.bonus.fromItems.exact).toBe("5/2");
    expect(capped.bonus.fromCommendations.exact).toBe("3");
    expect(capped.bonus.total.exact).toBe("5");
    expect(capped.total.exact).toBe("95");
  });

  it("lower is better inverts the ratio: 8 complaints against 6 expected is 6/8 of the points", () => {
    const l = letter([{ id: "k", indicator: "complaints", points: 20, annualTarget: 12, direction: "lower" }]);
    const at = (...m: number[]) => scoreOf(assessUnit({ letter: l, throughMonth: "2016-06", actuals: { k: counts(...m) }, manualScores: { pad: 0 } }, { indicatorOf }), "k");
    // expected 12 × 6/12 = 6; ratio 6/8 = 3/4; 20 × 3/4 = 15 (not 20 × 8/6 capped = 20).
    expect(at(1, 2, 1, 2, 1, 1).score!.exact).toBe("15");
    expect(at(1, 2, 1, 2, 1, 1).ratio!.exact).toBe("3/4");
    // 4 complaints: 6/4 = 150 %, capped: 20.
    expect(at(1, 1, 1, 1, 0, 0).score!.exact).toBe("20");
    // none at all: full points (no ratio to compute).
    expect(at(0, 0, 0, 0, 0, 0).score!.exact).toBe("20");
  });

  it("lower is better with thresholds and per case", () => {
    const th = letter([{ id: "k", indicator: "complaints", points: 20, annualTarget: 12, direction: "lower", rule: { kind: "thresholds", pointsOffPerPoint: 0.5, floor: 24 } }]);
    const pc = letter([{ id: "k", indicator: "complaints", points: 12, annualTarget: 12, direction: "lower", rule: { kind: "perCase" } }]);
    const at = (l: typeof th, ...m: number[]) => scoreOf(assessUnit({ letter: l, throughMonth: "2016-06", actuals: { k: counts(...m) }, manualScores: { pad: 0 } }, { indicatorOf }), "k").score!.exact;
    // expected 6; 9 is 50 % above it: 0.5 × 50 = 25 off, max(0, 20 − 25) = 0 (the floor to date, 24 × 6/12 = 12, is not passed).
    expect(at(th, 2, 2, 2, 1, 1, 1)).toBe("0");
    // 7 is 100/6 % above: 0.5 × 50/3 = 25/3 off; 20 − 25/3 = 35/3.
    expect(at(th, 2, 1, 1, 1, 1, 1)).toBe("35/3");
    // per case: 6 allowed, share 12/6 = 2; 8 complaints, 2 over: 12 − 4 = 8.
    expect(at(pc, 2, 2, 1, 1, 1, 1)).toBe("8");
  });
});

describe("deductions, vetoes and self-scores", () => {
  it("supervision deductions come off their item and never take it below 0", () => {
    const l = letter([
      { id: "c", indicator: "cataract_surgeries", points: 20, annualTarget: 120 },
      { id: "d", indicator: "cataract_surgeries", points: 10, annualTarget: 120 },
    ]);
    // c: 20 × 5/20 = 5 raw; findings 3 + 4 = 7 → 3 and 2 applied, score 0. d: 10 × 5/20 = 2.5 raw, 1 off: 1.5.
    const r = run({
      letter: l,
      throughMonth: "2016-02",
      actuals: { c: counts(2, 3), d: counts(2, 3) },
      manualScores: { pad: 60 },
      findings: [finding("f2", "c", "2016-02", 4), finding("f1", "c", "2016-01", 3), finding("f3", "d", "2016-02", 1), finding("f4", "d", "2016-07", 1)],
    });
    const c = scoreOf(r, "c");
    expect(c.rawScore!.exact).toBe("5");
    expect(c.deductions.map((d) => [d.findingId, d.applied!.exact])).toEqual([["f1", "3"], ["f2", "2"]]);
    expect(c.score!.exact).toBe("0");
    expect(scoreOf(r, "d").score!.exact).toBe("3/2");
    // deductions total 3 + 2 + 1 = 6 (not 8); base 5 + 2.5 + 60 = 67.5; total 61.5.
    expect(r.deductionsTotal.exact).toBe("6");
    expect(r.total.exact).toBe("123/2");
    expect(r.grade).toBe("pass");
    // July's finding is outside January…February.
    expect(r.ignoredFindings).toEqual(["f4"]);
    expect(explainItem(c).en.join("\n")).toContain("Supervision 2016-01 (f1): problem f1, 3 off");
  });

  it("findings of another unit or item are refused", () => {
    const l = letter([{ id: "c", indicator: "cataract_surgeries", points: 20, annualTarget: 120 }]);
    expect(() => run({ letter: l, throughMonth: "2016-02", findings: [finding("x", "c", "2016-01", 1, "LZ-XH")] })).toThrow(AssessmentInputError);
    expect(() => run({ letter: l, throughMonth: "2016-02", findings: [finding("x", "zz", "2016-01", 1)] })).toThrow(/zz/);
    expect(() => run({ letter: l, throughMonth: "2017-02" })).toThrow(AssessmentInputError);
  });

  it("a veto at 98 points makes the result fail", () => {
    const l = letter([{ id: "c", indicator: "cataract_surgeries", points: 20, annualTarget: 120, veto: true }]);
    // c: 20 × 25/20 capped = 20; pad 78: 98 points.
    const input = { letter: l, throughMonth: "2016-02", actuals: { c: counts(12, 13) }, manualScores: { pad: 78 } };
    expect(run(input).grade).toBe("excellent");
    const r = run({ ...input, vetoes: [{ itemId: "c", reason: "数据造假 falsified data" }] });
    expect(r.total.exact).toBe("98");
    expect(r.vetoed).toBe(true);
    expect(r.grade).toBe("fail");
    expect(r.vetoReasons).toEqual([{ itemId: "c", reason: "数据造假 falsified data" }]);
    // A veto on an item not marked veto is refused.
    expect(() => run({ ...input, vetoes: [{ itemId: "pad", reason: "x" }] })).toThrow(/not a veto item/);
  });

  it("a veto item may carry 0 points: a recorded veto fails the unit; 0 points on another item is refused", () => {
    const l = LetterSchema.parse({
      year: 2016,
      assessedUnit: { kind: "township", code: "LZ-SH" },
      items: [
        { kind: "manual", id: "all", points: 100, titleZh: "综合", titleEn: "Overall" },
        { kind: "manual", id: "v", points: 0, titleZh: "数据真实", titleEn: "Truthful data", veto: true },
      ],
    });
    // all 92 + v 0 (its only possible score) = 92, excellent before the veto; vetoed: fail.
    const base = { letter: l, throughMonth: "2016-03", actuals: {}, manualScores: { all: 92, v: 0 } };
    expect(assessUnit(base).grade).toBe("excellent");
    const r = assessUnit({ ...base, vetoes: [{ itemId: "v", reason: "数据造假" }] });
    expect(r.total.exact).toBe("92");
    expect(r.grade).toBe("fail");
    const bad = LetterSchema.safeParse({ ...l, items: [l.items[0], { ...l.items[1], veto: false }] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ["items", 1, "points"], message: expect.stringContaining("points must be above 0") });
  });

  it("a veto indicator item below its expected value vetoes by itself", () => {
    const l = letter([{ id: "e", indicator: "enrollment_rate", points: 10, annualTarget: 95, veto: true }]);
    // 18/20 = 90 % < 95 %: vetoed though the points are 10 × 90/95 + 90 = 99.47.
    const r = run({ letter: l, throughMonth: "2016-03", actuals: { e: rate(18, 20, "2016-03") }, manualScores: { pad: 90 } });
    expect(r.total.display).toBe("99.47");
    expect(r.grade).toBe("fail");
    // 19/20 = 95 % meets it.
    expect(run({ letter: l, throughMonth: "2016-03", actuals: { e: rate(19, 20, "2016-03") }, manualScores: { pad: 90 } }).grade).toBe("excellent");
  });

  it("self-scores sit beside the assessor's and differences are flagged", () => {
    const l = letter([
      { id: "a", indicator: "cataract_surgeries", points: 20, annualTarget: 120 },
      { id: "b", indicator: "cataract_surgeries", points: 20, annualTarget: 120 },
    ]);
    // expected 30 at the end of March, 20 done: 20 × 2/3 = 40/3, shown 13.33.
    const r = run({
      letter: l,
      throughMonth: "2016-03",
      actuals: { a: counts(5, 5, 10), b: counts(5, 5, 10) },
      manualScores: { pad: 60 },
      selfScores: { a: 13.33, b: 15, pad: 60 },
    });
    expect(scoreOf(r, "a").selfScore).toMatchObject({ difference: { exact: "0" }, flagged: false });
    expect(scoreOf(r, "b").selfScore).toMatchObject({ difference: { display: "1.67" }, flagged: true });
    expect(r.flaggedItems).toEqual(["b"]);
    expect(r.selfTotal!.exact).toBe(Fraction.from(88.33).toString());
    // With a tolerance of 2 points nothing is flagged.
    expect(assessUnit({ letter: l, throughMonth: "2016-03", actuals: { a: counts(5, 5, 10), b: counts(5, 5, 10) }, manualScores: { pad: 60 }, selfScores: { b: 15 } }, { selfScoreTolerance: 2 }).flaggedItems).toEqual([]);
  });

  it("a self-score is compared with the points before supervision deductions; the self total covers the self-scored items only", () => {
    const l = letter([
      { id: "c", indicator: "cataract_surgeries", points: 20, annualTarget: 120 },
      { id: "d", indicator: "cataract_surgeries", points: 10, annualTarget: 120 },
    ]);
    // End of February: expected 120 × 2/12 = 20, done 2 + 3 = 5. c: 20 × 5/20 = 5, 1.5 off → 3.5. d: 10 × 5/20 = 2.5.
    // pad (70 points): the assessor's 65, 2 off → 63. The unit self-scores c 5 and pad 67, not d.
    const r = run({
      letter: l,
      throughMonth: "2016-02",
      actuals: { c: counts(2, 3), d: counts(2, 3) },
      manualScores: { pad: 65 },
      findings: [finding("f1", "c", "2016-02", 1.5), finding("f2", "pad", "2016-01", 2)],
      selfScores: { c: 5, pad: 67 },
    });
    // c: self 5 beside the rule's 5 before the deduction — no difference (the score after it, 3.5, is not what the unit scored).
    expect(scoreOf(r, "c").score!.exact).toBe("7/2");
    expect(scoreOf(r, "c").selfScore).toMatchObject({ selfScore: { exact: "5" }, assessed: { exact: "5" }, difference: { exact: "0" }, flagged: false });
    // pad: self 67 beside the assessor's 65: 2 apart, flagged.
    expect(scoreOf(r, "pad").selfScore).toMatchObject({ assessed: { exact: "65" }, difference: { exact: "2" }, flagged: true });
    expect(scoreOf(r, "d").selfScore).toBeNull();
    expect(r.flaggedItems).toEqual(["pad"]);
    // 5 + 67 = 72 self-scored, beside 5 + 65 = 70 assessed for the same two items (d is in neither).
    expect(r.selfScoredItems).toEqual(["c", "pad"]);
    expect(r.selfTotal!.exact).toBe("72");
    expect(r.selfComparedTotal!.exact).toBe("70");
    expect(explainItem(scoreOf(r, "c")).en.at(-1)).toBe("Self-score 5, points before supervision deductions 5.00, difference 0.00");
    expect(explainItem(scoreOf(r, "pad")).zh.at(-1)).toBe("自评 67，督查扣分前计分 65.00，相差 2.00（需核对）");
    // No self-scores: no self total.
    const none = run({ letter: l, throughMonth: "2016-02", actuals: { c: counts(2, 3), d: counts(2, 3) }, manualScores: { pad: 65 } });
    expect([none.selfTotal, none.selfComparedTotal, none.selfScoredItems]).toEqual([null, null, []]);
    // A self-scored item still incomplete: its self-score counts, the comparison waits for the assessor.
    const open = run({ letter: l, throughMonth: "2016-02", actuals: { c: counts(2, 3), d: counts(2, 3) }, manualScores: {}, selfScores: { c: 5, pad: 67 } });
    expect(scoreOf(open, "pad").selfScore).toMatchObject({ assessed: null, difference: null, flagged: true });
    expect([open.selfTotal!.exact, open.selfComparedTotal]).toEqual(["72", null]);
  });

  it("manual scores outside 0…points are refused", () => {
    const l = letter([{ id: "c", indicator: "cataract_surgeries", points: 20, annualTarget: 120 }]);
    expect(() => run({ letter: l, throughMonth: "2016-02", manualScores: { pad: 81 } })).toThrow(/outside 0…80/);
  });
});

describe("exact totals", () => {
  it("totals are exact and rounded once: three items of 10/3 points show 3.33 each yet add exactly 10 to the total", () => {
    const l = letter([
      { id: "a", indicator: "cataract_surgeries", points: 10, annualTarget: 120 },
      { id: "b", indicator: "cataract_surgeries", points: 10, annualTarget: 120 },
      { id: "c", indicator: "cataract_surgeries", points: 10, annualTarget: 120 },
    ]);
    // expected 30 at the end of March; 10 done: 10 × 1/3 each.
    const r = run({ letter: l, throughMonth: "2016-03", actuals: { a: counts(5, 5, 0), b: counts(5, 5, 0), c: counts(5, 5, 0) }, manualScores: { pad: 70 } });
    expect(r.items.slice(0, 3).map((i) => i.score!.display)).toEqual(["3.33", "3.33", "3.33"]);
    // 70 + 3 × 10/3 = 80 exactly: "good", where summing the rounded 3.33s would give 79.99 and "pass".
    expect(r.total.exact).toBe("80");
    expect(r.total.display).toBe("80.00");
    expect(r.grade).toBe("good");
  });

  it("a letter whose points do not sum to 100 is refused, naming the sum", () => {
    const bad = { year: 2016, assessedUnit: { kind: "township", code: "LZ-SH" }, items: [{ kind: "manual", id: "a", points: 60, titleZh: "甲", titleEn: "A" }, { kind: "manual", id: "b", points: 39.5, titleZh: "乙", titleEn: "B" }] };
    const r = LetterSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toContain("sum to 99.5, not 100");
  });
});

describe("LetterSchema: an indicator item's target and floor (DOMAIN.md §6)", () => {
  /** One indicator item of 60 points beside a manual item of 40; the issues' paths and messages. */
  const issuesOf = (item: Record<string, unknown>) => {
    const r = LetterSchema.safeParse({
      year: 2016,
      assessedUnit: { kind: "township", code: "LZ-SH" },
      items: [{ kind: "indicator", id: "i1", points: 60, ...item }, { kind: "manual", id: "m", points: 40, titleZh: "其他", titleEn: "Other" }],
    });
    return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  };
  const updateRate = { indicator: "record_update_rate", rule: { kind: "thresholds", pointsOffPerPoint: 1, floor: 80 } };

  it("refuses a target of 0 for higher is better (everyone would get full points), naming the item, and a floor above it", () => {
    // The tester's letter: 沙河镇 2016, i1 saved with 全年目标 0 and the floor 80.
    expect(issuesOf({ ...updateRate, annualTarget: 0 })).toEqual([
      { path: "items.0.annualTarget", message: "item i1 (Dynamic data update completion rate): the annual target must be above 0 when higher is better (项目i1「动态更新完成率」越高越好，全年目标须大于0)" },
      { path: "items.0.rule.floor", message: expect.stringContaining("the floor 80 must not be above the annual target 0 when higher is better") },
    ]);
    expect(issuesOf({ ...updateRate, annualTarget: 79 }).map((i) => i.path)).toEqual(["items.0.rule.floor"]);
    expect(issuesOf({ ...updateRate, annualTarget: 80 })).toEqual([]);
    expect(issuesOf({ indicator: "cataract_surgeries", annualTarget: 0 }).map((i) => i.path)).toEqual(["items.0.annualTarget"]);
  });

  it("a rate's target and floor are percent within 0–100; a count's target is not capped", () => {
    expect(issuesOf({ ...updateRate, annualTarget: 120 })).toEqual([
      { path: "items.0.annualTarget", message: expect.stringMatching(/within 0–100 %, not 120 %.*全年目标须在0–100%之间，现为120%/) },
    ]);
    expect(issuesOf({ ...updateRate, annualTarget: 100 })).toEqual([]);
    expect(issuesOf({ indicator: "enrollment_rate", annualTarget: 10, direction: "lower", rule: { kind: "thresholds", pointsOffPerPoint: 1, floor: 101 } }).map((i) => i.path)).toEqual(["items.0.rule.floor"]);
    expect(issuesOf({ indicator: "cataract_surgeries", annualTarget: 500, rule: { kind: "thresholds", pointsOffPerPoint: 1, floor: 300 } })).toEqual([]);
  });

  it("lower is better: a target of 0 is allowed (none at all), the floor — the highest acceptable value — may not be below the target", () => {
    // The catalogue has no "lower is better" indicator; a letter may still score a count that way.
    const complaints = { indicator: "cataract_surgeries", direction: "lower" };
    expect(issuesOf({ ...complaints, annualTarget: 0 })).toEqual([]);
    expect(issuesOf({ ...complaints, annualTarget: 12, rule: { kind: "thresholds", pointsOffPerPoint: 0.5, floor: 24 } })).toEqual([]);
    expect(issuesOf({ ...complaints, annualTarget: 12, rule: { kind: "thresholds", pointsOffPerPoint: 0.5, floor: 6 } })).toEqual([
      { path: "items.0.rule.floor", message: expect.stringContaining("the floor 6 must not be below the annual target 12 when lower is better") },
    ]);
  });
});

describe("actualToDate", () => {
  it("reads month by month from the subtree and marks a month with no value not reported", () => {
    const index = new DataValueIndex([
      dv("T-A-V01", "2016-01", "cataract_surgeries", 5),
      dv("T-A-V02", "2016-01", "cataract_surgeries", 2),
      dv("T-A-V02", "2016-03", "cataract_surgeries", 0),
      dv("T-B-V01", "2016-02", "cataract_surgeries", 9),
    ]);
    const a = actualToDate(indicator("cataract_surgeries"), index, smallTree(), "T-A", "2016-03");
    expect(a.months).toEqual([
      { month: "2016-01", numerator: 7, denominator: null, reported: true },
      { month: "2016-02", numerator: null, denominator: null, reported: false },
      { month: "2016-03", numerator: 0, denominator: null, reported: true },
    ]);
    expect(a.numerator).toBe(7);
  });

  it("takes stocks as the last value and keeps the denominator", () => {
    const index = new DataValueIndex([
      dv("T-A-V01", "2016-01", "children_enrolled", 8),
      dv("T-A-V01", "2016-01", "school_age_children", 10),
      dv("T-A-V01", "2016-02", "children_enrolled", 9),
      dv("T-A-V01", "2016-02", "school_age_children", 10),
    ]);
    const a = actualToDate(indicator("enrollment_rate"), index, smallTree(), "T-A", "2016-02");
    // Stock: February's 9 of 10, not 17 of 20.
    expect([a.numerator, a.denominator]).toEqual([9, 10]);
    const l = letter([{ id: "e", indicator: "enrollment_rate", points: 10, annualTarget: 95 }]);
    // 90 % of 95 %: 10 × 90/95 = 180/19.
    expect(scoreOf(run({ letter: l, throughMonth: "2016-02", actuals: { e: a } }), "e").score!.exact).toBe("180/19");
  });
});

describe("supervision finding", () => {
  const found = (month: string, dueDate: string) => ({
    assessedUnit: { kind: "township" as const, code: "LZ-PC" },
    month,
    itemId: "m1",
    description: "月报表逾期 / Report late",
    pointsDeducted: 1,
    rectification: { owner: "平川镇残联", dueDate, status: "open" as const, verificationNote: null },
  });

  it("refuses a rectification due before the first day of the month the problem was found, at the due date's path", () => {
    const r = SupervisionFindingSchema.safeParse(found("2016-12", "2016-11-01"));
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["rectification.dueDate", "the due date 2016-11-01 is before the month found, 2016-12: give 2016-12-01 or later (整改期限 2016-11-01 早于发现问题的月份 2016-12，应不早于 2016-12-01)"],
    ]);
    expect(SupervisionFindingSchema.safeParse(found("2016-12", "2016-11-30")).success).toBe(false);
    // The first day of the month itself and any later day are fine.
    expect(SupervisionFindingSchema.safeParse(found("2016-12", "2016-12-01")).success).toBe(true);
    expect(SupervisionFindingSchema.safeParse(found("2016-12", "2017-01-15")).success).toBe(true);
  });
});
