/**
 * The reporting levels now live in `@linze/domain` (data-sets.ts), shared by
 * the generator, the importer and the data-entry form.
 */
export { REPORTING_LEVEL } from "@linze/domain";

export const COUNTY = 1 as const;
export const TOWNSHIP = 2 as const;
export const VILLAGE = 3 as const;
