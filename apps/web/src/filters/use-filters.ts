/** The page's filters, read from and written to the URL's search parameters. */
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router-dom";
import type { PeriodType } from "@linze/domain";
import { useData } from "../data/hooks.ts";
import { filtersToParams, parseFilters, withPeriodType, type Filters } from "./url-filters.ts";

export function useFilters() {
  const [params, setParams] = useSearchParams();
  const { months, tree } = useData();
  const filters = useMemo(
    () => parseFilters(params, { months, isOrgUnit: (c) => tree.has(c), rootOrgUnit: tree.root.code }),
    [params, months, tree],
  );
  const update = useCallback((patch: Partial<Filters>) => setParams(filtersToParams({ ...filters, ...patch })), [filters, setParams]);
  const setPeriodType = useCallback(
    (type: PeriodType) => setParams(filtersToParams(withPeriodType(filters, type, months))),
    [filters, months, setParams],
  );
  return { filters, update, setPeriodType, search: `?${filtersToParams(filters).toString()}` };
}
