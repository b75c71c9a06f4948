/** The page's filters, read from and written to the URL's search parameters. */
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router-dom";
import type { OrgUnitTree, PeriodType } from "@linze/domain";
import { useData } from "../data/hooks.ts";
import { filtersToParams, parseFilters, withPeriodType, type Filters } from "./url-filters.ts";

/**
 * The org unit shown by default: the root, or — when the snapshot holds only
 * one branch in detail, as for a township officer or a committee member
 * (issue 5: the snapshot carries only what the user may view, with the
 * ancestors as bare org units and, for an officer, the other townships by
 * their totals, `summaryOnly`) — the top of that branch: the user's own
 * township or village, and no county figure computed from one village's data.
 */
export function defaultOrgUnit(tree: OrgUnitTree, summaryOnly: readonly string[] = []): string {
  // Units present by their totals only (a township officer's other townships) are not the user's branch.
  const detailed = (code: string) => tree.children(code).filter((u) => !summaryOnly.includes(u.code));
  let code = tree.root.code;
  for (let children = detailed(code); children.length === 1; children = detailed(code)) code = children[0]!.code;
  return code;
}

export function useFilters() {
  const [params, setParams] = useSearchParams();
  const { months, tree, snapshot } = useData();
  const filters = useMemo(
    () => parseFilters(params, { months, isOrgUnit: (c) => tree.has(c), rootOrgUnit: defaultOrgUnit(tree, snapshot.summaryOnly) }),
    [params, months, tree, snapshot],
  );
  const update = useCallback((patch: Partial<Filters>) => setParams(filtersToParams({ ...filters, ...patch })), [filters, setParams]);
  const setPeriodType = useCallback(
    (type: PeriodType) => setParams(filtersToParams(withPeriodType(filters, type, months))),
    [filters, months, setParams],
  );
  return { filters, update, setPeriodType, search: `?${filtersToParams(filters).toString()}` };
}
