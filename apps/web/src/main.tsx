import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { I18nextProvider } from "react-i18next";
import { configureBilingualZodMessages } from "@linze/domain";
import { App } from "./app.tsx";
import { dashboardData } from "./data/engine.ts";
import { setUpI18n } from "./i18n/index.ts";
import "./index.css";
import "./a11y.css";

// Form checks in the page: zod's own messages as "English (中文)", shown in the page's language.
configureBilingualZodMessages();

// Start duckdb-wasm and the snapshot download while React renders.
void dashboardData().catch(() => undefined);

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
