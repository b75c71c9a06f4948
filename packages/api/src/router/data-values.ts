/** A data value's history (issue 4 point 3: a changed value keeps its previous value). */
import { valueHistory, type ValueHistoryEntry } from "@linze/db";
import { ValueHistoryInputSchema } from "../schemas.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const dataValuesRouter = router({
  /**
   * `{ orgUnit, period, dataElement }` → every recorded change of that value,
   * newest first: `{ id, previousValue, value (counts or CNY as numbers, null =
   * absent), source ("import" | "entry"), importId, fileName, changedBy,
   * changedAt (ISO) }`. Loading the dataset is not a change: [] until someone
   * imports or enters the value.
   */
  history: protectedProcedure.input(ValueHistoryInputSchema).query(({ ctx, input }): Promise<ValueHistoryEntry[]> => valueHistory(ctx.db, input)),
});
