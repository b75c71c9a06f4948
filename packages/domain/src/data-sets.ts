/**
 * Data sets by reporting level: at which org unit levels (1 county, 2 township,
 * 3 village/community) each data element is reported. A fact is reported
 * once, by the unit where it is known, and reaches the levels above by summing
 * over org units (DOMAIN.md §3). Only `committee_members_in_post` has two
 * levels: each township reports its own member, each village or community its
 * own. The reasons are in data/README.md.
 *
 * Used by the importer and the data-entry form (a value for an element at a
 * level that does not report it is refused), and by completeness (which
 * elements a township's monthly report holds).
 */
import { DATA_ELEMENTS, dataElement, type DataElement } from "./data-elements.ts";
import type { OrgUnitLevel } from "./org-units.ts";

const COUNTY = 1 as const;
const TOWNSHIP = 2 as const;
const VILLAGE = 3 as const;

export const REPORTING_LEVEL: Readonly<Record<string, readonly OrgUnitLevel[]>> = {
  // Structural denominators: the township reports how many villages and
  // committee-member posts (its own + one per village) it has, so the county
  // totals are 76 and 83 in every month even when a village's report is late.
  villages_total: [TOWNSHIP],
  committee_member_posts: [TOWNSHIP],
  associations_established: [VILLAGE],
  activity_venues: [VILLAGE],
  villages_work_active: [VILLAGE],
  // In post: each village its own member; each township its own (DOMAIN.md §1).
  committee_members_in_post: [TOWNSHIP, VILLAGE],
  committee_members_paid: [VILLAGE],
  committee_allowance_cny: [VILLAGE],
  investigators_trained: [TOWNSHIP],
  certified_persons: [VILLAGE],
  records_updated: [VILLAGE],
  certificates_issued_cumulative: [VILLAGE],
  volunteer_stations: [TOWNSHIP],
  volunteer_points: [VILLAGE],
  volunteers_registered: [VILLAGE],
  articles_published: [COUNTY],
  articles_national_site: [COUNTY],
  articles_city_daily: [COUNTY],
  films_broadcast: [COUNTY],
  policy_leaflets: [COUNTY],
  cataract_screened: [VILLAGE],
  cataract_surgeries: [VILLAGE],
  health_checks: [VILLAGE],
  rehab_children_trained: [VILLAGE],
  rehab_children_effective: [VILLAGE],
  parent_trainings: [VILLAGE],
  parents_surveyed: [VILLAGE],
  parents_satisfied: [VILLAGE],
  nursing_subsidy_recipients: [VILLAGE],
  nursing_subsidy_cny: [VILLAGE],
  living_subsidy_recipients: [VILLAGE],
  living_subsidy_cny: [VILLAGE],
  elderly_allowance_recipients: [VILLAGE],
  elderly_allowance_cny: [VILLAGE],
  fuel_subsidy_recipients: [VILLAGE],
  fuel_subsidy_cny: [VILLAGE],
  legal_events: [COUNTY],
  legal_leaflets: [COUNTY],
  legal_consultations: [COUNTY],
  rights_cases_received: [TOWNSHIP],
  rights_cases_closed: [TOWNSHIP],
  petitions_received: [COUNTY],
  petitions_closed: [COUNTY],
  white_canes_given: [COUNTY],
  orientation_trainees: [COUNTY],
  school_age_children: [VILLAGE],
  children_enrolled: [VILLAGE],
  student_grant_recipients: [VILLAGE],
  student_grant_cny: [VILLAGE],
  holiday_visits: [TOWNSHIP],
  ecommerce_funds_cny: [COUNTY],
};

/** The levels at which `code` is reported; throws UnknownDataElement for an unknown code. */
export function reportingLevels(code: string): readonly OrgUnitLevel[] {
  dataElement(code);
  return REPORTING_LEVEL[code] ?? [];
}

/** True when org units of `level` report `code`. */
export function isReportedAt(code: string, level: OrgUnitLevel): boolean {
  return reportingLevels(code).includes(level);
}

/** The data elements org units of `level` report, in catalogue order. */
export function dataElementsReportedAt(level: OrgUnitLevel): DataElement[] {
  return DATA_ELEMENTS.filter((d) => (REPORTING_LEVEL[d.code] ?? []).includes(level));
}
