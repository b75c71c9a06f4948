/**
 * Reads and writes of the assessment inputs and runs (issue 3): committee
 * members, letters (with every version kept), supervision findings with their
 * rectification, assessment runs and results. Every write runs in one
 * transaction and records who (`user`, the caller's id) and when (the
 * server's clock, `now()`). Audit times leave as ISO strings; periods stay labels.
 *
 * Errors: {@link RecordNotFound}, {@link RecordConflict} (a duplicate, or a
 * stale `version`), {@link InvalidTransition} (a status change the workflow
 * does not allow), {@link FindingRefused} (a finding the assessment rules do
 * not allow: more points than its item, a month of a published quarter). Inputs are validated by the caller with the domain's schemas.
 */
import {
  indicator,
  isIndicatorCode,
  toNumber,
  type AssessedUnitKind,
  type CommitteeMember,
  type Letter,
  type LetterItem,
  type RectificationStatus,
  type SupervisionFinding,
} from "@linze/domain";
import { compressJsonTextAsync, decompressJsonText, jsonArrayBytes } from "./brotli-json.ts";
import { queryJsonRows, type Database, type Queryable, type Row } from "./client.ts";
import { lockedMonthMessage, lockedMonths } from "./data-write.ts";

export class RecordNotFound extends Error {
  constructor(readonly what: string, readonly key: string) {
    super(`No ${what} ${key} (未找到)`);
    this.name = "RecordNotFound";
  }
}

export class RecordConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RecordConflict";
  }
}

export class InvalidTransition extends Error {
  constructor(readonly from: string, readonly to: string, detail = "") {
    super(`Cannot go from ${from} to ${to}${detail} (状态变更不允许)`);
    this.name = "InvalidTransition";
  }
}

/**
 * Separation of duties (四眼原则): a run is reviewed and published by someone
 * other than the user who submitted it, so no one person computes, approves
 * and freezes a result alone.
 */
export class SameUserRefused extends Error {
  constructor(readonly runId: number, readonly to: "reviewed" | "published", readonly user: string) {
    const [en, zh] = to === "reviewed" ? ["review", "审核"] : ["publish", "发布"];
    super(`Run ${runId} was submitted by ${user}: another user must ${en} it (本次考核由${user}提交，提交人不能${zh}，须由其他用户${zh})`);
    this.name = "SameUserRefused";
  }
}

/**
 * A finding refused by the assessment rules (DOMAIN.md §6), with the input
 * field it concerns (`pointsDeducted`, `month`; null for the finding as a
 * whole) and the reason in English and Chinese; `message` is "English (中文)".
 */
export class FindingRefused extends Error {
  constructor(readonly field: "pointsDeducted" | "month" | null, readonly messageEn: string, readonly messageZh: string) {
    super(`${messageEn} (${messageZh})`);
    this.name = "FindingRefused";
  }
}

export interface Audit {
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));
const audit = (r: Row): Audit => ({ createdBy: String(r.created_by), createdAt: iso(r.created_at), updatedBy: String(r.updated_by), updatedAt: iso(r.updated_at) });
const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === "23505";

// --- Committee members ---------------------------------------------------------------------

export type StoredMember = CommitteeMember & { readonly version: number } & Audit;

const memberOf = (r: Row): StoredMember => ({
  code: String(r.code),
  name: String(r.name),
  orgUnit: String(r.org_unit),
  inPostFrom: String(r.in_post_from),
  inPostTo: r.in_post_to === null ? null : String(r.in_post_to),
  version: toNumber(r.version)!,
  ...audit(r),
});

/** Members, by code; `under` keeps those serving that org unit or anything below it. */
export async function listMembers(db: Queryable, filter: { under?: string } = {}): Promise<StoredMember[]> {
  const rows = filter.under
    ? await queryJsonRows(db, "SELECT m.* FROM committee_members m JOIN org_unit_closure c ON c.descendant = m.org_unit WHERE c.ancestor = $1", "code", [filter.under])
    : await queryJsonRows(db, "SELECT * FROM committee_members", "code");
  return rows.map(memberOf);
}

export async function getMember(db: Queryable, code: string): Promise<StoredMember> {
  const [r] = await db.query("SELECT * FROM committee_members WHERE code = $1", [code]);
  if (!r) throw new RecordNotFound("committee member", code);
  return memberOf(r);
}

export async function createMember(db: Database, m: CommitteeMember, user: string): Promise<StoredMember> {
  return db.transaction(async (tx) => {
    try {
      const [r] = await tx.query(
        "INSERT INTO committee_members (code, name, org_unit, in_post_from, in_post_to, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *",
        [m.code, m.name, m.orgUnit, m.inPostFrom, m.inPostTo, user],
      );
      return memberOf(r!);
    } catch (e) {
      if (isUniqueViolation(e)) throw new RecordConflict(`Committee member ${m.code} exists already (专职委员编号已存在)`);
      throw e;
    }
  });
}

/** Replaces a member's fields; `version` must be the stored one (else RecordConflict: someone saved in between). */
export async function updateMember(db: Database, m: CommitteeMember, version: number, user: string): Promise<StoredMember> {
  return db.transaction(async (tx) => {
    const [r] = await tx.query(
      `UPDATE committee_members SET name = $2, org_unit = $3, in_post_from = $4, in_post_to = $5, version = version + 1, updated_by = $6, updated_at = now()
       WHERE code = $1 AND version = $7 RETURNING *`,
      [m.code, m.name, m.orgUnit, m.inPostFrom, m.inPostTo, user, version],
    );
    if (r) return memberOf(r);
    const current = await getMember(tx, m.code);
    throw new RecordConflict(`Committee member ${m.code} is at version ${current.version}, not ${version}: reload and try again (数据已被修改)`);
  });
}

// --- Letters ---------------------------------------------------------------------------------

export type StoredLetter = Letter & { readonly id: number; readonly version: number; readonly copiedFrom: number | null } & Audit;

const letterOf = (r: Row): StoredLetter => ({
  id: toNumber(r.id)!,
  year: toNumber(r.year)!,
  assessedUnit: { kind: r.assessed_kind as AssessedUnitKind, code: String(r.assessed_code) },
  items: r.items as LetterItem[],
  version: toNumber(r.version)!,
  copiedFrom: r.copied_from === null ? null : toNumber(r.copied_from),
  ...audit(r),
});

export interface LetterFilter {
  readonly year?: number;
  readonly kind?: AssessedUnitKind;
  /** Township letters of the townships under it and member letters of members serving under it (e.g. `LZ-SH`: its own letter and its members'). */
  readonly under?: string;
}

/** Letters in (year, kind, code) order. */
export async function listLetters(db: Queryable, filter: LetterFilter = {}): Promise<StoredLetter[]> {
  // As one JSON text (queryJsonRows): a run reads every letter of its scope.
  const rows = await queryJsonRows(
    db,
    `SELECT l.* FROM letters l
     WHERE ($1::int IS NULL OR l.year = $1) AND ($2::text IS NULL OR l.assessed_kind = $2)
       AND ($3::text IS NULL OR EXISTS (
         SELECT 1 FROM org_unit_closure c
         LEFT JOIN committee_members m ON l.assessed_kind = 'committeeMember' AND m.code = l.assessed_code
         WHERE c.ancestor = $3 AND c.descendant = CASE WHEN l.assessed_kind = 'township' THEN l.assessed_code ELSE m.org_unit END))`,
    "year, assessed_kind DESC, assessed_code",
    [filter.year ?? null, filter.kind ?? null, filter.under ?? null],
  );
  return rows.map(letterOf);
}

export async function getLetter(db: Queryable, id: number): Promise<StoredLetter> {
  const [r] = await db.query("SELECT * FROM letters WHERE id = $1", [id]);
  if (!r) throw new RecordNotFound("letter", String(id));
  return letterOf(r);
}

export async function findLetter(db: Queryable, year: number, kind: AssessedUnitKind, code: string): Promise<StoredLetter | null> {
  const [r] = await db.query("SELECT * FROM letters WHERE year = $1 AND assessed_kind = $2 AND assessed_code = $3", [year, kind, code]);
  return r ? letterOf(r) : null;
}

async function insertLetter(tx: Queryable, l: Letter, user: string, copiedFrom: number | null): Promise<StoredLetter> {
  try {
    const [r] = await tx.query(
      "INSERT INTO letters (year, assessed_kind, assessed_code, items, copied_from, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING *",
      [l.year, l.assessedUnit.kind, l.assessedUnit.code, JSON.stringify(l.items), copiedFrom, user],
    );
    await tx.query("INSERT INTO letter_revisions (letter_id, version, items, changed_by) VALUES ($1, 1, $2, $3)", [r!.id, JSON.stringify(l.items), user]);
    return letterOf(r!);
  } catch (e) {
    if (isUniqueViolation(e)) throw new RecordConflict(`A ${l.year} letter for ${l.assessedUnit.code} exists already (该单位本年度责任书已存在)`);
    throw e;
  }
}

/** Stores a letter validated by `LetterSchema`; RecordConflict when the unit has one for that year. */
export function createLetter(db: Database, l: Letter, user: string): Promise<StoredLetter> {
  return db.transaction((tx) => insertLetter(tx, l, user, null));
}

/** Replaces a letter's items (validated by the caller), keeping the old version in letter_revisions. */
export async function updateLetterItems(db: Database, id: number, items: readonly LetterItem[], version: number, user: string): Promise<StoredLetter> {
  return db.transaction(async (tx) => {
    const [r] = await tx.query(
      "UPDATE letters SET items = $2, version = version + 1, updated_by = $3, updated_at = now() WHERE id = $1 AND version = $4 RETURNING *",
      [id, JSON.stringify(items), user, version],
    );
    if (!r) {
      const current = await getLetter(tx, id);
      throw new RecordConflict(`Letter ${id} is at version ${current.version}, not ${version}: reload and try again (数据已被修改)`);
    }
    await tx.query("INSERT INTO letter_revisions (letter_id, version, items, changed_by) VALUES ($1, $2, $3, $4)", [id, r.version, JSON.stringify(items), user]);
    return letterOf(r);
  });
}

/** A new letter for the next year with the same unit and items (`copiedFrom` = the source); RecordConflict when that year's letter exists. */
export async function copyLetterToNextYear(db: Database, id: number, user: string): Promise<StoredLetter> {
  return db.transaction(async (tx) => {
    const source = await getLetter(tx, id);
    return insertLetter(tx, { year: source.year + 1, assessedUnit: source.assessedUnit, items: source.items }, user, source.id);
  });
}

/** Every version of a letter, oldest first. */
export async function listLetterRevisions(db: Queryable, id: number): Promise<{ version: number; items: LetterItem[]; changedBy: string; changedAt: string }[]> {
  const rows = await db.query("SELECT * FROM letter_revisions WHERE letter_id = $1 ORDER BY version", [id]);
  return rows.map((r) => ({ version: toNumber(r.version)!, items: r.items as LetterItem[], changedBy: String(r.changed_by), changedAt: iso(r.changed_at) }));
}

// --- Supervision findings -----------------------------------------------------------------------

/** A finding's withdrawal (撤销): why, by whom (user id), when (ISO instant). */
export interface FindingWithdrawal {
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export type StoredFinding = SupervisionFinding & {
  readonly id: number;
  /** Null while the finding is in force; a withdrawn finding is kept and listed but deducts nothing in later runs. */
  readonly withdrawal: FindingWithdrawal | null;
  readonly rectifiedBy: string | null;
  readonly rectifiedAt: string | null;
  readonly verifiedBy: string | null;
  readonly verifiedAt: string | null;
} & Audit;

const findingOf = (r: Row): StoredFinding => ({
  id: toNumber(r.id)!,
  assessedUnit: { kind: r.assessed_kind as AssessedUnitKind, code: String(r.assessed_code) },
  month: String(r.month),
  itemId: String(r.item_id),
  description: String(r.description),
  pointsDeducted: toNumber(r.points_deducted)!,
  rectification: {
    owner: String(r.owner),
    dueDate: String(r.due_date),
    status: r.status as RectificationStatus,
    verificationNote: r.verification_note === null ? null : String(r.verification_note),
  },
  rectifiedBy: r.rectified_by === null ? null : String(r.rectified_by),
  rectifiedAt: isoOrNull(r.rectified_at),
  verifiedBy: r.verified_by === null ? null : String(r.verified_by),
  verifiedAt: isoOrNull(r.verified_at),
  withdrawal: r.withdrawn_at === null || r.withdrawn_at === undefined ? null : { reason: String(r.withdrawal_reason), by: String(r.withdrawn_by), at: iso(r.withdrawn_at) },
  ...audit(r),
});

export interface FindingFilter {
  readonly kind?: AssessedUnitKind;
  readonly code?: string;
  /** A month `YYYY-MM`, or a year `YYYY` for all its months. */
  readonly period?: string;
  /** Only findings of townships under it and of members serving under it. */
  readonly under?: string;
  readonly status?: RectificationStatus;
  /** Open findings due before this date label `YYYY-MM-DD` (overdue as of it). */
  readonly overdueAsOf?: string;
  /** Withdrawn findings too (the list shows them marked); by default only those in force, which is what a run deducts and what can be overdue. */
  readonly includeWithdrawn?: boolean;
}

/** Findings in (month, unit, id) order; only those in force unless `includeWithdrawn`. */
export async function listFindings(db: Queryable, filter: FindingFilter = {}): Promise<StoredFinding[]> {
  const rows = await queryJsonRows(
    db,
    `SELECT f.* FROM supervision_findings f
     WHERE ($1::text IS NULL OR f.assessed_kind = $1) AND ($2::text IS NULL OR f.assessed_code = $2)
       AND ($3::text IS NULL OR f.month = $3 OR left(f.month, 4) = $3)
       AND ($4::text IS NULL OR EXISTS (
         SELECT 1 FROM org_unit_closure c
         LEFT JOIN committee_members m ON f.assessed_kind = 'committeeMember' AND m.code = f.assessed_code
         WHERE c.ancestor = $4 AND c.descendant = CASE WHEN f.assessed_kind = 'township' THEN f.assessed_code ELSE m.org_unit END))
       AND ($5::text IS NULL OR f.status = $5)
       AND ($6::text IS NULL OR (f.status = 'open' AND f.due_date < $6))
       AND ($7::boolean OR f.withdrawn_at IS NULL)`,
    "month, assessed_code, id",
    [filter.kind ?? null, filter.code ?? null, filter.period ?? null, filter.under ?? null, filter.status ?? null, filter.overdueAsOf ?? null, filter.includeWithdrawn ?? false],
  );
  return rows.map(findingOf);
}

export async function getFinding(db: Queryable, id: number): Promise<StoredFinding> {
  const [r] = await db.query("SELECT * FROM supervision_findings WHERE id = $1", [id]);
  if (!r) throw new RecordNotFound("supervision finding", String(id));
  return findingOf(r);
}

/** The item as a message names it: its id and title (a manual item's, an indicator's name), in English and Chinese. */
function itemLabel(item: LetterItem): { en: string; zh: string } {
  if (item.kind === "manual") return { en: `${item.id} "${item.titleEn}"`, zh: `${item.id}“${item.titleZh}”` };
  if (!isIndicatorCode(item.indicator)) return { en: item.id, zh: item.id };
  const i = indicator(item.indicator);
  return { en: `${item.id} "${i.nameEn}"`, zh: `${item.id}“${i.nameZh}”` };
}

/**
 * Refuses a change to the findings of `month` while its quarter's
 * assessment is published and no new revision of it is started: the same
 * lock as data values' ({@link lockedMonths}, DOMAIN.md §6: a published result
 * is frozen, a later change is a new revision), since every later run of
 * the year would deduct it. FindingRefused at `month`.
 */
async function assertMonthOpen(q: Queryable, month: string, field: "month" | null): Promise<void> {
  const [locked] = await lockedMonths(q, [month]);
  if (locked) {
    const m = lockedMonthMessage(locked);
    throw new FindingRefused(field, m.en, m.zh);
  }
}

/**
 * Stores a new finding (status open unless given). RecordNotFound when the
 * unit has no letter for the finding's year; RecordConflict when that letter
 * has no such item; FindingRefused at `pointsDeducted` when it deducts more
 * than the item's points (DOMAIN.md §6: a deduction comes off the item it
 * concerns, capped by it; 25 typed for 2.5 is refused, not stored), and at
 * `month` when the month is in a published quarter ({@link assertMonthOpen}).
 */
export async function createFinding(db: Database, f: SupervisionFinding, user: string): Promise<StoredFinding> {
  return db.transaction(async (tx) => {
    const year = Number(f.month.slice(0, 4));
    const letter = await findLetter(tx, year, f.assessedUnit.kind, f.assessedUnit.code);
    if (!letter) throw new RecordNotFound(`${year} letter for`, `${f.assessedUnit.kind} ${f.assessedUnit.code}`);
    if (!letter.items.some((i) => i.id === f.itemId)) {
      throw new RecordConflict(`The ${year} letter of ${f.assessedUnit.code} has no item "${f.itemId}"; its items: ${letter.items.map((i) => i.id).join(", ")} (责任书中无此项目)`);
    }
    const item = letter.items.find((i) => i.id === f.itemId)!;
    if (f.pointsDeducted > item.points) {
      const name = itemLabel(item);
      throw new FindingRefused(
        "pointsDeducted",
        `a deduction of ${f.pointsDeducted} points exceeds item ${name.en}, which carries ${item.points} points`,
        `扣分 ${f.pointsDeducted} 超过项目 ${name.zh} 的分值 ${item.points} 分`,
      );
    }
    await assertMonthOpen(tx, f.month, "month");
    const [r] = await tx.query(
      `INSERT INTO supervision_findings (assessed_kind, assessed_code, month, item_id, description, points_deducted, owner, due_date, status, verification_note, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING *`,
      [f.assessedUnit.kind, f.assessedUnit.code, f.month, f.itemId, f.description, String(f.pointsDeducted), f.rectification.owner, f.rectification.dueDate, f.rectification.status, f.rectification.verificationNote, user],
    );
    return findingOf(r!);
  });
}

/** The rectification workflow: open → rectified → verified (a verification needs a note). */
export const RECTIFICATION_NEXT: Readonly<Record<RectificationStatus, RectificationStatus | null>> = { open: "rectified", rectified: "verified", verified: null };

/**
 * Moves a finding one step: open → rectified (records who and when), or
 * rectified → verified with a non-empty note. Anything else (skipping a step,
 * going back, verifying without a note) is InvalidTransition. The UPDATE
 * checks the status it read, so two concurrent moves cannot both succeed.
 */
export async function setRectificationStatus(db: Database, id: number, to: RectificationStatus, note: string | null, user: string): Promise<StoredFinding> {
  return db.transaction(async (tx) => {
    const current = await getFinding(tx, id);
    const from = current.rectification.status;
    if (current.withdrawal) throw new InvalidTransition(from, to, `: finding ${id} is withdrawn (问题已撤销)`);
    if (RECTIFICATION_NEXT[from] !== to) throw new InvalidTransition(from, to, `; from ${from} the next step is ${RECTIFICATION_NEXT[from] ?? "none (verified is final)"}`);
    if (to === "verified" && !note?.trim()) throw new InvalidTransition(from, to, ": a verification needs a note (核查须填写说明)");
    const [r] = await tx.query(
      to === "rectified"
        ? "UPDATE supervision_findings SET status = 'rectified', rectified_by = $3, rectified_at = now(), updated_by = $3, updated_at = now() WHERE id = $1 AND status = $2 RETURNING *"
        : "UPDATE supervision_findings SET status = 'verified', verification_note = $4, verified_by = $3, verified_at = now(), updated_by = $3, updated_at = now() WHERE id = $1 AND status = $2 RETURNING *",
      to === "rectified" ? [id, from, user] : [id, from, user, note!.trim()],
    );
    if (!r) throw new RecordConflict(`Finding ${id} changed meanwhile: reload and try again (数据已被修改)`);
    return findingOf(r);
  });
}

/**
 * Withdraws a finding (撤销), e.g. one recorded with 25 for 2.5 points: it
 * stays stored and listed with the reason, who and when, and deducts nothing
 * in runs computed afterwards; stored runs keep it in their inputs snapshot.
 * `reason` must not be blank (InvalidTransition). RecordConflict when it is
 * already withdrawn (also when another withdrawal commits meanwhile);
 * FindingRefused when its month is in a published quarter
 * ({@link assertMonthOpen}).
 */
export async function withdrawFinding(db: Database, id: number, reason: string, user: string): Promise<StoredFinding> {
  return db.transaction(async (tx) => {
    const current = await getFinding(tx, id);
    if (current.withdrawal) throw new RecordConflict(`Finding ${id} is already withdrawn (该问题已撤销)`);
    if (!reason.trim()) throw new InvalidTransition("in force", "withdrawn", ": a withdrawal needs a reason (撤销须填写原因)");
    await assertMonthOpen(tx, current.month, null);
    const [r] = await tx.query(
      "UPDATE supervision_findings SET withdrawal_reason = $2, withdrawn_by = $3, withdrawn_at = now(), updated_by = $3, updated_at = now() WHERE id = $1 AND withdrawn_at IS NULL RETURNING *",
      [id, reason.trim(), user],
    );
    if (!r) throw new RecordConflict(`Finding ${id} is already withdrawn (该问题已撤销)`);
    return findingOf(r);
  });
}

// --- Assessment runs and results ------------------------------------------------------------------

export type AssessmentScope = "townships" | "townshipMembers" | "countyMembers";
export type RunStatus = "draft" | "submitted" | "reviewed" | "published";

/** The workflow of DOMAIN.md §6: each step goes one way, published is final. */
export const RUN_NEXT: Readonly<Record<RunStatus, RunStatus | null>> = { draft: "submitted", submitted: "reviewed", reviewed: "published", published: null };

export interface StoredRun {
  readonly id: number;
  readonly year: number;
  readonly quarter: number;
  readonly scope: AssessmentScope;
  readonly scopeOrgUnit: string;
  readonly revision: number;
  readonly status: RunStatus;
  readonly engineVersion: string;
  readonly inputsHash: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly submittedBy: string | null;
  readonly submittedAt: string | null;
  readonly reviewedBy: string | null;
  readonly reviewedAt: string | null;
  readonly publishedBy: string | null;
  readonly publishedAt: string | null;
}

export interface NewResult {
  readonly assessedKind: AssessedUnitKind;
  readonly assessedCode: string;
  readonly orgUnit: string;
  /** The engine's full result (plain JSON). */
  readonly result: unknown;
  /** A decimal text (the nearest decimal of the exact total). */
  readonly total: string;
  readonly grade: string | null;
  readonly rank: number | null;
  readonly selfScores: unknown;
}

export interface StoredResult extends Omit<NewResult, "total"> {
  readonly total: number;
}

const runOf = (r: Row): StoredRun => ({
  id: toNumber(r.id)!,
  year: toNumber(r.year)!,
  quarter: toNumber(r.quarter)!,
  scope: r.scope as AssessmentScope,
  scopeOrgUnit: String(r.scope_org_unit),
  revision: toNumber(r.revision)!,
  status: r.status as RunStatus,
  engineVersion: String(r.engine_version),
  inputsHash: String(r.inputs_hash),
  createdBy: String(r.created_by),
  createdAt: iso(r.created_at),
  submittedBy: (r.submitted_by as string | null) ?? null,
  submittedAt: isoOrNull(r.submitted_at),
  reviewedBy: (r.reviewed_by as string | null) ?? null,
  reviewedAt: isoOrNull(r.reviewed_at),
  publishedBy: (r.published_by as string | null) ?? null,
  publishedAt: isoOrNull(r.published_at),
});

const RUN_COLUMNS = "id, year, quarter, scope, scope_org_unit, revision, status, engine_version, inputs_hash, created_by, created_at, submitted_by, submitted_at, reviewed_by, reviewed_at, published_by, published_at";

/** One element of `assessment_runs.results_brotli`'s JSON array. */
interface PackedResult {
  readonly kind: string;
  readonly code: string;
  readonly result: unknown;
}

/** Result rows inserted per statement by {@link createRun}. */
const RESULTS_PER_STATEMENT = 1000;

/**
 * Stores a draft run with its inputs snapshot, their hash and its results, in
 * one transaction; the revision is the next for (year, quarter, scope, scope
 * org unit), so a re-run after publication is a new revision beside the frozen one.
 * `inputsJson`, when given, is `inputs` already serialised (the text that was
 * hashed, or its UTF-8 bytes) and is stored as it is.
 *
 * Storage (migration 0008): the inputs text and the results (one JSON array of
 * `{ kind, code, result }`, in the order given) are Brotli-compressed into the run's `inputs_brotli` and
 * `results_brotli` (brotli-json.ts); each unit's row in `assessment_results`
 * keeps its total, grade, rank and self-scores as columns. {@link getRunInputs}
 * and {@link listResults} read them back. Compressing the whole array, not each
 * result, matters: a county's 83 results are 1.17 MB of JSON, 68 KB as one
 * Brotli stream and 300 KB as 83.
 */
export async function createRun(
  db: Database,
  run: { year: number; quarter: number; scope: AssessmentScope; scopeOrgUnit: string; engineVersion: string; inputs: unknown; inputsHash: string; inputsJson?: string | Uint8Array },
  results: readonly NewResult[],
  user: string,
): Promise<StoredRun> {
  // Compressed on the thread pool: the inputs while the results are serialised here, both while the
  // transaction takes its lock (issue 6 P3). Each promise is handled at once, so one that is never
  // awaited (the lock failed) cannot reject unhandled.
  const inputsBrotli = compressJsonTextAsync(run.inputsJson ?? JSON.stringify(run.inputs));
  const resultsBrotli = compressJsonTextAsync(jsonArrayBytes(results.map((x): PackedResult => ({ kind: x.assessedKind, code: x.assessedCode, result: x.result }))));
  const compressed = Promise.all([inputsBrotli, resultsBrotli]);
  compressed.catch(() => undefined);
  return db.transaction(async (tx) => {
    // Serialises concurrent runs of one scope: the unique constraint would refuse the second anyway.
    await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`assessment_run|${run.year}|${run.quarter}|${run.scope}|${run.scopeOrgUnit}`]);
    // The bytes travel as base64 text decoded by the server: PGlite's encoder of a bytea parameter took
    // ~40 ms for 100 KB, base64 (native in Node) well under 1 ms (and the server's decode 2–3 ms).
    const [inputsBrotliBytes, resultsBrotliBytes] = await compressed;
    const [r] = await tx.query(
      `INSERT INTO assessment_runs (year, quarter, scope, scope_org_unit, revision, engine_version, inputs_brotli, results_brotli, inputs_hash, created_by)
       SELECT $1, $2, $3, $4, coalesce(max(revision), 0) + 1, $5, decode($6, 'base64'), decode($7, 'base64'), $8, $9
       FROM assessment_runs WHERE year = $1 AND quarter = $2 AND scope = $3 AND scope_org_unit = $4
       RETURNING ${RUN_COLUMNS}`,
      [run.year, run.quarter, run.scope, run.scopeOrgUnit, run.engineVersion, inputsBrotliBytes.toString("base64"), resultsBrotliBytes.toString("base64"), run.inputsHash, user],
    );
    const stored = runOf(r!);
    for (let i = 0; i < results.length; i += RESULTS_PER_STATEMENT) {
      const chunk = results.slice(i, i + RESULTS_PER_STATEMENT);
      const column = <T>(f: (x: NewResult) => T) => chunk.map(f);
      await tx.query(
        `INSERT INTO assessment_results (run_id, assessed_kind, assessed_code, org_unit, total, grade, rank, self_scores)
         SELECT $1, k, c, o, t, g, n, s FROM unnest($2::text[], $3::text[], $4::text[], $5::numeric[], $6::text[], $7::int[], $8::jsonb[]) AS x(k, c, o, t, g, n, s)`,
        [
          stored.id,
          column((x) => x.assessedKind),
          column((x) => x.assessedCode),
          column((x) => x.orgUnit),
          column((x) => x.total),
          column((x) => x.grade),
          column((x) => x.rank),
          column((x) => (x.selfScores === undefined || x.selfScores === null ? null : JSON.stringify(x.selfScores))),
        ],
      );
    }
    return stored;
  });
}

export async function getRun(db: Queryable, id: number): Promise<StoredRun> {
  const [r] = await db.query(`SELECT ${RUN_COLUMNS} FROM assessment_runs WHERE id = $1`, [id]);
  if (!r) throw new RecordNotFound("assessment run", String(id));
  return runOf(r);
}

/** The stored inputs snapshot of a run (as hashed), parsed: from `inputs_brotli`, or the JSONB `inputs` of a run stored before migration 0008. RecordNotFound for an unknown run. */
export async function getRunInputs(db: Queryable, id: number): Promise<unknown> {
  const [r] = await db.query("SELECT inputs, inputs_brotli FROM assessment_runs WHERE id = $1", [id]);
  if (!r) throw new RecordNotFound("assessment run", String(id));
  return r.inputs_brotli ? JSON.parse(decompressJsonText(r.inputs_brotli as Uint8Array)) : r.inputs;
}

/** Runs, newest revision first within (year, quarter, scope). */
export async function listRuns(db: Queryable, filter: { year?: number; quarter?: number; scope?: AssessmentScope; status?: RunStatus } = {}): Promise<StoredRun[]> {
  const rows = await db.query(
    `SELECT ${RUN_COLUMNS} FROM assessment_runs
     WHERE ($1::int IS NULL OR year = $1) AND ($2::int IS NULL OR quarter = $2) AND ($3::text IS NULL OR scope = $3) AND ($4::text IS NULL OR status = $4)
     ORDER BY year, quarter, scope, scope_org_unit, revision DESC`,
    [filter.year ?? null, filter.quarter ?? null, filter.scope ?? null, filter.status ?? null],
  );
  return rows.map(runOf);
}

/**
 * The order of a run's results: rank, the unranked last, then by code in byte
 * order (COLLATE "C", the same on every server and as {@link compareResults}).
 */
const RESULT_ORDER = `rank NULLS LAST, assessed_code COLLATE "C"`;

/** {@link RESULT_ORDER} in JS, for results not read back from the database. */
export function compareResults(a: { rank: number | null; assessedCode: string }, b: { rank: number | null; assessedCode: string }): number {
  if (a.rank !== b.rank) return a.rank === null ? 1 : b.rank === null ? -1 : a.rank - b.rank;
  return a.assessedCode < b.assessedCode ? -1 : a.assessedCode > b.assessedCode ? 1 : 0;
}

/**
 * A run's results in ranking order: ranked units by rank then code, then the
 * unranked by code ({@link RESULT_ORDER}). Each unit's full result comes from
 * the run's `results_brotli` (matched by kind and code), or from its row's
 * JSONB `result` for a run stored before migration 0008. RecordNotFound for an unknown run.
 */
export async function listResults(db: Queryable, runId: number): Promise<StoredResult[]> {
  const [run] = await db.query("SELECT results_brotli FROM assessment_runs WHERE id = $1", [runId]);
  if (!run) throw new RecordNotFound("assessment run", String(runId));
  const rows = await db.query(
    `SELECT assessed_kind, assessed_code, org_unit, result, total, grade, rank, self_scores FROM assessment_results WHERE run_id = $1 ORDER BY ${RESULT_ORDER}`,
    [runId],
  );
  const packed = new Map<string, unknown>();
  if (run.results_brotli) {
    for (const p of JSON.parse(decompressJsonText(run.results_brotli as Uint8Array)) as PackedResult[]) packed.set(`${p.kind}|${p.code}`, p.result);
  }
  return rows.map((r) => ({
    assessedKind: r.assessed_kind as AssessedUnitKind,
    assessedCode: String(r.assessed_code),
    orgUnit: String(r.org_unit),
    result: run.results_brotli ? packed.get(`${r.assessed_kind}|${r.assessed_code}`) : r.result,
    total: toNumber(r.total)!,
    grade: (r.grade as string | null) ?? null,
    rank: r.rank === null ? null : toNumber(r.rank),
    selfScores: r.self_scores ?? null,
  }));
}

/**
 * Moves a run one step (draft → submitted → reviewed → published), recording
 * who and when; `verifyHash` (called on publish with the stored inputs) must
 * return true, so a run whose snapshot no longer matches its hash is never
 * published. A published run is final: InvalidTransition for anything else.
 * Review and publish by the user who submitted the run: SameUserRefused.
 */
export async function transitionRun(db: Database, id: number, to: RunStatus, user: string, verifyHash: (inputs: unknown, hash: string) => boolean): Promise<StoredRun> {
  return db.transaction(async (tx) => {
    const current = await getRun(tx, id);
    if (RUN_NEXT[current.status] !== to) throw new InvalidTransition(current.status, to, `; from ${current.status} the next step is ${RUN_NEXT[current.status] ?? "none (published is final)"}`);
    if ((to === "reviewed" || to === "published") && current.submittedBy === user) throw new SameUserRefused(id, to, user);
    if (to === "published" && !verifyHash(await getRunInputs(tx, id), current.inputsHash)) {
      throw new RecordConflict(`Run ${id}: the stored inputs no longer match their hash ${current.inputsHash}; not published (输入数据校验失败)`);
    }
    const column = to === "submitted" ? "submitted" : to === "reviewed" ? "reviewed" : "published";
    const [r] = await tx.query(
      `UPDATE assessment_runs SET status = $2, ${column}_by = $3, ${column}_at = now() WHERE id = $1 AND status = $4 RETURNING ${RUN_COLUMNS}`,
      [id, to, user, current.status],
    );
    if (!r) throw new RecordConflict(`Run ${id} changed meanwhile: reload and try again (数据已被修改)`);
    return runOf(r);
  });
}
