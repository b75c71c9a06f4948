/**
 * Databases for the benchmark: PGlite in memory, or a fresh database on the
 * PostgreSQL server named by BENCH_DATABASE_URL or TEST_DATABASE_URL (an
 * account that may create databases), dropped when closed.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "@linze/db";
import { dropTestDatabase } from "@linze/db/testing";

export type DatabaseKind = "pglite" | "postgres";

/** The PostgreSQL account URL the benchmark may use, or null. */
export function postgresUrl(): string | null {
  return process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || null;
}

export interface BenchDatabase {
  readonly db: Database;
  readonly url: string | null;
  close(): Promise<void>;
}

/**
 * A migrated, empty database of the kind. PGlite is in memory unless
 * `pgliteStorage` is "directory": a fresh data directory, as the server runs
 * it (removed when closed). In memory, Emscripten's file system copies a
 * file each time it grows past its capacity (1/8 more for files over 1 MB).
 */
export async function openBenchDatabase(kind: DatabaseKind, name: string, pgliteStorage: "memory" | "directory" = "memory"): Promise<BenchDatabase> {
  if (kind === "pglite" && pgliteStorage === "directory") {
    const dir = await mkdtemp(path.join(tmpdir(), `linze-bench-${name}-`));
    const db = await openDatabase({ dataDir: path.join(dir, "pglite") });
    await db.migrate();
    return {
      db,
      url: null,
      async close() {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  if (kind === "pglite") {
    const db = await openDatabase({ memory: true });
    await db.migrate();
    return { db, url: null, close: () => db.close() };
  }
  const admin = postgresUrl();
  if (!admin) throw new Error("PostgreSQL needs BENCH_DATABASE_URL or TEST_DATABASE_URL");
  const dbName = `linze_bench_${name}_${process.pid}`;
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await adminClient.query(`CREATE DATABASE ${dbName}`);
  await adminClient.end();
  const url = new URL(admin);
  url.pathname = `/${dbName}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  await db.migrate();
  return {
    db,
    url: url.toString(),
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        // An autovacuum worker busy with the loaded values may not be signalled by the account: dropTestDatabase falls back.
        await dropTestDatabase((sql) => c.query(sql), dbName);
      } finally {
        await c.end();
      }
    },
  };
}
