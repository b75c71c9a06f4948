export * from "./client.ts";
export * from "./schema.ts";
export * from "./load.ts";
export * from "./queries.ts";
