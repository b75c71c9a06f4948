/**
 * The reads the API needs. Numbers leave the engine only through the domain's
 * `toNumber` / `numericRows` (NUMERIC and BIGINT arrive as text).
 */
import {
  compileIndicatorQuery,
  DEMO_DATA_NOTICE,
  INDICATOR_ROW_NUMERIC_COLUMNS,
  numericRows,
  OrgUnitTree,
  toNumber,
  type DataValueColumns,
  type IndicatorQuery,
  type IndicatorRow,
  type OrgUnit,
} from "@linze/domain";
import type { Queryable } from "./client.ts";

/**
 * Runs the domain's one SQL compiler on this database: one row per
 * (indicator, org unit, period) that has any data; numerator, denominator and
 * value as JS numbers or null (value in the indicator's unit, percent for rates).
 * Throws the compiler's errors (unknown data element, bad period or code).
 */
export async function queryIndicatorRows(db: Queryable, query: IndicatorQuery): Promise<IndicatorRow[]> {
  const rows = await db.query<{ indicator: string; org_unit: string; period: string; numerator: unknown; denominator: unknown; value: unknown }>(
    compileIndicatorQuery(query),
  );
  return numericRows(rows, INDICATOR_ROW_NUMERIC_COLUMNS);
}

/** The stored org units as a validated tree; throws InvalidOrgUnitTree when none are stored. */
export async function loadOrgUnitTree(db: Queryable): Promise<OrgUnitTree> {
  const rows = await db.query<{ code: string; parent: string | null; level: unknown; name_zh: string; name_en: string }>(
    "SELECT code, parent, level, name_zh, name_en FROM org_units ORDER BY level, code",
  );
  return new OrgUnitTree(
    rows.map((r): OrgUnit => ({ code: r.code, parent: r.parent, level: toNumber(r.level) as OrgUnit["level"], nameZh: r.name_zh, nameEn: r.name_en })),
  );
}

/** The latest month (`YYYY-MM`) with any data value, or null for an empty database. */
export async function latestPeriod(db: Queryable): Promise<string | null> {
  const rows = await db.query<{ latest: string | null }>("SELECT max(period) AS latest FROM data_values");
  return rows[0]?.latest ?? null;
}

/**
 * Data values in columns (org unit, month, data element, value as a number),
 * ordered by key: every one, or those of the org units under `under` (each
 * code with its descendants, through org_unit_closure).
 */
export async function dataValueColumns(db: Queryable, under?: readonly string[]): Promise<DataValueColumns> {
  const rows = await db.query<{ org_unit: string; period: string; data_element: string; value: unknown }>(
    under === undefined
      ? "SELECT org_unit, period, data_element, value FROM data_values ORDER BY org_unit, period, data_element"
      : `SELECT org_unit, period, data_element, value FROM data_values
         WHERE org_unit IN (SELECT descendant FROM org_unit_closure WHERE ancestor = ANY($1::text[]))
         ORDER BY org_unit, period, data_element`,
    under === undefined ? undefined : [[...under]],
  );
  return toColumns(rows);
}

function toColumns(rows: readonly { org_unit: string; period: string; data_element: string; value: unknown }[]): DataValueColumns {
  const out: DataValueColumns = { orgUnit: [], period: [], dataElement: [], value: [] };
  for (const r of rows) {
    out.orgUnit.push(r.org_unit);
    out.period.push(r.period);
    out.dataElement.push(r.data_element);
    out.value.push(toNumber(r.value)!);
  }
  return out;
}

/**
 * Subtree totals in columns: for each org unit of `units` (codes), one row per
 * (month, data element) holding the sum of the values of it and everything
 * below it (counts or CNY; flows and stocks alike, as both sum over org units,
 * DOMAIN.md §3), on the unit's own code; ordered by key. What a township
 * officer's snapshot holds of the other townships (issue 5 point 1).
 */
export async function subtreeTotalColumns(db: Queryable, units: readonly string[]): Promise<DataValueColumns> {
  if (units.length === 0) return toColumns([]);
  const rows = await db.query<{ org_unit: string; period: string; data_element: string; value: unknown }>(
    `SELECT c.ancestor AS org_unit, v.period, v.data_element, sum(v.value) AS value
       FROM data_values v JOIN org_unit_closure c ON c.descendant = v.org_unit
      WHERE c.ancestor = ANY($1::text[])
      GROUP BY c.ancestor, v.period, v.data_element
      ORDER BY c.ancestor, v.period, v.data_element`,
    [[...units]],
  );
  return toColumns(rows);
}

/** The data values recorded on the org units `units` themselves (none of their descendants'), ordered by key. */
export async function ownDataValueColumns(db: Queryable, units: readonly string[]): Promise<DataValueColumns> {
  if (units.length === 0) return toColumns([]);
  const rows = await db.query<{ org_unit: string; period: string; data_element: string; value: unknown }>(
    "SELECT org_unit, period, data_element, value FROM data_values WHERE org_unit = ANY($1::text[]) ORDER BY org_unit, period, data_element",
    [[...units]],
  );
  return toColumns(rows);
}

/** Where the loaded data comes from (recorded by loadDataset); the demo notice when nothing says otherwise. */
export async function datasetSource(db: Queryable): Promise<{ zh: string; en: string }> {
  const rows = await db.query<{ source_zh: string; source_en: string }>(
    "SELECT source_zh, source_en FROM dataset_loads ORDER BY loaded_at DESC LIMIT 1",
  );
  const r = rows[0];
  return r ? { zh: r.source_zh, en: r.source_en } : { ...DEMO_DATA_NOTICE };
}
