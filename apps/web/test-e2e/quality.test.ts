/**
 * The data-quality page (issue 4, points 5–6) in real Chromium against the
 * real server (./harness.ts: a fresh database loaded from data/linze). The
 * expected figures are counted by hand from data/linze/report_submissions.csv
 * here: a late township-month with its date, one township's reporting and
 * on-time rates, the on-time rates after the due day moves from the 10th to
 * the 5th (typed and saved from the keyboard); a validation violation for a
 * bad value written through the API in the set-up; the notice on the
 * overview for a month with a village that did not report; axe in zh and en.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { formatNumber } from "@linze/domain";
import { axeViolations, startHarness, type Api, type Harness } from "./harness.ts";

const CSV = fileURLToPath(new URL("../../../data/linze/report_submissions.csv", import.meta.url));
const submissions = readFileSync(CSV, "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [orgUnit, period, submittedOn] = line.split(",") as [string, string, string];
    return { orgUnit, period, submittedOn, day: Number(submittedOn.slice(8)) };
  });

let harness: Harness;
let baseUrl: string;
let api: Api;
/** 沙河镇's enrolled and school-age children in October 2016 before the bad value (SQL engine). */
let shahe: { numerator: number; denominator: number };

async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, " ").trim();
}

async function setLanguage(page: Page, language: "zh-CN" | "en"): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== language) await page.getByTestId("language-switch").click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

beforeAll(async () => {
  harness = await startHarness();
  ({ baseUrl, api } = harness);
  // The bad value: 沙河镇 1号村's enrolled children in October (an unlocked month: Q4 is a draft) raised by the
  // township's spare places + 1, so 沙河镇 has exactly one enrolled child more than its school-age children.
  const [row] = await api.values.list.query({ indicators: ["enrollment_rate"], orgUnits: ["LZ-SH"], periods: ["2016-10"] });
  shahe = { numerator: row!.numerator!, denominator: row!.denominator! };
  const form = await api.dataEntry.form.query({ orgUnit: "LZ-SH-V01", period: "2016-10" });
  const enrolled = form.fields.find((f) => f.code === "children_enrolled")!.value!;
  await api.dataEntry.save.mutate({
    orgUnit: "LZ-SH-V01",
    period: "2016-10",
    values: { children_enrolled: String(enrolled + shahe.denominator - shahe.numerator + 1) },
  });
});

afterAll(async () => {
  await harness?.stop();
});

describe("data quality in Chromium", () => {
  it("shows 新华镇's February report 13 days late, received 2016-03-23, and its rates 12/12 and 10/12 as counted from the CSV", async () => {
    const xh = submissions.filter((s) => s.orgUnit === "LZ-XH");
    const feb = xh.find((s) => s.period === "2016-02")!;
    expect(feb.submittedOn).toBe("2016-03-23"); // due 2016-03-10 → 13 days late
    const onTime = xh.filter((s) => s.day <= 10).length;
    expect([xh.length, onTime]).toEqual([12, 10]); // 83.3 %

    const page = await harness.openPage();
    await page.goto(`${baseUrl}/quality?year=2016`);
    const cell = page.getByTestId("report-LZ-XH-2016-02");
    await cell.waitFor({ timeout: 60_000 });
    expect(await cell.getAttribute("data-status")).toBe("late");
    expect(await text(cell)).toBe("逾期13天 收到 2016-03-23 村 11/11");
    expect(await page.getByTestId("report-LZ-XH-2016-01").getAttribute("data-status")).toBe("onTime");
    expect(await text(page.getByTestId("rate-reporting-LZ-XH"))).toBe("100.0% 12/12");
    expect(await text(page.getByTestId("rate-ontime-LZ-XH"))).toBe("83.3% 10/12");
    // County: 84 received, 78 by the 10th (92.9 %).
    expect(submissions.filter((s) => s.day <= 10)).toHaveLength(78);
    expect(await text(page.getByTestId("rate-ontime-LZ"))).toBe("92.9% 78/84");
    // 平川镇 1号村 sent nothing in November: shown in the cell and in the list.
    expect(await page.getByTestId("villages-LZ-PC-2016-11").textContent()).toBe("村 10/11，1个村（社区）未上报");
    expect(await text(page.getByTestId("missing-LZ-PC-2016-11"))).toBe("2016年11月 平川镇：平川镇 1号村");

    // The wide grid scrolls in its own region; the page does not scroll sideways.
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await sideways()).toBe(0);
    await setLanguage(page, "en");
    expect(await text(cell)).toBe("13 days late received 2016-03-23 villages 11/11");
    expect(await sideways()).toBe(0);
    await setLanguage(page, "zh-CN");
    await page.close();
  });

  it("moving the due day to the 5th from the keyboard recounts on time: 新华镇 4/12 (33.3 %), the county 42/84 (50.0 %); back to the 10th", async () => {
    const xhBy5 = submissions.filter((s) => s.orgUnit === "LZ-XH" && s.day <= 5).length;
    const countyBy5 = submissions.filter((s) => s.day <= 5).length;
    expect([xhBy5, countyBy5]).toEqual([4, 42]);

    const page = await harness.openPage();
    await page.goto(`${baseUrl}/quality?year=2016`);
    await page.getByTestId("rate-ontime-LZ-XH").waitFor({ timeout: 60_000 });
    // Reach the field with Tab only.
    const input = page.getByTestId("due-day-input");
    await expect.poll(() => input.inputValue()).toBe("10");
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await input.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    expect(await page.getByLabel("次月截止日（1–28日）").count()).toBe(1);
    await page.keyboard.press("Control+A");
    await page.keyboard.type("5");
    await page.keyboard.press("Enter");
    await expect.poll(() => text(page.getByTestId("due-day-status")), { timeout: 30_000 }).toBe("已保存：月报截止日为次月5日。");
    await expect.poll(() => text(page.getByTestId("rate-ontime-LZ-XH")), { timeout: 30_000 }).toBe("33.3% 4/12");
    expect(await text(page.getByTestId("rate-ontime-LZ"))).toBe("50.0% 42/84");
    expect(await text(page.getByTestId("report-LZ-XH-2016-02"))).toBe("逾期18天 收到 2016-03-23 村 11/11");
    const setting = await api.quality.settings.query();
    expect(setting.reportDueDay).toMatchObject({ day: 5, isDefault: false, updatedBy: "demo-admin" });
    // Who moved it, by the account's display name (harness.ts signs in as demo-admin), the username in the title.
    await expect.poll(() => text(page.getByTestId("due-day-current")), { timeout: 30_000 }).toMatch(/^当前：次月5日（演示管理员 \/ Demo administrator，.+修改）$/);
    expect(await page.getByTestId("due-day-current").getAttribute("title")).toBe("demo-admin");

    // 29 is refused in the form, with the reason, and nothing is saved.
    await input.fill("29");
    await page.getByTestId("due-day-save").click();
    expect(await text(page.getByTestId("due-day-error"))).toBe("截止日应为1至28之间的整数");
    expect((await api.quality.settings.query()).reportDueDay.day).toBe(5);

    await input.fill("10");
    await page.getByTestId("due-day-save").click();
    await expect.poll(() => text(page.getByTestId("due-day-status")), { timeout: 30_000 }).toBe("已保存：月报截止日为次月10日。");
    await expect.poll(() => text(page.getByTestId("rate-ontime-LZ")), { timeout: 30_000 }).toBe("92.9% 78/84");
    await page.close();
  });

  it("lists the violation of the bad October value, with both sides, and the subsidy arrears of the year", async () => {
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/quality?year=2016&period=2016-10`);
    const row = page.getByTestId("violation-enrollment_rate_numerator_le_denominator-LZ-SH-2016-10");
    await row.waitFor({ timeout: 60_000 });
    expect(await page.locator("[data-testid^='violation-'][data-testid$='-2016-10']").count()).toBe(1);
    expect(await text(row.getByTestId("violation-left"))).toBe(formatNumber(shahe.denominator + 1, "zh-CN"));
    expect(await text(row.getByTestId("violation-right"))).toBe(formatNumber(shahe.denominator, "zh-CN"));
    expect(await text(row.getByTestId("violation-text"))).toBe(`已入学适龄残疾儿童少年数 ${shahe.denominator + 1} > 适龄残疾儿童少年数 ${shahe.denominator}`);
    expect(await text(row.locator("td").nth(1))).toBe("沙河镇");
    expect(await text(row.locator("td").nth(2))).toBe("2016年10月");

    // The whole year: the 30 subsidy arrears of the demo data and the bad value.
    await page.getByLabel("校验期间").selectOption("2016");
    await expect.poll(() => text(page.getByTestId("violations-count")), { timeout: 30_000 }).toBe("2016年全年：31条违反");
    expect(await text(page.getByTestId("violation-nursing_subsidy_monthly_rate-LZ-PC-2016-12").getByTestId("violation-text"))).toBe(
      "护理补贴金额 7,600 ≠ 护理补贴人数 67 × 100 = 6,700",
    );
    await page.close();
  });

  it("the overview and townships pages say when a village did not report, linking to the data-quality page", async () => {
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/?periodType=month&period=2016-11`);
    const notice = page.getByTestId("reporting-notice");
    await notice.waitFor({ timeout: 60_000 });
    expect(await text(notice)).toBe("2016年11月：平川镇 1个村（社区）未上报，月度比率可能偏低或偏高。 查看数据质量");
    expect(await notice.getByRole("link").getAttribute("href")).toBe("/quality?year=2016");
    await setLanguage(page, "en");
    expect(await text(notice)).toBe("Nov 2016: 1 village of Pingchuan Township has not reported; monthly rates may be off. See data quality");
    await setLanguage(page, "zh-CN");

    // February on the townships page: six villages in four townships, in the report's order of townships.
    await page.goto(`${baseUrl}/townships?periodType=month&period=2016-02`);
    await notice.waitFor({ timeout: 60_000 });
    expect(await text(notice)).toBe(
      "2016年2月：蓼泉镇 1个村（社区）未上报；平川镇 1个村（社区）未上报；鸭暖镇 1个村（社区）未上报；倪家营镇 3个村（社区）未上报，月度比率可能偏低或偏高。 查看数据质量",
    );
    // December: every village reported, no notice.
    await page.goto(`${baseUrl}/?periodType=month&period=2016-12`);
    await page.getByTestId("kpi-value-enrollment_rate").waitFor({ timeout: 60_000 });
    await page.getByTestId("organisation-coverage").waitFor();
    expect(await page.getByTestId("reporting-notice").count()).toBe(0);
    await notice.waitFor({ state: "detached", timeout: 5_000 }).catch(() => undefined);
    expect(await page.getByTestId("reporting-notice").count()).toBe(0);
    await page.close();
  });

  it("has no axe violations on the data-quality page and the overview with its notice, in zh and en; the nav links to it", async () => {
    const page = await harness.openPage();
    for (const language of ["zh-CN", "en"] as const) {
      await page.goto(`${baseUrl}/quality?year=2016&period=2016-12`);
      await page.getByTestId("violation-nursing_subsidy_monthly_rate-LZ-PC-2016-12").waitFor({ timeout: 60_000 });
      await setLanguage(page, language);
      expect(await axeViolations(page), `${language} /quality`).toEqual([]);
      await page.goto(`${baseUrl}/?periodType=month&period=2016-11`);
      await page.getByTestId("reporting-notice").waitFor({ timeout: 60_000 });
      expect(await axeViolations(page), `${language} / with the notice`).toEqual([]);
    }
    await setLanguage(page, "zh-CN");
    await page.getByRole("link", { name: "数据质量", exact: true }).click();
    await page.getByTestId("report-LZ-SH-2016-01").waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).pathname).toBe("/quality");
    await page.close();
  });
});
