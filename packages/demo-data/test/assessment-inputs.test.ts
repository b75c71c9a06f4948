/**
 * The committed demo assessment inputs (assessment_inputs_2016.json), read as
 * JSON and checked against the domain's schema and the committed letters.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LetterSchema, UnitQuarterInputsSchema } from "@linze/domain";
import { generateAssessmentDemo } from "../src/assessment.ts";
import { assessmentInputsJson, generateAssessmentInputs, Q4_UNSCORED } from "../src/assessment-inputs.ts";
import { generateLinzeDemoData } from "../src/breakdown.ts";
import { ASSESSMENT_INPUTS_FILE, LETTERS_FILE } from "../src/paths.ts";

const text = readFileSync(ASSESSMENT_INPUTS_FILE, "utf8");
const inputs = (JSON.parse(text) as unknown[]).map((u) => UnitQuarterInputsSchema.parse(u));
const letters = (JSON.parse(readFileSync(LETTERS_FILE, "utf8")) as unknown[]).map((l) => LetterSchema.parse(l));
const letterOf = new Map(letters.map((l) => [l.assessedUnit.code, l]));

describe("assessment_inputs_2016.json", () => {
  it("is what the generator writes (deterministic) and one unit-quarter a line", () => {
    expect(assessmentInputsJson(generateAssessmentInputs(generateAssessmentDemo(generateLinzeDemoData())))).toBe(text);
    expect(text.split("\n")).toHaveLength(inputs.length + 3);
  });

  it("scores every manual item of every letter in Q1–Q3 within 80–100 % of its points, in half points; only manual items", () => {
    for (const u of inputs) {
      const letter = letterOf.get(u.assessedUnit.code)!;
      const manual = letter.items.filter((i) => i.kind === "manual");
      if (u.quarter < 4) expect(Object.keys(u.manualScores).sort()).toEqual(manual.map((i) => i.id).sort());
      for (const [id, points] of Object.entries(u.manualScores)) {
        const item = manual.find((i) => i.id === id)!;
        expect(points).toBeGreaterThanOrEqual(item.points * 0.8);
        expect(points).toBeLessThanOrEqual(item.points);
        expect(Number.isInteger(points * 2)).toBe(true);
      }
    }
  });

  it("Q4 is still being scored: a few members have no manual scores; members not yet in post are left out", () => {
    const q4 = inputs.filter((u) => u.quarter === 4);
    expect(q4.filter((u) => Object.keys(u.manualScores).length === 0).map((u) => u.assessedUnit.kind)).toEqual(Array(Q4_UNSCORED).fill("committeeMember"));
    // 90 letters; in Q1 CM-LZ-BQ-V03, CM-LZ-NJY-V08 (from 2016-10) and CM-LZ-YN-V02 (from 2016-11) are not in post.
    expect(inputs.filter((u) => u.quarter === 1)).toHaveLength(87);
    expect(q4).toHaveLength(90);
  });

  it("townships self-score their manual items, some higher than the assessor; one commendation and one veto, both synthetic", () => {
    const townships = inputs.filter((u) => u.assessedUnit.kind === "township");
    expect(townships.every((u) => Object.keys(u.selfScores).length === 3)).toBe(true);
    const pairs = townships.flatMap((u) => Object.entries(u.selfScores).map(([id, self]) => ({ self, assessor: u.manualScores[id]! })));
    expect(pairs.filter((p) => p.self !== p.assessor).length).toBeGreaterThan(0);
    expect(pairs.every((p) => p.self >= p.assessor && p.self <= p.assessor + 2)).toBe(true);
    const commendations = inputs.flatMap((u) => u.commendations.map((c) => ({ ...c, quarter: u.quarter })));
    expect(commendations).toEqual([expect.objectContaining({ points: 2, quarter: 3, reason: expect.stringContaining("演示数据") })]);
    const vetoes = inputs.flatMap((u) => u.vetoes.map((v) => ({ ...v, quarter: u.quarter, kind: u.assessedUnit.kind })));
    expect(vetoes).toEqual([{ itemId: "v1", quarter: 2, kind: "committeeMember", reason: expect.stringContaining("fictitious") }]);
  });
});
