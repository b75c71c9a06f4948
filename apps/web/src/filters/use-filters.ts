/** The page's filters, read from and written to the URL's search parameters. */
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router-dom";
import type { OrgUnitTree, PeriodType } from "@linze/domain";
import { useData } from "../data/hooks.ts";
import { filtersToParams, parseFilters, withPeriodType, type Filters } from "./url-filters.ts";

/**
 * The org unit shown by default: the root, or — when the snapshot holds only
 * one branch, as for a township officer or a committee member (issue 5: the
 * snapshot carries only what the user may view, with the ancestors as bare
 * org units) — the top of that branch, so no county figure is computed from
 * one township's data.
 */
export function defaultOrgUnit(tree: OrgUnitTree): string {
  let code = tree.root.code;
  for (let children = tree.children(code); children.length === 1; children = tree.children(code)) code = children[0]!.code;
  return code;
}

export function useFilters() {
  const [params, setParams] = useSearchParams();
  const { months, tree } = useData();
  const filters = useMemo(
    () => parseFilters(params, { months, isOrgUnit: (c) => tree.has(c), rootOrgUnit: defaultOrgUnit(tree) }),
    [params, months, tree],
  );
  const update = useCallback((patch: Partial<Filters>) => setParams(filtersToParams({ ...filters, ...patch })), [filters, setParams]);
  const setPeriodType = useCallback(
    (type: PeriodType) => setParams(filtersToParams(withPeriodType(filters, type, months))),
    [filters, months, setParams],
  );
  return { filters, update, setPeriodType, search: `?${filtersToParams(filters).toString()}` };
}
