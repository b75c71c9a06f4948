/**
 * What the audit log records for each mutation (issue 5 point 4): the entity
 * it changes and its id, the period it concerns, the state before (where the
 * store can read it) and after. The middleware in trpc.ts writes one row per
 * successful mutation in the mutation's own transaction, and one `denied` row
 * per refused attempt. Inputs are recorded with passwords and file contents
 * left out ({@link redactForAudit}).
 */
import {
  getFinding,
  getLetter,
  getMapping,
  getMember,
  getRun,
  getUnitInputs,
  getUser,
  reportDueDay,
  dataValuesOf,
  type Queryable,
} from "@linze/db";

/* eslint-disable @typescript-eslint/no-explicit-any -- inputs are the raw (already parsed, when the mutation succeeded) tRPC inputs */
type Any = any;

export interface AuditSpec {
  /** The kind of entity changed: `letter`, `assessmentRun`, `dataValues`, … */
  readonly entity: string;
  /** Its id from the input and the result (null when none). */
  readonly id?: (input: Any, output: Any) => unknown;
  /** The state before the change, read in the mutation's transaction before it runs. */
  readonly before?: (db: Queryable, input: Any) => Promise<unknown>;
  /** What to record as the state after (default: the result). */
  readonly after?: (output: Any, input: Any) => unknown;
}

const unitKey = (i: Any) => `${i?.assessedUnit?.kind}:${i?.assessedUnit?.code}`;
/** A run without its frozen inputs snapshot (kept in assessment_runs, covered by its hash). */
const runSummary = (run: Any) => (run && typeof run === "object" ? Object.fromEntries(Object.entries(run).filter(([k]) => k !== "inputs")) : run);
const orNull = async <T>(p: Promise<T>): Promise<T | null> => p.catch(() => null);
/** An import's summary without the per-value lists (the value history keeps each change with its import id). */
const importSummary = (s: Any) =>
  s && { fileName: s.fileName, fileSha256: s.fileSha256, layout: s.layout, rowsRead: s.rowsRead, values: s.values, errorCount: s.errorCount, warningCount: s.warningCount, changesTotal: s.changesTotal, importId: s.importId };

/** Procedure path → what its audit row records. A test checks every mutation of the router has one. */
export const AUDITED: Readonly<Record<string, AuditSpec>> = {
  "members.create": { entity: "committeeMember", id: (i) => i.code },
  "members.update": { entity: "committeeMember", id: (i) => i.code, before: (db, i) => orNull(getMember(db, i.code)) },
  "letters.create": { entity: "letter", id: (_i, o) => o?.id },
  "letters.update": { entity: "letter", id: (i) => i.id, before: (db, i) => orNull(getLetter(db, i.id)) },
  "letters.copyToNextYear": { entity: "letter", id: (_i, o) => o?.id },
  "supervision.create": { entity: "supervisionFinding", id: (_i, o) => o?.id },
  "supervision.setStatus": { entity: "supervisionFinding", id: (i) => i.id, before: (db, i) => orNull(getFinding(db, i.id)) },
  "supervision.withdraw": { entity: "supervisionFinding", id: (i) => i.id, before: (db, i) => orNull(getFinding(db, i.id)) },
  "assessments.run": { entity: "assessmentRun", id: (_i, o) => o?.run?.id, after: (o) => ({ run: runSummary(o.run), notInPost: o.notInPost, ranking: o.ranking }) },
  "assessments.submit": { entity: "assessmentRun", id: (i) => i.id, before: (db, i) => orNull(getRun(db, i.id).then(runSummary)), after: runSummary },
  "assessments.review": { entity: "assessmentRun", id: (i) => i.id, before: (db, i) => orNull(getRun(db, i.id).then(runSummary)), after: runSummary },
  "assessments.publish": { entity: "assessmentRun", id: (i) => i.id, before: (db, i) => orNull(getRun(db, i.id).then(runSummary)), after: runSummary },
  "assessmentInputs.setManualScore": { entity: "assessmentInputs", id: unitKey, before: (db, i) => orNull(getUnitInputs(db, i)) },
  "assessmentInputs.setSelfScore": { entity: "assessmentInputs", id: unitKey, before: (db, i) => orNull(getUnitInputs(db, i)) },
  "assessmentInputs.addCommendation": { entity: "assessmentAdjustment", id: (_i, o) => o?.id },
  "assessmentInputs.addVeto": { entity: "assessmentAdjustment", id: (_i, o) => o?.id },
  "assessmentInputs.removeAdjustment": {
    entity: "assessmentAdjustment",
    id: (i) => i.id,
    before: async (db, i) => (await db.query("SELECT * FROM assessment_adjustments WHERE id = $1", [i.id]))[0] ?? null,
  },
  "quality.setDueDay": { entity: "setting", id: () => "report_due_day", before: (db) => reportDueDay(db) },
  "dataEntry.save": {
    entity: "dataValues",
    id: (i) => `${i.orgUnit}:${i.period}`,
    before: async (db, i) => {
      const stored = await dataValuesOf(db, String(i.orgUnit), String(i.period));
      return Object.fromEntries(Object.keys(i.values ?? {}).map((code) => [code, stored.get(code) ?? null]));
    },
    after: (o, i) => ({ values: i.values, counts: o?.counts, historyRows: o?.historyRows, submissions: o?.submissions }),
  },
  "imports.dryRun": { entity: "import", id: () => null, after: importSummary },
  "imports.commit": { entity: "import", id: (_i, o) => o?.importId, after: importSummary },
  "mappings.save": { entity: "columnMapping", id: (i) => i.name, before: (db, i) => orNull(getMapping(db, i.name)) },
  "mappings.remove": { entity: "columnMapping", id: (i) => i.name, before: (db, i) => orNull(getMapping(db, i.name)) },
  "users.create": { entity: "user", id: (i) => i.username, after: (o) => o?.user },
  "users.update": { entity: "user", id: (i) => i.id, before: (db, i) => orNull(getUser(db, i.id)) },
  "users.setDisabled": { entity: "user", id: (i) => i.id, before: (db, i) => orNull(getUser(db, i.id)) },
  "users.resetPassword": { entity: "user", id: (i) => i.id, before: (db, i) => orNull(getUser(db, i.id)), after: (o) => o?.user },
  "account.changePassword": { entity: "user", id: (_i, o) => o?.username, after: (o) => ({ username: o?.username, passwordChangedAt: o?.passwordChangedAt }) },
};

/** A password, token or secret itself; not the facts about one (`mustChangePassword`, `passwordChangedAt`), which the log must show. */
const SECRET_KEY = /(password|passwordHash|token|secret)$/i;
const NOT_SECRET = new Set(["mustChangePassword"]);

/**
 * The input as recorded: a field holding a password, token or secret (`password`, `currentPassword`,
 * `temporaryPassword`, `passwordHash`, …) replaced by "[redacted]", an import's file content by its size.
 */
export function redactForAudit(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactForAudit);
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return value.toISOString();
  // Object.fromEntries defines each key: an input's own "__proto__" (input-transformer.ts) stays a key, never the copy's prototype.
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_KEY.test(k) && !NOT_SECRET.has(k) ? "[redacted]" : k === "contentBase64" && typeof v === "string" ? `[file, ${Math.floor((v.length * 3) / 4)} bytes, not recorded]` : redactForAudit(v),
    ]),
  );
}

/** The period an input concerns: `period`, else `year` + `quarter` (`2016Q1`), else `year`, else `month`; null when none. */
export function periodOfInput(input: unknown): string | null {
  if (!input || typeof input !== "object") return null;
  const i = input as Record<string, unknown>;
  if (typeof i.period === "string") return i.period;
  if (typeof i.year === "number" && typeof i.quarter === "number") return `${i.year}Q${i.quarter}`;
  if (typeof i.year === "number") return String(i.year);
  if (typeof i.month === "string") return i.month;
  return null;
}
