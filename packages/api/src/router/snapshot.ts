import type { Snapshot } from "@linze/domain";
import { buildSnapshot, orgUnitsVisibleTo } from "../snapshot.ts";
import { requires, router } from "../trpc.ts";

export const snapshotRouter = router({
  /**
   * The org units and data values (in columns) the caller may view (their view org units with everything below
   * them; the ancestors up to the county as org units without values), with where the data comes from. The
   * dashboard itself loads the same snapshot as Arrow from the server's `GET /snapshot.arrow`.
   */
  get: requires("data.view").query(({ ctx }): Promise<Snapshot> => buildSnapshot(ctx.db, ctx.tree, orgUnitsVisibleTo(ctx.user, ctx.tree))),
});
