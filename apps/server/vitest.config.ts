import { defineConfig } from "vitest/config";

// A fresh PGlite runs initdb (4–6 s); the CLI and main tests start real processes.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 90_000 } });
