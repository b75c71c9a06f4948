export * from "./letters.ts";
