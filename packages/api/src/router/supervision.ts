import { createFinding, FindingRefused, getFinding, listFindings, setRectificationStatus, withdrawFinding } from "@linze/db";
import { TRPCError } from "@trpc/server";
import { hasPermission } from "../permissions.ts";
import { assertActForUnit, assertUnitVisible, unitFilter } from "../scope.ts";
import { FindingCreateInputSchema, FindingListInputSchema, FindingStatusInputSchema, FindingWithdrawInputSchema, OverdueInputSchema } from "../schemas.ts";
import { inputIssues, requires, router } from "../trpc.ts";
import { z } from "zod";
import { RecordIdSchema } from "../record-id.ts";

/**
 * A finding the store refused (FindingRefused) as the caller sees it: an
 * input issue at its field (the form shows it there), else CONFLICT.
 */
async function refusedAsInput<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if (!(e instanceof FindingRefused)) throw e;
    if (e.field) throw inputIssues([{ path: [e.field], message: e.message }]);
    throw new TRPCError({ code: "CONFLICT", message: e.message, cause: e });
  }
}

export const supervisionRouter = router({
  /**
   * Findings of monthly supervision by unit, month (or year), scope and
   * status, in (month, unit) order; only the units the caller may see.
   * Withdrawn findings are listed too, each with its `withdrawal`.
   */
  list: requires("assessment.view").input(FindingListInputSchema).query(async ({ ctx, input }) => {
    if (input.under) ctx.tree.get(input.under);
    const visible = await unitFilter(ctx.db, ctx.access);
    return (await listFindings(ctx.db, { ...input, includeWithdrawn: true })).filter((f) => visible(f.assessedUnit));
  }),
  /** One finding; FORBIDDEN for a unit the caller may not see. */
  get: requires("assessment.view").input(z.object({ id: RecordIdSchema })).query(async ({ ctx, input }) => {
    const finding = await getFinding(ctx.db, input.id);
    await assertUnitVisible(ctx.db, ctx.access, finding.assessedUnit);
    return finding;
  }),
  /**
   * Records a finding against an item of the unit's letter for that year
   * (NOT_FOUND without a letter, CONFLICT for an item it lacks). BAD_REQUEST
   * with an issue at `pointsDeducted` for more points than the item carries,
   * at `month` for a month of a published quarter without a new revision
   * started (the data values' lock), at `rectification.dueDate` for a due
   * date before the month.
   */
  create: requires("assessment.manage").input(FindingCreateInputSchema).mutation(({ ctx, input }) => refusedAsInput(createFinding(ctx.db, input, ctx.user.id))),
  /**
   * Withdraws a finding (撤销) with a required reason: it stays listed,
   * marked, and deducts nothing in runs computed afterwards (stored runs keep
   * their inputs). The county's, as verifying is (`supervision.verify`);
   * recorded in the audit log with the finding before and after. CONFLICT
   * when already withdrawn or when its month is in a published quarter
   * without a new revision started.
   */
  withdraw: requires("supervision.verify").input(FindingWithdrawInputSchema).mutation(({ ctx, input }) => refusedAsInput(withdrawFinding(ctx.db, input.id, input.reason, ctx.user.id))),
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
  /** Open findings in force whose due date is before `asOf` (a date label): overdue rectifications, oldest first. */
  overdue: requires("assessment.view").input(OverdueInputSchema).query(async ({ ctx, input }) => {
    if (input.under) ctx.tree.get(input.under);
    const visible = await unitFilter(ctx.db, ctx.access);
    const rows = (await listFindings(ctx.db, { overdueAsOf: input.asOf, ...(input.under ? { under: input.under } : {}) })).filter((f) => visible(f.assessedUnit));
    return rows.sort((a, b) => (a.rectification.dueDate < b.rectification.dueDate ? -1 : a.rectification.dueDate > b.rectification.dueDate ? 1 : a.id - b.id));
  }),
});
