import { defineConfig } from "vitest/config";
import { testProjects } from "../db/src/test-projects.ts";

// PGlite's initdb takes 4–6 s per fresh database; with TEST_DATABASE_URL the suite runs on PostgreSQL too.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000, projects: testProjects() } });
