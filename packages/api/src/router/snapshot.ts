import type { Snapshot } from "@linze/domain";
import { buildSnapshot, orgUnitsVisibleTo } from "../snapshot.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const snapshotRouter = router({
  /**
   * All org units and data values (in columns) for the dashboard's in-browser engine, with where the data comes
   * from. The dashboard itself loads the same snapshot as Arrow from the server's `GET /snapshot.arrow`.
   */
  get: protectedProcedure.query(({ ctx }): Promise<Snapshot> => buildSnapshot(ctx.db, ctx.tree, orgUnitsVisibleTo(ctx.user, ctx.tree))),
});
