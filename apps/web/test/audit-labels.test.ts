import { describe, expect, it } from "vitest";
import { ACCOUNT_PROCEDURES, AUDITED } from "@linze/api";
import { procedureLabel } from "../src/auth/audit-labels.ts";
import { createI18n } from "../src/i18n/index.ts";

const zh = createI18n("zh-CN");
const en = createI18n("en");
/** Every procedure name the audit log records: each audited mutation (its ok and denied rows), sign-in and sign-out, the server's own account changes. */
const RECORDED = [...Object.keys(AUDITED), ...Object.values(ACCOUNT_PROCEDURES)];

describe("the audit page's action labels", () => {
  it("name every recorded procedure as an action in Chinese and in English, not as the procedure's name", () => {
    expect(RECORDED.length).toBeGreaterThanOrEqual(32);
    const problems = RECORDED.flatMap((p) => {
      const z = procedureLabel(zh, p);
      const e = procedureLabel(en, p);
      return [
        ...(z && /\p{Script=Han}/u.test(z) && z !== p ? [] : [`${p} zh: ${z}`]),
        ...(e && !/\p{Script=Han}/u.test(e) && e !== p && e !== z ? [] : [`${p} en: ${e}`]),
      ];
    });
    expect(problems).toEqual([]);
  });

  it("the trial's dataEntry.save and others read as actions", () => {
    expect(procedureLabel(zh, "dataEntry.save")).toBe("保存录入的数据");
    expect(procedureLabel(en, "dataEntry.save")).toBe("Save entered data");
    expect(procedureLabel(zh, "auth.login")).toBe("登录");
    expect(procedureLabel(en, "imports.dryRun")).toBe("Check an import (nothing written)");
    expect(procedureLabel(zh, "system.disableDemoUsers")).toBe("系统：停用演示账户");
  });

  it("gives no label for a name it does not know, nor for a key that is not a procedure's", () => {
    expect(procedureLabel(zh, "dataEntry.erase")).toBeNull();
    expect(procedureLabel(zh, "dataEntry")).toBeNull(); // a group of labels, not one
    expect(procedureLabel(en, "heading")).toBeNull();
    expect(procedureLabel(en, "../heading")).toBeNull();
  });
});
