/** One indicator by org unit: a bar chart, its generated summary and its table (value and status). */
import { useTranslation } from "react-i18next";
import { BarChart } from "@tremor/react";
import { targetStatus, type Indicator, type OrgUnit } from "@linze/domain";
import { summariseRanking, summariseRankingTarget } from "../charts/summary.ts";
import { targetText } from "../charts/target-text.ts";
import { hasValueToDraw } from "../charts/drawable.ts";
import type { RowIndex } from "../data/row-index.ts";
import { ChartFigure, ChartLegend } from "./chart-figure.tsx";
import { statusPoint } from "./chart-points.tsx";
import { StatusIcon } from "./icons.tsx";
import { indicatorName, orgUnitName, useLocale } from "./locale.ts";
import { ValueText } from "./value-text.tsx";

export interface RankingChartProps {
  testId: string;
  title: string;
  unitHeader: string;
  indicator: Indicator;
  units: readonly OrgUnit[];
  rows: RowIndex;
  period: string;
  fmt: (v: number) => string;
  headingLevel?: 2 | 3;
}

export function RankingChart({ testId, title, unitHeader, indicator: ind, units, rows, period, fmt, headingLevel = 3 }: RankingChartProps) {
  const { t } = useTranslation();
  const locale = useLocale();
  const name = indicatorName(ind, locale);
  const items = units.map((u) => {
    const value = rows.value(ind.code, u.code, period);
    return { key: u.code, code: u.code, label: orgUnitName(u, locale), value, status: targetStatus(ind, u.level, period, value), reported: !!rows.row(ind.code, u.code, period) };
  });
  // The units compared are of one level, so one target applies to all (or none).
  const target = units[0] ? targetText(ind, units[0].level, period, locale, t) : null;
  const summary = [summariseRanking(items, fmt, t), target ? summariseRankingTarget(items, target, t) : ""].filter(Boolean).join(" ");
  return (
    <ChartFigure
      testId={testId}
      headingLevel={headingLevel}
      title={title}
      summary={summary}
      points={items.map((i) => statusPoint(t, fmt, i))}
      empty={!hasValueToDraw(items.map((i) => i.value))}
      table={
        <>
          <thead>
            <tr>
              <th scope="col">{unitHeader}</th>
              <th scope="col" className="num">
                {t("chart.value")}
              </th>
              <th scope="col">{t("chart.status")}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => {
              const row = rows.row(ind.code, u.code, period);
              const status = targetStatus(ind, u.level, period, row?.value ?? null);
              return (
                <tr key={u.code}>
                  <th scope="row" className="font-normal">
                    {orgUnitName(u, locale)}
                  </th>
                  <td className="num">
                    <ValueText row={row} unit={ind.unit} />
                  </td>
                  <td>
                    <span className="inline-flex items-center gap-1">
                      <StatusIcon status={status} className="h-3.5 w-3.5" />
                      {t(`status.${status}`)}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </>
      }
    >
      <BarChart
        className="h-64"
        data={items.map((i) => ({ orgUnit: i.label, [name]: i.value }))}
        index="orgUnit"
        categories={[name]}
        colors={["blue"]}
        valueFormatter={fmt}
        showLegend={false}
        showAnimation={false}
        yAxisWidth={ind.unit === "cny" ? 96 : 64}
      />
      <ChartLegend items={[{ label: name, colourClass: "bg-blue-500" }]} />
    </ChartFigure>
  );
}
