import { queryIndicatorRows } from "@linze/db";
import { indicator, type OrgUnitTree } from "@linze/domain";
import { IndicatorValuesInputSchema, type IndicatorValuesInput } from "../schemas.ts";
import { protectedProcedure, router } from "../trpc.ts";

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
   */
  list: protectedProcedure.input(IndicatorValuesInputSchema).query(async ({ ctx, input }): Promise<IndicatorValueRow[]> => {
    const indicators = [...new Set(input.indicators)].map(indicator);
    const orgUnits = [...new Set(orgUnitCodes(ctx.tree, input))];
    const periods = [...new Set(input.periods)];
    if (orgUnits.length === 0) return [];
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
