/**
 * displayScores (rankAndGrade's shown totals) gives exactly what displayScore
 * against every other total gives, for totals that crowd each other: equal
 * totals, totals 1/1000 apart (same at 2 decimals), thresholds (90, 75, 60)
 * and a thousand of them.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { displayScore, displayScores, Fraction } from "../src/index.ts";

const bruteForce = (totals: readonly Fraction[]) => totals.map((x) => displayScore(x, { others: totals }));

// Totals in thousandths and seven-thousandths from 59 to 91: many share two decimals, some sit on a threshold.
const totalArb = fc.oneof(
  fc.integer({ min: 59_000, max: 91_000 }).map((k) => Fraction.from(`${k / 1000}`)),
  fc.integer({ min: 59 * 7000, max: 91 * 7000 }).map((k) => Fraction.from(k).div(7000)),
);

describe("displayScores", () => {
  it("equals displayScore against all the others, in the order given", () => {
    fc.assert(
      fc.property(fc.array(totalArb, { minLength: 1, maxLength: 40 }), (totals) => {
        expect(displayScores(totals)).toEqual(bruteForce(totals));
      }),
      { numRuns: 300 },
    );
  });

  it("shows more decimals exactly where a neighbour would look the same", () => {
    const totals = ["89.996", "89.994", "90", "75.5", "75.5", "60.004"].map((t) => Fraction.from(t));
    // 89.996 would show as 90.00, a threshold it has not reached, and as 90 does: three decimals for both;
    // 89.994 shows as 89.99 as nothing else does; the two 75.5 are equal, so they need no more decimals.
    expect(displayScores(totals)).toEqual(bruteForce(totals));
    expect(displayScores(totals)).toEqual(["89.996", "89.99", "90.000", "75.50", "75.50", "60.00"]);
  });

  it("a thousand crowded totals give the brute force's strings", () => {
    const totals = Array.from({ length: 1000 }, (_, i) => Fraction.from(80_000 + ((i * 7919) % 3001)).div(1000));
    expect(displayScores(totals)).toEqual(bruteForce(totals));
  });
});
