import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Fraction, indicator, scoreItem, type ScoringRule } from "../src/index.ts";
import { counts, letter, rate } from "./assessment-builders.ts";

const ruleArb: fc.Arbitrary<ScoringRule> = fc.oneof(
  fc.constant<ScoringRule>({ kind: "proportional" }),
  fc.constant<ScoringRule>({ kind: "perCase" }),
  fc.record({
    kind: fc.constant("thresholds" as const),
    pointsOffPerPoint: fc.integer({ min: 1, max: 400 }).map((k) => k / 100),
    floor: fc.integer({ min: 0, max: 200 }),
  }),
);
const pointsArb = fc.integer({ min: 1, max: 5000 }).map((p) => p / 100);
/** The rule as a valid letter holds it: a thresholds floor not above the target (LetterSchema refuses one above). */
const withFloorWithin = (rule: ScoringRule, target: number): ScoringRule => (rule.kind === "thresholds" ? { ...rule, floor: rule.floor % (target + 1) } : rule);
const F = (e: { exact: string } | null) => Fraction.from(e!.exact);

describe("score properties (higher is better, every rule)", () => {
  it("a count item's score stays in [0, points] and never falls when the actual rises", () => {
    fc.assert(
      fc.property(ruleArb, pointsArb, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 12 }), fc.nat(200), fc.nat(50), (rule, points, target, month, a, more) => {
        const l = letter([{ id: "c", indicator: "cataract_surgeries", points, annualTarget: target, rule: withFloorWithin(rule, target) }]);
        const item = l.items[0]!;
        const throughMonth = `2016-${String(month).padStart(2, "0")}`;
        // The actual to date sits in the last month; earlier months report 0.
        const at = (v: number) =>
          F(scoreItem(item, { throughMonth, indicator: indicator("cataract_surgeries"), actual: counts(...Array(month - 1).fill(0), v) }).score);
        const lo = at(a);
        const hi = at(a + more);
        expect(lo.gte(0) && lo.lte(points)).toBe(true);
        expect(hi.gte(0) && hi.lte(points)).toBe(true);
        expect(hi.gte(lo)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("a rate item's score stays in [0, points] and never falls when the numerator rises", () => {
    fc.assert(
      fc.property(ruleArb, pointsArb, fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 200 }), fc.nat(200), fc.nat(200), (rule, points, target, den, a, b) => {
        const [n1, n2] = [Math.min(a, b, den), Math.min(Math.max(a, b), den)];
        const l = letter([{ id: "e", indicator: "enrollment_rate", points, annualTarget: target, rule: withFloorWithin(rule, target) }]);
        const item = l.items[0]!;
        const at = (n: number) => F(scoreItem(item, { throughMonth: "2016-06", indicator: indicator("enrollment_rate"), actual: rate(n, den, "2016-06") }).score);
        const lo = at(n1);
        const hi = at(n2);
        expect(lo.gte(0) && lo.lte(points)).toBe(true);
        expect(hi.lte(points)).toBe(true);
        expect(hi.gte(lo)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("reaching the expected value always gives full points, under every rule", () => {
    fc.assert(
      fc.property(ruleArb, pointsArb, fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 12 }), (rule, points, target, month) => {
        const l = letter([{ id: "c", indicator: "cataract_surgeries", points, annualTarget: target, rule: withFloorWithin(rule, target) }]);
        const throughMonth = `2016-${String(month).padStart(2, "0")}`;
        const needed = Math.ceil((target * month) / 12);
        const s = scoreItem(l.items[0]!, { throughMonth, indicator: indicator("cataract_surgeries"), actual: counts(...Array(month - 1).fill(0), needed) });
        expect(F(s.score).eq(Fraction.from(points))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
