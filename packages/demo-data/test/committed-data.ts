/**
 * Reads the committed data/linze/*.csv with a CSV parser (not with the
 * generator), so the tests check the files the product ships.
 */
import { readFileSync } from "node:fs";
import { DataValueIndex, OrgUnitTree, type DataValue, type OrgUnit } from "@linze/domain";
import { parse } from "csv-parse/sync";
import { DATA_VALUES_FILE, ORG_UNITS_FILE } from "../src/paths.ts";

export interface RawDataValueRow {
  org_unit: string;
  period: string;
  data_element: string;
  value: string;
}

export interface CommittedData {
  orgUnitsText: string;
  dataValuesText: string;
  orgUnits: OrgUnit[];
  rawValues: RawDataValueRow[];
  values: DataValue[];
  tree: OrgUnitTree;
  index: DataValueIndex;
}

let cached: CommittedData | undefined;

export function committedData(): CommittedData {
  if (cached) return cached;
  const orgUnitsText = readFileSync(ORG_UNITS_FILE, "utf8");
  const dataValuesText = readFileSync(DATA_VALUES_FILE, "utf8");
  const orgUnits = (parse(orgUnitsText, { columns: true }) as Record<string, string>[]).map((r) => ({
    code: r.code!,
    parent: r.parent === "" ? null : r.parent!,
    level: Number(r.level) as 1 | 2 | 3,
    nameZh: r.name_zh!,
    nameEn: r.name_en!,
  }));
  const rawValues = parse(dataValuesText, { columns: true }) as RawDataValueRow[];
  const values = rawValues.map((r) => ({ orgUnit: r.org_unit, period: r.period, dataElement: r.data_element, value: Number(r.value) }));
  cached = { orgUnitsText, dataValuesText, orgUnits, rawValues, values, tree: new OrgUnitTree(orgUnits), index: new DataValueIndex(values) };
  return cached;
}
