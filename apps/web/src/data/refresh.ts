/**
 * After a write of data values (data entry, import): reload the snapshot
 * into duckdb-wasm and drop every slice computed from the old one, so the
 * overview and the other data pages show the new values when the user goes
 * back to them; and the data-quality reads (completeness, validation).
 */
import type { QueryClient } from "@tanstack/react-query";
import { reloadDashboardData } from "./engine.ts";
import { QUALITY_QUERY_FAMILY } from "./quality-hooks.ts";

export async function refreshDashboardData(client: QueryClient): Promise<void> {
  await reloadDashboardData();
  await client.invalidateQueries({ queryKey: ["dashboard-data"] });
  await client.invalidateQueries({ queryKey: ["indicator-rows"] });
  // Report submissions, villages reported and validation violations follow the values.
  await client.invalidateQueries({ queryKey: [QUALITY_QUERY_FAMILY] });
}
