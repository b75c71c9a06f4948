import { createFinding, getFinding, listFindings, setRectificationStatus } from "@linze/db";
import { FindingCreateInputSchema, FindingListInputSchema, FindingStatusInputSchema, OverdueInputSchema } from "../schemas.ts";
import { protectedProcedure, router } from "../trpc.ts";
import { z } from "zod";

export const supervisionRouter = router({
  /** Findings of monthly supervision by unit, month (or year), scope and status, in (month, unit) order. */
  list: protectedProcedure.input(FindingListInputSchema).query(({ ctx, input }) => {
    if (input.under) ctx.tree.get(input.under);
    return listFindings(ctx.db, input);
  }),
  get: protectedProcedure.input(z.object({ id: z.number().int().positive() })).query(({ ctx, input }) => getFinding(ctx.db, input.id)),
  /** Records a finding against an item of the unit's letter for that year (NOT_FOUND without a letter, CONFLICT for an item it lacks). */
  create: protectedProcedure.input(FindingCreateInputSchema).mutation(({ ctx, input }) => createFinding(ctx.db, input, ctx.user.id)),
  /**
   * Moves the rectification one step: open → rectified, rectified → verified
   * (with a note). Skipping, going back or verifying without a note is
   * BAD_REQUEST. Records who and when.
   */
  setStatus: protectedProcedure.input(FindingStatusInputSchema).mutation(({ ctx, input }) =>
    setRectificationStatus(ctx.db, input.id, input.status, input.note, ctx.user.id),
  ),
  /** Open findings whose due date is before `asOf` (a date label): overdue rectifications, oldest first. */
  overdue: protectedProcedure.input(OverdueInputSchema).query(async ({ ctx, input }) => {
    if (input.under) ctx.tree.get(input.under);
    const rows = await listFindings(ctx.db, { overdueAsOf: input.asOf, ...(input.under ? { under: input.under } : {}) });
    return rows.sort((a, b) => (a.rectification.dueDate < b.rectification.dueDate ? -1 : a.rectification.dueDate > b.rectification.dueDate ? 1 : a.id - b.id));
  }),
});
