/**
 * Saved column mappings for wide sheets (issue 4 point 1: "a column mapping
 * can be saved and reused"): `{ name, mapping: { header key → data element
 * code | "orgUnit" | "period" | "dataElementColumn" | "value" | "ignore" } }`.
 * Keys are stored normalised as the parser compares headers (NFKC, no
 * whitespace, lower case), so a mapping typed by hand matches too.
 */
import { getMapping, listMappings, RecordNotFound, removeMapping, saveMapping, type StoredMapping } from "@linze/db";
import { normaliseHeader } from "@linze/import";
import { z } from "zod";
import { MappingRemoveInputSchema, MappingSaveInputSchema } from "../schemas.ts";
import type { Context } from "../context.ts";
import { requires, router, scopeForbidden } from "../trpc.ts";

/**
 * Mappings are shared by the whole county: a user who may capture for the whole county replaces or
 * removes any; anyone else (a township officer) only one they saved last, or a new name — another
 * township's or the county's mapping changed silently would put that township's next import into the
 * wrong data elements. FORBIDDEN, naming who saved it.
 */
async function assertMayChange(ctx: Pick<Context, "db"> & { user: { id: string }; access: { captureAll: boolean } }, name: string): Promise<void> {
  if (ctx.access.captureAll) return;
  const existing = await getMapping(ctx.db, name).catch((e: unknown) => {
    if (e instanceof RecordNotFound) return null;
    throw e;
  });
  if (existing && existing.updatedBy !== ctx.user.id) {
    throw scopeForbidden(`The mapping "${name}" was saved by ${existing.updatedBy}; save yours under another name`, `映射"${name}"由 ${existing.updatedBy} 保存，请另存为新名称`);
  }
}

export const mappingsRouter = router({
  /** Every saved mapping, by name: `{ name, mapping, updatedBy, updatedAt }[]`. */
  list: requires("catalogue.read").query(({ ctx }): Promise<StoredMapping[]> => listMappings(ctx.db)),
  /** One saved mapping by name (NOT_FOUND when none). */
  get: requires("catalogue.read").input(z.object({ name: z.string().min(1) })).query(({ ctx, input }) => getMapping(ctx.db, input.name)),
  /** `{ name, mapping }` → the stored mapping (created, or replaced under the same name; see {@link assertMayChange}). */
  save: requires("mappings.manage").input(MappingSaveInputSchema).mutation(async ({ ctx, input }) => {
    await assertMayChange(ctx, input.name);
    return saveMapping(ctx.db, input.name, Object.fromEntries(Object.entries(input.mapping).map(([k, v]) => [normaliseHeader(k), v])), ctx.user.id);
  }),
  /** `{ name }` → removes it (NOT_FOUND when none). */
  remove: requires("mappings.manage").input(MappingRemoveInputSchema).mutation(async ({ ctx, input }) => {
    await assertMayChange(ctx, input.name);
    await removeMapping(ctx.db, input.name);
    return { removed: input.name };
  }),
});
