/**
 * `npm run cli -- import <file> [--dry-run] [--json] [--period YYYY-MM] [--mapping <name>]`
 * (issue 4 point 9): the same dry run and commit as the import page, through
 * the API's `imports.dryRun` and `imports.commit`. Without --dry-run it
 * commits when the dry run found no error (all or nothing).
 *
 * Prints the import summary — rows read; values new, updated, unchanged,
 * refused (by the write plan: a locked month, …), ignored; total rows skipped; every problem with file, sheet, row, column,
 * value and reason (English / 中文) — as text, or with --json one object:
 * the summary (`imports.dryRun`'s output, see packages/api/src/router/imports.ts)
 * plus `"committed": true|false` and, after a commit, `violations`: the
 * validation rules broken in the months and townships the file touched (as
 * text, one a line: org unit, month, rule, both sides; a warning, the import
 * stands). Exit code 1 when the file has an error
 * (nothing imported), 0 otherwise.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import type { createCaller, RouterOutputs } from "@linze/api";

type Api = ReturnType<typeof createCaller>;
type Summary = RouterOutputs["imports"]["dryRun"];

export interface ImportOptions {
  readonly file: string;
  readonly dryRun: boolean;
  readonly json: boolean;
  readonly period?: string | undefined;
  readonly mapping?: string | undefined;
}

/** Thrown for a file that cannot be read: the message says which and why. */
export class UnreadableFile extends Error {}

/** Thrown for an option whose value is not one it accepts: the message names the option and what it accepts, in English and Chinese. */
export class BadOption extends Error {}

/**
 * BadOption unless `name` is a saved column mapping's name; the message lists
 * the saved names (mappings are saved on the import page).
 */
export async function checkMappingName(api: Api, name: string): Promise<void> {
  const saved = (await api.mappings.list()).map((m) => m.name);
  if (saved.includes(name)) return;
  throw new BadOption(
    `--mapping takes the name of a saved column mapping (${saved.length > 0 ? `saved: ${saved.join(", ")}` : "none is saved yet: save one on the import page"}); there is none named ${name}` +
      ` (--mapping 须为已保存的列映射的名称（${saved.length > 0 ? `已保存：${saved.join("、")}` : "尚未保存任何映射，可在导入页面保存"}）；没有名为“${name}”的映射)`,
  );
}

/** Reads the file; nothing of the database is needed for that, so it comes first. */
/**
 * A path given on the command line, resolved where the person typed it:
 * `npm run cli -- import report.csv` runs the CLI in apps/server (npm's
 * workspace folder), so a relative path is taken from `INIT_CWD`, the
 * folder npm was run in, when npm ran the `cli` script; otherwise from the
 * working directory. An absolute path stays as it is.
 */
export function invocationPath(file: string, env: NodeJS.ProcessEnv = process.env): string {
  const from = env.npm_lifecycle_event === "cli" && env.INIT_CWD ? env.INIT_CWD : process.cwd();
  return path.resolve(from, file);
}

export async function readImportFile(file: string, env: NodeJS.ProcessEnv = process.env): Promise<{ fileName: string; contentBase64: string }> {
  try {
    const bytes = await readFile(invocationPath(file, env));
    return { fileName: path.basename(file), contentBase64: bytes.toString("base64") };
  } catch (e) {
    throw new UnreadableFile(`Cannot read ${file}: ${(e as Error).message} (无法读取文件)`);
  }
}

const dash = (v: string | number | null) => (v === null || v === "" ? "-" : String(v));

/** The summary as text lines: counts, then one problem a line (tab-separated), then the mapping used. */
export function summaryText(s: Summary): string {
  const lines = [
    `File: ${s.fileName} (${s.encoding ?? "unreadable"}, ${s.layout ?? "no layout"}${s.sheets.length ? `, sheets ${s.sheets.join(", ")}` : ""}), SHA-256 ${s.fileSha256}`,
    `Rows read: ${s.rowsRead}`,
    // read = new + updated + unchanged + refused; the ignored cells were never read as values.
    `Values: ${s.values.read} read: ${s.values.new} new, ${s.values.updated} updated, ${s.values.unchanged} unchanged, ${s.values.refused} refused; ${s.values.ignored} ignored (${s.ignored.missingCells} missing cells, ${s.ignored.skipped} skipped)` +
      ` (数值：读取 ${s.values.read} 个，其中新增 ${s.values.new}、修改 ${s.values.updated}、未变 ${s.values.unchanged}、拒绝 ${s.values.refused}；另忽略 ${s.values.ignored} 个：空白单元格 ${s.ignored.missingCells}，因问题跳过 ${s.ignored.skipped})`,
    `Total rows skipped: ${s.totalRowsSkipped}`,
    `Problems: ${s.errorCount} error(s), ${s.warningCount} warning(s)`,
  ];
  if (s.problems.length > 0) {
    lines.push(["severity", "file", "sheet", "row", "column", "value", "reason"].join("\t"));
    for (const p of s.problems) lines.push([p.severity, p.file, dash(p.sheet), dash(p.row), dash(p.column), dash(p.value), `${p.messageEn} / ${p.messageZh}`].join("\t"));
  }
  const mapped = Object.entries(s.mapping);
  if (mapped.length > 0) lines.push(`Mapping: ${mapped.map(([header, target]) => `${header} → ${target}`).join("; ")}`);
  return lines.join("\n");
}

/** The validation rules broken after the import, a line each (empty when none). */
export function violationsText(violations: RouterOutputs["imports"]["commit"]["violations"]): string {
  if (violations.length === 0) return "";
  const lines = [`Validation after the import: ${violations.length} rule(s) broken — the values stand; check them on /quality (导入后校验：${violations.length} 条规则未通过)`];
  for (const v of violations) lines.push(`  ${v.orgUnit}\t${v.period}\t${v.rule}\t${v.textEn}\t${v.textZh}`);
  return `${lines.join("\n")}\n`;
}

/** Runs the import; returns the exit code (1 when the file has an error, else 0). */
export async function runImport(api: Api, file: { fileName: string; contentBase64: string }, options: ImportOptions, out: (text: string) => void): Promise<number> {
  if (options.mapping !== undefined) await checkMappingName(api, options.mapping);
  const input = { ...file, ...(options.period ? { period: options.period } : {}), ...(options.mapping ? { mapping: options.mapping } : {}) };
  const dry = await api.imports.dryRun(input);
  let summary: Summary = dry;
  let committed = false;
  let violations: RouterOutputs["imports"]["commit"]["violations"] = [];
  let refusal: string | null = null;
  if (!options.dryRun && dry.canCommit) {
    try {
      const result = await api.imports.commit({ ...input, expectedSha256: dry.fileSha256 });
      ({ violations, ...summary } = result);
      committed = true;
    } catch (e) {
      if (!(e instanceof TRPCError) || e.code !== "BAD_REQUEST") throw e;
      refusal = e.message;
    }
  }
  if (options.json) {
    out(`${JSON.stringify({ ...summary, committed, ...(committed ? { violations } : {}) })}\n`);
  } else {
    const verdict = committed
      ? `Imported: import ${summary.importId} (已导入)`
      : options.dryRun
        ? dry.canCommit
          ? "Dry run: nothing written; no errors, the file can be imported (试导入：未写入；无错误，可以导入)"
          : "Dry run: nothing written; the file has errors and cannot be imported (试导入：未写入；文件有错误，不能导入)"
        : `Not imported: ${refusal ?? "the file has errors; nothing was written (文件有错误，未写入任何数据)"}`;
    out(`${summaryText(summary)}\n${violationsText(violations)}${verdict}\n`);
  }
  return summary.errorCount > 0 || refusal !== null ? 1 : 0;
}
