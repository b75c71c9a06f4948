/**
 * Overview: one KPI card per indicator for the chosen org unit and period,
 * organisation coverage (the four organisation indicators) shown together
 * first, then the other indicators, each labelled with its group. Until
 * duckdb-wasm has loaded, the figures come from the server (data/first-kpis.ts;
 * the sections' data-source says which).
 */
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatPeriod, INDICATORS, INDICATOR_CODES, ORGANISATION_COVERAGE } from "@linze/domain";
import { FilterBar } from "../components/filter-bar.tsx";
import { LoadingBlock, BusyStatus } from "../components/loading.tsx";
import { KpiCard } from "../components/kpi-card.tsx";
import { ReportingNotice } from "../components/reporting-notice.tsx";
import { orgUnitName, useLocale } from "../components/locale.ts";
import { useData } from "../data/hooks.ts";
import { overviewPeriods, useFirstKpiRows } from "../data/first-kpis.ts";
import { allowEngineStart } from "../data/engine.ts";
import { trendMonths } from "../data/trend.ts";
import { useFilters } from "../filters/use-filters.ts";

const coverage = INDICATORS.filter((i) => (ORGANISATION_COVERAGE as readonly string[]).includes(i.code));
const others = INDICATORS.filter((i) => !(ORGANISATION_COVERAGE as readonly string[]).includes(i.code));

function KpiSection({ id, title, note, busy, source, children }: { id: string; title: string; note?: string; busy: boolean; source: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-h`} aria-busy={busy} data-testid={id} data-source={source}>
      <h2 id={`${id}-h`} className="text-lg font-semibold text-gray-900">
        {title}
      </h2>
      {note && <p className="text-sm text-gray-600">{note}</p>}
      <ul role="list" className="mt-3 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {children}
      </ul>
    </section>
  );
}

export default function Overview() {
  const { t } = useTranslation();
  const locale = useLocale();
  const data = useData();
  const { tree, months } = data;
  const { filters } = useFilters();
  const period = filters.period!;
  const unit = tree.get(filters.orgUnit);
  const trend = trendMonths(period, months);
  const rows = useFirstKpiRows(INDICATOR_CODES, unit.code, overviewPeriods(period, months), data);
  // The first KPIs are on screen (or will come from the engine only): duckdb-wasm may start compiling (data/engine.ts).
  const shown = rows.data !== undefined || rows.engineOnly;
  useEffect(() => {
    if (shown) allowEngineStart();
  }, [shown]);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">
        {t("overview.heading", { orgUnit: orgUnitName(unit, locale), period: formatPeriod(period, locale) })}
      </h1>
      <FilterBar />
      <ReportingNotice period={period} orgUnit={unit.code} />
      <BusyStatus busy={rows.isFetching} />
      {!rows.data && <LoadingBlock height="h-96" error={rows.error} />}
      {rows.data && (
        <>
          <KpiSection id="organisation-coverage" title={t("overview.organisationCoverage")} note={t("overview.organisationCoverageNote")} busy={rows.isFetching} source={rows.source}>
            {coverage.map((ind) => (
              <li key={ind.code}>
                <KpiCard indicator={ind} orgUnit={unit.code} orgUnitName={orgUnitName(unit, locale)} orgUnitLevel={unit.level} period={period} trendMonths={trend} rows={rows.data} filters={filters} />
              </li>
            ))}
          </KpiSection>
          <KpiSection id="work-indicators" title={t("overview.workIndicators")} busy={rows.isFetching} source={rows.source}>
            {others.map((ind) => (
              <li key={ind.code}>
                <KpiCard
                  indicator={ind}
                  group={t(`overview.groups.${ind.group}`)}
                  orgUnit={unit.code}
                  orgUnitName={orgUnitName(unit, locale)}
                  orgUnitLevel={unit.level}
                  period={period}
                  trendMonths={trend}
                  rows={rows.data}
                  filters={filters}
                />
              </li>
            ))}
          </KpiSection>
        </>
      )}
    </div>
  );
}
