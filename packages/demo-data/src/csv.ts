/**
 * CSV text of the demo data: UTF-8, LF line endings, a header row, quotes
 * only where a field needs them, whole numbers without decimals. Pure: text
 * in memory, written to disk by generate.ts.
 */
import type { DataValue, OrgUnit } from "@linze/domain";
import { stringify } from "csv-stringify/sync";

export const ORG_UNITS_HEADER = ["code", "parent", "level", "name_zh", "name_en"] as const;
export const DATA_VALUES_HEADER = ["org_unit", "period", "data_element", "value"] as const;

function csv(header: readonly string[], rows: string[][]): string {
  return stringify([[...header], ...rows], { record_delimiter: "unix" });
}

function wholeNumber(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`Expected a whole number, got ${value}`);
  return String(value);
}

/** `code,parent,level,name_zh,name_en`; parent empty for the root (the county). */
export function orgUnitsCsv(units: readonly OrgUnit[]): string {
  return csv(
    ORG_UNITS_HEADER,
    units.map((u) => [u.code, u.parent ?? "", String(u.level), u.nameZh, u.nameEn]),
  );
}

/** `org_unit,period,data_element,value`, rows in the order given. Throws for a value that is not a whole number. */
export function dataValuesCsv(values: readonly DataValue[]): string {
  return csv(
    DATA_VALUES_HEADER,
    values.map((v) => [v.orgUnit, v.period, v.dataElement, wholeNumber(v.value)]),
  );
}
