/** Where the committed demo data live: `data/linze/` at the root of the repository. */
import { fileURLToPath } from "node:url";

export const LINZE_DATA_DIR = fileURLToPath(new URL("../../../data/linze/", import.meta.url));
export const ORG_UNITS_FILE = `${LINZE_DATA_DIR}org_units.csv`;
export const DATA_VALUES_FILE = `${LINZE_DATA_DIR}data_values.csv`;
