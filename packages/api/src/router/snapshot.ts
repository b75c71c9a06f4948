import { dataValueColumns, datasetSource } from "@linze/db";
import type { Snapshot } from "@linze/domain";
import { protectedProcedure, router } from "../trpc.ts";

export const snapshotRouter = router({
  /** All org units and data values (in columns) for the dashboard's in-browser engine, with where the data comes from. */
  get: protectedProcedure.query(async ({ ctx }): Promise<Snapshot> => ({
    orgUnits: ctx.tree.all,
    dataValues: await dataValueColumns(ctx.db),
    source: await datasetSource(ctx.db),
  })),
});
