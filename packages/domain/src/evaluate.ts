/**
 * The reference evaluator: indicator values computed in TypeScript from data
 * values, with the rules the SQL compiler must agree with (DOMAIN.md §3–§4):
 *
 * - a data value belongs to an org unit and to every ancestor of it;
 * - flow data elements sum over the months of the period;
 * - stock data elements take, for each reporting org unit, its value in the
 *   last month of the period in which it has one; these then sum over units;
 * - a side of an indicator with no data value at all is missing (null), which
 *   is not the same as 0;
 * - an indicator marked `numeratorYearToDate` takes its numerator over the
 *   months from January to the end of the period;
 * - value = Σnumerator / Σdenominator × factor; a missing side or a 0
 *   denominator gives no value (null). A count is Σnumerator × factor.
 */
import { dataElement } from "./data-elements.ts";
import type { Indicator } from "./indicators.ts";
import type { OrgUnitTree } from "./org-units.ts";
import { monthsOf, yearToDateMonths } from "./periods.ts";

/** One data value: (org unit, month `YYYY-MM`, data element) → number (count or CNY). */
export interface DataValue {
  readonly orgUnit: string;
  readonly period: string;
  readonly dataElement: string;
  readonly value: number;
}

/** An indicator's value with its parts; all null when there is no value. */
export interface IndicatorValue {
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** In the indicator's unit (percent for rates); null for no value. */
  readonly value: number | null;
}

/** Data values indexed by data element → org unit → month, for repeated evaluation. */
export class DataValueIndex {
  private readonly index = new Map<string, Map<string, Map<string, number>>>();

  constructor(values: Iterable<DataValue>) {
    for (const v of values) {
      let byUnit = this.index.get(v.dataElement);
      if (!byUnit) this.index.set(v.dataElement, (byUnit = new Map()));
      let byMonth = byUnit.get(v.orgUnit);
      if (!byMonth) byUnit.set(v.orgUnit, (byMonth = new Map()));
      byMonth.set(v.period, v.value);
    }
  }

  /**
   * The index of values laid out by month, as a run freezes them: each row is
   * [org unit code, data element code, value by month of `months` (null: no
   * data value)]. The same index as the constructor's over those values,
   * without a DataValue object for each.
   */
  static fromMonthRows(months: readonly string[], rows: Iterable<readonly [orgUnit: string, dataElement: string, values: readonly (number | null)[]]>): DataValueIndex {
    const index = new DataValueIndex([]);
    for (const [orgUnit, dataElement, values] of rows) {
      let byUnit = index.index.get(dataElement);
      if (!byUnit) index.index.set(dataElement, (byUnit = new Map()));
      let byMonth = byUnit.get(orgUnit);
      if (!byMonth) byUnit.set(orgUnit, (byMonth = new Map()));
      for (let i = 0; i < values.length; i++) if (values[i] !== null && values[i] !== undefined) byMonth.set(months[i]!, values[i]!);
    }
    return index;
  }

  /** The value reported for one org unit and month, or undefined when none was. */
  get(orgUnit: string, month: string, dataElementCode: string): number | undefined {
    return this.index.get(dataElementCode)?.get(orgUnit)?.get(month);
  }

  /**
   * A data element aggregated over source org units and months: flow → sum,
   * stock → per unit the last month with a value, summed. Null if none.
   */
  aggregate(dataElementCode: string, sourceUnits: Iterable<string>, months: readonly string[]): number | null {
    const byUnit = this.index.get(dataElementCode);
    if (!byUnit) return null;
    const stock = dataElement(dataElementCode).aggregationType === "stock";
    let sum: number | null = null;
    for (const unit of sourceUnits) {
      const byMonth = byUnit.get(unit);
      if (!byMonth) continue;
      if (stock) {
        for (let i = months.length - 1; i >= 0; i--) {
          const v = byMonth.get(months[i]!);
          if (v !== undefined) {
            sum = (sum ?? 0) + v;
            break;
          }
        }
      } else {
        for (const m of months) {
          const v = byMonth.get(m);
          if (v !== undefined) sum = (sum ?? 0) + v;
        }
      }
    }
    return sum;
  }
}

/** Σ of several data elements; null when all are missing. */
function sumSide(index: DataValueIndex, codes: readonly string[], units: readonly string[], months: readonly string[]): number | null {
  let sum: number | null = null;
  for (const c of codes) {
    const v = index.aggregate(c, units, months);
    if (v !== null) sum = (sum ?? 0) + v;
  }
  return sum;
}

/**
 * numerator / denominator × factor, or no value (null) when either side is
 * missing or the denominator is 0. With no denominator: numerator × factor.
 * The single rule for turning parts into a value, used for SQL rows too.
 */
export function indicatorRatio(numerator: number | null, denominator: number | null, factor: number, hasDenominator: boolean): number | null {
  if (numerator === null) return null;
  if (!hasDenominator) return numerator * factor;
  if (denominator === null || denominator === 0) return null;
  return (numerator / denominator) * factor;
}

/**
 * Evaluates an indicator for a set of org units (each with its descendants,
 * counted once) and a period label (month, quarter or year).
 * Throws UnknownOrgUnit / InvalidPeriod for bad input.
 */
export function evaluateIndicator(
  ind: Indicator,
  index: DataValueIndex,
  tree: OrgUnitTree,
  orgUnits: string | readonly string[],
  period: string,
): IndicatorValue {
  const roots = typeof orgUnits === "string" ? [orgUnits] : orgUnits;
  const units = new Set<string>();
  for (const r of roots) for (const u of tree.subtree(r)) units.add(u.code);
  const unitList = [...units];
  const months = monthsOf(period);
  const numerator = sumSide(index, ind.numerator, unitList, ind.numeratorYearToDate ? yearToDateMonths(period) : months);
  const denominator = ind.denominator ? sumSide(index, ind.denominator, unitList, months) : null;
  return { numerator, denominator, value: indicatorRatio(numerator, denominator, ind.factor, ind.denominator !== null) };
}
