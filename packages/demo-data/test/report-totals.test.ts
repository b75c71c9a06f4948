/**
 * One test per row of DOMAIN.md §5: the 2016 county totals of the committed
 * CSV files, aggregated by the domain's evaluator (flow: sum of the months;
 * stock: each unit's last value, summed). Golden numbers are typed from
 * DOMAIN.md §5, not imported from the generator.
 */
import { describe, expect, it } from "vitest";
import { evaluateIndicator, indicator, monthsOf } from "@linze/domain";
import { committedData } from "./committed-data.ts";

const { index, tree } = committedData();
const YEAR = "2016";
const countyUnits = tree.subtree("LZ").map((u) => u.code);
const total = (code: string) => index.aggregate(code, countyUnits, monthsOf(YEAR));
const countyValue = (code: string) => evaluateIndicator(indicator(code), index, tree, "LZ", YEAR);

describe("2016 county totals reproduce the report (DOMAIN.md §5)", () => {
  it("villages + communities; with an association; with a venue; with work under way: 76 each, coverage 100 %", () => {
    expect(total("villages_total")).toBe(76);
    expect(total("associations_established")).toBe(76);
    expect(total("activity_venues")).toBe(76);
    expect(total("villages_work_active")).toBe(76);
    expect(countyValue("association_coverage").value).toBe(100);
    expect(countyValue("venue_coverage").value).toBe(100);
    expect(countyValue("work_activity_coverage").value).toBe(100);
  });

  it("committee-member posts 83; members in post 83; staffing rate 100 %", () => {
    expect(total("committee_member_posts")).toBe(83);
    expect(total("committee_members_in_post")).toBe(83);
    expect(countyValue("committee_staffing_rate")).toEqual({ numerator: 83, denominator: 83, value: 100 });
  });

  it("committee members paid a work allowance 73; allowance paid 175,200 CNY", () => {
    expect(total("committee_members_paid")).toBe(73);
    expect(total("committee_allowance_cny")).toBe(175_200);
  });

  it("investigators trained for the data update: 230", () => {
    expect(total("investigators_trained")).toBe(230);
  });

  it("certified disabled persons 3,422; records updated 3,422; update rate 100 %", () => {
    expect(total("certified_persons")).toBe(3_422);
    expect(total("records_updated")).toBe(3_422);
    expect(countyValue("record_update_rate").value).toBe(100);
  });

  it("second-generation certificates issued, cumulative: 3,561", () => {
    expect(total("certificates_issued_cumulative")).toBe(3_561);
  });

  it("volunteer stations 7; points 77; registered volunteers 1,500", () => {
    expect(total("volunteer_stations")).toBe(7);
    expect(total("volunteer_points")).toBe(77);
    expect(total("volunteers_registered")).toBe(1_500);
  });

  it("publicity articles 109; on the national federation's site 43; in the city daily 4", () => {
    expect(total("articles_published")).toBe(109);
    expect(total("articles_national_site")).toBe(43);
    expect(total("articles_city_daily")).toBe(4);
  });

  it("documentary films 3; policy leaflets 4,000", () => {
    expect(total("films_broadcast")).toBe(3);
    expect(total("policy_leaflets")).toBe(4_000);
  });

  it("cataract: screened 438; free surgeries 156", () => {
    expect(total("cataract_screened")).toBe(438);
    expect(total("cataract_surgeries")).toBe(156);
    expect(countyValue("cataract_surgeries").value).toBe(156);
  });

  it("free health checks: 400", () => {
    expect(total("health_checks")).toBe(400);
  });

  it("children given rehab training 28; effective 28; parent training person-times 140; effectiveness 100 %", () => {
    expect(total("rehab_children_trained")).toBe(28);
    expect(total("rehab_children_effective")).toBe(28);
    expect(total("parent_trainings")).toBe(140);
    expect(countyValue("rehab_effectiveness_rate")).toEqual({ numerator: 28, denominator: 28, value: 100 });
  });

  it("parents surveyed and satisfied: satisfaction 100 %", () => {
    const v = countyValue("parent_satisfaction_rate");
    expect(v.denominator).toBeGreaterThan(0);
    expect(v.value).toBe(100);
  });

  it("severe-disability nursing subsidy: 399 on the roll; 478,800 CNY paid", () => {
    expect(total("nursing_subsidy_recipients")).toBe(399);
    expect(total("nursing_subsidy_cny")).toBe(478_800);
  });

  it("hardship living subsidy: 914 on the roll; 1,096,800 CNY paid", () => {
    expect(total("living_subsidy_recipients")).toBe(914);
    expect(total("living_subsidy_cny")).toBe(1_096_800);
  });

  it("elderly disabled living allowance: 195 on the roll; 234,000 CNY paid", () => {
    expect(total("elderly_allowance_recipients")).toBe(195);
    expect(total("elderly_allowance_cny")).toBe(234_000);
  });

  it("motor-vehicle fuel subsidy: 180 on the roll; 46,800 CNY paid", () => {
    expect(total("fuel_subsidy_recipients")).toBe(180);
    expect(total("fuel_subsidy_cny")).toBe(46_800);
  });

  it("all subsidies: 1,688 persons; 1,856,400 CNY", () => {
    expect(countyValue("subsidy_recipients").value).toBe(1_688);
    expect(countyValue("subsidy_paid_cny").value).toBe(1_856_400);
  });

  it("legal publicity events 4; leaflets 5,000; consultations 300", () => {
    expect(total("legal_events")).toBe(4);
    expect(total("legal_leaflets")).toBe(5_000);
    expect(total("legal_consultations")).toBe(300);
  });

  it("rights cases received 4, closed 4; online petitions received 2, closed 2; closure rate 100 %", () => {
    expect(total("rights_cases_received")).toBe(4);
    expect(total("rights_cases_closed")).toBe(4);
    expect(total("petitions_received")).toBe(2);
    expect(total("petitions_closed")).toBe(2);
    expect(countyValue("rights_case_closure_rate")).toEqual({ numerator: 6, denominator: 6, value: 100 });
  });

  it("white canes given 32; orientation trainees 70", () => {
    expect(total("white_canes_given")).toBe(32);
    expect(total("orientation_trainees")).toBe(70);
  });

  it("school-age disabled children and enrolled: enrollment rate at least 95 %", () => {
    const v = countyValue("enrollment_rate");
    expect(v.denominator).toBeGreaterThan(0);
    expect(v.numerator!).toBeLessThanOrEqual(v.denominator!);
    expect(v.value!).toBeGreaterThanOrEqual(95);
  });

  it("students given grants 69; 53,000 CNY", () => {
    expect(total("student_grant_recipients")).toBe(69);
    expect(total("student_grant_cny")).toBe(53_000);
  });

  it("holiday home visits: 200 households", () => {
    expect(total("holiday_visits")).toBe(200);
  });

  it("e-commerce incubation funds: 215,000 CNY", () => {
    expect(total("ecommerce_funds_cny")).toBe(215_000);
  });
});
