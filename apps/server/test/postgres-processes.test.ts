/**
 * The CLI and the server as real processes on PostgreSQL (`DATABASE_URL`),
 * in the `postgres` vitest project only (TEST_DATABASE_URL set; `.ci/run`
 * installs Debian's postgresql). The first CLI run migrates and loads an
 * empty database; the server then seeds the demo assessments and serves
 * them, as on PGlite.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase } from "@linze/db";
import { createServerTestDatabase, testServerUrl } from "@linze/db/testing";
import { login } from "./sign-in.ts";

const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));
let database: { url: string; drop(): Promise<void> };
let env: NodeJS.ProcessEnv;
const children: ChildProcess[] = [];

beforeAll(async () => {
  const server = testServerUrl();
  if (server === null) throw new Error("postgres-processes.test.ts runs in the postgres project only (LINZE_TEST_DB=postgres)");
  database = await createServerTestDatabase(server);
  // Demo mode: the server writes the demo accounts' passwords here.
  env = { ...process.env, DATABASE_URL: database.url, PGLITE_DIR: "", DATASET_DIR: "", PORT: "0", LINZE_DEMO: "1", LINZE_DEMO_USERS_FILE: path.join(tmpdir(), `linze-demo-users-${process.pid}.txt`) };
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await database?.drop();
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: SERVER_DIR, env });
    children.push(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The server (src/main.ts) as a process with `env` and `extra`: its output so far, and its URL once it says "Listening on" (rejected if it exits first). */
function startServer(extra: NodeJS.ProcessEnv = {}): { child: ChildProcess; output: () => string; url: Promise<string> } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: SERVER_DIR, env: { ...env, ...extra } });
  children.push(child);
  let output = "";
  const url = new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d;
      const m = /Listening on (http:\/\/\S+)/.exec(output);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { child, output: () => output, url };
}

describe("on PostgreSQL", () => {
  test("CLI: the first run migrates and loads; county cataract surgeries 2016 = 156 (DOMAIN.md §5)", async () => {
    const r = await run(["src/cli.ts", "values", "--indicator", "cataract_surgeries", "--org", "LZ", "--period", "2016", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ indicator: "cataract_surgeries", orgUnit: "LZ", period: "2016", numerator: 156, denominator: null, value: 156 });
  }, 120_000);

  test("CLI: enrollment rate 2016 = 143/148 (DOMAIN.md §5: at least 95 %), NUMERIC strings become numbers", async () => {
    const r = await run(["src/cli.ts", "values", "--indicator", "enrollment_rate", "--org", "LZ", "--period", "2016", "--json"]);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout) as { numerator: number; denominator: number; value: number };
    expect([v.numerator, v.denominator]).toEqual([143, 148]);
    expect(v.value).toBeCloseTo((143 / 148) * 100, 10);
  }, 60_000);

  test("two servers started at once on one empty database both serve it; it is migrated, loaded and seeded once (one start-up section at a time)", async () => {
    const fresh = await createServerTestDatabase(testServerUrl()!);
    const started: ReturnType<typeof startServer>[] = [];
    try {
      for (const n of [1, 2]) {
        started.push(startServer({ DATABASE_URL: fresh.url, LINZE_DEMO_USERS_FILE: path.join(tmpdir(), `linze-demo-users-${process.pid}-${n}.txt`) }));
      }
      // Before the start-up section, the second server failed creating a table the first had just created (pg_type's unique key).
      const urls = await Promise.all(started.map((s) => s.url));
      for (const url of urls) expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok" });
      const logs = started.map((s) => s.output()).join("\n");
      expect(logs.match(/Loaded 84 org units and 28821 data values/g)).toHaveLength(1);
      expect(logs.match(/Seeded the demo assessments/g)).toHaveLength(1);
      expect(logs.match(/Created the administrator "admin"/g)).toHaveLength(1);
      const db = await openDatabase({ databaseUrl: fresh.url });
      try {
        const [counts] = await db.query<{ values: string; loads: string; runs: string; admins: string }>(
          "SELECT (SELECT count(*) FROM data_values) AS values, (SELECT count(*) FROM dataset_loads) AS loads, (SELECT count(*) FROM assessment_runs) AS runs, (SELECT count(*) FROM users WHERE username = 'admin') AS admins",
        );
        // 28,821 data values (data/linze), one load, the demo's 8 runs (2016 Q1–Q4, townships and county members), one administrator.
        expect(counts).toEqual({ values: "28821", loads: "1", runs: "8", admins: "1" });
      } finally {
        await db.close();
      }
    } finally {
      for (const s of started) if (s.child.exitCode === null) s.child.kill("SIGKILL");
      await fresh.drop();
    }
  }, 180_000);

  test("server: seeds the demo assessments (2016 Q1–Q3 published, Q4 draft) and serves them over HTTP", async () => {
    const { child, url: listening } = startServer();
    const url = await listening;
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok" });
    const input = encodeURIComponent(JSON.stringify({ json: { year: 2016 } }));
    const demoAdmin = (await readFile(env.LINZE_DEMO_USERS_FILE!, "utf8")).split("\n").find((l) => l.startsWith("demo-admin\t"))!.split("\t")[1]!;
    const { cookie } = await login(url, "demo-admin", demoAdmin);
    expect((await fetch(`${url}/trpc/assessments.list?input=${input}`)).status).toBe(401);
    const res = await fetch(`${url}/trpc/assessments.list?input=${input}`, { headers: { cookie: cookie! } });
    expect(res.status).toBe(200);
    const runs = ((await res.json()) as { result: { data: { json: { quarter: number; scope: string; status: string }[] } } }).result.data.json;
    const townships = runs.filter((r) => r.scope === "townships").map((r) => `${r.quarter}:${r.status}`).sort();
    expect(townships).toEqual(["1:published", "2:published", "3:published", "4:draft"]);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  }, 120_000);
});
