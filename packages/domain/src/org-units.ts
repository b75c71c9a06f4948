/**
 * Org units (DHIS2's organisation units): county → townships → villages and
 * communities (DOMAIN.md §1). Codes are the keys everywhere; names are labels.
 */
import { z } from "zod";

export type OrgUnitLevel = 1 | 2 | 3;

export const ORG_UNIT_LEVELS = { county: 1, township: 2, village: 3 } as const;

export const OrgUnitCodeSchema = z
  .string()
  .regex(/^[A-Z]+(-[A-Z0-9]+)*$/, { message: "expected an org unit code such as LZ, LZ-SH or LZ-SH-V03 (组织机构代码格式错误)" });

export const OrgUnitSchema = z.object({
  code: OrgUnitCodeSchema,
  parent: OrgUnitCodeSchema.nullable(),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
});
export type OrgUnit = z.infer<typeof OrgUnitSchema>;

export class UnknownOrgUnit extends Error {
  constructor(
    readonly code: string,
    readonly valid: readonly string[],
  ) {
    super(`Unknown org unit "${code}" / 未知的组织机构. Valid org units: ${valid.join(", ")}`);
    this.name = "UnknownOrgUnit";
  }
}

export class InvalidOrgUnitTree extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidOrgUnitTree";
  }
}

/**
 * An immutable tree of org units. The constructor validates: unique codes,
 * exactly one root at level 1, every parent known and one level up.
 */
export class OrgUnitTree {
  private readonly byCode = new Map<string, OrgUnit>();
  private readonly childrenByCode = new Map<string, OrgUnit[]>();
  readonly root: OrgUnit;

  constructor(units: readonly OrgUnit[]) {
    for (const u of units) {
      const unit = OrgUnitSchema.parse(u);
      if (this.byCode.has(unit.code)) throw new InvalidOrgUnitTree(`Duplicate org unit code ${unit.code}`);
      this.byCode.set(unit.code, unit);
      this.childrenByCode.set(unit.code, []);
    }
    const roots = units.filter((u) => u.parent === null);
    if (roots.length !== 1) throw new InvalidOrgUnitTree(`Expected one root org unit, found ${roots.length}`);
    this.root = roots[0]!;
    if (this.root.level !== 1) throw new InvalidOrgUnitTree(`Root org unit ${this.root.code} must be at level 1`);
    for (const u of units) {
      if (u.parent === null) continue;
      const parent = this.byCode.get(u.parent);
      if (!parent) throw new InvalidOrgUnitTree(`Org unit ${u.code} has unknown parent ${u.parent}`);
      if (parent.level !== u.level - 1) throw new InvalidOrgUnitTree(`Org unit ${u.code} (level ${u.level}) is not one level below ${parent.code}`);
      this.childrenByCode.get(parent.code)!.push(u);
    }
    for (const list of this.childrenByCode.values()) list.sort((a, b) => compareSiblings(a.code, b.code));
  }

  get all(): OrgUnit[] {
    return [...this.byCode.values()];
  }

  get codes(): string[] {
    return [...this.byCode.keys()];
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  /** The org unit with this code; throws {@link UnknownOrgUnit} listing the valid codes. */
  get(code: string): OrgUnit {
    const unit = this.byCode.get(code);
    if (!unit) throw new UnknownOrgUnit(code, this.codes);
    return unit;
  }

  children(code: string): OrgUnit[] {
    this.get(code);
    return this.childrenByCode.get(code)!;
  }

  /** The unit itself and everything below it, depth first, children in {@link compareSiblings} order. */
  subtree(code: string): OrgUnit[] {
    const out: OrgUnit[] = [];
    const walk = (u: OrgUnit) => {
      out.push(u);
      for (const c of this.childrenByCode.get(u.code)!) walk(c);
    };
    walk(this.get(code));
    return out;
  }

  /** Ancestors from the root down to the parent (the unit itself excluded). */
  ancestors(code: string): OrgUnit[] {
    const out: OrgUnit[] = [];
    let u = this.get(code);
    while (u.parent !== null) {
      u = this.get(u.parent);
      out.unshift(u);
    }
    return out;
  }

  atLevel(level: OrgUnitLevel): OrgUnit[] {
    return this.all.filter((u) => u.level === level).sort((a, b) => compareSiblings(a.code, b.code));
  }

  /** (ancestor, descendant) pairs including (u, u): the closure table the SQL joins on. */
  closure(): { ancestor: string; descendant: string }[] {
    const rows: { ancestor: string; descendant: string }[] = [];
    for (const u of this.byCode.values()) {
      rows.push({ ancestor: u.code, descendant: u.code });
      for (const a of this.ancestors(u.code)) rows.push({ ancestor: a.code, descendant: u.code });
    }
    return rows;
  }
}

/**
 * The order in which the county's annual report lists its seven townships
 * (DOMAIN.md §1): 沙河镇, 新华镇, 蓼泉镇, 平川镇, 板桥镇, 鸭暖镇, 倪家营镇. Every list
 * of townships follows it (the tree's children and levels).
 */
export const REPORT_TOWNSHIP_ORDER: readonly string[] = ["LZ-SH", "LZ-XH", "LZ-LQ", "LZ-PC", "LZ-BQ", "LZ-YN", "LZ-NJY"];

const reportPosition = new Map(REPORT_TOWNSHIP_ORDER.map((code, i) => [code, i]));

/**
 * The order of org units listed side by side: the report's townships in
 * {@link REPORT_TOWNSHIP_ORDER}, before any other code; the rest (villages,
 * other counties' units) in {@link compareCodes} order.
 */
export function compareSiblings(a: string, b: string): number {
  const pa = reportPosition.get(a) ?? Infinity;
  const pb = reportPosition.get(b) ?? Infinity;
  return pa !== pb ? (pa < pb ? -1 : 1) : compareCodes(a, b);
}

/** Code order with numbers compared as numbers (V2 before V10). */
export function compareCodes(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
