/** Builders for assessment tests: letters padded to 100 points, actuals by month, findings. */
import {
  LetterSchema,
  yearToDateMonths,
  type FindingRecord,
  type ItemActual,
  type Letter,
  type UnitAssessmentInput,
} from "../src/index.ts";

type ItemInput = Record<string, unknown> & { id: string; points: number };

/**
 * A 2016 letter for township `code` with the given items, padded with a manual
 * item `pad` so the points sum to 100 (parsed by LetterSchema, defaults applied).
 */
export function letter(items: ItemInput[], code = "LZ-SH"): Letter {
  const sum = items.reduce((s, i) => s + Math.round(i.points * 100), 0) / 100;
  const all: unknown[] = items.map((i) => ({ kind: "indicator", ...i }));
  if (sum < 100) all.push({ kind: "manual", id: "pad", points: Math.round((100 - sum) * 100) / 100, titleZh: "其他工作", titleEn: "Other work" });
  return LetterSchema.parse({ year: 2016, assessedUnit: { kind: "township", code }, items: all });
}

/** A count actual: one numerator per month from January; `null` in the list = month not reported. */
export function counts(...perMonth: (number | null)[]): ItemActual {
  const months = perMonth.map((v, i) => ({ month: `2016-${String(i + 1).padStart(2, "0")}`, numerator: v, denominator: null, reported: v !== null }));
  const reported = perMonth.filter((v): v is number => v !== null);
  return { months, numerator: reported.length ? reported.reduce((a, b) => a + b, 0) : null, denominator: null };
}

/** A rate actual through `throughMonth` whose year-to-date parts are numerator / denominator (every month reported). */
export function rate(numerator: number, denominator: number, throughMonth: string): ItemActual {
  const months = yearToDateMonths(throughMonth).map((month) => ({ month, numerator, denominator, reported: true }));
  return { months, numerator, denominator };
}

export function finding(id: string, itemId: string, month: string, points: number, code = "LZ-SH"): FindingRecord {
  return {
    id,
    assessedUnit: { kind: "township", code },
    month,
    itemId,
    description: `problem ${id}`,
    pointsDeducted: points,
    rectification: { owner: "镇残联", dueDate: "2016-12-31", status: "open", verificationNote: null },
  };
}

/** A unit whose letter is one manual item of 100 points scored `total` (for ranking and grade tests). */
export function manualUnit(code: string, total: number, extra: Partial<UnitAssessmentInput> = {}): UnitAssessmentInput {
  const l = LetterSchema.parse({
    year: 2016,
    assessedUnit: { kind: "township", code },
    items: [{ kind: "manual", id: "all", points: 100, titleZh: "综合", titleEn: "Overall", veto: true }],
  });
  return { throughMonth: "2016-06", letter: l, actuals: {}, manualScores: { all: total }, ...extra };
}
