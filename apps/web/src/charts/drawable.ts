/**
 * Whether a chart has anything to draw: at least one finite value among the
 * points it would plot (null: not reported, or a denominator of 0). Tremor's
 * bar and line charts given only nulls ask recharts for an axis over no
 * numbers and draw it at NaN (Chromium logs `<rect> attribute y: Expected
 * length, "NaN"` for each bar); such a chart is left out and said in words
 * (components/chart-figure.tsx).
 *
 * @param values the chart's values in its order, null where there is none.
 */
export function hasValueToDraw(values: readonly (number | null)[]): boolean {
  return values.some((v) => v !== null && Number.isFinite(v));
}
