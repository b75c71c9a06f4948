import { describe, expect, it } from "vitest";
import { Fraction, assessUnit, displayScore, gradeOf, rankAndGrade, AssessmentInputError } from "../src/index.ts";
import { manualUnit } from "./assessment-builders.ts";

const unit = (code: string, total: number, extra = {}) => assessUnit(manualUnit(code, total, extra));

/** Every ordering of a list (Heap's algorithm would do; 5! = 120 is small). */
function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

describe("ranking", () => {
  it("95.5, 92, 92, 92, 88 rank 1, 2, 2, 2, 5 in every input order, ties listed by code", () => {
    const units = [unit("LZ-XH", 92), unit("LZ-SH", 95.5), unit("LZ-PC", 88), unit("LZ-BQ", 92), unit("LZ-LQ", 92)];
    const perms = permutations(units);
    expect(perms).toHaveLength(120);
    for (const p of perms) {
      const ranked = rankAndGrade(p, { excellentShare: 1 });
      expect(ranked.map((r) => [r.unit.code, r.rank])).toEqual([
        ["LZ-SH", 1],
        ["LZ-BQ", 2],
        ["LZ-LQ", 2],
        ["LZ-XH", 2],
        ["LZ-PC", 5],
      ]);
    }
  });

  it("codes sort with numbers as numbers (V2 before V10)", () => {
    const ranked = rankAndGrade([unit("LZ-SH-V10", 80), unit("LZ-SH-V2", 80)]);
    expect(ranked.map((r) => r.unit.code)).toEqual(["LZ-SH-V2", "LZ-SH-V10"]);
  });

  it("vetoed and incomplete units have no rank and follow, by code", () => {
    const vetoed = unit("LZ-AA", 99, { vetoes: [{ itemId: "all", reason: "falsified data" }] });
    const incomplete = assessUnit({ ...manualUnit("LZ-AB", 0), manualScores: {} });
    const ranked = rankAndGrade([incomplete, unit("LZ-ZZ", 70), vetoed]);
    expect(ranked.map((r) => [r.unit.code, r.rank, r.finalGrade])).toEqual([
      ["LZ-ZZ", 1, "pass"],
      ["LZ-AA", null, "fail"],
      ["LZ-AB", null, null],
    ]);
  });

  it("refuses duplicate units and mixed periods", () => {
    expect(() => rankAndGrade([unit("LZ-SH", 90), unit("LZ-SH", 80)])).toThrow(AssessmentInputError);
    const q1 = assessUnit({ ...manualUnit("LZ-XH", 80), throughMonth: "2016-03" });
    expect(() => rankAndGrade([unit("LZ-SH", 90), q1])).toThrow(/different periods/);
  });
});

describe("the excellent cap", () => {
  const ten = (totals: number[]) => totals.map((t, i) => unit(`LZ-U${String(i + 1).padStart(2, "0")}`, t));

  it("at most ⌊n × 20 %⌋ are excellent, by rank; the others at or above 90 get good", () => {
    // 10 units → 2 excellent; four at or above 90.
    const ranked = rankAndGrade(ten([91, 96, 85, 94, 93, 70, 60, 50, 40, 30]));
    expect(ranked.slice(0, 5).map((r) => [r.unit.code, r.grade, r.finalGrade, r.cappedFromExcellent])).toEqual([
      ["LZ-U02", "excellent", "excellent", false],
      ["LZ-U04", "excellent", "excellent", false],
      ["LZ-U05", "excellent", "good", true],
      ["LZ-U01", "excellent", "good", true],
      ["LZ-U03", "good", "good", false],
    ]);
  });

  it("a tie across the boundary: the tied units all drop to good, and so does everyone below them", () => {
    // limit 2: 96 keeps; the two 93s would make 3 > 2 — both drop, and 91 below them too.
    const ranked = rankAndGrade(ten([93, 96, 93, 91, 50, 50, 50, 50, 50, 50]));
    expect(ranked.slice(0, 4).map((r) => [r.unit.code, r.rank, r.finalGrade])).toEqual([
      ["LZ-U02", 1, "excellent"],
      ["LZ-U01", 2, "good"],
      ["LZ-U03", 2, "good"],
      ["LZ-U04", 4, "good"],
    ]);
  });

  it("a tie that fits keeps excellent for all of it", () => {
    // limit 2: the two 95s fit exactly; 91 does not.
    const ranked = rankAndGrade(ten([95, 91, 95, 50, 50, 50, 50, 50, 50, 50]));
    expect(ranked.slice(0, 3).map((r) => [r.unit.code, r.finalGrade])).toEqual([
      ["LZ-U01", "excellent"],
      ["LZ-U03", "excellent"],
      ["LZ-U02", "good"],
    ]);
  });

  it("7 townships allow ⌊1.4⌋ = 1 excellent; 3 allow none at 20 %", () => {
    const seven = ["SH", "XH", "LQ", "PC", "BQ", "YN", "NJY"].map((c, i) => unit(`LZ-${c}`, 99 - i));
    expect(rankAndGrade(seven).filter((r) => r.finalGrade === "excellent").map((r) => r.unit.code)).toEqual(["LZ-SH"]);
    expect(rankAndGrade(seven.slice(0, 3)).filter((r) => r.finalGrade === "excellent")).toHaveLength(0);
  });
});

describe("display and comparison agree", () => {
  it("grades compare the exact total: 89.996 is good, so it is shown 89.996, never 90.00", () => {
    const r = unit("LZ-SH", 89.996);
    expect(r.grade).toBe("good");
    expect(r.total.display).toBe("89.996");
    // 89.995 would round half up to 90.00 — shown with three decimals too.
    expect(unit("LZ-SH", 89.995).total.display).toBe("89.995");
    expect(unit("LZ-SH", 89.995).grade).toBe("good");
    // 89.994 rounds to 89.99: two decimals suffice.
    expect(unit("LZ-SH", 89.994).total.display).toBe("89.99");
    // 90 is excellent and shown 90.00; 90.004 is still excellent and shown 90.00.
    expect([unit("LZ-SH", 90).grade, unit("LZ-SH", 90).total.display]).toEqual(["excellent", "90.00"]);
    expect([unit("LZ-SH", 90.004).grade, unit("LZ-SH", 90.004).total.display]).toEqual(["excellent", "90.00"]);
    // The same at 80 and 60.
    expect(unit("LZ-SH", 79.9999).total.display).toBe("79.9999");
    expect(unit("LZ-SH", 59.995).grade).toBe("fail");
  });

  it("a repeating decimal just under 90 gets as many digits as it needs", () => {
    // 90 − 1/3000 = 89.99966…: 2 decimals → 90.00, 3 → 90.000, 4 → 89.9997.
    const x = Fraction.of(90).sub(Fraction.of(1, 3000));
    expect(gradeOf(x)).toBe("good");
    expect(displayScore(x)).toBe("89.9997");
  });

  it("totals ranked apart are shown apart", () => {
    const ranked = rankAndGrade([unit("LZ-SH", 92.004), unit("LZ-XH", 92.001), unit("LZ-LQ", 85)], { excellentShare: 1 });
    expect(ranked.map((r) => [r.rank, r.totalDisplay])).toEqual([
      [1, "92.004"],
      [2, "92.001"],
      [3, "85.00"],
    ]);
    // Equal totals are shown alike.
    const tied = rankAndGrade([unit("LZ-SH", 92.004), unit("LZ-XH", 92.004)]);
    expect(tied.map((r) => r.totalDisplay)).toEqual(["92.00", "92.00"]);
  });
});
