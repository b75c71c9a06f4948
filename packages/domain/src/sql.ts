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
import { DATA_ELEMENTS, dataElement } from "./data-elements.ts";
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

interface Prepared {
  readonly spans: readonly { key: string; months: readonly string[] }[];
  readonly needsYearToDate: boolean;
  readonly roots: readonly string[];
  /** The data elements of the query, each with its aggregation (stock?) and whether a year-to-date numerator reads it. */
  readonly elements: readonly { code: string; isStock: boolean; yearToDate: boolean }[];
}

/** Checks the query's codes and periods; throws for an empty list or an invalid code or period. */
function prepare(q: IndicatorQuery): Prepared {
  if (q.indicators.length === 0 || q.orgUnits.length === 0 || q.periods.length === 0) {
    throw new Error("compileIndicatorQuery needs at least one indicator, org unit and period");
  }
  for (const u of q.orgUnits) OrgUnitCodeSchema.parse(u);
  // A period named twice would join its months twice and double every flow.
  const spans = [...new Map(q.periods.map(spanOf).map((s) => [s.key, s])).values()];
  const needsYearToDate = q.indicators.some((i) => i.numeratorYearToDate);
  // Only a year-to-date numerator's own data elements read the 'y' months: joining them for every element
  // quadrupled the rows of a quarter's scorecard (bench P1).
  const yearToDateElements = new Set(q.indicators.filter((i) => i.numeratorYearToDate).flatMap((i) => i.numerator));
  const elements = [...new Set(q.indicators.flatMap(dataElementsOf))]
    .map(dataElement)
    .map((d) => ({ code: d.code, isStock: d.aggregationType === "stock", yearToDate: yearToDateElements.has(d.code) }));
  return { spans, needsYearToDate, roots: [...new Set(q.orgUnits)], elements };
}

const elementRows = (p: Prepared) =>
  p.elements.map((d) => `(${sqlString(d.code)}, ${d.isStock ? "TRUE" : "FALSE"}, ${d.yearToDate ? "TRUE" : "FALSE"})`).join(", ");

/** Both compilers' last step: from `parts(indicator, org_unit, period, numerator, denominator, has_denominator, factor)` to the rows. */
const FINAL_SELECT = `SELECT indicator, org_unit, period, numerator, denominator,
  CASE
    WHEN numerator IS NULL THEN NULL
    WHEN NOT has_denominator THEN CAST(numerator AS DOUBLE PRECISION) * factor
    WHEN denominator IS NULL OR denominator = 0 THEN NULL
    ELSE CAST(numerator AS DOUBLE PRECISION) / CAST(denominator AS DOUBLE PRECISION) * factor
  END AS value
FROM parts
ORDER BY indicator, org_unit, period`;

/**
 * The tail of compileIndicatorQuery: from `element_totals(org_unit, period, span, data_element, value)`
 * (span 'p': the period's months; 'y': January to its last month) to one row per indicator, org unit
 * and period with any data.
 */
function indicatorsFromElementTotals(q: IndicatorQuery): string {
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
  return `parts AS (
${parts.join("\n  UNION ALL\n")}
)
${FINAL_SELECT}`;
}

/** Compiles the query; throws for an empty list or an invalid code or period. */
export function compileIndicatorQuery(q: IndicatorQuery): string {
  const p = prepare(q);
  // Each period's months as span 'p'; with a year-to-date numerator, also its months from January as span 'y'.
  const periodRows = p.spans
    .flatMap((s) => [
      ...s.months.map((m) => `(${sqlString(s.key)}, ${sqlString(m)}, 'p')`),
      ...(p.needsYearToDate ? yearToDate(s.months).map((m) => `(${sqlString(s.key)}, ${sqlString(m)}, 'y')`) : []),
    ])
    .join(", ");
  const rootRows = p.roots.map((u) => `(${sqlString(u)})`).join(", ");

  // A stock element's last value per source unit is the row at its latest month in the span: a grouped
  // max(month) joined back (one row, as (org unit, month, data element) is the key), not a window
  // function — row_number() over five keys cost DuckDB 10× more on the dashboard's queries (bench P1).
  return `WITH periods(period, month, span) AS (VALUES ${periodRows}),
roots(org_unit) AS (VALUES ${rootRows}),
elements(data_element, is_stock, year_to_date) AS (VALUES ${elementRows(p)}),
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
${indicatorsFromElementTotals(q)}`;
}

/**
 * Integer keys of the org units for {@link indicatorSlicesSql} and
 * {@link compileIndicatorQueryOnSlices}: 0, 1, 2 … in depth-first order from
 * the roots, children by code — so a unit's children (a township's villages,
 * a county's townships) have consecutive keys and sit together in the sorted
 * table. Integers rather than codes because DuckDB's zone maps keep only the
 * first 8 bytes of a string, which every code of a county shares
 * (`PV-C01-T0…`): a filter on codes read the whole table (bench P1). Units
 * whose parent is unknown count as roots; any left (a cycle) follow by code.
 */
export function orgUnitKeys(orgUnits: readonly { readonly code: string; readonly parent: string | null }[]): Map<string, number> {
  const byCode = (a: { code: string }, b: { code: string }) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const codes = new Set(orgUnits.map((u) => u.code));
  const children = new Map<string, { code: string }[]>();
  const roots: { code: string }[] = [];
  for (const u of orgUnits) {
    if (u.parent === null || !codes.has(u.parent)) roots.push(u);
    else children.set(u.parent, [...(children.get(u.parent) ?? []), u]);
  }
  const keys = new Map<string, number>();
  const stack = [...roots].sort(byCode).reverse();
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (keys.has(u.code)) continue;
    keys.set(u.code, keys.size);
    stack.push(...[...(children.get(u.code) ?? [])].sort(byCode).reverse());
  }
  for (const u of [...orgUnits].sort(byCode)) if (!keys.has(u.code)) keys.set(u.code, keys.size);
  return keys;
}

/** A month label `YYYY-MM` as the integer year × 12 + month − 1 of {@link indicatorSlicesSql}'s month column. */
export function monthKey(label: string): number {
  const p = parsePeriod(label);
  if (p.type !== "month") throw new Error(`${label} is not a month`);
  return p.year * 12 + p.month! - 1;
}

/** A catalogue data element's key in indicator_slices: its index in DATA_ELEMENTS. */
const elementKey = new Map(DATA_ELEMENTS.map((d, i) => [d.code, i]));

/**
 * The table the DuckDB engines (packages/duckdb) build from `data_values` and
 * `org_unit_closure` when a snapshot is loaded, so that a slice reads a few
 * pre-summed rows instead of joining every data value with the org-unit tree:
 *
 *   indicator_slices(org_unit_key integer, element_key integer, month integer, next_month integer, value double)
 *
 * one row per (org unit, data element, month, next_month) with the sum of the
 * values of the org unit and all its descendants; keys are
 * {@link orgUnitKeys}' (from `keys`, the snapshot's org units), the data
 * element's index in the catalogue and {@link monthKey}. For a flow,
 * next_month is null (one row per month). For a stock, the values are first
 * split by next_month: the next month in which the same reporting (source)
 * unit has a value of that element, null if none. A reporting unit's row at
 * month m is then its last value in a span of consecutive months ending at L
 * exactly when m is in the span and next_month is null or after L — so a
 * quarter's or year's stock (DOMAIN.md §6 "last value", summed over units) is
 * a sum of these rows, with no per-query join. As in
 * {@link compileIndicatorQuery}, whose joins match month labels and catalogue
 * codes, only months `YYYY-MM` and catalogue data elements count, and several
 * values of one (unit, month, element) are summed. Rows are sorted by the
 * keys, so DuckDB's zone maps skip the row groups of other org units.
 *
 * DuckDB SQL (`CREATE OR REPLACE`, window `lead`).
 */
export function indicatorSlicesSql(keys: ReadonlyMap<string, number>): string {
  const unitRows = [...keys].map(([code, key]) => `(${sqlString(code)}, ${key})`).join(", ");
  const elementRows = DATA_ELEMENTS.map((d, i) => `(${sqlString(d.code)}, ${i}, ${d.aggregationType === "stock" ? "TRUE" : "FALSE"})`).join(", ");
  return `CREATE OR REPLACE TABLE indicator_slices AS
WITH unit_keys(code, org_unit_key) AS (VALUES ${unitRows || "(NULL, NULL)"}),
element_keys(code, element_key, is_stock) AS (VALUES ${elementRows}),
months AS (
  SELECT period, CAST(substr(period, 1, 4) AS INTEGER) * 12 + CAST(substr(period, 6, 2) AS INTEGER) - 1 AS month
  FROM (SELECT DISTINCT period FROM data_values)
  WHERE regexp_full_match(period, '[0-9]{4}-(0[1-9]|1[0-2])')
),
stock_months AS (
  SELECT v.org_unit, e.element_key, m.month, sum(v.value) AS value
  FROM data_values v JOIN element_keys e ON e.code = v.data_element AND e.is_stock JOIN months m ON m.period = v.period
  GROUP BY v.org_unit, e.element_key, m.month
),
unit_next AS (
  SELECT v.org_unit, e.element_key, m.month, CAST(NULL AS INTEGER) AS next_month, v.value
  FROM data_values v JOIN element_keys e ON e.code = v.data_element AND NOT e.is_stock JOIN months m ON m.period = v.period
  UNION ALL
  SELECT org_unit, element_key, month, lead(month) OVER (PARTITION BY org_unit, element_key ORDER BY month) AS next_month, value
  FROM stock_months
)
SELECT k.org_unit_key, u.element_key, u.month, u.next_month, sum(u.value) AS value
FROM unit_next u
JOIN org_unit_closure c ON c.descendant = u.org_unit
JOIN unit_keys k ON k.code = c.ancestor
GROUP BY k.org_unit_key, u.element_key, u.month, u.next_month
ORDER BY k.org_unit_key, u.element_key, u.month, u.next_month`;
}

const consecutive = (months: readonly string[]) => months.every((m, i) => i === 0 || monthKey(m) === monthKey(months[i - 1]!) + 1);

/**
 * The same query as {@link compileIndicatorQuery} — the same rows, columns and
 * order — read from the pre-aggregated `indicator_slices` table
 * ({@link indicatorSlicesSql}, built with the same `keys`) instead of
 * `data_values` and the org-unit closure. An org unit without a key has no
 * rows (as a code outside the closure has none there). Null when the query
 * has a stock data element and a period span whose months are not
 * consecutive (the table's last-value rule needs consecutive months): run
 * {@link compileIndicatorQuery} then. Throws as it does.
 */
export function compileIndicatorQueryOnSlices(q: IndicatorQuery, keys: ReadonlyMap<string, number>): string | null {
  const p = prepare(q);
  if (p.elements.some((d) => d.isStock) && p.spans.some((s) => !consecutive(s.months))) return null;
  // Each period's months as span 'p'; with a year-to-date numerator, also its months from January as
  // span 'y'; both with the span's last month, for the stock rule.
  const periodRows = p.spans.flatMap((s) => {
    const last = monthKey(s.months[s.months.length - 1]!);
    return [
      ...s.months.map((m) => [s.key, monthKey(m), "p", last] as const),
      ...(p.needsYearToDate ? yearToDate(s.months).map((m) => [s.key, monthKey(m), "y", last] as const) : []),
    ];
  });
  const months = periodRows.map((r) => r[1]);
  // One row per indicator side and data element, with the element's aggregation and whether it reads
  // the 'y' months: a join with this short list replaces a UNION ALL per indicator, whose planning
  // cost DuckDB more than running it (bench P1, EXPLAIN vs run).
  const element = new Map(p.elements.map((d) => [d.code, d]));
  const sideRows = q.indicators
    .flatMap((ind) => [
      ...[...new Set(ind.numerator)].map((d) => [ind, d, "n", ind.numeratorYearToDate ? "y" : "p"] as const),
      ...[...new Set(ind.denominator ?? [])].map((d) => [ind, d, "d", "p"] as const),
    ])
    .map(([ind, d, side, span]) => {
      const e = element.get(d)!;
      return `(${sqlString(ind.code)}, ${elementKey.get(d)!}, '${side}', '${span}', ${e.isStock ? "TRUE" : "FALSE"}, ${e.yearToDate ? "TRUE" : "FALSE"}, ${ind.denominator ? "TRUE" : "FALSE"}, CAST(${ind.factor} AS DOUBLE PRECISION))`;
    })
    .join(", ");
  const roots = p.roots.filter((u) => keys.has(u)).map((u) => [keys.get(u)!, u] as const);
  const rootKeys = roots.length > 0 ? roots.map(([k]) => k).join(", ") : "NULL";
  // An (indicator, org unit, period) has a row when any of its data elements has a value in any span
  // the query reads for that element — as in compileIndicatorQuery, where element_totals has those rows.
  return `WITH periods(period, month, span, last_month) AS (VALUES ${periodRows.map(([key, m, span, last]) => `(${sqlString(key)}, ${m}, '${span}', ${last})`).join(", ")}),
sides(indicator, element_key, side, span, is_stock, year_to_date, has_denominator, factor) AS (VALUES ${sideRows}),
roots(org_unit_key, org_unit) AS (VALUES ${roots.length > 0 ? roots.map(([k, u]) => `(${k}, ${sqlString(u)})`).join(", ") : "(NULL, NULL)"}),
keyed_parts AS (
  SELECT i.indicator, s.org_unit_key, p.period,
    sum(CASE WHEN i.side = 'n' AND p.span = i.span THEN s.value END) AS numerator,
    sum(CASE WHEN i.side = 'd' AND p.span = 'p' THEN s.value END) AS denominator,
    bool_or(i.has_denominator) AS has_denominator, max(i.factor) AS factor
  FROM indicator_slices s
  JOIN periods p ON p.month = s.month
  JOIN sides i ON i.element_key = s.element_key AND (p.span = 'p' OR i.year_to_date)
  WHERE s.org_unit_key IN (${rootKeys}) AND s.element_key IN (${p.elements.map((d) => elementKey.get(d.code)!).join(", ")})
    AND s.month BETWEEN ${Math.min(...months)} AND ${Math.max(...months)}
    AND (NOT i.is_stock OR s.next_month IS NULL OR s.next_month > p.last_month)
  GROUP BY i.indicator, s.org_unit_key, p.period
),
parts AS (SELECT k.*, r.org_unit FROM keyed_parts k JOIN roots r ON r.org_unit_key = k.org_unit_key)
${FINAL_SELECT}`;
}
