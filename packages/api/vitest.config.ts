import { defineConfig } from "vitest/config";

// PGlite's initdb takes 4–6 s per fresh database.
export default defineConfig({ test: { testTimeout: 30_000, hookTimeout: 60_000 } });
