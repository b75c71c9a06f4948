/**
 * Writes the demo data: data/linze/org_units.csv and data/linze/data_values.csv,
 * generated from the fixed seed, so a re-run gives the same bytes.
 * Run: npm run generate -w @linze/demo-data
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { generateLinzeDemoData } from "./breakdown.ts";
import { dataValuesCsv, orgUnitsCsv } from "./csv.ts";
import { DATA_VALUES_FILE, LINZE_DATA_DIR, ORG_UNITS_FILE } from "./paths.ts";

const data = generateLinzeDemoData();
mkdirSync(LINZE_DATA_DIR, { recursive: true });
writeFileSync(ORG_UNITS_FILE, orgUnitsCsv(data.orgUnits));
writeFileSync(DATA_VALUES_FILE, dataValuesCsv(data.dataValues));
console.log(
  `Wrote ${data.orgUnits.length} org units to ${ORG_UNITS_FILE} and ${data.dataValues.length} data values to ${DATA_VALUES_FILE} ` +
    `(${data.unreported.length} village-months not reported: ${data.unreported.map((u) => `${u.orgUnit} ${u.period}`).join(", ")})`,
);
