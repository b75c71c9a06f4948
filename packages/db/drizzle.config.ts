import { defineConfig } from "drizzle-kit";

// `npm run generate -w @linze/db` writes a new SQL migration after a change to src/schema.ts.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema.ts",
  out: "./migrations",
});
