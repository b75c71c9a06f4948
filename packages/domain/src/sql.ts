/**
 * The one compiler from indicators to SQL, run unchanged by DuckDB (browser
 * and Node) and PostgreSQL (server, PGlite). The rules are the evaluator's
 * (evaluate.ts, DOMAIN.md §3–§4); a test runs both engines against it.
 *
 * The SQL reads two tables:
 *   data_values(org_unit text, period text 'YYYY-MM', data_element text, value numeric)
 *   org_unit_closure(ancestor text, descendant text)  -- includes (u, u)
 * and returns one row per (indicator, org unit, period) that has any data:
 *   indicator, org_unit, period, numerator, denominator, value
 * Numbers come back as engine types; pass them through `toNumber`
 * (numbers.ts). A missing row means no value.
 *
 * Every code is checked against the catalogue and every period parsed before
 * it is written into the SQL as a quoted literal.
 */
import { dataElement } from "./data-elements.ts";
import { dataElementsOf, type Indicator } from "./indicators.ts";
import { monthLabel, monthsOf, parsePeriod } from "./periods.ts";
import { OrgUnitCodeSchema } from "./org-units.ts";

/** A period to group by: a label (its months), or a named span of months such as year to date. */
export type PeriodSpan = string | { readonly key: string; readonly months: readonly string[] };

export interface IndicatorQuery {
  readonly indicators: readonly Indicator[];
  /** Each org unit is a group: it and its descendants. */
  readonly orgUnits: readonly string[];
  readonly periods: readonly PeriodSpan[];
}

/** The columns of a compiled query's rows, after `toNumber`. */
export interface IndicatorRow {
  indicator: string;
  org_unit: string;
  period: string;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
}

export const INDICATOR_ROW_NUMERIC_COLUMNS = ["numerator", "denominator", "value"] as const;

/** A single-quoted SQL string literal. */
export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

const list = (items: readonly string[]) => items.map(sqlString).join(", ");

/** From January of the span's last month's year to that month. */
function yearToDate(months: readonly string[]): string[] {
  const last = parsePeriod(months[months.length - 1]!);
  return Array.from({ length: last.month! }, (_, i) => monthLabel(last.year, i + 1));
}

function spanOf(p: PeriodSpan): { key: string; months: readonly string[] } {
  if (typeof p === "string") return { key: p, months: monthsOf(p) };
  for (const m of p.months) if (parsePeriod(m).type !== "month") throw new Error(`Period span ${p.key}: ${m} is not a month`);
  return p;
}

/** Compiles the query; throws for an empty list or an invalid code or period. */
export function compileIndicatorQuery(q: IndicatorQuery): string {
  if (q.indicators.length === 0 || q.orgUnits.length === 0 || q.periods.length === 0) {
    throw new Error("compileIndicatorQuery needs at least one indicator, org unit and period");
  }
  for (const u of q.orgUnits) OrgUnitCodeSchema.parse(u);
  // A period named twice would join its months twice and double every flow.
  const spans = [...new Map(q.periods.map(spanOf).map((s) => [s.key, s])).values()];
  const elements = [...new Set(q.indicators.flatMap(dataElementsOf))].map(dataElement);

  // Each period's months as span 'p'; with a year-to-date numerator, also its months from January as span 'y'.
  const needsYearToDate = q.indicators.some((i) => i.numeratorYearToDate);
  const periodRows = spans
    .flatMap((s) => [
      ...s.months.map((m) => `(${sqlString(s.key)}, ${sqlString(m)}, 'p')`),
      ...(needsYearToDate ? yearToDate(s.months).map((m) => `(${sqlString(s.key)}, ${sqlString(m)}, 'y')`) : []),
    ])
    .join(", ");
  const rootRows = [...new Set(q.orgUnits)].map((u) => `(${sqlString(u)})`).join(", ");
  // Only a year-to-date numerator's own data elements read the 'y' months: joining them for every element
  // quadrupled the rows of a quarter's scorecard (bench P1).
  const yearToDateElements = new Set(q.indicators.filter((i) => i.numeratorYearToDate).flatMap((i) => i.numerator));
  const elementRows = elements
    .map((d) => `(${sqlString(d.code)}, ${d.aggregationType === "stock" ? "TRUE" : "FALSE"}, ${yearToDateElements.has(d.code) ? "TRUE" : "FALSE"})`)
    .join(", ");

  // A stock element's last value per source unit is the row at its latest month in the span: a grouped
  // max(month) joined back (one row, as (org unit, month, data element) is the key), not a window
  // function — row_number() over five keys cost DuckDB 10× more on the dashboard's queries (bench P1).
  const parts = q.indicators.map((ind) => {
    const den = ind.denominator
      ? `sum(CASE WHEN data_element IN (${list(ind.denominator)}) AND span = 'p' THEN value END)`
      : "CAST(NULL AS DOUBLE PRECISION)";
    return `  SELECT ${sqlString(ind.code)} AS indicator, org_unit, period,
    sum(CASE WHEN data_element IN (${list(ind.numerator)}) AND span = '${ind.numeratorYearToDate ? "y" : "p"}' THEN value END) AS numerator,
    ${den} AS denominator,
    ${ind.denominator ? "TRUE" : "FALSE"} AS has_denominator, CAST(${ind.factor} AS DOUBLE PRECISION) AS factor
  FROM element_totals WHERE data_element IN (${list(dataElementsOf(ind))})
  GROUP BY org_unit, period`;
  });

  return `WITH periods(period, month, span) AS (VALUES ${periodRows}),
roots(org_unit) AS (VALUES ${rootRows}),
elements(data_element, is_stock, year_to_date) AS (VALUES ${elementRows}),
source AS (
  SELECT r.org_unit, p.period, p.span, v.org_unit AS source_unit, v.data_element, v.period AS month, v.value, e.is_stock
  FROM data_values v
  JOIN elements e ON e.data_element = v.data_element
  JOIN periods p ON p.month = v.period AND (p.span = 'p' OR e.year_to_date)
  JOIN org_unit_closure c ON c.descendant = v.org_unit
  JOIN roots r ON r.org_unit = c.ancestor
),
latest AS (
  SELECT org_unit, period, span, source_unit, data_element, max(month) AS month
  FROM source WHERE is_stock
  GROUP BY org_unit, period, span, source_unit, data_element
),
element_totals AS (
  SELECT s.org_unit, s.period, s.span, s.data_element, sum(s.value) AS value
  FROM source s
  LEFT JOIN latest l ON l.org_unit = s.org_unit AND l.period = s.period AND l.span = s.span
    AND l.source_unit = s.source_unit AND l.data_element = s.data_element AND l.month = s.month
  WHERE NOT s.is_stock OR l.month IS NOT NULL
  GROUP BY s.org_unit, s.period, s.span, s.data_element
),
parts AS (
${parts.join("\n  UNION ALL\n")}
)
SELECT indicator, org_unit, period, numerator, denominator,
  CASE
    WHEN numerator IS NULL THEN NULL
    WHEN NOT has_denominator THEN CAST(numerator AS DOUBLE PRECISION) * factor
    WHEN denominator IS NULL OR denominator = 0 THEN NULL
    ELSE CAST(numerator AS DOUBLE PRECISION) / CAST(denominator AS DOUBLE PRECISION) * factor
  END AS value
FROM parts
ORDER BY indicator, org_unit, period`;
}
