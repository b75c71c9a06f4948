/**
 * The breakdown is plausible and usable: the committed files differ by
 * village and month, contain both "reported 0" and "not reported", and keep
 * the relations between data elements that the report implies.
 */
import { describe, expect, it } from "vitest";
import { DATA_ELEMENTS, dataElement, evaluateIndicator, indicator, periodsOfYear } from "@linze/domain";
import { REPORTING_LEVEL } from "../src/reporting-levels.ts";
import { committedData } from "./committed-data.ts";

const { orgUnits, rawValues, values, tree, index } = committedData();
const MONTHS = periodsOfYear(2016, "month");
const townships = tree.atLevel(2).map((u) => u.code);
const villages = tree.atLevel(3).map((u) => u.code);
const value = (code: string, unit: string, period: string) => evaluateIndicator(indicator(code), index, tree, unit, period).value;
/** Months in which a unit has at least one row. */
const reportedMonths = (unit: string) => new Set(values.filter((v) => v.orgUnit === unit).map((v) => v.period));

describe("file integrity", () => {
  it("every org unit code in data_values exists in org_units, and every period is a 2016 month", () => {
    const codes = new Set(orgUnits.map((u) => u.code));
    const unknown = [...new Set(values.map((v) => v.orgUnit))].filter((c) => !codes.has(c));
    expect(unknown).toEqual([]);
    expect(new Set(values.map((v) => v.period))).toEqual(new Set(MONTHS));
    expect(orgUnits).toHaveLength(84);
  });

  it("every data element code is in the catalogue, and every catalogue element has data and a reporting level", () => {
    expect(Object.keys(REPORTING_LEVEL).sort()).toEqual(DATA_ELEMENTS.map((d) => d.code).sort());
    expect(new Set(values.map((v) => v.dataElement))).toEqual(new Set(DATA_ELEMENTS.map((d) => d.code)));
  });

  it("values are whole numbers written without decimals, never negative", () => {
    const bad = rawValues.filter((r) => !/^(0|[1-9][0-9]*)$/.test(r.value));
    expect(bad).toEqual([]);
    expect(values.every((v) => Number.isInteger(v.value) && v.value >= 0)).toBe(true);
  });

  it("rows are unique and sorted: org units in file order, then month, then data element in catalogue order", () => {
    const unitOrder = new Map(orgUnits.map((u, i) => [u.code, i]));
    const elementOrder = new Map(DATA_ELEMENTS.map((d, i) => [d.code, i]));
    const key = (v: (typeof values)[number]) => [unitOrder.get(v.orgUnit)!, MONTHS.indexOf(v.period), elementOrder.get(v.dataElement)!];
    for (let i = 1; i < values.length; i++) {
      const [a, b] = [key(values[i - 1]!), key(values[i]!)];
      const cmp = a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
      if (cmp >= 0) throw new Error(`row ${i + 1} is out of order or duplicated: ${JSON.stringify(values[i])}`);
    }
  });

  it("each reporting unit reports every data element of its level in every month it reports (complete forms, zeros written)", () => {
    const level = new Map(orgUnits.map((u) => [u.code, u.level]));
    const forms = new Map<string, Set<string>>();
    for (const v of values) {
      const k = `${v.orgUnit} ${v.period}`;
      if (!forms.has(k)) forms.set(k, new Set());
      forms.get(k)!.add(v.dataElement);
    }
    for (const [k, elements] of forms) {
      const l = level.get(k.split(" ")[0]!)!;
      const expected = DATA_ELEMENTS.filter((d) => REPORTING_LEVEL[d.code]!.includes(l)).map((d) => d.code);
      expect([k, [...elements].sort()]).toEqual([k, expected.sort()]);
    }
  });

  it("village and community names are visibly synthetic", () => {
    for (const u of orgUnits.filter((x) => x.level === 3)) expect(u.nameZh).toMatch(/^\S+镇 \d+号(村|社区)$/);
  });
});

describe("the breakdown differs by place and month", () => {
  it("townships' enrollment rates differ, from about 90 % to 100 %", () => {
    const rates = townships.map((t) => value("enrollment_rate", t, "2016")!);
    expect(new Set(rates.map((r) => r.toFixed(6))).size).toBeGreaterThanOrEqual(2);
    expect(Math.min(...rates)).toBeLessThan(95);
    expect(Math.min(...rates)).toBeGreaterThanOrEqual(85);
    expect(Math.max(...rates)).toBe(100);
  });

  it("some village has no school-age disabled child, so its enrollment rate has no value (not 0 %)", () => {
    const none = villages.filter((v) => index.get(v, "2016-12", "school_age_children") === 0);
    expect(none.length).toBeGreaterThan(0);
    expect(evaluateIndicator(indicator("enrollment_rate"), index, tree, none[0]!, "2016")).toEqual({ numerator: 0, denominator: 0, value: null });
  });

  it("a flow can be 0 in a month, reported explicitly: no cataract surgery in January 2016", () => {
    expect(value("cataract_surgeries", "LZ", "2016-01")).toBe(0);
    expect(villages.filter((v) => index.get(v, "2016-01", "cataract_surgeries") === 0).length).toBeGreaterThan(60);
    expect(value("cataract_surgeries", "LZ", "2016-05")).toBeGreaterThan(0);
  });

  it("villages' monthly values differ (not one number copied everywhere)", () => {
    const certified = new Set(villages.map((v) => index.get(v, "2016-12", "certified_persons")));
    expect(certified.size).toBeGreaterThan(10);
    const county = tree.subtree("LZ").map((u) => u.code);
    const monthly = new Set(MONTHS.map((m) => index.aggregate("cataract_screened", county, [m])));
    expect(monthly.size).toBeGreaterThan(2);
  });

  it("some village-months are not reported at all (no rows), never in December, while 0 is reported elsewhere", () => {
    const missing = villages.flatMap((v) => {
      const months = reportedMonths(v);
      return MONTHS.filter((m) => !months.has(m)).map((m) => ({ v, m }));
    });
    expect(missing.length).toBeGreaterThanOrEqual(3);
    expect(missing.some(({ m }) => m === "2016-02")).toBe(true);
    expect(missing.some(({ m }) => m === "2016-12")).toBe(false);
    const { v, m } = missing[0]!;
    expect(index.get(v, m, "certified_persons")).toBeUndefined();
    expect(value("cataract_surgeries", v, m)).toBeNull();
    // The same village reports the months around it.
    expect(index.get(v, "2016-12", "certified_persons")).toBeGreaterThan(0);
  });

  it("coverage is below 100 % in early months for some townships and 100 % everywhere in December", () => {
    for (const code of ["association_coverage", "venue_coverage", "work_activity_coverage", "committee_staffing_rate"]) {
      const january = townships.map((t) => value(code, t, "2016-01")!);
      expect(Math.min(...january)).toBeLessThan(100);
      for (const t of townships) {
        expect(value(code, t, "2016-12")).toBe(100);
        expect(value(code, t, "2016")).toBe(100);
      }
    }
  });
});

describe("stocks are reported every month and grow towards December", () => {
  it("villages_total is 76 and committee posts 83 for the county in every month", () => {
    for (const m of MONTHS) {
      expect(evaluateIndicator(indicator("association_coverage"), index, tree, "LZ", m).denominator).toBe(76);
      expect(evaluateIndicator(indicator("committee_staffing_rate"), index, tree, "LZ", m).denominator).toBe(83);
    }
  });

  it("associations and certified persons grow during the year; the year's value is December's, not a sum", () => {
    const assoc = (m: string) => evaluateIndicator(indicator("association_coverage"), index, tree, "LZ", m).numerator!;
    expect(assoc("2016-01")).toBeLessThan(76);
    expect(assoc("2016-12")).toBe(76);
    const certified = (p: string) => evaluateIndicator(indicator("record_update_rate"), index, tree, "LZ", p).denominator!;
    expect(certified("2016-01")).toBeLessThan(3422);
    expect(certified("2016Q4")).toBe(3422);
    for (const v of villages) {
      const series = MONTHS.map((m) => index.get(v, m, "certified_persons")).filter((x) => x !== undefined);
      for (let i = 1; i < series.length; i++) expect(series[i]!).toBeGreaterThanOrEqual(series[i - 1]!);
    }
  });

  it("every stock reported by a unit in a month has a value, never a gap inside a reported month", () => {
    const stocks = DATA_ELEMENTS.filter((d) => d.aggregationType === "stock");
    for (const v of villages) {
      for (const m of reportedMonths(v)) {
        for (const d of stocks.filter((s) => REPORTING_LEVEL[s.code]!.includes(3))) expect(index.get(v, m, d.code)).toBeTypeOf("number");
      }
    }
  });
});

describe("relations between data elements hold for every village", () => {
  const subsidies: [recipients: string, cny: string, perYear: number][] = [
    ["nursing_subsidy_recipients", "nursing_subsidy_cny", 1200],
    ["living_subsidy_recipients", "living_subsidy_cny", 1200],
    ["elderly_allowance_recipients", "elderly_allowance_cny", 1200],
    ["fuel_subsidy_recipients", "fuel_subsidy_cny", 260],
  ];

  it("subsidy rolls are constant through the year and each village is paid recipients × 1,200 (fuel × 260) CNY", () => {
    for (const v of villages) {
      for (const [recipients, cny, perYear] of subsidies) {
        const rolls = new Set(MONTHS.map((m) => index.get(v, m, recipients)).filter((x) => x !== undefined));
        expect(rolls.size).toBe(1);
        const n = [...rolls][0]!;
        expect(index.aggregate(cny, [v], MONTHS)).toBe(n * perYear);
      }
    }
  });

  it("the 100 CNY-a-month subsidies are paid recipients × 100 in every month after a reported month", () => {
    for (const v of villages) {
      const months = reportedMonths(v);
      MONTHS.forEach((m, i) => {
        if (!months.has(m) || (i > 0 && !months.has(MONTHS[i - 1]!))) return;
        for (const [recipients, cny, perYear] of subsidies) {
          if (perYear === 1200) expect(index.get(v, m, cny)).toBe(index.get(v, m, recipients)! * 100);
        }
      });
    }
  });

  it("records updated never exceed certified persons and reach them in December (100 % per village)", () => {
    for (const v of villages) {
      let cumulative = 0;
      for (const m of MONTHS) {
        cumulative += index.get(v, m, "records_updated") ?? 0;
        const certified = index.get(v, m, "certified_persons");
        if (certified !== undefined) expect(cumulative).toBeLessThanOrEqual(certified);
      }
      expect(cumulative).toBe(index.get(v, "2016-12", "certified_persons"));
    }
  });

  it("rights cases and petitions are closed in the month received or later", () => {
    const pairs = [
      ["rights_cases_received", "rights_cases_closed"],
      ["petitions_received", "petitions_closed"],
    ] as const;
    for (const u of ["LZ", ...townships]) {
      for (const [received, closed] of pairs) {
        let open = 0;
        for (const m of MONTHS) {
          open += (index.get(u, m, received) ?? 0) - (index.get(u, m, closed) ?? 0);
          expect(open).toBeGreaterThanOrEqual(0);
        }
        expect(open).toBe(0);
      }
    }
  });

  it("rehabilitation: effective = trained, satisfied = surveyed, 5 parent trainings per child, in each village-month", () => {
    for (const v of villages) {
      for (const m of reportedMonths(v)) {
        const trained = index.get(v, m, "rehab_children_trained")!;
        expect(index.get(v, m, "rehab_children_effective")).toBe(trained);
        expect(index.get(v, m, "parents_satisfied")).toBe(index.get(v, m, "parents_surveyed"));
        expect(index.get(v, m, "parent_trainings")).toBe(trained * 5);
      }
    }
  });

  it("cataract surgeries never run ahead of screening; enrolled ≤ school-age children; grants go to enrolled children", () => {
    for (const v of villages) {
      let screened = 0;
      let operated = 0;
      for (const m of MONTHS) {
        screened += index.get(v, m, "cataract_screened") ?? 0;
        operated += index.get(v, m, "cataract_surgeries") ?? 0;
        expect(operated).toBeLessThanOrEqual(screened);
        const children = index.get(v, m, "school_age_children");
        if (children !== undefined) expect(index.get(v, m, "children_enrolled")!).toBeLessThanOrEqual(children);
      }
      const grants = index.aggregate("student_grant_recipients", [v], MONTHS)!;
      expect(grants).toBeLessThanOrEqual(index.get(v, "2016-12", "children_enrolled")!);
      const cny = index.aggregate("student_grant_cny", [v], MONTHS)!;
      expect(cny).toBeGreaterThanOrEqual(grants * 500);
      expect(cny).toBeLessThanOrEqual(grants * 1000);
    }
  });

  it("the 73 paid committee members are in post all year and each paid 2,400 CNY in quarterly 600s", () => {
    for (const v of villages) {
      const paid = index.get(v, "2016-12", "committee_members_paid")!;
      expect(index.aggregate("committee_allowance_cny", [v], MONTHS)).toBe(paid * 2400);
      if (paid === 1) for (const m of reportedMonths(v)) expect(index.get(v, m, "committee_members_in_post")).toBe(1);
      expect(index.get(v, "2016-03", "committee_allowance_cny") ?? 600 * paid).toBe(600 * paid);
    }
  });

  it("flow and stock kinds match the catalogue (a stock summed over months would break the totals)", () => {
    expect(dataElement("committee_members_paid").aggregationType).toBe("stock");
    expect(index.aggregate("committee_members_paid", tree.subtree("LZ").map((u) => u.code), MONTHS)).toBe(73);
  });
});
