import { describe, expect, it } from "vitest";
import { en } from "../src/i18n/en.ts";
import { createI18n, localeOf } from "../src/i18n/index.ts";
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
  it("count sentences agree in number in English (i18next plural keys); Chinese has one form", () => {
    const enT = createI18n("en").t;
    expect(enT("entry.fixErrors", { count: 1 })).toBe("1 field needs correcting first.");
    expect(enT("entry.fixErrors", { count: 3 })).toBe("3 fields need correcting first.");
    expect(enT("entry.changedCount", { count: 1 })).toBe("1 field changed (not saved yet)");
    expect(enT("import.violationsCount", { count: 2 })).toMatch(/^Validation after the import: 2 validation rules broken\./);
    expect(enT("assessData.changedCount", { count: 1 })).toMatch(/^1 data value has changed/);
    expect(enT("auth.audit.count", { count: 1 })).toBe("1 row shown");
    expect(enT("quality.validation.count", { period: "Dec 2016", count: 1 })).toBe("Dec 2016: 1 violation");
    expect(enT("assess.run.incomplete", { count: 2 })).toBe("Incomplete (2 items unscored)");
    const zhT = createI18n("zh-CN").t;
    expect(zhT("assess.run.incomplete", { count: 1 })).toBe("未完成（1项未评分）");
    expect(zhT("entry.fixErrors", { count: 1 })).toBe("有 1 项填写有误，请先更正。");
    expect(zhT("entry.fixErrors", { count: 5 })).toBe("有 5 项填写有误，请先更正。");
  });
  it("map i18next languages to the formatters' locales, Chinese by default", () => {
    expect(localeOf("en")).toBe("en");
    expect(localeOf("en-US")).toBe("en");
    expect(localeOf("zh-CN")).toBe("zh-CN");
    expect(localeOf(undefined)).toBe("zh-CN");
  });
});
