import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { assessmentInputsRouter } from "./router/assessment-inputs.ts";
import { assessmentsRouter } from "./router/assessments.ts";
import { catalogueRouter } from "./router/catalogue.ts";
import { lettersRouter } from "./router/letters.ts";
import { membersRouter } from "./router/members.ts";
import { supervisionRouter } from "./router/supervision.ts";
import { metaRouter } from "./router/meta.ts";
import { snapshotRouter } from "./router/snapshot.ts";
import { valuesRouter } from "./router/values.ts";
import { qualityRouter } from "./router/quality.ts";
import { dataEntryRouter } from "./router/data-entry.ts";
import { dataValuesRouter } from "./router/data-values.ts";
import { importsRouter } from "./router/imports.ts";
import { mappingsRouter } from "./router/mappings.ts";
import { accountRouter } from "./router/account.ts";
import { usersRouter } from "./router/users.ts";
import { auditRouter } from "./router/audit.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  catalogue: catalogueRouter,
  values: valuesRouter,
  snapshot: snapshotRouter,
  meta: metaRouter,
  members: membersRouter,
  letters: lettersRouter,
  supervision: supervisionRouter,
  assessments: assessmentsRouter,
  assessmentInputs: assessmentInputsRouter,
  quality: qualityRouter,
  dataEntry: dataEntryRouter,
  dataValues: dataValuesRouter,
  imports: importsRouter,
  mappings: mappingsRouter,
  account: accountRouter,
  users: usersRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** `createCaller(createContext({ db, tree }))`: the API without HTTP (tests, CLI). */
export const createCaller = createCallerFactory(appRouter);
