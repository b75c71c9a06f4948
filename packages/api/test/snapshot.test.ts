/**
 * buildSnapshot, the one builder of the dashboard's snapshot: the whole tree,
 * or the org units under some codes (with their ancestors, so the tree keeps
 * its county at the top) and only their data values.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadOrgUnitTree, type Database } from "@linze/db";
import { LINZE_DEMO_DIR, openTestDatabase } from "@linze/db/testing";
import { DataValueIndex, evaluateIndicator, INDICATORS, OrgUnitTree, UnknownOrgUnit, type Snapshot } from "@linze/domain";
import { buildSnapshot, snapshotFor, snapshotLayoutFor } from "../src/snapshot.ts";
import type { User } from "../src/permissions.ts";

let db: Database;
let tree: OrgUnitTree;
beforeAll(async () => {
  db = await openTestDatabase(LINZE_DEMO_DIR);
  tree = await loadOrgUnitTree(db);
}, 120_000);
afterAll(() => db.close());

const sum = (s: Awaited<ReturnType<typeof buildSnapshot>>, element: string) =>
  s.dataValues.value.filter((_, i) => s.dataValues.dataElement[i] === element).reduce((a, b) => a + b, 0);

describe("buildSnapshot", () => {
  test("the whole tree: 84 org units, every data value, the county's 156 cataract surgeries", async () => {
    const s = await buildSnapshot(db, tree);
    expect(s.orgUnits).toHaveLength(84);
    const [count] = await db.query<{ n: string }>("SELECT count(*) AS n FROM data_values");
    expect(s.dataValues.value).toHaveLength(Number(count!.n));
    expect(sum(s, "cataract_surgeries")).toBe(156);
  });

  test("one township: the county above it and its own subtree, only its data values", async () => {
    const s = await buildSnapshot(db, tree, ["LZ-SH"]);
    const codes = s.orgUnits.map((u) => u.code);
    // LZ + LZ-SH + its 17 villages and communities
    expect(codes).toHaveLength(1 + 1 + tree.children("LZ-SH").length);
    expect(codes.slice(0, 2)).toEqual(["LZ", "LZ-SH"]);
    expect(new OrgUnitTree(s.orgUnits).root.code).toBe("LZ");
    expect(new Set(s.dataValues.orgUnit.map((u) => u.startsWith("LZ-SH-") || u === "LZ-SH"))).toEqual(new Set([true]));
    const [row] = await db.query<{ total: string }>(
      "SELECT sum(value) AS total FROM data_values WHERE data_element = 'cataract_surgeries' AND (org_unit = 'LZ-SH' OR org_unit LIKE 'LZ-SH-%')",
    );
    expect(sum(s, "cataract_surgeries")).toBe(Number(row!.total));
    expect(sum(s, "cataract_surgeries")).toBeLessThan(156);
  });

  test("an unknown org unit is refused, naming it", async () => {
    await expect(buildSnapshot(db, tree, ["LZ-XX"])).rejects.toThrow(UnknownOrgUnit);
  });

  test("an unknown org unit among the compared ones is refused too", async () => {
    await expect(buildSnapshot(db, tree, ["LZ-SH"], ["LZ-XX"])).rejects.toThrow(UnknownOrgUnit);
  });
});

const OFFICER: User = { id: "t-officer", name: "沙河镇专干", role: "township_officer", orgUnits: { capture: ["LZ-SH"], view: ["LZ-SH"] } };
const MEMBER: User = { id: "t-member", name: "委员", role: "committee_member", committeeMember: "CM-LZ-SH-V01", orgUnits: { capture: ["LZ-SH-V01"], view: ["LZ-SH-V01"] } };
const OTHERS = ["LZ-XH", "LZ-LQ", "LZ-PC", "LZ-BQ", "LZ-YN", "LZ-NJY"];

/** The domain evaluator over a snapshot, as the browser's engine computes it. */
function evaluator(s: Snapshot) {
  const t = new OrgUnitTree(s.orgUnits);
  const dv = s.dataValues;
  const index = new DataValueIndex(dv.value.map((value, i) => ({ orgUnit: dv.orgUnit[i]!, period: dv.period[i]!, dataElement: dv.dataElement[i]!, value })));
  return (code: string, orgUnit: string, period: string) => evaluateIndicator(INDICATORS.find((i) => i.code === code)!, index, t, orgUnit, period);
}

describe("a township officer's snapshot (issue 5 point 1: other townships' indicator values for comparison, never their detail)", () => {
  test("沙河镇's villages row by row; the county's own values; the six other townships as totals on their own codes, none of their villages", async () => {
    const s = await snapshotFor(db, tree, OFFICER);
    const codes = s.orgUnits.map((u) => u.code);
    // LZ + 7 townships + 沙河镇's 12 villages and 5 communities.
    expect(codes).toHaveLength(1 + 7 + 17);
    expect(new OrgUnitTree(s.orgUnits).children("LZ").map((u) => u.nameZh)).toEqual(["沙河镇", "新华镇", "蓼泉镇", "平川镇", "板桥镇", "鸭暖镇", "倪家营镇"]);
    expect(codes.filter((c) => c.split("-").length === 3 && !c.startsWith("LZ-SH-"))).toEqual([]);
    expect(s.summaryOnly).toEqual(OTHERS);
    const rowUnits = new Set(s.dataValues.orgUnit);
    expect([...rowUnits].filter((u) => u.split("-").length === 3 && !u.startsWith("LZ-SH-"))).toEqual([]);
    for (const t of [...OTHERS, "LZ", "LZ-SH", "LZ-SH-V01", "LZ-SH-C05"]) expect(rowUnits.has(t)).toBe(true);
    // One row per township, month and data element: 12 months × (the elements reported in each).
    const xh = s.dataValues.orgUnit.map((u, i) => (u === "LZ-XH" ? `${s.dataValues.period[i]}|${s.dataValues.dataElement[i]}` : null)).filter((k) => k !== null);
    expect(new Set(xh).size).toBe(xh.length);
    // Cataract surgeries (flow): the report's county total 156 = 36 (沙河镇, its villages) + the others' totals + the county's own.
    const cataract = (unit: string) => s.dataValues.value.filter((_, i) => s.dataValues.dataElement[i] === "cataract_surgeries" && s.dataValues.orgUnit[i] === unit).reduce((a, b) => a + b, 0);
    expect(OTHERS.map(cataract)).toEqual([17, 21, 20, 19, 17, 26]);
    expect(sum(s, "cataract_surgeries")).toBe(156);
  });

  test("every indicator of the county and each township, for every month, quarter and the year, equals the full data's", async () => {
    const full = evaluator(await buildSnapshot(db, tree));
    const officer = evaluator(await snapshotFor(db, tree, OFFICER));
    const periods = ["2016", "2016Q1", "2016Q2", "2016Q3", "2016Q4", ...Array.from({ length: 12 }, (_, i) => `2016-${String(i + 1).padStart(2, "0")}`)];
    const differ: string[] = [];
    let compared = 0;
    for (const ind of INDICATORS)
      for (const unit of ["LZ", "LZ-SH", ...OTHERS])
        for (const period of periods) {
          const a = full(ind.code, unit, period);
          const b = officer(ind.code, unit, period);
          compared++;
          if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(`${ind.code} ${unit} ${period}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
        }
    expect(differ).toEqual([]);
    expect(compared).toBe(INDICATORS.length * 8 * 17);
    // Two golden values: 新华镇's enrollment rate in 2016 (22 of 22 school-age children, a stock) and the county's 156 surgeries.
    expect(officer("enrollment_rate", "LZ-XH", "2016")).toEqual({ numerator: 22, denominator: 22, value: 100 });
    expect(officer("cataract_surgeries", "LZ", "2016").value).toBe(156);
  });

  test("a committee member's holds the own village only; those who view everything get no summaries", async () => {
    const m = await snapshotFor(db, tree, MEMBER);
    expect(m.orgUnits.map((u) => u.code)).toEqual(["LZ", "LZ-SH", "LZ-SH-V01"]);
    expect(new Set(m.dataValues.orgUnit)).toEqual(new Set(["LZ-SH-V01"]));
    expect(m.summaryOnly).toBeUndefined();
    const leader = await snapshotFor(db, tree, { id: "t-leader", name: "县领导", role: "county_leader" });
    expect(leader.summaryOnly).toBeUndefined();
    expect(leader.orgUnits).toHaveLength(84);
    expect(await snapshotFor(db, tree, null)).toMatchObject({ orgUnits: [], dataValues: { value: [] } });
  });
});


describe("snapshotLayoutFor (tRPC snapshot.header: the overview's layout before the Arrow snapshot, issue 6 P2)", () => {
  const MONTHS_2016 = Array.from({ length: 12 }, (_, i) => `2016-${String(i + 1).padStart(2, "0")}`);

  test("an administrator: the 84 org units, the demo notice, the twelve months of 2016 oldest first, no summaryOnly", async () => {
    const admin: User = { id: "t-admin", name: "管理员", role: "county_admin" };
    const layout = await snapshotLayoutFor(db, tree, admin);
    expect(layout.orgUnits).toHaveLength(84);
    expect(layout.months).toEqual(MONTHS_2016);
    expect(layout.summaryOnly).toBeUndefined();
    expect(layout).not.toHaveProperty("dataValues");
    const { dataValues, ...header } = await snapshotFor(db, tree, admin);
    expect(layout).toEqual({ ...header, months: [...new Set(dataValues.period)].sort() });
  });

  test("a township officer: the snapshot's 25 org units and the six other townships as summaryOnly, as the Arrow snapshot says", async () => {
    const layout = await snapshotLayoutFor(db, tree, OFFICER);
    expect(layout.orgUnits).toHaveLength(1 + 7 + 17);
    expect(layout.summaryOnly).toEqual(OTHERS);
    expect(layout.months).toEqual(MONTHS_2016);
    const { dataValues: _, ...header } = await snapshotFor(db, tree, OFFICER);
    expect({ orgUnits: layout.orgUnits, source: layout.source, summaryOnly: layout.summaryOnly }).toEqual(header);
  });

  test("a committee member: the own village under its township and county; nobody: nothing", async () => {
    const m = await snapshotLayoutFor(db, tree, MEMBER);
    expect(m.orgUnits.map((u) => u.code)).toEqual(["LZ", "LZ-SH", "LZ-SH-V01"]);
    expect(m.months).toEqual(MONTHS_2016);
    expect(await snapshotLayoutFor(db, tree, null)).toMatchObject({ orgUnits: [], months: [] });
  });
});
