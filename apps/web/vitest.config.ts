import { defineConfig } from "vitest/config";

// Unit tests of the web app's pure logic (URL filters, chart summaries).
export default defineConfig({
  test: { include: ["test/**/*.test.ts"], environment: "node" },
});
