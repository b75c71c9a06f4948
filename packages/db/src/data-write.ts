/**
 * The write path of data values (issue 4): imports and the data-entry form
 * both come through here. A batch of incoming values is first *planned* —
 * compared with the stored values of its org units' months, checked against
 * the locked months — and then *applied* in one transaction: the values upserted or
 * deleted, every change appended to `data_value_history` (a row per org unit
 * and month written), the import
 * recorded in `data_imports`, and the first submission of each township's
 * month registered in `report_submissions`. A handful of statements whatever
 * the batch size: the stored values come back as one text, the changes go
 * to the database as a few texts decoded by one statement.
 *
 * Values are text as written by the caller ("12", "9.50"); they compare as
 * numbers (PostgreSQL NUMERIC: "12" = "12.0"), and leave as JS numbers
 * through the domain's `toNumber`. Periods are month labels `YYYY-MM`.
 */
import { isDataElementCode, isReportedAt, MonthSchema, toNumber, type OrgUnitLevel } from "@linze/domain";
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
 * The cell an imported value's org unit or month was read from, in the
 * value's file and sheet (`@linze/import` KeySource): row (0 when the month
 * is in no cell: a sheet or file name, the chosen period), column, header and
 * the text as written.
 */
export interface KeyCell {
  readonly row: number;
  readonly column: string | null;
  readonly header: string | null;
  readonly written: string;
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
  /** The value's cell. */
  readonly location?: SourceLocation | undefined;
  /** Where the org unit was read (an import): problems about the org unit point there, not at the value. */
  readonly orgUnitSource?: KeyCell | undefined;
  /** Where the month was read (an import): problems about the month point there, not at the value. */
  readonly periodSource?: KeyCell | undefined;
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
  /** The text of the cell the problem points at: the value, or the month or org unit as written. */
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
  /**
   * Values with a problem (a locked or unbegun month, a data element the org
   * unit's level does not report, …): the plan would write none of them. The
   * five counts add up to the values given; a write that succeeds has none.
   */
  readonly refused: number;
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

/**
 * A problem with `v`, placed at the cell of what is wrong: the value's cell
 * (`at` "value"), or — when the caller says where they were read — the
 * cell of its month ("period": a month not yet begun) or of its org unit
 * ("orgUnit"), with that cell's text as the problem's value.
 */
function problem(v: IncomingValue, code: DataWriteProblemCode, messageZh: string, messageEn: string, at: "value" | "period" | "orgUnit" = "value"): DataWriteProblem {
  const l = v.location;
  const key = at === "period" ? v.periodSource : at === "orgUnit" ? v.orgUnitSource : undefined;
  const cell = key ? { row: key.row, column: key.column, header: key.header, value: key.written } : { row: l?.row ?? null, column: l?.column ?? null, header: l?.header ?? null, value: v.value };
  return {
    severity: "error",
    code,
    file: l?.file ?? null,
    sheet: l?.sheet ?? null,
    ...cell,
    orgUnit: v.orgUnit,
    period: v.period,
    dataElement: v.dataElement,
    messageZh,
    messageEn,
  };
}

const where = (l: SourceLocation | undefined) =>
  l ? { zh: `${l.file}${l.sheet ? ` ${l.sheet}` : ""}${l.row !== null ? ` 第${l.row}行` : ""}`, en: `${l.file}${l.sheet ? ` ${l.sheet}` : ""}${l.row !== null ? ` row ${l.row}` : ""}` } : null;

/** Why a locked month refuses changes, in English and Chinese: it names the month and the quarter and asks for a new revision. */
export function lockedMonthMessage(locked: LockedMonth, month = locked.month): { en: string; zh: string } {
  const [year, q] = locked.quarter.split("Q");
  return { en: `${month} is in the published assessment of ${year} Q${q}; start a new revision first`, zh: `${month} 属于已发布的${year}年第${q}季度考核，须先开始新的修订版本` };
}

/** The problem for a change to a locked month: it names the quarter and asks for a new revision. */
export function lockedMonthProblem(v: IncomingValue, locked: LockedMonth): DataWriteProblem {
  const m = lockedMonthMessage(locked, v.period);
  return problem(v, "locked_month", m.zh, m.en);
}

const LEVEL_ZH: Record<OrgUnitLevel, string> = { 1: "县级", 2: "乡镇", 3: "村（社区）" };
const LEVEL_EN: Record<OrgUnitLevel, string> = { 1: "county", 2: "township", 3: "village or community" };
/**
 * One problem per place and reason: the values of a row share its month's
 * and org unit's cells (a wide row, or a month in the title), so a month not
 * yet begun is one problem at its cell, not one per value. Problems without a
 * file (data entry) are each about their own value and stay.
 */
function dedupe(problems: readonly DataWriteProblem[]): DataWriteProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (p.file === null) return true;
    const key = JSON.stringify([p.code, p.file, p.sheet, p.row, p.column, p.value, p.messageEn]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

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

/**
 * A value's key `org unit,month,data element`. Unambiguous once the month and
 * the data element are checked (neither holds a comma), whatever the org unit
 * code: the last two commas separate them.
 */
const keyOf = (orgUnit: string, period: string, dataElement: string) => `${orgUnit},${period},${dataElement}`;

/**
 * The checks that need no database: period, data element, value text, duplicates. Returns the problems,
 * the indexes of the values that passed, and each passed value's index by its key ({@link keyOf}).
 */
function checkValues(values: readonly IncomingValue[]): { problems: DataWriteProblem[]; checked: number[]; indexOfKey: Map<string, number> } {
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
      problems.push(problem(v, "invalid_period", `期间 "${v.period}" 不是月份（应为 YYYY-MM）`, `period "${v.period}" is not a month YYYY-MM`, "period"));
      return;
    }
    if (v.period > thisMonth) {
      problems.push(problem(v, "future_period", `期间 "${v.period}" 尚未开始（本月为 ${thisMonth}）`, `period "${v.period}" has not begun (this month is ${thisMonth})`, "period"));
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
    const key = keyOf(v.orgUnit, v.period, v.dataElement);
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
  return { problems, checked, indexOfKey: firstOf };
}

/**
 * A NUMERIC's text in a form equal for equal numbers: "12", "12.0" and "012"
 * → "12"; "9.50" → "9.5". Exact (no floating point): what NUMERIC's `=` says
 * of the plain decimals written here and of the stored values' text. Other
 * text (a stored NaN) is returned as is.
 */
export function numericKey(text: string): string {
  const m = /^(-?)0*(\d+?)(?:\.(\d*?)0*)?$/.exec(text);
  if (!m) return text;
  const [, sign, whole, fraction] = m;
  const digits = fraction ? `${whole}.${fraction}` : whole!;
  return digits === "0" ? "0" : `${sign}${digits}`;
}

/**
 * The stored values of the org units' months that `checked` values fall in,
 * by the index in `values` of the incoming value with their key, as NUMERIC
 * text; and the levels of the batch's org units that exist. One statement,
 * its rows folded into two texts (`org unit,month,data element,value;…`):
 * ~0.02 s on PGlite when none of 100,000 values is stored yet, ~0.3 s when
 * all are, where sending the batch to be compared there cost ~0.7 s.
 */
async function storedValuesOf(q: Queryable, values: readonly IncomingValue[], checked: readonly number[], indexOfKey: ReadonlyMap<string, number>) {
  const months = new Map<string, Set<string>>();
  for (const i of checked) {
    const v = values[i]!;
    let set = months.get(v.orgUnit);
    if (set === undefined) months.set(v.orgUnit, (set = new Set()));
    set.add(v.period);
  }
  const pairUnits: string[] = [];
  const pairMonths: string[] = [];
  for (const [orgUnit, set] of months) for (const month of set) pairUnits.push(orgUnit), pairMonths.push(month);
  const previous = new Map<number, string>();
  const levels = new Map<string, OrgUnitLevel>();
  if (pairUnits.length === 0) return { previous, levels };
  const [row] = await q.query<{ stored: string | null; levels: string | null }>(
    `SELECT (SELECT string_agg(dv.org_unit || ',' || dv.period || ',' || dv.data_element || ',' || dv.value::text, ';')
             FROM unnest($1::text[], $2::text[]) AS k(org_unit, period)
             JOIN data_values dv ON dv.org_unit = k.org_unit AND dv.period = k.period) AS stored,
            (SELECT string_agg(u.code || ',' || u.level, ';') FROM org_units u WHERE u.code = ANY ($3::text[])) AS levels`,
    [pairUnits, pairMonths, [...months.keys()]],
  );
  // Stored codes hold no comma or semicolon (OrgUnitCodeSchema, the catalogue); the value is the text after the last comma.
  if (row?.stored) {
    for (const record of row.stored.split(";")) {
      const comma = record.lastIndexOf(",");
      const index = indexOfKey.get(record.slice(0, comma));
      if (index !== undefined) previous.set(index, record.slice(comma + 1));
    }
  }
  if (row?.levels) {
    for (const record of row.levels.split(";")) {
      const comma = record.lastIndexOf(",");
      levels.set(record.slice(0, comma), Number(record.slice(comma + 1)) as OrgUnitLevel);
    }
  }
  return { previous, levels };
}

/** The checks that need no database, done once per batch. */
type Checked = ReturnType<typeof checkValues>;

/** A plan, with every value that would change (indexes into `values`, in input order) and each one's stored value. */
interface FullPlan {
  readonly plan: DataWritePlan;
  readonly changed: readonly number[];
  readonly previous: ReadonlyMap<number, string>;
}

/**
 * Plans `values` (checked: {@link checkValues}' result): reads the stored
 * values of their org units' months and the locked months, and compares in
 * JS. A value differs when its number differs from the stored one
 * ({@link numericKey}: 12 = 12.0), or it is new, or it deletes a stored value.
 */
async function runPlan(q: Queryable, values: readonly IncomingValue[], { problems: found, checked, indexOfKey }: Checked): Promise<FullPlan> {
  const problems = [...found];
  const locked = await lockedMonths(q, [...new Set(checked.map((i) => values[i]!.period))]);
  const lockedBy = new Map(locked.map((l) => [l.month, l]));
  const { previous, levels } = await storedValuesOf(q, values, checked, indexOfKey);
  const changes: DataValueChange[] = [];
  const changed: number[] = [];
  let added = 0;
  let updated = 0;
  let deleted = 0;
  let differing = 0;
  for (const index of checked) {
    const v = values[index]!;
    const stored = previous.get(index) ?? null;
    if (v.value === null ? stored === null : stored !== null && numericKey(stored) === numericKey(v.value)) continue;
    differing++;
    // An org unit not in org_units has no level: the write's reference check refuses it (unknown_org_unit).
    const level = levels.get(v.orgUnit);
    if (level !== undefined && !isReportedAt(v.dataElement, level)) {
      problems.push(problem(v, "not_reported_at_level", `${v.dataElement} 不由${LEVEL_ZH[level]}上报（${v.orgUnit}）`, `${v.dataElement} is not reported by ${LEVEL_EN[level]} org units (${v.orgUnit})`));
      continue;
    }
    const locking = lockedBy.get(v.period);
    if (locking !== undefined) {
      problems.push(lockedMonthProblem(v, locking));
      continue;
    }
    const kind = v.value === null ? "deleted" : stored === null ? "new" : "updated";
    if (kind === "new") added++;
    else if (kind === "updated") updated++;
    else deleted++;
    changed.push(index);
    if (changes.length < MAX_CHANGES_LISTED) {
      changes.push({ kind, orgUnit: v.orgUnit, period: v.period, dataElement: v.dataElement, previous: stored, value: v.value, location: v.location ?? null });
    }
  }
  return {
    plan: {
      counts: { new: added, updated, unchanged: checked.length - differing, deleted, refused: values.length - checked.length + differing - changed.length },
      changes,
      problems: sortProblems(dedupe(problems)),
      lockedMonths: locked,
    },
    changed,
    previous,
  };
}

/**
 * The changes as the write's first seven parameters ($1…$7 of {@link writeSql}),
 * dictionary-coded: each value's (org unit, month, data element) as one key
 * number `(o × months + p) × elements + d` (indexes into the three lists of
 * distinct codes, $4–$6, with the list lengths $7 and — elements — derived),
 * the keys, the new values and the stored ones each sent as ONE
 * comma-separated text ($1–$3; null as `N`). Four text arrays of 100,000
 * elements cost ~0.3–0.5 s to send and parse on PGlite (array quoting in JS,
 * array_in in the server); the texts ~0.07 s. Values are plain decimals
 * ({@link checkValues}) or stored NUMERIC text: no comma, no `N`.
 */
function changeColumns(values: readonly IncomingValue[], changed: readonly number[], previous: ReadonlyMap<number, string>): unknown[] {
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
  const ps: string[] = [];
  for (const i of changed) {
    const v = values[i]!;
    o.push(indexOf(orgUnits, v.orgUnit));
    p.push(indexOf(periods, v.period));
    d.push(indexOf(elements, v.dataElement));
    vs.push(v.value ?? "N");
    ps.push(previous.get(i) ?? "N");
  }
  const P = Math.max(periods.size, 1);
  const D = Math.max(elements.size, 1);
  const keys = o.map((oi, n) => (oi * P + p[n]!) * D + d[n]!);
  return [keys.join(","), vs.join(","), ps.join(","), [...orgUnits.keys()], [...periods.keys()], [...elements.keys()], P, D];
}

/**
 * Compares `values` with the stored values of their org units' months (read
 * in one query) and checks them.
 * Returns the counts (new, updated, unchanged, deleted, refused), the first
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
  return (await runPlan(q, values, checkValues(values))).plan;
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
 * The write, in one statement over the changes ({@link changeColumns}'
 * $1–$8; no problem is left once we get here): see {@link applyDataValues}
 * step 3–4. $9–$12: source, import id, user, today. `withDeletes` adds the
 * DELETE (data entry only).
 */
function writeSql(withDeletes: boolean): string {
  return `WITH
    -- Decoded once; every part below reads the result. m numbers the org unit-month (o × months + p).
    c AS MATERIALIZED (
      SELECT ($4::text[])[(x.k / ($7::int8 * $8::int8))::int + 1] AS org_unit,
             ($5::text[])[((x.k / $8::int8) % $7::int8)::int + 1] AS period,
             ($6::text[])[(x.k % $8::int8)::int + 1] AS data_element,
             x.value, x.previous, x.k / $8::int8 AS m
      FROM unnest(string_to_array($1::text, ',')::int8[], string_to_array($2::text, ',', 'N')::numeric[], string_to_array($3::text, ',', 'N')::numeric[]) AS x(k, value, previous)),
    -- New keys by a plain INSERT (an upsert's speculative insertion costs more per row); the
    -- advisory lock keeps other writers of this module out, and anyone else's row fails the primary key.
    inserted AS (
      INSERT INTO data_values (org_unit, period, data_element, value)
      SELECT org_unit, period, data_element, value FROM c WHERE previous IS NULL AND value IS NOT NULL),
    updated AS (
      UPDATE data_values dv SET value = c.value FROM c
      WHERE c.previous IS NOT NULL AND c.value IS NOT NULL AND dv.org_unit = c.org_unit AND dv.period = c.period AND dv.data_element = c.data_element),
    ${
      withDeletes
        ? `deleted AS (
      DELETE FROM data_values dv USING c
      WHERE c.value IS NULL AND dv.org_unit = c.org_unit AND dv.period = c.period AND dv.data_element = c.data_element),`
        : ""
    }
    -- One history row per org unit and month, grouped by m (a hash of integers, where grouping by
    -- the two texts sorted 100,000 rows: ~0.1 s on PGlite). The three aggregates read each group's
    -- rows in the same order, so a data element and its values share a position in the arrays.
    history AS (
      INSERT INTO data_value_history (org_unit, period, data_elements, previous_values, new_values, source, import_id, changed_by)
      SELECT ($4::text[])[(m / $7::int8)::int + 1], ($5::text[])[(m % $7::int8)::int + 1], array_agg(data_element), array_agg(previous), array_agg(value), $9, $10, $11
      FROM c GROUP BY m),
    submitted AS (
      INSERT INTO report_submissions (org_unit, period, submitted_on, submitted_by, source)
      SELECT DISTINCT u.code, t.period, $12, $11, $9
      FROM (SELECT DISTINCT org_unit, period FROM c) t
      JOIN org_unit_closure cl ON cl.descendant = t.org_unit
      JOIN org_units u ON u.code = cl.ancestor AND u.level = 2
      ON CONFLICT (org_unit, period) DO NOTHING
      RETURNING org_unit, period)
  SELECT org_unit, period FROM submitted`;
}

/**
 * Plans and writes `values` in ONE transaction:
 * 1. {@link planDataValues}' checks and comparison, again inside the
 *    transaction (a dry run's plan may be out of date): the values that
 *    differ from the stored ones, with their previous values, are what the
 *    write sends; with any error problem (or a delete in an import:
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
      // Room for a 100,000-value batch's decoded changes and trigger transition tables in memory (PGlite's default is 4 MB).
      await tx.query("SET LOCAL work_mem = '64MB'");
      const { plan, changed: changedValues, previous } = await runPlan(tx, values, checkValues(values));
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

      const changed = changedValues.length;
      // Data-modifying CTEs all run, once, on the same snapshot. `previous` was read in this transaction,
      // under the advisory lock: the value this write replaces.
      const submissions =
        changed === 0
          ? []
          : await tx.query<{ org_unit: string; period: string }>(writeSql(plan.counts.deleted > 0), [...changeColumns(values, changedValues, previous), options.source, importId, options.user, today]);
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
      dedupe(values.filter((v) => v.orgUnit === missing).map((v) => problem(v, "unknown_org_unit", `未知的组织机构 "${missing}"`, `unknown org unit "${missing}"`, "orgUnit"))),
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
