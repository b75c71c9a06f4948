/**
 * Targets and the status of a value against them (DOMAIN.md §3).
 *
 * Expected value for a period: rates and stocks are compared with the target
 * as it is; a flow count or amount with the annual target × months in the
 * period / 12 ("half the time, half the task", 时间过半任务过半).
 */
import { indicatorAggregationType, type Indicator, type Target } from "./indicators.ts";
import { monthsOf, yearToDateMonths } from "./periods.ts";

/** met: reaches the expected value; near: within 5 points (rates) or 90 % (counts); below; or no target / no value. */
export type TargetStatus = "met" | "near" | "below" | "noTarget" | "noValue";

/** The target that applies to an org unit at a level (1 = county), or null. */
export function targetFor(ind: Indicator, orgUnitLevel: number): Target | null {
  if (!ind.target) return null;
  if (ind.target.scope === "county" && orgUnitLevel !== 1) return null;
  return ind.target;
}

/** The expected value for a period, in the indicator's unit; null without a target. */
export function expectedValue(ind: Indicator, orgUnitLevel: number, period: string): number | null {
  const t = targetFor(ind, orgUnitLevel);
  if (!t) return null;
  if (ind.unit === "percent" || indicatorAggregationType(ind) === "stock") return t.value;
  return (t.value * monthsOf(period).length) / 12;
}

/** The status of a value against the expected value for its org unit level and period. */
export function targetStatus(ind: Indicator, orgUnitLevel: number, period: string, value: number | null): TargetStatus {
  if (value === null) return "noValue";
  const expected = expectedValue(ind, orgUnitLevel, period);
  if (expected === null) return "noTarget";
  return statusAgainst(ind, value, expected);
}

/**
 * A flow count's or amount's progress to date against its annual target
 * (DOMAIN.md §3, "half the time, half the task", 时间过半任务过半; the same
 * pacing as the assessment's scoring): the value from January through the
 * period's last month against the annual target × those months / 12.
 *
 * `valueOfMonth` gives the indicator's value of one month (`YYYY-MM`) for the
 * org unit, or null when it has none; a flow count's value of several months
 * is the sum of theirs. `value` is null when no month of the span has one.
 *
 * Null where progress to date is not how the target is read: rates and stocks
 * (compared as they are), no target at the org unit's level, and a year (its
 * own value is the year to date, {@link targetStatus}).
 */
export function progressToDate(
  ind: Indicator,
  orgUnitLevel: number,
  period: string,
  valueOfMonth: (month: string) => number | null,
): { readonly months: readonly string[]; readonly value: number | null; readonly expected: number; readonly status: TargetStatus } | null {
  const t = targetFor(ind, orgUnitLevel);
  if (!t || ind.unit === "percent" || indicatorAggregationType(ind) === "stock") return null;
  const months = yearToDateMonths(period);
  if (months.length === 12 && monthsOf(period).length === 12) return null;
  let value: number | null = null;
  for (const m of months) {
    const v = valueOfMonth(m);
    if (v !== null) value = (value ?? 0) + v;
  }
  const expected = (t.value * months.length) / 12;
  return { months, value, expected, status: statusAgainst(ind, value, expected) };
}

/** met / near / below of a value against an expected value, by the indicator's comparison; noValue without a value. */
function statusAgainst(ind: Indicator, value: number | null, expected: number): TargetStatus {
  if (value === null) return "noValue";
  const atLeast = ind.target!.comparison === "atLeast";
  if (atLeast ? value >= expected : value <= expected) return "met";
  const near = ind.unit === "percent" ? Math.abs(value - expected) <= 5 : atLeast ? value >= expected * 0.9 : value <= expected * 1.1;
  return near ? "near" : "below";
}

/**
 * The change from the previous period: percentage points for rates, a ratio
 * (0.1 = +10 %) for counts and amounts. Null when either value is missing, and
 * for a count changing from 0 (no ratio exists).
 */
export function periodChange(ind: Indicator, current: number | null, previous: number | null): { kind: "points" | "ratio"; value: number } | null {
  if (current === null || previous === null) return null;
  if (ind.unit === "percent") return { kind: "points", value: current - previous };
  if (previous === 0) return null;
  return { kind: "ratio", value: (current - previous) / previous };
}
