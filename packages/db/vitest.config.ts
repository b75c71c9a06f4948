import { defineConfig } from "vitest/config";
import { testProjects } from "./src/test-projects.ts";

// PGlite's initdb takes 4–6 s per fresh database.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000, projects: testProjects(["test/data-dir.test.ts"], ["test/exclusive-postgres.test.ts", "test/postgres-connection.test.ts"]) } });
