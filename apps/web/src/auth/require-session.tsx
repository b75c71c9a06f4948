/**
 * The gate in front of every page but sign-in: while the session is read a
 * status message; signed out → the sign-in page (coming back here after);
 * a password reset by an administrator → the change-password form first.
 */
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { useSession } from "./session.ts";
import { ChangePasswordForm } from "./change-password.tsx";

export function RequireSession({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.isPending) {
    return (
      <p role="status" className="p-6 text-sm text-gray-700">
        {t("app.loading")}
      </p>
    );
  }
  if (session.isError || !session.data) {
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  }
  if (session.data.user.mustChangePassword) {
    return (
      <main id="main" className="mx-auto max-w-md p-6">
        <ChangePasswordForm forced />
      </main>
    );
  }
  return <>{children}</>;
}
