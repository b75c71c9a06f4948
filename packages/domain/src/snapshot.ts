/**
 * The data snapshot the server sends to the browser for duckdb-wasm: org
 * units and data values in columns (one array per column, same length).
 * Values are counts or CNY as JS numbers; periods are month labels.
 */
import type { OrgUnit } from "./org-units.ts";

export interface DataValueColumns {
  readonly orgUnit: string[];
  readonly period: string[];
  readonly dataElement: string[];
  readonly value: number[];
}

export interface Snapshot {
  readonly orgUnits: OrgUnit[];
  readonly dataValues: DataValueColumns;
  /** Where the data comes from, shown on the dashboard (demo data is labelled as generated). */
  readonly source: { readonly zh: string; readonly en: string };
  /**
   * Org units present with their totals only (codes): their data values are
   * the sums over their subtrees, one per month and data element, and the org
   * units below them are left out — a township officer's view of the other
   * townships, compared but not seen in detail (issue 5 point 1). Absent or
   * empty when every org unit comes with its own detail.
   */
  readonly summaryOnly?: readonly string[];
}

/**
 * The demo-data notice without its "演示数据：" / "Demo data: " lead, for a
 * page that shows the label as a badge of its own (the layout's notice) so
 * that a screen reader reads the label once, not twice.
 */
export const DEMO_DATA_DESCRIPTION = {
  zh: "按临泽县年度工作报告的全年总数生成的分月、分乡镇数据，非真实上报数据。",
  en: "A generated monthly and township breakdown of the annual totals in Linze County's annual report, not real reports.",
} as const;

export const DEMO_DATA_NOTICE = {
  zh: "演示数据：按临泽县年度工作报告的全年总数生成的分月、分乡镇数据，非真实上报数据。",
  en: "Demo data: a generated monthly and township breakdown of the annual totals in Linze County's annual report, not real reports.",
} as const;
