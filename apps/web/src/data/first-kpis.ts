/**
 * The overview's first KPIs before duckdb-wasm is ready (issue 6 P2: the
 * 34 MB wasm takes seconds to compile on a busy machine). The snapshot's
 * layout (org units, months) comes from the server before the snapshot
 * itself ({@link snapshotView}); the indicator values from the server's read
 * API (tRPC `values.list`, computed by the database from the same data
 * values and the same domain rules: sum of numerators over sum of
 * denominators, stocks by last value per org unit, DOMAIN.md §3) and are
 * replaced by the engine's rows once it has loaded. The two agree for every
 * org unit the user sees in detail; an org unit the snapshot holds only by
 * its totals (a township officer's other townships, `summaryOnly`), or one
 * above such a unit, waits for the engine, whose stock values for a quarter
 * or year may differ there (api snapshot.ts).
 */
import { useQuery } from "@tanstack/react-query";
import type { IndicatorRow, OrgUnitTree } from "@linze/domain";
import { snapshotView, type SnapshotView } from "./engine.ts";
import { useIndicatorRows } from "./hooks.ts";
import { RowIndex, uniquePeriods } from "./row-index.ts";
import { trpc } from "./trpc.ts";

/** The snapshot's org units, source and months before the engine has loaded; see {@link snapshotView}. */
export function useSnapshotView() {
  return useQuery({ queryKey: ["snapshot-view"], queryFn: snapshotView, staleTime: Infinity, gcTime: Infinity, retry: false });
}

/** Whether the server's values for `orgUnit` equal what the engine computes from the user's snapshot (see the module's note). */
export function serverValuesMatchSnapshot(tree: OrgUnitTree, summaryOnly: readonly string[] | undefined, orgUnit: string): boolean {
  if (!summaryOnly || summaryOnly.length === 0) return true;
  if (summaryOnly.includes(orgUnit)) return false;
  return !summaryOnly.some((s) => tree.has(s) && tree.ancestors(s).some((a) => a.code === orgUnit));
}

/**
 * `values.list` rows as the engine's {@link IndicatorRow}s: a combination
 * the server answers with no numerator, denominator or value had no data
 * (not reported) and becomes no row, as in the engine's result.
 */
export function serverRowsToIndicatorRows(rows: readonly { indicator: string; orgUnit: string; period: string; numerator: number | null; denominator: number | null; value: number | null }[]): IndicatorRow[] {
  return rows
    .filter((r) => r.numerator !== null || r.denominator !== null || r.value !== null)
    .map((r) => ({ indicator: r.indicator, org_unit: r.orgUnit, period: r.period, numerator: r.numerator, denominator: r.denominator, value: r.value }));
}

export type RowsSource = "server" | "engine";

/**
 * Indicator rows for one org unit and several periods: the engine's once it
 * has loaded, the server's until then (where they agree). `source` says
 * which; `isFetching` stays true until the engine's rows are in;
 * `engineOnly`: no rows will come from the server (see above, or its request failed).
 */
export function useFirstKpiRows(indicators: readonly string[], orgUnit: string, periods: readonly string[], view: Pick<SnapshotView, "tree" | "snapshot">) {
  const engine = useIndicatorRows(indicators, [orgUnit], periods);
  const unique = uniquePeriods(periods);
  const allowed = serverValuesMatchSnapshot(view.tree, view.snapshot.summaryOnly, orgUnit) && indicators.length > 0 && unique.length > 0;
  const server = useQuery({
    queryKey: ["indicator-rows-server", indicators, orgUnit, unique],
    // A request of its own: in a batch it would wait for the slowest call beside it (the reporting notice's completeness).
    queryFn: async () => new RowIndex(serverRowsToIndicatorRows(await trpc.values.list.query({ indicators: [...indicators], orgUnits: [orgUnit], periods: unique }, { context: { alone: true } }))),
    enabled: allowed && !engine.data,
    staleTime: Infinity,
    retry: false,
  });
  // The engine's rows are the only ones to come: the server may not answer for this org unit, or could not.
  const engineOnly = !allowed || server.isError;
  if (engine.data) return { data: engine.data, source: "engine" as RowsSource, isFetching: engine.isFetching, error: null, engineOnly };
  if (server.data && allowed) return { data: server.data, source: "server" as RowsSource, isFetching: true, error: null, engineOnly };
  return { data: undefined, source: null, isFetching: true, error: engine.error, engineOnly };
}
