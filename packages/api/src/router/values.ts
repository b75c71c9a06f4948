import { queryIndicatorRows } from "@linze/db";
import { indicator, type OrgUnitTree } from "@linze/domain";
import { IndicatorValuesInputSchema, type IndicatorValuesInput } from "../schemas.ts";
import { TRPCError } from "@trpc/server";
import { requires, router } from "../trpc.ts";
import { assertIndicatorValues } from "../scope.ts";
import { canViewIndicatorValues } from "../permissions.ts";

/**
 * The most indicator × org unit × period cells one request may ask for: the
 * dashboard's largest view (12 indicators × 12 months) is 144; a few requests
 * at the schema's limits (50 × 200 × 60) would hold the server for minutes.
 */
export const MAX_VALUE_CELLS = 5_000;

/** One indicator for one org unit (with everything below it) and one period; all null for no value. */
export interface IndicatorValueRow {
  readonly indicator: string;
  readonly orgUnit: string;
  readonly period: string;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** In the indicator's unit: percent for rates (83.3 = 83.3 %), a count, or CNY. */
  readonly value: number | null;
}

/** The org unit codes the input names; throws UnknownOrgUnit (listing the valid codes). */
function orgUnitCodes(tree: OrgUnitTree, input: IndicatorValuesInput): string[] {
  if (input.orgUnits) return input.orgUnits.map((c) => tree.get(c).code);
  if (input.childrenOf !== undefined) return tree.children(input.childrenOf).map((u) => u.code);
  return tree.atLevel(input.level!).map((u) => u.code);
}

export const valuesRouter = router({
  /**
   * Indicator values, one row for every indicator × org unit × period asked
   * for, in the order asked (indicator, then org unit, then period); a
   * combination without data has null numerator, denominator and value.
   * Unknown indicator or org unit → BAD_REQUEST listing the valid codes.
   * Scope: named org units outside what the caller may see → FORBIDDEN;
   * `level` and `childrenOf` give only the visible ones (a township officer:
   * the own township in detail, the county and every township for comparison).
   */
  list: requires("data.view").input(IndicatorValuesInputSchema).query(async ({ ctx, input }): Promise<IndicatorValueRow[]> => {
    const indicators = [...new Set(input.indicators)].map(indicator);
    // Named org units must all be visible; a level or an org unit's children are narrowed to the visible ones.
    if (input.orgUnits) assertIndicatorValues(ctx.access, ctx.tree, input.orgUnits.map((c) => ctx.tree.get(c).code));
    const orgUnits = [...new Set(orgUnitCodes(ctx.tree, input))].filter((c) => canViewIndicatorValues(ctx.access, ctx.tree, c));
    const periods = [...new Set(input.periods)];
    if (orgUnits.length === 0) return [];
    const cells = indicators.length * orgUnits.length * periods.length;
    if (cells > MAX_VALUE_CELLS) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `${indicators.length} indicators × ${orgUnits.length} org units × ${periods.length} periods = ${cells} values; at most ${MAX_VALUE_CELLS} per request (单次请求最多${MAX_VALUE_CELLS}个值，请分批查询)`,
      });
    }
    const rows = await queryIndicatorRows(ctx.db, { indicators, orgUnits, periods });
    const byKey = new Map(rows.map((r) => [`${r.indicator}|${r.org_unit}|${r.period}`, r]));
    return indicators.flatMap((ind) =>
      orgUnits.flatMap((orgUnit) =>
        periods.map((period) => {
          const r = byKey.get(`${ind.code}|${orgUnit}|${period}`);
          return { indicator: ind.code, orgUnit, period, numerator: r?.numerator ?? null, denominator: r?.denominator ?? null, value: r?.value ?? null };
        }),
      ),
    );
  }),
});
