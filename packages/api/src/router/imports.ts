/**
 * Imports of monthly-report files (issue 4 points 1–4, 9): a dry run first,
 * then a commit of exactly the same file, all or nothing. The import page and
 * the CLI (`npm run cli -- import <file>`) call these.
 *
 * Inputs (zod, packages/api/src/data-schemas.ts):
 * - `imports.dryRun({ fileName, contentBase64, period?, mapping? })`:
 *   `fileName` (its extension: .csv or .xlsx; the bytes decide), the bytes as
 *   base64 (≤ 20 MB), `period` `YYYY-MM` for a sheet that names no month,
 *   `mapping` a saved mapping's name or a mapping `{ header: code | "orgUnit" |
 *   "period" | "dataElementColumn" | "value" | "ignore" }`.
 * - `imports.commit({ ...same, expectedSha256 })`: the dry run's `fileSha256`.
 * - `imports.list()`.
 *
 * Outputs: dryRun and commit → {@link ImportSummary} (import-summary.ts):
 * `{ fileName, fileSha256, layout, encoding, sheets, rowsRead,
 *    values: { read, new, updated, unchanged, refused, ignored }, ignored: { missingCells, skipped },
 *    totalRowsSkipped, problems: [{ severity, code, file, sheet, row, column, header, value, messageZh, messageEn }],
 *    errorCount, warningCount, canCommit, mapping, columns, lockedMonths, changes (first 500), changesTotal,
 *    importId (null for a dry run) }`; commit adds `violations`: the validation
 *    rules' violations (quality.validation's rows) after the write, for the
 *    months the file touched, at the county and the townships it touched
 *    (issue 4 point 5: the rules run after each import).
 * list → `StoredImport[]` newest first: `{ id, fileName, fileSha256, layout, rowsRead, valuesNew,
 * valuesUpdated, valuesUnchanged, valuesIgnored, summary, committedBy, committedAt }`.
 *
 * Scope: a value whose org unit is outside the caller's capture set is
 * refused like any faulty value: an `outside_capture` error at its org unit's
 * cell (file, sheet, row, column, the code or name as written, the reason in
 * zh and en, naming the org units the caller may enter data for), counted in
 * `values.refused`, never compared with the stored values; the file cannot be
 * committed (dry run and commit alike).
 *
 * Errors: BAD_REQUEST ("English (中文)") when commit's file differs from the dry
 * run's (hash), when the file has any error problem (nothing is written; the
 * first problem's row, column and reason), and for bad inputs; NOT_FOUND for
 * an unknown saved mapping name.
 */
import { TRPCError } from "@trpc/server";
import { applyDataValues, DataWriteRefused, getMapping, listImports, planDataValues, runValidation, type IncomingValue } from "@linze/db";
import type { OrgUnitTree } from "@linze/domain";
import { parseImportFile, type ParsedValue, type ParseResult } from "@linze/import";
import type { Context } from "../context.ts";
import { ImportCommitInputSchema, ImportFileInputSchema, MAX_IMPORT_BYTES, type ImportFileInput } from "../schemas.ts";
import { columnMapping, importSummary, type ImportSummary, type RefusedBeforePlan, type SummaryProblem } from "../import-summary.ts";
import { requires, router } from "../trpc.ts";
import { violationRow, type ValidationViolationRow } from "./quality.ts";
import { canCapture, type Access } from "../permissions.ts";
import { outsideCaptureReason } from "../scope.ts";

function badRequest(en: string, zh: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message: `${en} (${zh})` });
}

/** "row 3, column B: " (the sheet first when there is one; nothing for a problem of the whole file). */
const placeEn = (p: { sheet: string | null; row: number | null; column: string | null }): string =>
  p.row ? `${p.sheet ? `sheet ${p.sheet}, ` : ""}row ${p.row}${p.column ? `, column ${p.column}` : ""}: ` : "";
/** "第3行B列：" (the sheet first when there is one). */
const placeZh = (p: { sheet: string | null; row: number | null; column: string | null }) => (p.row ? `${p.sheet ? `工作表“${p.sheet}”` : ""}第${p.row}行${p.column ? `${p.column}列` : ""}：` : "");

/** Decodes and parses the input's file with the tree of the context and the chosen mapping. */
async function parse(ctx: Pick<Context, "db" | "tree">, input: ImportFileInput): Promise<ParseResult> {
  const bytes = new Uint8Array(Buffer.from(input.contentBase64, "base64"));
  if (bytes.length > MAX_IMPORT_BYTES) throw badRequest("the file is larger than 20 MB", "文件超过20 MB");
  const mapping =
    input.mapping === undefined ? undefined : typeof input.mapping === "string" ? columnMapping((await getMapping(ctx.db, input.mapping)).mapping) : columnMapping(input.mapping);
  return parseImportFile(bytes, input.fileName, { tree: ctx.tree, ...(input.period ? { period: input.period } : {}), ...(mapping ? { mapping } : {}) });
}

/** What imports.commit returns: the summary and the violations the rules found afterwards. */
export type ImportCommitResult = ImportSummary & { readonly violations: readonly ValidationViolationRow[] };

/**
 * The validation rules' violations, after a write, in the months it touched
 * (`YYYY-MM`), for the county and the townships whose subtree it touched, in
 * runValidation's order (month, org unit, rule). One read per year touched.
 */
export async function violationsAfterWrite(
  db: Parameters<typeof runValidation>[0],
  tree: OrgUnitTree,
  written: readonly { readonly orgUnit: string; readonly period: string }[],
): Promise<ValidationViolationRow[]> {
  const months = new Set(written.map((v) => v.period));
  const units = new Set<string>();
  for (const v of written) for (const u of [...tree.ancestors(v.orgUnit), tree.get(v.orgUnit)]) if (u.level <= 2) units.add(u.code);
  const years = [...new Set([...months].map((m) => m.slice(0, 4)))].sort();
  const out: ValidationViolationRow[] = [];
  for (const year of years) {
    const { violations } = await runValidation(db, tree, { period: year });
    for (const v of violations) if (months.has(v.period) && units.has(v.orgUnit)) out.push(violationRow(v));
  }
  return out;
}

/**
 * The file's values split by the caller's capture set (issue 5 point 1):
 * those the caller may enter, and for the others an error at each org unit
 * cell (a wide row's values share one), counted as refused. An administrator
 * (the CLI's local administrator too) captures everywhere.
 */
function byCapture(ctx: Pick<Context, "tree"> & { access: Access }, parsed: ParseResult): { inside: ParsedValue[]; refused: RefusedBeforePlan } {
  const inside: ParsedValue[] = [];
  const problems = new Map<string, SummaryProblem>();
  let outside = 0;
  for (const v of parsed.values) {
    if (canCapture(ctx.access, v.orgUnit)) {
      inside.push(v);
      continue;
    }
    outside++;
    const at = v.orgUnitSource;
    const key = `${v.location.sheet ?? ""}\u0000${at.row}\u0000${at.column ?? ""}`;
    if (problems.has(key)) continue;
    const reason = outsideCaptureReason(ctx.access, ctx.tree, v.orgUnit);
    problems.set(key, {
      severity: "error",
      code: "outside_capture",
      file: v.location.file,
      sheet: v.location.sheet,
      row: at.row,
      column: at.column,
      header: at.header,
      value: at.written,
      messageZh: reason.zh,
      messageEn: reason.en,
    });
  }
  return { inside, refused: { problems: [...problems.values()], values: outside } };
}

const incoming = (values: readonly ParsedValue[]): IncomingValue[] =>
  values.map((v) => ({
    orgUnit: v.orgUnit,
    period: v.period,
    dataElement: v.dataElement,
    value: v.value,
    location: v.location,
    orgUnitSource: v.orgUnitSource,
    periodSource: v.periodSource,
  }));

export const importsRouter = router({
  /** Parses and plans the file; writes nothing. See the module comment for the shapes. */
  dryRun: requires("data.capture").input(ImportFileInputSchema).mutation(async ({ ctx, input }): Promise<ImportSummary> => {
    const parsed = await parse(ctx, input);
    // Values outside the caller's org units are refused row by row, and never compared with the stored ones.
    const { inside, refused } = byCapture(ctx, parsed);
    const plan = await planDataValues(ctx.db, incoming(inside));
    return importSummary(parsed, plan, null, refused);
  }),

  /**
   * Parses the file again and, when its hash is the dry run's and it has no
   * error, writes every value in one transaction (`applyDataValues`, source
   * "import": values, history, the `data_imports` row, first submissions).
   * Returns the summary with `importId`. See the module comment.
   */
  commit: requires("data.capture").input(ImportCommitInputSchema).mutation(async ({ ctx, input }): Promise<ImportCommitResult> => {
    const parsed = await parse(ctx, input);
    if (parsed.fileSha256 !== input.expectedSha256) {
      throw badRequest(
        `the file differs from the dry run's (SHA-256 ${parsed.fileSha256.slice(0, 12)}…, not ${input.expectedSha256.slice(0, 12)}…): run the dry run again`,
        "文件与试导入时不同，请重新试导入",
      );
    }
    const { refused } = byCapture(ctx, parsed);
    const dry = importSummary(parsed, { counts: { new: 0, updated: 0, unchanged: 0, deleted: 0, refused: 0 }, changes: [], problems: [], lockedMonths: [] }, null, refused);
    const errors = dry.problems.filter((p) => p.severity === "error");
    if (errors.length > 0 || parsed.layout === null) {
      const first = errors[0];
      throw badRequest(
        `the file has ${errors.length} error(s); nothing was imported${first ? `. First: ${placeEn(first)}${first.messageEn}` : ""}`,
        `文件有 ${errors.length} 个错误，未导入任何数据${first ? `。第一个：${placeZh(first)}${first.messageZh}` : ""}`,
      );
    }
    try {
      const result = await applyDataValues(ctx.db, incoming(parsed.values), {
        source: "import",
        user: ctx.user.id,
        import: {
          fileName: parsed.fileName,
          fileSha256: parsed.fileSha256,
          layout: parsed.layout,
          rowsRead: parsed.rowsRead,
          ignored: dry.values.ignored,
          summary: {
            encoding: parsed.encoding,
            sheets: parsed.sheets,
            valuesRead: parsed.values.length,
            ignored: dry.ignored,
            totalRowsSkipped: parsed.totalRows,
            warnings: dry.problems,
            mapping: dry.mapping,
          },
        },
      });
      const summary = importSummary(parsed, { counts: result.counts, changes: result.changes, problems: [], lockedMonths: [] }, result.importId);
      return { ...summary, violations: await violationsAfterWrite(ctx.db, ctx.tree, parsed.values) };
    } catch (e) {
      if (!(e instanceof DataWriteRefused)) throw e;
      const first = e.problems[0];
      throw badRequest(
        `${e.problems.length} value(s) refused; nothing was imported${first ? `. First: ${placeEn(first)}${first.messageEn}` : ""}`,
        `${e.problems.length} 个数值被拒绝，未导入任何数据${first ? `。第一个：${placeZh(first)}${first.messageZh}` : ""}`,
      );
    }
  }),

  /** Committed imports, newest first (at most 200): all of them for those who view everything, else the caller's own. */
  list: requires("imports.view").query(async ({ ctx }) => {
    const all = await listImports(ctx.db);
    return ctx.access.viewAll ? all : all.filter((i) => i.committedBy === ctx.user.id);
  }),
});
