/**
 * The unit page of an assessment run in real Chromium against the real
 * server, on the seeded demo (./harness.ts: a fresh database, so 2016 Q1–Q3
 * are published and Q4 is a draft, revision 1, for the townships):
 * a veto recorded with the keyboard through the form, computed again (fail),
 * removed and computed again (the grade comes back); the "data values"
 * disclosure down to a village's value; what the forms and the run page say
 * once the quarter is published; axe-core with the disclosure open.
 *
 * Golden values, by hand from data/linze (letters_2016.json, data_values.csv,
 * assessment_inputs_2016.json): Shahe (LZ-SH) in Q4 scores full points on
 * every item but cataract surgeries i7 (36 of an annual 42: 15 × 36/42 =
 * 12.857…) and the subsidy roll i8 (437 in December of 453: 15 × 437/453 =
 * 14.470…), its manual items full (10 + 10 + 5) and no supervision finding:
 * 15 + 10 + 4 × 5 + 12.857… + 14.470… + 25 = 97.327… → "97.33", the best of
 * the seven, so the one "excellent" the 20 % cap allows; Pingchuan (LZ-PC)
 * is next at 97.29, "good" while Shahe is ranked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { axeViolations, startHarness, type Api, type Harness } from "./harness.ts";

let harness: Harness;
let baseUrl: string;
let api: Api;
/** The seeded 2016 Q4 townships draft (revision 1). */
let q4Draft: number;
/** The seeded 2016 Q3 townships run (published, revision 1). */
let q3Published: number;

const text = async (locator: Locator): Promise<string> => ((await locator.textContent()) ?? "").trim();

async function setLanguage(page: Page, language: "zh-CN" | "en"): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== language) await page.getByTestId("language-switch").click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

async function openUnit(page: Page, runId: number, code: string): Promise<void> {
  await page.goto(`${baseUrl}/assessments/${runId}/units/${code}`);
  await page.getByTestId("unit-total").waitFor({ timeout: 60_000 });
  await page.getByTestId("entries").locator("form").first().waitFor({ timeout: 30_000 });
}

/** Presses a control with the keyboard: focus, then Enter. */
async function press(locator: Locator): Promise<void> {
  await locator.focus();
  await locator.page().keyboard.press("Enter");
}

/** "Compute again" on a unit page; resolves to the new run's id once its unit page shows. */
async function computeAgain(page: Page, from: number): Promise<number> {
  await press(page.getByTestId("entries-rerun"));
  await expect.poll(() => page.url(), { timeout: 30_000 }).not.toContain(`/assessments/${from}/`);
  const id = Number(/\/assessments\/(\d+)\//.exec(page.url())![1]);
  await page.getByTestId("unit-total").waitFor({ timeout: 30_000 });
  return id;
}

const gradeOnPage = (page: Page) => page.getByTestId("unit-summary").locator("[data-grade]");
const lineOf = async (runId: number, code: string) => (await api.assessments.get.query({ id: runId })).ranking.find((l) => l.code === code)!;

beforeAll(async () => {
  harness = await startHarness();
  ({ baseUrl, api } = harness);
  const runs = await api.assessments.list.query({ year: 2016, scope: "townships" });
  q4Draft = runs.find((r) => r.quarter === 4 && r.revision === 1 && r.status === "draft")!.id;
  q3Published = runs.find((r) => r.quarter === 3 && r.revision === 1 && r.status === "published")!.id;
});

afterAll(async () => {
  await harness?.stop();
});

describe("assessment revisions and data values in Chromium", () => {
  it("records a veto with the keyboard on the Q4 draft: computed again Shahe fails; the veto removed and computed again, it is excellent again", async () => {
    expect(await lineOf(q4Draft, "LZ-SH")).toMatchObject({ total: "97.33", grade: "excellent", rank: 1, vetoed: false });
    const page = await harness.openPage();
    await openUnit(page, q4Draft, "LZ-SH");
    expect(await text(page.getByTestId("unit-total"))).toBe("97.33");
    expect(await gradeOnPage(page).getAttribute("data-grade")).toBe("excellent");
    // A draft quarter: nothing is published yet, so the forms say nothing about revisions.
    expect(await page.getByTestId("entries-published").count()).toBe(0);
    expect(await text(page.getByTestId("entries-rerun"))).toBe("重新计算（生成新版本）");

    // The veto item (v1, the only one) is chosen already; the reason is typed, and Enter submits the form.
    expect(await page.getByTestId("veto-itemId").inputValue()).toBe("v1");
    await page.getByTestId("veto-reason").focus();
    await page.keyboard.type("演示：虚构的数据造假（测试）");
    await page.keyboard.press("Enter");
    await expect.poll(() => text(page.getByTestId("adjustments-status"))).toBe("已添加一票否决：v1。");
    const entered = await api.assessmentInputs.get.query({ year: 2016, quarter: 4, assessedUnit: { kind: "township", code: "LZ-SH" } });
    expect(entered.vetoes.map((v) => [v.itemId, v.reason])).toEqual([["v1", "演示：虚构的数据造假（测试）"]]);
    // This draft does not change: the veto is read by the next computation.
    expect(await lineOf(q4Draft, "LZ-SH")).toMatchObject({ grade: "excellent", vetoed: false });

    const vetoedRun = await computeAgain(page, q4Draft);
    expect((await api.assessments.get.query({ id: vetoedRun })).run).toMatchObject({ quarter: 4, scope: "townships", revision: 2, status: "draft" });
    // The points stay 97.33; the veto makes it "fail", unranked.
    expect(await text(page.getByTestId("unit-total"))).toBe("97.33");
    await expect.poll(() => gradeOnPage(page).getAttribute("data-grade")).toBe("fail");
    expect(await text(gradeOnPage(page))).toBe("不合格");
    expect(await text(page.getByTestId("unit-summary"))).toContain("v1：演示：虚构的数据造假（测试）");
    expect(await text(page.getByTestId("item-v1"))).toContain("一票否决：演示：虚构的数据造假（测试）");
    expect(await lineOf(vetoedRun, "LZ-SH")).toMatchObject({ total: "97.33", grade: "fail", rank: null, vetoed: true });
    // Shahe out of the ranking, Pingchuan (97.29) is first and takes the one "excellent".
    expect(await lineOf(vetoedRun, "LZ-PC")).toMatchObject({ total: "97.29", grade: "excellent", rank: 1 });

    // Removed with its button (keyboard), then computed again: revision 3, excellent and first again.
    const veto = entered.vetoes[0]!;
    await press(page.getByTestId(`adjustment-remove-${veto.id}`));
    await expect.poll(() => text(page.getByTestId("adjustments-status"))).toBe("已删除。");
    expect(await page.getByTestId(`adjustment-${veto.id}`).count()).toBe(0);
    expect((await api.assessmentInputs.get.query({ year: 2016, quarter: 4, assessedUnit: { kind: "township", code: "LZ-SH" } })).vetoes).toEqual([]);
    const clearedRun = await computeAgain(page, vetoedRun);
    expect((await api.assessments.get.query({ id: clearedRun })).run.revision).toBe(3);
    expect(await text(page.getByTestId("unit-total"))).toBe("97.33");
    await expect.poll(() => gradeOnPage(page).getAttribute("data-grade")).toBe("excellent");
    expect(await text(gradeOnPage(page))).toBe("优秀");
    expect(await text(page.getByTestId("item-v1"))).not.toContain("一票否决：");
    expect(await lineOf(clearedRun, "LZ-SH")).toMatchObject({ total: "97.33", grade: "excellent", rank: 1, vetoed: false });
    expect(await lineOf(clearedRun, "LZ-PC")).toMatchObject({ total: "97.29", grade: "good", rank: 2 });
    // The vetoed revision is still there, unchanged.
    expect(await lineOf(vetoedRun, "LZ-SH")).toMatchObject({ grade: "fail", vetoed: true });
    await page.close();
  });

  it("opens an item's data values: Shahe's villages in October add up to the month's 11 surgeries; a village without a report says so; a value changed since the run is marked; axe finds nothing", async () => {
    const page = await harness.openPage();
    await openUnit(page, q4Draft, "LZ-SH");
    const item = page.getByTestId("item-i7");
    const disclosure = page.getByTestId("data-values-i7");
    expect(await disclosure.getAttribute("open")).toBeNull();
    await press(disclosure.locator("summary"));
    await expect.poll(() => disclosure.getAttribute("open")).toBe("");
    await page.getByTestId("data-values-table-i7").waitFor({ timeout: 30_000 });
    // The run's last month first.
    expect(await page.getByTestId("data-values-month-i7").inputValue()).toBe("2016-12");
    await page.getByTestId("data-values-month-i7").selectOption("2016-10");
    expect(await text(page.getByTestId("data-values-table-i7").locator("caption"))).toBe("i7 数据值明细：沙河镇及下级，2016年10月");
    // data_values.csv, 2016-10, cataract_surgeries: V05 2, V09 1, V12 1, C01 1, C03 2, C04 4, the other eleven 0 → 11.
    const cell = (code: string) => page.getByTestId(`dv-i7-${code}-cataract_surgeries`);
    expect(await text(cell("LZ-SH-V05"))).toBe("2");
    expect(await text(cell("LZ-SH-C04"))).toBe("4");
    expect(await text(cell("LZ-SH-V01"))).toBe("0");
    expect(await page.getByTestId("data-values-table-i7").locator("tbody tr").count()).toBe(17);
    expect(await text(page.getByTestId("dv-row-i7-LZ-SH-V05").locator("th"))).toBe("沙河镇 5号村 LZ-SH-V05");
    expect(await text(page.getByTestId("dv-sum-numerator-i7"))).toBe("11");
    // The same 11 as the explanation's monthly breakdown of the item.
    await item.locator("details").first().locator("summary").click();
    const october = item.locator("details").first().locator("tbody tr").filter({ has: page.getByRole("rowheader", { name: "2016年10月", exact: true }) });
    expect(await text(october.locator("td").first())).toBe("11");
    expect(await text(page.getByTestId("data-values-changed-i7"))).toBe("自本版本计算以来，这些数据值未变动。");

    // A rate: association coverage lists the township's villages_total beside the villages' associations; "—" where the level does not report.
    await press(page.getByTestId("data-values-i3").locator("summary"));
    await page.getByTestId("data-values-table-i3").waitFor({ timeout: 30_000 });
    expect(await text(page.getByTestId("dv-i3-LZ-SH-villages_total"))).toBe("17");
    expect(await text(page.getByTestId("dv-i3-LZ-SH-associations_established"))).toBe("—本级不报送");
    expect(await text(page.getByTestId("dv-sum-denominator-i3"))).toBe("17");

    for (const language of ["zh-CN", "en"] as const) {
      await setLanguage(page, language);
      expect(await axeViolations(page), `${language} unit page with the data values open`).toEqual([]);
    }
    expect(await text(page.getByTestId("data-values-table-i7").locator("caption"))).toBe("i7 data values: Shahe Township and the units below it, Oct 2016");
    await setLanguage(page, "zh-CN");

    // Pingchuan Village 1 (LZ-PC-V01) sent no report for 2016-11: "not reported", never 0; the other ten villages' four rolls add up to 204.
    await openUnit(page, q4Draft, "LZ-PC");
    await press(page.getByTestId("data-values-i8").locator("summary"));
    await page.getByTestId("data-values-table-i8").waitFor({ timeout: 30_000 });
    await page.getByTestId("data-values-month-i8").selectOption("2016-11");
    expect(await text(page.getByTestId("dv-i8-LZ-PC-V01-nursing_subsidy_recipients"))).toBe("未上报");
    expect(await page.getByTestId("dv-i8-LZ-PC-V01-nursing_subsidy_recipients").getAttribute("data-value")).toBe("");
    // data_values.csv, 2016-11, LZ-PC-V02: nursing_subsidy_recipients 6, living_subsidy_recipients 13.
    expect(await text(page.getByTestId("dv-i8-LZ-PC-V02-nursing_subsidy_recipients"))).toBe("6");
    expect(await text(page.getByTestId("dv-i8-LZ-PC-V02-living_subsidy_recipients"))).toBe("13");
    expect(await text(page.getByTestId("dv-sum-numerator-i8"))).toBe("204");
    await setLanguage(page, "en");
    expect(await text(page.getByTestId("dv-i8-LZ-PC-V01-nursing_subsidy_recipients"))).toBe("not reported");
    await setLanguage(page, "zh-CN");

    // A village's October value entered again after the run (2 → 3): marked in words and icon; the frozen 2 and the total 11 stay.
    await api.dataEntry.save.mutate({ orgUnit: "LZ-SH-V05", period: "2016-10", values: { cataract_surgeries: "3" } });
    try {
      await openUnit(page, q4Draft, "LZ-SH");
      await press(page.getByTestId("data-values-i7").locator("summary"));
      await page.getByTestId("data-values-table-i7").waitFor({ timeout: 30_000 });
      await page.getByTestId("data-values-month-i7").selectOption("2016-10");
      expect(await text(cell("LZ-SH-V05"))).toBe("2计算后已变动：2 → 3");
      expect(await cell("LZ-SH-V05").locator("svg[aria-hidden='true']").count()).toBe(1);
      expect(await text(page.getByTestId("data-values-changed-i7"))).toBe("自本版本计算以来，有 1 个数据值已变动（标为“计算后已变动”）；本结果不受影响。");
      expect(await text(page.getByTestId("dv-sum-numerator-i7"))).toBe("11");
      await setLanguage(page, "en");
      expect(await text(cell("LZ-SH-V05"))).toBe("2changed since the run: 2 → 3");
      expect(await axeViolations(page), "en unit page with a changed value").toEqual([]);
      await setLanguage(page, "zh-CN");
    } finally {
      await api.dataEntry.save.mutate({ orgUnit: "LZ-SH-V05", period: "2016-10", values: { cataract_surgeries: "2" } });
    }
    await page.close();
  });

  it("once the quarter is published, the forms say changes go into a new revision; the run page starts revision 2", async () => {
    const page = await harness.openPage();
    await openUnit(page, q3Published, "LZ-SH");
    await expect.poll(() => page.getByTestId("entries-published").count(), { timeout: 30_000 }).toBe(1);
    expect(await text(page.getByTestId("entries-published"))).toMatch(/^已发布：修改将计入新的修订版本。本季度最新版本（第1版）已发布/);
    expect(await text(page.getByTestId("adjustments-published"))).toBe("已发布：修改将计入新的修订版本。");
    expect(await text(page.getByTestId("entries-rerun"))).toBe("开始第2版修订");
    await setLanguage(page, "en");
    expect(await text(page.getByTestId("adjustments-published"))).toBe("Published: changes will go into a new revision.");
    expect(await text(page.getByTestId("entries-rerun"))).toBe("Start revision 2");
    await setLanguage(page, "zh-CN");

    await page.goto(`${baseUrl}/assessments/${q3Published}`);
    const start = page.getByTestId("run-start-revision");
    await start.waitFor({ timeout: 60_000 });
    expect(await text(start)).toBe("开始第2版修订");
    await press(start);
    await expect.poll(() => page.url(), { timeout: 30_000 }).not.toMatch(new RegExp(`/assessments/${q3Published}$`));
    const second = Number(/\/assessments\/(\d+)$/.exec(page.url())![1]);
    await expect.poll(() => text(page.getByTestId("run-heading")), { timeout: 30_000 }).toBe("2016年第3季度考核结果：乡镇（第2版）");
    expect((await api.assessments.get.query({ id: second })).run).toMatchObject({ quarter: 3, scope: "townships", revision: 2, status: "draft" });
    // Revision 1 stays published and points to the newer one; its forms no longer speak of a published latest revision.
    expect((await api.assessments.get.query({ id: q3Published })).run.status).toBe("published");
    await page.goto(`${baseUrl}/assessments/${q3Published}`);
    await page.getByTestId("run-newer-revision").waitFor({ timeout: 60_000 });
    expect(await text(page.getByTestId("run-newer-revision"))).toBe("本季度已有更新的版本： 第2版（草稿）");
    expect(await page.getByTestId("run-start-revision").count()).toBe(0);
    await openUnit(page, q3Published, "LZ-SH");
    await expect.poll(() => text(page.getByTestId("entries-rerun"))).toBe("重新计算（生成新版本）");
    expect(await page.getByTestId("entries-published").count()).toBe(0);
    await page.close();
  });
});
