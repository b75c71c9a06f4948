/**
 * Pure helpers of the data-entry page (issue 4): the form's groups of data
 * elements, the text a field starts with, which fields a save sends, the
 * months one may choose, and audit times in China's calendar. No React, no
 * I/O: tested in test/entry-logic.test.ts.
 */
import { dataElement, monthLabel } from "@linze/domain";
import { entryValue } from "@linze/api/schemas";

export type EntryGroupKey = "organisation" | "records" | "volunteers" | "publicity" | "health" | "subsidies" | "rights" | "education" | "other";

/** The form's sections, by topic as the annual report lists them (DOMAIN.md §5); a code listed nowhere goes to "other". */
const GROUPS: readonly { key: EntryGroupKey; codes: readonly string[] }[] = [
  {
    key: "organisation",
    codes: ["villages_total", "associations_established", "activity_venues", "villages_work_active", "committee_member_posts", "committee_members_in_post", "committee_members_paid", "committee_allowance_cny"],
  },
  { key: "records", codes: ["investigators_trained", "certified_persons", "records_updated", "certificates_issued_cumulative"] },
  { key: "volunteers", codes: ["volunteer_stations", "volunteer_points", "volunteers_registered"] },
  { key: "publicity", codes: ["articles_published", "articles_national_site", "articles_city_daily", "films_broadcast", "policy_leaflets"] },
  {
    key: "health",
    codes: ["cataract_screened", "cataract_surgeries", "health_checks", "rehab_children_trained", "rehab_children_effective", "parent_trainings", "parents_surveyed", "parents_satisfied", "white_canes_given", "orientation_trainees"],
  },
  {
    key: "subsidies",
    codes: ["nursing_subsidy_recipients", "nursing_subsidy_cny", "living_subsidy_recipients", "living_subsidy_cny", "elderly_allowance_recipients", "elderly_allowance_cny", "fuel_subsidy_recipients", "fuel_subsidy_cny"],
  },
  { key: "rights", codes: ["legal_events", "legal_leaflets", "legal_consultations", "rights_cases_received", "rights_cases_closed", "petitions_received", "petitions_closed"] },
  { key: "education", codes: ["school_age_children", "children_enrolled", "student_grant_recipients", "student_grant_cny"] },
  { key: "other", codes: ["holiday_visits", "ecommerce_funds_cny"] },
];

/** The fields in their groups, in the groups' order and each group's order; empty groups left out. */
export function groupFields<F extends { code: string }>(fields: readonly F[]): { key: EntryGroupKey; fields: F[] }[] {
  const byCode = new Map(fields.map((f) => [f.code, f]));
  const listed = new Set(GROUPS.flatMap((g) => g.codes));
  return GROUPS.map((g) => ({
    key: g.key,
    fields: [...g.codes.flatMap((c) => (byCode.has(c) ? [byCode.get(c)!] : [])), ...(g.key === "other" ? fields.filter((f) => !listed.has(f.code)) : [])],
  })).filter((g) => g.fields.length > 0);
}

/** A stored value as the field's starting text: "" for none; numbers in plain digits ("1000", "9.5"). */
export function initialText(value: number | null): string {
  return value === null ? "" : String(value);
}

/**
 * The save's `values`: each field whose text reads as a different value from
 * the stored one (canonical text, or null for no value); fields that do not
 * read as a number are sent as typed, so the server's check names them too.
 */
export function changedValues(fields: readonly { code: string; value: number | null }[], texts: Readonly<Record<string, string>>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of fields) {
    const text = texts[f.code];
    if (text === undefined) continue;
    const checked = entryValue(dataElement(f.code), text);
    if (!checked.ok) out[f.code] = text;
    else if ((checked.value === null ? null : Number(checked.value)) !== f.value) out[f.code] = checked.value;
  }
  return out;
}

/** Months one may enter: January of the first year with data through the month after the latest, newest first. */
export function entryMonths(dataMonths: readonly string[]): string[] {
  if (dataMonths.length === 0) return [];
  const sorted = [...dataMonths].sort();
  const first = Number(sorted[0]!.slice(0, 4));
  const [ly, lm] = sorted[sorted.length - 1]!.split("-").map(Number) as [number, number];
  const end = lm === 12 ? monthLabel(ly + 1, 1) : monthLabel(ly, lm + 1);
  const out: string[] = [];
  for (let y = first; ; y++) {
    for (let m = 1; m <= 12; m++) {
      const label = monthLabel(y, m);
      out.push(label);
      if (label === end) return out.reverse();
    }
  }
}

/** An audit time (ISO) as China's wall-clock date and time, "2016-12-31 09:05" (Asia/Shanghai, whatever the browser's zone). */
export function formatChangedAt(iso: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")} ${get("hour")}:${get("minute")}`;
}
