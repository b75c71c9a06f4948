import type { Snapshot } from "@linze/domain";
import { snapshotFor, snapshotLayoutFor, type SnapshotLayout } from "../snapshot.ts";
import { requires, router } from "../trpc.ts";

export const snapshotRouter = router({
  /**
   * The org units and data values (in columns) the caller may view (their view org units with everything below
   * them; the ancestors up to the county as org units), with where the data comes from; for a township officer
   * also the county's own values and the other townships' totals (`summaryOnly`, no villages of theirs). The
   * dashboard itself loads the same snapshot as Arrow from the server's `GET /snapshot.arrow`.
   */
  get: requires("data.view").query(({ ctx }): Promise<Snapshot> => snapshotFor(ctx.db, ctx.tree, ctx.user)),
  /**
   * The same snapshot's org units, source and `summaryOnly` without its data values, and the months (`YYYY-MM`,
   * oldest first) they cover: the dashboard's overview lays itself out with this small answer before the Arrow
   * snapshot has loaded (issue 6 P2). Kept by the server's response cache (read-cache.ts CACHED_QUERIES).
   */
  header: requires("data.view").query(({ ctx }): Promise<SnapshotLayout> => snapshotLayoutFor(ctx.db, ctx.tree, ctx.user)),
});
