/**
 * The dashboard in real Chromium against the real server, started the way
 * `npm start` starts it (node --import tsx src/main.ts in apps/server) on a
 * free port with a fresh PGlite directory. Expects apps/web/dist to be built
 * (`npm test -w @linze/web` builds it first). Every number the page shows is
 * compared with the server's tRPC `values.list` for the same indicator, org
 * unit and period, formatted by the domain's formatter. Server and browser
 * start in ./harness.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { DEMO_DATA_DESCRIPTION, formatPeriod, formatValue, indicator, INDICATOR_CODES, previousPeriod, type Locale } from "@linze/domain";
import { axeViolations, startHarness, type Api, type Harness } from "./harness.ts";

let harness: Harness;
let baseUrl: string;
let api: Api;

/** The server's value of one indicator for one org unit and period (null: no value). */
async function serverValue(code: string, orgUnit: string, period: string): Promise<number | null> {
  const rows = await api.values.list.query({ indicators: [code], orgUnits: [orgUnit], periods: [period] });
  expect(rows).toHaveLength(1);
  return rows[0]!.value;
}

/** Every indicator for one org unit and period from the server, formatted as the page must show it. */
async function expectedKpis(orgUnit: string, period: string, locale: Locale): Promise<Record<string, string>> {
  const rows = await api.values.list.query({ indicators: [...INDICATOR_CODES], orgUnits: [orgUnit], periods: [period] });
  expect(rows).toHaveLength(INDICATOR_CODES.length);
  return Object.fromEntries(rows.map((r) => [r.indicator, formatValue(r.value, indicator(r.indicator).unit, locale)]));
}

/** Waits (duckdb-wasm computes asynchronously) until the text matches, then asserts it, so a failure shows both. */
async function expectText(locator: Locator, expected: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let actual = "";
  while (Date.now() < deadline) {
    actual = ((await locator.textContent({ timeout: timeoutMs }).catch(() => "")) ?? "").trim();
    if (actual === expected) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(actual).toBe(expected);
}

/** A table cell: the server's null is "—" (no value) or "未上报" (nothing reported); the API does not tell them apart. */
async function expectCell(locator: Locator, value: number | null, unit: "percent" | "count" | "cny"): Promise<void> {
  if (value !== null) return expectText(locator, formatValue(value, unit, "zh-CN"));
  await expect.poll(async () => ((await locator.textContent()) ?? "").trim()).toMatch(/^(—|未上报)$/);
}

async function readKpis(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const code of INDICATOR_CODES) out[code] = ((await page.getByTestId(`kpi-value-${code}`).textContent()) ?? "").trim();
  return out;
}

async function expectKpis(page: Page, expected: Record<string, string>): Promise<void> {
  for (const code of INDICATOR_CODES) await expectText(page.getByTestId(`kpi-value-${code}`), expected[code]!);
  expect(await readKpis(page)).toEqual(expected);
}

const openPage = (): Promise<Page> => harness.openPage();

beforeAll(async () => {
  harness = await startHarness();
  ({ baseUrl, api } = harness);
});

afterAll(async () => {
  await harness?.stop();
});

describe("dashboard in Chromium", () => {
  it("opens on the latest month with data and shows the server's values for the county", async () => {
    const latest = await api.meta.latestPeriod.query();
    expect(latest).toMatch(/^\d{4}-\d{2}$/);
    const page = await openPage();
    // The first KPIs' request is made before React renders (main.tsx) under the overview's own query key: the page asks once.
    // The session and the snapshot's layout are asked for by index.html's first script and taken by the app: once each too.
    const kpiRequests: string[] = [];
    const early: string[] = [];
    page.on("request", (r) => {
      const { pathname } = new URL(r.url());
      if (pathname === "/trpc/values.list") kpiRequests.push(r.url());
      if (pathname === "/auth/me" || pathname === "/trpc/snapshot.header") early.push(pathname);
    });
    await page.goto(`${baseUrl}/`);

    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await expectText(page.getByTestId("demo-notice").locator("p"), `演示数据${DEMO_DATA_DESCRIPTION.zh}`);
    await page.getByTestId("kpi-value-enrollment_rate").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("filter-period-type").inputValue()).toBe("month");
    expect(await page.getByTestId("filter-period").inputValue()).toBe(latest);
    expect(await page.getByTestId("filter-org-unit").inputValue()).toBe("LZ");
    await expect.poll(() => page.locator("h1").textContent()).toBe(`总览：临泽县，${formatPeriod(latest!, "zh-CN")}`);

    expect(kpiRequests).toHaveLength(1);
    expect(early.sort()).toEqual(["/auth/me", "/trpc/snapshot.header"]);
    expect(decodeURIComponent(kpiRequests[0]!)).toContain(`"orgUnits":["LZ"]`);
    // The one KPI named in the issue, checked against a single values.list call …
    const enrollment = await serverValue("enrollment_rate", "LZ", latest!);
    expect(enrollment).not.toBeNull();
    await expectText(page.getByTestId("kpi-value-enrollment_rate"), formatValue(enrollment, "percent", "zh-CN"));
    // … and then every KPI card.
    await expectKpis(page, await expectedKpis("LZ", latest!, "zh-CN"));
    // Organisation coverage: the four organisation indicators together in one section.
    const coverage = page.getByTestId("organisation-coverage");
    for (const code of ["association_coverage", "venue_coverage", "work_activity_coverage", "committee_staffing_rate"]) {
      expect(await coverage.getByTestId(`kpi-${code}`).count()).toBe(1);
    }
    // Status in words next to the colour and icon.
    const status = await page.getByTestId("kpi-status-enrollment_rate").textContent();
    expect(["达标", "接近目标", "未达标"]).toContain(status);
    await page.close();
  });

  it("reads the county's cataract surgeries in December as the year to December against the annual 156 paced to it (DOMAIN.md §3), on the card and the indicator page", async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}/?periodType=month&period=2016-12&orgUnit=LZ`);
    // The card's headline is December's own figure; the year to December is the report's 156, and that meets 156 × 12 / 12.
    await expectText(page.getByTestId("kpi-value-cataract_surgeries"), formatValue(await serverValue("cataract_surgeries", "LZ", "2016-12"), "count", "zh-CN"));
    await expectText(page.getByTestId("kpi-to-date-cataract_surgeries"), "156");
    expect((await page.getByTestId("kpi-target-cataract_surgeries").textContent())!.trim()).toBe("≥ 156（全年 156，按时间进度）");
    expect((await page.getByTestId("kpi-status-cataract_surgeries").textContent())!.trim()).toBe("达标");
    expect(await page.getByTestId("kpi-cataract_surgeries").locator("figcaption").textContent()).toContain("年初至2016年12月临泽县白内障复明手术为156，等于目标156（达标）。");
    // September's quarter: January–September against 156 × 9 / 12 = 117, the same sum the server gives for those months.
    const toSeptember = await api.values.list.query({ indicators: ["cataract_surgeries"], orgUnits: ["LZ"], periods: ["2016Q1", "2016Q2", "2016Q3"] });
    const sum = toSeptember.reduce((a, r) => a + (r.value ?? 0), 0);
    await page.goto(`${baseUrl}/indicator?periodType=quarter&period=2016Q3&orgUnit=LZ&indicator=cataract_surgeries`);
    await expectText(page.getByTestId("detail-to-date"), formatValue(sum, "count", "zh-CN"));
    expect((await page.getByTestId("detail-target").textContent())!.trim()).toBe("≥ 117（全年 156，按时间进度）");
    // The townships' scorecard reads the county's row the same way.
    await page.goto(`${baseUrl}/townships?periodType=month&period=2016-12&orgUnit=LZ&indicator=cataract_surgeries`);
    await expectText(page.getByTestId("score-to-date-LZ-cataract_surgeries"), "年初至2016年12月 156");
    expect(await page.getByTestId("score-LZ-cataract_surgeries").getAttribute("data-status")).toBe("met");
    expect(await page.getByTestId("score-LZ-SH-cataract_surgeries").getAttribute("data-status")).toBe("noTarget");
    // November: a village of 平川镇 did not report, so the update rate's year-to-date numerator outruns the month's denominator
    // (over 100 %): the indicator page says so, as the overview does.
    await page.goto(`${baseUrl}/indicator?periodType=month&period=2016-11&orgUnit=LZ&indicator=record_update_rate`);
    await expect.poll(async () => (await page.getByTestId("reporting-notice").textContent().catch(() => "")) ?? "", { timeout: 30_000 }).toContain("平川镇");
    await page.close();
  });

  it("changes township and month in the UI, shows the server's values for them, and keeps them in the URL", async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}/`);
    await page.getByTestId("kpi-value-enrollment_rate").waitFor({ timeout: 60_000 });
    const latest = await page.getByTestId("filter-period").inputValue();
    const before = await readKpis(page);

    // Both changes in one task, before React renders the first (a navigation renders in a transition): both reach the address.
    await page.evaluate(() => {
      for (const [id, value] of [["filter-org-unit", "LZ-XH"], ["filter-period", "2016-03"]] as const) {
        const select = document.querySelector<HTMLSelectElement>(`[data-testid="${id}"]`)!;
        select.value = value;
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    await expect.poll(() => new URL(page.url()).searchParams.get("period")).toBe("2016-03");
    expect(new URL(page.url()).searchParams.get("orgUnit")).toBe("LZ-XH");
    // And as a user does it, one after the other.
    await page.getByLabel("组织机构").selectOption("LZ-XH");
    await page.getByLabel("期间", { exact: true }).selectOption("2016-03");
    await expect.poll(() => new URL(page.url()).searchParams.get("orgUnit")).toBe("LZ-XH");
    expect(new URL(page.url()).searchParams.get("period")).toBe("2016-03");

    const xinhuaMarch = await expectedKpis("LZ-XH", "2016-03", "zh-CN");
    expect(xinhuaMarch).not.toEqual(await expectedKpis("LZ", latest, "zh-CN"));
    await expectKpis(page, xinhuaMarch);
    expect(await readKpis(page)).not.toEqual(before);
    // The change is from the previous month, computed from the server's values.
    const cataract = indicator("cataract_surgeries");
    const [now, prev] = [await serverValue("cataract_surgeries", "LZ-XH", "2016-03"), await serverValue("cataract_surgeries", "LZ-XH", previousPeriod("2016-03"))];
    const changeText = (await page.getByTestId("kpi-change-cataract_surgeries").textContent())!.trim();
    if (now === null || prev === null || prev === 0) expect(changeText).toBe("—");
    else expect(changeText).toBe(new Intl.NumberFormat("zh-CN", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "exceptZero" }).format((now - prev) / prev));
    expect(cataract.unit).toBe("count");

    // Reloading the shared URL gives the same view.
    await page.reload();
    await page.getByTestId("kpi-value-enrollment_rate").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("filter-org-unit").inputValue()).toBe("LZ-XH");
    expect(await page.getByTestId("filter-period").inputValue()).toBe("2016-03");
    await expectKpis(page, xinhuaMarch);
    await page.close();
  });

  it("aggregates a quarter and a village, and switches to English", async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}/?orgUnit=LZ-SH-V03`);
    await page.getByTestId("kpi-value-enrollment_rate").waitFor({ timeout: 60_000 });
    await page.getByTestId("filter-period-type").selectOption("quarter");
    await expect.poll(() => page.getByTestId("filter-period").inputValue()).toMatch(/^\d{4}Q[1-4]$/);
    await page.getByTestId("filter-period").selectOption("2016Q2");
    await expectKpis(page, await expectedKpis("LZ-SH-V03", "2016Q2", "zh-CN"));

    await page.getByTestId("language-switch").click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("en");
    await expectKpis(page, await expectedKpis("LZ-SH-V03", "2016Q2", "en"));
    await expectText(page.getByTestId("demo-notice").locator("p"), `Demo data${DEMO_DATA_DESCRIPTION.en}`);
    // Back to Chinese: the choice is kept in localStorage, shared by the other tests' pages.
    await page.getByTestId("language-switch").click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await page.close();
  });

  it("shows the township scorecard with the server's values and a township's villages", async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}/townships?periodType=year&period=2016&indicator=association_coverage`);
    await page.getByTestId("scorecard").waitFor({ timeout: 60_000 });
    const townships = ["LZ-SH", "LZ-XH", "LZ-LQ", "LZ-PC", "LZ-BQ", "LZ-YN", "LZ-NJY"];
    const rows = await api.values.list.query({ indicators: ["association_coverage", "cataract_surgeries"], orgUnits: townships, periods: ["2016"] });
    for (const r of rows) {
      const cell = page.getByTestId(`score-${r.orgUnit}-${r.indicator}`);
      await expectCell(cell.locator("span").first(), r.value, indicator(r.indicator).unit);
      expect(await cell.getAttribute("data-status")).toMatch(/^(met|near|below|noTarget|noValue)$/);
    }
    // No township is given the county's annual count target.
    expect(await page.getByTestId("score-LZ-SH-cataract_surgeries").getAttribute("data-status")).toBe("noTarget");

    // Choosing a township lists its villages, with the server's values in the chart's table.
    await page.getByLabel("组织机构").selectOption("LZ-YN");
    const villages = page.getByTestId("chart-villages");
    await villages.waitFor({ timeout: 30_000 });
    const villageRows = await api.values.list.query({ indicators: ["association_coverage"], childrenOf: "LZ-YN", periods: ["2016"] });
    expect(villageRows.length).toBeGreaterThan(0);
    await villages.locator("summary").click();
    const cells = villages.locator("tbody tr td.num");
    await expect.poll(() => cells.count()).toBe(villageRows.length);
    for (let i = 0; i < villageRows.length; i++) {
      await expectCell(cells.nth(i), villageRows[i]!.value, "percent");
    }
    expect(await page.getByTestId("chart-villages-summary").textContent()).toMatch(/最高为|仅|没有可显示的数据/);
    await page.close();
  });

  it("shows an indicator's definition, numerator and denominator from the server", async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}/indicator?periodType=year&period=2016&orgUnit=LZ&indicator=committee_staffing_rate`);
    await page.getByTestId("definition").waitFor({ timeout: 60_000 });
    const [row] = await api.values.list.query({ indicators: ["committee_staffing_rate"], orgUnits: ["LZ"], periods: ["2016"] });
    await expectText(page.getByTestId("detail-value"), formatValue(row!.value, "percent", "zh-CN"));
    await expectText(page.getByTestId("detail-numerator"), formatValue(row!.numerator, "count", "zh-CN"));
    await expectText(page.getByTestId("detail-denominator"), formatValue(row!.denominator, "count", "zh-CN"));
    expect(await page.getByTestId("definition").textContent()).toContain("committee_members_in_post");
    await page.close();
  });

  it("draws no chart without a value (沙河镇, Dec 2016, rights-case closure: no township reported) and logs no error", async () => {
    const page = await openPage();
    const consoleErrors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    await page.goto(`${baseUrl}/indicator?periodType=month&period=2016-12&orgUnit=LZ-SH&indicator=rights_case_closure_rate`);
    const byTownship = page.getByTestId("detail-by-township");
    await expectText(page.getByTestId("detail-by-township-summary"), "没有可显示的数据。", 120_000);
    // Tremor's bar chart over nulls drew its bars at NaN (`<rect> attribute y: Expected length, "NaN"`): not drawn, said instead.
    expect((await page.getByTestId("detail-by-township-empty").textContent())!.trim()).toBe("无图：这里没有可绘制的数值。下方数据表逐项列出上报情况。");
    expect(await byTownship.locator("svg.recharts-surface").count()).toBe(0);
    // The text alternatives stay: a point per township and the table.
    expect(await byTownship.getByTestId("detail-by-township-points").locator("button").count()).toBe(7);
    expect(await byTownship.locator("details table tbody tr").count()).toBe(7);
    // The months of 沙河镇 with values are still drawn.
    await page.getByTestId("detail-by-month").locator("svg.recharts-surface").waitFor();
    // The townships page over the same: its ranking by township and by village are empty too.
    await page.goto(`${baseUrl}/townships?periodType=month&period=2016-12&orgUnit=LZ-SH&indicator=rights_case_closure_rate`);
    await page.getByTestId("chart-villages-empty").waitFor({ timeout: 60_000 });
    await page.getByTestId("chart-by-township-empty").waitFor();
    await page.getByTestId("chart-by-month").locator("svg.recharts-surface").waitFor();
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it("says an indicator code and a period type in the address that do not exist, in Chinese and English", async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}/indicator?periodType=bogus&period=2016-05&orgUnit=LZ-SH&indicator=nope`);
    const ignored = page.getByTestId("filters-ignored");
    await ignored.waitFor({ timeout: 120_000 });
    const first = indicator(INDICATOR_CODES[0]!);
    expect(await ignored.getAttribute("role")).toBe("status");
    expect((await ignored.textContent())!.trim()).toBe(`地址中的期间类型“bogus”不存在（可选月、季度、年）；现按月显示。地址中的指标“nope”不存在；现显示${first.nameZh}。`);
    // Each select it concerns is described by its sentence.
    const description = (testId: string) => page.getByTestId(testId).evaluate((el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent ?? null);
    expect(await description("filter-indicator")).toBe(`地址中的指标“nope”不存在；现显示${first.nameZh}。`);
    expect(await description("filter-period-type")).toMatch(/^地址中的期间类型“bogus”/);
    await page.getByTestId("language-switch").click();
    await expect
      .poll(() => ignored.textContent())
      .toBe(`The address names the period type “bogus”, which is none of month, quarter and year; the period type shown is Month.The address names the indicator “nope”, which does not exist; showing ${first.nameEn}.`);
    await page.getByTestId("language-switch").click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await page.close();
  });

  it("has a skip link, landmarks and labelled filters", async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}/`);
    await page.getByTestId("kpi-value-enrollment_rate").waitFor({ timeout: 60_000 });
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("跳到主要内容");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    expect(await page.locator("header").count()).toBe(1);
    expect(await page.locator("main").count()).toBe(1);
    expect(await page.locator("footer").count()).toBe(1);
    expect(await page.locator("nav").getAttribute("aria-label")).toBe("主导航");
    for (const label of ["期间类型", "组织机构"]) expect(await page.getByLabel(label).count()).toBe(1);
    // Every chart's SVG is hidden from assistive technology behind its text alternative.
    expect(await page.locator("svg:not([aria-hidden='true'] svg):not([aria-hidden='true'])").count()).toBe(0);
    await page.close();
  });

  it("moves the focus to the new page's heading on Back and Forward, as on a link in the content, but not on the first load", async () => {
    const page = await openPage();
    /** The focused element: "H1 <its text>" for a heading, the link's text for a link, "BODY" for none. */
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return "BODY";
        return el.tagName === "H1" ? `H1 ${el.textContent?.trim()}` : (el.textContent?.trim() ?? el.tagName);
      });
    await page.goto(`${baseUrl}/?periodType=year&period=2016&orgUnit=LZ`);
    await page.getByTestId("kpi-value-enrollment_rate").waitFor({ timeout: 60_000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await focused()).toBe("BODY");
    // A link in the content (the card's 指标详情 →) is removed with its page: the heading takes the focus.
    await page.getByTestId("kpi-enrollment_rate").locator("a[href^='/indicator']").focus();
    await page.keyboard.press("Enter");
    const detailHeading = `H1 指标详情：${indicator("enrollment_rate").nameZh}`;
    await expect.poll(focused, { timeout: 60_000 }).toBe(detailHeading);
    // A header link stays in place and keeps the focus.
    await page.locator("nav a[href^='/townships']").focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("chart-by-township").waitFor({ timeout: 60_000 });
    await new Promise((r) => setTimeout(r, 500));
    expect(await focused()).toBe("乡镇对比");
    // Back and Forward: the page the browser shows owns the focus, not the header link of the page before.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/indicator");
    await expect.poll(focused, { timeout: 60_000 }).toBe(detailHeading);
    await page.goForward();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/townships");
    await expect.poll(focused, { timeout: 60_000 }).toBe(`H1 乡镇对比：${formatPeriod("2016", "zh-CN")}`);
    await page.goBack();
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/");
    await expect.poll(focused, { timeout: 60_000 }).toMatch(/^H1 总览：/);
    await page.close();
  });

  it("has no axe violations (WCAG 2.1 A/AA and best practice) on the three pages, in both languages", async () => {
    const page = await openPage();
    const pages = [
      ["/?orgUnit=LZ-SH", "kpi-value-enrollment_rate"],
      ["/townships?orgUnit=LZ-SH&periodType=quarter&period=2016Q3", "chart-villages"],
      ["/indicator?indicator=subsidy_paid_cny&orgUnit=LZ-XH-V02", "detail-by-month"],
    ] as const;
    for (const language of ["zh-CN", "en"]) {
      for (const [url, ready] of pages) {
        await page.goto(`${baseUrl}${url}`);
        await page.getByTestId(ready).waitFor({ timeout: 60_000 });
        if ((await page.evaluate(() => document.documentElement.lang)) !== language) await page.getByTestId("language-switch").click();
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
        expect(await axeViolations(page), `${language} ${url}`).toEqual([]);
      }
    }
    await page.getByTestId("language-switch").click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await page.close();
  });
});
