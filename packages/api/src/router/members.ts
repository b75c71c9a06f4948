import { createMember, getMember, listMembers, updateMember } from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";
import { TRPCError } from "@trpc/server";
import { MemberCreateInputSchema, MemberGetInputSchema, MemberListInputSchema, MemberUpdateInputSchema } from "../schemas.ts";
import { protectedProcedure, router } from "../trpc.ts";

/** The org unit a member serves must be a township or a village/community (UnknownOrgUnit → BAD_REQUEST listing the codes). */
function checkServedUnit(tree: OrgUnitTree, code: string): void {
  if (tree.get(code).level === 1) throw new TRPCError({ code: "BAD_REQUEST", message: `A committee member serves a township, village or community, not ${code} (专职委员须属乡镇或村/社区)` });
}

export const membersRouter = router({
  /** Committee members by code; `under` an org unit: those serving it or below it. */
  list: protectedProcedure.input(MemberListInputSchema).query(({ ctx, input }) => {
    if (input.under) ctx.tree.get(input.under);
    return listMembers(ctx.db, input);
  }),
  /** One member with version and audit fields; NOT_FOUND for an unknown code. */
  get: protectedProcedure.input(MemberGetInputSchema).query(({ ctx, input }) => getMember(ctx.db, input.code)),
  /** Adds a post's member; CONFLICT when the code exists. Records the caller. */
  create: protectedProcedure.input(MemberCreateInputSchema).mutation(({ ctx, input }) => {
    checkServedUnit(ctx.tree, input.orgUnit);
    return createMember(ctx.db, input, ctx.user.id);
  }),
  /** Saves a member's fields; CONFLICT when `version` is not the stored one. Returns the new version. */
  update: protectedProcedure.input(MemberUpdateInputSchema).mutation(({ ctx, input }) => {
    const { version, ...member } = input;
    checkServedUnit(ctx.tree, member.orgUnit);
    return updateMember(ctx.db, member, version, ctx.user.id);
  }),
});
