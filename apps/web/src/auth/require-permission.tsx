/**
 * A page only for some roles: the others see the page's heading and a note
 * that the role may not use it, rather than a page whose requests the server
 * refuses (it checks every call anyway). {@link RequirePermission} gates on a
 * permission (account.me); {@link NotForRole} is the note itself, for a page
 * that decides otherwise (the township comparison: `comparesTownships`).
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Permission } from "@linze/api/permissions";
import { useAbilities } from "./session.ts";

/** The page's heading and why the role cannot use the page: `title` and `note` are i18n keys (default note: scope.notAllowed). */
export function NotForRole({ title, note = "scope.notAllowed" }: { title: string; note?: string }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-gray-900">{t(title)}</h1>
      <p role="note" className="text-sm text-gray-800" data-testid="not-allowed">
        {t(note)}
      </p>
    </div>
  );
}

/** `children` for roles holding `permission`; for the others {@link NotForRole} with `title` (an i18n key). */
export function RequirePermission({ permission, title, children }: { permission: Permission; title: string; children: ReactNode }) {
  if (useAbilities().can(permission)) return <>{children}</>;
  return <NotForRole title={title} />;
}
