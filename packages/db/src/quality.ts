/**
 * Data quality (issue 4, points 5–6): the report due day setting, the
 * completeness and timeliness of the townships' monthly reports, the villages
 * that sent nothing in a month, and the validation rules run over the stored
 * data values. The rules themselves (statuses, rates, validation) are the
 * domain's (completeness.ts, validation-rules.ts); this module reads the
 * database for them. Numbers leave the engine through `toNumber`.
 */
import {
  DataValueIndex,
  evaluateValidationRules,
  lastMonthOf,
  monthLabel,
  monthsOf,
  parsePeriod,
  REPORT_DUE_DAY_DEFAULT,
  REPORT_DUE_DAY_KEY,
  ReportDueDaySchema,
  reportingRates,
  reportTimeliness,
  toNumber,
  VALIDATION_RULES,
  type DataValue,
  type OrgUnitTree,
  type ReportingRates,
  type ReportStatus,
  type ValidationRule,
  type ValidationViolation,
} from "@linze/domain";
import type { Queryable } from "./client.ts";

/** The due day of the month after a report's month, and who set it when (null for the default). */
export interface ReportDueDaySetting {
  /** 1–28. */
  readonly day: number;
  readonly isDefault: boolean;
  readonly updatedBy: string | null;
  /** ISO instant of the change; null for the default. */
  readonly updatedAt: string | null;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

function settingOf(row: { value: unknown; updated_by: string; updated_at: unknown } | undefined): ReportDueDaySetting {
  if (!row) return { day: REPORT_DUE_DAY_DEFAULT, isDefault: true, updatedBy: null, updatedAt: null };
  const raw = typeof row.value === "string" ? JSON.parse(row.value) : row.value;
  return { day: ReportDueDaySchema.parse(raw), isDefault: false, updatedBy: row.updated_by, updatedAt: iso(row.updated_at) };
}

/** The stored due day (`settings` key `report_due_day`), or the default 10. */
export async function reportDueDay(q: Queryable): Promise<ReportDueDaySetting> {
  const rows = await q.query<{ value: unknown; updated_by: string; updated_at: unknown }>(
    "SELECT value, updated_by, updated_at FROM settings WHERE key = $1",
    [REPORT_DUE_DAY_KEY],
  );
  return settingOf(rows[0]);
}

/** Stores the due day (1–28; throws zod's error otherwise) with who and when. */
export async function setReportDueDay(q: Queryable, day: number, userId: string): Promise<ReportDueDaySetting> {
  ReportDueDaySchema.parse(day);
  const rows = await q.query<{ value: unknown; updated_by: string; updated_at: unknown }>(
    `INSERT INTO settings (key, value, updated_by, updated_at) VALUES ($1, $2::jsonb, $3, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()
     RETURNING value, updated_by, updated_at`,
    [REPORT_DUE_DAY_KEY, JSON.stringify(day), userId],
  );
  return settingOf(rows[0]);
}

/** Data values of the months `from`…`to` (labels, inclusive), values as numbers. */
export async function dataValuesBetween(q: Queryable, from: string, to: string): Promise<DataValue[]> {
  const rows = await q.query<{ org_unit: string; period: string; data_element: string; value: unknown }>(
    "SELECT org_unit, period, data_element, value FROM data_values WHERE period >= $1 AND period <= $2",
    [from, to],
  );
  return rows.map((r) => ({ orgUnit: r.org_unit, period: r.period, dataElement: r.data_element, value: toNumber(r.value)! }));
}

/** One township's report for one month. */
export interface TownshipMonthReport {
  readonly period: string;
  readonly status: ReportStatus;
  /** The date received (China), `YYYY-MM-DD`; null when not received. */
  readonly submittedOn: string | null;
  readonly dueDate: string;
  /** Days after the due date, for a late report; else 0. */
  readonly daysLate: number;
  /** Villages and communities of the township with any data value in the month. */
  readonly villagesReported: number;
  readonly villagesExpected: number;
  /** Codes of the villages and communities with no data value at all in the month. */
  readonly villagesMissing: readonly string[];
}

export interface TownshipCompleteness {
  readonly orgUnit: string;
  readonly months: readonly TownshipMonthReport[];
  readonly rates: ReportingRates;
  /**
   * Whether `villagesMissing` names the villages: false where the caller
   * compares the township without seeing its villages (a township officer's
   * view of the other townships; the API's scoping), whose months then list
   * none.
   */
  readonly villageDetail: boolean;
}

export interface CountyMonthCompleteness {
  readonly period: string;
  readonly townshipsReceived: number;
  readonly townshipsExpected: number;
  readonly villagesReported: number;
  readonly villagesExpected: number;
}

export interface Completeness {
  readonly year: number;
  readonly dueDay: ReportDueDaySetting;
  /** The date the statuses are as of (China), `YYYY-MM-DD`. */
  readonly asOf: string;
  readonly months: readonly string[];
  readonly townships: readonly TownshipCompleteness[];
  /** The county's rates and months; null for a caller who may not see the county's figures (a committee member). */
  readonly county: { readonly orgUnit: string; readonly rates: ReportingRates; readonly months: readonly CountyMonthCompleteness[] } | null;
}

/**
 * Completeness and timeliness of every township's report for each month of
 * `year` as of `asOf` (China's date; a report dated later counts as not yet
 * received), with the stored due day: status,
 * date received, days late, villages reported; reporting and on-time rates
 * per township and for the county (sums of counts over township-months).
 * "Expected" is the domain's (completeness.ts): received, or past due.
 */
export async function completenessOfYear(q: Queryable, tree: OrgUnitTree, year: number, asOf: string): Promise<Completeness> {
  const months = Array.from({ length: 12 }, (_, i) => monthLabel(year, i + 1));
  const dueDay = await reportDueDay(q);
  const submissions = await q.query<{ org_unit: string; period: string; submitted_on: string }>(
    "SELECT org_unit, period, submitted_on FROM report_submissions WHERE period >= $1 AND period <= $2",
    [months[0], months[11]],
  );
  const submittedOn = new Map(submissions.map((s) => [`${s.org_unit}|${s.period}`, s.submitted_on]));
  const reported = await q.query<{ org_unit: string; period: string }>(
    `SELECT v.org_unit, v.period FROM data_values v JOIN org_units o ON o.code = v.org_unit
     WHERE o.level = 3 AND v.period >= $1 AND v.period <= $2 GROUP BY v.org_unit, v.period`,
    [months[0], months[11]],
  );
  const villageReported = new Set(reported.map((r) => `${r.org_unit}|${r.period}`));

  const townships = tree.children(tree.root.code).map((t): TownshipCompleteness => {
    const villages = tree.children(t.code).map((v) => v.code);
    const reports = months.map((period): TownshipMonthReport => {
      // A report dated after `asOf` had not arrived yet as of then.
      const stored = submittedOn.get(`${t.code}|${period}`) ?? null;
      const on = stored !== null && stored <= asOf ? stored : null;
      const timeliness = reportTimeliness(period, on, dueDay.day, asOf);
      const missing = villages.filter((v) => !villageReported.has(`${v}|${period}`));
      return {
        period,
        status: timeliness.status,
        submittedOn: on,
        dueDate: timeliness.dueDate,
        daysLate: timeliness.daysLate,
        villagesReported: villages.length - missing.length,
        villagesExpected: villages.length,
        villagesMissing: missing,
      };
    });
    return { orgUnit: t.code, months: reports, rates: reportingRates(reports.map((r) => r.status)), villageDetail: true };
  });

  const countyMonths = months.map((period, i): CountyMonthCompleteness => {
    const of = townships.map((t) => t.months[i]!);
    return {
      period,
      townshipsReceived: of.filter((r) => r.submittedOn !== null).length,
      townshipsExpected: of.filter((r) => r.status !== "notYetDue").length,
      villagesReported: of.reduce((s, r) => s + r.villagesReported, 0),
      villagesExpected: of.reduce((s, r) => s + r.villagesExpected, 0),
    };
  });
  return {
    year,
    dueDay,
    asOf,
    months,
    townships,
    county: { orgUnit: tree.root.code, rates: reportingRates(townships.flatMap((t) => t.months.map((r) => r.status))), months: countyMonths },
  };
}

/**
 * The org units a validation run checks: the county and every township for
 * the county (or when none is named), otherwise the one org unit named.
 * Throws UnknownOrgUnit.
 */
export function validationOrgUnits(tree: OrgUnitTree, orgUnit?: string): string[] {
  if (orgUnit === undefined || orgUnit === tree.root.code) return [tree.root.code, ...tree.children(tree.root.code).map((u) => u.code)];
  return [tree.get(orgUnit).code];
}

/**
 * Runs the validation rules (default: all) for every month of `period`
 * (a month, quarter or year) and the org units of {@link validationOrgUnits},
 * reading the data values from January of the period's year (the
 * year-to-date rules need them). Throws InvalidPeriod / UnknownOrgUnit.
 */
export async function runValidation(
  q: Queryable,
  tree: OrgUnitTree,
  input: { readonly period: string; readonly orgUnit?: string | undefined },
  rules: readonly ValidationRule[] = VALIDATION_RULES,
): Promise<{ months: string[]; orgUnits: string[]; violations: ValidationViolation[] }> {
  const months = monthsOf(input.period);
  const orgUnits = validationOrgUnits(tree, input.orgUnit);
  const values = await dataValuesBetween(q, monthLabel(parsePeriod(input.period).year, 1), lastMonthOf(input.period));
  const violations = evaluateValidationRules(rules, new DataValueIndex(values), tree, orgUnits, months);
  return { months, orgUnits, violations };
}
