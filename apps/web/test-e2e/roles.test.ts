/**
 * What each role sees in the browser (issue 5 point 1), signed in as the demo
 * accounts: the township officer (沙河镇) compares all seven townships by name
 * and value on /townships, in the report's order, with the county's total,
 * but cannot open another township's villages; the auditor and the leadership
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
});

describe("a committee member", () => {
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
    await page.close();
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
