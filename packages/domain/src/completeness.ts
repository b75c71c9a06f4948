/**
 * Completeness and timeliness of the townships' monthly reports (DHIS2's
 * reporting rate and reporting rate on time), issue 4 point 6.
 *
 * - A report is expected from every township for every month. It is
 *   *received* when the township's (township, month) submission is registered
 *   (`report_submissions`), dated by its calendar date in China.
 * - It is due on the due day (a setting, 1–28, default 10) of the following
 *   month: the report for 2016-03 is due on 2016-04-10. Received on or before
 *   that date: on time; after it: late, by the days in between.
 * - Not received: missing once the due date has passed (as of today's date in
 *   China), not yet due until then. A month not yet due and not received is
 *   not expected yet, so it counts in no rate.
 * - Reporting rate = received / expected; on-time rate = received on time /
 *   expected, as ratios 0–1, null when nothing is expected. Over several
 *   townships or months they are sums of counts, never means of rates.
 *
 * Dates are labels `YYYY-MM-DD`, like periods: no Date object, no time zone,
 * except in {@link chinaDate}, which reads a clock.
 */
import { z } from "zod";
import { nextPeriod, parsePeriod } from "./periods.ts";

/** The due day of the following month when no setting says otherwise. */
export const REPORT_DUE_DAY_DEFAULT = 10;
/** The `settings` key of the due day. */
export const REPORT_DUE_DAY_KEY = "report_due_day";

/** 1–28, so that every month has the day. */
export const ReportDueDaySchema = z
  .number({ message: "the due day must be a whole number from 1 to 28 (截止日应为1至28之间的整数)" })
  .int({ message: "the due day must be a whole number from 1 to 28 (截止日应为1至28之间的整数)" })
  .min(1, { message: "the due day must be a whole number from 1 to 28 (截止日应为1至28之间的整数)" })
  .max(28, { message: "the due day must be a whole number from 1 to 28 (截止日应为1至28之间的整数)" });

const DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class InvalidDate extends Error {
  constructor(readonly label: string) {
    super(`Invalid date "${label}": expected a calendar date YYYY-MM-DD such as 2016-04-10 / 无效的日期`);
    this.name = "InvalidDate";
  }
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Parses a date label, checking the day exists in its month; throws {@link InvalidDate}. */
export function parseDate(label: string): { year: number; month: number; day: number } {
  const m = DATE_RE.exec(label);
  if (!m) throw new InvalidDate(label);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (day > daysInMonth(year, month)) throw new InvalidDate(label);
  return { year, month, day };
}

export function isDateLabel(label: string): boolean {
  try {
    parseDate(label);
    return true;
  } catch {
    return false;
  }
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function dayNumber(label: string): number {
  const { year, month, day } = parseDate(label);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `to` − `from` in days: ("2016-04-10", "2016-04-12") → 2. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The first day of a month label: "2016-03" → "2016-03-01". */
export function firstDayOf(month: string): string {
  if (parsePeriod(month).type !== "month") throw new Error(`${month} is not a month`);
  return `${month}-01`;
}

/** The date a month's report is due: the due day of the following month ("2016-12", 10) → "2017-01-10". */
export function reportDueDate(month: string, dueDay: number): string {
  ReportDueDaySchema.parse(dueDay);
  if (parsePeriod(month).type !== "month") throw new Error(`${month} is not a month`);
  return `${nextPeriod(month)}-${String(dueDay).padStart(2, "0")}`;
}

/** Today's calendar date in China (Asia/Shanghai, UTC+8 all year), `YYYY-MM-DD`. */
export function chinaDate(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}

export type ReportStatus = "onTime" | "late" | "missing" | "notYetDue";

export interface ReportTimeliness {
  readonly status: ReportStatus;
  /** The date the report is due, `YYYY-MM-DD`. */
  readonly dueDate: string;
  /** Days after the due date for a late report; 0 otherwise. */
  readonly daysLate: number;
}

/**
 * The status of one township's report for `month`, received on `submittedOn`
 * (null when not received), with reports due on `dueDay` of the following
 * month, as of `today` (a date label, China's date). Throws for a bad label.
 */
export function reportTimeliness(month: string, submittedOn: string | null, dueDay: number, today: string): ReportTimeliness {
  const dueDate = reportDueDate(month, dueDay);
  parseDate(today);
  if (submittedOn !== null) {
    const late = daysBetween(dueDate, submittedOn);
    return late > 0 ? { status: "late", dueDate, daysLate: late } : { status: "onTime", dueDate, daysLate: 0 };
  }
  return { status: daysBetween(dueDate, today) > 0 ? "missing" : "notYetDue", dueDate, daysLate: 0 };
}

export interface ReportingRates {
  /** Reports expected: received, or not received and past due. */
  readonly expected: number;
  readonly received: number;
  readonly onTime: number;
  readonly late: number;
  readonly missing: number;
  /** received / expected, 0–1; null when nothing is expected. */
  readonly reportingRate: number | null;
  /** on time / expected, 0–1; null when nothing is expected. */
  readonly onTimeRate: number | null;
}

/** Counts and rates over any set of statuses (a township's months, the county's township-months). */
export function reportingRates(statuses: Iterable<ReportStatus>): ReportingRates {
  let onTime = 0;
  let late = 0;
  let missing = 0;
  for (const s of statuses) {
    if (s === "onTime") onTime++;
    else if (s === "late") late++;
    else if (s === "missing") missing++;
  }
  const received = onTime + late;
  const expected = received + missing;
  return {
    expected,
    received,
    onTime,
    late,
    missing,
    reportingRate: expected === 0 ? null : received / expected,
    onTimeRate: expected === 0 ? null : onTime / expected,
  };
}
