/** The validation list's scope note (issue 5): an officer's and a member's list cover only their own org units, and the page says which. */
import { describe, expect, it } from "vitest";
import { linzeOrgUnitTree } from "@linze/domain";
import { createI18n } from "../src/i18n/index.ts";
import { validationScopeNote } from "../src/quality/validation-scope.ts";

const tree = linzeOrgUnitTree();
const zh = createI18n("zh-CN");
const en = createI18n("en");
const text = (orgUnits: string[], lang: "zh-CN" | "en") => {
  const note = validationScopeNote(tree, orgUnits, lang);
  return note && (lang === "zh-CN" ? zh : en).t(note.key, note.values);
};

describe("validationScopeNote", () => {
  it("says nothing for the county's list (the county and every township checked)", () => {
    expect(validationScopeNote(tree, ["LZ", "LZ-SH", "LZ-XH", "LZ-LQ", "LZ-PC", "LZ-BQ", "LZ-YN", "LZ-NJY"], "zh-CN")).toBeNull();
    expect(validationScopeNote(tree, [], "en")).toBeNull();
  });

  it("names a township officer's township with its villages, in both languages", () => {
    expect(text(["LZ-SH"], "zh-CN")).toBe("本列表只包含沙河镇及其村（社区）的校验结果；其他乡镇和全县不在其中。");
    expect(text(["LZ-SH"], "en")).toBe("This list covers only Shahe Township and its villages and communities; the other townships and the county are not in it.");
  });

  it("names a committee member's village", () => {
    expect(text(["LZ-SH-V01"], "zh-CN")).toBe("本列表只包含沙河镇 1号村的校验结果；其他村（社区）、乡镇和全县不在其中。");
    expect(text(["LZ-SH-V01", "LZ-XH-V02"], "en")).toBe("This list covers only Shahe Village 1, Xinhua Village 2; other villages and communities, the townships and the county are not in it.");
  });
});
