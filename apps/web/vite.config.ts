import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

// In dev and preview the API server (apps/server, port 3000, or API_URL) answers /trpc,
// /healthz, /export (XLSX) and /snapshot.arrow (the dashboard's data); in production it serves this app's dist/ itself on one port.
const target = process.env.API_URL || "http://localhost:3000";
const api = { "/trpc": target, "/healthz": target, "/export": target, "/snapshot.arrow": target };

export default defineConfig({
  plugins: [
    react(),
    // The service worker (sw/sw.ts): a repeat visit works offline. Registered by src/offline-register.ts, not injected.
    VitePWA({
      strategies: "injectManifest",
      srcDir: "sw",
      filename: "sw.ts",
      injectRegister: false,
      manifest: false,
      injectManifest: {
        // The shell, all JS and CSS, the duckdb-wasm eh module and workers; the mvp wasm only when used (sw.ts).
        globPatterns: ["**/*.{html,js,css,wasm,svg,ico,png,woff2}"],
        globIgnores: ["**/duckdb-mvp-*.wasm"],
        // The eh wasm is 34 MB.
        maximumFileSizeToCacheInBytes: 40 * 1024 * 1024,
      },
    }),
  ],
  resolve: {
    // Tremor's components one by one (src/charts/tremor.ts), not its whole index.
    alias: [{ find: /^@tremor\/react$/, replacement: fileURLToPath(new URL("./src/charts/tremor.ts", import.meta.url)) }],
  },
  server: { proxy: api },
  // The import page's parse worker loads exceljs on demand: code splitting in a worker needs ES module output.
  worker: { format: "es" },
  preview: { proxy: api },
  build: {
    target: "es2022",
    // The duckdb-wasm files are assets (served compressed by the server), not JS chunks.
    assetsInlineLimit: 0,
    // Tremor's charts + recharts are one chunk shared by the lazy pages, apart from the app shell
    // (React, router, i18n, tRPC) and the duckdb-wasm client (its own chunk).
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        // React is a group of its own first: else the charts group pulls it in (as recharts' dependency) and the app shell
        // statically needs the whole charts chunk (~120 KB gzip) before the first KPI. tslib likewise: apache-arrow (the
        // duckdb-wasm client, started at load) imports it, and inside the charts group it made the engine load the charts.
        // visx (the overview's sparklines) stays out of the charts group: its vendored d3 would match d3- and load recharts with it.
        codeSplitting: { groups: [{ name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 }, { name: "tslib", test: /node_modules[\\/]tslib[\\/]/, priority: 2 }, { name: "charts", priority: 1, test: /^(?!.*[\\/]@visx[\\/]).*node_modules[\\/](@tremor|recharts|recharts-scale|d3-|victory-vendor|lodash|@headlessui|@floating-ui|react-smooth|tailwind-merge|date-fns|react-day-picker)/ }] },
      },
    },
  },
});
