/**
 * The real server in a child process, started the way `npm start` starts it
 * (`node --max-semi-space-size=64 --import tsx src/main.ts` in apps/server) on a free local port with
 * a fresh PGlite directory (or `databaseUrl`), in demo mode, its demo
 * accounts' passwords written to a file of the temporary directory. For the
 * browser tests' harness (apps/web/test-e2e/harness.ts) and the benchmark
 * (bench/src/server-process.ts); stopped with SIGTERM, SIGKILL after 10 s.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const SERVER_DIR = fileURLToPath(new URL("../", import.meta.url));

export interface SpawnedServer {
  /** `http://<host>:<port>`. */
  readonly url: string;
  readonly pid: number;
  /** Milliseconds from spawn to /healthz 200 (a fresh PGlite runs initdb, migrates, loads and seeds). */
  readonly readyMs: number;
  /** What the server printed so far (stdout and stderr). */
  log(): string;
  /** Every demo account's password by username (demo-admin, demo-leader, demo-township, demo-member, demo-auditor). */
  demoPasswords(): Promise<Map<string, string>>;
  /** `POST /auth/login` as a demo account, as the dashboard signs in: the session cookie's name and value. */
  signIn(username: string): Promise<{ name: string; value: string }>;
  /** Stops the server and removes its data directory. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Where the URL points; default `127.0.0.1` (the server listens on HOST, default every interface). */
  readonly host?: string;
  /** PostgreSQL instead of a fresh PGlite directory. */
  readonly databaseUrl?: string;
  /** Extra flags for the server's node (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
  /** More environment for the server (e.g. WEB_DIST). */
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for /healthz; default 240 s. */
  readonly timeoutMs?: number;
}

/** The node flags `npm start` gives the server (apps/server/package.json, main.ts). */
export const SERVER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=64"];

/** A free TCP port on 127.0.0.1 (the kernel's choice for port 0). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The demo-users file the server writes in demo mode: "username<TAB>password<TAB>role<TAB>name" lines after comments. */
async function readDemoPasswords(file: string): Promise<Map<string, string>> {
  const lines = (await readFile(file, "utf8")).split("\n").filter((l) => l && !l.startsWith("#"));
  return new Map(lines.map((l) => l.split("\t") as [string, string]).map(([u, p]) => [u, p]));
}

/** Starts the server (see the module comment) and waits until /healthz answers 200; throws with the server's output if it exits or times out. */
export async function spawnServer(opts: SpawnOptions = {}): Promise<SpawnedServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "linze-server-"));
  const port = await freePort();
  const url = `http://${opts.host ?? "127.0.0.1"}:${port}`;
  const usersFile = path.join(dataDir, "demo-users.txt");
  const t0 = performance.now();
  let log = "";
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(opts.nodeArgs ?? []), "--import", "tsx", "src/main.ts"], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      PGLITE_DIR: path.join(dataDir, "pglite"),
      DATABASE_URL: opts.databaseUrl ?? "",
      LINZE_DEMO: "1",
      LINZE_DEMO_USERS_FILE: usersFile,
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const timeoutMs = opts.timeoutMs ?? 240_000;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited with ${child.exitCode}:\n${log}`);
    }
    if (await fetch(`${url}/healthz`).then((r) => r.status === 200, () => false)) {
      const readyMs = performance.now() - t0;
      const demoPasswords = () => readDemoPasswords(usersFile);
      const signIn = async (username: string) => {
        const password = (await demoPasswords()).get(username);
        if (!password) throw new Error(`No ${username} account in the server's demo users file:\n${log}`);
        const res = await fetch(`${url}/auth/login`, { method: "POST", headers: { "content-type": "application/json", "x-linze-request": "1" }, body: JSON.stringify({ username, password }) });
        const set = res.headers.get("set-cookie");
        if (res.status !== 200 || !set) throw new Error(`Sign-in as ${username} failed: ${res.status} ${await res.text()}`);
        const [name, value] = set.split(";")[0]!.split("=") as [string, string];
        return { name, value };
      };
      return { url, pid: child.pid!, readyMs, log: () => log, demoPasswords, signIn, stop };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`The server was not healthy after ${timeoutMs} ms:\n${log}`);
}
