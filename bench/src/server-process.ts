/**
 * The real server, started the way `npm start` starts it (node --import tsx
 * src/main.ts in apps/server) on a free local port with a fresh PGlite
 * directory (or DATABASE_URL when given), in demo mode with its demo
 * accounts written to a file of the temporary directory, so the benchmark
 * signs in as the demo county leader (a reader of every dashboard); stopped
 * with SIGTERM.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../", import.meta.url));
const SERVER_DIR = path.join(REPO, "apps", "server");

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** Milliseconds from spawn to /healthz 200 (a fresh PGlite runs initdb, loads and seeds). */
  readonly readyMs: number;
  /** `POST /auth/login` as the demo county leader: the session cookie (`linze_session=…`). */
  signIn(): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** `nodeArgs`: extra flags for the server's node (e.g. `--cpu-prof` to see where a benchmark's time goes). */
export async function startServer(opts: { databaseUrl?: string; nodeArgs?: readonly string[] } = {}): Promise<ServerProcess> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "linze-bench-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  let log = "";
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), "--import", "tsx", "src/main.ts"], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PGLITE_DIR: path.join(dataDir, "pglite"),
      DATABASE_URL: opts.databaseUrl ?? "",
      LINZE_DEMO: "1",
      LINZE_DEMO_USERS_FILE: path.join(dataDir, "demo-users.txt"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited with ${child.exitCode}:\n${log}`);
    }
    const ok = await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false);
    if (ok) {
      const readyMs = performance.now() - t0;
      const signIn = async () => {
        const lines = (await readFile(path.join(dataDir, "demo-users.txt"), "utf8")).split("\n");
        const [username, password] = lines.find((l) => l.startsWith("demo-leader\t"))?.split("\t") ?? [];
        if (!username || !password) throw new Error(`No demo-leader account in the server's demo users file:\n${log}`);
        const res = await fetch(`${url}/auth/login`, { method: "POST", headers: { "content-type": "application/json", "x-linze-request": "1" }, body: JSON.stringify({ username, password }) });
        const cookie = res.headers.get("set-cookie")?.split(";")[0];
        if (!res.ok || !cookie) throw new Error(`Sign-in as ${username} failed: ${res.status} ${await res.text()}`);
        return cookie;
      };
      return { url, pid: child.pid!, readyMs, signIn, stop };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`The server was not healthy after 240 s:\n${log}`);
}
