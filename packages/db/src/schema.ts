/**
 * The server's tables (DOMAIN.md §1, §3). The two tables the one SQL compiler
 * reads (`@linze/domain` sql.ts) are `data_values` and `org_unit_closure`;
 * their column names are fixed by it.
 */
import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, check, customType, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, serial, smallint, text, timestamp, unique } from "drizzle-orm/pg-core";

/** PostgreSQL `bytea` (drizzle-orm 0.45 has no built-in column for it); the store reads and writes it as a Uint8Array. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** The org unit tree: county (level 1) → townships (2) → villages and communities (3). */
export const orgUnits = pgTable(
  "org_units",
  {
    code: text("code").primaryKey(),
    parent: text("parent"),
    level: smallint("level").notNull(),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
  },
  (t) => [
    foreignKey({ columns: [t.parent], foreignColumns: [t.code], name: "org_units_parent_fk" }),
    check("org_units_level_check", sql`${t.level} BETWEEN 1 AND 3`),
    index("org_units_parent_idx").on(t.parent),
  ],
);

/**
 * Every (ancestor, descendant) pair of the tree, including (u, u), so that
 * "an org unit and everything below it" is one join. Built from
 * `OrgUnitTree.closure()`.
 */
export const orgUnitClosure = pgTable(
  "org_unit_closure",
  {
    ancestor: text("ancestor").notNull().references(() => orgUnits.code),
    descendant: text("descendant").notNull().references(() => orgUnits.code),
  },
  (t) => [
    primaryKey({ columns: [t.ancestor, t.descendant] }),
    // The compiled SQL joins data_values.org_unit = closure.descendant, then filters on ancestor.
    index("org_unit_closure_descendant_idx").on(t.descendant, t.ancestor),
  ],
);

/**
 * One reported number: (org unit, month `YYYY-MM`, data element) → count or CNY, kept exact as NUMERIC.
 * `org_unit` must be in `org_units`: checked once per statement by the trigger
 * `data_values_org_unit_ref` (migration 0006), not by a per-row foreign key —
 * a 100,000-value import would spend a second in per-row checks (issue 4 point 10).
 */
export const dataValues = pgTable(
  "data_values",
  {
    orgUnit: text("org_unit").notNull(),
    period: text("period").notNull(),
    dataElement: text("data_element").notNull(),
    value: numeric("value").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgUnit, t.period, t.dataElement] }),
    check("data_values_period_month_check", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    // The primary key is the only index (migration 0010): the compiled SQL reaches the values through
    // the closure's org units, the key's first column; an index on (data element, month, org unit)
    // saved ~3 ms of one small query and cost every 100,000-value import ~1 s on PGlite (issue 6 P5).
  ],
);

/**
 * Which dataset was loaded, once: a database with a row here is not loaded
 * again. `source_zh`/`source_en` say where the data comes from (shown on the
 * dashboard, e.g. the demo-data notice).
 */
export const datasetLoads = pgTable("dataset_loads", {
  name: text("name").primaryKey(),
  sourceZh: text("source_zh").notNull(),
  sourceEn: text("source_en").notNull(),
  orgUnitCount: integer("org_unit_count").notNull(),
  dataValueCount: integer("data_value_count").notNull(),
  loadedAt: timestamp("loaded_at", { withTimezone: true }).notNull().defaultNow(),
});

// --- Target-responsibility assessment (issue 3; DOMAIN.md §2, §6) -----------------------------
//
// Audit columns: `*_by` is the user id (ctx.user.id), `*_at` the server time.
// Periods stay labels (`YYYY-MM`, due dates `YYYY-MM-DD`), never timestamps.

const MONTH_RE = sql.raw(`'^[0-9]{4}-(0[1-9]|1[0-2])$'`);
const DATE_RE = sql.raw(`'^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'`);
const audit = {
  createdBy: text("created_by").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/** A full-time committee member's post (残疾人专职委员): `CM-<org unit code>`, one per township and village/community. */
export const committeeMembers = pgTable(
  "committee_members",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    orgUnit: text("org_unit").notNull().references(() => orgUnits.code),
    inPostFrom: text("in_post_from").notNull(),
    inPostTo: text("in_post_to"),
    version: integer("version").notNull().default(1),
    ...audit,
  },
  (t) => [
    check("committee_members_in_post_from_check", sql`${t.inPostFrom} ~ ${MONTH_RE}`),
    check("committee_members_in_post_to_check", sql`${t.inPostTo} IS NULL OR (${t.inPostTo} ~ ${MONTH_RE} AND ${t.inPostTo} >= ${t.inPostFrom})`),
    index("committee_members_org_unit_idx").on(t.orgUnit),
  ],
);

/**
 * A target-responsibility letter (目标管理责任书) for one year and one assessed
 * unit (a township, or a committee member by member code). The items are one
 * JSONB document validated by the domain's `LetterSchema` before every write:
 * the letter is the unit of validation (points sum to 100, item ids unique),
 * of versioning and of the snapshot an assessment run freezes; items are a
 * discriminated union (indicator with a nested rule, or manual) that columns
 * would flatten into mostly-null fields; and nothing queries one item alone.
 * `version` counts edits; every version is kept in `letter_revisions`.
 */
export const letters = pgTable(
  "letters",
  {
    id: serial("id").primaryKey(),
    year: integer("year").notNull(),
    assessedKind: text("assessed_kind").notNull(),
    assessedCode: text("assessed_code").notNull(),
    items: jsonb("items").notNull(),
    version: integer("version").notNull().default(1),
    copiedFrom: integer("copied_from"),
    ...audit,
  },
  (t) => [
    unique("letters_year_unit_unique").on(t.year, t.assessedKind, t.assessedCode),
    check("letters_assessed_kind_check", sql`${t.assessedKind} IN ('township', 'committeeMember')`),
    foreignKey({ columns: [t.copiedFrom], foreignColumns: [t.id], name: "letters_copied_from_fk" }),
    index("letters_unit_idx").on(t.assessedKind, t.assessedCode),
  ],
);

/** Every version of every letter, as written (the audit trail of a letter's edits). */
export const letterRevisions = pgTable(
  "letter_revisions",
  {
    letterId: integer("letter_id").notNull().references(() => letters.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    items: jsonb("items").notNull(),
    changedBy: text("changed_by").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.letterId, t.version] })],
);

/** A problem found in monthly supervision (月督查), deducting points from one letter item, and its rectification (整改). */
export const supervisionFindings = pgTable(
  "supervision_findings",
  {
    id: serial("id").primaryKey(),
    assessedKind: text("assessed_kind").notNull(),
    assessedCode: text("assessed_code").notNull(),
    month: text("month").notNull(),
    itemId: text("item_id").notNull(),
    description: text("description").notNull(),
    pointsDeducted: numeric("points_deducted").notNull(),
    owner: text("owner").notNull(),
    dueDate: text("due_date").notNull(),
    status: text("status").notNull().default("open"),
    verificationNote: text("verification_note"),
    rectifiedBy: text("rectified_by"),
    rectifiedAt: timestamp("rectified_at", { withTimezone: true }),
    verifiedBy: text("verified_by"),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    /** Withdrawn (撤销) by the county with a reason: kept and listed, no longer deducting in runs computed after (null: in force). */
    withdrawalReason: text("withdrawal_reason"),
    withdrawnBy: text("withdrawn_by"),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    ...audit,
  },
  (t) => [
    check(
      "supervision_findings_withdrawal_check",
      sql`(${t.withdrawalReason} IS NULL AND ${t.withdrawnBy} IS NULL AND ${t.withdrawnAt} IS NULL) OR (${t.withdrawalReason} <> '' AND ${t.withdrawnBy} IS NOT NULL AND ${t.withdrawnAt} IS NOT NULL)`,
    ),
    check("supervision_findings_kind_check", sql`${t.assessedKind} IN ('township', 'committeeMember')`),
    check("supervision_findings_month_check", sql`${t.month} ~ ${MONTH_RE}`),
    check("supervision_findings_due_date_check", sql`${t.dueDate} ~ ${DATE_RE}`),
    check("supervision_findings_status_check", sql`${t.status} IN ('open', 'rectified', 'verified')`),
    check("supervision_findings_points_check", sql`${t.pointsDeducted} >= 0 AND ${t.pointsDeducted} <= 100`),
    index("supervision_findings_unit_month_idx").on(t.assessedKind, t.assessedCode, t.month),
    index("supervision_findings_status_due_idx").on(t.status, t.dueDate),
  ],
);

/**
 * One computation of a quarter's assessment for a scope: the townships
 * (`scope_org_unit` = the county), the members of one township, or all the
 * members of the county. Workflow draft → submitted → reviewed → published
 * (DOMAIN.md §6). `inputs` is the frozen snapshot the results were computed
 * from — the letters with their versions, the year-to-date actuals per month,
 * the findings, the engine's rule version — and `inputs_hash` its SHA-256, so
 * a published run keeps what it came from. A change after publication is a new
 * run with the next `revision`, never an edit.
 */
export const assessmentRuns = pgTable(
  "assessment_runs",
  {
    id: serial("id").primaryKey(),
    year: integer("year").notNull(),
    quarter: smallint("quarter").notNull(),
    scope: text("scope").notNull(),
    scopeOrgUnit: text("scope_org_unit").notNull().references(() => orgUnits.code),
    revision: integer("revision").notNull(),
    status: text("status").notNull().default("draft"),
    engineVersion: text("engine_version").notNull(),
    /** Runs stored before migration 0008: the inputs snapshot as JSONB. Null for later runs, which use `inputs_brotli`. */
    inputs: jsonb("inputs"),
    /** The inputs snapshot's canonical JSON text (the text `inputs_hash` hashes), UTF-8, Brotli-compressed (packages/db/src/brotli-json.ts). */
    inputsBrotli: bytea("inputs_brotli"),
    /**
     * The engine's full results of every unit of the run (items, deductions, explanation), one JSON
     * array in ranking order, Brotli-compressed; `assessment_results` keeps each unit's total, grade
     * and rank as columns. Null for runs stored before migration 0008, whose results are in `assessment_results.result`.
     */
    resultsBrotli: bytea("results_brotli"),
    inputsHash: text("inputs_hash").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    submittedBy: text("submitted_by"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    reviewedBy: text("reviewed_by"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    publishedBy: text("published_by"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [
    unique("assessment_runs_revision_unique").on(t.year, t.quarter, t.scope, t.scopeOrgUnit, t.revision),
    check("assessment_runs_quarter_check", sql`${t.quarter} BETWEEN 1 AND 4`),
    check("assessment_runs_scope_check", sql`${t.scope} IN ('townships', 'townshipMembers', 'countyMembers')`),
    check("assessment_runs_status_check", sql`${t.status} IN ('draft', 'submitted', 'reviewed', 'published')`),
    check(
      "assessment_runs_storage_check",
      sql`(${t.inputs} IS NULL AND ${t.inputsBrotli} IS NOT NULL AND ${t.resultsBrotli} IS NOT NULL) OR (${t.inputs} IS NOT NULL AND ${t.inputsBrotli} IS NULL AND ${t.resultsBrotli} IS NULL)`,
    ),
  ],
);

/**
 * One assessed unit's result in a run: its total, grade and rank as columns for lists (the full result is in `assessment_runs.results_brotli`, or `result` for runs stored before migration 0008). Written once, never updated.
 * `run_id` must be in `assessment_runs` (deleting a run deletes its results) and `org_unit` in `org_units`:
 * checked once per statement by the triggers of migration 0011, not by per-row foreign keys — a county
 * members' run spent ~3 ms of PGlite's time in 166 per-row checks (issue 6 P3).
 */
export const assessmentResults = pgTable(
  "assessment_results",
  {
    runId: integer("run_id").notNull(),
    assessedKind: text("assessed_kind").notNull(),
    assessedCode: text("assessed_code").notNull(),
    orgUnit: text("org_unit").notNull(),
    /** Runs stored before migration 0008: the engine's full result as JSONB. Null for later runs, whose results are in `assessment_runs.results_brotli`. */
    result: jsonb("result"),
    /** The exact total's nearest decimal, for sorting and lists; the exact "n/d" is in `result`. */
    total: numeric("total").notNull(),
    /** After the excellent cap; null while the unit's data are incomplete (and it is not vetoed). */
    grade: text("grade"),
    /** Standard competition rank among complete, non-vetoed units; null otherwise. */
    rank: integer("rank"),
    selfScores: jsonb("self_scores"),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.assessedKind, t.assessedCode] }),
    index("assessment_results_rank_idx").on(t.runId, t.rank),
  ],
);

/**
 * The points entered for one letter item in one quarter's assessment of a
 * unit: by the assessor (`source` assessor, for manual items — 评分人打分) or
 * by the assessed unit itself (`source` self — 自评分, any item). One row per
 * (year, quarter, unit, item, source); a new value replaces the old one
 * (updated_by/at record who and when). Validated against the unit's letter by
 * the store. Runs copy these values into their frozen inputs snapshot.
 */
export const assessmentItemScores = pgTable(
  "assessment_item_scores",
  {
    year: integer("year").notNull(),
    quarter: smallint("quarter").notNull(),
    assessedKind: text("assessed_kind").notNull(),
    assessedCode: text("assessed_code").notNull(),
    itemId: text("item_id").notNull(),
    source: text("source").notNull(),
    points: numeric("points").notNull(),
    ...audit,
  },
  (t) => [
    primaryKey({ columns: [t.year, t.quarter, t.assessedKind, t.assessedCode, t.itemId, t.source] }),
    check("assessment_item_scores_quarter_check", sql`${t.quarter} BETWEEN 1 AND 4`),
    check("assessment_item_scores_kind_check", sql`${t.assessedKind} IN ('township', 'committeeMember')`),
    check("assessment_item_scores_source_check", sql`${t.source} IN ('assessor', 'self')`),
    check("assessment_item_scores_points_check", sql`${t.points} >= 0 AND ${t.points} <= 100`),
  ],
);

/**
 * A commendation (表彰加分: bonus `points` with its reason, into the capped
 * bonus) or a veto (一票否决: a veto item of the letter and the reason)
 * recorded for one quarter's assessment of a unit. Rows are added and
 * removed, never edited.
 */
export const assessmentAdjustments = pgTable(
  "assessment_adjustments",
  {
    id: serial("id").primaryKey(),
    year: integer("year").notNull(),
    quarter: smallint("quarter").notNull(),
    assessedKind: text("assessed_kind").notNull(),
    assessedCode: text("assessed_code").notNull(),
    type: text("type").notNull(),
    itemId: text("item_id"),
    points: numeric("points"),
    reason: text("reason").notNull(),
    ...audit,
  },
  (t) => [
    check("assessment_adjustments_quarter_check", sql`${t.quarter} BETWEEN 1 AND 4`),
    check("assessment_adjustments_kind_check", sql`${t.assessedKind} IN ('township', 'committeeMember')`),
    check(
      "assessment_adjustments_type_check",
      sql`(${t.type} = 'commendation' AND ${t.points} > 0 AND ${t.points} <= 100 AND ${t.itemId} IS NULL) OR (${t.type} = 'veto' AND ${t.itemId} IS NOT NULL AND ${t.points} IS NULL)`,
    ),
    index("assessment_adjustments_unit_idx").on(t.year, t.quarter, t.assessedKind, t.assessedCode),
  ],
);

// --- Monthly reports in (issue 4): imports, history, mappings, submissions, settings ------------

/**
 * One committed import of a file (a dry run writes nothing here). `summary` is
 * the import summary shown to the user (counts and problems), as JSON.
 */
export const dataImports = pgTable("data_imports", {
  id: serial("id").primaryKey(),
  fileName: text("file_name").notNull(),
  /** SHA-256 (hex) of the file's bytes. */
  fileSha256: text("file_sha256").notNull(),
  /** "long" (org_unit, period, data_element, value) or "wide" (a column per data element). */
  layout: text("layout").notNull(),
  rowsRead: integer("rows_read").notNull(),
  valuesNew: integer("values_new").notNull(),
  valuesUpdated: integer("values_updated").notNull(),
  valuesUnchanged: integer("values_unchanged").notNull(),
  valuesIgnored: integer("values_ignored").notNull(),
  summary: jsonb("summary").notNull(),
  committedBy: text("committed_by").notNull(),
  committedAt: timestamp("committed_at", { withTimezone: true }).notNull().defaultNow(),
}, (t) => [check("data_imports_layout_check", sql`${t.layout} IN ('long', 'wide')`)]);

/**
 * Every change of a data value, append-only, one row per org unit and month
 * of a write: the data elements it changed there, each one's value before
 * (null when the value was new) and after (null when it was deleted), at the
 * same position in the three arrays; who, when, and from where (`import` with
 * its `import_id`, `entry` from the data-entry form). One row per org unit-month
 * rather than per value (migration 0009): a 100,000-value import writes ~2,500
 * rows and index entries instead of 100,000 (issue 6 P5), and the readers ask
 * for one org unit-month (the form's last changes) or one value in it.
 * Loading a dataset into an empty database is not a change and writes nothing here.
 * `org_unit` must be in `org_units` and `import_id` in `data_imports`: checked
 * once per statement by the triggers of migration 0006 (as for `data_values`).
 */
export const dataValueHistory = pgTable(
  "data_value_history",
  {
    id: serial("id").primaryKey(),
    orgUnit: text("org_unit").notNull(),
    period: text("period").notNull(),
    dataElements: text("data_elements").array().notNull(),
    previousValues: numeric("previous_values").array().notNull(),
    newValues: numeric("new_values").array().notNull(),
    source: text("source").notNull(),
    importId: integer("import_id"),
    changedBy: text("changed_by").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("data_value_history_source_check", sql`${t.source} IN ('import', 'entry')`),
    check("data_value_history_period_month_check", sql`${t.period} ~ ${MONTH_RE}`),
    check(
      "data_value_history_arrays_check",
      sql`cardinality(${t.dataElements}) >= 1 AND cardinality(${t.previousValues}) = cardinality(${t.dataElements}) AND cardinality(${t.newValues}) = cardinality(${t.dataElements})`,
    ),
    index("data_value_history_org_unit_period_idx").on(t.orgUnit, t.period),
  ],
);

/**
 * A saved column mapping for wide sheets, reused on the next import of the
 * same kind of sheet: `mapping` is { header text as written → data element
 * code, or "orgUnit" / "period" / "ignore" }.
 */
export const columnMappings = pgTable("column_mappings", {
  name: text("name").primaryKey(),
  mapping: jsonb("mapping").notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A township's monthly report (DHIS2's complete data set registration): one
 * row per (township, month) from the first time data for it arrived.
 * `submitted_on` is the calendar date in China (Asia/Shanghai), `YYYY-MM-DD`,
 * compared with the due day of the following month for timeliness; later
 * corrections do not move it.
 */
export const reportSubmissions = pgTable(
  "report_submissions",
  {
    orgUnit: text("org_unit").notNull().references(() => orgUnits.code),
    period: text("period").notNull(),
    submittedOn: text("submitted_on").notNull(),
    submittedBy: text("submitted_by").notNull(),
    source: text("source").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgUnit, t.period] }),
    check("report_submissions_period_month_check", sql`${t.period} ~ ${MONTH_RE}`),
    check("report_submissions_date_check", sql`${t.submittedOn} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`),
    check("report_submissions_source_check", sql`${t.source} IN ('dataset', 'import', 'entry')`),
  ],
);

/** Settings an administrator may change, by key (e.g. `report_due_day` → 10). */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

// --- Users, roles, org-unit scoping and audit (issue 5) ---------------------------------------

/**
 * A person who signs in. `username` is what `*_by` columns and the audit log
 * record (never changed once created). `role` is one of the five roles of
 * issue 5 (permissions per role: @linze/api permissions.ts); a committee
 * member's account names the member's post (`committee_member`). The password
 * is stored only as an argon2id PHC string. `failed_logins` counts failures
 * since the last success; at the limit `locked_until` is set. Users are
 * disabled, never deleted, so the audit log keeps naming them.
 */
export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    role: text("role").notNull(),
    committeeMember: text("committee_member").references(() => committeeMembers.code),
    passwordHash: text("password_hash").notNull(),
    disabled: boolean("disabled").notNull().default(false),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    ...audit,
  },
  (t) => [
    unique("users_username_unique").on(t.username),
    check("users_username_check", sql`${t.username} ~ '^[a-z0-9][a-z0-9._-]{1,39}$'`),
    check("users_role_check", sql`${t.role} IN ('county_admin', 'county_leader', 'township_officer', 'committee_member', 'auditor')`),
    // A committee member's account names the post; no other role has one.
    check("users_committee_member_check", sql`(${t.role} = 'committee_member') = (${t.committeeMember} IS NOT NULL)`),
    check("users_failed_logins_check", sql`${t.failedLogins} >= 0`),
  ],
);

/**
 * The org units a user works on, DHIS2's split: `capture` (may enter and
 * import data for) and `view` (may see); each row includes the org unit's
 * descendants. County administrators, leadership and auditors see the whole
 * tree whatever is stored here.
 */
export const userOrgUnits = pgTable(
  "user_org_units",
  {
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    orgUnit: text("org_unit").notNull().references(() => orgUnits.code),
    kind: text("kind").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.orgUnit, t.kind] }), check("user_org_units_kind_check", sql`${t.kind} IN ('capture', 'view')`)],
);

/**
 * A signed-in browser. The cookie carries a random token; only its SHA-256
 * (hex) is stored, so a copy of this table signs nobody in. Expired rows are
 * refused and deleted.
 */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/**
 * Every change, append-only (a trigger refuses UPDATE, DELETE and TRUNCATE):
 * who (`actor`, the username or a system identity such as `local-admin`),
 * when, the tRPC procedure (or `auth.login` …), the entity and its id, the
 * period it concerns (for filtering), the input (passwords and file contents
 * left out) and the state before → after as JSON. `outcome` is `ok`, or
 * `denied` for a refused attempt (a permission refused, a failed sign-in).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actor: text("actor").notNull(),
    actorRole: text("actor_role"),
    procedure: text("procedure").notNull(),
    outcome: text("outcome").notNull().default("ok"),
    entityType: text("entity_type"),
    entityId: text("entity_id"),
    period: text("period"),
    input: jsonb("input"),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [
    check("audit_log_outcome_check", sql`${t.outcome} IN ('ok', 'denied')`),
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actor, t.at),
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
  ],
);

/**
 * The change counters of the server's read caches (change-versions.ts): rows
 * `data` and `auth`, bumped by statement triggers (migration 0007) in every
 * writer's transaction; never written by the application.
 */
export const changeVersions = pgTable(
  "change_versions",
  {
    name: text("name").primaryKey(),
    version: bigint("version", { mode: "number" }).notNull().default(0),
  },
  (t) => [check("change_versions_name_check", sql`${t.name} IN ('data', 'auth')`)],
);

export const schema = {
  orgUnits,
  orgUnitClosure,
  dataValues,
  datasetLoads,
  committeeMembers,
  letters,
  letterRevisions,
  supervisionFindings,
  assessmentRuns,
  assessmentResults,
  assessmentItemScores,
  assessmentAdjustments,
  dataImports,
  dataValueHistory,
  columnMappings,
  reportSubmissions,
  settings,
  users,
  userOrgUnits,
  sessions,
  auditLog,
  changeVersions,
};
export type Schema = typeof schema;
