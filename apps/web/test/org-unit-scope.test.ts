/**
 * Which org units have figures for a user (issue 5): a committee member's
 * snapshot carries the county and the own township only as the path to the
 * own village, so neither may be picked or label figures; a township officer
 * compares the county and every township; those who view everything see all.
 */
import { describe, expect, it } from "vitest";
import { linzeOrgUnitTree, OrgUnitTree } from "@linze/domain";
import { defaultOrgUnit, figureOrgUnits, hasFigures, type ViewScope } from "../src/filters/org-unit-scope.ts";
import { parseFilters } from "../src/filters/url-filters.ts";

const full = linzeOrgUnitTree();
/** The tree of a snapshot holding `codes` (as the server builds it: the user's units and their ancestors). */
const treeOf = (codes: (code: string) => boolean) => new OrgUnitTree(full.all.filter((u) => codes(u.code)));

const MEMBER: ViewScope = { viewAll: false, view: ["LZ-SH-V01"], compareTownships: false };
const OFFICER: ViewScope = { viewAll: false, view: ["LZ-SH"], compareTownships: true };
const LEADER: ViewScope = { viewAll: true, view: ["LZ"], compareTownships: false };
const SH_UNITS = ["LZ-SH-C01", "LZ-SH-C02", "LZ-SH-C03", "LZ-SH-C04", "LZ-SH-C05", ...Array.from({ length: 12 }, (_, i) => `LZ-SH-V${String(i + 1).padStart(2, "0")}`)];

describe("a committee member (demo-member, LZ-SH-V01)", () => {
  // The member's snapshot: 临泽县 → 沙河镇 → 沙河镇 1号村, data values of the village only.
  const tree = treeOf((c) => ["LZ", "LZ-SH", "LZ-SH-V01"].includes(c));

  it("has figures for the own village only, not for the county and township above it", () => {
    expect(figureOrgUnits(tree, MEMBER).map((u) => u.nameZh)).toEqual(["沙河镇 1号村"]);
    expect(hasFigures(tree, MEMBER, "LZ")).toBe(false);
    expect(hasFigures(tree, MEMBER, "LZ-SH")).toBe(false);
    expect(hasFigures(tree, MEMBER, "LZ-SH-V01")).toBe(true);
    expect(hasFigures(tree, MEMBER, "LZ-XH-V01")).toBe(false);
  });

  it("defaults to the own village, and an address naming the county or township falls back to it", () => {
    expect(defaultOrgUnit(tree, [], MEMBER)).toBe("LZ-SH-V01");
    const ctx = { months: ["2016-12"], isOrgUnit: (c: string) => hasFigures(tree, MEMBER, c), rootOrgUnit: defaultOrgUnit(tree, [], MEMBER) };
    for (const orgUnit of ["LZ", "LZ-SH", "LZ-XH", "nonsense"]) expect(parseFilters(new URLSearchParams({ orgUnit }), ctx).orgUnit).toBe("LZ-SH-V01");
    expect(parseFilters(new URLSearchParams({ orgUnit: "LZ-SH-V01" }), ctx).orgUnit).toBe("LZ-SH-V01");
  });

  it("with villages in two townships, the default is the first village (the county between them has no figures)", () => {
    const two: ViewScope = { viewAll: false, view: ["LZ-SH-V01", "LZ-XH-V02"], compareTownships: false };
    const t = treeOf((c) => ["LZ", "LZ-SH", "LZ-SH-V01", "LZ-XH", "LZ-XH-V02"].includes(c));
    expect(defaultOrgUnit(t, [], two)).toBe("LZ-SH-V01");
    expect(figureOrgUnits(t, two).map((u) => u.code)).toEqual(["LZ-SH-V01", "LZ-XH-V02"]);
  });
});

describe("a township officer (demo-township, 沙河镇)", () => {
  // The officer's snapshot: the county, the seven townships (six as totals, summaryOnly) and 沙河镇's 17 villages and communities.
  const others = ["LZ-XH", "LZ-LQ", "LZ-PC", "LZ-BQ", "LZ-YN", "LZ-NJY"];
  const tree = treeOf((c) => c.split("-").length <= 2 || c.startsWith("LZ-SH-"));

  it("has figures for the county, all seven townships and 沙河镇's 17 villages and communities (25), in the tree's order", () => {
    const units = figureOrgUnits(tree, OFFICER);
    expect(units).toHaveLength(25);
    expect(units.slice(0, 2).map((u) => u.nameZh)).toEqual(["临泽县", "沙河镇"]);
    expect(units.map((u) => u.code).slice(2, 19).sort()).toEqual([...SH_UNITS].sort());
    expect(units.slice(19).map((u) => u.nameZh)).toEqual(["新华镇", "蓼泉镇", "平川镇", "板桥镇", "鸭暖镇", "倪家营镇"]);
  });

  it("defaults to the own township, and has no figures for another township's villages", () => {
    expect(defaultOrgUnit(tree, others, OFFICER)).toBe("LZ-SH");
    expect(hasFigures(full, OFFICER, "LZ-XH-V01")).toBe(false);
    expect(hasFigures(full, OFFICER, "LZ-XH")).toBe(true);
  });
});

describe("those who view everything", () => {
  it("have figures for all 84 org units and default to the county", () => {
    expect(figureOrgUnits(full, LEADER)).toHaveLength(84);
    expect(defaultOrgUnit(full, [], LEADER)).toBe("LZ");
  });
});
