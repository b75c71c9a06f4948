/**
 * The org units of 临泽县 Linze County (DOMAIN.md §1, §4): the county, its 7
 * townships, 71 villages and 5 communities (the communities belong to the
 * county seat, 沙河镇). The report gives only the totals: how the 71 villages
 * are spread over the townships is our assumption, and village names are
 * visibly synthetic ("沙河镇 3号村"), never invented real names.
 */
import type { OrgUnit } from "./org-units.ts";
import { OrgUnitTree } from "./org-units.ts";

export const LINZE_COUNTY = { code: "LZ", nameZh: "临泽县", nameEn: "Linze County" } as const;

/** Townships in the report's order, with the number of villages and communities assumed for each. */
export const LINZE_TOWNSHIPS = [
  { code: "LZ-SH", nameZh: "沙河镇", nameEn: "Shahe", villages: 12, communities: 5 },
  { code: "LZ-XH", nameZh: "新华镇", nameEn: "Xinhua", villages: 11, communities: 0 },
  { code: "LZ-LQ", nameZh: "蓼泉镇", nameEn: "Liaoquan", villages: 10, communities: 0 },
  { code: "LZ-PC", nameZh: "平川镇", nameEn: "Pingchuan", villages: 11, communities: 0 },
  { code: "LZ-BQ", nameZh: "板桥镇", nameEn: "Banqiao", villages: 9, communities: 0 },
  { code: "LZ-YN", nameZh: "鸭暖镇", nameEn: "Yanuan", villages: 8, communities: 0 },
  { code: "LZ-NJY", nameZh: "倪家营镇", nameEn: "Nijiaying", villages: 10, communities: 0 },
] as const;

/** All 84 org units of Linze: 1 county, 7 townships, 71 villages, 5 communities. */
export function linzeOrgUnits(): OrgUnit[] {
  const units: OrgUnit[] = [{ ...LINZE_COUNTY, parent: null, level: 1 }];
  for (const t of LINZE_TOWNSHIPS) {
    units.push({ code: t.code, parent: LINZE_COUNTY.code, level: 2, nameZh: t.nameZh, nameEn: `${t.nameEn} Township` });
    for (let i = 1; i <= t.villages; i++) {
      const n = String(i).padStart(2, "0");
      units.push({ code: `${t.code}-V${n}`, parent: t.code, level: 3, nameZh: `${t.nameZh} ${i}号村`, nameEn: `${t.nameEn} Village ${i}` });
    }
    for (let i = 1; i <= t.communities; i++) {
      const n = String(i).padStart(2, "0");
      units.push({ code: `${t.code}-C${n}`, parent: t.code, level: 3, nameZh: `${t.nameZh} ${i}号社区`, nameEn: `${t.nameEn} Community ${i}` });
    }
  }
  return units;
}

export function linzeOrgUnitTree(): OrgUnitTree {
  return new OrgUnitTree(linzeOrgUnits());
}
