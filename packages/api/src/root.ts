import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { catalogueRouter } from "./router/catalogue.ts";
import { metaRouter } from "./router/meta.ts";
import { snapshotRouter } from "./router/snapshot.ts";
import { valuesRouter } from "./router/values.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  catalogue: catalogueRouter,
  values: valuesRouter,
  snapshot: snapshotRouter,
  meta: metaRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** `createCaller(createContext({ db, tree }))`: the API without HTTP (tests, CLI). */
export const createCaller = createCallerFactory(appRouter);
