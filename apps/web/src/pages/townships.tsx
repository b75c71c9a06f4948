/**
 * Townships compared: a scorecard (townships × indicators, each cell coloured
 * and labelled by status), one indicator by township (bar chart), its line by
 * month for the chosen org unit, and the villages of a chosen township —
 * townships in the report's order; a township officer sees the others by
 * their totals and only the own township's villages.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import {
  formatPeriod,
  formatValue,
  indicator as indicatorByCode,
  INDICATORS,
  INDICATOR_CODES,
  lastMonthOf,
  progressToDate,
  targetStatus,
  yearToDateMonths,
  type Indicator,
  type OrgUnit,
} from "@linze/domain";
import { MonthlyChart } from "../components/monthly-chart.tsx";
import { RankingChart } from "../components/ranking-chart.tsx";
import { FilterBar } from "../components/filter-bar.tsx";
import { ReportingNotice } from "../components/reporting-notice.tsx";
import { StatusIcon } from "../components/icons.tsx";
import { BusyStatus, LoadingBlock } from "../components/loading.tsx";
import { indicatorName, orgUnitName, useLocale } from "../components/locale.ts";
import { STATUS_CLASSES } from "../components/status.tsx";
import { ValueText } from "../components/value-text.tsx";
import { NotForRole } from "../auth/require-permission.tsx";
import { useAbilities } from "../auth/session.ts";
import { useData, useIndicatorRows } from "../data/hooks.ts";
import type { RowIndex } from "../data/row-index.ts";
import { trendMonths } from "../data/trend.ts";
import { useFilters } from "../filters/use-filters.ts";

export default function Townships() {
  if (!useAbilities().comparesTownships) return <NotForRole title="nav.townships" note="scope.townshipsNotForRole" />;
  return <TownshipComparison />;
}

function TownshipComparison() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree, months, snapshot } = useData();
  // A township officer's other townships come by their totals only (issue 5 point 1): compared, their villages never listed.
  const summaryOnly = new Set(snapshot.summaryOnly ?? []);
  const { filters } = useFilters();
  const period = filters.period!;
  const ind = indicatorByCode(filters.indicator);
  const townships = tree.children(tree.root.code);
  const selected = tree.get(filters.orgUnit);
  // A village chosen elsewhere stands for its township here.
  const focus = selected.level === 3 ? tree.get(selected.parent!) : selected;
  const villagesWithheld = summaryOnly.has(focus.code);
  const villages = focus.level === 2 && !villagesWithheld ? tree.children(focus.code) : [];
  const trend = trendMonths(period, months);

  const score = useIndicatorRows(INDICATOR_CODES, [tree.root.code, ...townships.map((u) => u.code)], [period]);
  // The county's months from January: its counts with an annual target are read to date, as on the overview's cards.
  const countyToDate = useIndicatorRows(INDICATOR_CODES, [tree.root.code], yearToDateMonths(period));
  const line = useIndicatorRows([ind.code], [focus.code], trend);
  const village = useIndicatorRows(villages.length ? [ind.code] : [], villages.map((u) => u.code), [period]);
  const fmt = (v: number) => formatValue(v, ind.unit, locale);
  const name = indicatorName(ind, locale);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">{t("townships.heading", { period: formatPeriod(period, locale) })}</h1>
      <FilterBar orgUnits="townships" showIndicator />
      <ReportingNotice period={period} orgUnit={tree.root.code} />
      <BusyStatus busy={score.isFetching || countyToDate.isFetching || line.isFetching || village.isFetching} />

      {score.data && countyToDate.data ? (
        <Scorecard rows={score.data} countyToDate={countyToDate.data} townships={townships} county={tree.root} period={period} compared={summaryOnly.size > 0} />
      ) : (
        <LoadingBlock height="h-80" error={score.error ?? countyToDate.error} />
      )}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        {score.data ? (
          <RankingChart
            testId="chart-by-township"
            title={t("townships.byTownship", { indicator: name })}
            unitHeader={t("townships.township")}
            indicator={ind}
            units={townships}
            rows={score.data}
            period={period}
            fmt={fmt}
          />
        ) : (
          <LoadingBlock height="h-80" error={score.error} />
        )}
        {line.data ? (
          <MonthlyChart
            testId="chart-by-month"
            title={t("townships.byMonth", { indicator: name, orgUnit: orgUnitName(focus, locale) })}
            indicator={ind}
            orgUnit={focus}
            months={trend}
            rows={line.data}
          />
        ) : (
          <LoadingBlock height="h-80" error={line.error} />
        )}
      </div>

      {villagesWithheld ? (
        <p className="rounded-md border border-dashed border-gray-300 bg-white p-4 text-sm text-gray-700" data-testid="villages-withheld">
          {t("scope.villagesWithheld", { township: orgUnitName(focus, locale) })}
        </p>
      ) : focus.level === 2 ? (
        village.data ? (
          <RankingChart
            testId="chart-villages"
            headingLevel={2}
            title={t("townships.villages", { township: orgUnitName(focus, locale), indicator: name })}
            unitHeader={t("townships.village")}
            indicator={ind}
            units={villages}
            rows={village.data}
            period={period}
            fmt={fmt}
          />
        ) : (
          <LoadingBlock height="h-80" error={village.error} />
        )
      ) : (
        <p className="rounded-md border border-dashed border-gray-300 bg-white p-4 text-sm text-gray-700">{t("townships.chooseTownship")}</p>
      )}
    </div>
  );
}

function Scorecard({
  rows,
  countyToDate,
  townships,
  county,
  period,
  compared,
}: {
  rows: RowIndex;
  /** The county's values by month from January to the period's end. */
  countyToDate: RowIndex;
  townships: readonly OrgUnit[];
  county: OrgUnit;
  period: string;
  compared: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const through = formatPeriod(lastMonthOf(period), locale);
  const cell = (u: OrgUnit, ind: Indicator) => {
    const row = rows.row(ind.code, u.code, period);
    const progress = u.code === county.code ? progressToDate(ind, u.level, period, (m) => countyToDate.value(ind.code, u.code, m)) : null;
    const status = progress ? progress.status : targetStatus(ind, u.level, period, row?.value ?? null);
    return (
      <td key={ind.code} className={`min-w-[7rem] border border-white px-2 py-1.5 align-top ${STATUS_CLASSES[status]}`} data-testid={`score-${u.code}-${ind.code}`} data-status={status}>
        <span className="flex items-center gap-1 font-medium tabular-nums">
          <StatusIcon status={status} className="h-3.5 w-3.5" />
          <ValueText row={row} unit={ind.unit} />
        </span>
        {progress && (
          <span className="block text-xs tabular-nums" data-testid={`score-to-date-${u.code}-${ind.code}`}>
            {t("kpi.toDate", { through })} {formatValue(progress.value, ind.unit, locale)}
          </span>
        )}
        <span className="block text-xs">{t(`status.${status}`)}</span>
      </td>
    );
  };
  return (
    <section aria-labelledby={`${id}-h`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="scorecard">
      <h2 id={`${id}-h`} className="text-lg font-semibold text-gray-900">
        {t("townships.scorecard")}
      </h2>
      <p className="text-sm text-gray-600">{t("townships.scorecardNote")}</p>
      {compared && (
        <p className="text-sm text-gray-600" data-testid="compare-note">
          {t("scope.townshipsCompareNote")}
        </p>
      )}
      <div role="region" aria-label={t("townships.scrollRegion", { title: t("townships.scorecard") })} tabIndex={0} className="mt-3 overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">
            {t("townships.scorecard")} — {formatPeriod(period, locale)}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 bg-gray-100 px-2 py-1.5 font-medium">
                {t("townships.township")}
              </th>
              {INDICATORS.map((ind) => (
                <th key={ind.code} scope="col" className="bg-gray-100 px-2 py-1.5 align-bottom text-xs font-medium">
                  {indicatorName(ind, locale)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {townships.map((u) => (
              <tr key={u.code}>
                <th scope="row" className="sticky left-0 whitespace-nowrap bg-white px-2 py-1.5 font-medium">
                  {orgUnitName(u, locale)}
                </th>
                {INDICATORS.map((ind) => cell(u, ind))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-gray-300">
              <th scope="row" className="sticky left-0 whitespace-nowrap bg-white px-2 py-1.5 font-semibold">
                {orgUnitName(county, locale)}
              </th>
              {INDICATORS.map((ind) => cell(county, ind))}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
