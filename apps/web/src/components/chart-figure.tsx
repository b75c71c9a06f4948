/**
 * A chart with its text alternatives: a caption with a generated summary, the
 * chart itself hidden from assistive technology, and the same data as a table
 * (collapsed under a native <details>, reachable by keyboard). A chart with
 * no value to draw (`empty`, charts/drawable.ts) is not rendered: a line says
 * so in its place; the caption, the points and the table stay.
 */
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ChartPoints, type ChartPoint } from "./chart-points.tsx";

export interface ChartFigureProps {
  title: string;
  summary: string;
  /** The data as <thead>/<tbody> rows. */
  table: ReactNode;
  children: ReactNode;
  testId?: string;
  headingLevel?: 2 | 3;
  /** The chart's points for keyboard access (arrow keys), in the chart's order. */
  points?: readonly ChartPoint[];
  /** No value to draw: `children` (the chart and its legend) are left out, a line says so. */
  empty?: boolean;
}

export function ChartFigure({ title, summary, table, children, testId, headingLevel = 3, points, empty = false }: ChartFigureProps) {
  const { t } = useTranslation();
  const id = useId();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={`${id}-title`} data-testid={testId} className="chart-card rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <Heading id={`${id}-title`} className="text-base font-semibold text-gray-900">
        {title}
      </Heading>
      <figure aria-labelledby={`${id}-title`} aria-describedby={`${id}-summary`} className="mt-2">
        <figcaption id={`${id}-summary`} className="text-sm text-gray-700" data-testid={testId ? `${testId}-summary` : undefined}>
          {summary}
        </figcaption>
        {/* The caption already says there is no data (chart.summary.empty): the line is for the eye, not said twice. */}
        <div aria-hidden="true" className="mt-3">
          {empty ? (
            <p className="rounded-md border border-dashed border-gray-300 p-4 text-sm text-gray-700" data-testid={testId ? `${testId}-empty` : undefined}>
              {t("chart.nothingToDraw")}
            </p>
          ) : (
            children
          )}
        </div>
        {points && <ChartPoints title={title} points={points} testId={testId ? `${testId}-points` : undefined} />}
      </figure>
      <details className="chart-table mt-3 text-sm">
        <summary className="cursor-pointer rounded text-blue-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600">
          {t("chart.showTable")}
        </summary>
        <div className="relative mt-2 overflow-x-auto">
          <table className="data-table print-table">
            <caption className="sr-only">{t("chart.tableCaption", { title })}</caption>
            {table}
          </table>
        </div>
      </details>
    </section>
  );
}

/** A legend as a real list (Tremor's own Legend trips axe's list rules). */
export function ChartLegend({ items }: { items: readonly { label: string; colourClass: string }[] }) {
  const { t } = useTranslation();
  return (
    <ul aria-label={t("chart.legend")} className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-700">
      {items.map((i) => (
        <li key={i.label} className="flex items-center gap-1.5">
          <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${i.colourClass}`} />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
