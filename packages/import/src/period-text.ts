/**
 * Months as people write them on report sheets → `YYYY-MM` labels
 * (DOMAIN.md §3: periods are labels, never Dates). "2016-03", "2016-3",
 * "2016.3", "2016/03", "2016年3月", "2016年03月", "201603"; an XLSX date cell
 * (Excel turns a typed "2016-03" into 1 March 2016) gives its month.
 */
import { monthLabel } from "@linze/domain";
import { normaliseText } from "./text.ts";

function label(year: number, month: number): string | null {
  if (year < 1900 || year > 2999 || month < 1 || month > 12) return null;
  return monthLabel(year, month);
}

/** A whole cell that is a month; null when it is not exactly one. */
export function parseMonthCell(raw: string): string | null {
  const text = normaliseText(raw).replace(/\s+/g, "");
  let m = /^(\d{4})(?:[-./]|年)(\d{1,2})月?(?:份)?$/u.exec(text);
  if (m) return label(Number(m[1]), Number(m[2]));
  m = /^(\d{4})(\d{2})$/.exec(text);
  if (m) return label(Number(m[1]), Number(m[2]));
  return null;
}

/** The month of an XLSX date cell. exceljs builds dates at UTC midnight of the calendar day written. */
export function monthOfDate(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  return label(date.getUTCFullYear(), date.getUTCMonth() + 1);
}

/**
 * The first month named inside a title ("沙河镇残联2016年3月工作月报表" → "2016-03"), not counting
 * full dates ("填报日期：2016年4月5日", "2016-04-05"); null when there is none.
 */
export function findMonthInText(raw: string): string | null {
  const text = normaliseText(raw);
  const patterns = [
    /(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])/u,
    /(?<![\d.])(\d{4})\s*[-./]\s*(\d{1,2})(?![\d]|\s*[-./]\s*\d)/u,
  ];
  let best: { index: number; month: string } | null = null;
  for (const re of patterns) {
    const m = re.exec(text);
    if (!m) continue;
    const month = label(Number(m[1]), Number(m[2]));
    if (month && (best === null || m.index < best.index)) best = { index: m.index, month };
  }
  return best?.month ?? null;
}
