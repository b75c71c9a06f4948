import { datasetSource, latestPeriod } from "@linze/db";
import { requires, router } from "../trpc.ts";

export const metaRouter = router({
  /** The latest month (`YYYY-MM`) with any data value — the dashboard's default period — or null when there is none. */
  latestPeriod: requires("catalogue.read").query(({ ctx }) => latestPeriod(ctx.db)),
  /** Where the data comes from (the demo-data notice for generated data). */
  source: requires("catalogue.read").query(({ ctx }) => datasetSource(ctx.db)),
  /** The caller. */
  me: requires("account.self").query(({ ctx }) => ctx.user),
});
