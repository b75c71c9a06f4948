/**
 * 用户管理 / Users (issue 5 point 5): every user with role, member post,
 * capture and view org units, status (disabled, locked until, must change
 * password) and last sign-in; an administrator creates users, changes role
 * and org units, disables and enables, and resets passwords (the temporary
 * password is shown once in a live region). Auditors see the list only.
 */
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@linze/api";
import { ROLES, type Role } from "@linze/api/permissions";
import { buttonClass, TableRegion } from "../components/assessment.tsx";
import { LoadingBlock } from "../components/loading.tsx";
import type { Locale } from "@linze/domain";
import { orgUnitName, useLocale } from "../components/locale.ts";
import { useData } from "../data/hooks.ts";
import { trpc } from "../data/trpc.ts";
import { useSession } from "../auth/session.ts";
import { messageIn } from "../assessment/logic.ts";

type StoredUser = RouterOutputs["users"]["list"][number];

interface Draft {
  id: number | null;
  username: string;
  displayName: string;
  role: Role;
  committeeMember: string;
  capture: string[];
  view: string[];
}

/** Roles that see the whole county whatever is assigned, and roles that may capture at their assigned org units (permissions.ts). */
const VIEWS_ALL: ReadonlySet<Role> = new Set(["county_admin", "county_leader", "auditor"]);
const CAPTURES: ReadonlySet<Role> = new Set(["township_officer", "committee_member"]);

const EMPTY: Draft = { id: null, username: "", displayName: "", role: "township_officer", committeeMember: "", capture: [], view: [] };

/** A China wall-clock time `YYYY-MM-DD HH:mm` of an ISO time. */
export function chinaTime(iso: string): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

export default function AdminUsers() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  const id = useId();
  const client = useQueryClient();
  const me = useSession().data?.user;
  const canManage = (me?.permissions as readonly string[] | undefined)?.includes("users.manage") ?? false;
  const users = useQuery({ queryKey: ["users"], queryFn: () => trpc.users.list.query() });
  const members = useQuery({ queryKey: ["members-all"], queryFn: () => trpc.members.list.query({}), enabled: canManage });
  const [draft, setDraft] = useState<Draft | null>(null);
  // The message is worded when shown, so it follows a change of language (issue 7).
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: (l: Locale) => string } | null>(null);
  const units = [1, 2, 3].flatMap((l) => tree.atLevel(l as 1 | 2 | 3));
  const unitLabel = (code: string) => (tree.has(code) ? `${orgUnitName(tree.get(code), locale)} (${code})` : code);
  const fail = (e: unknown) => setStatus({ kind: "error", text: (l) => t("auth.users.failed", { message: messageIn((e as Error).message, l) }) });
  const refresh = () => client.invalidateQueries({ queryKey: ["users"] });

  const save = useMutation({
    mutationFn: async (d: Draft) => {
      const orgUnits = { capture: d.capture, view: d.view };
      const committeeMember = d.role === "committee_member" ? d.committeeMember || null : null;
      if (d.id === null) {
        const r = await trpc.users.create.mutate({ username: d.username, displayName: d.displayName, role: d.role, committeeMember, orgUnits });
        return () => t("auth.users.created", { username: r.user.username, password: r.temporaryPassword });
      }
      const u = await trpc.users.update.mutate({ id: d.id, displayName: d.displayName, role: d.role, committeeMember, orgUnits });
      return () => t("auth.users.updated", { username: u.username });
    },
    onSuccess: async (text) => {
      setStatus({ kind: "ok", text });
      setDraft(null);
      await refresh();
    },
    onError: fail,
  });
  const act = useMutation({
    mutationFn: async (a: { kind: "disable" | "enable" | "reset"; user: StoredUser }) => {
      if (a.kind === "reset") {
        const r = await trpc.users.resetPassword.mutate({ id: a.user.id });
        return () => t("auth.users.resetDone", { username: a.user.username, password: r.temporaryPassword });
      }
      await trpc.users.setDisabled.mutate({ id: a.user.id, disabled: a.kind === "disable" });
      return () => t(a.kind === "disable" ? "auth.users.disabledDone" : "auth.users.enabledDone", { username: a.user.username });
    },
    onSuccess: async (text) => {
      setStatus({ kind: "ok", text });
      await refresh();
    },
    onError: fail,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft) save.mutate(draft);
  };
  const selected = (e: React.ChangeEvent<HTMLSelectElement>) => [...e.target.selectedOptions].map((o) => o.value);
  const field = "mt-1 block w-full rounded-md border border-gray-400 px-2 py-1.5 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600";

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">{t("auth.users.heading")}</h1>
      <p className="max-w-3xl text-sm text-gray-700">{t("auth.users.intro")}</p>
      {!canManage && <p className="text-sm text-gray-700">{t("auth.users.readOnly")}</p>}
      <div role="status" aria-live="polite" data-testid="users-status" className={status?.kind === "error" ? "text-sm text-rose-800" : "text-sm font-medium text-green-800"}>
        {status?.text(locale) ?? ""}
      </div>

      {canManage && !draft && (
        <button type="button" className={buttonClass.primary} onClick={() => setDraft({ ...EMPTY })}>
          {t("auth.users.create")}
        </button>
      )}
      {draft && (
        <section aria-labelledby={`${id}-f`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
          <h2 id={`${id}-f`} className="mb-3 text-lg font-semibold">
            {draft.id === null ? t("auth.users.create") : t("auth.users.edit", { username: draft.username })}
          </h2>
          <form onSubmit={submit} className="grid gap-4 md:grid-cols-2" data-testid="user-form">
            <div>
              <label htmlFor={`${id}-u`} className="block text-sm font-medium">{t("auth.users.username")}</label>
              <input id={`${id}-u`} required disabled={draft.id !== null} value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} className={field} autoCapitalize="none" spellCheck={false} />
            </div>
            <div>
              <label htmlFor={`${id}-n`} className="block text-sm font-medium">{t("auth.users.name")}</label>
              <input id={`${id}-n`} required value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} className={field} />
            </div>
            <div>
              <label htmlFor={`${id}-r`} className="block text-sm font-medium">{t("auth.users.role")}</label>
              <select id={`${id}-r`} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as Role })} className={field}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>{t(`auth.roles.${r}`)}</option>
                ))}
              </select>
            </div>
            {draft.role === "committee_member" && (
              <div>
                <label htmlFor={`${id}-m`} className="block text-sm font-medium">{t("auth.users.member")}</label>
                <select id={`${id}-m`} required value={draft.committeeMember} onChange={(e) => setDraft({ ...draft, committeeMember: e.target.value })} className={field}>
                  <option value="">{t("auth.users.chooseMember")}</option>
                  {(members.data ?? []).map((m) => (
                    <option key={m.code} value={m.code}>{`${m.name} (${m.code})`}</option>
                  ))}
                </select>
              </div>
            )}
            {(["capture", "view"] as const).map((kind) => (
              <div key={kind}>
                <label htmlFor={`${id}-${kind}`} className="block text-sm font-medium">{t(`auth.users.${kind}`)}</label>
                <select id={`${id}-${kind}`} multiple size={8} value={draft[kind]} onChange={(e) => setDraft({ ...draft, [kind]: selected(e) })} aria-describedby={`${id}-hint`} className={field}>
                  {units.map((u) => (
                    <option key={u.code} value={u.code}>{`${"\u00a0\u00a0".repeat(u.level - 1)}${unitLabel(u.code)}`}</option>
                  ))}
                </select>
              </div>
            ))}
            <p id={`${id}-hint`} className="text-xs text-gray-600 md:col-span-2">{t("auth.users.orgUnitsHint")}</p>
            <div className="flex gap-2 md:col-span-2">
              <button type="submit" className={buttonClass.primary} disabled={save.isPending}>
                {draft.id === null ? t("auth.users.createSubmit") : t("auth.users.saveSubmit")}
              </button>
              <button type="button" className={buttonClass.secondary} onClick={() => setDraft(null)}>
                {t("auth.users.cancel")}
              </button>
            </div>
          </form>
        </section>
      )}

      {users.isPending ? (
        <LoadingBlock height="h-64" />
      ) : users.isError ? (
        <p role="alert" className="text-rose-800">{t("auth.users.failed", { message: messageIn(users.error.message, locale) })}</p>
      ) : (
        <TableRegion label={t("auth.users.caption")}>
          <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="users-table">
            <caption className="sr-only">{t("auth.users.caption")}</caption>
            <thead className="bg-gray-50 text-left">
              <tr>
                {["username", "name", "role", "capture", "view", "status", "lastLogin", ...(canManage ? ["actions"] : [])].map((c) => (
                  <th key={c} scope="col" className="px-3 py-2 font-medium text-gray-700">{t(`auth.users.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100">
              {users.data.map((u) => {
                const locked = u.lockedUntil !== null && Date.parse(u.lockedUntil) > Date.now();
                return (
                  <tr key={u.id} data-testid={`user-${u.username}`}>
                    <th scope="row" className="px-3 py-2 font-mono font-medium">{u.username}</th>
                    <td className="px-3 py-2">{u.displayName}</td>
                    <td className="px-3 py-2">{t(`auth.roles.${u.role}`)}{u.committeeMember ? ` · ${u.committeeMember}` : ""}</td>
                    <td className="px-3 py-2">{u.role === "county_admin" ? t("auth.users.wholeCounty") : CAPTURES.has(u.role) && u.orgUnits.capture.length ? u.orgUnits.capture.map(unitLabel).join("、") : t("auth.users.none")}</td>
                    <td className="px-3 py-2">{VIEWS_ALL.has(u.role) ? t("auth.users.wholeCounty") : u.orgUnits.view.length ? u.orgUnits.view.map(unitLabel).join("、") : t("auth.users.none")}</td>
                    <td className="px-3 py-2">
                      <span aria-hidden="true">{u.disabled ? "× " : "✓ "}</span>
                      {[u.disabled ? t("auth.users.disabled") : t("auth.users.active"), locked ? `${t("auth.users.locked", { time: chinaTime(u.lockedUntil!) })}` : "", u.mustChangePassword ? t("auth.users.mustChange") : ""].filter(Boolean).join(" · ")}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{u.lastLoginAt ? chinaTime(u.lastLoginAt) : t("auth.users.never")}</td>
                    {canManage && (
                      <td className="px-3 py-2">
                        {/* The buttons wrap rather than push the table past the page (they were cut off at 1400 px in English). */}
                        <div className="flex flex-wrap gap-1">
                        <button type="button" className={buttonClass.secondary} onClick={() => setDraft({ id: u.id, username: u.username, displayName: u.displayName, role: u.role, committeeMember: u.committeeMember ?? "", capture: [...u.orgUnits.capture], view: [...u.orgUnits.view] })}>
                          {t("auth.users.edit", { username: u.username })}
                        </button>
                        <button type="button" className={buttonClass.secondary} onClick={() => act.mutate({ kind: "reset", user: u })}>
                          {t("auth.users.reset", { username: u.username })}
                        </button>
                        {u.username !== me?.username && (
                          <button type="button" className={u.disabled ? buttonClass.secondary : buttonClass.danger} onClick={() => act.mutate({ kind: u.disabled ? "enable" : "disable", user: u })}>
                            {t(u.disabled ? "auth.users.enable" : "auth.users.disable", { username: u.username })}
                          </button>
                        )}
                        </div>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
