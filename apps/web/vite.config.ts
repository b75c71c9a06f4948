import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In dev and preview the API server (apps/server, port 3000) answers /trpc and /healthz;
// in production it serves this app's dist/ itself on one port.
const api = { "/trpc": "http://localhost:3000", "/healthz": "http://localhost:3000" };

export default defineConfig({
  plugins: [react()],
  server: { proxy: api },
  preview: { proxy: api },
  build: {
    target: "es2022",
    // The duckdb-wasm files are assets (served compressed by the server), not JS chunks.
    assetsInlineLimit: 0,
  },
});
