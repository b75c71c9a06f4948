/**
 * Overview: one KPI card per indicator for the chosen org unit and period,
 * organisation coverage (the four organisation indicators) shown together
 * first, then the other groups of the catalogue.
 */
import { useTranslation } from "react-i18next";
import { formatPeriod, INDICATORS, INDICATOR_CODES, ORGANISATION_COVERAGE, previousPeriod, type IndicatorGroup } from "@linze/domain";
import { FilterBar } from "../components/filter-bar.tsx";
import { LoadingBlock, BusyStatus } from "../components/loading.tsx";
import { KpiCard } from "../components/kpi-card.tsx";
import { orgUnitName, useLocale } from "../components/locale.ts";
import { useData, useIndicatorRows } from "../data/hooks.ts";
import { trendMonths } from "../data/trend.ts";
import { useFilters } from "../filters/use-filters.ts";

const GROUP_ORDER: readonly IndicatorGroup[] = ["organisation", "education", "rehabilitation", "services", "rights", "subsidies"];

export default function Overview() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree, months } = useData();
  const { filters } = useFilters();
  const period = filters.period!;
  const unit = tree.get(filters.orgUnit);
  const trend = trendMonths(period, months);
  const rows = useIndicatorRows(INDICATOR_CODES, [unit.code], [period, previousPeriod(period), ...trend]);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">
        {t("overview.heading", { orgUnit: orgUnitName(unit, locale), period: formatPeriod(period, locale) })}
      </h1>
      <FilterBar />
      <BusyStatus busy={rows.isFetching} />
      {!rows.data && <LoadingBlock height="h-96" error={rows.error} />}
      {rows.data &&
        GROUP_ORDER.map((group) => {
          const inGroup = group === "organisation" ? INDICATORS.filter((i) => (ORGANISATION_COVERAGE as readonly string[]).includes(i.code)) : INDICATORS.filter((i) => i.group === group);
          if (inGroup.length === 0) return null;
          const headingId = `group-${group}`;
          return (
            <section key={group} aria-labelledby={headingId} aria-busy={rows.isFetching} data-testid={`group-${group}`}>
              <h2 id={headingId} className="text-lg font-semibold text-gray-900">
                {group === "organisation" ? t("overview.organisationCoverage") : t(`overview.groups.${group}`)}
              </h2>
              {group === "organisation" && <p className="text-sm text-gray-600">{t("overview.organisationCoverageNote")}</p>}
              <ul role="list" className="mt-3 grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
                {inGroup.map((ind) => (
                  <li key={ind.code}>
                    <KpiCard
                      indicator={ind}
                      orgUnit={unit.code}
                      orgUnitLevel={unit.level}
                      period={period}
                      trendMonths={trend}
                      rows={rows.data}
                      filters={filters}
                    />
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
    </div>
  );
}
