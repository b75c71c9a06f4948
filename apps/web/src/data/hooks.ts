/**
 * React bindings of the data layer: the loaded engine and snapshot (one shared
 * promise) and indicator rows per query, cached by TanStack Query.
 */
import { createContext, useContext } from "react";
import { useQuery } from "@tanstack/react-query";
import { indicator as indicatorByCode } from "@linze/domain";
import { dashboardData, indicatorRows, type SnapshotView } from "./engine.ts";
import { RowIndex, uniquePeriods } from "./row-index.ts";

export function useDashboardLoad() {
  return useQuery({ queryKey: ["dashboard-data"], queryFn: dashboardData, staleTime: Infinity, gcTime: Infinity, retry: false });
}

export const DataContext = createContext<SnapshotView | null>(null);

/**
 * The snapshot's org units, months and source; only below the layout, which
 * renders pages once the engine is ready (the overview already once the
 * snapshot's header is read, data/first-kpis.ts).
 */
export function useData(): SnapshotView {
  const data = useContext(DataContext);
  if (!data) throw new Error("useData() outside the loaded layout");
  return data;
}

/**
 * Indicator rows for every combination of the indicators, org units (each
 * with its descendants) and periods, computed in duckdb-wasm. No placeholder
 * from a previous query: its rows belong to other keys and would read as
 * "not reported".
 */
export function useIndicatorRows(indicators: readonly string[], orgUnits: readonly string[], periods: readonly string[]) {
  const unique = uniquePeriods(periods);
  const enabled = indicators.length > 0 && orgUnits.length > 0 && unique.length > 0;
  return useQuery({
    queryKey: ["indicator-rows", indicators, orgUnits, unique],
    queryFn: async () => new RowIndex(await indicatorRows({ indicators: indicators.map(indicatorByCode), orgUnits, periods: unique })),
    enabled,
    staleTime: Infinity,
  });
}
