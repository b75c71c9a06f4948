/**
 * Data quality (issue 4, points 5–6): completeness and timeliness of the
 * townships' monthly reports, the villages that sent nothing, the validation
 * rules' violations, and the report due day setting.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { completenessOfYear, reportDueDay, runValidation, setReportDueDay } from "@linze/db";
import { chinaDate, DateLabelSchema, isDateLabel, PeriodSchema, ReportDueDaySchema, validationRule, violationText, type ValidationViolation } from "@linze/domain";
import { requires, router } from "../trpc.ts";
import { assertView, scopeCompleteness } from "../scope.ts";

const YearSchema = z.number().int().min(2000).max(2100);

/** A year; `asOf` (a date `YYYY-MM-DD`, default today in China) decides which reports are past due. */
export const CompletenessInputSchema = z.object({
  year: YearSchema,
  asOf: DateLabelSchema.refine(isDateLabel, { message: "expected a calendar date YYYY-MM-DD (日期不存在)" }).optional(),
});
/** A month, quarter or year (every month of it is checked); an org unit (default: the county and each township). */
export const ValidationInputSchema = z.object({ period: PeriodSchema, orgUnit: z.string().min(1).optional() });
/** The due day of the following month, 1–28 (the form uses the same schema). */
export const SetDueDayInputSchema = z.object({ day: ReportDueDaySchema });

/** One broken rule for one org unit and month, with the rule's names and the message in both languages. */
export interface ValidationViolationRow {
  readonly rule: string;
  readonly ruleNameZh: string;
  readonly ruleNameEn: string;
  readonly importance: "high" | "medium" | "low";
  readonly source: string;
  readonly orgUnit: string;
  /** The month, `YYYY-MM`. */
  readonly period: string;
  /** The sides as compared (sum × factor): counts or CNY. */
  readonly left: number;
  readonly right: number;
  /** The sums of the sides' data elements, before the factor. */
  readonly leftSum: number;
  readonly rightSum: number;
  /** "护理补贴金额 48,000 ≠ 护理补贴人数 399 × 100 = 39,900" and its English. */
  readonly textZh: string;
  readonly textEn: string;
}

/** A violation with its rule's names and source and the message in both languages (DOMAIN.md §validation, the rule catalogue). */
export function violationRow(v: ValidationViolation): ValidationViolationRow {
  const rule = validationRule(v.rule);
  return {
    rule: v.rule,
    ruleNameZh: rule.nameZh,
    ruleNameEn: rule.nameEn,
    importance: v.importance,
    source: rule.source,
    orgUnit: v.orgUnit,
    period: v.period,
    left: v.left,
    right: v.right,
    leftSum: v.leftSum,
    rightSum: v.rightSum,
    textZh: violationText(v, "zh-CN"),
    textEn: violationText(v, "en"),
  };
}

export const qualityRouter = router({
  /**
   * Each township's report for each month of the year as of `asOf`: status
   * (onTime, late with days late, missing, notYetDue), date received, due
   * date, villages reported of those expected (and which are missing); per
   * township and for the county the reporting rate and the on-time rate
   * (ratios 0–1, null when nothing is expected), with the counts behind them.
   * Scoped (scope.ts `scopeCompleteness`): a township officer gets every
   * township's rates but the missing villages' names of the own township only;
   * a committee member the own township's reports counting the own village only.
   */
  completeness: requires("quality.view").input(CompletenessInputSchema).query(async ({ ctx, input }) =>
    scopeCompleteness(await completenessOfYear(ctx.db, ctx.tree, input.year, input.asOf ?? chinaDate()), ctx.access, ctx.tree),
  ),

  /**
   * The validation rules' violations for every month of `period`, for the
   * county and each township (or the one org unit named), in the order
   * month, org unit, rule. Unknown org unit → BAD_REQUEST listing the codes;
   * one outside the caller's view → FORBIDDEN; without `orgUnit`, a caller
   * who does not view everything gets the own org units.
   */
  validation: requires("data.view").input(ValidationInputSchema).query(async ({ ctx, input }) => {
    // Scope: a named org unit must be visible; without one, someone who does not view everything gets their own org units.
    if (input.orgUnit) assertView(ctx.access, [ctx.tree.get(input.orgUnit).code]);
    const parts = input.orgUnit || ctx.access.viewAll ? [await runValidation(ctx.db, ctx.tree, input)] : await Promise.all(ctx.access.viewRoots.map((orgUnit) => runValidation(ctx.db, ctx.tree, { ...input, orgUnit })));
    const result = { months: parts[0]?.months ?? [], orgUnits: parts.flatMap((p) => p.orgUnits), violations: parts.flatMap((p) => p.violations) };
    return {
      period: input.period,
      months: result.months,
      orgUnits: result.orgUnits,
      violations: result.violations.map(violationRow),
    };
  }),

  /** The report due day (default 10) and who changed it when. */
  settings: requires("catalogue.read").query(async ({ ctx }) => ({ reportDueDay: await reportDueDay(ctx.db) })),

  /** Sets the due day (1–28) for every month's report; administrators only; recorded with who and when. */
  setDueDay: requires("settings.manage").input(SetDueDayInputSchema).mutation(async ({ ctx, input }) => {
    return { reportDueDay: await setReportDueDay(ctx.db, input.day, ctx.user.id) };
  }),
});
