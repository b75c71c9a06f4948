/** Routes: each page is a lazy chunk, so the frame and the demo-data notice show at once. */
import { lazy, Suspense, type ReactNode } from "react";
import { createBrowserRouter, Link, RouterProvider } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { Layout } from "./components/layout.tsx";
import { LoadingBlock } from "./components/loading.tsx";
import { RequireSession } from "./auth/require-session.tsx";
import { RequirePermission } from "./auth/require-permission.tsx";

const Overview = lazy(() => import("./pages/overview.tsx"));
const Townships = lazy(() => import("./pages/townships.tsx"));
const IndicatorDetail = lazy(() => import("./pages/indicator-detail.tsx"));
const Letters = lazy(() => import("./pages/letters.tsx"));
const Members = lazy(() => import("./pages/members.tsx"));
const Supervision = lazy(() => import("./pages/supervision.tsx"));
const Assessments = lazy(() => import("./pages/assessments.tsx"));
const AssessmentRun = lazy(() => import("./pages/assessment-run.tsx"));
const AssessmentUnit = lazy(() => import("./pages/assessment-unit.tsx"));
const AssessmentPrint = lazy(() => import("./pages/assessment-print.tsx"));
const Quality = lazy(() => import("./pages/quality.tsx"));
const DataEntry = lazy(() => import("./pages/data-entry.tsx"));
const Login = lazy(() => import("./pages/login.tsx"));
const AdminUsers = lazy(() => import("./pages/admin-users.tsx"));
const AdminAudit = lazy(() => import("./pages/admin-audit.tsx"));
const Account = lazy(() => import("./auth/change-password.tsx"));
const ImportData = lazy(() => import("./pages/import.tsx"));

const page = (node: ReactNode) => <Suspense fallback={<LoadingBlock height="h-96" />}>{node}</Suspense>;

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-semibold">{t("app.notFound")}</h1>
      <Link to="/" className="text-blue-700 underline">
        {t("app.backHome")}
      </Link>
    </div>
  );
}

const router = createBrowserRouter([
  {
    path: "/login",
    element: page(<Login />),
  },
  {
    path: "/",
    element: (
      <RequireSession>
        <Layout />
      </RequireSession>
    ),
    children: [
      { index: true, element: page(<Overview />) },
      { path: "townships", element: page(<Townships />) },
      { path: "indicator", element: page(<IndicatorDetail />) },
      { path: "letters", element: page(<Letters />) },
      { path: "letters/:id", element: page(<Letters />) },
      { path: "members", element: page(<Members />) },
      { path: "supervision", element: page(<Supervision />) },
      { path: "assessments", element: page(<Assessments />) },
      { path: "assessments/:runId", element: page(<AssessmentRun />) },
      { path: "assessments/:runId/units/:code", element: page(<AssessmentUnit />) },
      { path: "assessments/:runId/print", element: page(<AssessmentPrint />) },
      { path: "quality", element: page(<Quality />) },
      { path: "entry", element: page(<DataEntry />) },
      { path: "import", element: page(<ImportData />) },
      { path: "admin/users", element: page(<RequirePermission permission="users.view" title="auth.users.heading"><AdminUsers /></RequirePermission>) },
      { path: "admin/audit", element: page(<RequirePermission permission="audit.read" title="auth.audit.heading"><AdminAudit /></RequirePermission>) },
      { path: "account", element: page(<Account />) },
      { path: "*", element: <NotFound /> },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
