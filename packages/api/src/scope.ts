/**
 * The procedures' org-unit scope checks (issue 5 point 1) on the caller's
 * `ctx.access` (permissions.ts): refuse (FORBIDDEN, "English (中文)") when an
 * input names an org unit or assessed unit outside the caller's capture or
 * view set, or filter a list down to what the caller may see.
 */
import type { Completeness, Queryable } from "@linze/db";
import type { AssessedUnit, OrgUnit, OrgUnitTree } from "@linze/domain";
import { TRPCError } from "@trpc/server";
import { canActForUnit, canCapture, canView, canViewIndicatorValues, canViewUnit, type Access } from "./permissions.ts";

const forbidden = (en: string, zh: string) => new TRPCError({ code: "FORBIDDEN", message: `${en} (${zh})` });

const list = (codes: readonly string[]) => codes.slice(0, 5).join(", ") + (codes.length > 5 ? ` … (${codes.length})` : "");

/** FORBIDDEN unless every org unit is in the caller's view set. */
export function assertView(a: Access, orgUnits: readonly string[]): void {
  const outside = orgUnits.filter((o) => !canView(a, o));
  if (outside.length > 0) throw forbidden(`Outside the org units you may view: ${list(outside)}`, `无权查看这些组织机构：${list(outside)}`);
}

/** FORBIDDEN unless every org unit is in the caller's capture set. */
export function assertCapture(a: Access, orgUnits: readonly string[]): void {
  const outside = [...new Set(orgUnits)].filter((o) => !canCapture(a, o));
  if (outside.length > 0) throw forbidden(`Outside the org units you may enter data for: ${list(outside)}`, `无权为这些组织机构录入数据：${list(outside)}`);
}

/**
 * The top-most org units the caller may capture for (each with its
 * descendants), in code order; the root for an administrator.
 */
export function captureRoots(a: Access, tree: OrgUnitTree): OrgUnit[] {
  if (a.captureAll) return [tree.root];
  return [...a.capture]
    .filter((c) => tree.has(c) && !a.capture.has(tree.get(c).parent ?? ""))
    .sort()
    .map((c) => tree.get(c));
}

/**
 * Why the caller may not enter data for `orgUnit`, in Chinese and English,
 * naming the org units they may enter data for (an import's row problem:
 * issue 5 point 1 — a township officer captures for the own township and
 * its villages).
 */
export function outsideCaptureReason(a: Access, tree: OrgUnitTree, orgUnit: string): { zh: string; en: string } {
  const unit = tree.has(orgUnit) ? tree.get(orgUnit) : null;
  const roots = captureRoots(a, tree);
  const zhUnit = unit ? `${unit.nameZh}（${unit.code}）` : orgUnit;
  const enUnit = unit ? `${unit.nameEn} (${unit.code})` : orgUnit;
  if (roots.length === 0) return { zh: `无权为${zhUnit}录入数据：您的账号没有可录入数据的组织机构`, en: `you may not enter data for ${enUnit}: your account may enter data for no org unit` };
  return {
    zh: `无权为${zhUnit}录入数据：您只能录入${roots.map((r) => `${r.nameZh}（${r.code}）`).join("、")}及其下属单位的数据`,
    en: `you may not enter data for ${enUnit}: you may enter data only for ${roots.map((r) => `${r.nameEn} (${r.code})`).join(", ")} and the units under ${roots.length > 1 ? "them" : "it"}`,
  };
}

/** FORBIDDEN unless the caller may see every org unit's indicator values (detail, or the county and townships for comparison). */
export function assertIndicatorValues(a: Access, tree: OrgUnitTree, orgUnits: readonly string[]): void {
  const outside = orgUnits.filter((o) => !canViewIndicatorValues(a, tree, o));
  if (outside.length > 0) throw forbidden(`Outside the org units you may view: ${list(outside)}`, `无权查看这些组织机构：${list(outside)}`);
}

/** Committee member code → the org unit of the post (committee_members.org_unit). */
export async function memberOrgUnits(db: Queryable): Promise<Map<string, string>> {
  const rows = await db.query<{ code: string; org_unit: string }>("SELECT code, org_unit FROM committee_members");
  return new Map(rows.map((r) => [r.code, r.org_unit]));
}

/** The org unit of an assessed unit: the township itself, or the member's post (null for an unknown member). */
export const unitOrgUnit = (unit: AssessedUnit, members: ReadonlyMap<string, string>): string | null => (unit.kind === "township" ? unit.code : (members.get(unit.code) ?? null));

/** A filter over assessed units for the caller (everyone's for those who view all, without a query). */
export async function unitFilter(db: Queryable, a: Access): Promise<(unit: AssessedUnit) => boolean> {
  if (a.viewAll) return () => true;
  const members = await memberOrgUnits(db);
  return (unit) => canViewUnit(a, unit, unitOrgUnit(unit, members));
}

const unitName = (u: AssessedUnit) => `${u.kind === "township" ? "township" : "committee member"} ${u.code}`;

/** FORBIDDEN unless the caller may see the assessed unit in detail. */
export async function assertUnitVisible(db: Queryable, a: Access, unit: AssessedUnit): Promise<void> {
  if (!(await unitFilter(db, a))(unit)) throw forbidden(`You may not see ${unitName(unit)}`, `无权查看该考核对象：${unit.code}`);
}

/** FORBIDDEN unless the caller may act for the assessed unit (its self-score, its rectifications). */
export async function assertActForUnit(db: Queryable, a: Access, unit: AssessedUnit): Promise<void> {
  const members = a.captureAll ? new Map<string, string>() : await memberOrgUnits(db);
  if (!canActForUnit(a, unit, unitOrgUnit(unit, members))) throw forbidden(`You may not act for ${unitName(unit)}`, `无权代该考核对象操作：${unit.code}`);
}

/**
 * quality.completeness as the caller may see it (issue 5 point 1): whole for
 * those who view everything. A township officer compares: every township's
 * report statuses, dates, rates and counts of villages reported, and the
 * county's, but the villages that sent nothing are named only for the
 * townships in the view set (`villageDetail` false and `villagesMissing`
 * empty for the others). Anyone else (a committee member) gets only the
 * townships above their view set, with the township's report statuses and
 * rates (their village's data travels in that report) and the village counts
 * and names of their viewed villages only, and no county line (null).
 */
export function scopeCompleteness(c: Completeness, a: Access, tree: OrgUnitTree): Completeness {
  if (a.viewAll) return c;
  const townships = c.townships.flatMap((t): Completeness["townships"][number][] => {
    if (canView(a, t.orgUnit)) return [t];
    if (a.compareTownships) return [{ ...t, villageDetail: false, months: t.months.map((m) => ({ ...m, villagesMissing: [] })) }];
    const viewed = new Set(tree.children(t.orgUnit).map((u) => u.code).filter((code) => canView(a, code)));
    if (viewed.size === 0) return [];
    return [
      {
        ...t,
        months: t.months.map((m) => {
          const missing = m.villagesMissing.filter((v) => viewed.has(v));
          return { ...m, villagesExpected: viewed.size, villagesReported: viewed.size - missing.length, villagesMissing: missing };
        }),
      },
    ];
  });
  return { ...c, townships, county: a.compareTownships ? c.county : null };
}
