import { copyLetterToNextYear, createLetter, getLetter, getMember, listLetterRevisions, listLetters, updateLetterItems } from "@linze/db";
import { LetterSchema, type Letter, type OrgUnitTree } from "@linze/domain";
import { TRPCError } from "@trpc/server";
import type { Database } from "@linze/db";
import { LetterCopyInputSchema, LetterCreateInputSchema, LetterGetInputSchema, LetterListInputSchema, LetterUpdateInputSchema } from "../schemas.ts";
import { requires, router } from "../trpc.ts";
import { assertUnitVisible, unitFilter } from "../scope.ts";

/** A township letter names a township; a member letter an existing member; an item's org unit must exist. */
async function checkLetterUnits(db: Database, tree: OrgUnitTree, letter: Letter): Promise<void> {
  if (letter.assessedUnit.kind === "township") {
    if (tree.get(letter.assessedUnit.code).level !== 2) throw new TRPCError({ code: "BAD_REQUEST", message: `${letter.assessedUnit.code} is not a township (不是乡镇)` });
  } else {
    await getMember(db, letter.assessedUnit.code).catch(() => {
      throw new TRPCError({ code: "BAD_REQUEST", message: `Unknown committee member ${letter.assessedUnit.code} (未知的专职委员)` });
    });
  }
  for (const item of letter.items) if (item.kind === "indicator" && item.orgUnit !== undefined) tree.get(item.orgUnit);
}

export const lettersRouter = router({
  /** Letters by year, kind and scope (`under` a township: its own letter and its members'), in (year, townships first, code) order. */
  list: requires("assessment.view").input(LetterListInputSchema).query(async ({ ctx, input }) => {
    if (input.under) ctx.tree.get(input.under);
    const visible = await unitFilter(ctx.db, ctx.access);
    return (await listLetters(ctx.db, input)).filter((l) => visible(l.assessedUnit));
  }),
  /** One letter with its version and its revisions (oldest first); FORBIDDEN for a unit the caller may not see. */
  get: requires("assessment.view").input(LetterGetInputSchema).query(async ({ ctx, input }) => {
    const letter = await getLetter(ctx.db, input.id);
    await assertUnitVisible(ctx.db, ctx.access, letter.assessedUnit);
    return { ...letter, revisions: await listLetterRevisions(ctx.db, input.id) };
  }),
  /** Stores a letter; BAD_REQUEST with the field path when `LetterSchema` refuses it ("the items' points sum to 97, not 100"); CONFLICT when the unit has one that year. */
  create: requires("assessment.manage").input(LetterCreateInputSchema).mutation(async ({ ctx, input }) => {
    await checkLetterUnits(ctx.db, ctx.tree, input);
    return createLetter(ctx.db, input, ctx.user.id);
  }),
  /** Replaces the items (validated with the stored year and unit by `LetterSchema`); CONFLICT for a stale version. */
  update: requires("assessment.manage").input(LetterUpdateInputSchema).mutation(async ({ ctx, input }) => {
    const stored = await getLetter(ctx.db, input.id);
    const parsed = LetterSchema.safeParse({ year: stored.year, assessedUnit: stored.assessedUnit, items: input.items });
    if (!parsed.success) throw new TRPCError({ code: "BAD_REQUEST", message: parsed.error.message, cause: parsed.error });
    await checkLetterUnits(ctx.db, ctx.tree, parsed.data);
    return updateLetterItems(ctx.db, input.id, parsed.data.items, input.version, ctx.user.id);
  }),
  /** A new letter for the next year, same unit and items (`copiedFrom` the source); CONFLICT when that year's letter exists. */
  copyToNextYear: requires("assessment.manage").input(LetterCopyInputSchema).mutation(({ ctx, input }) => copyLetterToNextYear(ctx.db, input.id, ctx.user.id)),
});
