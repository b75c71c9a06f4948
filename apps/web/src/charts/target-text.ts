/**
 * Target sentences for chart summaries, from the domain's target rules
 * (DOMAIN.md §3: rates compared as they are, flow counts against the annual
 * target pro-rated by the months elapsed). Strings through `t`.
 */
import { expectedValue, formatPeriod, formatValue, progressToDate, targetStatus, type Indicator, type Locale } from "@linze/domain";
import { summariseAgainstTarget, type Translate } from "./summary.ts";

/** "≥ 95.0%" for the org unit level and period, or null when no target applies there. */
export function targetText(ind: Indicator, orgUnitLevel: number, period: string, locale: Locale, t: Translate): string | null {
  const expected = expectedValue(ind, orgUnitLevel, period);
  if (expected === null) return null;
  return t(ind.target!.comparison === "atLeast" ? "kpi.targetAtLeast" : "kpi.targetAtMost", { value: formatValue(expected, ind.unit, locale) });
}

/**
 * The sentence for the latest month with a value in `months` (oldest first):
 * "2016年12月沙河镇…为96.2%，高于目标95.0%（达标）。" For a flow count
 * with an annual target it is the year to that month against the target
 * paced to it, as the KPI's status reads it (the domain's `progressToDate`):
 * "年初至2016年12月临泽县白内障复明手术为156，等于目标156（达标）。" Empty
 * when there is no target at the org unit's level or no value.
 */
export function latestAgainstTarget(
  ind: Indicator,
  orgUnit: { name: string; level: number },
  indicatorLabel: string,
  points: readonly { month: string; value: number | null }[],
  locale: Locale,
  t: Translate,
): string {
  const last = [...points].reverse().find((p) => p.value !== null);
  if (!last || last.value === null) return "";
  const byMonth = new Map(points.map((p) => [p.month, p.value]));
  const progress = progressToDate(ind, orgUnit.level, last.month, (m) => byMonth.get(m) ?? null);
  const expected = progress ? progress.expected : expectedValue(ind, orgUnit.level, last.month);
  if (expected === null) return "";
  return summariseAgainstTarget(
    {
      period: progress ? t("kpi.toDate", { through: formatPeriod(last.month, locale) }) : formatPeriod(last.month, locale),
      orgUnit: orgUnit.name,
      indicator: indicatorLabel,
      value: progress ? progress.value! : last.value,
      expected,
      targetText: "",
      statusText: t(`status.${progress ? progress.status : targetStatus(ind, orgUnit.level, last.month, last.value)}`),
    },
    (v) => formatValue(v, ind.unit, locale),
    t,
  );
}
