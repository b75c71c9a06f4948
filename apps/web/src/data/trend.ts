/**
 * The months a trend shows for a period: every month of the period's year up
 * to the latest month with data in the loaded snapshot (so a month in
 * between with no report shows as a gap, not as 0).
 */
import { parsePeriod, periodsOfYear } from "@linze/domain";

export function trendMonths(period: string, months: readonly string[]): string[] {
  const year = parsePeriod(period).year;
  const all = periodsOfYear(year, "month");
  const inYear = months.filter((m) => m.startsWith(`${year}-`)).sort();
  const last = inYear[inYear.length - 1];
  return last ? all.filter((m) => m <= last) : [];
}
