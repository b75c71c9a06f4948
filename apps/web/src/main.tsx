import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { I18nextProvider } from "react-i18next";
import { configureBilingualZodMessages } from "@linze/domain";
import { App } from "./app.tsx";
import { dashboardData, snapshotView } from "./data/engine.ts";
import { setUpI18n } from "./i18n/index.ts";
import { registerOfflineWorker } from "./offline-register.ts";
import "./index.css";
import "./a11y.css";

// Form checks in the page: zod's own messages as "English (中文)", shown in the page's language.
configureBilingualZodMessages();

// Start duckdb-wasm and the snapshot download before React renders; the snapshot's header is read
// as soon as it arrives (the overview's first KPIs come from the server meanwhile, data/first-kpis.ts).
const loading = dashboardData();
void snapshotView().catch(() => undefined);
// The overview's chunk too, when that is the page asked for (React would ask for it only after the session check).
if (window.location.pathname === "/") void import("./pages/overview.tsx").catch(() => undefined);
// The service worker once the dashboard is loaded (or could not be: the sign-in page), not competing with it.
void loading
  .catch(() => undefined)
  .then(() => registerOfflineWorker())
  .catch((e: unknown) => console.warn("service worker:", e));

const i18n = setUpI18n();
const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } });

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </I18nextProvider>
  </StrictMode>,
);
