/**
 * TanStack Query bindings of the data-quality API (quality.*). Every read is
 * under the "quality" family, which a change of the due day invalidates (and
 * so may anything that writes data values).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { trpc } from "./trpc.ts";

export const QUALITY_QUERY_FAMILY = "quality";

/** Each township's monthly reports of the year, as of today in China (the server's clock). */
export const useCompleteness = (year: number | null) =>
  useQuery({
    queryKey: [QUALITY_QUERY_FAMILY, "completeness", year],
    queryFn: () => trpc.quality.completeness.query({ year: year! }),
    enabled: year !== null,
    staleTime: 60_000,
  });

/** The validation rules' violations for a month, quarter or year (county and townships). */
export const useValidation = (period: string) =>
  useQuery({ queryKey: [QUALITY_QUERY_FAMILY, "validation", period], queryFn: () => trpc.quality.validation.query({ period }), staleTime: 60_000 });

export const useQualitySettings = () => useQuery({ queryKey: [QUALITY_QUERY_FAMILY, "settings"], queryFn: () => trpc.quality.settings.query() });

export function useSetDueDay() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (day: number) => trpc.quality.setDueDay.mutate({ day }),
    // Not awaited: the saved day is announced at once, the rates follow when refetched.
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: [QUALITY_QUERY_FAMILY] });
    },
  });
}
