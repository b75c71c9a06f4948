export { appRouter, createCaller, type AppRouter, type RouterInputs, type RouterOutputs } from "./root.ts";
export { createContext, userFromRequest, DEMO_USER, type Context, type User, type Role, type RequestLike } from "./context.ts";
export * from "./schemas.ts";
export { ENGINE_VERSION } from "@linze/domain";
export { canonicalJson, inputsHash, type RankingLine } from "./router/assessments.ts";
export type { IndicatorValueRow } from "./router/values.ts";
export { errorMessage, type InputIssue } from "./trpc.ts";
export { buildSnapshot, orgUnitsVisibleTo } from "./snapshot.ts";
export { seedDemoAssessments, DEMO_ASSESSOR, DEMO_REVIEWER, DEMO_LEADER, DEMO_SEED_SCOPES, demoSelfUser, type DemoSeedResult } from "./demo-seed.ts";
