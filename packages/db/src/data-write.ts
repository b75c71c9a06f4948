/**
 * The write path of data values (issue 4): imports and the data-entry form
 * both come through here. A batch of incoming values is first *planned* —
 * compared with `data_values` in one query, checked against the locked
 * months — and then *applied* in one transaction: the values upserted or
 * deleted, every change appended to `data_value_history` (a row per org unit
 * and month written), the import
 * recorded in `data_imports`, and the first submission of each township's
 * month registered in `report_submissions`. All bulk statements over
 * `unnest` arrays: a handful of statements whatever the batch size.
 *
 * Values are text as written by the caller ("12", "9.50"); they compare as
 * numbers (PostgreSQL NUMERIC: "12" = "12.0"), and leave as JS numbers
 * through the domain's `toNumber`. Periods are month labels `YYYY-MM`.
 */
import { DATA_ELEMENTS, isDataElementCode, isReportedAt, MonthSchema, toNumber, type OrgUnitLevel } from "@linze/domain";
import type { Database, Queryable } from "./client.ts";

/** Where a value came from in an imported file (the parser's location; all but `file` may be null). */
export interface SourceLocation {
  readonly file: string;
  readonly sheet: string | null;
  /** 1-based row in the sheet or CSV file (the header row counts). */
  readonly row: number | null;
  /** Column letter (XLSX) or 1-based number as text (CSV). */
  readonly column: string | null;
  /** The column's header as written. */
  readonly header: string | null;
}

/**
 * One value to write. `value` is a count or a CNY amount written as a plain
 * non-negative decimal ("12", "9.50"); null deletes the stored value (data
 * entry only: an import never deletes).
 */
export interface IncomingValue {
  readonly orgUnit: string;
  readonly period: string;
  readonly dataElement: string;
  readonly value: string | null;
  readonly location?: SourceLocation | undefined;
}

export type DataWriteProblemCode =
  | "locked_month"
  | "invalid_period"
  | "future_period"
  | "unknown_data_element"
  | "unknown_org_unit"
  | "not_reported_at_level"
  | "invalid_value"
  | "duplicate_value"
  | "delete_in_import";

/**
 * A problem with one incoming value, shaped like the importer's problems
 * (`@linze/import` ImportProblem: severity, code, file, sheet, row, column,
 * header, value, messageZh, messageEn) plus the value's key, so a form can
 * put it next to its field. Every problem found here is an error.
 */
export interface DataWriteProblem {
  readonly severity: "error" | "warning";
  readonly code: DataWriteProblemCode;
  readonly file: string | null;
  readonly sheet: string | null;
  readonly row: number | null;
  readonly column: string | null;
  readonly header: string | null;
  readonly value: string | null;
  readonly orgUnit: string;
  readonly period: string;
  readonly dataElement: string;
  readonly messageZh: string;
  readonly messageEn: string;
}

/** A published run that locks its quarter's months (see {@link lockedMonths}). */
export interface LockingRun {
  readonly id: number;
  readonly year: number;
  readonly quarter: number;
  readonly scope: string;
  readonly scopeOrgUnit: string;
  readonly revision: number;
  readonly publishedAt: string | null;
}

export interface LockedMonth {
  readonly month: string;
  /** The quarter label, e.g. `2016Q1`. */
  readonly quarter: string;
  /** The published runs that lock it (at least one), by scope. */
  readonly runs: readonly LockingRun[];
}

const OPEN_STATUSES = ["draft", "submitted", "reviewed"];

const quarterOf = (month: string) => Math.ceil(Number(month.slice(5, 7)) / 3);

/**
 * Which of `months` (labels `YYYY-MM`; others are ignored) are locked, with
 * the runs that lock each; months not locked are absent. Rule (issue 4 point
 * 7: "a month inside a published assessment quarter refuses changes unless a
 * revision is started"; DOMAIN.md §6: a published result is frozen, a later
 * change is a new revision):
 *
 * - a month is locked when its quarter (year, quarter) has a published
 *   assessment run of any scope whose series — the same (year, quarter,
 *   scope, scope org unit), the unit a run's `revision` counts in — has no
 *   *open* run (draft, submitted or reviewed) of a later revision;
 * - starting a revision is running that scope again (`assessments.run`),
 *   which makes a draft revision N+1: it unlocks the months for that series.
 *   When several scopes of the quarter are published (the demo publishes the
 *   townships and the county's committee members), each must have its new
 *   revision started, since each published result would be revised;
 * - only the latest published run of a series is reported as locking.
 */
export async function lockedMonths(q: Queryable, months: readonly string[]): Promise<LockedMonth[]> {
  const valid = [...new Set(months)].filter((m) => MonthSchema.safeParse(m).success).sort();
  if (valid.length === 0) return [];
  const years = valid.map((m) => Number(m.slice(0, 4)));
  const quarters = valid.map(quarterOf);
  const rows = await q.query<{ id: unknown; year: unknown; quarter: unknown; scope: string; scope_org_unit: string; revision: unknown; published_at: unknown }>(
    `SELECT r.id, r.year, r.quarter, r.scope, r.scope_org_unit, r.revision, r.published_at
     FROM assessment_runs r
     WHERE r.status = 'published'
       AND (r.year, r.quarter) IN (SELECT * FROM unnest($1::int[], $2::int[]))
       AND NOT EXISTS (
         SELECT 1 FROM assessment_runs later
         WHERE later.year = r.year AND later.quarter = r.quarter AND later.scope = r.scope AND later.scope_org_unit = r.scope_org_unit
           AND later.revision > r.revision AND (later.status = 'published' OR later.status = ANY($3::text[])))
     ORDER BY r.year, r.quarter, r.scope, r.scope_org_unit`,
    [years, quarters, OPEN_STATUSES],
  );
  const runs: LockingRun[] = rows.map((r) => ({
    id: toNumber(r.id)!,
    year: toNumber(r.year)!,
    quarter: toNumber(r.quarter)!,
    scope: r.scope,
    scopeOrgUnit: r.scope_org_unit,
    revision: toNumber(r.revision)!,
    publishedAt: r.published_at === null || r.published_at === undefined ? null : new Date(r.published_at as string | Date).toISOString(),
  }));
  const out: LockedMonth[] = [];
  for (const month of valid) {
    const year = Number(month.slice(0, 4));
    const quarter = quarterOf(month);
    const locking = runs.filter((r) => r.year === year && r.quarter === quarter);
    if (locking.length > 0) out.push({ month, quarter: `${year}Q${quarter}`, runs: locking });
  }
  return out;
}

/** One value that a plan would change. `previous` and `value` are stored NUMERIC text; null = absent. */
export interface DataValueChange {
  readonly kind: "new" | "updated" | "deleted";
  readonly orgUnit: string;
  readonly period: string;
  readonly dataElement: string;
  readonly previous: string | null;
  readonly value: string | null;
  readonly location: SourceLocation | null;
}

export interface DataWriteCounts {
  /** No stored value before. */
  readonly new: number;
  /** A stored value that differs numerically. */
  readonly updated: number;
  /** Equal to the stored value as a number ("12" = "12.0"), or a delete of a value that is not there. */
  readonly unchanged: number;
  /** A stored value removed (data entry only). */
  readonly deleted: number;
}

/** At most this many changes come back from a plan or a write (the counts cover all): a 100,000-row import's changes stay in the database. */
export const MAX_CHANGES_LISTED = 1000;

export interface DataWritePlan {
  readonly counts: DataWriteCounts;
  /** The first {@link MAX_CHANGES_LISTED} new, updated and deleted values, in input order. */
  readonly changes: readonly DataValueChange[];
  /** Errors that refuse the whole batch (nothing is written when any exists). */
  readonly problems: readonly DataWriteProblem[];
  /** The months of the batch that are locked (whether or not the batch changes them). */
  readonly lockedMonths: readonly LockedMonth[];
}

/** A plain non-negative decimal: what a count or a CNY amount is stored as. */
const DECIMAL = /^\d+(\.\d+)?$/;

function problem(v: IncomingValue, code: DataWriteProblemCode, messageZh: string, messageEn: string): DataWriteProblem {
  const l = v.location;
  return {
    severity: "error",
    code,
    file: l?.file ?? null,
    sheet: l?.sheet ?? null,
    row: l?.row ?? null,
    column: l?.column ?? null,
    header: l?.header ?? null,
    value: v.value,
    orgUnit: v.orgUnit,
    period: v.period,
    dataElement: v.dataElement,
    messageZh,
    messageEn,
  };
}

const where = (l: SourceLocation | undefined) =>
  l ? { zh: `${l.file}${l.sheet ? ` ${l.sheet}` : ""}${l.row !== null ? ` 第${l.row}行` : ""}`, en: `${l.file}${l.sheet ? ` ${l.sheet}` : ""}${l.row !== null ? ` row ${l.row}` : ""}` } : null;

/** The problem for a change to a locked month: it names the quarter and asks for a new revision. */
export function lockedMonthProblem(v: IncomingValue, locked: LockedMonth): DataWriteProblem {
  const [year, q] = locked.quarter.split("Q");
  return problem(
    v,
    "locked_month",
    `${v.period} 属于已发布的${year}年第${q}季度考核，须先开始新的修订版本`,
    `${v.period} is in the published assessment of ${year} Q${q}; start a new revision first`,
  );
}

const LEVEL_ZH: Record<OrgUnitLevel, string> = { 1: "县级", 2: "乡镇", 3: "村（社区）" };
const LEVEL_EN: Record<OrgUnitLevel, string> = { 1: "county", 2: "township", 3: "village or community" };
/** The data element codes each level reports, as SQL parameters. */
const ELEMENTS_AT: Record<OrgUnitLevel, string[]> = {
  1: DATA_ELEMENTS.filter((d) => isReportedAt(d.code, 1)).map((d) => d.code),
  2: DATA_ELEMENTS.filter((d) => isReportedAt(d.code, 2)).map((d) => d.code),
  3: DATA_ELEMENTS.filter((d) => isReportedAt(d.code, 3)).map((d) => d.code),
};

/** By file, sheet, row, column; problems without a row (data entry) by org unit, month and data element. */
function sortProblems(problems: DataWriteProblem[]): DataWriteProblem[] {
  const text = (a: string | null, b: string | null) => (a ?? "").localeCompare(b ?? "");
  return problems.sort(
    (a, b) =>
      text(a.file, b.file) ||
      text(a.sheet, b.sheet) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      text(a.column, b.column) ||
      text(a.orgUnit, b.orgUnit) ||
      text(a.period, b.period) ||
      text(a.dataElement, b.dataElement),
  );
}

/** The checks that need no database: period, data element, value text, duplicates. Returns the problems and the indexes of the values that passed. */
function checkValues(values: readonly IncomingValue[]): { problems: DataWriteProblem[]; checked: number[] } {
  const problems: DataWriteProblem[] = [];
  const checked: number[] = [];
  const firstOf = new Map<string, number>();
  // A batch has few distinct periods: parse each once (zod per value costs 0.1–0.3 s per 100,000).
  const isMonth = new Map<string, boolean>();
  const monthOk = (period: string) => {
    let ok = isMonth.get(period);
    if (ok === undefined) isMonth.set(period, (ok = MonthSchema.safeParse(period).success));
    return ok;
  };
  // A report is for a month that has begun: a later month (China time) is a typing error, and would
  // become every user's latest period (meta.latestPeriod) and the dashboard's default.
  const thisMonth = chinaToday().slice(0, 7);
  values.forEach((v, i) => {
    if (!monthOk(v.period)) {
      problems.push(problem(v, "invalid_period", `期间 "${v.period}" 不是月份（应为 YYYY-MM）`, `period "${v.period}" is not a month YYYY-MM`));
      return;
    }
    if (v.period > thisMonth) {
      problems.push(problem(v, "future_period", `期间 "${v.period}" 尚未开始（本月为 ${thisMonth}）`, `period "${v.period}" has not begun (this month is ${thisMonth})`));
      return;
    }
    if (!isDataElementCode(v.dataElement)) {
      problems.push(problem(v, "unknown_data_element", `未知的数据元 "${v.dataElement}"`, `unknown data element "${v.dataElement}"`));
      return;
    }
    if (v.value !== null && !DECIMAL.test(v.value)) {
      problems.push(problem(v, "invalid_value", `"${v.value}" 不是非负数`, `"${v.value}" is not a non-negative number`));
      return;
    }
    const key = `${v.orgUnit}\u0000${v.period}\u0000${v.dataElement}`;
    const first = firstOf.get(key);
    if (first !== undefined) {
      const at = where(values[first]!.location);
      problems.push(
        problem(
          v,
          "duplicate_value",
          `${v.orgUnit} ${v.period} ${v.dataElement} 重复${at ? `（首次出现在 ${at.zh}）` : ""}`,
          `${v.orgUnit} ${v.period} ${v.dataElement} appears twice${at ? ` (first at ${at.en})` : ""}`,
        ),
      );
      return;
    }
    firstOf.set(key, i);
    checked.push(i);
  });
  return { problems, checked };
}

/**
 * The checked values as the SQL's seven parameters ($1…$7 of {@link INCOMING}),
 * dictionary-coded: each value's (org unit, month, data element) as one key
 * number `(o × months + p) × elements + d` (indexes into the three lists of
 * distinct codes, $3–$5, with the list lengths $6–$7), the keys and the
 * values each sent as ONE comma-separated text ($1, $2; a null value as `N`).
 * Four text arrays of 100,000 elements cost ~0.3–0.5 s to send and parse on
 * PGlite (array quoting in JS, array_in in the server); the two texts ~0.07 s.
 * Values here passed {@link checkValues} (plain decimals: no comma, no `N`).
 */
function columns(values: readonly IncomingValue[], checked: readonly number[]): unknown[] {
  const orgUnits = new Map<string, number>();
  const periods = new Map<string, number>();
  const elements = new Map<string, number>();
  const indexOf = (m: Map<string, number>, code: string) => {
    let i = m.get(code);
    if (i === undefined) m.set(code, (i = m.size));
    return i;
  };
  const o: number[] = [];
  const p: number[] = [];
  const d: number[] = [];
  const vs: string[] = [];
  for (const i of checked) {
    const v = values[i]!;
    o.push(indexOf(orgUnits, v.orgUnit));
    p.push(indexOf(periods, v.period));
    d.push(indexOf(elements, v.dataElement));
    vs.push(v.value ?? "N");
  }
  const P = Math.max(periods.size, 1);
  const D = Math.max(elements.size, 1);
  const keys = o.map((oi, n) => (oi * P + p[n]!) * D + d[n]!);
  return [keys.join(","), vs.join(","), [...orgUnits.keys()], [...periods.keys()], [...elements.keys()], P, D];
}

/**
 * The incoming values decoded from {@link columns}' parameters $1–$7, as
 * `i(org_unit, period, data_element, value, n)`; `n` = position in `checked`,
 * from 1. OFFSET 0 keeps the subquery apart, so each code is looked up once
 * per value (flattened, the joins and the output each evaluated it again).
 */
const INCOMING = `(SELECT ($3::text[])[(x.k / ($6::int8 * $7::int8))::int + 1] AS org_unit,
           ($4::text[])[((x.k / $7::int8) % $6::int8)::int + 1] AS period,
           ($5::text[])[(x.k % $7::int8)::int + 1] AS data_element,
           x.value, x.n
    FROM unnest(string_to_array($1::text, ',')::int8[], string_to_array($2::text, ',', 'N')::numeric[]) WITH ORDINALITY AS x(k, value, n)
    OFFSET 0) i`;

/**
 * The incoming values (`source`: {@link INCOMING}, with ordinality `n`)
 * that differ from the stored one as numbers (NUMERIC: 12 = 12.0), each with
 * its previous value, its org unit's level (null: unknown org unit), and
 * whether its level does not report its data element (`wrong_level`) or its
 * month is locked (`locked`). Parameters from $p: the data element codes of
 * levels 1, 2 and 3, the locked months.
 */
function differingSql(source: string, p: number): string {
  return `SELECT i.n, i.org_unit, i.period, i.data_element, i.value, dv.value AS previous, u.level,
           u.level IS NOT NULL AND NOT (i.data_element = ANY (CASE u.level WHEN 1 THEN $${p}::text[] WHEN 2 THEN $${p + 1}::text[] ELSE $${p + 2}::text[] END)) AS wrong_level,
           i.period = ANY ($${p + 3}::text[]) AS locked
    FROM ${source}
    LEFT JOIN data_values dv ON dv.org_unit = i.org_unit AND dv.period = i.period AND dv.data_element = i.data_element
    LEFT JOIN org_units u ON u.code = i.org_unit
    WHERE dv.value IS DISTINCT FROM i.value`;
}

/**
 * Over the differing values `j` ({@link differingSql}): those at a level that
 * does not report their data element or in a locked month (problems), the
 * first MAX_CHANGES_LISTED others (changes, limit in $p), and one row of
 * counts. Nothing of the unchanged values and of the changes beyond those
 * comes back, so a 100,000-value batch returns a handful of rows.
 */
function planRowsSql(j: string, p: number): string {
  return `SELECT 'problem' AS row_kind, n, previous::text AS previous, level, wrong_level, NULL::bigint AS differing, NULL::bigint AS added, NULL::bigint AS updated, NULL::bigint AS deleted
    FROM ${j} WHERE wrong_level OR locked
  UNION ALL
  (SELECT 'change', n, previous::text, level, false, NULL, NULL, NULL, NULL FROM ${j} WHERE NOT (wrong_level OR locked) ORDER BY n LIMIT $${p})
  UNION ALL
  SELECT 'counts', NULL, NULL, NULL, NULL, count(*),
         count(*) FILTER (WHERE NOT (wrong_level OR locked) AND previous IS NULL),
         count(*) FILTER (WHERE NOT (wrong_level OR locked) AND previous IS NOT NULL AND value IS NOT NULL),
         count(*) FILTER (WHERE NOT (wrong_level OR locked) AND value IS NULL)
    FROM ${j}`;
}

type PlanRow = { row_kind: "problem" | "change" | "counts"; n: unknown; previous: string | null; level: unknown; wrong_level: boolean | null; differing: unknown; added: unknown; updated: unknown; deleted: unknown };

/** The checks that need no database, done once per batch. */
type Checked = ReturnType<typeof checkValues>;

/**
 * Plans `values` (checked: {@link checkValues}' result). Without `into`, one
 * statement; with `into` (a temp table name, inside a transaction), the
 * differing values are first kept in that table for the write to use.
 */
async function runPlan(q: Queryable, values: readonly IncomingValue[], { problems: found, checked }: Checked, into?: string): Promise<DataWritePlan> {
  const problems = [...found];
  const locked = await lockedMonths(q, [...new Set(checked.map((i) => values[i]!.period))]);
  const lockedBy = new Map(locked.map((l) => [l.month, l]));
  const params = [...columns(values, checked), ELEMENTS_AT[1], ELEMENTS_AT[2], ELEMENTS_AT[3], locked.map((l) => l.month)];
  let rows: PlanRow[] = [];
  if (into !== undefined) {
    await q.query(`CREATE TEMP TABLE ${into} ON COMMIT DROP AS ${differingSql(INCOMING, 8)}`, params);
    if (checked.length > 0) rows = await q.query<PlanRow>(planRowsSql(into, 1), [MAX_CHANGES_LISTED]);
  } else if (checked.length > 0) {
    rows = await q.query<PlanRow>(`WITH j AS (${differingSql(INCOMING, 8)}) ${planRowsSql("j", 12)}`, [...params, MAX_CHANGES_LISTED]);
  }
  const changes: { index: number; change: DataValueChange }[] = [];
  let counts: DataWriteCounts = { new: 0, updated: 0, unchanged: checked.length, deleted: 0 };
  for (const r of rows) {
    if (r.row_kind === "counts") {
      counts = { new: toNumber(r.added)!, updated: toNumber(r.updated)!, unchanged: checked.length - toNumber(r.differing)!, deleted: toNumber(r.deleted)! };
      continue;
    }
    const index = checked[toNumber(r.n)! - 1]!;
    const v = values[index]!;
    if (r.row_kind === "problem") {
      const level = toNumber(r.level) as OrgUnitLevel;
      if (r.wrong_level) {
        problems.push(
          problem(v, "not_reported_at_level", `${v.dataElement} 不由${LEVEL_ZH[level]}上报（${v.orgUnit}）`, `${v.dataElement} is not reported by ${LEVEL_EN[level]} org units (${v.orgUnit})`),
        );
      } else problems.push(lockedMonthProblem(v, lockedBy.get(v.period)!));
      continue;
    }
    const kind = v.value === null ? "deleted" : r.previous === null ? "new" : "updated";
    changes.push({ index, change: { kind, orgUnit: v.orgUnit, period: v.period, dataElement: v.dataElement, previous: r.previous, value: v.value, location: v.location ?? null } });
  }
  changes.sort((a, b) => a.index - b.index);
  return { counts, changes: changes.map((c) => c.change), problems: sortProblems(problems), lockedMonths: locked };
}

/**
 * Compares `values` with `data_values` in one query and checks them.
 * Returns the counts (new, updated, unchanged, deleted), the first
 * {@link MAX_CHANGES_LISTED} changes (previous → new, in input order) and the
 * problems, each an error:
 * - `invalid_period` (not `YYYY-MM`), `unknown_data_element`, `invalid_value`
 *   (not a plain non-negative decimal), `duplicate_value` (the same org unit,
 *   month and data element twice in the batch);
 * - `not_reported_at_level`: a change to a data element that org units of
 *   that level do not report (`@linze/domain` data-sets.ts);
 * - `locked_month`: a change (new, updated or deleted value) in a locked
 *   month ({@link lockedMonths}). An unchanged value is no change and passes,
 *   so a file imported before its quarter was published can be imported again.
 * An org unit that does not exist is not checked here: callers check it
 * against the tree, and the foreign key refuses it when writing
 * ({@link applyDataValues} reports it as `unknown_org_unit`). Writes nothing.
 */
export async function planDataValues(q: Queryable, values: readonly IncomingValue[]): Promise<DataWritePlan> {
  return runPlan(q, values, checkValues(values));
}

/** Thrown by {@link applyDataValues} when the batch has errors; nothing was written. */
export class DataWriteRefused extends Error {
  constructor(readonly problems: readonly DataWriteProblem[]) {
    const first = problems[0];
    super(
      `${problems.length} problem(s), nothing written (有 ${problems.length} 个问题，未写入任何数据)${first ? `: ${first.messageEn} / ${first.messageZh}` : ""}`,
    );
    this.name = "DataWriteRefused";
  }
}

/** A committed import's file, as `data_imports` records it. */
export interface ImportRecord {
  readonly fileName: string;
  /** SHA-256 of the file's bytes, hex. */
  readonly fileSha256: string;
  readonly layout: "long" | "wide";
  readonly rowsRead: number;
  /** Values not imported: missing cells and skipped values (the summary's "ignored"). */
  readonly ignored: number;
  /** The import summary shown to the user; stored with the commit's counts under `counts`. */
  readonly summary: Record<string, unknown>;
}

export interface ApplyOptions {
  readonly source: "import" | "entry";
  /** The user id recorded in the history, the import and the submissions. */
  readonly user: string;
  /** Required for `source: "import"`. */
  readonly import?: ImportRecord;
  /** The calendar date in China, `YYYY-MM-DD`, recorded as a first submission's date; default {@link chinaToday}. */
  readonly today?: string;
}

export interface ApplyResult {
  readonly counts: DataWriteCounts;
  /** The `data_imports` id; null for data entry. */
  readonly importId: number | null;
  /** Changes recorded in `data_value_history` (= new + updated + deleted; one row holds an org unit-month's changes). */
  readonly historyRows: number;
  /** Townships' months registered as submitted by this write (first submissions only), by org unit and month. */
  readonly submissions: readonly { readonly orgUnit: string; readonly period: string }[];
  /** The first {@link MAX_CHANGES_LISTED} changes written, in input order. */
  readonly changes: readonly DataValueChange[];
}

/** Today's date in China (Asia/Shanghai, no daylight saving), `YYYY-MM-DD`, from the clock `now`. */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Changed values from which a write on PGlite refreshes the planner's statistics (PostgreSQL's autovacuum does it there). */
const ANALYZE_AFTER = 1000;

const DATE_LABEL = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * The write, in one statement over the planned changes (the temp table
 * `planned_values`, {@link differingSql}, holding no problem once we get
 * here): see {@link applyDataValues} step 3–4. `withDeletes` adds the DELETE
 * (data entry only).
 */
function writeSql(withDeletes: boolean): string {
  // Each part reads the temp table itself: a CTE over it would be copied into a tuplestore first.
  return `WITH
    -- New keys by a plain INSERT (an upsert's speculative insertion costs more per row); the
    -- advisory lock keeps other writers of this module out, and anyone else's row fails the primary key.
    inserted AS (
      INSERT INTO data_values (org_unit, period, data_element, value)
      SELECT org_unit, period, data_element, value FROM planned_values c WHERE previous IS NULL AND value IS NOT NULL),
    updated AS (
      UPDATE data_values dv SET value = c.value FROM planned_values c
      WHERE c.previous IS NOT NULL AND c.value IS NOT NULL AND dv.org_unit = c.org_unit AND dv.period = c.period AND dv.data_element = c.data_element),
    ${
      withDeletes
        ? `deleted AS (
      DELETE FROM data_values dv USING planned_values c
      WHERE c.value IS NULL AND dv.org_unit = c.org_unit AND dv.period = c.period AND dv.data_element = c.data_element),`
        : ""
    }
    -- One history row per org unit and month: the three aggregates read each group's rows in
    -- the same order, so a data element and its values share a position in the arrays.
    history AS (
      INSERT INTO data_value_history (org_unit, period, data_elements, previous_values, new_values, source, import_id, changed_by)
      SELECT org_unit, period, array_agg(data_element), array_agg(previous), array_agg(value), $1, $2, $3 FROM planned_values GROUP BY org_unit, period),
    submitted AS (
      INSERT INTO report_submissions (org_unit, period, submitted_on, submitted_by, source)
      SELECT DISTINCT u.code, t.period, $4, $3, $1
      FROM (SELECT DISTINCT org_unit, period FROM planned_values) t
      JOIN org_unit_closure cl ON cl.descendant = t.org_unit
      JOIN org_units u ON u.code = cl.ancestor AND u.level = 2
      ON CONFLICT (org_unit, period) DO NOTHING
      RETURNING org_unit, period)
  SELECT org_unit, period FROM submitted`;
}

/**
 * Plans and writes `values` in ONE transaction:
 * 1. {@link planDataValues}' checks, with the values that differ from the
 *    stored ones (and their previous values) kept in a temp table for the
 *    write, so the batch is compared with `data_values` once; with any error problem (or a delete in an import:
 *    `delete_in_import`) it throws {@link DataWriteRefused} carrying them all,
 *    and writes nothing;
 * 2. for an import, a `data_imports` row (counts, ignored, summary, user);
 * 3. one statement upserting the new and updated values, deleting the deleted
 *    ones and recording each change in `data_value_history` (previous and new
 *    value, source, import id, user; one row per org unit and month), and
 * 4. in the same statement, a `report_submissions` row for the township (the
 *    level-2 ancestor, or the township itself) of every (org unit, month)
 *    changed, dated `today` — first submission only (`ON CONFLICT DO
 *    NOTHING`; DHIS2's complete data set registration); county-level values
 *    register nothing.
 * Unchanged values write nothing: importing the same file again gives 0 new,
 * 0 updated, no history and no submissions. An org unit missing from
 * `org_units` fails the foreign key; that rolls everything back and is thrown
 * as DataWriteRefused with an `unknown_org_unit` problem per value.
 */
export async function applyDataValues(db: Database, values: readonly IncomingValue[], options: ApplyOptions): Promise<ApplyResult> {
  if (options.source === "import" && !options.import) throw new Error("applyDataValues: an import needs options.import (file name, hash, layout, rows read)");
  const today = options.today ?? chinaToday();
  if (!DATE_LABEL.test(today)) throw new Error(`applyDataValues: today must be a date YYYY-MM-DD, got ${today}`);
  try {
    return await db.transaction(async (tx) => {
      // One writer of data values at a time, so the previous values recorded in the history are the ones replaced.
      await tx.query("SELECT pg_advisory_xact_lock(hashtext('linze-data-values'))");
      // Room for a 100,000-value batch's temp results and trigger transition tables in memory (PGlite's default is 4 MB).
      await tx.query("SET LOCAL work_mem = '64MB'");
      await tx.query("DROP TABLE IF EXISTS pg_temp.planned_values");
      const plan = await runPlan(tx, values, checkValues(values), "planned_values");
      const problems = [...plan.problems];
      if (options.source === "import") {
        for (const v of values) if (v.value === null) problems.push(problem(v, "delete_in_import", "导入不能删除数值", "an import cannot delete a value"));
      }
      if (problems.some((p) => p.severity === "error")) throw new DataWriteRefused(sortProblems(problems));

      let importId: number | null = null;
      if (options.import) {
        const i = options.import;
        const [row] = await tx.query<{ id: unknown }>(
          `INSERT INTO data_imports (file_name, file_sha256, layout, rows_read, values_new, values_updated, values_unchanged, values_ignored, summary, committed_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [i.fileName, i.fileSha256, i.layout, i.rowsRead, plan.counts.new, plan.counts.updated, plan.counts.unchanged, i.ignored, JSON.stringify({ ...i.summary, counts: plan.counts }), options.user],
        );
        importId = toNumber(row!.id);
      }

      const changed = plan.counts.new + plan.counts.updated + plan.counts.deleted;
      // Data-modifying CTEs all run, once, on the same snapshot: `previous` is the value before this write.
      const submissions = changed === 0 ? [] : await tx.query<{ org_unit: string; period: string }>(writeSql(plan.counts.deleted > 0), [options.source, importId, options.user, today]);
      // PGlite has no autovacuum: after a large write, refresh the planner's statistics here. Only
      // data_values' (the joins read it); data_value_history is read by its index on one org unit-month's
      // key, which the planner takes without statistics.
      if (db.kind === "pglite" && changed >= ANALYZE_AFTER) await tx.query("ANALYZE data_values");
      return {
        counts: plan.counts,
        importId,
        historyRows: changed,
        submissions: submissions.map((s) => ({ orgUnit: s.org_unit, period: s.period })).sort((a, b) => a.orgUnit.localeCompare(b.orgUnit) || a.period.localeCompare(b.period)),
        changes: plan.changes,
      };
    });
  } catch (e) {
    const missing = foreignKeyOrgUnit(e);
    if (missing === null) throw e;
    throw new DataWriteRefused(
      values.filter((v) => v.orgUnit === missing).map((v) => problem(v, "unknown_org_unit", `未知的组织机构 "${missing}"`, `unknown org unit "${missing}"`)),
    );
  }
}

/** The org unit code of a foreign-key violation on `org_unit` (PostgreSQL 23503), else null. */
function foreignKeyOrgUnit(e: unknown): string | null {
  const err = e as { code?: string; detail?: string };
  if (err?.code !== "23503" || typeof err.detail !== "string") return null;
  const m = /Key \(org_unit\)=\((.*)\) is not present/.exec(err.detail);
  return m ? m[1]! : null;
}

/** One change of a data value, newest first in {@link valueHistory}. Values are counts or CNY as JS numbers; null = absent. */
export interface ValueHistoryEntry {
  readonly id: number;
  readonly previousValue: number | null;
  readonly value: number | null;
  readonly source: "import" | "entry";
  readonly importId: number | null;
  /** The imported file's name, for `source` import. */
  readonly fileName: string | null;
  readonly changedBy: string;
  /** ISO timestamp (server clock). */
  readonly changedAt: string;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

/** Every recorded change of one data value, newest first (loading the dataset is not a change and has none). */
export async function valueHistory(q: Queryable, key: { orgUnit: string; period: string; dataElement: string }): Promise<ValueHistoryEntry[]> {
  const rows = await q.query<{ id: unknown; previous_value: unknown; value: unknown; source: "import" | "entry"; import_id: unknown; file_name: string | null; changed_by: string; changed_at: unknown }>(
    `SELECT h.id, c.previous_value, c.value, h.source, h.import_id, i.file_name, h.changed_by, h.changed_at
     FROM data_value_history h
     CROSS JOIN LATERAL unnest(h.data_elements, h.previous_values, h.new_values) AS c(data_element, previous_value, value)
     LEFT JOIN data_imports i ON i.id = h.import_id
     WHERE h.org_unit = $1 AND h.period = $2 AND c.data_element = $3
     ORDER BY h.id DESC`,
    [key.orgUnit, key.period, key.dataElement],
  );
  return rows.map((r) => ({
    id: toNumber(r.id)!,
    previousValue: toNumber(r.previous_value),
    value: toNumber(r.value),
    source: r.source,
    importId: toNumber(r.import_id),
    fileName: r.file_name,
    changedBy: r.changed_by,
    changedAt: iso(r.changed_at),
  }));
}

/** The stored values of one org unit and month: data element code → count or CNY (JS number). */
export async function dataValuesOf(q: Queryable, orgUnit: string, period: string): Promise<Map<string, number>> {
  const rows = await q.query<{ data_element: string; value: unknown }>("SELECT data_element, value FROM data_values WHERE org_unit = $1 AND period = $2", [orgUnit, period]);
  return new Map(rows.map((r) => [r.data_element, toNumber(r.value)!]));
}

/** The last change of each data element of one org unit and month that has any: code → the newest history entry. */
export async function lastChangesOf(q: Queryable, orgUnit: string, period: string): Promise<Map<string, ValueHistoryEntry>> {
  const rows = await q.query<{ data_element: string; id: unknown; previous_value: unknown; value: unknown; source: "import" | "entry"; import_id: unknown; file_name: string | null; changed_by: string; changed_at: unknown }>(
    `SELECT DISTINCT ON (c.data_element) c.data_element, h.id, c.previous_value, c.value, h.source, h.import_id, i.file_name, h.changed_by, h.changed_at
     FROM data_value_history h
     CROSS JOIN LATERAL unnest(h.data_elements, h.previous_values, h.new_values) AS c(data_element, previous_value, value)
     LEFT JOIN data_imports i ON i.id = h.import_id
     WHERE h.org_unit = $1 AND h.period = $2
     ORDER BY c.data_element, h.id DESC`,
    [orgUnit, period],
  );
  return new Map(
    rows.map((r) => [
      r.data_element,
      {
        id: toNumber(r.id)!,
        previousValue: toNumber(r.previous_value),
        value: toNumber(r.value),
        source: r.source,
        importId: toNumber(r.import_id),
        fileName: r.file_name,
        changedBy: r.changed_by,
        changedAt: iso(r.changed_at),
      },
    ]),
  );
}
