/**
 * One indicator for one org unit by month: a line chart, its generated
 * summary and its table (optionally with numerator and denominator). A month
 * not reported is a gap in the line and "not reported" in the table.
 */
import { useTranslation } from "react-i18next";
import { LineChart } from "@tremor/react";
import { formatPeriod, formatValue, targetStatus, type Indicator, type OrgUnit } from "@linze/domain";
import { summariseTrend } from "../charts/summary.ts";
import { latestAgainstTarget } from "../charts/target-text.ts";
import { hasValueToDraw } from "../charts/drawable.ts";
import type { RowIndex } from "../data/row-index.ts";
import { ChartFigure, ChartLegend } from "./chart-figure.tsx";
import { statusPoint } from "./chart-points.tsx";
import { indicatorName, orgUnitName, useLocale } from "./locale.ts";
import { ValueText } from "./value-text.tsx";

export interface MonthlyChartProps {
  testId: string;
  title: string;
  indicator: Indicator;
  orgUnit: OrgUnit;
  /** Month labels, oldest first. */
  months: readonly string[];
  rows: RowIndex;
  /** Also list the numerator and denominator of each month in the table. */
  showParts?: boolean;
  headingLevel?: 2 | 3;
}

export function MonthlyChart({ testId, title, indicator: ind, orgUnit, months, rows, showParts = false, headingLevel = 3 }: MonthlyChartProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const name = indicatorName(ind, locale);
  const fmt = (v: number) => formatValue(v, ind.unit, locale);
  const points = months.map((m) => {
    const value = rows.value(ind.code, orgUnit.code, m);
    return { month: m, label: formatPeriod(m, locale), value, reported: !!rows.row(ind.code, orgUnit.code, m), status: targetStatus(ind, orgUnit.level, m, value) };
  });
  const summary = [summariseTrend(points, fmt, t), latestAgainstTarget(ind, { name: orgUnitName(orgUnit, locale), level: orgUnit.level }, name, points, locale, t)]
    .filter(Boolean)
    .join(" ");
  return (
    <ChartFigure
      testId={testId}
      headingLevel={headingLevel}
      title={title}
      summary={summary}
      points={points.map((p) => statusPoint(t, fmt, { ...p, key: p.month }))}
      empty={!hasValueToDraw(points.map((p) => p.value))}
      table={
        <>
          <thead>
            <tr>
              <th scope="col">{t("chart.period")}</th>
              {showParts && (
                <th scope="col" className="num">
                  {t("kpi.numerator")}
                </th>
              )}
              {showParts && ind.denominator && (
                <th scope="col" className="num">
                  {t("kpi.denominator")}
                </th>
              )}
              <th scope="col" className="num">
                {t("chart.value")}
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => {
              const r = rows.row(ind.code, orgUnit.code, m);
              return (
                <tr key={m}>
                  <th scope="row" className="font-normal">
                    {formatPeriod(m, locale)}
                  </th>
                  {showParts && (
                    <td className="num">
                      <ValueText row={r} unit={ind.unit} part="numerator" />
                    </td>
                  )}
                  {showParts && ind.denominator && (
                    <td className="num">
                      <ValueText row={r} unit={ind.unit} part="denominator" />
                    </td>
                  )}
                  <td className="num">
                    <ValueText row={r} unit={ind.unit} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </>
      }
    >
      <LineChart
        className="h-64"
        data={points.map((p) => ({ month: p.label, [name]: p.value }))}
        index="month"
        categories={[name]}
        colors={["blue"]}
        valueFormatter={fmt}
        showLegend={false}
        showAnimation={false}
        connectNulls={false}
        yAxisWidth={ind.unit === "cny" ? 96 : 64}
      />
      <ChartLegend items={[{ label: `${orgUnitName(orgUnit, locale)} · ${name}`, colourClass: "bg-blue-500" }]} />
    </ChartFigure>
  );
}
