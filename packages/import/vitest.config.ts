import { defineConfig } from "vitest/config";

// The fuzz test opens a few hundred damaged workbooks with exceljs.
export default defineConfig({ test: { testTimeout: 60_000 } });
