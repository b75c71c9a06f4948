/**
 * Indicator detail: its definition (numerator and denominator data elements,
 * factor, target), numerator, denominator and value for the chosen org unit
 * and period, then by township and by month, each with a chart and table.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import {
  dataElement,
  expectedValue,
  formatPeriod,
  formatValue,
  indicator as indicatorByCode,
  indicatorAggregationType,
  lastMonthOf,
  progressToDate,
  targetStatus,
  type Indicator,
} from "@linze/domain";
import { MonthlyChart } from "../components/monthly-chart.tsx";
import { RankingChart } from "../components/ranking-chart.tsx";
import { ReportingNotice } from "../components/reporting-notice.tsx";
import { FilterBar } from "../components/filter-bar.tsx";
import { BusyStatus, LoadingBlock } from "../components/loading.tsx";
import { indicatorName, orgUnitName, useLocale } from "../components/locale.ts";
import { StatusBadge } from "../components/status.tsx";
import { ValueText } from "../components/value-text.tsx";
import { useData, useIndicatorRows } from "../data/hooks.ts";
import { trendMonths } from "../data/trend.ts";
import { useFilters, useViewScope } from "../filters/use-filters.ts";

export default function IndicatorDetail() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree, months } = useData();
  const { filters } = useFilters();
  const period = filters.period!;
  const ind = indicatorByCode(filters.indicator);
  const unit = tree.get(filters.orgUnit);
  const { hasFigures } = useViewScope();
  // Only townships with figures of their own for the user: a committee member has none (the own township is only the path to the village).
  const townships = tree.children(tree.root.code).filter((u) => hasFigures(u.code));
  const trend = trendMonths(period, months);
  const name = indicatorName(ind, locale);
  const fmt = (v: number) => formatValue(v, ind.unit, locale);
  const id = useId();

  const current = useIndicatorRows([ind.code], [unit.code, ...townships.map((u) => u.code)], [period]);
  const byMonth = useIndicatorRows([ind.code], [unit.code], trend);
  const row = current.data?.row(ind.code, unit.code, period);
  // A flow count with an annual target is read as its year to date against the target paced to the period's end (DOMAIN.md §3), as on the overview's card.
  const progress = byMonth.data ? progressToDate(ind, unit.level, period, (m) => byMonth.data.value(ind.code, unit.code, m)) : null;
  const status = progress ? progress.status : targetStatus(ind, unit.level, period, row?.value ?? null);
  const expected = progress ? progress.expected : expectedValue(ind, unit.level, period);
  const through = formatPeriod(lastMonthOf(period), locale);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">{t("indicator.heading", { indicator: name })}</h1>
      <FilterBar showIndicator />
      <BusyStatus busy={current.isFetching || byMonth.isFetching} />
      <ReportingNotice period={period} orgUnit={unit.code} />

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Definition indicator={ind} />
        <section aria-labelledby={`${id}-current`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="current-values">
          <h2 id={`${id}-current`} className="text-lg font-semibold text-gray-900">
            {t("indicator.currentValues", { orgUnit: orgUnitName(unit, locale), period: formatPeriod(period, locale) })}
          </h2>
          {current.data ? (
            <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
              <div>
                <dt className="text-gray-600">{t("indicator.value")}</dt>
                <dd className="text-2xl font-semibold tabular-nums" data-testid="detail-value">
                  <ValueText row={row} unit={ind.unit} />
                </dd>
              </div>
              <div>
                <dt className="text-gray-600">{t("kpi.status")}</dt>
                <dd className="mt-1">
                  <StatusBadge status={status} />
                </dd>
              </div>
              <div>
                <dt className="text-gray-600">{t("kpi.numerator")}</dt>
                <dd className="tabular-nums" data-testid="detail-numerator">
                  <ValueText row={row} unit={ind.unit} part="numerator" />
                </dd>
              </div>
              {ind.denominator && (
                <div>
                  <dt className="text-gray-600">{t("kpi.denominator")}</dt>
                  <dd className="tabular-nums" data-testid="detail-denominator">
                    <ValueText row={row} unit={ind.unit} part="denominator" />
                  </dd>
                </div>
              )}
              {progress && (
                <div>
                  <dt className="text-gray-600">{t("kpi.toDate", { through })}</dt>
                  <dd className="tabular-nums" data-testid="detail-to-date">
                    {formatValue(progress.value, ind.unit, locale)}
                  </dd>
                </div>
              )}
              <div>
                <dt className="text-gray-600">{t("kpi.target")}</dt>
                <dd className="tabular-nums" data-testid="detail-target">
                  {expected === null
                    ? t("status.noTarget")
                    : progress
                      ? t("kpi.targetToDate", { value: fmt(expected), annual: fmt(ind.target!.value) })
                      : t(ind.target!.comparison === "atLeast" ? "kpi.targetAtLeast" : "kpi.targetAtMost", { value: fmt(expected) })}
                </dd>
              </div>
            </dl>
          ) : (
            <LoadingBlock error={current.error} />
          )}
        </section>
      </div>

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {townships.length === 0 ? null : current.data ? (
          <RankingChart
            testId="detail-by-township"
            headingLevel={2}
            title={t("indicator.byTownship")}
            unitHeader={t("townships.township")}
            indicator={ind}
            units={townships}
            rows={current.data}
            period={period}
            fmt={fmt}
          />
        ) : (
          <LoadingBlock height="h-80" error={current.error} />
        )}
        {byMonth.data ? (
          <MonthlyChart
            testId="detail-by-month"
            headingLevel={2}
            title={t("indicator.byMonthOf", { orgUnit: orgUnitName(unit, locale) })}
            indicator={ind}
            orgUnit={unit}
            months={trend}
            rows={byMonth.data}
            showParts
          />
        ) : (
          <LoadingBlock height="h-80" error={byMonth.error} />
        )}
      </div>
    </div>
  );
}

function Definition({ indicator: ind }: { indicator: Indicator }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const elements = (codes: readonly string[]) => (
    <ul className="list-inside list-disc">
      {codes.map((c) => {
        const d = dataElement(c);
        return (
          <li key={c}>
            {locale === "zh-CN" ? d.nameZh : d.nameEn} <code className="text-xs text-gray-600">{c}</code>
          </li>
        );
      })}
    </ul>
  );
  return (
    <section aria-labelledby={`${id}-h`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="definition">
      <h2 id={`${id}-h`} className="text-lg font-semibold text-gray-900">
        {t("indicator.definition")}
      </h2>
      <p className="mt-1 text-sm text-gray-700">{locale === "zh-CN" ? ind.descriptionZh : ind.descriptionEn}</p>
      <dl className="mt-3 grid grid-cols-[auto,1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-gray-600">{t("indicator.code")}</dt>
        <dd>
          <code>{ind.code}</code>
        </dd>
        <dt className="text-gray-600">{t("indicator.numeratorElements")}</dt>
        <dd>{elements(ind.numerator)}</dd>
        <dt className="text-gray-600">{t("indicator.denominatorElements")}</dt>
        <dd>{ind.denominator ? elements(ind.denominator) : t("indicator.noDenominator")}</dd>
        <dt className="text-gray-600">{t("indicator.factor")}</dt>
        <dd className="tabular-nums">{ind.factor}</dd>
        <dt className="text-gray-600">{t("indicator.unit")}</dt>
        <dd>{t(`indicator.units.${ind.unit}`)}</dd>
        <dt className="text-gray-600">{t("indicator.aggregation")}</dt>
        <dd>{t(`indicator.aggregationTypes.${indicatorAggregationType(ind)}`)}</dd>
        <dt className="text-gray-600">{t("indicator.target")}</dt>
        <dd>
          {ind.target
            ? t("indicator.targetWithScope", {
                target: t(ind.target.comparison === "atLeast" ? "kpi.targetAtLeast" : "kpi.targetAtMost", { value: formatValue(ind.target.value, ind.unit, locale) }),
                scope: t(`indicator.targetScope.${ind.target.scope}`),
              })
            : t("indicator.noTarget")}
        </dd>
      </dl>
    </section>
  );
}
