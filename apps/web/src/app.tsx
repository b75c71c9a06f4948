/** Routes: each page is a lazy chunk, so the frame and the demo-data notice show at once. */
import { lazy, Suspense, type ReactNode } from "react";
import { createBrowserRouter, Link, RouterProvider, useParams } from "react-router-dom";
import { useTranslation } from "react-i18next";
import { Layout } from "./components/layout.tsx";
import { LoadingBlock } from "./components/loading.tsx";
import { RequireSession } from "./auth/require-session.tsx";
import { RequirePermission } from "./auth/require-permission.tsx";
import { MAX_RECORD_ID } from "@linze/api/record-id";

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

/**
 * A page whose `:param` is a stored record's id (a letter, an assessment run):
 * anything but a whole number from 1 to MAX_RECORD_ID (or one of `also`, e.g. "new") is a page
 * that does not exist, said as such, not as the API's refusal of the input.
 */
function IdRoute({ param, also = [], children }: { param: string; also?: readonly string[]; children: ReactNode }) {
  const value = useParams()[param] ?? "";
  const isId = /^[1-9][0-9]{0,9}$/.test(value) && Number(value) <= MAX_RECORD_ID;
  return isId || also.includes(value) ? <>{children}</> : <NotFound />;
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
      { path: "letters/:id", element: page(<IdRoute param="id" also={["new"]}><Letters /></IdRoute>) },
      { path: "members", element: page(<Members />) },
      { path: "supervision", element: page(<Supervision />) },
      { path: "assessments", element: page(<Assessments />) },
      { path: "assessments/:runId", element: page(<IdRoute param="runId"><AssessmentRun /></IdRoute>) },
      { path: "assessments/:runId/units/:code", element: page(<IdRoute param="runId"><AssessmentUnit /></IdRoute>) },
      { path: "assessments/:runId/print", element: page(<IdRoute param="runId"><AssessmentPrint /></IdRoute>) },
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
