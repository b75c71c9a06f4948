/**
 * The overview's first KPIs before duckdb-wasm is ready (issue 6 P2: the
 * 34 MB wasm takes seconds to compile on a busy machine). The snapshot's
 * layout (org units, months) comes from the server before the snapshot
 * itself ({@link snapshotView}); the indicator values from the server's read
 * API (tRPC `values.list`, computed by the database from the same data
 * values and the same domain rules: sum of numerators over sum of
 * denominators, stocks by last value per org unit, DOMAIN.md §3) and are
 * replaced by the engine's rows once it has loaded. The two agree for every
 * org unit the user sees in detail, and for months everywhere; an org unit
 * the snapshot holds only by its totals (a township officer's other
 * townships, `summaryOnly`), or one above such a unit, waits for the engine
 * when a quarter or year is asked for: a stock's value for a longer period
 * may differ there (api snapshot.ts).
 */
import { useQuery, type QueryClient } from "@tanstack/react-query";
import { INDICATOR_CODES, periodType, previousPeriod, type IndicatorRow, type OrgUnitTree } from "@linze/domain";
import type { SessionInfo } from "../auth/session.ts";
import { filterContext, viewScopeOf } from "../filters/use-filters.ts";
import { parseFilters } from "../filters/url-filters.ts";
import { snapshotView, type SnapshotView } from "./engine.ts";
import { useIndicatorRows } from "./hooks.ts";
import { RowIndex, uniquePeriods } from "./row-index.ts";
import { trendMonths } from "./trend.ts";
import { trpc } from "./trpc.ts";

/** The snapshot's org units, source and months before the engine has loaded; see {@link snapshotView}. */
export function useSnapshotView() {
  return useQuery({ queryKey: ["snapshot-view"], queryFn: snapshotView, staleTime: Infinity, gcTime: Infinity, retry: false });
}

/**
 * Whether the server's values for `orgUnit` and `periods` (labels) equal what
 * the engine computes from the user's snapshot (see the module's note). A
 * month is exact for every org unit: each org unit has one value per month
 * and data element, so the subtree's monthly sums the snapshot holds are what
 * the server sums, for stocks as for flows.
 */
export function serverValuesMatchSnapshot(tree: OrgUnitTree, summaryOnly: readonly string[] | undefined, orgUnit: string, periods: readonly string[]): boolean {
  if (!summaryOnly || summaryOnly.length === 0) return true;
  if (periods.every((p) => periodType(p) === "month")) return true;
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

/** The periods the overview shows for `period`: itself, the one before (the change) and its trend's months. */
export const overviewPeriods = (period: string, months: readonly string[]): string[] => [period, previousPeriod(period), ...trendMonths(period, months)];

/**
 * The server's request for the indicator rows of one org unit and several
 * periods (tRPC `values.list`, a request of its own: in a batch it would
 * wait for the slowest call beside it, the reporting notice's completeness);
 * `allowed`: whether the server's values may stand for the engine's there
 * ({@link serverValuesMatchSnapshot}).
 */
export function serverRowsQuery(indicators: readonly string[], orgUnit: string, periods: readonly string[], view: Pick<SnapshotView, "tree" | "snapshot">) {
  const unique = uniquePeriods(periods);
  return {
    queryKey: ["indicator-rows-server", indicators, orgUnit, unique] as const,
    queryFn: async () => new RowIndex(serverRowsToIndicatorRows(await trpc.values.list.query({ indicators: [...indicators], orgUnits: [orgUnit], periods: unique }, { context: { alone: true } }))),
    allowed: serverValuesMatchSnapshot(view.tree, view.snapshot.summaryOnly, orgUnit, unique) && indicators.length > 0 && unique.length > 0,
  };
}

/**
 * Asks the server for the overview's first KPIs as soon as the snapshot's
 * layout and the session are known, before React has rendered the overview
 * (main.tsx, for an address of the overview): the same request, under the
 * same query key, that {@link useFirstKpiRows} makes for the address's
 * filters, so the overview finds it in flight or answered. On a loaded
 * machine the overview's own request went out ~400 ms after the layout had
 * come (issue 6 P2). Nothing is asked with no session or no period, or where
 * the server's values may not stand for the engine's.
 */
export function prefetchOverviewKpis(queryClient: QueryClient, view: SnapshotView, session: SessionInfo | null, search: string): void {
  if (!session) return;
  const filters = parseFilters(new URLSearchParams(search), filterContext(view, viewScopeOf(session.user)));
  if (!filters.period || !view.tree.has(filters.orgUnit)) return;
  const { allowed, ...query } = serverRowsQuery(INDICATOR_CODES, filters.orgUnit, overviewPeriods(filters.period, view.months), view);
  if (allowed) void queryClient.prefetchQuery({ ...query, staleTime: Infinity, retry: false });
}

/**
 * Indicator rows for one org unit and several periods: the engine's once it
 * has loaded, the server's until then (where they agree). `source` says
 * which; `isFetching` stays true until the engine's rows are in;
 * `engineOnly`: no rows will come from the server (see above, or its request failed).
 */
export function useFirstKpiRows(indicators: readonly string[], orgUnit: string, periods: readonly string[], view: Pick<SnapshotView, "tree" | "snapshot">) {
  const engine = useIndicatorRows(indicators, [orgUnit], periods);
  const { allowed, ...query } = serverRowsQuery(indicators, orgUnit, periods, view);
  const server = useQuery({ ...query, enabled: allowed && !engine.data, staleTime: Infinity, retry: false });
  // The engine's rows are the only ones to come: the server may not answer for this org unit, or could not.
  const engineOnly = !allowed || server.isError;
  if (engine.data) return { data: engine.data, source: "engine" as RowsSource, isFetching: engine.isFetching, error: null, engineOnly };
  if (server.data && allowed) return { data: server.data, source: "server" as RowsSource, isFetching: true, error: null, engineOnly };
  return { data: undefined, source: null, isFetching: true, error: engine.error, engineOnly };
}
