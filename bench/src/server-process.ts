/**
 * The real server for the benchmark (@linze/server/spawn: started the way
 * `npm start` starts it, on a free local port with a fresh PGlite directory,
 * or DATABASE_URL when given, in demo mode), signing in as the demo county
 * leader (a reader of every dashboard); stopped with SIGTERM.
 */
import { fileURLToPath } from "node:url";
import { spawnServer } from "@linze/server/spawn";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Milliseconds from spawn to /healthz 200 (a fresh PGlite runs initdb, loads and seeds). */
  readonly readyMs: number;
  /** `POST /auth/login` as the demo county leader: the session cookie (`linze_session=…`). */
  signIn(): Promise<string>;
  stop(): Promise<void>;
}

/** `nodeArgs`: extra flags for the server's node (e.g. `--cpu-prof` to see where a benchmark's time goes). */
export async function startServer(opts: { databaseUrl?: string; nodeArgs?: readonly string[] } = {}): Promise<ServerProcess> {
  const server = await spawnServer({
    host: "127.0.0.1",
    env: { HOST: "127.0.0.1" },
    ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}),
    ...(opts.nodeArgs ? { nodeArgs: opts.nodeArgs } : {}),
  });
  const signIn = async () => {
    const cookie = await server.signIn("demo-leader");
    return `${cookie.name}=${cookie.value}`;
  };
  return { url: server.url, pid: server.pid, readyMs: server.readyMs, signIn, stop: server.stop };
}
