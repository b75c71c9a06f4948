/** A data value's history (issue 4 point 3: a changed value keeps its previous value). */
import { valueHistory, type ValueHistoryEntry } from "@linze/db";
import { ValueHistoryInputSchema } from "../schemas.ts";
import { requires, router } from "../trpc.ts";
import { assertView } from "../scope.ts";

export const dataValuesRouter = router({
  /**
   * `{ orgUnit, period, dataElement }` → every recorded change of that value,
   * newest first: `{ id, previousValue, value (counts or CNY as numbers, null =
   * absent), source ("import" | "entry"), importId, fileName, changedBy,
   * changedAt (ISO) }`. Loading the dataset is not a change: [] until someone
   * imports or enters the value. FORBIDDEN for an org unit the caller may not view.
   */
  history: requires("data.view").input(ValueHistoryInputSchema).query(({ ctx, input }): Promise<ValueHistoryEntry[]> => {
    assertView(ctx.access, [input.orgUnit]);
    return valueHistory(ctx.db, input);
  }),
});
