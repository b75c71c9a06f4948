import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en.ts";
import { localeOf } from "../src/i18n/index.ts";
import { zhCN } from "../src/i18n/zh-CN.ts";

const keys = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [prefix + k] : keys(v as object, `${prefix}${k}.`)));

describe("translations", () => {
  it("have the same keys in zh-CN and en, none empty", () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const k of keys(zhCN)) expect(k.split(".").reduce<any>((o, p) => o[p], zhCN)).not.toBe("");
  });
  it("use the same {{placeholders}} in zh-CN and en for each key", () => {
    const value = (o: object, k: string): string => k.split(".").reduce<any>((x, p) => x[p], o);
    const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
    const differ = keys(zhCN).filter((k) => placeholders(value(zhCN, k)).join() !== placeholders(value(en, k)).join());
    expect(differ).toEqual([]);
  });
  it("map i18next languages to the formatters' locales, Chinese by default", () => {
    expect(localeOf("en")).toBe("en");
    expect(localeOf("en-US")).toBe("en");
    expect(localeOf("zh-CN")).toBe("zh-CN");
    expect(localeOf(undefined)).toBe("zh-CN");
  });
});
