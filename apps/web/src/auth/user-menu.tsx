/** The header's account part: who is signed in (name and role), the admin pages the role may open, change password, sign out. */
import { NavLink } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { logout, useSession } from "./session.ts";

const link = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-2 py-1 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${isActive ? "bg-blue-50 text-blue-800" : "text-gray-700 hover:bg-gray-100"}`;

export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.data?.user;
  if (!me) return null;
  const can = (p: string) => (me.permissions as readonly string[]).includes(p);
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="user-menu">
      <p className="text-sm text-gray-700" data-testid="signed-in-as">
        {t("auth.account.signedInAs", { name: me.name, role: t(`auth.roles.${me.role}`) })}
      </p>
      {/* Not a second <nav> landmark: the page has one main navigation. */}
      <ul className="flex flex-wrap gap-1">
        {can("users.view") && (
          <li>
            <NavLink to="/admin/users" className={link}>
              {t("auth.nav.users")}
            </NavLink>
          </li>
        )}
        {can("audit.read") && (
          <li>
            <NavLink to="/admin/audit" className={link}>
              {t("auth.nav.audit")}
            </NavLink>
          </li>
        )}
        <li>
          <NavLink to="/account" className={link}>
            {t("auth.account.changePassword")}
          </NavLink>
        </li>
      </ul>
      <button
        type="button"
        data-testid="logout"
        onClick={() => void logout()}
        className="rounded-md border border-gray-300 px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
      >
        {t("auth.account.logout")}
      </button>
    </div>
  );
}
