/**
 * Indicator rows from the compiled query, looked up by (indicator, org unit,
 * period) key — never by array position. A missing row means the org unit
 * reported nothing for that period (not reported); a row whose value is null
 * has data but no value (e.g. a denominator of 0).
 */
import type { IndicatorRow } from "@linze/domain";

const key = (indicator: string, orgUnit: string, period: string) => `${indicator}\u0000${orgUnit}\u0000${period}`;

export class RowIndex {
  private readonly rows = new Map<string, IndicatorRow>();

  constructor(rows: readonly IndicatorRow[]) {
    for (const r of rows) this.rows.set(key(r.indicator, r.org_unit, r.period), r);
  }

  /** The row, or undefined when nothing was reported. */
  row(indicator: string, orgUnit: string, period: string): IndicatorRow | undefined {
    return this.rows.get(key(indicator, orgUnit, period));
  }

  /** The indicator value (percent for rates, count, CNY), or null for no value or not reported. */
  value(indicator: string, orgUnit: string, period: string): number | null {
    return this.row(indicator, orgUnit, period)?.value ?? null;
  }
}

/** Periods without repeats, first occurrence kept: the compiled SQL would count a repeated period twice. */
export function uniquePeriods(periods: readonly string[]): string[] {
  return [...new Set(periods)];
}
