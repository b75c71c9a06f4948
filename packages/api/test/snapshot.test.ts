/**
 * buildSnapshot, the one builder of the dashboard's snapshot: the whole tree,
 * or the org units under some codes (with their ancestors, so the tree keeps
 * its county at the top) and only their data values.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadOrgUnitTree, type Database } from "@linze/db";
import { LINZE_DEMO_DIR, openTestDatabase } from "@linze/db/testing";
import { OrgUnitTree, UnknownOrgUnit } from "@linze/domain";
import { buildSnapshot } from "../src/snapshot.ts";

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
    const [{ n }] = await db.query<{ n: string }>("SELECT count(*) AS n FROM data_values");
    expect(s.dataValues.value).toHaveLength(Number(n));
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
    const [{ total }] = await db.query<{ total: string }>(
      "SELECT sum(value) AS total FROM data_values WHERE data_element = 'cataract_surgeries' AND (org_unit = 'LZ-SH' OR org_unit LIKE 'LZ-SH-%')",
    );
    expect(sum(s, "cataract_surgeries")).toBe(Number(total));
    expect(sum(s, "cataract_surgeries")).toBeLessThan(156);
  });

  test("an unknown org unit is refused, naming it", async () => {
    await expect(buildSnapshot(db, tree, ["LZ-XX"])).rejects.toThrow(UnknownOrgUnit);
  });
});
