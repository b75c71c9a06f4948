/**
 * The server: `npm start -w @linze/server` (node --max-semi-space-size=64
 * --import tsx src/main.ts). The larger young generation (64 MB semi-spaces,
 * V8's default 16) halves the minor collections of an assessment run, which
 * allocates ~23 MB of short-lived objects: the county members' run 4–7 ms
 * faster (issue 6 P3, docs/scaling.md).
 * Environment: PORT (3000), HOST, DATABASE_URL (PostgreSQL; else PGlite in
 * PGLITE_DIR, default <repo>/.data/pglite), DATASET_DIR (default data/linze),
 * WEB_DIST (default apps/web/dist); accounts: LINZE_DEMO, LINZE_DEMO_USERS_FILE,
 * LINZE_SECURE_COOKIES, LINZE_TRUST_PROXY (accounts-at-start.ts, auth-http.ts).
 */
import { DatasetError } from "@linze/db";
import { lockDatabase, openReadyDatabase, settingsFromEnv, STARTUP_LOCK, type ReadyDatabase } from "./database.ts";
import { DirectoryInUse } from "./lock.ts";
import { createServer, type AppServer } from "./server.ts";
import { prepareAccounts } from "./accounts-at-start.ts";

const log = (line: string) => console.log(`[linze] ${line}`);

/** A start-up problem the user can fix: printed as one line, without a stack trace. */
class StartError extends Error {}

async function main(): Promise<void> {
  const port = process.env.PORT ? Number(process.env.PORT) : 3000;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new StartError(`PORT must be a port number from 0 to 65535, got "${process.env.PORT}" / PORT 应为端口号`);

  let app: AppServer | undefined;
  let ready: ReadyDatabase | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: closing`);
    await app?.close().catch((e: unknown) => console.error(e));
    await ready?.close().catch((e: unknown) => console.error(e));
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));

  // Lock before listening, so a second server on the same directory says so rather than "port in use".
  const settings = settingsFromEnv();
  const owner = `the server (port ${port})`;
  const release = lockDatabase(settings, owner);
  const opening = openReadyDatabase(settings, owner, log, release);
  // Listen at once so /healthz says 503 while a fresh PGlite runs initdb and loads.
  const dbOrError = opening.then((r) => r, (e: unknown) => e as Error);
  try {
    app = await createServer({ port, host: process.env.HOST, webDist: process.env.WEB_DIST || undefined });
  } catch (e) {
    const opened = await dbOrError;
    if (!(opened instanceof Error)) await opened.close();
    if ((e as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new StartError(`Port ${port} is in use by another program: stop it or set PORT, e.g. PORT=3001 npm start / 端口${port}已被占用`);
    }
    throw e;
  }
  const result = await dbOrError;
  if (result instanceof Error) {
    await app.close();
    throw result;
  }
  ready = result;
  if (stopping) return void (await ready.close());
  // Before serving: the first administrator (or the demo accounts) must exist to sign in.
  const opened = ready;
  await opened.db.exclusive(STARTUP_LOCK, () => prepareAccounts(opened.db, opened.tree, log));
  app.setReady(ready);
  log(`Database: ${ready.db.kind} ${ready.db.location}`);
  log(`Listening on ${app.url}`);
}

main().catch((e: unknown) => {
  if (e instanceof DirectoryInUse || e instanceof DatasetError || e instanceof StartError) console.error(`[linze] ${e.message}`);
  else console.error(e);
  process.exit(1);
});
