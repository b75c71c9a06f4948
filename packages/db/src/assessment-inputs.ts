/**
 * The stored inputs of quarterly assessments (issue 3): per (year, quarter,
 * assessed unit) the assessor's points for manual items, the unit's
 * self-scores, commendations and vetoes — tables `assessment_item_scores`
 * and `assessment_adjustments`. Every write checks the unit's letter for the
 * year (the item exists; an assessor's score is for a manual item and within
 * its points; a veto names a veto item), runs in one transaction and records
 * who (`user`) and when (`now()`).
 *
 * Errors: {@link RecordNotFound} (no letter, no such commendation or veto),
 * `AssessmentInputError` from the domain (an item or points the letter does
 * not allow).
 */
import {
  AssessmentInputError,
  toNumber,
  type AssessedUnit,
  type AssessedUnitKind,
  type Commendation,
  type Letter,
  type UnitQuarterInputs,
  type VetoRecord,
} from "@linze/domain";
import { queryJsonRows, type Database, type Queryable, type Row } from "./client.ts";
import { findLetter, RecordNotFound } from "./assessment-store.ts";

export interface UnitQuarterKey {
  readonly year: number;
  readonly quarter: number;
  readonly assessedUnit: AssessedUnit;
}

export type ScoreSource = "assessor" | "self";

export interface StoredItemScore {
  readonly itemId: string;
  readonly points: number;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

export interface StoredAdjustment {
  readonly id: number;
  readonly type: "commendation" | "veto";
  /** The veto item; null for a commendation. */
  readonly itemId: string | null;
  /** Bonus points of a commendation; null for a veto. */
  readonly points: number | null;
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** What is stored for one unit and quarter, each list in item id (scores) or entry (adjustments) order. */
export interface StoredUnitInputs extends UnitQuarterKey {
  readonly manualScores: StoredItemScore[];
  readonly selfScores: StoredItemScore[];
  readonly commendations: StoredAdjustment[];
  readonly vetoes: StoredAdjustment[];
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const unitKey = (kind: string, code: string) => `${kind}|${code}`;

const scoreOf = (r: Row): StoredItemScore => ({
  itemId: String(r.item_id),
  points: toNumber(r.points)!,
  createdBy: String(r.created_by),
  createdAt: iso(r.created_at),
  updatedBy: String(r.updated_by),
  updatedAt: iso(r.updated_at),
});

const adjustmentOf = (r: Row): StoredAdjustment => ({
  id: toNumber(r.id)!,
  type: r.type as StoredAdjustment["type"],
  itemId: r.item_id === null ? null : String(r.item_id),
  points: r.points === null ? null : toNumber(r.points),
  reason: String(r.reason),
  createdBy: String(r.created_by),
  createdAt: iso(r.created_at),
});

const empty = (year: number, quarter: number, assessedUnit: AssessedUnit): StoredUnitInputs => ({
  year,
  quarter,
  assessedUnit,
  manualScores: [],
  selfScores: [],
  commendations: [],
  vetoes: [],
});

/**
 * Stored inputs of a quarter: every unit with any entry (or only `units`,
 * each returned even when it has none), by kind then code.
 */
export async function listQuarterInputs(db: Queryable, year: number, quarter: number, units?: readonly AssessedUnit[]): Promise<StoredUnitInputs[]> {
  const kinds = units?.map((u) => u.kind) ?? null;
  const codes = units?.map((u) => u.code) ?? null;
  const filter = `year = $1 AND quarter = $2 AND ($3::text[] IS NULL OR (assessed_kind, assessed_code) IN (SELECT * FROM unnest($3::text[], $4::text[])))`;
  // As JSON texts: a run reads every unit's scores at once (320 rows for the county's members), cell by cell 3x slower on PGlite.
  const scores = await queryJsonRows(db, `SELECT * FROM assessment_item_scores WHERE ${filter}`, "assessed_kind, assessed_code, item_id, source", [year, quarter, kinds, codes]);
  const adjustments = await queryJsonRows(db, `SELECT * FROM assessment_adjustments WHERE ${filter}`, "assessed_kind, assessed_code, id", [year, quarter, kinds, codes]);
  const out = new Map<string, StoredUnitInputs>();
  for (const u of units ?? []) out.set(unitKey(u.kind, u.code), empty(year, quarter, { kind: u.kind, code: u.code }));
  const entry = (r: Row) => {
    const k = unitKey(String(r.assessed_kind), String(r.assessed_code));
    if (!out.has(k)) out.set(k, empty(year, quarter, { kind: r.assessed_kind as AssessedUnitKind, code: String(r.assessed_code) }));
    return out.get(k)!;
  };
  for (const r of scores) (r.source === "assessor" ? entry(r).manualScores : entry(r).selfScores).push(scoreOf(r));
  for (const r of adjustments) (r.type === "commendation" ? entry(r).commendations : entry(r).vetoes).push(adjustmentOf(r));
  return [...out.values()].sort((a, b) => (a.assessedUnit.kind < b.assessedUnit.kind ? 1 : a.assessedUnit.kind > b.assessedUnit.kind ? -1 : a.assessedUnit.code < b.assessedUnit.code ? -1 : a.assessedUnit.code > b.assessedUnit.code ? 1 : 0));
}

/** The stored inputs of one unit and quarter (empty lists when nothing is stored). */
export async function getUnitInputs(db: Queryable, key: UnitQuarterKey): Promise<StoredUnitInputs> {
  return (await listQuarterInputs(db, key.year, key.quarter, [key.assessedUnit]))[0]!;
}

/** The stored inputs as the scoring engine takes them: points by item id, commendations, vetoes. */
export function engineInputs(stored: StoredUnitInputs): Pick<UnitQuarterInputs, "manualScores" | "selfScores" | "commendations" | "vetoes"> {
  return {
    manualScores: Object.fromEntries(stored.manualScores.map((s) => [s.itemId, s.points])),
    selfScores: Object.fromEntries(stored.selfScores.map((s) => [s.itemId, s.points])),
    commendations: stored.commendations.map((c): Commendation => ({ reason: c.reason, points: c.points! })),
    vetoes: stored.vetoes.map((v): VetoRecord => ({ itemId: v.itemId!, reason: v.reason })),
  };
}

async function letterFor(tx: Queryable, key: UnitQuarterKey): Promise<Letter> {
  const letter = await findLetter(tx, key.year, key.assessedUnit.kind, key.assessedUnit.code);
  if (!letter) throw new RecordNotFound(`${key.year} letter for`, `${key.assessedUnit.kind} ${key.assessedUnit.code}`);
  return letter;
}

/**
 * Checks one entry against the letter; throws AssessmentInputError naming the
 * item and the allowed range: an assessor's points only for a manual item,
 * 0…item points; a self-score for any item, 0…item points; a veto only on a veto item.
 */
export function checkAgainstLetter(letter: Letter, entry: { kind: "manualScore" | "selfScore" | "veto"; itemId: string; points?: number }): void {
  const item = letter.items.find((i) => i.id === entry.itemId);
  const code = letter.assessedUnit.code;
  if (!item) throw new AssessmentInputError(`The ${letter.year} letter of ${code} has no item "${entry.itemId}"; its items: ${letter.items.map((i) => i.id).join(", ")} (责任书中无此项目)`);
  if (entry.kind === "manualScore" && item.kind !== "manual") {
    throw new AssessmentInputError(`Item ${item.id} of ${code} is scored from the data, not by the assessor (该项目按数据计分，不能手工评分)`);
  }
  if (entry.kind === "veto" && !item.veto) throw new AssessmentInputError(`Item ${item.id} of ${code} is not a veto item (${item.id} 不是一票否决项目)`);
  if (entry.points !== undefined && !(entry.points >= 0 && entry.points <= item.points)) {
    throw new AssessmentInputError(`Points ${entry.points} for item ${item.id} of ${code} are outside 0…${item.points} (评分超出 0–${item.points} 分)`);
  }
}

/**
 * Sets (or with `points` null clears) the assessor's (`assessor`) or the
 * unit's own (`self`) points for one item; returns the unit's stored inputs.
 */
export async function setItemScore(db: Database, key: UnitQuarterKey, itemId: string, source: ScoreSource, points: number | null, user: string): Promise<StoredUnitInputs> {
  return db.transaction(async (tx) => {
    const letter = await letterFor(tx, key);
    checkAgainstLetter(letter, { kind: source === "assessor" ? "manualScore" : "selfScore", itemId, ...(points === null ? {} : { points }) });
    const params = [key.year, key.quarter, key.assessedUnit.kind, key.assessedUnit.code, itemId, source];
    if (points === null) {
      await tx.query("DELETE FROM assessment_item_scores WHERE year = $1 AND quarter = $2 AND assessed_kind = $3 AND assessed_code = $4 AND item_id = $5 AND source = $6", params);
    } else {
      await tx.query(
        `INSERT INTO assessment_item_scores (year, quarter, assessed_kind, assessed_code, item_id, source, points, created_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
         ON CONFLICT (year, quarter, assessed_kind, assessed_code, item_id, source)
         DO UPDATE SET points = excluded.points, updated_by = excluded.updated_by, updated_at = now()`,
        [...params, String(points), user],
      );
    }
    return getUnitInputs(tx, key);
  });
}

async function insertAdjustment(tx: Queryable, key: UnitQuarterKey, type: "commendation" | "veto", itemId: string | null, points: number | null, reason: string, user: string): Promise<StoredAdjustment> {
  const [r] = await tx.query(
    `INSERT INTO assessment_adjustments (year, quarter, assessed_kind, assessed_code, type, item_id, points, reason, created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *`,
    [key.year, key.quarter, key.assessedUnit.kind, key.assessedUnit.code, type, itemId, points === null ? null : String(points), reason, user],
  );
  return adjustmentOf(r!);
}

/** Records a commendation (bonus points > 0 with its reason) for the unit's quarter; the unit must have a letter. */
export async function addCommendation(db: Database, key: UnitQuarterKey, c: Commendation, user: string): Promise<StoredAdjustment> {
  return db.transaction(async (tx) => {
    await letterFor(tx, key);
    if (!(c.points > 0)) throw new AssessmentInputError(`Commendation points must be above 0, got ${c.points} (表彰加分须大于0)`);
    return insertAdjustment(tx, key, "commendation", null, c.points, c.reason, user);
  });
}

/** Records a veto against a veto item of the unit's letter. */
export async function addVeto(db: Database, key: UnitQuarterKey, v: VetoRecord, user: string): Promise<StoredAdjustment> {
  return db.transaction(async (tx) => {
    checkAgainstLetter(await letterFor(tx, key), { kind: "veto", itemId: v.itemId });
    return insertAdjustment(tx, key, "veto", v.itemId, null, v.reason, user);
  });
}

/** Removes a commendation or veto by id (published runs keep their copy); RecordNotFound when there is none. */
export async function removeAdjustment(db: Database, id: number): Promise<StoredAdjustment> {
  return db.transaction(async (tx) => {
    const [r] = await tx.query("DELETE FROM assessment_adjustments WHERE id = $1 RETURNING *", [id]);
    if (!r) throw new RecordNotFound("commendation or veto", String(id));
    return adjustmentOf(r);
  });
}

/** True when any item score, commendation or veto is stored. */
export async function hasStoredAssessmentInputs(db: Queryable): Promise<boolean> {
  const rows = await db.query<{ has: boolean }>("SELECT EXISTS (SELECT 1 FROM assessment_item_scores) OR EXISTS (SELECT 1 FROM assessment_adjustments) AS has");
  return rows[0]?.has === true;
}

/**
 * Writes many units' quarterly inputs in the caller's transaction (the demo
 * seeding), each checked against its letter like a single write; the
 * assessor's scores, commendations and vetoes are recorded as `users.assessor`,
 * self-scores as `users.self(unit code)`. Throws RecordNotFound / AssessmentInputError.
 */
export async function insertQuarterInputs(
  tx: Queryable,
  inputs: readonly UnitQuarterInputs[],
  users: { readonly assessor: string; readonly self: (code: string) => string },
): Promise<{ scores: number; adjustments: number }> {
  const letters = new Map<string, Letter>();
  const scoreRows: unknown[][] = [];
  let adjustments = 0;
  for (const u of inputs) {
    const lk = `${u.year}|${u.assessedUnit.kind}|${u.assessedUnit.code}`;
    if (!letters.has(lk)) letters.set(lk, await letterFor(tx, u));
    const letter = letters.get(lk)!;
    for (const [itemId, points] of Object.entries(u.manualScores)) {
      checkAgainstLetter(letter, { kind: "manualScore", itemId, points });
      scoreRows.push([u.year, u.quarter, u.assessedUnit.kind, u.assessedUnit.code, itemId, "assessor", String(points), users.assessor]);
    }
    for (const [itemId, points] of Object.entries(u.selfScores)) {
      checkAgainstLetter(letter, { kind: "selfScore", itemId, points });
      scoreRows.push([u.year, u.quarter, u.assessedUnit.kind, u.assessedUnit.code, itemId, "self", String(points), users.self(u.assessedUnit.code)]);
    }
    for (const c of u.commendations) {
      await insertAdjustment(tx, u, "commendation", null, c.points, c.reason, users.assessor);
      adjustments++;
    }
    for (const v of u.vetoes) {
      checkAgainstLetter(letter, { kind: "veto", itemId: v.itemId });
      await insertAdjustment(tx, u, "veto", v.itemId, null, v.reason, users.assessor);
      adjustments++;
    }
  }
  if (scoreRows.length > 0) {
    const col = (i: number) => scoreRows.map((r) => r[i]);
    await tx.query(
      `INSERT INTO assessment_item_scores (year, quarter, assessed_kind, assessed_code, item_id, source, points, created_by, updated_by)
       SELECT y, q, k, c, i, s, p, u, u FROM unnest($1::int[], $2::smallint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::text[]) AS x(y, q, k, c, i, s, p, u)`,
      [col(0), col(1), col(2), col(3), col(4), col(5), col(6), col(7)],
    );
  }
  return { scores: scoreRows.length, adjustments };
}
