import type { Snapshot } from "@linze/domain";
import { snapshotFor } from "../snapshot.ts";
import { requires, router } from "../trpc.ts";

export const snapshotRouter = router({
  /**
   * The org units and data values (in columns) the caller may view (their view org units with everything below
   * them; the ancestors up to the county as org units), with where the data comes from; for a township officer
   * also the county's own values and the other townships' totals (`summaryOnly`, no villages of theirs). The
   * dashboard itself loads the same snapshot as Arrow from the server's `GET /snapshot.arrow`.
   */
  get: requires("data.view").query(({ ctx }): Promise<Snapshot> => snapshotFor(ctx.db, ctx.tree, ctx.user)),
});
