import { describe, expect, it } from "vitest";
import { DEMO_ASSESSOR, DEMO_REVIEWER, demoSelfUser, LOCAL_ADMIN, SYSTEM_ACTOR } from "@linze/api";
import { isSystemIdentity, personLabel, SYSTEM_IDENTITIES } from "../src/auth/people.ts";
import { createI18n } from "../src/i18n/index.ts";

const zh = createI18n("zh-CN").t;
const en = createI18n("en").t;
/** What the users.names query answers for accounts (username → display name). */
const NAMES = new Map([
  ["demo-leader", "演示县领导 / Demo county leader"],
  ["sh-officer", "沙河镇专干"],
]);
const UNITS: Record<string, { zh: string; en: string }> = { "LZ-SH": { zh: "沙河镇", en: "Shahe Township" } };
const unitZh = (code: string) => UNITS[code]?.zh ?? code;
const unitEn = (code: string) => UNITS[code]?.en ?? code;

describe("personLabel: who a record names", () => {
  it("an account by its display name, the trial's demo-leader on the print page included", () => {
    expect(personLabel("demo-leader", NAMES, zh, unitZh)).toBe("演示县领导 / Demo county leader");
    expect(personLabel("sh-officer", NAMES, en, unitEn)).toBe("沙河镇专干");
  });

  it("the identities that are not accounts by a label in the page's language; a self-score source names its unit", () => {
    // The ids as the server records them (@linze/api; the dataset loader is @linze/db's DATASET_SUBMITTER and LOADER_USER; "anonymous" trpc.ts's refused caller without a session).
    const cases: [string, string, string][] = [
      ["dataset-loader", "数据集导入", "Dataset loader"],
      [SYSTEM_ACTOR, "系统（服务器）", "System (server)"],
      [LOCAL_ADMIN.id, "本机管理员（命令行）", "Local administrator (command line)"],
      [DEMO_ASSESSOR.id, "县残联考核组（演示）", "County assessment team (demo)"],
      [DEMO_REVIEWER.id, "县残联理事长（演示）", "County federation chair (demo)"],
      ["anonymous", "未登录的访问者", "Visitor not signed in"],
      [demoSelfUser("LZ-SH"), "沙河镇自评（数据集）", "Self-score of Shahe Township (dataset)"],
      [demoSelfUser("CM-LZ-SH-V01"), "CM-LZ-SH-V01自评（数据集）", "Self-score of CM-LZ-SH-V01 (dataset)"],
    ];
    for (const [id, z, e] of cases) {
      expect(isSystemIdentity(id), id).toBe(true);
      // Even if an account had taken the name, a system identity is not shown as it.
      expect([personLabel(id, new Map([[id, "冒名 / impostor"]]), zh, unitZh), personLabel(id, NAMES, en, unitEn)], id).toEqual([z, e]);
    }
    expect([...SYSTEM_IDENTITIES].sort()).toEqual(["anonymous", "dataset-loader", "demo-assessor", "demo-reviewer", "local-admin", "system"]);
  });

  it("an id the server does not know (or before the names arrive) shows as itself; accounts are asked of the server", () => {
    expect(personLabel("nobody", NAMES, zh, unitZh)).toBe("nobody");
    expect(personLabel("demo-leader", new Map(), zh, unitZh)).toBe("demo-leader");
    expect(isSystemIdentity("demo-leader")).toBe(false);
    expect(isSystemIdentity("demo-self")).toBe(false);
  });
});
