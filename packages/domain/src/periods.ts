/**
 * Periods are calendar labels, never Date objects or timestamps (DOMAIN.md §3):
 * month `YYYY-MM`, quarter `YYYYQn`, year `YYYY`. No time zone ever enters, so
 * a month in China (UTC+8) is the same month everywhere.
 */
import { z } from "zod";

export type PeriodType = "month" | "quarter" | "year";

export const PERIOD_TYPES: readonly PeriodType[] = ["month", "quarter", "year"];

/** A parsed period label. `month` is 1–12 for months; `quarter` is 1–4 for quarters. */
export interface Period {
  readonly label: string;
  readonly type: PeriodType;
  readonly year: number;
  readonly quarter?: number;
  readonly month?: number;
}

/** Thrown for a label that is not `YYYY-MM`, `YYYYQn` or `YYYY` with a real month or quarter. */
export class InvalidPeriod extends Error {
  constructor(readonly label: string) {
    super(
      `Invalid period "${label}": expected a month YYYY-MM (e.g. 2016-03), a quarter YYYYQn (e.g. 2016Q1) or a year YYYY (e.g. 2016) / 无效的期间`,
    );
    this.name = "InvalidPeriod";
  }
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER_RE = /^(\d{4})Q([1-4])$/;
const YEAR_RE = /^(\d{4})$/;

/** Parses a period label; throws {@link InvalidPeriod}. */
export function parsePeriod(label: string): Period {
  let m = MONTH_RE.exec(label);
  if (m) return { label, type: "month", year: Number(m[1]), month: Number(m[2]) };
  m = QUARTER_RE.exec(label);
  if (m) return { label, type: "quarter", year: Number(m[1]), quarter: Number(m[2]) };
  m = YEAR_RE.exec(label);
  if (m) return { label, type: "year", year: Number(m[1]) };
  throw new InvalidPeriod(label);
}

export function isPeriod(label: string): boolean {
  return MONTH_RE.test(label) || QUARTER_RE.test(label) || YEAR_RE.test(label);
}

export const PeriodSchema = z
  .string()
  .refine(isPeriod, { message: "expected a period: YYYY-MM, YYYYQn or YYYY (期间格式应为 YYYY-MM、YYYYQn 或 YYYY)" });
export const MonthSchema = z
  .string()
  .regex(MONTH_RE, { message: "expected a month YYYY-MM (月份格式应为 YYYY-MM)" });
export const PeriodTypeSchema = z.enum(["month", "quarter", "year"]);

export function periodType(label: string): PeriodType {
  return parsePeriod(label).type;
}

/** The month label for a year and a month number 1–12. */
export function monthLabel(year: number, month: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}`;
}

/** The months a period covers, in order: `2016Q1` → [`2016-01`, `2016-02`, `2016-03`]. */
export function monthsOf(label: string): string[] {
  const p = parsePeriod(label);
  if (p.type === "month") return [label];
  const first = p.type === "quarter" ? (p.quarter! - 1) * 3 + 1 : 1;
  const count = p.type === "quarter" ? 3 : 12;
  return Array.from({ length: count }, (_, i) => monthLabel(p.year, first + i));
}

/** The last month of a period: `2016Q2` → `2016-06`. */
export function lastMonthOf(label: string): string {
  const months = monthsOf(label);
  return months[months.length - 1]!;
}

/** The period of the given type that contains a month: (`2016-05`, quarter) → `2016Q2`. */
export function periodContaining(month: string, type: PeriodType): string {
  const p = parsePeriod(month);
  if (p.type !== "month") throw new InvalidPeriod(month);
  if (type === "month") return month;
  if (type === "quarter") return `${p.year}Q${Math.ceil(p.month! / 3)}`;
  return String(p.year);
}

/** The period of the same type just before: `2016-01` → `2015-12`, `2016Q1` → `2015Q4`, `2016` → `2015`. */
export function previousPeriod(label: string): string {
  const p = parsePeriod(label);
  if (p.type === "year") return String(p.year - 1);
  if (p.type === "quarter") return p.quarter === 1 ? `${p.year - 1}Q4` : `${p.year}Q${p.quarter! - 1}`;
  return p.month === 1 ? monthLabel(p.year - 1, 12) : monthLabel(p.year, p.month! - 1);
}

/** The period of the same type just after. */
export function nextPeriod(label: string): string {
  const p = parsePeriod(label);
  if (p.type === "year") return String(p.year + 1);
  if (p.type === "quarter") return p.quarter === 4 ? `${p.year + 1}Q1` : `${p.year}Q${p.quarter! + 1}`;
  return p.month === 12 ? monthLabel(p.year + 1, 1) : monthLabel(p.year, p.month! + 1);
}

/** Months from January of the period's year up to the period's last month: `2016Q2` → 2016-01 … 2016-06. */
export function yearToDateMonths(label: string): string[] {
  const p = parsePeriod(label);
  const last = parsePeriod(lastMonthOf(label)).month!;
  return Array.from({ length: last }, (_, i) => monthLabel(p.year, i + 1));
}

/** The periods of one type within a year, in order: (2016, quarter) → 2016Q1 … 2016Q4. */
export function periodsOfYear(year: number, type: PeriodType): string[] {
  if (type === "year") return [String(year)];
  if (type === "quarter") return [1, 2, 3, 4].map((q) => `${year}Q${q}`);
  return Array.from({ length: 12 }, (_, i) => monthLabel(year, i + 1));
}

/** Compares two labels of the same type chronologically (labels sort as strings within a type). */
export function comparePeriods(a: string, b: string): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  return lastMonthOf(pa.label) < lastMonthOf(pb.label) ? -1 : lastMonthOf(pa.label) > lastMonthOf(pb.label) ? 1 : PERIOD_TYPES.indexOf(pa.type) - PERIOD_TYPES.indexOf(pb.type);
}
