/**
 * The inputs of the API, one zod schema each, shared by the procedures and
 * the dashboard's forms. Imports only the domain and zod (safe in a browser).
 */
import { z } from "zod";
import { IndicatorCodeSchema, PeriodSchema } from "@linze/domain";
import {
  AssessedUnitKindSchema,
  AssessedUnitSchema,
  CommendationSchema,
  QuarterSchema,
  VetoSchema,
  CommitteeMemberSchema,
  DateLabelSchema,
  LetterItemSchema,
  LetterSchema,
  MonthSchema,
  RectificationStatusSchema,
  SupervisionFindingSchema,
} from "@linze/domain";
import { RecordIdSchema } from "./record-id.ts";

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

// --- Assessment (issue 3): committee members, letters, supervision findings, runs -----------------


const VersionSchema = z.number().int().positive();
const IdSchema = RecordIdSchema;
const YearSchema = z.number().int().min(2000).max(2100);

export const MemberListInputSchema = z.object({ under: CodeSchema.optional() }).default({});
export const MemberGetInputSchema = z.object({ code: CodeSchema });
/** A new member: the domain's contract. */
export const MemberCreateInputSchema = CommitteeMemberSchema;
/** The member's fields as saved, with the version read (a stale version is refused: someone saved in between). */
export const MemberUpdateInputSchema = CommitteeMemberSchema.extend({ version: VersionSchema });

export const LetterListInputSchema = z
  .object({ year: YearSchema.optional(), kind: AssessedUnitKindSchema.optional(), under: CodeSchema.optional() })
  .default({});
export const LetterGetInputSchema = z.object({ id: IdSchema });
/** A new letter: `LetterSchema` (points sum to 100, unique item ids); errors carry the field path. */
export const LetterCreateInputSchema = LetterSchema;
/** New items for a stored letter; validated with the stored year and unit by `LetterSchema`. */
export const LetterUpdateInputSchema = z.object({ id: IdSchema, version: VersionSchema, items: z.array(LetterItemSchema).min(1).max(60) });
export const LetterCopyInputSchema = z.object({ id: IdSchema });

export const FindingListInputSchema = z
  .object({
    kind: AssessedUnitKindSchema.optional(),
    code: CodeSchema.optional(),
    /** A month `YYYY-MM`, or a year `YYYY`. */
    period: z.union([MonthSchema, z.string().regex(/^\d{4}$/, { message: "expected a month YYYY-MM or a year YYYY" })]).optional(),
    under: CodeSchema.optional(),
    status: RectificationStatusSchema.optional(),
  })
  .default({});
export const FindingCreateInputSchema = SupervisionFindingSchema;
export const FindingStatusInputSchema = z.object({
  id: IdSchema,
  status: RectificationStatusSchema,
  /** Required to verify (核查说明). */
  note: z.string().max(2000).nullable().default(null),
});
/** Withdraw a finding (撤销): the reason is required and recorded with it. */
export const FindingWithdrawInputSchema = z.object({
  id: IdSchema,
  reason: z.string().trim().min(1, { message: "a withdrawal needs a reason (撤销须填写原因)" }).max(2000),
});
/** Open findings due before `asOf` (a date label `YYYY-MM-DD`, e.g. 2016-12-31). */
export const OverdueInputSchema = z.object({ asOf: DateLabelSchema, under: CodeSchema.optional() });

export const AssessmentScopeSchema = z.enum(["townships", "townshipMembers", "countyMembers"]);
const ByUnit = <T extends z.ZodType>(value: T) => z.record(z.string().min(1), value);
export const AssessmentRunInputSchema = z
  .object({
    year: YearSchema,
    quarter: z.number().int().min(1).max(4),
    /** townships: the 7 township letters; townshipMembers: the members of `township`; countyMembers: all members. */
    scope: AssessmentScopeSchema,
    township: CodeSchema.optional(),
    /**
     * Optional, on top of the stored inputs of the quarter (`assessmentInputs.*`, which the run reads): the
     * assessor's points for manual items, unit code → item id → points, each replacing the stored one for its
     * item. A manual item with no points either way leaves its unit incomplete.
     */
    manualScores: ByUnit(z.record(z.string(), z.number().nonnegative())).default({}),
    /** Scores every manual item still without points at its full points (what-if runs and tests; recorded in the inputs). */
    manualDefault: z.enum(["none", "full"]).default("none"),
    /** Optional, replacing stored self-scores item by item; explicit commendations and vetoes are added to the stored ones. */
    selfScores: ByUnit(z.record(z.string(), z.number().nonnegative())).default({}),
    commendations: ByUnit(z.array(z.object({ reason: z.string().min(1), points: z.number().positive() }))).default({}),
    vetoes: ByUnit(z.array(z.object({ itemId: z.string().min(1), reason: z.string().min(1) }))).default({}),
    excellentShare: z.number().min(0).max(1).default(0.2),
    bonusCap: z.number().nonnegative().default(5),
  })
  .refine((i) => (i.scope === "townshipMembers") === (i.township !== undefined), {
    message: "township: give a township's code for the scope townshipMembers, and none for the other scopes (按乡镇考核专职委员（townshipMembers）时须指定乡镇代码，其他范围不指定乡镇)",
    path: ["township"],
  });
export type AssessmentRunInput = z.infer<typeof AssessmentRunInputSchema>;
export const RunGetInputSchema = z.object({ id: IdSchema });
export const RunListInputSchema = z
  .object({ year: YearSchema.optional(), quarter: z.number().int().min(1).max(4).optional(), scope: AssessmentScopeSchema.optional() })
  .default({});

// --- Assessment inputs: what the assessor and the assessed unit enter per quarter ------------------

/** One unit's quarter: year, quarter 1–4, and the unit (`{ kind: "township", code: "LZ-SH" }` or `{ kind: "committeeMember", code: "CM-LZ-SH-V03" }`). */
const UnitQuarterShape = { year: YearSchema, quarter: QuarterSchema, assessedUnit: AssessedUnitSchema };
export const AssessmentInputsGetInputSchema = z.object(UnitQuarterShape);
/** Every unit with anything entered for the quarter. */
export const AssessmentInputsListInputSchema = z.object({ year: YearSchema, quarter: QuarterSchema });
/**
 * Points for one item (form fields: itemId, points). `points` null clears the
 * entry. The assessor scores manual items (0…the item's points); the unit's
 * self-score may be given for any item. Checked against the unit's letter.
 */
export const SetManualScoreInputSchema = z.object({
  ...UnitQuarterShape,
  itemId: z.string().min(1, { message: "choose an item (请选择项目)" }),
  points: z.number().nonnegative({ message: "points must not be negative (分值不能为负)" }).max(100).nullable(),
});
export const SetSelfScoreInputSchema = SetManualScoreInputSchema;
/** A commendation (表彰加分): reason and bonus points > 0 (the unit's bonus is capped, default 5). */
export const AddCommendationInputSchema = z.object({ ...UnitQuarterShape, ...CommendationSchema.shape });
/** A veto (一票否决) on a veto item of the unit's letter, with the reason. */
export const AddVetoInputSchema = z.object({ ...UnitQuarterShape, ...VetoSchema.shape });
/** Removes a commendation or veto by its id. */
export const RemoveAdjustmentInputSchema = z.object({ id: IdSchema });

/** Data entry, value history, imports and column mappings (issue 4). */
export * from "./data-schemas.ts";
