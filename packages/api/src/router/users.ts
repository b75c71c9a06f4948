/**
 * User administration (issue 5 point 5): the list, a new user (with a random
 * first password shown once, to be changed at the first sign-in), role and
 * org units (capture and view), disabling, and resetting a password.
 * Administrators change; auditors read.
 */
import { createUser, displayNamesOf, getMember, getUser, listUsers, setPasswordHash, updateUser, deleteUserSessions, type StoredUser } from "@linze/db";
import { TRPCError } from "@trpc/server";
import { UserCreateInputSchema, UserDisableInputSchema, UserIdInputSchema, UserNamesInputSchema, UserUpdateInputSchema } from "../auth-schemas.ts";
import type { Context } from "../context.ts";
import { hashPassword, randomPassword } from "../auth/password.ts";
import { requires, router } from "../trpc.ts";

const badRequest = (en: string, zh: string) => new TRPCError({ code: "BAD_REQUEST", message: `${en} (${zh})` });

/** Org unit codes must exist (UnknownOrgUnit → BAD_REQUEST listing the codes); a member's post must exist. */
async function checkAssignments(ctx: Pick<Context, "db" | "tree">, orgUnits: { capture: readonly string[]; view: readonly string[] } | undefined, committeeMember: string | null | undefined): Promise<void> {
  for (const c of [...(orgUnits?.capture ?? []), ...(orgUnits?.view ?? [])]) ctx.tree.get(c);
  if (committeeMember) await getMember(ctx.db, committeeMember).catch(() => Promise.reject(badRequest(`Unknown committee member ${committeeMember}`, "未知的专职委员岗位")));
}

export const usersRouter = router({
  /** Every user by username: `StoredUser[]` (no password hashes). */
  list: requires("users.view").query(({ ctx }): Promise<StoredUser[]> => listUsers(ctx.db)),
  /**
   * `{ ids }` (usernames as the `*_by` columns and the audit log record them)
   * → `{ id, displayName }[]` for those that are accounts, by id: the name a
   * page shows for who saved, published or changed something. Everyone who
   * reads records may ask (catalogue.read); it tells a name for a username
   * and nothing else. System identities (`dataset-loader`, `local-admin`, …)
   * are not accounts: the dashboard names them itself.
   */
  names: requires("catalogue.read")
    .input(UserNamesInputSchema)
    .query(async ({ ctx, input }) => (await displayNamesOf(ctx.db, [...new Set(input.ids)])).map((u) => ({ id: u.username, displayName: u.displayName }))),
  /** One user by id; NOT_FOUND when none. */
  get: requires("users.view").input(UserIdInputSchema).query(({ ctx, input }) => getUser(ctx.db, input.id)),

  /**
   * `{ username, displayName, role, committeeMember (the post, for the
   * committee_member role only), orgUnits: { capture, view } }` →
   * `{ user, temporaryPassword }`: a random password shown once, to be
   * changed at the first sign-in. CONFLICT for a taken username.
   */
  create: requires("users.manage").input(UserCreateInputSchema).mutation(async ({ ctx, input }) => {
    await checkAssignments(ctx, input.orgUnits, input.committeeMember);
    const temporaryPassword = randomPassword();
    const user = await createUser(ctx.db, { ...input, passwordHash: await hashPassword(temporaryPassword), mustChangePassword: true }, ctx.user.id);
    return { user, temporaryPassword };
  }),

  /** Changes name, role, member post and org units (those given). An administrator cannot take the own administrator role away. */
  update: requires("users.manage").input(UserUpdateInputSchema).mutation(async ({ ctx, input }) => {
    const { id, ...changes } = input;
    const current = await getUser(ctx.db, id);
    if (current.username === ctx.user.id && changes.role && changes.role !== current.role) throw badRequest("You cannot change your own role", "不能修改自己的角色");
    const role = changes.role ?? current.role;
    const committeeMember = changes.committeeMember !== undefined ? changes.committeeMember : role === "committee_member" ? current.committeeMember : null;
    if ((role === "committee_member") !== (committeeMember !== null)) {
      throw badRequest("A committee member's account names the member's post, and only it", "专职委员账户须且仅须指定委员岗位");
    }
    await checkAssignments(ctx, changes.orgUnits, committeeMember);
    const user = await updateUser(ctx.db, id, { ...changes, committeeMember }, ctx.user.id);
    // A change of role or org units takes effect at once: the user signs in again.
    if (changes.role || changes.orgUnits || changes.committeeMember !== undefined) await deleteUserSessions(ctx.db, id);
    return user;
  }),

  /** `{ id, disabled }`: a disabled user cannot sign in and is signed out everywhere. Not oneself. */
  setDisabled: requires("users.manage").input(UserDisableInputSchema).mutation(async ({ ctx, input }) => {
    const current = await getUser(ctx.db, input.id);
    if (current.username === ctx.user.id && input.disabled) throw badRequest("You cannot disable your own account", "不能停用自己的账户");
    const user = await updateUser(ctx.db, input.id, { disabled: input.disabled }, ctx.user.id);
    if (input.disabled) await deleteUserSessions(ctx.db, input.id);
    return user;
  }),

  /** `{ id }` → `{ user, temporaryPassword }`: a new random password shown once; the user must change it at the next sign-in; the lock is cleared and the user signed out. */
  resetPassword: requires("users.manage").input(UserIdInputSchema).mutation(async ({ ctx, input }) => {
    const temporaryPassword = randomPassword();
    await setPasswordHash(ctx.db, input.id, await hashPassword(temporaryPassword), true, ctx.user.id);
    return { user: await getUser(ctx.db, input.id), temporaryPassword };
  }),
});
