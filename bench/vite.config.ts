import { defineConfig } from "vite";

// The benchmark page (page/) built to dist-page/; the duckdb-wasm files stay assets, as in the dashboard.
export default defineConfig({
  root: "page",
  logLevel: "warn",
  build: { outDir: "../dist-page", emptyOutDir: true, target: "es2022", assetsInlineLimit: 0, chunkSizeWarningLimit: 5000 },
});
