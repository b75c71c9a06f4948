/**
 * Opening the database the way the server and the CLI both do: PGlite in
 * `<repo>/.data/pglite` (or `PGLITE_DIR`) unless `DATABASE_URL` names a
 * PostgreSQL server; migrate; load the demo dataset when empty; seed the
 * demo assessments (2016 Q1–Q3 published, Q4 draft) when none exist.
 */
import { seedDemoAssessments } from "@linze/api";
import { DEFAULT_PGLITE_DIR, loadDataset, loadOrgUnitTree, openDatabase, type Database } from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";
import { lockDirectory } from "./lock.ts";
import { DEFAULT_DATASET_DIR } from "./paths.ts";

/** The name of the start-up section ({@link Database.exclusive}): migrating, loading, seeding and the accounts made at start. */
export const STARTUP_LOCK = "linze-startup";

export interface DatabaseSettings {
  readonly databaseUrl?: string | undefined;
  readonly pgliteDir?: string | undefined;
  readonly memory?: boolean;
  readonly datasetDir?: string | undefined;
}

/** Settings from the environment: DATABASE_URL, PGLITE_DIR, DATASET_DIR (each optional). */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
  return { databaseUrl: env.DATABASE_URL || undefined, pgliteDir: env.PGLITE_DIR || undefined, datasetDir: env.DATASET_DIR || undefined };
}

export interface ReadyDatabase {
  readonly db: Database;
  readonly tree: OrgUnitTree;
  /** Closes the database, then releases the directory lock. */
  close(): Promise<void>;
}

/**
 * Takes the lock of the PGlite directory the settings use (`owner` names this
 * process in the message a second one gets); returns the release function.
 * Nothing to lock for PostgreSQL or memory. Throws DirectoryInUse.
 */
export function lockDatabase(settings: DatabaseSettings, owner: string): () => void {
  const usesDir = !settings.databaseUrl && !settings.memory;
  return usesDir ? lockDirectory(settings.pgliteDir ?? DEFAULT_PGLITE_DIR, owner) : () => {};
}

/**
 * Locks (see {@link lockDatabase}, unless `release` shows the caller already
 * did), opens, migrates, loads the dataset if the database is empty, and
 * seeds the demo assessments from the dataset's assessment_inputs_<year>.json
 * when the database has no runs and no entered inputs (one transaction, see
 * `seedDemoAssessments`); the last three as one {@link STARTUP_LOCK} section,
 * so processes starting at once on one PostgreSQL database take turns.
 * Throws DirectoryInUse, DatasetError.
 */
export async function openReadyDatabase(
  settings: DatabaseSettings,
  owner: string,
  log: (line: string) => void = () => {},
  release: () => void = lockDatabase(settings, owner),
): Promise<ReadyDatabase> {
  let db: Database | undefined;
  try {
    db = await openDatabase({ databaseUrl: settings.databaseUrl, memory: settings.memory ?? false, dataDir: settings.pgliteDir });
    const opened = db;
    const datasetDir = settings.datasetDir ?? DEFAULT_DATASET_DIR;
    // Several servers (and the CLI) may start on one empty PostgreSQL database at once: one migrates, loads and seeds, the others then find it done.
    const tree = await opened.exclusive(STARTUP_LOCK, async () => {
      await opened.migrate();
      const result = await loadDataset(opened, datasetDir);
      if (result.loaded) log(`Loaded ${result.orgUnits} org units and ${result.dataValues} data values from ${datasetDir}`);
      const loadedTree = await loadOrgUnitTree(opened);
      const seedStart = performance.now();
      const seeded = await seedDemoAssessments(opened, loadedTree, datasetDir);
      if (seeded) {
        const runs = seeded.runs.map((r) => `${r.year}Q${r.quarter} ${r.scope} ${r.status}`).join(", ");
        log(`Seeded the demo assessments in ${Math.round(performance.now() - seedStart)} ms: ${seeded.scores} scores, ${seeded.adjustments} commendations/vetoes; runs ${runs}`);
      }
      return loadedTree;
    });
    return {
      db: opened,
      tree,
      async close() {
        try {
          await opened.close();
        } finally {
          release();
        }
      },
    };
  } catch (e) {
    await db?.close().catch(() => {});
    release();
    throw e;
  }
}
