/**
 * The demo's monthly report submissions (issue 4, completeness and
 * timeliness): one per township and month that has data — the date each
 * township's monthly report reached the county federation, as DHIS2 records
 * a complete data set registration. Generated, with its own seed so that no
 * other file changes: most reports arrive on days 1–10 of the following
 * month (on time with the default due day, the 10th);
 * {@link LATE_SUBMISSIONS} drawn township-months arrive late, on a day from
 * the 12th to the 25th. No report arrives on the 11th, so moving the due day
 * between 10 and 11 changes nothing; moving it earlier (say the 5th) makes
 * every report of days 6–10 late.
 */
import { LINZE_TOWNSHIPS, nextPeriod, type DataValue, type OrgUnit } from "@linze/domain";
import { Random } from "./random.ts";

export const SUBMISSIONS_SEED = 20170110;
/** How many township-months are reported late. */
export const LATE_SUBMISSIONS = 6;

export interface DemoSubmission {
  /** The township (`LZ-SH` …). */
  readonly orgUnit: string;
  /** The month reported, `YYYY-MM`. */
  readonly period: string;
  /** The calendar date it arrived (China), `YYYY-MM-DD`, in the following month. */
  readonly submittedOn: string;
}

/**
 * One submission per township-month in which the township or any village
 * of it has a data value, townships in the report's order, then months.
 * Pure: the same inputs and seed give the same rows.
 */
export function generateReportSubmissions(orgUnits: readonly OrgUnit[], dataValues: readonly DataValue[], seed: number = SUBMISSIONS_SEED): DemoSubmission[] {
  const rnd = new Random(seed);
  const townshipOf = new Map<string, string>();
  for (const u of orgUnits) if (u.level === 2) townshipOf.set(u.code, u.code);
  for (const u of orgUnits) if (u.level === 3) townshipOf.set(u.code, u.parent!);
  const withData = new Set<string>();
  for (const v of dataValues) {
    const t = townshipOf.get(v.orgUnit);
    if (t) withData.add(`${t}|${v.period}`);
  }
  const months = [...new Set(dataValues.map((v) => v.period))].sort();
  const keys = LINZE_TOWNSHIPS.flatMap((t) => months.filter((m) => withData.has(`${t.code}|${m}`)).map((m) => ({ orgUnit: t.code, period: m })));
  const late = new Set(rnd.sample(keys, LATE_SUBMISSIONS).map((k) => `${k.orgUnit}|${k.period}`));
  return keys.map((k) => {
    const day = late.has(`${k.orgUnit}|${k.period}`) ? rnd.int(12, 25) : rnd.int(1, 10);
    return { ...k, submittedOn: `${nextPeriod(k.period)}-${String(day).padStart(2, "0")}` };
  });
}
