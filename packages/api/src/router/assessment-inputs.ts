/**
 * What people enter for a quarter's assessment of a unit (DOMAIN.md §6): the
 * assessor's points for manual items, the unit's self-scores, commendations
 * and vetoes. `assessments.run` reads them; a run copies them into its frozen
 * snapshot, so changing them later changes only the next revision.
 */
import { addCommendation, addVeto, findLetter, getUnitInputs, listQuarterInputs, removeAdjustment, setItemScore } from "@linze/db";
import {
  AddCommendationInputSchema,
  AddVetoInputSchema,
  AssessmentInputsGetInputSchema,
  AssessmentInputsListInputSchema,
  RemoveAdjustmentInputSchema,
  SetManualScoreInputSchema,
  SetSelfScoreInputSchema,
} from "../schemas.ts";
import { requires, router } from "../trpc.ts";
import { assertActForUnit, assertUnitVisible, unitFilter } from "../scope.ts";

export const assessmentInputsRouter = router({
  /**
   * One unit's quarter: its entries (manualScores, selfScores as
   * `{ itemId, points, updatedBy, updatedAt }`; commendations and vetoes with
   * their id, who and when) and its letter for the year (null when it has none).
   */
  get: requires("assessment.view").input(AssessmentInputsGetInputSchema).query(async ({ ctx, input }) => {
    await assertUnitVisible(ctx.db, ctx.access, input.assessedUnit);
    return {
      ...(await getUnitInputs(ctx.db, input)),
      letter: await findLetter(ctx.db, input.year, input.assessedUnit.kind, input.assessedUnit.code),
    };
  }),
  /** Every unit with anything entered for the quarter (townships first, then members, by code) that the caller may see. */
  list: requires("assessment.view").input(AssessmentInputsListInputSchema).query(async ({ ctx, input }) => {
    const visible = await unitFilter(ctx.db, ctx.access);
    return (await listQuarterInputs(ctx.db, input.year, input.quarter)).filter((u) => visible(u.assessedUnit));
  }),
  /** The assessor's points for a manual item (0…its points; null clears). Returns the unit's entries. */
  setManualScore: requires("assessment.manage")
    .input(SetManualScoreInputSchema)
    .mutation(({ ctx, input }) => setItemScore(ctx.db, input, input.itemId, "assessor", input.points, ctx.user.id)),
  /**
   * The unit's own points for an item (自评分, 0…its points; null clears). Returns the unit's entries. For the
   * unit itself: a township's officer, the member of the post (or an administrator).
   */
  setSelfScore: requires("assessment.selfScore")
    .input(SetSelfScoreInputSchema)
    .mutation(async ({ ctx, input }) => {
      await assertActForUnit(ctx.db, ctx.access, input.assessedUnit);
      return setItemScore(ctx.db, input, input.itemId, "self", input.points, ctx.user.id);
    }),
  /** A commendation with its bonus points and reason. Returns the stored entry. */
  addCommendation: requires("assessment.manage")
    .input(AddCommendationInputSchema)
    .mutation(({ ctx, input }) => addCommendation(ctx.db, input, { reason: input.reason, points: input.points }, ctx.user.id)),
  /** A veto on a veto item of the letter, with the reason. Returns the stored entry. */
  addVeto: requires("assessment.manage").input(AddVetoInputSchema).mutation(({ ctx, input }) => addVeto(ctx.db, input, { itemId: input.itemId, reason: input.reason }, ctx.user.id)),
  /** Removes a commendation or a veto by id (NOT_FOUND when there is none). */
  removeAdjustment: requires("assessment.manage").input(RemoveAdjustmentInputSchema).mutation(({ ctx, input }) => removeAdjustment(ctx.db, input.id)),
});
