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
  it("map i18next languages to the formatters' locales, Chinese by default", () => {
    expect(localeOf("en")).toBe("en");
    expect(localeOf("en-US")).toBe("en");
    expect(localeOf("zh-CN")).toBe("zh-CN");
    expect(localeOf(undefined)).toBe("zh-CN");
  });
});
