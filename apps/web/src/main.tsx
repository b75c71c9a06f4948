import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { I18nextProvider } from "react-i18next";
import { configureBilingualZodMessages } from "@linze/domain";
import { App } from "./app.tsx";
import { fetchSession, isSignInPath, SESSION_QUERY_KEY } from "./auth/session.ts";
import { allowEngineStart, dashboardData, snapshotView } from "./data/engine.ts";
import { prefetchOverviewKpis } from "./data/first-kpis.ts";
import { retryUnlessRefused } from "./data/trpc.ts";
import { setUpI18n } from "./i18n/index.ts";
import { registerOfflineWorker } from "./offline-register.ts";
import "./index.css";
import "./a11y.css";

// Form checks in the page: zod's own messages as "English (中文)", shown in the page's language.
configureBilingualZodMessages();

const i18n = setUpI18n();
const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: retryUnlessRefused } } });

// Not on the sign-in page: index.html asked for nothing there, and signing in loads the page afresh. Elsewhere, ask
// for the snapshot's layout and the session, and start duckdb-wasm and the snapshot download, before React renders
// (the overview lays itself out with the layout and shows its first KPIs from the server meanwhile, data/first-kpis.ts;
// the engine waits for a session, data/engine.ts).
if (!isSignInPath(window.location.pathname)) {
  const layout = snapshotView();
  const session = fetchSession();
  const loading = dashboardData();
  if (window.location.pathname === "/") {
    // The overview's chunk too (React would ask for it only after the session check); duckdb-wasm once the overview's
    // first KPIs are shown (the overview allows it), without the server's layout at once, after 2 s at the latest.
    void import("./pages/overview.tsx").catch(() => undefined);
    layout.catch(() => allowEngineStart());
    setTimeout(allowEngineStart, 2000);
  } else allowEngineStart();
  // The service worker once the dashboard is loaded (or could not be), not competing with it; not for a signed-out visitor.
  void loading
    .catch(() => undefined)
    .then(() => session)
    .then((s) => (s ? registerOfflineWorker() : undefined))
    .catch((e: unknown) => console.warn("service worker:", e));
  // The session asked for above is the one RequireSession waits for (useSession's query).
  void queryClient.prefetchQuery({ queryKey: SESSION_QUERY_KEY, queryFn: () => session, staleTime: Infinity });
  // The overview's first KPIs asked for once the layout and the session are known, not when the overview has rendered.
  if (window.location.pathname === "/") {
    void Promise.all([layout, session])
      .then(([view, s]) => prefetchOverviewKpis(queryClient, view, s, window.location.search))
      .catch(() => undefined);
  }
} else allowEngineStart();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
