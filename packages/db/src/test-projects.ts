/**
 * The vitest projects of the suites that use a database (db, api, server):
 * `pglite` always; `postgres` as well when `TEST_DATABASE_URL` names a
 * PostgreSQL account that may create databases (`.ci/run` installs Debian's
 * postgresql and sets it). The same test files run in both; `openTestDatabase`
 * and `openEmptyTestDatabase` pick the engine from `LINZE_TEST_DB`.
 */
import { configDefaults } from "vitest/config";

export function testProjects(pgliteOnly: readonly string[] = [], postgresOnly: readonly string[] = []) {
  const projects: { extends: true; test: { name: string; env: Record<string, string>; exclude?: string[] } }[] = [
    { extends: true, test: { name: "pglite", env: { LINZE_TEST_DB: "pglite" }, exclude: [...configDefaults.exclude, ...postgresOnly] } },
  ];
  if (process.env.TEST_DATABASE_URL) {
    // Files about PGlite itself (its data directory) have nothing to test on PostgreSQL.
    projects.push({ extends: true, test: { name: "postgres", env: { LINZE_TEST_DB: "postgres" }, exclude: [...configDefaults.exclude, ...pgliteOnly] } });
  }
  return projects;
}
