import { defineConfig } from "vitest/config";

// The same files parsed in Chromium from a Vite production build (building exceljs takes seconds).
export default defineConfig({
  test: { include: ["test-browser/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 180_000 },
});
