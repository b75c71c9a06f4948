/**
 * The generated monthly and township breakdown of the 2016 annual totals of
 * Linze County's work report (DOMAIN.md §5). Pure: from a seed to rows, no
 * I/O; the same seed always gives the same rows in the same order.
 *
 * Every reporting org unit reports every data element of its level every
 * month it reports (0 when nothing happened), as on a DHIS2 monthly form. A
 * few village-months are not reported at all (no rows); the flows of such a
 * month are reported with the village's next report, so the annual totals
 * still hold. The choices behind each element are documented in
 * data/README.md.
 */
import {
  DATA_ELEMENTS,
  DataValueIndex,
  dataElement,
  linzeOrgUnits,
  LINZE_TOWNSHIPS,
  monthLabel,
  monthsOf,
  type DataValue,
  type OrgUnit,
} from "@linze/domain";
import { Random } from "./random.ts";
import { REPORT_FIGURES, REPORT_YEAR } from "./report-figures.ts";
import { COUNTY, REPORTING_LEVEL, TOWNSHIP, VILLAGE } from "./reporting-levels.ts";

/** The fixed seed of the committed demo data (the date of the 26th National Day for Helping Disabled Persons). */
export const DEMO_SEED = 20160515;

/** Month indexes 0–11 for January–December. */
const JAN = 0, FEB = 1, MAR = 2, APR = 3, MAY = 4, JUN = 5, JUL = 6, AUG = 7, SEP = 8, OCT = 9, NOV = 10, DEC = 11;
const MONTH_COUNT = 12;

/**
 * Enrollment by township (school-age disabled children, of them enrolled) from
 * September, when the school year starts. Our assumption: the report gives only
 * "at least 95 %" for the county; these give 143 / 148 = 96.6 % for the county
 * and 90 %–100 % for the townships.
 */
const ENROLLMENT_BY_TOWNSHIP: Readonly<Record<string, readonly [children: number, enrolled: number]>> = {
  "LZ-SH": [30, 29],
  "LZ-XH": [22, 22],
  "LZ-LQ": [20, 18],
  "LZ-PC": [24, 23],
  "LZ-BQ": [16, 16],
  "LZ-YN": [14, 13],
  "LZ-NJY": [22, 22],
};

/** CNY per person per month for the nursing, living and elderly subsidies (1,200 a year; DOMAIN.md §5 notes). */
const MONTHLY_SUBSIDY_CNY = 100;
/** Fuel subsidy: 46,800 CNY for 180 persons = 260 CNY a year, paid in two halves in June and December. */
const FUEL_INSTALMENT_CNY = 130;
const FUEL_MONTHS = [JUN, DEC];
/** Committee members' work allowance: 175,200 CNY for 73 = 2,400 a year, paid 600 a quarter in the quarter's last month. */
const ALLOWANCE_PER_QUARTER_CNY = 600;
const QUARTER_END_MONTHS = [MAR, JUN, SEP, DEC];
/** Student grants: 53,000 CNY for 69 students = 37 at 1,000 CNY (secondary) + 32 at 500 CNY (primary, pre-school). */
const GRANT_HIGH_CNY = 1000;
const GRANT_LOW_CNY = 500;
const GRANT_HIGH_COUNT = 37;
/** Parent-training person-times per child in rehabilitation: 140 / 28. */
const PARENT_TRAININGS_PER_CHILD = 5;

export interface UnreportedMonth {
  readonly orgUnit: string;
  readonly period: string;
}

export interface LinzeDemoData {
  /** The org units, in tree order (county, then each township followed by its villages and communities). */
  readonly orgUnits: OrgUnit[];
  /** One row per (org unit, month, data element) reported: org units in tree order, then months, then data elements in catalogue order. */
  readonly dataValues: DataValue[];
  /** The village-months with no report at all (no rows). */
  readonly unreported: UnreportedMonth[];
}

/** The 12 monthly values of every data element of each reporting org unit, before the unreported months are taken out. */
class MonthlyPlan {
  private readonly series = new Map<string, Map<string, number[]>>();

  constructor(units: readonly OrgUnit[]) {
    for (const u of units) {
      const byElement = new Map<string, number[]>();
      for (const d of DATA_ELEMENTS) if (REPORTING_LEVEL[d.code]!.includes(u.level)) byElement.set(d.code, new Array<number>(MONTH_COUNT).fill(0));
      this.series.set(u.code, byElement);
    }
  }

  /** The 12 values of one element of one unit, to fill in place. */
  of(unit: string, element: string): number[] {
    const s = this.series.get(unit)?.get(element);
    if (!s) throw new Error(`${element} is not reported by ${unit}`);
    return s;
  }

  /** Sets one value for all 12 months. */
  constant(unit: string, element: string, value: number): void {
    this.of(unit, element).fill(value);
  }

  /** 0 before month `from`, `value` from it on. */
  from(unit: string, element: string, from: number, value: number): void {
    const s = this.of(unit, element);
    for (let m = 0; m < MONTH_COUNT; m++) s[m] = m < from ? 0 : value;
  }

  elements(unit: string): string[] {
    return [...this.series.get(unit)!.keys()];
  }
}

const ones = (n: number) => new Array<number>(n).fill(1);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Generates the demo data for 2016 from a seed (default {@link DEMO_SEED}).
 * Output: org units and data values (counts and CNY, whole numbers). Throws
 * {@link ReportTotalsMismatch} if the totals do not reproduce the report's
 * figures (DOMAIN.md §5), so a broken change cannot produce data silently.
 */
export function generateLinzeDemoData(seed: number = DEMO_SEED): LinzeDemoData {
  const rnd = new Random(seed);
  const orgUnits = linzeOrgUnits();
  const townships = orgUnits.filter((u) => u.level === TOWNSHIP);
  const villages = orgUnits.filter((u) => u.level === VILLAGE);
  const county = orgUnits.find((u) => u.level === COUNTY)!.code;
  const villagesOf = (township: string) => villages.filter((v) => v.parent === township);
  const isCommunity = (v: OrgUnit) => /-C\d+$/.test(v.code);
  const plan = new MonthlyPlan(orgUnits);

  // Relative size of each village (communities in the county seat are larger):
  // the weight for spreading persons over villages.
  const size = villages.map((v) => (isCommunity(v) ? rnd.int(150, 250) : rnd.int(60, 140)));

  // --- Organisation (stock) -------------------------------------------------
  const vacantTownship = rnd.pick(townships).code;
  const lateStationTownship = rnd.pick(townships).code;
  for (const t of townships) {
    const n = villagesOf(t.code).length;
    plan.constant(t.code, "villages_total", n);
    plan.constant(t.code, "committee_member_posts", n + 1);
    // One township's own committee-member post is vacant in January–February.
    plan.from(t.code, "committee_members_in_post", t.code === vacantTownship ? MAR : JAN, 1);
    // One township's volunteer station opens in March.
    plan.from(t.code, "volunteer_stations", t.code === lateStationTownship ? MAR : JAN, 1);
  }

  const plainVillages = villages.filter((v) => !isCommunity(v));
  const lateAssociation = new Map(rnd.sample(villages, 9).map((v) => [v.code, rnd.int(FEB, OCT)]));
  const lateWork = new Map<string, number>();
  for (const [code, start] of lateAssociation) lateWork.set(code, Math.min(DEC, start + rnd.int(0, 2)));
  for (const v of rnd.sample(villages.filter((x) => !lateAssociation.has(x.code)), 4)) lateWork.set(v.code, rnd.int(FEB, SEP));
  const lateVenue = new Map(rnd.sample(villages, 11).map((v) => [v.code, rnd.int(FEB, NOV)]));
  // Three village posts are vacant until October or November; those members
  // are not yet on the allowance roll in 2016, hence 73 of 76 paid.
  const lateMember = new Map(rnd.sample(plainVillages, 3).map((v) => [v.code, rnd.int(OCT, NOV)]));
  for (const v of villages) {
    plan.from(v.code, "associations_established", lateAssociation.get(v.code) ?? JAN, 1);
    plan.from(v.code, "villages_work_active", lateWork.get(v.code) ?? JAN, 1);
    plan.from(v.code, "activity_venues", lateVenue.get(v.code) ?? JAN, 1);
    plan.from(v.code, "committee_members_in_post", lateMember.get(v.code) ?? JAN, 1);
    const paid = lateMember.has(v.code) ? 0 : 1;
    plan.constant(v.code, "committee_members_paid", paid);
    const allowance = plan.of(v.code, "committee_allowance_cny");
    for (const m of QUARTER_END_MONTHS) allowance[m] = paid * ALLOWANCE_PER_QUARTER_CNY;
  }

  // --- Certified persons, dynamic update, certificates ---------------------
  const certifiedDec = rnd.split(REPORT_FIGURES.certified_persons!, size);
  const extraCertificates = rnd.split(REPORT_FIGURES.certificates_issued_cumulative! - REPORT_FIGURES.certified_persons!, size);
  const certifiedByTownship = new Map<string, number>();
  villages.forEach((v, i) => {
    const dec = certifiedDec[i]!;
    const growth = Math.min(dec, rnd.int(0, 4));
    const steps = rnd.split(growth, ones(MONTH_COUNT - 1));
    const certified = plan.of(v.code, "certified_persons");
    certified[JAN] = dec - growth;
    for (let m = FEB; m <= DEC; m++) certified[m] = certified[m - 1]! + steps[m - 1]!;
    const issued = plan.of(v.code, "certificates_issued_cumulative");
    for (let m = JAN; m <= DEC; m++) issued[m] = certified[m]! + extraCertificates[i]!;
    certifiedByTownship.set(v.parent!, (certifiedByTownship.get(v.parent!) ?? 0) + dec);

    // The dynamic update runs April–November, village by village: a rising
    // share of the village's certified persons has an updated record, 100 %
    // from the campaign's end, so the update rate never exceeds 100 %.
    const start = rnd.int(APR, JUN);
    const end = Math.min(NOV, start + rnd.int(2, 4));
    const updated = plan.of(v.code, "records_updated");
    let before = 0;
    for (let m = JAN; m <= DEC; m++) {
      const percent = m < start ? 0 : m >= end ? 100 : Math.floor((100 * (m - start + 1)) / (end - start + 1));
      const cumulative = Math.floor((percent * certified[m]!) / 100);
      updated[m] = cumulative - before;
      before = cumulative;
    }
  });

  // --- Volunteers -------------------------------------------------------------
  const twoPoints = rnd.pick(villages.filter(isCommunity)).code;
  const latePoint = new Map(rnd.sample(villages.filter((v) => v.code !== twoPoints), 5).map((v) => [v.code, rnd.int(MAR, SEP)]));
  const volunteersDec = rnd.split(REPORT_FIGURES.volunteers_registered!, size);
  villages.forEach((v, i) => {
    const start = latePoint.get(v.code) ?? JAN;
    plan.from(v.code, "volunteer_points", start, v.code === twoPoints ? 2 : 1);
    const startPercent = rnd.int(70, 92);
    const volunteers = plan.of(v.code, "volunteers_registered");
    for (let m = JAN; m <= DEC; m++) {
      const percent = startPercent + Math.floor(((100 - startPercent) * m) / DEC);
      volunteers[m] = m < start ? 0 : Math.floor((volunteersDec[i]! * percent) / 100);
    }
  });

  // --- Subsidies: rolls constant through the year ---------------------------
  const nursing = rnd.split(REPORT_FIGURES.nursing_subsidy_recipients!, certifiedDec);
  const living = rnd.split(REPORT_FIGURES.living_subsidy_recipients!, certifiedDec);
  const elderly = rnd.split(REPORT_FIGURES.elderly_allowance_recipients!, certifiedDec);
  const fuel = rnd.split(REPORT_FIGURES.fuel_subsidy_recipients!, certifiedDec);
  villages.forEach((v, i) => {
    const rolls: [string, string, number][] = [
      ["nursing_subsidy_recipients", "nursing_subsidy_cny", nursing[i]!],
      ["living_subsidy_recipients", "living_subsidy_cny", living[i]!],
      ["elderly_allowance_recipients", "elderly_allowance_cny", elderly[i]!],
    ];
    for (const [recipients, cny, n] of rolls) {
      plan.constant(v.code, recipients, n);
      plan.constant(v.code, cny, n * MONTHLY_SUBSIDY_CNY);
    }
    plan.constant(v.code, "fuel_subsidy_recipients", fuel[i]!);
    for (const m of FUEL_MONTHS) plan.of(v.code, "fuel_subsidy_cny")[m] = fuel[i]! * FUEL_INSTALMENT_CNY;
  });

  // --- Health and rehabilitation ----------------------------------------------
  // Cataract screening rounds ("光明行") in April, May, September and October;
  // each round's operations are done that month or the next.
  const screeningMonths = [APR, MAY, SEP, OCT];
  const screenedByVillage = rnd.split(REPORT_FIGURES.cataract_screened!, size);
  const screenedCells: { unit: string; month: number; screened: number }[] = [];
  villages.forEach((v, i) => {
    const byMonth = rnd.split(screenedByVillage[i]!, [3, 4, 2, 3]);
    screeningMonths.forEach((m, k) => {
      plan.of(v.code, "cataract_screened")[m] = byMonth[k]!;
      screenedCells.push({ unit: v.code, month: m, screened: byMonth[k]! });
    });
  });
  const screenedCounts = screenedCells.map((c) => c.screened);
  const operated = rnd.split(REPORT_FIGURES.cataract_surgeries!, screenedCounts, screenedCounts);
  screenedCells.forEach((c, k) => {
    const sameMonth = rnd.int(0, operated[k]!);
    const surgeries = plan.of(c.unit, "cataract_surgeries");
    surgeries[c.month] = surgeries[c.month]! + sameMonth;
    surgeries[c.month + 1] = surgeries[c.month + 1]! + operated[k]! - sameMonth;
  });

  // Free health checks in June–August.
  const checkMonths = [JUN, JUL, AUG];
  const checks = rnd.split(REPORT_FIGURES.health_checks!, villages.flatMap((_, i) => checkMonths.map(() => size[i]!)));
  villages.forEach((v, i) => checkMonths.forEach((m, k) => (plan.of(v.code, "health_checks")[m] = checks[i * checkMonths.length + k]!)));

  // 28 children, each reported once by the home village in the month the
  // training ends: effective (100 %), one parent surveyed and satisfied (100 %),
  // five parent-training sessions.
  const childrenByVillage = rnd.split(REPORT_FIGURES.rehab_children_trained!, ones(villages.length));
  villages.forEach((v, i) => {
    for (let c = 0; c < childrenByVillage[i]!; c++) {
      const m = rnd.int(MAR, NOV);
      for (const e of ["rehab_children_trained", "rehab_children_effective", "parents_surveyed", "parents_satisfied"]) plan.of(v.code, e)[m]! += 1;
      plan.of(v.code, "parent_trainings")[m]! += PARENT_TRAININGS_PER_CHILD;
    }
  });

  // --- Education ----------------------------------------------------------------
  for (const t of townships) {
    const vs = villagesOf(t.code);
    const [children, enrolled] = ENROLLMENT_BY_TOWNSHIP[t.code]!;
    // About a quarter of the villages have no school-age disabled child.
    const weights = vs.map(() => (rnd.chance(25) ? 0 : rnd.int(1, 4)));
    if (sum(weights) === 0) weights[0] = 1;
    const childrenByVillage = rnd.split(children, weights);
    const notEnrolled = rnd.split(children - enrolled, childrenByVillage, childrenByVillage);
    vs.forEach((v, i) => {
      const c = childrenByVillage[i]!;
      const e = c - notEnrolled[i]!;
      // Some children reach school age and enrol in September.
      const newcomers = e >= 1 && rnd.chance(30) ? 1 : 0;
      const cs = plan.of(v.code, "school_age_children");
      const es = plan.of(v.code, "children_enrolled");
      for (let m = JAN; m <= DEC; m++) {
        cs[m] = m < SEP ? c - newcomers : c;
        es[m] = m < SEP ? e - newcomers : e;
      }
    });
  }
  const enrolledDec = villages.map((v) => plan.of(v.code, "children_enrolled")[DEC]!);
  const grantRecipients = rnd.split(REPORT_FIGURES.student_grant_recipients!, enrolledDec, enrolledDec);
  const highGrants = rnd.split(GRANT_HIGH_COUNT, grantRecipients, grantRecipients);
  villages.forEach((v, i) => {
    const m = rnd.pick([SEP, OCT]);
    plan.of(v.code, "student_grant_recipients")[m] = grantRecipients[i]!;
    plan.of(v.code, "student_grant_cny")[m] = highGrants[i]! * GRANT_HIGH_CNY + (grantRecipients[i]! - highGrants[i]!) * GRANT_LOW_CNY;
  });

  // --- Township flows --------------------------------------------------------------
  // Investigators for the dynamic update, trained centrally in April, counted by the township that sent them.
  const investigators = rnd.split(REPORT_FIGURES.investigators_trained!, townships.map((t) => certifiedByTownship.get(t.code)!));
  townships.forEach((t, i) => (plan.of(t.code, "investigators_trained")[APR] = investigators[i]!));
  // Holiday visits around New Year and the Spring Festival (8 February 2016).
  const visits = rnd.split(REPORT_FIGURES.holiday_visits!, townships.map((t) => villagesOf(t.code).length));
  townships.forEach((t, i) => {
    const [jan, feb] = rnd.split(visits[i]!, [3, 2]);
    plan.of(t.code, "holiday_visits")[JAN] = jan!;
    plan.of(t.code, "holiday_visits")[FEB] = feb!;
  });
  // Rights cases: received by a township, closed the same month or the next.
  for (let k = 0; k < REPORT_FIGURES.rights_cases_received!; k++) {
    const t = rnd.pick(townships).code;
    const received = rnd.int(JAN, NOV);
    plan.of(t, "rights_cases_received")[received]! += 1;
    plan.of(t, "rights_cases_closed")[received + rnd.int(0, 1)]! += 1;
  }

  // --- County flows ------------------------------------------------------------------
  const articleWeights = ones(MONTH_COUNT).map((_, m) => rnd.int(3, 8) * (m === MAY || m === DEC ? 2 : 1));
  const articles = rnd.split(REPORT_FIGURES.articles_published!, articleWeights);
  const national = rnd.split(REPORT_FIGURES.articles_national_site!, articles, articles);
  const rest = articles.map((a, m) => a - national[m]!);
  const cityDaily = rnd.split(REPORT_FIGURES.articles_city_daily!, rest, rest);
  plan.of(county, "articles_published").splice(0, MONTH_COUNT, ...articles);
  plan.of(county, "articles_national_site").splice(0, MONTH_COUNT, ...national);
  plan.of(county, "articles_city_daily").splice(0, MONTH_COUNT, ...cityDaily);
  // Films: one for the National Day for Helping Disabled Persons (May), two later.
  for (const m of [MAY, ...rnd.sample([JUL, AUG, SEP, OCT, NOV, DEC], 2)]) plan.of(county, "films_broadcast")[m] = 1;
  // Policy leaflets, in hundreds: Ear Care Day (March), the National Day (May), International Day of Persons with Disabilities (December).
  const leafletMonths = [MAR, MAY, DEC];
  const leaflets = rnd.split(REPORT_FIGURES.policy_leaflets! / 100, [2, 5, 3]);
  leafletMonths.forEach((m, k) => (plan.of(county, "policy_leaflets")[m] = leaflets[k]! * 100));
  // Legal publicity: four events (one on the National Day in May), leaflets
  // handed out there, consultations mostly there and a few in other months.
  const legalMonths = [MAY, ...rnd.sample([MAR, APR, JUN, JUL, AUG, SEP, OCT, NOV, DEC], 3)].sort((a, b) => a - b);
  const legalLeaflets = rnd.split(REPORT_FIGURES.legal_leaflets! / 100, legalMonths.map((m) => (m === MAY ? 4 : 2)));
  const eventConsultations = rnd.split(240, legalMonths.map(() => 1));
  const otherConsultations = rnd.split(REPORT_FIGURES.legal_consultations! - 240, ones(MONTH_COUNT));
  legalMonths.forEach((m, k) => {
    plan.of(county, "legal_events")[m] = 1;
    plan.of(county, "legal_leaflets")[m] = legalLeaflets[k]! * 100;
  });
  const consultations = plan.of(county, "legal_consultations");
  for (let m = JAN; m <= DEC; m++) consultations[m] = otherConsultations[m]!;
  legalMonths.forEach((m, k) => (consultations[m]! += eventConsultations[k]!));
  // Online petitions: received by the county federation, closed within two months.
  for (let k = 0; k < REPORT_FIGURES.petitions_received!; k++) {
    const received = rnd.int(JAN, OCT);
    plan.of(county, "petitions_received")[received]! += 1;
    plan.of(county, "petitions_closed")[received + rnd.int(0, 2)]! += 1;
  }
  // One orientation-and-mobility class in October (White Cane Safety Day, 15 October).
  plan.of(county, "white_canes_given")[OCT] = REPORT_FIGURES.white_canes_given!;
  plan.of(county, "orientation_trainees")[OCT] = REPORT_FIGURES.orientation_trainees!;
  // E-commerce incubation funds, in thousands, in three instalments.
  const ecommerceMonths = [JUN, SEP, NOV];
  const ecommerce = rnd.split(REPORT_FIGURES.ecommerce_funds_cny! / 1000, [3, 2, 2]);
  ecommerceMonths.forEach((m, k) => (plan.of(county, "ecommerce_funds_cny")[m] = ecommerce[k]! * 1000));

  // --- Village-months not reported -----------------------------------------------------
  // Six villages miss February (Spring Festival), two July (harvest), one
  // November. Their flows are reported with the next month's report.
  const missing = new Map<string, Set<number>>();
  const missBy = (month: number, count: number) => {
    for (const v of rnd.sample(villages.filter((x) => !missing.has(x.code)), count)) missing.set(v.code, new Set([month]));
  };
  missBy(FEB, 6);
  missBy(JUL, 2);
  missBy(NOV, 1);
  for (const [unit, months] of missing) {
    for (const m of months) {
      for (const e of plan.elements(unit)) {
        if (dataElement(e).aggregationType !== "flow") continue;
        const s = plan.of(unit, e);
        s[m + 1]! += s[m]!;
        s[m] = 0;
      }
    }
  }

  // --- Rows ----------------------------------------------------------------------------
  const dataValues: DataValue[] = [];
  const unreported: UnreportedMonth[] = [];
  for (const u of orgUnits) {
    for (let m = JAN; m <= DEC; m++) {
      const period = monthLabel(REPORT_YEAR, m + 1);
      if (missing.get(u.code)?.has(m)) {
        unreported.push({ orgUnit: u.code, period });
        continue;
      }
      for (const e of plan.elements(u.code)) dataValues.push({ orgUnit: u.code, period, dataElement: e, value: plan.of(u.code, e)[m]! });
    }
  }

  const mismatches = checkReportTotals(dataValues, orgUnits.map((u) => u.code));
  if (mismatches.length > 0) throw new ReportTotalsMismatch(mismatches);
  return { orgUnits, dataValues, unreported };
}

export class ReportTotalsMismatch extends Error {
  constructor(readonly mismatches: readonly string[]) {
    super(`The generated data do not reproduce the report's figures (DOMAIN.md §5): ${mismatches.join("; ")}`);
    this.name = "ReportTotalsMismatch";
  }
}

/**
 * Compares the 2016 county totals of data values with {@link REPORT_FIGURES}
 * and the report's rates (parent satisfaction 100 %, enrollment ≥ 95 %, rights
 * cases and petitions all closed). Returns one message per mismatch; empty
 * when everything holds.
 */
export function checkReportTotals(values: readonly DataValue[], orgUnitCodes: readonly string[]): string[] {
  const index = new DataValueIndex(values);
  const months = monthsOf(String(REPORT_YEAR));
  const total = (code: string) => index.aggregate(code, orgUnitCodes, months);
  const out: string[] = [];
  for (const [code, expected] of Object.entries(REPORT_FIGURES)) {
    const actual = total(code);
    if (actual !== expected) out.push(`${code}: expected ${expected}, got ${actual}`);
  }
  if (total("parents_satisfied") !== total("parents_surveyed")) out.push("parents_satisfied ≠ parents_surveyed");
  const enrolled = total("children_enrolled") ?? 0;
  const children = total("school_age_children") ?? 0;
  if (children === 0 || enrolled * 100 < children * 95) out.push(`enrollment ${enrolled}/${children} below 95 %`);
  return out;
}
