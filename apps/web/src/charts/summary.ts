/**
 * Short text alternatives for charts, generated from the data the chart
 * shows: a ranking (one value per org unit) or a trend (one value per month).
 * Pure; strings come from the translation resources through `t`, numbers
 * through the caller's formatter (the domain's `formatValue`).
 */

/** Just the part of i18next's `t` used here, so tests can pass a real instance. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface RankingItem {
  /** The org unit's code: units sharing the highest or lowest value are named in code order. */
  readonly code: string;
  readonly label: string;
  /** Null: no value (not reported, or a denominator of 0). */
  readonly value: number | null;
}

export interface TrendPoint {
  /** The period label shown to the reader, e.g. 2016年3月. */
  readonly label: string;
  readonly value: number | null;
  /** False when the org unit reported nothing for the month (not the same as 0). */
  readonly reported: boolean;
}

const join = (labels: readonly string[], t: Translate) => labels.join(t("chart.summary.separator"));

/** The items holding the largest (or smallest) value, in their given order; ties compare the exact values. */
function extremes<T extends { value: number }>(items: readonly T[], pick: (a: number, b: number) => number): T[] {
  const best = items.reduce((v, i) => pick(v, i.value), items[0]!.value);
  return items.filter((i) => i.value === best);
}

/**
 * "7 shown; highest A (98.0 %), lowest B (91.2 %)." plus the ones without a
 * value. Every unit sharing the highest or lowest value is named, in code
 * order ("highest A, C (100.0 %)"); when all are equal it says so
 * ("3 shown, all 100.0 %") rather than naming one unit as both.
 */
export function summariseRanking(items: readonly RankingItem[], format: (v: number) => string, t: Translate): string {
  const withValue = items
    .filter((i): i is RankingItem & { value: number } => i.value !== null)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const missing = items.filter((i) => i.value === null).map((i) => i.label);
  const parts: string[] = [];
  if (withValue.length === 0) parts.push(t("chart.summary.empty"));
  else if (withValue.length === 1) parts.push(t("chart.summary.single", { label: withValue[0]!.label, value: format(withValue[0]!.value) }));
  else {
    const max = extremes(withValue, Math.max);
    const min = extremes(withValue, Math.min);
    if (max.length === withValue.length) parts.push(t("chart.summary.rankingEqual", { count: withValue.length, value: format(max[0]!.value) }));
    else
      parts.push(
        t("chart.summary.ranking", {
          count: withValue.length,
          maxLabel: join(max.map((i) => i.label), t),
          maxValue: format(max[0]!.value),
          minLabel: join(min.map((i) => i.label), t),
          minValue: format(min[0]!.value),
        }),
      );
  }
  if (missing.length && withValue.length) parts.push(t("chart.summary.missing", { count: missing.length, labels: join(missing, t) }));
  return parts.join(" ");
}

/**
 * "Jan 2016 to Dec 2016: from 12 to 15; highest 18 (Jun 2016)." over the
 * points with a value, plus the months not reported. Every month sharing the
 * highest value is named, in period order; when all are equal it says so.
 */
export function summariseTrend(points: readonly TrendPoint[], format: (v: number) => string, t: Translate): string {
  const withValue = points.filter((p): p is TrendPoint & { value: number } => p.value !== null);
  const notReported = points.filter((p) => !p.reported).map((p) => p.label);
  const parts: string[] = [];
  if (withValue.length === 0) parts.push(t("chart.summary.empty"));
  else if (withValue.length === 1) parts.push(t("chart.summary.trendSingle", { label: withValue[0]!.label, value: format(withValue[0]!.value) }));
  else {
    const first = withValue[0]!;
    const last = withValue[withValue.length - 1]!;
    const max = extremes(withValue, Math.max);
    if (max.length === withValue.length) parts.push(t("chart.summary.trendEqual", { first: first.label, last: last.label, value: format(first.value) }));
    else
      parts.push(
        t("chart.summary.trend", {
          first: first.label,
          last: last.label,
          firstValue: format(first.value),
          lastValue: format(last.value),
          maxValue: format(max[0]!.value),
          maxLabel: join(max.map((p) => p.label), t),
        }),
      );
  }
  if (notReported.length) parts.push(t("chart.summary.notReported", { count: notReported.length, labels: join(notReported, t) }));
  return parts.join(" ");
}

/** A value against the target that applies to it (the domain's `expectedValue` and `targetStatus`). */
export interface TargetComparison {
  /** The period label shown to the reader, e.g. 2016年12月. */
  readonly period: string;
  readonly orgUnit: string;
  readonly indicator: string;
  readonly value: number;
  /** The expected value in the indicator's unit (pro-rated for flow counts). */
  readonly expected: number;
  /** The target read as text, e.g. "≥ 95.0%". */
  readonly targetText: string;
  /** The status word (status.met …) in the page's language. */
  readonly statusText: string;
}

/**
 * "2016年12月沙河镇适龄残疾儿童少年入学率为96.2%，高于目标95.0%（达标）。"
 * The relation compares the exact values; when the two only differ beyond
 * the shown precision it says "just above/below" rather than contradicting
 * the figures printed next to each other.
 */
export function summariseAgainstTarget(c: TargetComparison, format: (v: number) => string, t: Translate): string {
  const shownEqual = format(c.value) === format(c.expected);
  const relation =
    c.value === c.expected ? "equal" : c.value > c.expected ? (shownEqual ? "justAbove" : "above") : shownEqual ? "justBelow" : "below";
  return t("a11y.summary.latest", {
    period: c.period,
    orgUnit: c.orgUnit,
    indicator: c.indicator,
    value: format(c.value),
    relation: t(`a11y.summary.relation.${relation}`),
    target: format(c.expected),
    status: c.statusText,
  });
}

/**
 * "目标≥ 95.0%：6个达标，1个未达到（新华镇）。" over the items that have a
 * target and a value (status met, near or below; near counts as not met).
 * Empty when none has a target.
 */
export function summariseRankingTarget(
  items: readonly { label: string; status: "met" | "near" | "below" | "noTarget" | "noValue" }[],
  targetText: string,
  t: Translate,
): string {
  const judged = items.filter((i) => i.status === "met" || i.status === "near" || i.status === "below");
  if (judged.length === 0) return "";
  const met = judged.filter((i) => i.status === "met").length;
  const missed = judged.filter((i) => i.status !== "met").map((i) => i.label);
  if (missed.length === 0) return t("a11y.summary.rankingTarget", { target: targetText, met });
  return t("a11y.summary.rankingTargetMissed", { target: targetText, met, missed: missed.length, labels: join(missed, t) });
}
