/**
 * Org-unit cells → codes. A cell names an org unit by its code ("LZ-SH-V03",
 * any case), its Chinese name ("沙河镇 3号村", spaces and full width ignored),
 * its English name, or a township's name followed by 残联/残协 ("沙河镇残联").
 * Inside one township's report a village may be written without the township
 * ("3号村") when the title, sheet name or file name names the township.
 */
import type { OrgUnit, OrgUnitTree } from "@linze/domain";
import { compactKey } from "./text.ts";

const FEDERATION_SUFFIX = /(残疾人联合会|残疾人协会|残联|残协)$/u;

export class OrgUnitNames {
  private readonly byKey = new Map<string, OrgUnit>();
  /** township code → (village name without the township → unit) */
  private readonly shortByTownship = new Map<string, Map<string, OrgUnit>>();
  /** short names that belong to one unit in the whole tree ("1号社区" when only one township has communities) */
  private readonly uniqueShort = new Map<string, OrgUnit | null>();
  private readonly townships: OrgUnit[];

  constructor(readonly tree: OrgUnitTree) {
    for (const u of tree.all) {
      for (const k of [u.code, u.nameZh, u.nameEn]) {
        const key = compactKey(k);
        if (key && !this.byKey.has(key)) this.byKey.set(key, u);
      }
    }
    this.townships = tree.atLevel(2);
    for (const t of this.townships) {
      const prefix = compactKey(t.nameZh);
      const shorts = new Map<string, OrgUnit>();
      for (const v of tree.children(t.code)) {
        const key = compactKey(v.nameZh);
        if (!key.startsWith(prefix) || key === prefix) continue;
        const short = key.slice(prefix.length);
        shorts.set(short, v);
        this.uniqueShort.set(short, this.uniqueShort.has(short) ? null : v);
      }
      this.shortByTownship.set(t.code, shorts);
    }
  }

  /** The township named in a title, sheet name or file name, when exactly one is. */
  townshipIn(texts: readonly string[]): string | null {
    const joined = texts.map(compactKey).join("|");
    const found = this.townships.filter((t) => joined.includes(compactKey(t.nameZh)));
    return found.length === 1 ? found[0]!.code : null;
  }

  /** The unit a cell names, or null. `township`: the report's township, for short village names. */
  resolve(text: string, township: string | null): OrgUnit | null {
    const key = compactKey(text);
    if (key === "") return null;
    const direct = this.byKey.get(key) ?? this.byKey.get(key.replace(FEDERATION_SUFFIX, ""));
    if (direct) return direct;
    if (township) {
      const short = this.shortByTownship.get(township)?.get(key);
      if (short) return short;
    }
    return this.uniqueShort.get(key) ?? null;
  }
}
