import { defineConfig } from "vitest/config";

// The fuzz test opens a few hundred damaged workbooks with exceljs. Browser tests: vitest.browser.config.ts.
export default defineConfig({ test: { include: ["test/**/*.test.ts"], testTimeout: 60_000 } });
