/**
 * What a validation list covers when it is not the whole county (issue 5):
 * `quality.validation` checks, for a caller who does not view everything,
 * only the caller's own org units (a township officer's township with its
 * villages' data summed in, a committee member's village), and the page
 * says so. Pure.
 */
import type { Locale, OrgUnitTree } from "@linze/domain";

/** The i18n key and values of the note, or null when the list covers the county (the root was checked). */
export interface ValidationScopeNote {
  readonly key: "scope.validationOwnTownship" | "scope.validationOwnUnits";
  readonly values: { readonly township?: string; readonly units?: string };
}

/**
 * The note for a validation run over `orgUnits` (codes, as `quality.validation`
 * returns them): null when they include the county; the township form when
 * all are townships; otherwise the org units named. Names in `locale`,
 * joined by 、 or ", ". Unknown codes are left out.
 */
export function validationScopeNote(tree: OrgUnitTree, orgUnits: readonly string[], locale: Locale): ValidationScopeNote | null {
  const units = orgUnits.filter((c) => tree.has(c)).map((c) => tree.get(c));
  if (units.length === 0 || units.some((u) => u.code === tree.root.code)) return null;
  const names = units.map((u) => (locale === "zh-CN" ? u.nameZh : u.nameEn)).join(locale === "zh-CN" ? "、" : ", ");
  return units.every((u) => u.level === 2) ? { key: "scope.validationOwnTownship", values: { township: names } } : { key: "scope.validationOwnUnits", values: { units: names } };
}
