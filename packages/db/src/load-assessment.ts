/**
 * Reads and writes the assessment inputs of a dataset folder (issue 3):
 * `committee_members.csv`, `letters_<year>.json` and
 * `supervision_findings_<year>.csv` (data/README.md describes them). Every row
 * is validated with the domain's schemas and against the org unit tree and
 * the letters first; the first bad one stops the load with a
 * {@link DatasetError} naming file, line (or letter index) and reason.
 * The files are optional: a folder without them loads no assessment inputs.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { z } from "zod";
import {
  CommitteeMemberSchema,
  LetterSchema,
  SupervisionFindingSchema,
  type CommitteeMember,
  type Letter,
  type OrgUnitTree,
  type SupervisionFinding,
  UnitQuarterInputsSchema,
  type UnitQuarterInputs,
} from "@linze/domain";
import type { Database, Queryable } from "./client.ts";
import { DatasetError } from "./load.ts";

export const COMMITTEE_MEMBERS_FILE = "committee_members.csv";
const LETTERS_FILE_RE = /^letters_(\d{4})\.json$/;
const FINDINGS_FILE_RE = /^supervision_findings_(\d{4})\.csv$/;

/** The user id recorded in the audit columns of rows written by the loader. */
export const LOADER_USER = "dataset-loader";

export interface AssessmentInputs {
  readonly members: CommitteeMember[];
  readonly letters: Letter[];
  readonly findings: SupervisionFinding[];
}

export interface AssessmentLoadCounts {
  readonly members: number;
  readonly letters: number;
  readonly findings: number;
}

const MEMBER_COLUMNS = ["code", "name", "org_unit", "in_post_from", "in_post_to"];
const FINDING_COLUMNS = ["assessed_kind", "assessed_code", "month", "item_id", "description", "points_deducted", "owner", "due_date", "status", "verification_note"];

async function readCsvRecords(dir: string, file: string, columns: readonly string[]): Promise<Record<string, string>[]> {
  const text = await readFile(path.join(dir, file), "utf8");
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true });
  } catch (e) {
    throw new DatasetError(file, (e as { lines?: number }).lines ?? null, null, `not valid CSV: ${(e as Error).message}`);
  }
  const header = records[0] ?? [];
  if (header.join(",") !== columns.join(",")) throw new DatasetError(file, 1, null, `expected the header ${columns.join(",")}, found ${header.join(",")}`);
  return records.slice(1).map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? ""])));
}

function check<S extends z.ZodType>(schema: S, file: string, line: number, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new DatasetError(file, line, issue.path.length > 0 ? issue.path.map(String).join(".") : null, issue.message);
}

/** True when the folder has any assessment input file. */
export async function hasAssessmentFiles(dir: string): Promise<boolean> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.some((n) => n === COMMITTEE_MEMBERS_FILE || LETTERS_FILE_RE.test(n) || FINDINGS_FILE_RE.test(n));
}

/**
 * Reads and validates the folder's assessment files against `tree`: members
 * serve a township or village/community; a township letter names a township,
 * a member letter a member of the file; a finding names a unit with a letter
 * for the finding's year and an item of that letter. Throws {@link DatasetError}.
 */
export async function readAssessmentInputs(dir: string, tree: OrgUnitTree): Promise<AssessmentInputs> {
  const names = (await readdir(dir)).sort();
  const members: CommitteeMember[] = [];
  if (names.includes(COMMITTEE_MEMBERS_FILE)) {
    const seen = new Set<string>();
    (await readCsvRecords(dir, COMMITTEE_MEMBERS_FILE, MEMBER_COLUMNS)).forEach((r, i) => {
      const line = i + 2;
      const m = check(CommitteeMemberSchema, COMMITTEE_MEMBERS_FILE, line, {
        code: r.code,
        name: r.name,
        orgUnit: r.org_unit,
        inPostFrom: r.in_post_from,
        inPostTo: r.in_post_to === "" ? null : r.in_post_to,
      });
      if (!tree.has(m.orgUnit) || tree.get(m.orgUnit).level === 1) throw new DatasetError(COMMITTEE_MEMBERS_FILE, line, "org_unit", `${m.orgUnit} is not a township, village or community of org_units.csv`);
      if (seen.has(m.code)) throw new DatasetError(COMMITTEE_MEMBERS_FILE, line, "code", `duplicate member code ${m.code}`);
      seen.add(m.code);
      members.push(m);
    });
  }
  const memberCodes = new Set(members.map((m) => m.code));

  const letters: Letter[] = [];
  for (const file of names.filter((n) => LETTERS_FILE_RE.test(n))) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path.join(dir, file), "utf8"));
    } catch (e) {
      throw new DatasetError(file, null, null, `not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(raw)) throw new DatasetError(file, null, null, "expected a JSON array of letters");
    raw.forEach((value, i) => {
      const result = LetterSchema.safeParse(value);
      if (!result.success) {
        const issue = result.error.issues[0]!;
        throw new DatasetError(file, null, `[${i}].${issue.path.map(String).join(".")}`, issue.message);
      }
      const l = result.data;
      const unitOk = l.assessedUnit.kind === "township" ? tree.has(l.assessedUnit.code) && tree.get(l.assessedUnit.code).level === 2 : memberCodes.has(l.assessedUnit.code);
      if (!unitOk) throw new DatasetError(file, null, `[${i}].assessedUnit.code`, `unknown ${l.assessedUnit.kind} ${l.assessedUnit.code}`);
      for (const item of l.items) {
        if (item.kind === "indicator" && item.orgUnit !== undefined && !tree.has(item.orgUnit)) throw new DatasetError(file, null, `[${i}].items.${item.id}.orgUnit`, `unknown org unit ${item.orgUnit}`);
      }
      if (letters.some((x) => x.year === l.year && x.assessedUnit.kind === l.assessedUnit.kind && x.assessedUnit.code === l.assessedUnit.code)) {
        throw new DatasetError(file, null, `[${i}]`, `a second ${l.year} letter for ${l.assessedUnit.code}`);
      }
      letters.push(l);
    });
  }
  const letterOf = new Map(letters.map((l) => [`${l.year}|${l.assessedUnit.kind}|${l.assessedUnit.code}`, l]));

  const findings: SupervisionFinding[] = [];
  for (const file of names.filter((n) => FINDINGS_FILE_RE.test(n))) {
    (await readCsvRecords(dir, file, FINDING_COLUMNS)).forEach((r, i) => {
      const line = i + 2;
      const f = check(SupervisionFindingSchema, file, line, {
        assessedUnit: { kind: r.assessed_kind, code: r.assessed_code },
        month: r.month,
        itemId: r.item_id,
        description: r.description,
        pointsDeducted: r.points_deducted === "" ? Number.NaN : Number(r.points_deducted),
        rectification: { owner: r.owner, dueDate: r.due_date, status: r.status, verificationNote: r.verification_note === "" ? null : r.verification_note },
      });
      const letter = letterOf.get(`${f.month.slice(0, 4)}|${f.assessedUnit.kind}|${f.assessedUnit.code}`);
      if (!letter) throw new DatasetError(file, line, "assessed_code", `no ${f.month.slice(0, 4)} letter for ${f.assessedUnit.kind} ${f.assessedUnit.code}`);
      if (!letter.items.some((it) => it.id === f.itemId)) throw new DatasetError(file, line, "item_id", `the letter of ${f.assessedUnit.code} has no item ${f.itemId}`);
      findings.push(f);
    });
  }
  return { members, letters, findings };
}

/** Writes validated inputs in the caller's transaction. */
export async function insertAssessmentInputs(tx: Queryable, inputs: AssessmentInputs, user: string = LOADER_USER): Promise<AssessmentLoadCounts> {
  const { members, letters, findings } = inputs;
  if (members.length > 0) {
    await tx.query(
      `INSERT INTO committee_members (code, name, org_unit, in_post_from, in_post_to, created_by, updated_by)
       SELECT c, n, o, f, t, $6, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS x(c, n, o, f, t)`,
      [members.map((m) => m.code), members.map((m) => m.name), members.map((m) => m.orgUnit), members.map((m) => m.inPostFrom), members.map((m) => m.inPostTo), user],
    );
  }
  if (letters.length > 0) {
    await tx.query(
      `WITH ins AS (
         INSERT INTO letters (year, assessed_kind, assessed_code, items, created_by, updated_by)
         SELECT y, k, c, i, $5, $5 FROM unnest($1::int[], $2::text[], $3::text[], $4::jsonb[]) AS x(y, k, c, i)
         RETURNING id, version, items)
       INSERT INTO letter_revisions (letter_id, version, items, changed_by) SELECT id, version, items, $5 FROM ins`,
      [letters.map((l) => l.year), letters.map((l) => l.assessedUnit.kind), letters.map((l) => l.assessedUnit.code), letters.map((l) => JSON.stringify(l.items)), user],
    );
  }
  if (findings.length > 0) {
    await tx.query(
      `INSERT INTO supervision_findings (assessed_kind, assessed_code, month, item_id, description, points_deducted, owner, due_date, status, verification_note, created_by, updated_by)
       SELECT k, c, m, i, d, p, o, dd, s, v, $11, $11
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::numeric[], $7::text[], $8::text[], $9::text[], $10::text[]) AS x(k, c, m, i, d, p, o, dd, s, v)`,
      [
        findings.map((f) => f.assessedUnit.kind),
        findings.map((f) => f.assessedUnit.code),
        findings.map((f) => f.month),
        findings.map((f) => f.itemId),
        findings.map((f) => f.description),
        findings.map((f) => String(f.pointsDeducted)),
        findings.map((f) => f.rectification.owner),
        findings.map((f) => f.rectification.dueDate),
        findings.map((f) => f.rectification.status),
        findings.map((f) => f.rectification.verificationNote),
        user,
      ],
    );
  }
  return { members: members.length, letters: letters.length, findings: findings.length };
}

/** True when any committee member, letter or finding is stored: the demo inputs are then not loaded again. */
export async function hasAssessmentData(db: Queryable): Promise<boolean> {
  const rows = await db.query<{ has: boolean }>(
    "SELECT EXISTS (SELECT 1 FROM committee_members) OR EXISTS (SELECT 1 FROM letters) OR EXISTS (SELECT 1 FROM supervision_findings) AS has",
  );
  return rows[0]?.has === true;
}

/**
 * Loads the folder's assessment files, in one transaction, into a database
 * whose org units are loaded and which holds no assessment inputs yet; returns
 * the counts, or null when there was nothing to do (no files, or already
 * loaded). Throws {@link DatasetError} before writing anything.
 */
export async function loadAssessmentInputs(db: Database, dir: string, tree: OrgUnitTree): Promise<AssessmentLoadCounts | null> {
  if (!(await hasAssessmentFiles(dir)) || (await hasAssessmentData(db))) return null;
  const inputs = await readAssessmentInputs(dir, tree);
  return db.transaction((tx) => insertAssessmentInputs(tx, inputs));
}

const QUARTER_INPUTS_FILE_RE = /^assessment_inputs_(\d{4})\.json$/;

/**
 * Reads the folder's `assessment_inputs_<year>.json` files (the demo's
 * quarterly manual scores, self-scores, commendations and vetoes; a JSON
 * array of `UnitQuarterInputsSchema`), in file order; none → []. Throws
 * {@link DatasetError} naming the file and the entry's path. Checked against
 * the letters when written (`insertQuarterInputs`).
 */
export async function readQuarterInputs(dir: string): Promise<UnitQuarterInputs[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => QUARTER_INPUTS_FILE_RE.test(n)).sort();
  const out: UnitQuarterInputs[] = [];
  for (const file of names) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path.join(dir, file), "utf8"));
    } catch (e) {
      throw new DatasetError(file, null, null, `not valid JSON: ${(e as Error).message}`);
    }
    if (!Array.isArray(raw)) throw new DatasetError(file, null, null, "expected a JSON array of unit-quarter inputs");
    raw.forEach((value, i) => {
      const result = UnitQuarterInputsSchema.safeParse(value);
      if (!result.success) {
        const issue = result.error.issues[0]!;
        throw new DatasetError(file, null, `[${i}].${issue.path.map(String).join(".")}`, issue.message);
      }
      out.push(result.data);
    });
  }
  return out;
}
