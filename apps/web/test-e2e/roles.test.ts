/**
 * What each role sees in the browser (issue 5 point 1), signed in as the demo
 * accounts: the township officer (沙河镇) compares all seven townships by name
 * and value on /townships, in the report's order, with the county's total,
 * but cannot open another township's villages, and reads the full county's
 * figures under 临泽县; a committee member is offered the own village alone
 * (not the county and township its snapshot holds only as the path to it);
 * the validation list of each says what it covers; the auditor and the leadership
 * see no control they cannot use (data-entry save, import, letter editing,
 * running an assessment, the due day), the administrator sees them all, and
 * the leadership sees the review step of a submitted run.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { signIn, startHarness, type Harness } from "./harness.ts";

let h: Harness;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  h = await startHarness();
}, 240_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await h?.stop();
});

/** A page in a fresh browser context signed in as a demo account. */
async function pageAs(username: string): Promise<Page> {
  const cookie = await signIn(h.baseUrl, username, h.demoPasswords.get(username)!);
  const context = await h.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  contexts.push(context);
  await context.addCookies([{ name: cookie.name, value: cookie.value, url: h.baseUrl, httpOnly: true, sameSite: "Strict" }]);
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`page error (${username}):`, e.message));
  return page;
}

const REPORT_ORDER = ["沙河镇", "新华镇", "蓼泉镇", "平川镇", "板桥镇", "鸭暖镇", "倪家营镇"];
const CODES = ["LZ-SH", "LZ-XH", "LZ-LQ", "LZ-PC", "LZ-BQ", "LZ-YN", "LZ-NJY"];

describe("a township officer compares the townships", () => {
  test("all 7 townships by name in the report's order with their 2016 cataract surgeries (17 for 新华镇 … 156 for the county); no other township's villages", async () => {
    const page = await pageAs("demo-township");
    await page.goto(`${h.baseUrl}/townships?periodType=year&period=2016&indicator=cataract_surgeries`);
    const scorecard = page.getByTestId("scorecard");
    await scorecard.waitFor({ timeout: 120_000 });
    expect(await scorecard.locator("tbody th[scope=row]").allTextContents()).toEqual(REPORT_ORDER);
    await page.getByTestId("compare-note").waitFor();
    // The server's values (the administrator's API) equal what the officer's browser computed from the township totals.
    const rows = await h.api.values.list.query({ indicators: ["cataract_surgeries", "enrollment_rate"], orgUnits: ["LZ", ...CODES], periods: ["2016"] });
    const shown = async (unit: string, ind: string) => (await page.getByTestId(`score-${unit}-${ind}`).locator("span").first().textContent())!.trim();
    expect(rows.find((r) => r.orgUnit === "LZ-XH" && r.indicator === "cataract_surgeries")!.value).toBe(17);
    expect(await shown("LZ-XH", "cataract_surgeries")).toBe("17");
    expect(await shown("LZ-NJY", "cataract_surgeries")).toBe("26");
    expect(await shown("LZ-SH", "cataract_surgeries")).toBe("36");
    expect(await shown("LZ", "cataract_surgeries")).toBe("156");
    for (const code of CODES) expect(await page.getByTestId(`score-${code}-enrollment_rate`).getAttribute("data-status")).not.toBe("noValue");
    // The bar chart by township lists the seven too.
    expect(await page.getByTestId("chart-by-township").textContent()).toContain("倪家营镇");

    // The own township's villages are there; another township's are not, and the page says why.
    await page.getByLabel("组织机构").selectOption("LZ-SH");
    await page.getByTestId("chart-villages").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("chart-villages").textContent()).toContain("沙河镇 1号村");
    await page.getByLabel("组织机构").selectOption("LZ-XH");
    await page.getByTestId("villages-withheld").waitFor();
    expect(await page.getByTestId("chart-villages").count()).toBe(0);
    expect(await page.locator("body").textContent()).not.toContain("新华镇 1号村");
    // A village of another township in the address is not in the officer's data: the page falls back to the own township.
    await page.goto(`${h.baseUrl}/townships?periodType=year&period=2016&orgUnit=LZ-XH-V01`);
    await page.getByTestId("scorecard").waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("filter-org-unit").inputValue()).toBe("LZ-SH");
    expect(await page.locator("body").textContent()).not.toContain("新华镇 1号村");
    // The data-entry page offers only the own township and its villages.
    await page.goto(`${h.baseUrl}/entry`);
    await page.getByTestId("entry-form").waitFor({ timeout: 120_000 });
    const options = await page.getByTestId("entry-org-unit").locator("option").allTextContents();
    expect(options.filter((o) => o.startsWith("新华镇"))).toEqual([]);
    expect(options).toContain("沙河镇 1号村");
    await page.getByTestId("entry-save").waitFor();
    await page.close();
  });

  test("the county entry is offered and shows the full county's figures (the report's 156 surgeries, 1,688 on a subsidy roll, 185.64万元 paid); the validation list says it covers 沙河镇 only", async () => {
    const page = await pageAs("demo-township");
    await page.goto(`${h.baseUrl}/?periodType=year&period=2016&orgUnit=LZ`);
    await page.getByTestId("kpi-value-subsidy_paid_cny").waitFor({ timeout: 120_000 });
    expect((await page.locator("main h1").textContent())!.trim()).toBe("总览：临泽县，2016年");
    // The picker: the county, 沙河镇 with its 17 villages and communities, the six other townships without theirs (25).
    const options = (await page.getByTestId("filter-org-unit").locator("option").allTextContents()).map((o) => o.trim());
    expect(options).toHaveLength(25);
    expect(options.slice(0, 2)).toEqual(["临泽县", "沙河镇"]);
    expect(options.filter((o) => !o.startsWith("沙河镇") && o !== "临泽县")).toEqual(REPORT_ORDER.slice(1));
    // The officer's browser computed them from the county's own values and the townships' totals; the administrator's API from every row.
    const county = await h.api.values.list.query({ indicators: ["cataract_surgeries", "subsidy_recipients", "subsidy_paid_cny"], orgUnits: ["LZ"], periods: ["2016"] });
    expect(county.map((r) => [r.indicator, r.value])).toEqual([
      ["cataract_surgeries", 156],
      ["subsidy_recipients", 1688],
      ["subsidy_paid_cny", 1_856_400],
    ]);
    const kpi = async (ind: string) => (await page.getByTestId(`kpi-value-${ind}`).textContent())!.trim();
    expect(await kpi("cataract_surgeries")).toBe("156");
    expect(await kpi("subsidy_recipients")).toBe("1,688");
    expect(await kpi("subsidy_paid_cny")).toBe("185.64万元");

    // 2016 for the county has 30 violations (api quality.test.ts); the officer's list checks 沙河镇 alone, finds none, and says so.
    await page.goto(`${h.baseUrl}/quality?year=2016&period=2016`);
    const note = page.getByTestId("validation-scope-note");
    await note.waitFor({ timeout: 120_000 });
    expect((await note.textContent())!.trim()).toBe("本列表只包含沙河镇及其村（社区）的校验结果；其他乡镇和全县不在其中。");
    await page.getByTestId("violations-none").waitFor();
    await page.close();
  });
});

describe("an org unit or month in the address that a page does not take is said, not quietly replaced", () => {
  test("data entry (the township officer): another township's village, the county and a month outside the range each get a sentence, in Chinese and English; choosing takes it away", async () => {
    const page = await pageAs("demo-township");
    const ignored = page.getByTestId("entry-ignored");
    /** The sentence a select is described by (aria-describedby), as a screen reader says it on reaching the select. */
    const description = (testId: string) => page.getByTestId(testId).evaluate((el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent ?? null);
    await page.goto(`${h.baseUrl}/entry?orgUnit=LZ-XH-V01&period=2016-12`);
    await page.getByTestId("entry-form").waitFor({ timeout: 120_000 });
    expect((await page.getByTestId("entry-heading").textContent())!.trim()).toBe("数据录入：沙河镇，2016年12月");
    expect(await ignored.getAttribute("role")).toBe("status");
    expect((await ignored.textContent())!.trim()).toBe("地址中的填报单位“LZ-XH-V01”不存在，或您不能查看它的录入表；现显示沙河镇的录入表。");
    expect(await description("entry-org-unit")).toBe("地址中的填报单位“LZ-XH-V01”不存在，或您不能查看它的录入表；现显示沙河镇的录入表。");
    expect(await page.getByTestId("entry-period").getAttribute("aria-describedby")).toBeNull();

    // The county has no form (its figures are its units' sum); the month after the latest with data (2017-01) is the last one may enter.
    await page.goto(`${h.baseUrl}/entry?orgUnit=LZ&period=2030-01`);
    await page.getByTestId("entry-form").waitFor({ timeout: 120_000 });
    expect((await page.getByTestId("entry-heading").textContent())!.trim()).toBe("数据录入：沙河镇，2016年12月");
    expect(await ignored.locator("p").allTextContents()).toEqual([
      "地址中的“LZ”是全县，全县数据由各乡镇、村汇总，不直接录入；现显示沙河镇的录入表。",
      "地址中的月份“2030-01”不是可录入的月份（2016年1月至2017年1月）；现显示2016年12月。",
    ]);
    expect(await description("entry-period")).toBe("地址中的月份“2030-01”不是可录入的月份（2016年1月至2017年1月）；现显示2016年12月。");
    await page.getByTestId("language-switch").click();
    await expect
      .poll(() => ignored.locator("p").allTextContents())
      .toEqual([
        "The address names “LZ”, the county, whose figures are the sum of its townships and villages and are not entered; showing the form of Shahe Township.",
        "The address names the month “2030-01”, which is not a month one may enter (Jan 2016 to Jan 2017); showing Dec 2016.",
      ]);
    await page.getByTestId("language-switch").click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");

    // Choosing a unit writes both into the address: nothing is left to say.
    await page.getByTestId("entry-org-unit").selectOption("LZ-SH-V01");
    await page.waitForURL((u) => u.searchParams.get("orgUnit") === "LZ-SH-V01" && u.searchParams.get("period") === "2016-12");
    await expect.poll(() => ignored.count()).toBe(0);
    // An address the page takes as written has no notice.
    await page.goto(`${h.baseUrl}/entry?orgUnit=LZ-SH-V02&period=2016-11`);
    await page.getByTestId("entry-form").waitFor({ timeout: 120_000 });
    expect((await page.getByTestId("entry-heading").textContent())!.trim()).toBe("数据录入：沙河镇 2号村，2016年11月");
    expect(await ignored.count()).toBe(0);
    await page.close();
  });

  test("the township comparison (the leadership): a village in the address is shown as its township, and the page says so in Chinese and English", async () => {
    const page = await pageAs("demo-leader");
    await page.goto(`${h.baseUrl}/townships?periodType=year&period=2016&orgUnit=LZ-SH-V01`);
    await page.getByTestId("scorecard").waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("filter-org-unit").inputValue()).toBe("LZ-SH");
    const ignored = page.getByTestId("filters-ignored");
    const sentence = "地址中的组织机构“LZ-SH-V01”是村（社区）沙河镇 1号村；本页比较乡镇，现显示其所属的沙河镇。";
    expect(await ignored.getAttribute("role")).toBe("status");
    expect((await ignored.textContent())!.trim()).toBe(sentence);
    expect(await page.getByTestId("filter-org-unit").evaluate((el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent ?? null)).toBe(sentence);
    await page.getByTestId("language-switch").click();
    await expect
      .poll(() => ignored.textContent())
      .toBe("The address names the organisation unit “LZ-SH-V01”, Shahe Village 1, a village; this page compares townships, so it shows its township, Shahe Township.");
    await page.getByTestId("language-switch").click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    // A township chosen here is taken as it is: no notice.
    await page.getByTestId("filter-org-unit").selectOption("LZ-XH");
    await page.waitForURL((u) => u.searchParams.get("orgUnit") === "LZ-XH");
    await expect.poll(() => ignored.count()).toBe(0);
    await page.close();
  });
});

describe("addresses that name nothing", () => {
  test("a letter or run id that is not a number (or too large for one) is a missing page; a run that does not exist is said at once, in the page's language, asked for once (a 404 is not retried)", async () => {
    const page = await pageAs("demo-township");
    const asked: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("assessments.get")) asked.push(r.url());
    });
    await page.goto(`${h.baseUrl}/letters/abc`);
    await page.getByRole("heading", { name: "页面不存在。" }).waitFor({ timeout: 120_000 });
    await page.goto(`${h.baseUrl}/assessments/1e3/units/LZ-SH`);
    await page.getByRole("heading", { name: "页面不存在。" }).waitFor({ timeout: 120_000 });
    // Beyond PostgreSQL's integer (2,147,483,647): no id either (it reached the database before, a 500 retried).
    await page.goto(`${h.baseUrl}/assessments/2147483648`);
    await page.getByRole("heading", { name: "页面不存在。" }).waitFor({ timeout: 120_000 });
    expect(asked).toEqual([]);

    await page.goto(`${h.baseUrl}/assessments/99999`);
    const alert = page.getByRole("alert");
    await alert.waitFor({ timeout: 120_000 });
    expect(await alert.textContent()).toBe("所请求的记录不存在（可能已被删除，或地址有误）。返回总览");
    // Under the page's own heading, which names what is missing and so the document title (it had no h1, the site's title alone).
    expect(await page.locator("main h1").allTextContents()).toEqual(["考核结果不存在"]);
    await expect.poll(() => page.title()).toMatch(/^考核结果不存在 · /);
    // react-query's default would ask three more times, 1, 2 and 4 s apart.
    await page.waitForTimeout(1_500);
    expect(asked).toHaveLength(1);
    await page.getByTestId("language-switch").click();
    await expect.poll(() => page.locator("main h1").allTextContents()).toEqual(["Assessment run not found"]);
    await expect.poll(() => page.title()).toMatch(/^Assessment run not found · /);
    expect(await alert.textContent()).toBe("The record asked for does not exist (it may have been deleted, or the address is wrong).Back to the overview");
    await page.getByTestId("language-switch").click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    // The unit page of a run that does not exist, and a letter that does not exist, likewise.
    await page.goto(`${h.baseUrl}/assessments/99999/units/LZ-SH`);
    await expect.poll(() => page.locator("main h1").allTextContents(), { timeout: 120_000 }).toEqual(["考核结果不存在"]);
    await page.goto(`${h.baseUrl}/letters/99999`);
    await expect.poll(() => page.locator("main h1").allTextContents(), { timeout: 120_000 }).toEqual(["责任书不存在"]);
    await expect.poll(() => page.title()).toMatch(/^责任书不存在 · /);
    await page.close();
  });
});

describe("a committee member", () => {
  test("opening another unit of a run is told so under a heading (the page's title) with the way back to the run", async () => {
    const runs = await h.api.assessments.list.query({ year: 2016, scope: "countyMembers" });
    const run = runs.find((r) => r.quarter === 3)!;
    const page = await pageAs("demo-member");
    await page.goto(`${h.baseUrl}/assessments/${run.id}/units/CM-LZ-SH`);
    await page.getByTestId("unit-not-in-run").waitFor({ timeout: 120_000 });
    expect((await page.getByTestId("unit-heading").textContent())!.trim()).toBe("考核明细：CM-LZ-SH");
    expect((await page.getByTestId("unit-not-in-run").textContent())!.trim()).toBe("本次考核中没有 CM-LZ-SH，或它不在您可查看的范围内。");
    await expect.poll(() => page.title()).toMatch(/^考核明细：CM-LZ-SH · /);
    expect(await page.locator(`main a[href="/assessments/${run.id}"]`).count()).toBe(1);
    await page.close();
  });

  test("has no township comparison: the nav leaves it out and the page says why; the quality page counts the own village only", async () => {
    const page = await pageAs("demo-member");
    await page.goto(`${h.baseUrl}/townships?periodType=year&period=2016`);
    await page.getByTestId("not-allowed").waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("scorecard").count()).toBe(0);
    expect(await page.locator("nav a").allTextContents()).not.toContain("乡镇对比");
    await page.goto(`${h.baseUrl}/quality?year=2016`);
    await page.getByTestId("reports-LZ-SH").waitFor({ timeout: 120_000 });
    expect(await page.locator("[data-testid^=reports-]").count()).toBe(1);
    expect(await page.getByTestId("villages-LZ-SH-2016-02").textContent()).toContain("1/1");
    expect(await page.getByTestId("completeness-summary").count()).toBe(0);
    await page.close();
  });

  test("is offered the own village only — not 临泽县 or 沙河镇, which the snapshot holds only as its path — and sees the village's figures under its name, whatever the address says", async () => {
    const page = await pageAs("demo-member");
    // 沙河镇 1号村 in 2016 (data/linze): subsidies 3,600 + 12,000 + 1,200 + 520 = 17,320 CNY paid; recipients in December 3 + 10 + 1 + 2 = 16; 3 of 3 school-age children enrolled.
    const village = await h.api.values.list.query({ indicators: ["subsidy_recipients", "subsidy_paid_cny", "enrollment_rate"], orgUnits: ["LZ-SH-V01"], periods: ["2016"] });
    expect(village.map((r) => [r.indicator, r.value])).toEqual([
      ["subsidy_recipients", 16],
      ["subsidy_paid_cny", 17_320],
      ["enrollment_rate", 100],
    ]);
    const kpi = async (ind: string) => (await page.getByTestId(`kpi-value-${ind}`).textContent())!.trim();
    // The first KPIs asked for before React renders (main.tsx) are the village's whatever the address says, asked once.
    let kpiRequests: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).pathname === "/trpc/values.list") kpiRequests.push(decodeURIComponent(r.url()));
    });
    for (const orgUnit of ["", "&orgUnit=LZ", "&orgUnit=LZ-SH", "&orgUnit=LZ-XH-V01"]) {
      kpiRequests = [];
      await page.goto(`${h.baseUrl}/?periodType=year&period=2016${orgUnit}`);
      await page.getByTestId("kpi-value-subsidy_paid_cny").waitFor({ timeout: 120_000 });
      expect(kpiRequests).toHaveLength(1);
      expect(kpiRequests[0]).toContain(`"orgUnits":["LZ-SH-V01"]`);
      expect((await page.locator("main h1").textContent())!.trim()).toBe("总览：沙河镇 1号村，2016年");
      const picker = page.getByTestId("filter-org-unit");
      expect(await picker.locator("option").allTextContents()).toEqual(["沙河镇 1号村"]);
      expect(await picker.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(["LZ-SH-V01"]);
      expect(await picker.inputValue()).toBe("LZ-SH-V01");
      expect(await picker.locator("optgroup").count()).toBe(0);
      expect(await kpi("subsidy_paid_cny")).toBe("1.73万元");
      expect(await kpi("subsidy_recipients")).toBe("16");
      expect(await kpi("enrollment_rate")).toBe("100.0%");
      // An org unit the address named and the member may not see is said, not quietly replaced.
      const ignored = page.getByTestId("filters-ignored");
      if (orgUnit === "") expect(await ignored.count()).toBe(0);
      else expect((await ignored.textContent())!.trim()).toBe(`地址中的组织机构“${orgUnit.slice("&orgUnit=".length)}”不存在，或不在您可查看的范围内；现显示沙河镇 1号村。`);
    }

    // The indicator page: the village's value, and no chart by township (it would show the village as 沙河镇).
    await page.goto(`${h.baseUrl}/indicator?periodType=year&period=2016&orgUnit=LZ-SH&indicator=subsidy_recipients`);
    await page.getByTestId("detail-value").waitFor({ timeout: 120_000 });
    expect((await page.getByTestId("current-values").locator("h2").textContent())!).toContain("沙河镇 1号村");
    expect((await page.getByTestId("detail-value").textContent())!.trim()).toBe("16");
    await page.getByTestId("detail-by-month").waitFor();
    expect(await page.getByTestId("detail-by-township").count()).toBe(0);
    expect(await page.getByTestId("filter-org-unit").locator("option").allTextContents()).toEqual(["沙河镇 1号村"]);

    // Data entry: the own village only; an address naming 沙河镇 (no form the member may open) opens the village's.
    await page.goto(`${h.baseUrl}/entry?orgUnit=LZ-SH&period=2016-12`);
    await page.getByTestId("entry-form").waitFor({ timeout: 120_000 });
    expect((await page.getByTestId("entry-heading").textContent())!.trim()).toBe("数据录入：沙河镇 1号村，2016年12月");
    expect(await page.getByTestId("entry-org-unit").locator("option").allTextContents()).toEqual(["沙河镇 1号村"]);
    await page.getByTestId("entry-save").waitFor();

    // The validation list covers the own village and says so.
    await page.goto(`${h.baseUrl}/quality?year=2016&period=2016`);
    const note = page.getByTestId("validation-scope-note");
    await note.waitFor({ timeout: 120_000 });
    expect((await note.textContent())!.trim()).toBe("本列表只包含沙河镇 1号村的校验结果；其他村（社区）、乡镇和全县不在其中。");
    await page.close();
  });
});

/** The write controls of the pages, by test id, each looked for once its page has loaded (`ready`, a CSS selector). */
async function writeControls(page: Page, letterId: number, draftRunId: number): Promise<Record<string, boolean>> {
  const present: Record<string, boolean> = {};
  const visit = async (path: string, ready: string, ids: string[]) => {
    await page.goto(`${h.baseUrl}${path}`);
    await page.locator(ready).first().waitFor({ timeout: 120_000 });
    for (const id of ids) present[id] = (await page.getByTestId(id).count()) > 0;
  };
  await visit("/entry?orgUnit=LZ-SH-V01&period=2016-12", "[data-testid=entry-form]", ["entry-save", "entry-read-only"]);
  await visit("/import", "[data-testid=import-check], [data-testid=not-allowed]", ["import-check", "not-allowed"]);
  await visit(`/letters/${letterId}`, "[data-testid=points-total]", ["save-letter", "add-indicator-item", "copy-next-year", "read-only-note"]);
  await visit("/assessments", "[data-testid=runs-list] table", ["start-run-submit"]);
  await visit(`/assessments/${draftRunId}`, "[data-testid=run-status]", ["run-next"]);
  await visit("/quality", "[data-testid=completeness]", ["due-day-save"]);
  await visit("/members", "[data-testid^=member-row-]", ["member-save"]);
  await visit("/supervision", "[data-testid=findings-list]", ["finding-add"]);
  return present;
}

describe("write controls follow the role", () => {
  let letterId: number;
  let draftRunId: number;
  let submittedRunId: number;
  beforeAll(async () => {
    letterId = (await h.api.letters.list.query({ year: 2016 })).find((l) => l.assessedUnit.code === "LZ-SH")!.id;
    const runs = await h.api.assessments.list.query({ year: 2016 });
    draftRunId = runs.find((r) => r.status === "draft")!.id;
    // A run waiting for review: started and submitted by the administrator.
    const started = await h.api.assessments.run.mutate({ year: 2016, quarter: 2, scope: "townships" });
    submittedRunId = (await h.api.assessments.submit.mutate({ id: started.run.id })).id;
  }, 120_000);

  test("the auditor sees none of them, and is told the import page is not for the role", async () => {
    const page = await pageAs("demo-auditor");
    const present = await writeControls(page, letterId, draftRunId);
    expect(present).toEqual({
      "entry-save": false,
      "entry-read-only": true,
      "import-check": false,
      "not-allowed": true,
      "save-letter": false,
      "add-indicator-item": false,
      "copy-next-year": false,
      "read-only-note": true,
      "start-run-submit": false,
      "run-next": false,
      "due-day-save": false,
      "member-save": false,
      "finding-add": false,
    });
    await page.goto(`${h.baseUrl}/assessments/${submittedRunId}`);
    await page.getByTestId("workflow").waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("run-next").count()).toBe(0);
    await page.close();
  });

  test("the administrator sees every one", async () => {
    const page = await pageAs("demo-admin");
    const present = await writeControls(page, letterId, draftRunId);
    expect(present).toEqual({
      "entry-save": true,
      "entry-read-only": false,
      "import-check": true,
      "not-allowed": false,
      "save-letter": true,
      "add-indicator-item": true,
      "copy-next-year": true,
      "read-only-note": false,
      "start-run-submit": true,
      "run-next": true,
      "due-day-save": true,
      "member-save": true,
      "finding-add": true,
    });
    // The run it submitted itself is reviewed by someone else (separation of duties): no review button, the reason instead.
    await page.goto(`${h.baseUrl}/assessments/${submittedRunId}`);
    await page.getByTestId("run-next-for-another").waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("run-next-for-another").textContent()).toBe("本次考核由您提交，须由其他用户审核：提交人不能审核或发布本人提交的考核结果。");
    expect(await page.getByTestId("run-next").count()).toBe(0);
    // The county's validation list: all 30 of 2016, with no note narrowing it.
    await page.goto(`${h.baseUrl}/quality?year=2016&period=2016`);
    await page.getByTestId("violations-count").waitFor({ timeout: 120_000 });
    expect((await page.getByTestId("violations-count").textContent())!).toContain("30条违反");
    expect(await page.getByTestId("validation-scope-note").count()).toBe(0);
    await page.close();
  });

  test("the township officer reads a letter's fields as values: read-only text and number fields, disabled choices, on grey (they were white input boxes), each still named by its label; the administrator's are white and editable", async () => {
    /** Every field of the letter's first item: its tag, type, readonly, disabled, background and the text of its label. */
    const fields = (page: Page) =>
      page.getByTestId("item-0").evaluate((item) =>
        [...item.querySelectorAll<HTMLInputElement | HTMLSelectElement>("input, select")].map((el) => ({
          field: el instanceof HTMLSelectElement ? "select" : el.type,
          readOnly: el instanceof HTMLInputElement && el.readOnly,
          disabled: el.disabled,
          background: el.type === "checkbox" ? null : getComputedStyle(el).backgroundColor,
          label: [...(el.labels ?? [])].map((l) => l.textContent!.trim()).join(""),
        })),
      );
    const officer = await pageAs("demo-township");
    await officer.goto(`${h.baseUrl}/letters/${letterId}`);
    await officer.getByTestId("read-only-note").waitFor({ timeout: 120_000 });
    const read = await fields(officer);
    expect(read.length).toBeGreaterThan(4);
    for (const f of read) {
      expect(f.label, f.field).not.toBe("");
      // Text and number fields stay focusable and are announced read-only; a select or checkbox has no readonly, so it is disabled.
      if (f.field === "select" || f.field === "checkbox") expect(f, f.label).toMatchObject({ disabled: true });
      else expect(f, f.label).toMatchObject({ readOnly: true, disabled: false });
      if (f.background !== null) expect(f.background, f.label).toBe("rgb(243, 244, 246)");
    }
    const points = officer.getByTestId("item-0-points");
    expect(await points.isEditable()).toBe(false);
    expect(await officer.getByTestId("item-0").getByLabel("分值", { exact: true }).getAttribute("data-testid")).toBe("item-0-points");
    await points.focus();
    expect(await points.evaluate((el) => el === document.activeElement)).toBe(true);
    // The value is read as dark as an editable field's, not greyed out.
    expect(await officer.getByTestId("item-0").locator("select").first().evaluate((el) => getComputedStyle(el).color)).toBe("rgb(17, 24, 39)");
    await officer.close();

    const admin = await pageAs("demo-admin");
    await admin.goto(`${h.baseUrl}/letters/${letterId}`);
    await admin.getByTestId("save-letter").waitFor({ timeout: 120_000 });
    for (const f of await fields(admin)) {
      expect(f, f.label).toMatchObject({ readOnly: false, disabled: false });
      if (f.background !== null) expect(f.background, f.label).toBe("rgb(255, 255, 255)");
    }
    expect(await admin.getByTestId("item-0-points").isEditable()).toBe(true);
    await admin.close();
  });

  test("the leadership sees the review of a submitted run, and none of the data-entry, import, letter or run controls", async () => {
    const page = await pageAs("demo-leader");
    const present = await writeControls(page, letterId, draftRunId);
    expect(present).toMatchObject({ "entry-save": false, "import-check": false, "save-letter": false, "start-run-submit": false, "run-next": false, "due-day-save": false, "finding-add": false });
    await page.goto(`${h.baseUrl}/assessments/${submittedRunId}`);
    await page.getByTestId("workflow").waitFor({ timeout: 120_000 });
    const next = page.getByTestId("run-next");
    await next.waitFor();
    expect(await next.textContent()).toMatch(/审核/);
    await page.close();
  });
});
