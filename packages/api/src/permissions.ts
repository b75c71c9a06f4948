/**
 * Roles, permissions and org-unit scope (issue 5 point 1). Every tRPC
 * procedure declares one {@link Permission} (`requires(...)` in trpc.ts); a
 * role holds a fixed set of them ({@link ROLE_PERMISSIONS}); where a
 * procedure touches org units or assessed units, the caller's
 * {@link Access} decides which (DHIS2's split: the org units a user may
 * capture data for, and those a user may view; each includes its
 * descendants). Imports only the domain: the dashboard uses it to show what a
 * user may do.
 */
import type { AssessedUnit, OrgUnitTree } from "@linze/domain";

/** The five roles (users.role). */
export const ROLES = ["county_admin", "county_leader", "township_officer", "committee_member", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** One's own account: who am I, change my password. */
  "account.self",
  /** Reference data: org units, data elements, indicators, settings, saved column mappings, data source; the display names of the people records name. */
  "catalogue.read",
  /** Data values and indicator values of the org units one may view (snapshot, values, entry form, history, validation). */
  "data.view",
  /** Enter or import data values for the org units one may capture. */
  "data.capture",
  /** The list of committed imports. */
  "imports.view",
  /** Save or remove a column mapping. */
  "mappings.manage",
  /** Completeness and timeliness of the monthly reports (scoped: scope.ts `scopeCompleteness`). */
  "quality.view",
  /** Letters, committee members, supervision findings, assessment runs and entries of the units one may see. */
  "assessment.view",
  /** Letters, members, findings, manual scores, commendations, vetoes; run and submit assessments. */
  "assessment.manage",
  "assessment.review",
  "assessment.publish",
  /** A unit's own self-score (自评分): the township's officer for the township, a member for the own post. */
  "assessment.selfScore",
  /** Report a finding rectified (整改) for one's own units. */
  "supervision.rectify",
  /** Verify a rectification (核查). */
  "supervision.verify",
  /** Change settings such as the report due day. */
  "settings.manage",
  "users.view",
  "users.manage",
  "audit.read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_EVERYTHING: readonly Permission[] = ["account.self", "catalogue.read", "data.view", "imports.view", "quality.view", "assessment.view"];

/**
 * What each role may do (issue 5 point 1). County administrators everything;
 * leadership views all and reviews and publishes assessments; a township
 * officer captures for the own township and its villages; a committee member
 * sees the own letter, scores and village (and whether its monthly report
 * came in) and enters the own self-score; an
 * auditor reads everything, the audit log and the users included, and
 * changes nothing (but the own password).
 */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  county_admin: PERMISSIONS,
  county_leader: [...READ_EVERYTHING, "assessment.review", "assessment.publish"],
  township_officer: [...READ_EVERYTHING, "data.capture", "mappings.manage", "assessment.selfScore", "supervision.rectify"],
  committee_member: ["account.self", "catalogue.read", "data.view", "data.capture", "quality.view", "assessment.view", "assessment.selfScore", "supervision.rectify"],
  auditor: [...READ_EVERYTHING, "users.view", "audit.read"],
};

/** A role's names for people (the dashboard's labels come from i18n; these are for logs and the CLI). */
export const ROLE_NAMES: Readonly<Record<Role, { zh: string; en: string }>> = {
  county_admin: { zh: "县残联管理员", en: "County administrator" },
  county_leader: { zh: "县领导", en: "County leadership" },
  township_officer: { zh: "乡镇专干", en: "Township officer" },
  committee_member: { zh: "专职委员", en: "Committee member" },
  auditor: { zh: "审计员", en: "Auditor" },
};

/** The org units assigned to a user (codes; each includes its descendants). */
export interface AssignedOrgUnits {
  readonly capture: readonly string[];
  readonly view: readonly string[];
}

/** Who calls: an account, or a system identity (the CLI, the demo seeding). */
export interface User {
  /** The username (or a system identity such as `local-admin`): what `*_by` columns and the audit log record. */
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** The committee member's post (`CM-…`) of a committee_member account. */
  readonly committeeMember?: string | null;
  /** Assigned org units (ignored for roles that see everything). */
  readonly orgUnits?: AssignedOrgUnits;
  /** Set after an administrator's reset: nothing but `account.self` until the password is changed. */
  readonly mustChangePassword?: boolean;
  /** users.id of a signed-in account; absent for system identities. */
  readonly accountId?: number;
}

/** What a caller may do and where, computed once per request from the user and the tree. */
export interface Access {
  readonly role: Role;
  readonly permissions: ReadonlySet<Permission>;
  /** Administrators, leadership and auditors view the whole tree. */
  readonly viewAll: boolean;
  /** Administrators capture everywhere. */
  readonly captureAll: boolean;
  /** Org unit codes one may capture for (assigned capture units and their descendants). */
  readonly capture: ReadonlySet<string>;
  /** Org unit codes one may view in detail (assigned view and capture units and their descendants). */
  readonly view: ReadonlySet<string>;
  /**
   * The top-most org units of `view` (what the dashboard's snapshot holds):
   * the root for those who view all.
   */
  readonly viewRoots: readonly string[];
  /** A township officer also sees the indicator values of the county and every township, for comparison (not their villages). */
  readonly compareTownships: boolean;
  readonly committeeMember: string | null;
}

const ALL_VIEW: ReadonlySet<Role> = new Set(["county_admin", "county_leader", "auditor"]);

/** The {@link Access} of a user over the tree; unknown assigned codes are ignored. */
export function accessOf(user: User, tree: OrgUnitTree | undefined): Access {
  const permissions = new Set(ROLE_PERMISSIONS[user.role]);
  const viewAll = ALL_VIEW.has(user.role);
  const captureAll = user.role === "county_admin";
  const expand = (codes: readonly string[]): Set<string> => {
    const out = new Set<string>();
    if (!tree) return out;
    for (const c of codes) if (tree.has(c)) for (const u of tree.subtree(c)) out.add(u.code);
    return out;
  };
  const assigned = user.orgUnits ?? { capture: [], view: [] };
  // Leadership and auditors capture nothing, whatever is assigned.
  const capture = permissions.has("data.capture") && !captureAll ? expand(assigned.capture) : new Set<string>();
  const view = viewAll ? new Set<string>() : expand([...assigned.view, ...assigned.capture]);
  const viewRoots = viewAll || !tree ? (tree ? [tree.root.code] : []) : [...view].filter((c) => !view.has(tree.get(c).parent ?? "")).sort();
  return {
    role: user.role,
    permissions,
    viewAll,
    captureAll,
    capture,
    view,
    viewRoots,
    compareTownships: user.role === "township_officer",
    committeeMember: user.role === "committee_member" ? (user.committeeMember ?? null) : null,
  };
}

export const hasPermission = (a: Access, p: Permission): boolean => a.permissions.has(p);
/** May view this org unit's data in detail (data values, villages, entry form). */
export const canView = (a: Access, orgUnit: string): boolean => a.viewAll || a.view.has(orgUnit);
/** May enter or import data for this org unit. */
export const canCapture = (a: Access, orgUnit: string): boolean => a.captureAll || a.capture.has(orgUnit);
/** May see indicator values of this org unit: viewed in detail, or the county and townships for a township officer's comparison. */
export const canViewIndicatorValues = (a: Access, tree: OrgUnitTree, orgUnit: string): boolean =>
  canView(a, orgUnit) || (a.compareTownships && tree.has(orgUnit) && tree.get(orgUnit).level <= 2);

/**
 * May see an assessed unit in detail (its letter, entries, findings, item
 * explanation): a township in the view set; a committee member whose post's
 * org unit is in the view set, or one's own post. `memberOrgUnit` is the
 * member's org unit (committee_members.org_unit), null when unknown.
 */
export function canViewUnit(a: Access, unit: AssessedUnit, memberOrgUnit: string | null): boolean {
  if (a.viewAll) return true;
  if (unit.kind === "township") return a.view.has(unit.code);
  if (a.committeeMember !== null) return unit.code === a.committeeMember;
  return memberOrgUnit !== null && a.view.has(memberOrgUnit);
}

/**
 * May see a unit's line in a ranking (total, grade, rank): what
 * {@link canViewUnit} allows, and every township for a township officer
 * (townships are compared; other townships' committee members never).
 */
export const canSeeRankingLine = (a: Access, unit: AssessedUnit, memberOrgUnit: string | null): boolean =>
  canViewUnit(a, unit, memberOrgUnit) || (a.compareTownships && unit.kind === "township");

/**
 * May act for an assessed unit (its self-score, reporting a finding
 * rectified): a township in the capture set; one's own committee-member post;
 * an administrator any.
 */
export function canActForUnit(a: Access, unit: AssessedUnit, memberOrgUnit: string | null): boolean {
  if (a.captureAll) return true;
  if (unit.kind === "township") return a.committeeMember === null && a.capture.has(unit.code);
  if (a.committeeMember !== null) return unit.code === a.committeeMember;
  return false;
}
