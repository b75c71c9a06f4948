/**
 * The actual to date of an indicator item, from data values, by the indicator
 * engine's rules (evaluate.ts, DOMAIN.md §3): flow data elements sum over
 * January…throughMonth, stock data elements take each org unit's last value,
 * both summed over the org unit's subtree.
 */
import type { DataValueIndex } from "../evaluate.ts";
import type { Indicator } from "../indicators.ts";
import type { OrgUnitTree } from "../org-units.ts";
import { yearToDateMonths } from "../periods.ts";
import type { ItemActual, MonthActual } from "./types.ts";

function sumSide(index: DataValueIndex, codes: readonly string[], units: readonly string[], months: readonly string[]): number | null {
  let sum: number | null = null;
  for (const c of codes) {
    const v = index.aggregate(c, units, months);
    if (v !== null) sum = (sum ?? 0) + v;
  }
  return sum;
}

/**
 * The item actual for an org unit (with its subtree) from January to
 * `throughMonth` (`YYYY-MM`): per month the numerator and denominator of that
 * month alone, and the year-to-date numerator and denominator.
 *
 * A month counts as reported when any numerator data element has a value in
 * it anywhere in the subtree (a reported 0 is a value; no row is not).
 * Callers with a record of submissions may pass their own `reported` flags
 * instead, building {@link ItemActual} themselves.
 * Throws UnknownOrgUnit / InvalidPeriod.
 */
export function actualToDate(ind: Indicator, index: DataValueIndex, tree: OrgUnitTree, orgUnit: string, throughMonth: string): ItemActual {
  return actualOver(ind, index, tree.subtree(orgUnit).map((u) => u.code), yearToDateMonths(throughMonth));
}

/**
 * {@link actualToDate} of the org units `units` (an org unit and its
 * subtree's codes) over `ytd` (January…throughMonth), for a caller that
 * computes many items on the same subtrees and months (a run's actuals):
 * the same sums in the same order.
 */
export function actualOver(ind: Indicator, index: DataValueIndex, units: readonly string[], ytd: readonly string[]): ItemActual {
  const months: MonthActual[] = ytd.map((month) => {
    const one = [month];
    const numerator = sumSide(index, ind.numerator, units, one);
    const denominator = ind.denominator ? sumSide(index, ind.denominator, units, one) : null;
    return { month, numerator, denominator, reported: numerator !== null };
  });
  return {
    months,
    numerator: sumSide(index, ind.numerator, units, ytd),
    denominator: ind.denominator ? sumSide(index, ind.denominator, units, ytd) : null,
  };
}
