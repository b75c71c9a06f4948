/** The page's filters, read from and written to the URL's search parameters. */
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router-dom";
import type { PeriodType } from "@linze/domain";
import { useSession } from "../auth/session.ts";
import { useData } from "../data/hooks.ts";
import type { SnapshotView } from "../data/engine.ts";
import { defaultOrgUnit, hasFigures, type ViewScope } from "./org-unit-scope.ts";
import { filtersToParams, ignoredFilters, parseFilters, withPeriodType, type FilterContext, type Filters } from "./url-filters.ts";

export { defaultOrgUnit };

/** Everything, while no session is known (the pages render only with one: RequireSession). */
const VIEW_ALL: ViewScope = { viewAll: true, view: [], compareTownships: false };

/** The {@link ViewScope} of a signed-in user (`account.me`); everything with none. */
export const viewScopeOf = (me: ViewScope | undefined): ViewScope => (me ? { viewAll: me.viewAll, view: me.view, compareTownships: me.compareTownships } : VIEW_ALL);

/**
 * What the address's filters are read against: the snapshot's months, the
 * org units with figures for the user (an org unit in the address that has
 * none, a committee member's township or county, is not taken) and the
 * default org unit. For {@link useFilters} and for the overview's first
 * request before React renders (main.tsx).
 */
export function filterContext(view: Pick<SnapshotView, "months" | "tree" | "snapshot">, scope: ViewScope): FilterContext {
  return { months: view.months, isOrgUnit: (code) => hasFigures(view.tree, scope, code), rootOrgUnit: defaultOrgUnit(view.tree, view.snapshot.summaryOnly, scope) };
}

/** The signed-in user's {@link ViewScope} (`account.me`), and whether an org unit of the loaded tree has figures for the user. */
export function useViewScope() {
  const me = useSession().data?.user;
  const { tree } = useData();
  const scope = useMemo<ViewScope>(() => viewScopeOf(me), [me]);
  const shows = useCallback((code: string) => hasFigures(tree, scope, code), [tree, scope]);
  return { scope, hasFigures: shows };
}

export function useFilters() {
  const [params, setParams] = useSearchParams();
  const { months, tree, snapshot } = useData();
  const { scope } = useViewScope();
  const options = useMemo(() => filterContext({ months, tree, snapshot }, scope), [months, tree, snapshot, scope]);
  const filters = useMemo(() => parseFilters(params, options), [params, options]);
  const ignored = useMemo(() => ignoredFilters(params, filters), [params, filters]);
  // A change applies to the address as it is now, not to the filters of the last render: React Router
  // renders a navigation in a transition, so two changes in a row (the org unit, then the month)
  // came before the re-render and the second wrote back the first's old value.
  const current = useCallback(() => parseFilters(new URLSearchParams(window.location.search), options), [options]);
  const update = useCallback((patch: Partial<Filters>) => setParams(filtersToParams({ ...current(), ...patch })), [current, setParams]);
  const setPeriodType = useCallback((type: PeriodType) => setParams(filtersToParams(withPeriodType(current(), type, months))), [current, months, setParams]);
  return { filters, ignored, update, setPeriodType, search: `?${filtersToParams(filters).toString()}` };
}
