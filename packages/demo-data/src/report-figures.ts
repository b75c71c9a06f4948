/**
 * The 2016 county totals the demo data must reproduce: every figure of the
 * annual work report of 临泽县 that DOMAIN.md §5 lists, keyed by data element
 * code. Flow elements: the sum over the 12 months and all org units; stock
 * elements: the sum over org units of each unit's December value.
 *
 * Three figures of DOMAIN.md §5 are rates, not counts, and are not here:
 * parent satisfaction (100 %: parents_satisfied = parents_surveyed), the
 * enrollment rate (≥ 95 %) and the rights-case closure rate (100 %).
 */
export const REPORT_YEAR = 2016;

export const REPORT_FIGURES: Readonly<Record<string, number>> = {
  villages_total: 76,
  associations_established: 76,
  activity_venues: 76,
  villages_work_active: 76,
  committee_member_posts: 83,
  committee_members_in_post: 83,
  committee_members_paid: 73,
  committee_allowance_cny: 175_200,
  investigators_trained: 230,
  certified_persons: 3_422,
  records_updated: 3_422,
  certificates_issued_cumulative: 3_561,
  volunteer_stations: 7,
  volunteer_points: 77,
  volunteers_registered: 1_500,
  articles_published: 109,
  articles_national_site: 43,
  articles_city_daily: 4,
  films_broadcast: 3,
  policy_leaflets: 4_000,
  cataract_screened: 438,
  cataract_surgeries: 156,
  health_checks: 400,
  rehab_children_trained: 28,
  rehab_children_effective: 28,
  parent_trainings: 140,
  nursing_subsidy_recipients: 399,
  nursing_subsidy_cny: 478_800,
  living_subsidy_recipients: 914,
  living_subsidy_cny: 1_096_800,
  elderly_allowance_recipients: 195,
  elderly_allowance_cny: 234_000,
  fuel_subsidy_recipients: 180,
  fuel_subsidy_cny: 46_800,
  legal_events: 4,
  legal_leaflets: 5_000,
  legal_consultations: 300,
  rights_cases_received: 4,
  rights_cases_closed: 4,
  petitions_received: 2,
  petitions_closed: 2,
  white_canes_given: 32,
  orientation_trainees: 70,
  student_grant_recipients: 69,
  student_grant_cny: 53_000,
  holiday_visits: 200,
  ecommerce_funds_cny: 215_000,
};
