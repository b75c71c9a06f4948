/**
 * The one builder of the dashboard's data snapshot, for tRPC `snapshot.get`
 * and the server's `GET /snapshot.arrow`: the org units and data values of a
 * set of org units, with where the data comes from.
 */
import { dataValueColumns, datasetSource, type Queryable } from "@linze/db";
import type { OrgUnit, OrgUnitTree, Snapshot } from "@linze/domain";
import { accessOf, type User } from "./permissions.ts";

/**
 * The snapshot of the org units `roots` (codes; each with everything below
 * it; default the whole tree): their data values, and as org units their
 * subtrees plus the ancestors up to the root, so the browser's tree still has
 * its one county at the top (the ancestors bring no data values of their
 * own). Unknown codes → UnknownOrgUnit (listing the valid codes).
 */
export async function buildSnapshot(db: Queryable, tree: OrgUnitTree, roots: readonly string[] = [tree.root.code]): Promise<Snapshot> {
  const whole = roots.includes(tree.root.code);
  const orgUnits: OrgUnit[] = [];
  if (whole) orgUnits.push(...tree.all);
  else {
    const seen = new Set<string>();
    for (const code of roots)
      for (const u of [...tree.ancestors(code), ...tree.subtree(code)])
        if (!seen.has(u.code)) {
          seen.add(u.code);
          orgUnits.push(u);
        }
  }
  const [dataValues, source] = await Promise.all([dataValueColumns(db, whole ? undefined : roots), datasetSource(db)]);
  return { orgUnits, dataValues, source };
}

/**
 * The org units whose data a user may load into the browser: the top-most of
 * the user's view set (each with everything below it; permissions.ts
 * `accessOf`), the county for those who view everything, none for nobody.
 */
export function orgUnitsVisibleTo(user: User | null, tree: OrgUnitTree): string[] {
  return user ? [...accessOf(user, tree).viewRoots] : [];
}
