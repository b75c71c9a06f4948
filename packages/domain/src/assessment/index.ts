export * from "./letters.ts";
export * from "./fraction.ts";
export * from "./types.ts";
export * from "./scoring.ts";
export * from "./actuals.ts";
export * from "./inputs.ts";
