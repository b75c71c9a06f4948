import { createMember, getMember, listMembers, updateMember } from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";
import { TRPCError } from "@trpc/server";
import { MemberCreateInputSchema, MemberGetInputSchema, MemberListInputSchema, MemberUpdateInputSchema } from "../schemas.ts";
import { requires, router } from "../trpc.ts";
import { assertUnitVisible, unitFilter } from "../scope.ts";

/** The org unit a member serves must be a township or a village/community (UnknownOrgUnit → BAD_REQUEST listing the codes). */
function checkServedUnit(tree: OrgUnitTree, code: string): void {
  if (tree.get(code).level === 1) throw new TRPCError({ code: "BAD_REQUEST", message: `A committee member serves a township, village or community, not ${code} (专职委员须属乡镇或村/社区)` });
}

export const membersRouter = router({
  /** Committee members by code; `under` an org unit: those serving it or below it. Only those the caller may see (permissions.ts `canViewUnit`). */
  list: requires("assessment.view").input(MemberListInputSchema).query(async ({ ctx, input }) => {
    if (input.under) ctx.tree.get(input.under);
    const visible = await unitFilter(ctx.db, ctx.access);
    return (await listMembers(ctx.db, input)).filter((m) => visible({ kind: "committeeMember", code: m.code }));
  }),
  /** One member with version and audit fields; NOT_FOUND for an unknown code, FORBIDDEN for one the caller may not see. */
  get: requires("assessment.view").input(MemberGetInputSchema).query(async ({ ctx, input }) => {
    const member = await getMember(ctx.db, input.code);
    await assertUnitVisible(ctx.db, ctx.access, { kind: "committeeMember", code: member.code });
    return member;
  }),
  /** Adds a post's member; CONFLICT when the code exists. Records the caller. */
  create: requires("assessment.manage").input(MemberCreateInputSchema).mutation(({ ctx, input }) => {
    checkServedUnit(ctx.tree, input.orgUnit);
    return createMember(ctx.db, input, ctx.user.id);
  }),
  /** Saves a member's fields; CONFLICT when `version` is not the stored one. Returns the new version. */
  update: requires("assessment.manage").input(MemberUpdateInputSchema).mutation(({ ctx, input }) => {
    const { version, ...member } = input;
    checkServedUnit(ctx.tree, member.orgUnit);
    return updateMember(ctx.db, member, version, ctx.user.id);
  }),
});
