/**
 * Column headers → what the column holds. A data element is named by its code
 * (`cataract_surgeries`), its Chinese name (DOMAIN.md §5, `nameZh`) or its
 * English name (`nameEn`); the other columns by the DHIS2 data value set names
 * (org_unit/orgUnit, period, data_element/dataElement, value) or their Chinese
 * equivalents (组织机构/单位, 期间/月份, 数据元/指标, 数值/值).
 */
import { DATA_ELEMENTS } from "@linze/domain";
import { compactKey } from "./text.ts";
import type { ColumnTarget } from "./types.ts";

/**
 * The key a header is compared and saved by: NFKC (full-width → ASCII, "（元）" → "(元)"),
 * without whitespace (line breaks inside a header cell included), lower case.
 */
export function normaliseHeader(text: string): string {
  return compactKey(text);
}

/** Units written in brackets after a name: "(元)", "(人)", "(CNY)". Only these may be dropped. */
const UNIT_SUFFIX = /\((元|人|个|次|户|件|篇|份|例|场|条|部|人次|名|处|cny|yuan|persons?)\)$/;

/** The spellings a name is known by: as normalised, without its unit suffix, without brackets. */
function variants(key: string): string[] {
  const out = new Set([key]);
  const noUnit = key.replace(UNIT_SUFFIX, "");
  out.add(noUnit);
  for (const k of [key, noUnit]) out.add(k.replace(/[()[\]【】]/g, ""));
  return [...out].filter((k) => k !== "");
}

const OTHER_COLUMNS: readonly [ColumnTarget, readonly string[]][] = [
  [
    { kind: "orgUnit" },
    [
      "org_unit", "orgunit", "org unit", "organisation unit", "organisationunit", "organization unit", "ou",
      "组织机构", "组织机构代码", "组织机构名称", "单位", "单位名称", "填报单位", "机构", "村(社区)", "村(社区)名称",
      "村名", "村", "社区", "乡镇", "镇", "乡镇名称", "镇名", "名称", "地区",
    ],
  ],
  [{ kind: "period" }, ["period", "pe", "month", "期间", "月份", "报告期", "统计期", "时间", "年月"]],
  [{ kind: "dataElementColumn" }, ["data_element", "dataelement", "data element", "de", "数据元", "数据元代码", "数据元名称", "指标", "指标名称", "项目"]],
  [{ kind: "value" }, ["value", "数值", "值", "数据", "数量"]],
  [{ kind: "ignore" }, ["序号", "编号", "no", "no.", "#", "备注", "说明", "remarks", "note", "notes", "comment", "storedby", "created", "lastupdated", "followup", "categoryoptioncombo", "attributeoptioncombo"]],
];

let table: Map<string, ColumnTarget> | null = null;

function headerTable(): Map<string, ColumnTarget> {
  if (table) return table;
  const t = new Map<string, ColumnTarget>();
  const add = (name: string, target: ColumnTarget) => {
    for (const k of variants(compactKey(name))) if (!t.has(k)) t.set(k, target);
  };
  for (const d of DATA_ELEMENTS) {
    const target: ColumnTarget = { kind: "dataElement", code: d.code };
    add(d.code, target);
    add(d.nameZh, target);
    add(d.nameEn, target);
  }
  for (const [target, names] of OTHER_COLUMNS) for (const n of names) add(n, target);
  table = t;
  return t;
}

/**
 * What a header names, or null when it names nothing known.
 * "村（社区）总数", "村(社区)总数", "村 （社区） 总数", "villages_total" and "Villages and
 * communities" all give `{ kind: "dataElement", code: "villages_total" }`; "专职委员工作补贴"
 * matches "专职委员工作补贴（元）" (a unit in brackets may be left out, never changed: "(万元)"
 * matches nothing).
 */
export function matchHeader(text: string): ColumnTarget | null {
  const t = headerTable();
  for (const k of variants(normaliseHeader(text))) {
    const hit = t.get(k);
    if (hit) return hit;
  }
  return null;
}

/** The data element a long layout's data_element cell names (code, Chinese or English name), or null. */
export function matchDataElement(text: string): string | null {
  const hit = matchHeader(text);
  return hit?.kind === "dataElement" ? hit.code : null;
}
