/**
 * Which org units of the browser's tree have figures of their own for the
 * signed-in user (issue 5 point 1). The snapshot carries the ancestors of a
 * user's org units up to the county as bare org units, so the tree keeps its
 * one root; a committee member's snapshot holds 临泽县 → 沙河镇 → the own
 * village, but only the village's data values. Summing "沙河镇" over that
 * tree gives the village's figures under the township's name, so such
 * path-only ancestors must be neither offered in a picker nor used to label
 * figures.
 *
 * An org unit has figures when the user views everything, when it lies at
 * or below one of the user's view org units (`account.me` `view`, each with
 * everything below it), or — for a township officer, who compares the
 * townships (`compareTownships`) — when it is the county or a township: the
 * officer's snapshot holds the county's own values and every other
 * township's totals (`summaryOnly`), so those figures equal the full data's
 * (packages/api snapshot.test.ts). Mirrors permissions.ts
 * `canViewIndicatorValues`. Pure.
 */
import type { OrgUnit, OrgUnitTree } from "@linze/domain";

/** The part of `account.me` that decides what a user views: everything, the view org units (codes, each with its descendants), the townships compared. */
export interface ViewScope {
  readonly viewAll: boolean;
  readonly view: readonly string[];
  readonly compareTownships: boolean;
}

/** Whether `code` (an org unit of `tree`) has figures of its own for a user of `scope`; false for an unknown code. */
export function hasFigures(tree: OrgUnitTree, scope: ViewScope, code: string): boolean {
  if (!tree.has(code)) return false;
  if (scope.viewAll) return true;
  const unit = tree.get(code);
  if (scope.compareTownships && unit.level <= 2) return true;
  return [code, ...tree.ancestors(code).map((u) => u.code)].some((c) => scope.view.includes(c));
}

/** The org units of `tree` with figures for `scope`, in the tree's order (county, then each township followed by its villages). */
export function figureOrgUnits(tree: OrgUnitTree, scope: ViewScope): OrgUnit[] {
  const out: OrgUnit[] = [];
  const walk = (u: OrgUnit) => {
    if (hasFigures(tree, scope, u.code)) out.push(u);
    for (const c of tree.children(u.code)) walk(c);
  };
  walk(tree.root);
  return out;
}

/**
 * The org unit shown by default: the root, or — when the snapshot holds only
 * one branch in detail, as for a township officer or a committee member
 * (issue 5: the snapshot carries only what the user may view, with the
 * ancestors as bare org units and, for an officer, the other townships by
 * their totals, `summaryOnly`) — the top of that branch: the user's own
 * township or village, and no county figure computed from one village's data.
 * With `scope`, a unit without figures of its own for the user (a path-only
 * ancestor, {@link hasFigures}) is never the default: the first unit in the
 * tree's order that has them is.
 */
export function defaultOrgUnit(tree: OrgUnitTree, summaryOnly: readonly string[] = [], scope?: ViewScope): string {
  // Units present by their totals only (a township officer's other townships) are not the user's branch.
  const detailed = (code: string) => tree.children(code).filter((u) => !summaryOnly.includes(u.code));
  let code = tree.root.code;
  for (let children = detailed(code); children.length === 1; children = detailed(code)) code = children[0]!.code;
  if (scope && !hasFigures(tree, scope, code)) return figureOrgUnits(tree, scope)[0]?.code ?? code;
  return code;
}
