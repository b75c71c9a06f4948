/**
 * What people enter for one quarter's assessment of one unit (DOMAIN.md §6):
 * the assessor's points for manual items (评分人打分), the unit's own
 * self-scores (自评分), commendations (表彰加分) and vetoes (一票否决). Points
 * are assessment points; the letter says which items exist and their points.
 */
import { z } from "zod";
import { AssessedUnitSchema } from "./letters.ts";

export const QuarterSchema = z.number().int().min(1).max(4);

/** Points entered for one item, by item id: ≥ 0 (the letter's item points are the upper bound, checked against the letter). */
export const ItemPointsSchema = z.record(z.string().min(1), z.number().nonnegative().max(100));

/** A commendation from a higher level (e.g. 县政府残工委): bonus points (> 0, into the capped bonus) and why. */
export const CommendationSchema = z.object({
  reason: z.string().trim().min(1, { message: "a reason is required (请填写表彰事由)" }).max(500),
  points: z.number().positive({ message: "bonus points must be above 0 (加分须大于0)" }).max(100),
});

/** A veto recorded against a veto item of the letter (一票否决), with the reason. */
export const VetoSchema = z.object({
  itemId: z.string().min(1),
  reason: z.string().trim().min(1, { message: "a reason is required (请填写否决事由)" }).max(500),
});

/**
 * Everything entered for one unit in one quarter, as in the demo file
 * `assessment_inputs_<year>.json` (data/README.md).
 */
export const UnitQuarterInputsSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  quarter: QuarterSchema,
  assessedUnit: AssessedUnitSchema,
  manualScores: ItemPointsSchema.default({}),
  selfScores: ItemPointsSchema.default({}),
  commendations: z.array(CommendationSchema).default([]),
  vetoes: z.array(VetoSchema).default([]),
});
export type UnitQuarterInputs = z.infer<typeof UnitQuarterInputsSchema>;
