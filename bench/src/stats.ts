/** Summaries of timing samples: percentiles by the nearest-rank method, in the samples' unit. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

/** Milliseconds since `t0` (performance.now()). */
export const since = (t0: number) => performance.now() - t0;

/** A number rounded to `digits` decimals, for the table and the JSON. */
export const round = (x: number, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : x);
