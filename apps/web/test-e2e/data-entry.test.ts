/**
 * The data-entry page (issue 4) in real Chromium against the real server
 * (./harness.ts: fresh database, the demo seeded on start — 2016 Q1–Q3
 * published, Q4 a draft). A village's December value is entered and saved,
 * shows in its history, and the township's total on the townships page —
 * reached by the app's own navigation, so from the same in-browser
 * duckdb-wasm — changes by exactly the difference, checked against a hand
 * calculation from data/linze/data_values.csv. March (published Q1) is
 * read-only; a negative value is refused as typed and nothing is saved;
 * axe-core finds nothing in Chinese or English.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { formatPeriod, formatValue } from "@linze/domain";
import { formatChangedAt } from "../src/entry/logic.ts";
import { axeViolations, startHarness, type Api, type Harness } from "./harness.ts";

let harness: Harness;
let baseUrl: string;
let api: Api;

const CSV = readFileSync(fileURLToPath(new URL("../../../data/linze/data_values.csv", import.meta.url)), "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
const RECIPIENTS = ["nursing_subsidy_recipients", "living_subsidy_recipients", "elderly_allowance_recipients", "fuel_subsidy_recipients"];

/** subsidy_recipients of a township in a month, by hand: the four rolls summed over its villages and communities (they report them; DOMAIN.md §4). */
function townshipRecipients(township: string, month: string): number {
  return CSV.filter(([ou, p, de]) => ou!.startsWith(`${township}-`) && p === month && RECIPIENTS.includes(de!)).reduce((s, r) => s + Number(r[3]), 0);
}
const csvValue = (ou: string, p: string, de: string) => Number(CSV.find((r) => r[0] === ou && r[1] === p && r[2] === de)![3]);

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").trim();
}

async function setLanguage(page: Page, language: "zh-CN" | "en"): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== language) await page.getByTestId("language-switch").click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

/** The townships page's LZ-SH cell of subsidy_recipients for the latest month (2016-12), once it reads `expected`. */
async function expectShaheRecipients(page: Page, expected: number): Promise<void> {
  const cell = page.getByTestId("score-LZ-SH-subsidy_recipients").locator("span").first();
  await expect.poll(() => text(cell), { timeout: 60_000 }).toBe(formatValue(expected, "count", "zh-CN"));
}

async function chooseUnitAndMonth(page: Page, orgUnit: string, period: string): Promise<void> {
  await page.getByTestId("entry-org-unit").selectOption(orgUnit);
  await page.getByTestId("entry-period").selectOption(period);
  await page.waitForURL((u) => u.searchParams.get("orgUnit") === orgUnit && u.searchParams.get("period") === period);
  await page.getByTestId("entry-form").waitFor({ timeout: 60_000 });
  await expect.poll(() => page.getByTestId("entry-heading").textContent()).toContain(formatPeriod(period, "zh-CN"));
}

beforeAll(async () => {
  harness = await startHarness();
  ({ baseUrl, api } = harness);
});

afterAll(async () => {
  await harness?.stop();
});

describe("data entry in Chromium", () => {
  it("saves a village's December value; its history and the township's total on the townships page follow by exactly the difference", async () => {
    const before = csvValue("LZ-SH-V01", "2016-12", "nursing_subsidy_recipients");
    const next = before + 2;
    const total = townshipRecipients("LZ-SH", "2016-12");
    expect(await api.dataEntry.form.query({ orgUnit: "LZ-SH-V01", period: "2016-12" }).then((f) => f.locked)).toBeNull();

    const page = await harness.openPage();
    // The townships page opens on the latest month, 2016-12; Shahe's persons on subsidy rolls by hand.
    await page.goto(`${baseUrl}/townships`);
    await page.getByTestId("scorecard").waitFor({ timeout: 90_000 });
    await expectShaheRecipients(page, total);

    // To data entry by the app's navigation: the in-browser data stay loaded.
    await page.getByRole("link", { name: "数据录入" }).click();
    await page.getByTestId("entry-form").waitFor({ timeout: 60_000 });
    await chooseUnitAndMonth(page, "LZ-SH-V01", "2016-12");
    const field = page.getByTestId("entry-nursing_subsidy_recipients");
    expect(await field.inputValue()).toBe(String(before));
    expect(await text(page.getByTestId("entry-current-nursing_subsidy_recipients"))).toBe(`当前值：${before}`);
    expect(await page.getByLabel(/^重度残疾人护理补贴人数/).getAttribute("data-testid")).toBe("entry-nursing_subsidy_recipients");

    await field.fill(String(next));
    expect(await text(page.getByTestId("entry-changed-count"))).toBe("已修改 1 项（尚未保存）");
    await page.getByTestId("entry-save").click();
    await expect.poll(() => text(page.getByTestId("entry-status")), { timeout: 30_000 }).toBe("已保存。新增 0 项，修改 1 项，删除 0 项，未变 0 项。");
    expect(await page.getByTestId("entry-status").getAttribute("aria-live")).toBe("polite");
    await expect.poll(() => text(page.getByTestId("entry-current-nursing_subsidy_recipients")), { timeout: 30_000 }).toBe(`当前值：${next}`);
    // The server's record of the change: the signed-in user, now.
    const recorded = await api.dataValues.history.query({ orgUnit: "LZ-SH-V01", period: "2016-12", dataElement: "nursing_subsidy_recipients" });
    expect(recorded.map((h) => [h.previousValue, h.value, h.source])).toEqual([[before, next, "entry"]]);
    // Recorded as the username; shown as the account's display name (harness.ts signs in as demo-admin), the username in the title.
    expect(recorded[0]!.changedBy).toBe("demo-admin");
    const who = "演示管理员 / Demo administrator";
    await expect.poll(() => text(page.getByTestId("entry-last-nursing_subsidy_recipients"))).toBe(`最近修改：${who}，${formatChangedAt(recorded[0]!.changedAt)}（录入）`);
    expect(await page.getByTestId("entry-last-nursing_subsidy_recipients").getAttribute("title")).toBe("demo-admin");

    // Its history: who, when, previous → new.
    await page.getByTestId("entry-history-nursing_subsidy_recipients").locator("summary").click();
    const row = page.getByTestId("entry-history-table-nursing_subsidy_recipients").locator("tbody tr");
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(async () => (await row.locator("td").allTextContents()).map((c) => c.trim())).toEqual([formatChangedAt(recorded[0]!.changedAt), who, "录入", `${before} → ${next}`]);

    // Back to the townships page by the app's navigation: Shahe's December total is up by exactly 2.
    await page.getByRole("link", { name: "乡镇对比" }).click();
    await page.getByTestId("scorecard").waitFor({ timeout: 30_000 });
    await expectShaheRecipients(page, total + 2);
    await page.close();
  });

  it("shows March (in published 2016 Q1) read-only with the reason, and no save", async () => {
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/entry?orgUnit=LZ-XH-V02&period=2016-03`);
    const locked = page.getByTestId("entry-locked");
    await locked.waitFor({ timeout: 90_000 });
    expect(await text(page.getByTestId("entry-locked-reason"))).toBe("本月数据只读。2016-03 属于已发布的2016年第1季度考核，须先开始新的修订版本");
    expect(await text(locked)).toContain("已锁定");
    expect(await page.getByTestId("entry-form").getAttribute("data-locked")).toBe("true");
    const field = page.getByTestId("entry-certified_persons");
    expect(await field.getAttribute("readonly")).not.toBeNull();
    expect(await field.inputValue()).toBe(String(csvValue("LZ-XH-V02", "2016-03", "certified_persons")));
    expect(await page.getByTestId("entry-save").count()).toBe(0);
    await setLanguage(page, "en");
    expect(await text(page.getByTestId("entry-locked-reason"))).toBe("This month is read-only. 2016-03 is in the published assessment of 2016 Q1; start a new revision first");
    await setLanguage(page, "zh-CN");
    await page.close();
  });

  it("refuses a negative count as it is typed, names it for screen readers, and saves nothing", async () => {
    const stored = csvValue("LZ-PC-V03", "2016-12", "certified_persons");
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/entry?orgUnit=LZ-PC-V03&period=2016-12`);
    await page.getByTestId("entry-form").waitFor({ timeout: 90_000 });
    const field = page.getByTestId("entry-certified_persons");
    await field.fill("-4");
    const error = page.getByTestId("entry-error-certified_persons");
    expect(await text(error)).toBe("有误：人数、个数不能为负数");
    expect(await field.getAttribute("aria-invalid")).toBe("true");
    const errorId = await error.getAttribute("id");
    expect((await field.getAttribute("aria-describedby"))!.split(" ")).toContain(errorId);
    await setLanguage(page, "en");
    expect(await text(error)).toBe("invalid: a count cannot be negative");
    await setLanguage(page, "zh-CN");

    let requests = 0;
    page.on("request", (r) => {
      if (r.url().includes("/trpc/dataEntry.save")) requests += 1;
    });
    await page.getByTestId("entry-save").click();
    expect(await text(page.getByTestId("entry-form-error"))).toBe("有 1 项填写有误，请先更正。");
    // The field in error has the keyboard.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("entry-certified_persons");
    expect(requests).toBe(0);
    const form = await api.dataEntry.form.query({ orgUnit: "LZ-PC-V03", period: "2016-12" });
    expect(form.fields.find((f) => f.code === "certified_persons")!.value).toBe(stored);
    expect(await api.dataValues.history.query({ orgUnit: "LZ-PC-V03", period: "2016-12", dataElement: "certified_persons" })).toEqual([]);
    await page.close();
  });

  it("names the page in the tab's title; Tab through the whole form: no focused field lies under the sticky save bar (WCAG 2.4.11)", async () => {
    const page = await harness.openPage();
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(`${baseUrl}/entry?orgUnit=LZ-SH-V01&period=2016-12`);
    await page.getByTestId("entry-form").waitFor({ timeout: 90_000 });
    // The tab's title names the page (WCAG 2.4.2): its heading, then the app's title, in the page's language.
    const heading = ((await page.locator("main h1").textContent()) ?? "").trim();
    expect(heading).toContain("沙河镇 1号村");
    await expect.poll(() => page.title()).toBe(`${heading} · 临泽县残联工作目标看板`);
    await setLanguage(page, "en");
    await expect.poll(() => page.title()).toMatch(/^Data entry.* · Linze County Disabled Persons' Federation: work targets$/);
    await setLanguage(page, "zh-CN");
    await page.getByTestId("entry-form").locator("input").first().focus();
    const fields = await page.getByTestId("entry-form").locator("input").count();
    let covered: string[] = [];
    let visited = 0;
    for (let i = 0; i < 4 * fields && visited < fields - 1; i++) {
      await page.keyboard.press("Tab");
      const problem = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el.tagName !== "INPUT") return null;
        const r = el.getBoundingClientRect();
        for (const bar of document.querySelectorAll<HTMLElement>("body *")) {
          const b = getComputedStyle(bar);
          if (b.position !== "sticky" || b.bottom === "auto" || bar.contains(el)) continue;
          const q = bar.getBoundingClientRect();
          if (Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top) > 1) return el.getAttribute("data-testid") ?? "input";
        }
        return "";
      });
      if (problem === null) continue;
      visited += 1;
      if (problem !== "") covered = [...covered, problem];
    }
    // The village's form has a field per data element it reports; every one was reached and none was covered.
    expect(visited).toBeGreaterThanOrEqual(fields - 1);
    expect(covered).toEqual([]);
    await page.close();
  });

  it("has no axe violations in Chinese and English: an open month with an error and a history, and a locked month", async () => {
    const page = await harness.openPage();
    for (const url of ["/entry?orgUnit=LZ-SH-V01&period=2016-12", "/entry?orgUnit=LZ-SH&period=2016-02"]) {
      await page.goto(`${baseUrl}${url}`);
      await page.getByTestId("entry-form").waitFor({ timeout: 90_000 });
      if (url.includes("2016-12")) {
        await page.getByTestId("entry-cataract_surgeries").fill("1.5");
        await page.getByTestId("entry-error-cataract_surgeries").waitFor();
        await page.getByTestId("entry-history-nursing_subsidy_recipients").locator("summary").click();
        await page.getByTestId("entry-history-table-nursing_subsidy_recipients").waitFor({ timeout: 30_000 });
      } else {
        await page.getByTestId("entry-locked").waitFor();
      }
      for (const language of ["zh-CN", "en"] as const) {
        await setLanguage(page, language);
        expect(await axeViolations(page), `${url} in ${language}`).toEqual([]);
      }
      await setLanguage(page, "zh-CN");
    }
    await page.close();
  });
});
