/**
 * The caller's own account (issue 5 point 2): who am I and what may I do,
 * and changing the own password. Every role has `account.self`, the auditor
 * included (changing one's own password changes no data).
 */
import { findUserForLogin, setPasswordHash } from "@linze/db";
import { TRPCError } from "@trpc/server";
import { ChangePasswordInputSchema } from "../auth-schemas.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { PERMISSIONS } from "../permissions.ts";
import { requires, router } from "../trpc.ts";

export const accountRouter = router({
  /**
   * The caller: `{ username, name, role, committeeMember, mustChangePassword,
   * permissions (the role's, permissions.ts), viewAll, view (the top-most
   * org units the caller views; each with everything below), capture (the
   * same for capture), compareTownships }`.
   */
  me: requires("account.self").query(({ ctx }) => {
    const top = (codes: ReadonlySet<string>) => [...codes].filter((c) => !codes.has(ctx.tree.get(c).parent ?? "")).sort();
    return {
      username: ctx.user.id,
      name: ctx.user.name,
      role: ctx.user.role,
      committeeMember: ctx.user.committeeMember ?? null,
      mustChangePassword: ctx.user.mustChangePassword === true,
      permissions: PERMISSIONS.filter((p) => ctx.access.permissions.has(p)),
      viewAll: ctx.access.viewAll,
      captureAll: ctx.access.captureAll,
      view: ctx.access.viewAll ? [ctx.tree.root.code] : [...ctx.access.viewRoots],
      capture: ctx.access.captureAll ? [ctx.tree.root.code] : top(ctx.access.capture),
      compareTownships: ctx.access.compareTownships,
    };
  }),

  /**
   * `{ currentPassword, newPassword }` (at least 10 characters, not the
   * current one) → `{ username, passwordChangedAt }`. A wrong current
   * password → BAD_REQUEST at `currentPassword`. Clears "must change
   * password" and ends the account's other sessions (the browser signs in
   * again). Not for system identities (the CLI has no password).
   */
  changePassword: requires("account.self").input(ChangePasswordInputSchema).mutation(async ({ ctx, input }) => {
    const account = ctx.user.accountId !== undefined ? await findUserForLogin(ctx.db, ctx.user.id) : null;
    if (!account) throw new TRPCError({ code: "BAD_REQUEST", message: "This identity has no password (该身份没有密码)" });
    if (!(await verifyPassword(account.passwordHash, input.currentPassword))) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "The current password is wrong (当前密码错误)" });
    }
    if (input.newPassword.toLowerCase().includes(account.username)) {
      throw new TRPCError({ code: "BAD_REQUEST", message: "The password must not contain the username (密码不能包含用户名)" });
    }
    await setPasswordHash(ctx.db, account.id, await hashPassword(input.newPassword), false, ctx.user.id);
    const [r] = await ctx.db.query<{ at: Date | string }>("SELECT password_changed_at AS at FROM users WHERE id = $1", [account.id]);
    return { username: account.username, passwordChangedAt: new Date(r!.at).toISOString() };
  }),
});
