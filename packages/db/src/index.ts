export * from "./client.ts";
export * from "./schema.ts";
export * from "./load.ts";
export * from "./queries.ts";
export * from "./load-assessment.ts";
export * from "./assessment-store.ts";
export * from "./assessment-inputs.ts";
