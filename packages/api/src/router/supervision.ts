import { createFinding, getFinding, listFindings, setRectificationStatus } from "@linze/db";
import { TRPCError } from "@trpc/server";
import { hasPermission } from "../permissions.ts";
import { assertActForUnit, assertUnitVisible, unitFilter } from "../scope.ts";
import { FindingCreateInputSchema, FindingListInputSchema, FindingStatusInputSchema, OverdueInputSchema } from "../schemas.ts";
import { requires, router } from "../trpc.ts";
import { z } from "zod";
import { RecordIdSchema } from "../record-id.ts";

export const supervisionRouter = router({
  /** Findings of monthly supervision by unit, month (or year), scope and status, in (month, unit) order; only the units the caller may see. */
  list: requires("assessment.view").input(FindingListInputSchema).query(async ({ ctx, input }) => {
    if (input.under) ctx.tree.get(input.under);
    const visible = await unitFilter(ctx.db, ctx.access);
    return (await listFindings(ctx.db, input)).filter((f) => visible(f.assessedUnit));
  }),
  /** One finding; FORBIDDEN for a unit the caller may not see. */
  get: requires("assessment.view").input(z.object({ id: RecordIdSchema })).query(async ({ ctx, input }) => {
    const finding = await getFinding(ctx.db, input.id);
    await assertUnitVisible(ctx.db, ctx.access, finding.assessedUnit);
    return finding;
  }),
  /** Records a finding against an item of the unit's letter for that year (NOT_FOUND without a letter, CONFLICT for an item it lacks). */
  create: requires("assessment.manage").input(FindingCreateInputSchema).mutation(({ ctx, input }) => createFinding(ctx.db, input, ctx.user.id)),
  /**
   * Moves the rectification one step: open → rectified, rectified → verified
   * (with a note). Skipping, going back or verifying without a note is
   * BAD_REQUEST. Records who and when. Reporting a rectification is for
   * the unit (its township officer, the member) or an administrator;
   * verifying needs `supervision.verify` (administrators).
   */
  setStatus: requires("supervision.rectify").input(FindingStatusInputSchema).mutation(async ({ ctx, input }) => {
    const finding = await getFinding(ctx.db, input.id);
    if (input.status === "verified" || input.status === "open") {
      if (!hasPermission(ctx.access, "supervision.verify")) throw new TRPCError({ code: "FORBIDDEN", message: "Only the county may verify a rectification (仅县残联可核查整改)" });
    } else {
      await assertActForUnit(ctx.db, ctx.access, finding.assessedUnit);
    }
    return setRectificationStatus(ctx.db, input.id, input.status, input.note, ctx.user.id);
  }),
  /** Open findings whose due date is before `asOf` (a date label): overdue rectifications, oldest first. */
  overdue: requires("assessment.view").input(OverdueInputSchema).query(async ({ ctx, input }) => {
    if (input.under) ctx.tree.get(input.under);
    const visible = await unitFilter(ctx.db, ctx.access);
    const rows = (await listFindings(ctx.db, { overdueAsOf: input.asOf, ...(input.under ? { under: input.under } : {}) })).filter((f) => visible(f.assessedUnit));
    return rows.sort((a, b) => (a.rectification.dueDate < b.rectification.dueDate ? -1 : a.rectification.dueDate > b.rectification.dueDate ? 1 : a.id - b.id));
  }),
});
