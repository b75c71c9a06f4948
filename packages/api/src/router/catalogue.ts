import { DATA_ELEMENTS, INDICATORS } from "@linze/domain";
import { requires, router } from "../trpc.ts";

/** What exists: org units, data elements, indicators (with their targets). */
export const catalogueRouter = router({
  /** Every org unit, county first, then level by level in code order. */
  orgUnits: requires("catalogue.read").query(({ ctx }) => [1, 2, 3].flatMap((level) => ctx.tree.atLevel(level as 1 | 2 | 3))),
  dataElements: requires("catalogue.read").query(() => [...DATA_ELEMENTS]),
  /** The catalogue of DOMAIN.md §4: codes, names, unit, numerator/denominator data elements, factor, target. */
  indicators: requires("catalogue.read").query(() => [...INDICATORS]),
});
