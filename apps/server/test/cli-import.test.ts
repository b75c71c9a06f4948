/**
 * `npm run cli -- import <file>` as real processes on one temporary PGlite
 * directory (the first run creates it, loads the demo data and seeds the demo
 * assessments: 2016-01…09 locked), and the HTTP server's body limit for an
 * import's 20 MB file. Files are written by the test; expected values come
 * from data/linze/data_values.csv.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import superjson from "superjson";
import { loadOrgUnitTree } from "@linze/db";
import { openTestDatabase } from "@linze/db/testing";
import { DEFAULT_DATASET_DIR, REPO_ROOT } from "../src/paths.ts";
import { createServer, MAX_REQUEST_BODY_BYTES } from "../src/server.ts";
import { signedInHeaders } from "./sign-in.ts";

const SERVER_DIR = fileURLToPath(new URL("..", import.meta.url));
const base = await mkdtemp(path.join(tmpdir(), "linze-cli-import-"));
const env = { ...process.env, PGLITE_DIR: path.join(base, "db", "pglite"), DATABASE_URL: "", DATASET_DIR: "" };
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  await rm(base, { recursive: true, force: true });
});

function run(command: string, args: string[], cwd = SERVER_DIR): Promise<{ code: number | null; stdout: string; stderr: string }> {
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

const csv = readFileSync(path.join(DEFAULT_DATASET_DIR, "data_values.csv"), "utf8").split("\n");
const csvValue = (ou: string, p: string, de: string) => csv.find((l) => l.startsWith(`${ou},${p},${de},`))!.split(",")[3]!;

const same = csvValue("LZ-NJY-V03", "2016-12", "certified_persons");
const before = csvValue("LZ-NJY-V03", "2016-12", "volunteers_registered");
const good = path.join(base, "njy-december.csv");
const bad = path.join(base, "bad.csv");

describe("CLI import", () => {
  test("npm run -s cli -- import <file> --dry-run --json, the file's path relative to where npm runs: the summary, nothing written (first run creates, loads and seeds the database)", async () => {
    await writeFile(
      good,
      ["org_unit,period,data_element,value", `LZ-NJY-V03,2016-12,certified_persons,${same}`, `LZ-NJY-V03,2016-12,volunteers_registered,${Number(before) + 1}`, "LZ-NJY-V03,2016-12,health_checks,"].join("\n"),
    );
    // Relative to the repository root, where npm runs; the CLI itself runs in apps/server (it read "report.csv" there before).
    const r = await run("npm", ["run", "-s", "cli", "--", "import", path.relative(REPO_ROOT, good), "--dry-run", "--json"], REPO_ROOT);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({
      fileName: "njy-december.csv",
      rowsRead: 3,
      values: { read: 2, new: 0, updated: 1, unchanged: 1, ignored: 1 },
      ignored: { missingCells: 1, skipped: 0 },
      errorCount: 0,
      canCommit: true,
      committed: false,
      importId: null,
    });
    // Nothing was written: the same dry run again still finds the change.
    const again = JSON.parse((await cli("import", good, "--dry-run", "--json")).stdout);
    expect(again.values.updated).toBe(1);
  }, 240_000);

  test("without --dry-run it imports; the same file again changes nothing", async () => {
    const r = await cli("import", good);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[1]).toBe("Rows read: 3");
    expect(lines[2]).toBe(
      "Values: 2 read: 0 new, 1 updated, 1 unchanged, 0 refused; 1 ignored (1 missing cells, 0 skipped) (数值：读取 2 个，其中新增 0、修改 1、未变 1、拒绝 0；另忽略 1 个：空白单元格 1，因问题跳过 0)",
    );
    expect(lines[3]).toBe("Total rows skipped: 0");
    expect(lines[4]).toBe("Problems: 0 error(s), 0 warning(s)");
    expect(lines[lines.length - 1]).toMatch(/^Imported: import \d+ \(已导入\)$/);

    const again = await cli("import", good, "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ committed: true, values: { read: 2, new: 0, updated: 0, unchanged: 2 } });
  }, 120_000);

  test("after an import the validation rules run for the months and townships it touched: each broken rule on its line, the import stands", async () => {
    // 沙河镇 2016-11: 29 of 30 school-age children enrolled (villages 16 of 16, communities 13 of 14, data/linze);
    // 2 enrolled reported for LZ-SH-V05, which has none of school age, makes it 31 > 30.
    const file = path.join(base, "sh-november.csv");
    await writeFile(file, ["org_unit,period,data_element,value", "LZ-SH-V05,2016-11,children_enrolled,2"].join("\n"));
    const r = await cli("import", file);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toContain(
      "  LZ-SH\t2016-11\tenrollment_rate_numerator_le_denominator\tSchool-age disabled children enrolled 31 > School-age disabled children 30\t已入学适龄残疾儿童少年数 31 > 适龄残疾儿童少年数 30",
    );
    expect(lines.find((l) => l.startsWith("Validation after the import: "))).toBeDefined();
    expect(lines[lines.length - 1]).toMatch(/^Imported: import \d+ \(已导入\)$/);
  }, 120_000);

  test("a file with errors: every problem on its line, nothing imported, exit code 1", async () => {
    const march = csvValue("LZ-NJY-V03", "2016-03", "certified_persons");
    await writeFile(bad, ["org_unit,period,data_element,value", "LZ-NJY-V03,2016-11,cataract_surgeries,2.5", `LZ-NJY-V03,2016-03,certified_persons,${Number(march) + 1}`].join("\n"));
    const r = await cli("import", bad);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split("\n");
    expect(lines).toContain("Problems: 2 error(s), 0 warning(s)");
    // The locked month's value is read and refused; the decimal count was never read as a value (skipped).
    expect(lines).toContain(
      "Values: 1 read: 0 new, 0 updated, 0 unchanged, 1 refused; 1 ignored (0 missing cells, 1 skipped) (数值：读取 1 个，其中新增 0、修改 0、未变 0、拒绝 1；另忽略 1 个：空白单元格 0，因问题跳过 1)",
    );
    expect(lines).toContain("severity\tfile\tsheet\trow\tcolumn\tvalue\treason");
    expect(lines.find((l) => l.startsWith("error\tbad.csv\t-\t2\tD\t2.5\t"))).toBeDefined();
    expect(lines).toContain(
      `error\tbad.csv\t-\t3\tD\t${Number(march) + 1}\t2016-03 is in the published assessment of 2016 Q1; start a new revision first / 2016-03 属于已发布的2016年第1季度考核，须先开始新的修订版本`,
    );
    expect(lines[lines.length - 1]).toBe("Not imported: the file has errors; nothing was written (文件有错误，未写入任何数据)");
    const json = await cli("import", bad, "--dry-run", "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ committed: false, errorCount: 2, canCommit: false });
  }, 120_000);

  test("a missing file, an unknown mapping or a period that is not a month says which option takes what, in English and Chinese", async () => {
    const missing = await cli("import", path.join(base, "nope.csv"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Cannot read");
    const mapping = await cli("import", good, "--dry-run", "--mapping", "不存在的映射");
    expect(mapping.code).toBe(2);
    expect(mapping.stderr).toBe(
      "--mapping takes the name of a saved column mapping (none is saved yet: save one on the import page); there is none named 不存在的映射" +
        " (--mapping 须为已保存的列映射的名称（尚未保存任何映射，可在导入页面保存）；没有名为“不存在的映射”的映射)\n",
    );
    // A quarter, and a month that does not exist: the same sentence; only a month is accepted (not "a quarter or a year").
    for (const period of ["2017Q1", "2017-13"]) {
      const r = await cli("import", good, "--dry-run", "--period", period);
      expect(r.code, period).toBe(2);
      expect(r.stderr, period).toBe(
        `--period takes a month written YYYY-MM, such as 2016-03: the month of a sheet whose title names none; ${period} is not one` +
          ` (--period 须为 YYYY-MM 格式的月份，如 2016-03，用于标题未写明月份的表格；${period} 不是月份)\n`,
      );
    }
    const usage = await cli("import");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Missing the file to import: give its path after import (缺少要导入的文件：请在 import 后给出文件路径)");
  }, 120_000);
});

describe("HTTP body limit", () => {
  test("a 20 MB file in base64 reaches imports.dryRun; a body over the limit is refused with 413", async () => {
    const db = await openTestDatabase(DEFAULT_DATASET_DIR);
    const app = await createServer({ port: 0, db, tree: await loadOrgUnitTree(db), webDist: base });
    try {
      const headers = await signedInHeaders(app.url, db);
      const post = (input: unknown) =>
        fetch(`${app.url}/trpc/imports.dryRun`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(superjson.serialize(input)) });
      // 20 MB of zero bytes: not text, so the parser answers at once with one file-level problem.
      const twentyMb = Buffer.alloc(20 * 1024 * 1024).toString("base64");
      const ok = await post({ fileName: "big.csv", contentBase64: twentyMb });
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as { result: { data: unknown } };
      const summary = superjson.deserialize(body.result.data as never) as { problems: { code: string }[] };
      expect(summary.problems.map((p) => p.code)).toEqual(["unsupported_format"]);
      const tooBig = await post({ fileName: "big.csv", contentBase64: "A".repeat(MAX_REQUEST_BODY_BYTES) });
      expect(tooBig.status).toBe(413);
    } finally {
      await app.close();
      await db.close();
    }
  }, 120_000);
});
