/**
 * The one builder of the dashboard's data snapshot, for tRPC `snapshot.get`
 * and the server's `GET /snapshot.arrow`: the org units and data values of a
 * set of org units, with where the data comes from.
 */
import { dataValueColumns, datasetSource, ownDataValueColumns, subtreeTotalColumns, type Queryable } from "@linze/db";
import type { DataValueColumns, OrgUnit, OrgUnitTree, Snapshot } from "@linze/domain";
import { accessOf, canView, type User } from "./permissions.ts";

/** What a user's snapshot holds: org units seen in detail (each with everything below it), and org units compared by their totals. */
export interface SnapshotScope {
  /** The top-most org units of the view set (permissions.ts `Access.viewRoots`): their data values, row by row. */
  readonly detail: readonly string[];
  /** Org units outside the view set whose indicator values the user may compare (the county and the other townships for a township officer). */
  readonly summaries: readonly string[];
}

/**
 * The snapshot of the org units `roots` (codes; each with everything below
 * it; default the whole tree): their data values, and as org units their
 * subtrees plus the ancestors up to the root, so the browser's tree still has
 * its one county at the top.
 *
 * `summaries` (codes) adds org units compared by their totals: one that lies
 * above another included unit (the county above the officer's township)
 * brings its own data values only; any other (another township) brings the
 * sums over its subtree, one per month and data element, on its own code,
 * and none of the org units below it, which the snapshot lists in
 * `summaryOnly`. Flows of such a unit are exact for any period; a stock's
 * quarter or year value is its subtree's sum in the last month in which any
 * of its org units reported, which differs from DOMAIN.md §3's per-unit last
 * value only where some org unit of it had no value in that month.
 * Unknown codes → UnknownOrgUnit (listing the valid codes).
 */
export async function buildSnapshot(db: Queryable, tree: OrgUnitTree, roots: readonly string[] = [tree.root.code], summaries: readonly string[] = []): Promise<Snapshot> {
  const whole = roots.includes(tree.root.code);
  const orgUnits: OrgUnit[] = [];
  if (whole) orgUnits.push(...tree.all);
  else {
    const seen = new Set<string>();
    for (const code of [...roots, ...summaries]) {
      const units = roots.includes(code) ? [...tree.ancestors(code), ...tree.subtree(code)] : [...tree.ancestors(code), tree.get(code)];
      for (const u of units)
        if (!seen.has(u.code)) {
          seen.add(u.code);
          orgUnits.push(u);
        }
    }
  }
  // A compared unit inside a detailed subtree adds nothing; one above an included unit brings its own values only.
  const compared = whole ? [] : summaries.filter((s) => !roots.some((r) => r === s || tree.ancestors(s).some((a) => a.code === r)));
  const isAbove = (s: string) => [...roots, ...compared].some((u) => u !== s && tree.ancestors(u).some((a) => a.code === s));
  const totalled = compared.filter((s) => !isAbove(s));
  const ownOnly = compared.filter(isAbove);
  const [detail, totals, own, source] = await Promise.all([
    dataValueColumns(db, whole ? undefined : roots),
    subtreeTotalColumns(db, totalled),
    ownDataValueColumns(db, ownOnly),
    datasetSource(db),
  ]);
  const dataValues = concatColumns([detail, totals, own]);
  return totalled.length > 0 ? { orgUnits, dataValues, source, summaryOnly: totalled } : { orgUnits, dataValues, source };
}

function concatColumns(parts: readonly DataValueColumns[]): DataValueColumns {
  if (parts.length === 1) return parts[0]!;
  return {
    orgUnit: parts.flatMap((p) => p.orgUnit),
    period: parts.flatMap((p) => p.period),
    dataElement: parts.flatMap((p) => p.dataElement),
    value: parts.flatMap((p) => p.value),
  };
}

/**
 * The org units whose data a user may load into the browser: the top-most of
 * the user's view set (each with everything below it; permissions.ts
 * `accessOf`), the county for those who view everything, none for nobody.
 */
export function orgUnitsVisibleTo(user: User | null, tree: OrgUnitTree): string[] {
  return user ? [...accessOf(user, tree).viewRoots] : [];
}

/**
 * What {@link buildSnapshot} gives a user (issue 5 point 1): the view set in
 * detail; for a township officer also the county and every township outside
 * the view set by their totals, for comparison — never their villages' rows.
 */
export function snapshotScopeOf(user: User | null, tree: OrgUnitTree): SnapshotScope {
  if (!user) return { detail: [], summaries: [] };
  const access = accessOf(user, tree);
  const summaries = access.compareTownships && !access.viewAll ? [tree.root, ...tree.children(tree.root.code)].map((u) => u.code).filter((c) => !canView(access, c)) : [];
  return { detail: [...access.viewRoots], summaries };
}

/** The snapshot `user` may load: {@link buildSnapshot} over {@link snapshotScopeOf}. */
export function snapshotFor(db: Queryable, tree: OrgUnitTree, user: User | null): Promise<Snapshot> {
  const scope = snapshotScopeOf(user, tree);
  return buildSnapshot(db, tree, scope.detail, scope.summaries);
}

/** A snapshot without its data values, with the months they cover: what the dashboard lays itself out with. */
export interface SnapshotLayout extends Omit<Snapshot, "dataValues"> {
  /** Months `YYYY-MM` with at least one data value in the snapshot, oldest first. */
  readonly months: string[];
}

/**
 * The org units, source and `summaryOnly` of the snapshot {@link snapshotFor}
 * gives `user`, and the months its data values cover (issue 6 P2: the
 * dashboard's overview lays itself out and asks for its first KPIs with
 * these, before the Arrow snapshot has arrived and without decoding it).
 */
export async function snapshotLayoutFor(db: Queryable, tree: OrgUnitTree, user: User | null): Promise<SnapshotLayout> {
  const { dataValues, ...header } = await snapshotFor(db, tree, user);
  return { ...header, months: [...new Set(dataValues.period)].sort() };
}
