/**
 * The KPI cards' monthly sparkline, drawn by visx (@visx/shape's AreaClosed and
 * LinePath on @visx/scale's linear scales): an area with a fading fill under a
 * 2 px line, unreported months left as gaps, the y axis from 0 (or the lowest
 * value, if below 0) to a rounded maximum — what Tremor's SparkAreaChart drew
 * on recharts, whose chunk (~117 KB gzip) the overview loaded for these
 * sparklines alone; visx's parts are ~10 KB.
 *
 * Decorative: the caller hides it (aria-hidden) and gives the months in words
 * (the figure's caption, the points' buttons and the table). The SVG scales to
 * its box (`className`, e.g. `h-10 w-full`) without measuring it; the line
 * keeps its width (non-scaling stroke).
 *
 * @param points the months in order, `value` null where not reported.
 */
import { useId } from "react";
import { AreaClosed, LinePath } from "@visx/shape";
import { scaleLinear } from "@visx/scale";

export interface SparklinePoint {
  readonly label: string;
  readonly value: number | null;
}

// The drawing's own units; the SVG is stretched to its box (preserveAspectRatio none).
const WIDTH = 100;
const HEIGHT = 40;
const MARGIN = 1;

const defined = (p: SparklinePoint) => p.value !== null && Number.isFinite(p.value);

export default function Sparkline({ points, className = "h-10 w-full" }: { points: readonly SparklinePoint[]; className?: string }) {
  const gradientId = `sparkline-${useId().replace(/[^A-Za-z0-9_-]/g, "")}`;
  const data = [...points];
  const values = data.filter(defined).map((p) => p.value!);
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const x = scaleLinear<number>({ domain: [0, Math.max(1, data.length - 1)], range: [MARGIN, WIDTH - MARGIN] });
  // An all-zero series sits on the baseline, not in the middle of a zero-height domain.
  const y = scaleLinear<number>({ domain: [low, high > low ? high : low + 1], range: [HEIGHT - MARGIN, MARGIN], nice: true });
  const xOf = (_: SparklinePoint, i: number) => x(i);
  const yOf = (p: SparklinePoint) => y(p.value!);

  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} preserveAspectRatio="none" focusable="false" className={`block text-blue-500 ${className}`} data-testid="sparkline">
      <defs>
        <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
          <stop offset="5%" stopColor="currentColor" stopOpacity={0.4} />
          <stop offset="95%" stopColor="currentColor" stopOpacity={0} />
        </linearGradient>
      </defs>
      <AreaClosed data={data} x={xOf} y={yOf} yScale={y} defined={defined} fill={`url(#${gradientId})`} stroke="none" />
      <LinePath
        data={data}
        x={xOf}
        y={yOf}
        defined={defined}
        stroke="currentColor"
        strokeWidth={2}
        strokeLinejoin="round"
        strokeLinecap="round"
        vectorEffect="non-scaling-stroke"
      />
    </svg>
  );
}
