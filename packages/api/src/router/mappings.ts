/**
 * Saved column mappings for wide sheets (issue 4 point 1: "a column mapping
 * can be saved and reused"): `{ name, mapping: { header key → data element
 * code | "orgUnit" | "period" | "dataElementColumn" | "value" | "ignore" } }`.
 * Keys are stored normalised as the parser compares headers (NFKC, no
 * whitespace, lower case), so a mapping typed by hand matches too.
 */
import { getMapping, listMappings, removeMapping, saveMapping, type StoredMapping } from "@linze/db";
import { normaliseHeader } from "@linze/import";
import { z } from "zod";
import { MappingRemoveInputSchema, MappingSaveInputSchema } from "../schemas.ts";
import { requires, router } from "../trpc.ts";

export const mappingsRouter = router({
  /** Every saved mapping, by name: `{ name, mapping, updatedBy, updatedAt }[]`. */
  list: requires("catalogue.read").query(({ ctx }): Promise<StoredMapping[]> => listMappings(ctx.db)),
  /** One saved mapping by name (NOT_FOUND when none). */
  get: requires("catalogue.read").input(z.object({ name: z.string().min(1) })).query(({ ctx, input }) => getMapping(ctx.db, input.name)),
  /** `{ name, mapping }` → the stored mapping (created, or replaced under the same name). */
  save: requires("mappings.manage").input(MappingSaveInputSchema).mutation(({ ctx, input }) =>
    saveMapping(ctx.db, input.name, Object.fromEntries(Object.entries(input.mapping).map(([k, v]) => [normaliseHeader(k), v])), ctx.user.id),
  ),
  /** `{ name }` → removes it (NOT_FOUND when none). */
  remove: requires("mappings.manage").input(MappingRemoveInputSchema).mutation(async ({ ctx, input }) => {
    await removeMapping(ctx.db, input.name);
    return { removed: input.name };
  }),
});
