/** Small builders for test data: a county with two townships of two villages each. */
import { OrgUnitTree, type DataValue, type OrgUnit } from "../src/index.ts";

export function smallTree(): OrgUnitTree {
  const units: OrgUnit[] = [{ code: "T", parent: null, level: 1, nameZh: "测试县", nameEn: "Test County" }];
  for (const t of ["A", "B", "C"]) {
    units.push({ code: `T-${t}`, parent: "T", level: 2, nameZh: `${t}镇`, nameEn: `${t} Township` });
    for (const v of [1, 2]) units.push({ code: `T-${t}-V0${v}`, parent: `T-${t}`, level: 3, nameZh: `${t}镇 ${v}号村`, nameEn: `${t} Village ${v}` });
  }
  return new OrgUnitTree(units);
}

/** dv("T-A-V01", "2016-01", "cataract_surgeries", 3) */
export function dv(orgUnit: string, period: string, dataElement: string, value: number): DataValue {
  return { orgUnit, period, dataElement, value };
}
