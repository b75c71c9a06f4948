import { defineConfig } from "vitest/config";
import { testProjects } from "../../packages/db/src/test-projects.ts";

// A fresh PGlite runs initdb (4–6 s); the CLI and main tests start real processes.
// With TEST_DATABASE_URL the suite runs on PostgreSQL too; the PGlite directory
// and lock tests (processes.test.ts) are PGlite's alone, and postgres-processes.test.ts
// runs the CLI and server with DATABASE_URL instead.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 90_000, projects: testProjects(["test/processes.test.ts"], ["test/postgres-processes.test.ts"]) },
});
