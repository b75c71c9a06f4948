/**
 * A page only for roles holding a permission (account.me): the others see the
 * page's heading and a note that the role may not use it, rather than a page
 * whose requests the server refuses (it checks every call anyway).
 */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Permission } from "@linze/api/permissions";
import { useAbilities } from "./session.ts";

export function RequirePermission({ permission, title, children }: { permission: Permission; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  if (useAbilities().can(permission)) return <>{children}</>;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold text-gray-900">{t(title)}</h1>
      <p role="note" className="text-sm text-gray-800" data-testid="not-allowed">
        {t("scope.notAllowed")}
      </p>
    </div>
  );
}
