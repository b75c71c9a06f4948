/**
 * The page frame: skip link, banner with navigation and language switch, the
 * demo-data notice on every page, main landmark, footer with the data source.
 * Pages render only once the engine and snapshot are loaded; until then a
 * status message is announced (aria-live).
 */
import { NavLink, Outlet, useLocation } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { DEMO_DATA_DESCRIPTION, DEMO_DATA_NOTICE } from "@linze/domain";
import { DataContext, useDashboardLoad } from "../data/hooks.ts";
import { useSnapshotView } from "../data/first-kpis.ts";
import { OfflineNotice } from "./offline-notice.tsx";
import { useLocale } from "./locale.ts";
import { UserMenu } from "../auth/user-menu.tsx";
import { LargeTextToggle } from "./large-text.tsx";
import { useDocumentTitle, useFocusAfterNavigation } from "./route-focus.ts";
import { useNavAllowed } from "../auth/session.ts";

/** `keepSearch`: the data pages share the period and org-unit filters in the URL; the assessment pages have their own. */
const NAV = [
  { to: "/", key: "nav.overview", end: true, keepSearch: true },
  { to: "/townships", key: "nav.townships", end: false, keepSearch: true },
  { to: "/indicator", key: "nav.indicator", end: false, keepSearch: true },
  { to: "/letters", key: "nav.letters", end: false, keepSearch: false },
  { to: "/members", key: "nav.members", end: false, keepSearch: false },
  { to: "/supervision", key: "nav.supervision", end: false, keepSearch: false },
  { to: "/assessments", key: "nav.assessments", end: false, keepSearch: false },
  { to: "/quality", key: "quality.nav", end: false, keepSearch: false },
  { to: "/entry", key: "entry.nav", end: false, keepSearch: false },
  { to: "/import", key: "import.nav", end: false, keepSearch: false },
] as const;

export function Layout() {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const location = useLocation();
  const load = useDashboardLoad();
  // The overview renders once the snapshot's header is read, its first KPIs from the server (data/first-kpis.ts); other pages wait for the engine.
  const view = useSnapshotView();
  const early = location.pathname === "/" && !load.data && view.data ? view.data : null;
  const data = load.data ?? early;
  useFocusAfterNavigation();
  useDocumentTitle(t("app.title"));
  const allowed = useNavAllowed();
  const source = load.data?.snapshot.source ?? DEMO_DATA_NOTICE;
  const isDataPage = NAV.some((n) => n.keepSearch && (n.end ? location.pathname === n.to : location.pathname.startsWith(n.to)));

  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="skip-link">
        {t("app.skipLink")}
      </a>
      <header className="border-b border-gray-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-4 px-4 py-3">
          <div>
            <p className="text-lg font-semibold text-gray-900">{t("app.title")}</p>
            <p className="text-sm text-gray-600">{t("app.subtitle")}</p>
          </div>
          <nav aria-label={t("app.mainNav")}>
            <ul className="flex flex-wrap gap-1">
              {NAV.filter((n) => allowed(n.to)).map((n) => (
                <li key={n.to}>
                  <NavLink
                    to={{ pathname: n.to, search: n.keepSearch && isDataPage ? location.search : "" }}
                    end={n.end}
                    className={({ isActive }) =>
                      `block rounded-md px-3 py-2 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${
                        isActive ? "bg-blue-50 text-blue-800" : "text-gray-700 hover:bg-gray-100"
                      }`
                    }
                  >
                    {t(n.key)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <UserMenu />
          <LargeTextToggle />
          <button
            type="button"
            lang={locale === "zh-CN" ? "en" : "zh-CN"}
            aria-label={t("app.switchLanguageLabel")}
            data-testid="language-switch"
            onClick={() => void i18n.changeLanguage(locale === "zh-CN" ? "en" : "zh-CN")}
            className="rounded-md border border-gray-300 px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
          >
            {t("app.switchLanguage")}
          </button>
        </div>
        {/* The badge is the notice's label, read once: the sentence after it (its description) does not repeat "演示数据". */}
        <div role="note" data-testid="demo-notice" className="border-t border-amber-200 bg-amber-50">
          <p className="mx-auto max-w-7xl px-4 py-2 text-sm text-amber-900">
            <strong className="mr-2 rounded bg-amber-200 px-1.5 py-0.5 font-semibold" aria-describedby="demo-description" data-testid="demo-badge">
              {t("app.demoBadge")}
            </strong>
            <span id="demo-description">{locale === "zh-CN" ? DEMO_DATA_DESCRIPTION.zh : DEMO_DATA_DESCRIPTION.en}</span>
          </p>
        </div>
        <OfflineNotice since={data?.offlineSince ?? view.data?.offlineSince ?? null} />
      </header>

      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 focus:outline-none print:max-w-none print:p-0">
        <div role="status" aria-live="polite" data-testid="load-status" data-state={load.status} className={load.isPending ? "" : "sr-only"}>
          {load.isPending ? t("app.loading") : load.isSuccess ? t("app.ready") : ""}
        </div>
        {load.isPending && !early && (
          <div className="mt-6 grid animate-pulse grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4" aria-hidden="true">
            {Array.from({ length: 8 }, (_, i) => (
              <div key={i} className="h-40 rounded-lg bg-gray-200" />
            ))}
          </div>
        )}
        {load.isError && (
          <div role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-4 text-rose-900">
            <p>{t("app.loadError", { message: load.error.message })}</p>
            <button type="button" onClick={() => void load.refetch()} className="mt-2 rounded-md bg-rose-700 px-3 py-1.5 text-sm text-white">
              {t("app.retry")}
            </button>
          </div>
        )}
        {data && (
          <DataContext.Provider value={data}>
            {data.months.length === 0 ? <p>{t("app.noData")}</p> : <Outlet />}
          </DataContext.Provider>
        )}
      </main>

      <footer className="border-t border-gray-200 bg-white print:hidden">
        <p className="mx-auto max-w-7xl px-4 py-3 text-xs text-gray-600" data-testid="data-source">
          {t("app.source", { source: locale === "zh-CN" ? source.zh : source.en })}
        </p>
      </footer>
    </div>
  );
}
