/** Where the committed demo data live: `data/linze/` at the root of the repository. */
import { fileURLToPath } from "node:url";

export const LINZE_DATA_DIR = fileURLToPath(new URL("../../../data/linze/", import.meta.url));
export const ORG_UNITS_FILE = `${LINZE_DATA_DIR}org_units.csv`;
export const DATA_VALUES_FILE = `${LINZE_DATA_DIR}data_values.csv`;
export const COMMITTEE_MEMBERS_FILE = `${LINZE_DATA_DIR}committee_members.csv`;
export const LETTERS_FILE = `${LINZE_DATA_DIR}letters_2016.json`;
export const SUPERVISION_FINDINGS_FILE = `${LINZE_DATA_DIR}supervision_findings_2016.csv`;
export const ASSESSMENT_INPUTS_FILE = `${LINZE_DATA_DIR}assessment_inputs_2016.json`;
export const REPORT_SUBMISSIONS_FILE = `${LINZE_DATA_DIR}report_submissions.csv`;
