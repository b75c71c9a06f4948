/**
 * One indicator's KPI for an org unit and period: value, target, status (word,
 * colour and icon), change from the previous period and a monthly sparkline
 * with a text alternative. KPI markup is dl/dt/dd.
 */
import { lazy, Suspense } from "react";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import {
  expectedValue,
  formatChange,
  formatPeriod,
  formatValue,
  lastMonthOf,
  periodChange,
  previousPeriod,
  progressToDate,
  targetFor,
  targetStatus,
  type Indicator,
} from "@linze/domain";
import type { RowIndex } from "../data/row-index.ts";
import { summariseTrend } from "../charts/summary.ts";
import { latestAgainstTarget } from "../charts/target-text.ts";
import { ChartPoints, statusPoint } from "./chart-points.tsx";
import { filtersToParams, type Filters } from "../filters/url-filters.ts";
import { ArrowIcon } from "./icons.tsx";
import { indicatorName, useLocale } from "./locale.ts";
import { StatusBadge } from "./status.tsx";

// The sparkline (visx, ~10 KB gzip) loads after the figures are shown: the first KPI needs no chart library.
const Sparkline = lazy(() => import("../charts/sparkline.tsx"));

export interface KpiCardProps {
  indicator: Indicator;
  /** The catalogue group, shown above the name. */
  group?: string;
  orgUnit: string;
  /** The org unit's name in the page's language, for the chart's target sentence. */
  orgUnitName: string;
  orgUnitLevel: number;
  period: string;
  trendMonths: readonly string[];
  rows: RowIndex;
  filters: Filters;
}

export function KpiCard({ indicator: ind, group, orgUnit, orgUnitName, orgUnitLevel, period, trendMonths, rows, filters }: KpiCardProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const row = rows.row(ind.code, orgUnit, period);
  const value = row?.value ?? null;
  const prev = previousPeriod(period);
  const change = periodChange(ind, value, rows.value(ind.code, orgUnit, prev));
  // A flow count with an annual target is read as its year to date against the target paced to the period's end (DOMAIN.md §3).
  const progress = progressToDate(ind, orgUnitLevel, period, (m) => rows.value(ind.code, orgUnit, m));
  const status = progress ? progress.status : targetStatus(ind, orgUnitLevel, period, value);
  const target = targetFor(ind, orgUnitLevel);
  const expected = progress ? progress.expected : expectedValue(ind, orgUnitLevel, period);
  const fmt = (v: number) => formatValue(v, ind.unit, locale);
  const name = indicatorName(ind, locale);
  const titleId = `kpi-title-${ind.code}`;
  const through = formatPeriod(lastMonthOf(period), locale);

  let targetText: string;
  if (!target || expected === null) targetText = ind.target ? t("kpi.countyTargetOnly") : t("status.noTarget");
  else if (progress) targetText = t("kpi.targetToDate", { value: fmt(expected), annual: fmt(target.value) });
  else targetText = t(target.comparison === "atLeast" ? "kpi.targetAtLeast" : "kpi.targetAtMost", { value: fmt(expected) });

  const points = trendMonths.map((m) => {
    const r = rows.row(ind.code, orgUnit, m);
    return { month: m, label: formatPeriod(m, locale), value: r?.value ?? null, reported: r !== undefined };
  });
  const trendSummary = [summariseTrend(points, fmt, t), latestAgainstTarget(ind, { name: orgUnitName, level: orgUnitLevel }, name, points, locale, t)]
    .filter(Boolean)
    .join(" ");
  const up = change !== null && change.value > 0;
  const down = change !== null && change.value < 0;

  return (
    <article
      aria-labelledby={titleId}
      data-testid={`kpi-${ind.code}`}
      data-status={status}
      className="flex h-full flex-col rounded-lg border border-gray-200 bg-white p-4 shadow-sm"
    >
      {group && <p className="text-xs font-medium uppercase tracking-wide text-blue-700">{group}</p>}
      <h3 id={titleId} className="text-sm font-medium text-gray-700">
        {name}
      </h3>
      <dl className="mt-2 space-y-1.5 text-sm">
        <div>
          <dt className="sr-only">{t("indicator.value")}</dt>
          <dd className="flex items-baseline gap-2">
            <span data-testid={`kpi-value-${ind.code}`} className="text-3xl font-semibold tabular-nums text-gray-900">
              {formatValue(value, ind.unit, locale)}
            </span>
            {!row && <span className="text-xs italic text-gray-600">{t("value.notReported")}</span>}
          </dd>
        </div>
        {progress && (
          <div className="flex flex-wrap gap-x-2">
            <dt className="text-gray-600">{t("kpi.toDate", { through })}</dt>
            <dd className="tabular-nums text-gray-900" data-testid={`kpi-to-date-${ind.code}`}>
              {formatValue(progress.value, ind.unit, locale)}
            </dd>
          </div>
        )}
        <div className="flex flex-wrap gap-x-2">
          <dt className="text-gray-600">{t("kpi.target")}</dt>
          <dd className="text-gray-900" data-testid={`kpi-target-${ind.code}`}>
            {targetText}
          </dd>
        </div>
        <div className="flex flex-wrap items-center gap-x-2">
          <dt className="text-gray-600">{t("kpi.status")}</dt>
          <dd>
            <StatusBadge status={status} testId={`kpi-status-${ind.code}`} />
          </dd>
        </div>
        <div className="flex flex-wrap items-center gap-x-2">
          <dt className="text-gray-600">{t("kpi.change", { period: formatPeriod(prev, locale) })}</dt>
          <dd className="flex items-center gap-0.5 tabular-nums text-gray-900" data-testid={`kpi-change-${ind.code}`}>
            {up && <ArrowIcon direction="up" />}
            {down && <ArrowIcon direction="down" />}
            {formatChange(change, locale)}
          </dd>
        </div>
      </dl>
      <figure className="mt-3" aria-label={t("kpi.trend")}>
        <div aria-hidden="true">
          <Suspense fallback={<div className="h-10 w-full" />}>
            <Sparkline points={points} className="h-10 w-full" />
          </Suspense>
        </div>
        <figcaption className="sr-only">{t("kpi.trendSummary", { summary: trendSummary })}</figcaption>
        <ChartPoints
          title={`${name} — ${t("kpi.trend")}`}
          testId={`kpi-points-${ind.code}`}
          revealOnFocus
          points={points.map((p) => statusPoint(t, fmt, { ...p, key: p.month, status: targetStatus(ind, orgUnitLevel, p.month, p.value) }))}
        />
      </figure>
      <details className="chart-table mt-2 text-xs">
        <summary className="cursor-pointer rounded text-blue-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600">{t("a11y.kpiTable")}</summary>
        <div className="relative mt-1 overflow-x-auto">
          <table className="data-table print-table">
            <caption className="sr-only">{t("chart.tableCaption", { title: `${name} — ${t("kpi.trend")}` })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("chart.period")}</th>
                <th scope="col">{t("chart.value")}</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.month}>
                  <th scope="row">{p.label}</th>
                  <td>{p.reported ? formatValue(p.value, ind.unit, locale) : t("value.notReported")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p className="mt-auto pt-2 text-right text-xs">
        <Link
          to={{ pathname: "/indicator", search: `?${filtersToParams({ ...filters, indicator: ind.code }).toString()}` }}
          className="text-blue-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
          aria-label={t("overview.details", { indicator: name })}
        >
          {t("nav.indicator")} →
        </Link>
      </p>
    </article>
  );
}
