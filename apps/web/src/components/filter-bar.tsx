/**
 * The filters as native, labelled <select>s; every change goes to the URL.
 * `orgUnits`: "all" lists the county, townships and their villages;
 * "townships" only the county and the townships — each only where it has
 * figures for the user (filters/org-unit-scope.ts): a committee member is
 * offered the own village alone, not the county and township above it.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatPeriod, indicator as indicatorByCode, INDICATORS, PERIOD_TYPES, type PeriodType } from "@linze/domain";
import { useData } from "../data/hooks.ts";
import { useFilters, useViewScope } from "../filters/use-filters.ts";
import { periodOptions, quoted } from "../filters/url-filters.ts";
import { indicatorName, orgUnitName, useLocale } from "./locale.ts";

export function FilterBar({ orgUnits = "all", showIndicator = false }: { orgUnits?: "all" | "townships"; showIndicator?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { months, tree } = useData();
  const { filters, ignored, update, setPeriodType } = useFilters();
  const id = useId();
  const { hasFigures } = useViewScope();
  const townships = tree.children(tree.root.code);
  const selected = tree.get(filters.orgUnit);
  // Where only townships are offered, a village chosen elsewhere shows as its township, and the notice says so.
  const villageAsTownship = orgUnits === "townships" && selected.level === 3;
  const orgUnitValue = villageAsTownship ? selected.parent! : selected.code;
  // Said only where the indicator is chosen: a page without it (the overview) shows every indicator anyway.
  const indicatorIgnored = showIndicator ? ignored.indicator : null;
  const orgUnitNoted = ignored.orgUnit !== null || villageAsTownship;
  const anyIgnored = ignored.periodType !== null || ignored.period !== null || orgUnitNoted || indicatorIgnored !== null;

  return (
    <section aria-labelledby={`${id}-h`} className="filter-bar rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <h2 id={`${id}-h`} className="sr-only">
        {t("filters.heading")}
      </h2>
      <form className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor={`${id}-pt`} className="text-sm font-medium text-gray-800">
            {t("filters.periodType")}
          </label>
          <select
            id={`${id}-pt`}
            data-testid="filter-period-type"
            className="field-select"
            aria-describedby={ignored.periodType !== null ? `${id}-pt-ignored` : undefined}
            value={filters.periodType}
            onChange={(e) => setPeriodType(e.target.value as PeriodType)}
          >
            {PERIOD_TYPES.map((pt) => (
              <option key={pt} value={pt}>
                {t(`filters.periodTypes.${pt}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-pe`} className="text-sm font-medium text-gray-800">
            {t("filters.period")}
          </label>
          <select
            id={`${id}-pe`}
            data-testid="filter-period"
            className="field-select"
            aria-describedby={ignored.period !== null ? `${id}-pe-ignored` : undefined}
            value={filters.period ?? ""}
            onChange={(e) => update({ period: e.target.value })}
          >
            {periodOptions(months, filters.periodType)
              .reverse()
              .map((p) => (
                <option key={p} value={p}>
                  {formatPeriod(p, locale)}
                </option>
              ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-ou`} className="text-sm font-medium text-gray-800">
            {t("filters.orgUnit")}
          </label>
          <select
            id={`${id}-ou`}
            data-testid="filter-org-unit"
            className="field-select"
            aria-describedby={orgUnitNoted ? `${id}-ou-ignored` : undefined}
            value={orgUnitValue}
            onChange={(e) => update({ orgUnit: e.target.value })}
          >
            {hasFigures(tree.root.code) && <option value={tree.root.code}>{orgUnitName(tree.root, locale)}</option>}
            {orgUnits === "townships" ? (
              <optgroup label={t("filters.townships")}>
                {townships.filter((u) => hasFigures(u.code)).map((u) => (
                  <option key={u.code} value={u.code}>
                    {orgUnitName(u, locale)}
                  </option>
                ))}
              </optgroup>
            ) : (
              townships.map((town) => {
                const villages = tree.children(town.code).filter((v) => hasFigures(v.code));
                // A township seen only as the path to the user's own village is no choice: its villages stand alone.
                if (!hasFigures(town.code))
                  return villages.map((v) => (
                    <option key={v.code} value={v.code}>
                      {orgUnitName(v, locale)}
                    </option>
                  ));
                return (
                  <optgroup key={town.code} label={orgUnitName(town, locale)}>
                    <option value={town.code}>{orgUnitName(town, locale)}</option>
                    {villages.map((v) => (
                      <option key={v.code} value={v.code}>
                        {"\u2003"}
                        {orgUnitName(v, locale)}
                      </option>
                    ))}
                  </optgroup>
                );
              })
            )}
          </select>
        </div>
        {showIndicator && (
          <div>
            <label htmlFor={`${id}-ind`} className="text-sm font-medium text-gray-800">
              {t("filters.indicator")}
            </label>
            <select
              id={`${id}-ind`}
              data-testid="filter-indicator"
              className="field-select"
              aria-describedby={indicatorIgnored !== null ? `${id}-ind-ignored` : undefined}
              value={filters.indicator}
              onChange={(e) => update({ indicator: e.target.value })}
            >
              {INDICATORS.map((i) => (
                <option key={i.code} value={i.code}>
                  {indicatorName(i, locale)}
                </option>
              ))}
            </select>
          </div>
        )}
      </form>
      {/* What the address asked for and could not be shown, said where the filters are (not only in their values); each
          select it concerns points to it (aria-describedby), so a keyboard user hears it on reaching the select. */}
      {anyIgnored && (
        <div role="status" data-testid="filters-ignored" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 [overflow-wrap:anywhere]">
          {ignored.periodType !== null && (
            <p id={`${id}-pt-ignored`}>{t("filters.periodTypeIgnored", { periodType: quoted(ignored.periodType), shown: t(`filters.periodTypes.${filters.periodType}`) })}</p>
          )}
          {ignored.orgUnit !== null && <p id={`${id}-ou-ignored`}>{t("filters.orgUnitIgnored", { code: quoted(ignored.orgUnit), shown: orgUnitName(selected, locale) })}</p>}
          {villageAsTownship && (
            <p id={`${id}-ou-ignored`}>{t("filters.villageAsTownship", { code: selected.code, village: orgUnitName(selected, locale), shown: orgUnitName(tree.get(selected.parent!), locale) })}</p>
          )}
          {ignored.period !== null && <p id={`${id}-pe-ignored`}>{t("filters.periodIgnored", { period: quoted(ignored.period), shown: filters.period ? formatPeriod(filters.period, locale) : "—" })}</p>}
          {indicatorIgnored !== null && <p id={`${id}-ind-ignored`}>{t("filters.indicatorIgnored", { code: quoted(indicatorIgnored), shown: indicatorName(indicatorByCode(filters.indicator), locale) })}</p>}
        </div>
      )}
    </section>
  );
}
