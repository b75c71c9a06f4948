/**
 * The inputs of the API, one zod schema each, shared by the procedures and
 * the dashboard's forms. Imports only the domain and zod (safe in a browser).
 */
import { z } from "zod";
import { IndicatorCodeSchema, PeriodSchema } from "@linze/domain";

/** Codes are checked against the catalogue and the tree by the procedure, whose error lists the valid ones. */
const CodeSchema = z.string().min(1, { message: "must not be empty" });

/**
 * Indicator values for indicators × org units × periods. Exactly one way of
 * choosing org units: `orgUnits` (codes), `level` (1 county, 2 townships,
 * 3 villages and communities) or `childrenOf` (an org unit's children).
 * Periods are labels: `2016-03`, `2016Q1`, `2016`.
 */
export const IndicatorValuesInputSchema = z
  .object({
    indicators: z.array(IndicatorCodeSchema).min(1).max(50),
    orgUnits: z.array(CodeSchema).min(1).max(200).optional(),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    childrenOf: CodeSchema.optional(),
    periods: z.array(PeriodSchema).min(1).max(60),
  })
  .refine((i) => [i.orgUnits, i.level, i.childrenOf].filter((x) => x !== undefined).length === 1, {
    message: "give exactly one of orgUnits, level or childrenOf (组织机构只能用一种方式指定)",
    path: ["orgUnits"],
  });
export type IndicatorValuesInput = z.infer<typeof IndicatorValuesInputSchema>;
