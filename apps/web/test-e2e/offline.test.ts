/**
 * Issue 6 P2 and the offline repeat visit, in real Chromium against the real
 * server (./harness.ts; set WEB_DIST to test another build):
 *
 * 1. The overview's first KPIs come from the server's read API before
 *    duckdb-wasm has loaded (the wasm download is held back here), and are
 *    the report's 2016 county figures (DOMAIN.md §5); once the engine has
 *    loaded it shows the same figures.
 * 2. After one visit the service worker has the app, the wasm and the
 *    user's snapshot: offline (the browser context's network cut), a reload
 *    shows the same figures, and a notice (zh-CN and English, axe-clean)
 *    says the data is the offline copy and from when.
 * 3. Signing out deletes the offline copy of the user's data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { formatValue, indicator, INDICATOR_CODES, type Locale } from "@linze/domain";
import { axeViolations, signIn, startHarness, type Harness } from "./harness.ts";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

/** The county's 2016 year view. */
const OVERVIEW_2016 = "/?periodType=year&period=2016&orgUnit=LZ";

/**
 * The report's 2016 county figures (DOMAIN.md §4 and §5) for the overview's
 * indicators: coverage 76 of 76 villages and communities, 83 of 83 posts,
 * 3,422 of 3,422 records, 28 of 28 children, parents all satisfied,
 * (4 + 2) of (4 + 2) cases and petitions closed, 156 surgeries,
 * 399 + 914 + 195 + 180 = 1,688 persons on the subsidy rolls and
 * 478,800 + 1,096,800 + 234,000 + 46,800 = 1,856,400 CNY paid. The
 * enrollment rate has no exact figure in the report (at least 95 %).
 */
const REPORT_2016: Record<string, number> = {
  association_coverage: 100,
  venue_coverage: 100,
  work_activity_coverage: 100,
  committee_staffing_rate: 100,
  record_update_rate: 100,
  rehab_effectiveness_rate: 100,
  parent_satisfaction_rate: 100,
  rights_case_closure_rate: 100,
  cataract_surgeries: 156,
  subsidy_recipients: 1688,
  subsidy_paid_cny: 1_856_400,
};

const fmt = (code: string, value: number, locale: Locale = "zh-CN") => formatValue(value, indicator(code).unit, locale);

async function readKpis(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const code of INDICATOR_CODES) out[code] = ((await page.getByTestId(`kpi-value-${code}`).textContent()) ?? "").trim();
  return out;
}

/** Waits until both KPI sections say where their figures come from, then reads them. */
async function kpisFrom(page: Page, source: "server" | "engine"): Promise<Record<string, string>> {
  for (const id of ["organisation-coverage", "work-indicators"]) await page.locator(`[data-testid="${id}"][data-source="${source}"]`).waitFor({ timeout: 150_000 });
  return readKpis(page);
}

function expectReportFigures(kpis: Record<string, string>): void {
  for (const [code, value] of Object.entries(REPORT_2016)) expect(kpis[code], code).toBe(fmt(code, value));
  expect(kpis.enrollment_rate).toMatch(/^(9[5-9]|100)\.\d%$/);
  expect(Object.keys(kpis).sort()).toEqual([...INDICATOR_CODES].sort());
}

/** Holds back the context's duckdb-wasm download until the returned function is called (figures shown before it are the server's). */
async function holdDuckdbWasm(context: BrowserContext): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  await context.route(/\/assets\/duckdb-[a-z]+-[^/]*\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** A context of its own (empty HTTP cache, no service worker yet), signed in as `username` (default the demo administrator). */
async function freshContext(username?: string): Promise<BrowserContext> {
  const context = await h.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const [adminName, adminValue] = h.session.cookie!.split("=") as [string, string];
  const cookie = username ? await signIn(h.baseUrl, username, h.demoPasswords.get(username)!) : { name: adminName, value: adminValue };
  await context.addCookies([{ ...cookie, url: h.baseUrl, httpOnly: true, sameSite: "Strict" }]);
  return context;
}

/** Lets the held-back wasm through and waits for the engine's KPIs: the same texts as the server's first ones. */
async function expectEngineAgrees(page: Page, release: () => void, fromServer: Record<string, string>): Promise<void> {
  release();
  expect(await kpisFrom(page, "engine")).toEqual(fromServer);
}

describe("cold load and offline repeat visit", () => {
  it("the server's values.list gives the report's 2016 county figures, the overview's first KPIs", async () => {
    const rows = await h.api.values.list.query({ indicators: [...INDICATOR_CODES], orgUnits: ["LZ"], periods: ["2016"] });
    const byCode = Object.fromEntries(rows.map((r) => [r.indicator, r.value]));
    for (const [code, value] of Object.entries(REPORT_2016)) expect(byCode[code], code).toBe(value);
    expect(byCode.enrollment_rate).toBeGreaterThanOrEqual(95);
  });

  it("shows the first KPIs from the server before duckdb-wasm has loaded, then the engine's, the same figures", async () => {
    const context = await freshContext();
    try {
      // The wasm is held until the server's figures are on screen: they cannot have come from the engine.
      const release = await holdDuckdbWasm(context);
      const page = await context.newPage();
      page.on("pageerror", (e) => console.error("page error:", e.message));
      await page.goto(`${h.baseUrl}${OVERVIEW_2016}`);
      const fromServer = await kpisFrom(page, "server");
      expectReportFigures(fromServer);
      expect(await page.getByTestId("load-status").getAttribute("data-state")).toBe("pending");
      await expectEngineAgrees(page, release, fromServer);
      await page.close();
    } finally {
      await context.close();
    }
  });

  it("a township officer's view of another township in a month: the server's first KPIs, then the engine's (from the snapshot's totals of that township), the same figures", async () => {
    const context = await freshContext("demo-township");
    try {
      const release = await holdDuckdbWasm(context);
      const page = await context.newPage();
      page.on("pageerror", (e) => console.error("page error:", e.message));
      // 新华镇 (LZ-XH) is not the officer's township: the snapshot has its monthly totals only.
      await page.goto(`${h.baseUrl}/?periodType=month&period=2016-12&orgUnit=LZ-XH`);
      const fromServer = await kpisFrom(page, "server");
      const rows = await h.api.values.list.query({ indicators: [...INDICATOR_CODES], orgUnits: ["LZ-XH"], periods: ["2016-12"] });
      const shownValues = rows.filter((r) => r.value !== null);
      expect(shownValues.length).toBeGreaterThan(5);
      for (const r of shownValues) expect(fromServer[r.indicator], r.indicator).toBe(fmt(r.indicator, r.value!));
      await expectEngineAgrees(page, release, fromServer);
      await page.close();
    } finally {
      await context.close();
    }
  });

  it("a repeat visit works offline with the same figures and says so; signing out deletes the offline copy", async () => {
    const context = await freshContext();
    try {
      const page = await context.newPage();
      page.on("pageerror", (e) => console.error("page error:", e.message));
      await page.goto(`${h.baseUrl}${OVERVIEW_2016}`);
      const online = await kpisFrom(page, "engine");
      expectReportFigures(online);
      expect(await page.getByTestId("offline-notice").count()).toBe(0);

      // The service worker is installed (precache done), controls the page and has kept the user's snapshot.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 60_000 }).toBe(true);
      await expect
        .poll(() => page.evaluate(async () => (await (await caches.open("linze-user-data")).match("/snapshot.arrow")) !== undefined), { timeout: 60_000 })
        .toBe(true);

      await context.setOffline(true);
      await page.reload();
      const offline = await kpisFrom(page, "engine");
      expect(offline).toEqual(online);
      const notice = page.getByTestId("offline-notice");
      await notice.waitFor();
      const since = await notice.getAttribute("data-since");
      expect(Number.isNaN(Date.parse(since ?? ""))).toBe(false);
      expect(Date.now() - Date.parse(since!)).toBeLessThan(60 * 60 * 1000);
      expect(await notice.textContent()).toMatch(/^离线无法连接服务器，当前显示的是 .+ 保存的离线数据/);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByTestId("language-switch").click();
      await expect.poll(() => notice.textContent()).toMatch(/^OfflineThe server cannot be reached: this page shows the offline copy of the data saved on .+/);
      await expect.poll(() => page.getByTestId("kpi-value-subsidy_paid_cny").textContent()).toBe(fmt("subsidy_paid_cny", REPORT_2016.subsidy_paid_cny!, "en"));
      expect((await readKpis(page)).cataract_surgeries).toBe(fmt("cataract_surgeries", 156, "en"));
      expect(await axeViolations(page)).toEqual([]);
      await page.getByTestId("language-switch").click();

      await context.setOffline(false);
      await page.getByTestId("logout").click();
      await page.waitForURL(/\/login\?signedOut=1/);
      expect(await page.evaluate(async () => (await caches.keys()).includes("linze-user-data"))).toBe(false);
      await page.close();
    } finally {
      await context.close();
    }
  });
});
