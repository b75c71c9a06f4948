/**
 * The CLI and the server as real processes, on one temporary PGlite
 * directory: the first CLI run creates and loads it, the later runs and the
 * server open it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { DEFAULT_DATASET_DIR, REPO_ROOT } from "../src/paths.ts";
import { SERVER_NODE_FLAGS } from "../src/spawn.ts";

const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));
const base = await mkdtemp(path.join(tmpdir(), "linze-proc-"));
const pgliteDir = path.join(base, "db", "pglite");
// The demo accounts' passwords go to the test's folder, not the repository's .data/demo-users.txt.
const env = { ...process.env, PGLITE_DIR: pgliteDir, DATABASE_URL: "", DATASET_DIR: "", PORT: "0", LINZE_DEMO_USERS_FILE: path.join(base, "demo-users.txt") };
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await rm(base, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd = SERVER_DIR): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    children.push(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const cli = (...args: string[]) => run(process.execPath, ["--import", "tsx", "src/cli.ts", ...args]);

describe("CLI", () => {
  test("--json: county cataract surgeries in 2016 = 156 (first run creates and loads the database)", async () => {
    const r = await cli("values", "--indicator", "cataract_surgeries", "--org", "LZ", "--period", "2016", "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ indicator: "cataract_surgeries", orgUnit: "LZ", period: "2016", numerator: 156, denominator: null, value: 156 });
  }, 120_000);

  test("a 0 denominator prints null: no children trained in LZ-BQ-V01 in 2016", async () => {
    const r = await cli("values", "--indicator", "rehab_effectiveness_rate", "--org", "LZ-BQ-V01", "--period", "2016", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ numerator: 0, denominator: 0, value: null });
  });

  test("from the repository root: npm run cli -- values … prints 156", async () => {
    const r = await run("npm", ["run", "cli", "--", "values", "--indicator", "cataract_surgeries", "--org", "LZ", "--period", "2016"], REPO_ROOT);
    expect(r.code).toBe(0);
    // The outer npm prints its "> cli" banner; the value is the last line.
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("156");
  });

  test("bad input → a message on stderr and exit code 2", async () => {
    const unknown = await cli("values", "--indicator", "cataract", "--org", "LZ", "--period", "2016");
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toContain('Unknown indicator "cataract"');
    expect(unknown.stderr).toContain("cataract_surgeries");

    const period = await cli("values", "--indicator", "cataract_surgeries", "--org", "LZ", "--period", "2016-13");
    expect(period.code).toBe(2);
    expect(period.stderr).toContain('Invalid period "2016-13"');

    const org = await cli("values", "--indicator", "cataract_surgeries", "--org", "LZ-XX", "--period", "2016");
    expect(org.code).toBe(2);
    expect(org.stderr).toMatch(/Unknown org unit "LZ-XX".*Valid org units: LZ, /);

    const missing = await cli("values", "--indicator", "cataract_surgeries");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Missing --org, --period");

    const command = await cli("valus");
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('Unknown command "valus"');
  });

  test("members: the 83 committee members loaded with the data; --under a township lists its posts", async () => {
    const all = await cli("members", "--json");
    expect(all.code).toBe(0);
    const list = JSON.parse(all.stdout) as { code: string; orgUnit: string; inPostFrom: string }[];
    expect(list).toHaveLength(83);
    expect(list.find((m) => m.code === "CM-LZ-YN-V02")).toMatchObject({ orgUnit: "LZ-YN-V02", inPostFrom: "2016-11" });
    const njy = await cli("members", "--under", "LZ-NJY");
    expect(njy.code).toBe(0);
    const lines = njy.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe("CM-LZ-NJY\tLZ-NJY\t2016-03–\t专职委员 倪家营镇 / Committee member, Nijiaying Township");
  });

  test("assess 2016 Q4 townships prints the ranking (rank, unit, total, grade) of a new draft run; --json the same as data", async () => {
    // The first start seeded 2016 Q4 townships as revision 1 (draft), so this run is revision 2.
    const r = await cli("assess", "--year", "2016", "--quarter", "4", "--scope", "townships", "--manual-full");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^Run \d+: 2016Q4 townships LZ, revision 2, draft$/);
    expect(lines[1]).toBe("rank\tunit\ttotal\tgrade");
    expect(lines.slice(2).map((l) => l.split("\t")[0])).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
    expect(lines.slice(2).map((l) => l.split("\t")[1]).sort()).toEqual(["LZ-BQ", "LZ-LQ", "LZ-NJY", "LZ-PC", "LZ-SH", "LZ-XH", "LZ-YN"]);
    // At most 20 % of 7 may be excellent: one.
    expect(lines.filter((l) => l.endsWith("\texcellent"))).toHaveLength(1);

    const json = await cli("assess", "--year", "2016", "--quarter", "4", "--scope", "townships", "--manual-full", "--json");
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout) as { run: { revision: number }; ranking: { code: string; total: string; rank: number }[] };
    expect(out.run.revision).toBe(3);
    expect(out.ranking.map((x) => [x.rank, x.code, x.total])).toEqual(lines.slice(2).map((l) => l.split("\t")).map(([rank, code, total]) => [Number(rank), code, total]));
  });

  test("assess reads the stored inputs by default and says which units are incomplete and why", async () => {
    const r = await cli("assess", "--year", "2016", "--quarter", "4", "--scope", "county-members");
    expect(r.code).toBe(0);
    const text = r.stdout;
    expect(text).toMatch(/^Run \d+: 2016Q4 countyMembers LZ, revision 2, draft$/m);
    // The demo's Q4: three members not yet scored, and LZ-PC-V01 sent no November report.
    expect(text).toContain("Incomplete (4): no grade and no rank until complete");
    expect(text).toContain("CM-LZ-PC-V01\ti1: months of the quarter not reported: 2016-11; i2: months of the quarter not reported: 2016-11; i3: months of the quarter not reported: 2016-11");
    expect(text).toContain("CM-LZ-XH-V01\tm1: not scored by the assessor; m2: not scored by the assessor; m3: not scored by the assessor; v1: not scored by the assessor");
  });

  test("assess: bad input → exit 2 with the reason", async () => {
    const quarter = await cli("assess", "--year", "2016", "--quarter", "5", "--scope", "townships");
    expect(quarter.code).toBe(2);
    expect(quarter.stderr).toContain("--quarter must be 1, 2, 3 or 4, got 5");
    expect(quarter.stderr).toContain("--quarter 须为 1、2、3 或 4；收到的是 5");
    // Without --township: the option to give and the codes it accepts, in English and Chinese (not the validator's internal text).
    const township = await cli("assess", "--year", "2016", "--quarter", "4", "--scope", "township-members");
    expect(township.code).toBe(2);
    expect(township.stderr).toBe(
      "--scope township-members assesses one township's committee members: give --township with the township's code, one of " +
        "LZ-SH (Shahe Township), LZ-XH (Xinhua Township), LZ-LQ (Liaoquan Township), LZ-PC (Pingchuan Township), LZ-BQ (Banqiao Township), LZ-YN (Yanuan Township), LZ-NJY (Nijiaying Township)" +
        " (--scope township-members 考核一个乡镇的专职委员：请用 --township 给出乡镇代码，可选 LZ-SH（沙河镇）、LZ-XH（新华镇）、LZ-LQ（蓼泉镇）、LZ-PC（平川镇）、LZ-BQ（板桥镇）、LZ-YN（鸭暖镇）、LZ-NJY（倪家营镇）)\n",
    );
    const village = await cli("assess", "--year", "2016", "--quarter", "4", "--scope", "township-members", "--township", "LZ-SH-V01");
    expect(village.code).toBe(2);
    expect(village.stderr).toMatch(/^--township takes a township's code, one of LZ-SH \(Shahe Township\), .*; got LZ-SH-V01 \(--township 须为乡镇代码，可选 LZ-SH（沙河镇）、.*；收到的是 LZ-SH-V01\)\n$/);
    const extra = await cli("assess", "--year", "2016", "--quarter", "4", "--scope", "townships", "--township", "LZ-SH");
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("--township is only for --scope township-members (one township's committee members); --scope townships covers every township: leave --township out");
    expect(extra.stderr).toContain("(--township 仅用于 --scope township-members（一个乡镇的专职委员）；--scope townships 已包括全部乡镇，请去掉 --township)");
    const scope = await cli("assess", "--year", "2016", "--quarter", "4", "--scope", "villages");
    expect(scope.code).toBe(2);
    expect(scope.stderr).toContain("--scope must be one of townships, township-members, county-members, got villages (--scope 须为 townships、township-members、county-members 之一；收到的是 villages)");
  });
});

/** Starts main.ts and resolves with its URL once it logs "Listening on". */
function startServer(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "--import", "tsx", "src/main.ts"], { cwd: SERVER_DIR, env });
    children.push(child);
    let output = "";
    const onData = (d: Buffer) => {
      output += d;
      const m = /Listening on (http:\/\/\S+)/.exec(output);
      if (m) resolve({ child, url: m[1]!, output: () => output });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

describe("server process", () => {
  test("npm start gives node the flags the spawn helper (tests, benchmark) gives it", () => {
    const start = (JSON.parse(readFileSync(path.join(SERVER_DIR, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
    expect(start).toBe("node --max-semi-space-size=64 --import tsx src/main.ts");
    expect(start).toBe(`node ${SERVER_NODE_FLAGS.join(" ")} --import tsx src/main.ts`);
  });

  test("serves /healthz, refuses a second server on the same directory, closes on SIGTERM", async () => {
    const { child, url } = await startServer();
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: "ok" });
    expect(existsSync(`${pgliteDir}.lock`)).toBe(true);

    const second = await run(process.execPath, ["--import", "tsx", "src/main.ts"]);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`${pgliteDir} is in use by the server (port 0) (pid ${child.pid})`);

    const cliMeanwhile = await cli("values", "--indicator", "cataract_surgeries", "--org", "LZ", "--period", "2016");
    expect(cliMeanwhile.code).toBe(1);
    expect(cliMeanwhile.stderr).toContain("is in use by the server");

    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(`${pgliteDir}.lock`)).toBe(false);
  }, 60_000);

  test("a stale lock (its process is gone) is taken over", async () => {
    writeFileSync(`${pgliteDir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, owner: "a crashed server" }));
    const r = await cli("values", "--indicator", "cataract_surgeries", "--org", "LZ", "--period", "2016Q2");
    expect(r.code).toBe(0);
    // Q2 straight from the CSV: every row of April–June, all org units.
    const csv = readFileSync(path.join(DEFAULT_DATASET_DIR, "data_values.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
    const q2 = csv.filter(([, period, element]) => element === "cataract_surgeries" && ["2016-04", "2016-05", "2016-06"].includes(period!));
    const expected = q2.reduce((sum, row) => sum + Number(row[3]), 0);
    expect(expected).toBeGreaterThan(0);
    expect(r.stdout).toBe(`${expected}\n`);
  });
});
