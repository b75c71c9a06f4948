import { defineConfig } from "vitest/config";

// Browser test in real Chromium against the built app (dist/) served by apps/server.
// Starting the server (PGlite initdb), duckdb-wasm and Chromium take seconds each.
export default defineConfig({
  test: {
    include: ["test-e2e/**/*.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
