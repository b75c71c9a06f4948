/**
 * Issue 7 point 2: the workflows the other browser tests do not yet drive by
 * keyboard (import.test.ts and quality.test.ts have their own keyboard
 * paths), done here with Tab, Shift+Tab, Enter, Space, the arrow keys and
 * typing only — never a click: read the KPIs, compare the townships, drill
 * down to a township's villages, edit a letter, run → submit an assessment
 * (demo-admin), review → publish it through the confirmation dialog
 * (demo-leader), export it. At every focus stop the focused element
 * must show a focus indicator (an outline that is not transparent, or a
 * ring) and must not lie under a sticky or fixed bar. Real Chromium against
 * the real server (./harness.ts: fresh database, demo data); golden figures
 * from DOMAIN.md §5 (2016: 156 cataract surgeries, 1,856,400 CNY of
 * subsidies).
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { formatPeriod, formatValue, indicator, targetStatus } from "@linze/domain";
import { startHarness, type Api, type Harness } from "./harness.ts";

let harness: Harness;
let baseUrl: string;
let api: Api;
let page: Page;

const STATUS_ZH: Record<string, string> = { met: "达标", near: "接近目标", below: "未达标" };

beforeAll(async () => {
  harness = await startHarness();
  ({ baseUrl, api } = harness);
  page = await harness.openPage();
  await page.setViewportSize({ width: 1280, height: 800 });
});

afterAll(async () => {
  await harness?.stop();
});

/** Why the focused element fails the focus rules, or "" when it passes: it is shown, has a visible indicator, and no sticky/fixed bar covers it. */
const focusProblem = (p: Page) =>
  p.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "nothing focused";
    const label = `${el.tagName}[${el.getAttribute("data-testid") ?? el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 30)}]`;
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return `${label} is not shown (${r.width}×${r.height})`;
    const s = getComputedStyle(el);
    const transparent = (c: string) => c === "transparent" || /rgba\([^)]*,\s*0\)$/.test(c);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && !transparent(s.outlineColor);
    const ring = s.boxShadow !== "none" && !transparent(s.boxShadow);
    if (!outline && !ring) return `${label} has no visible focus indicator (outline ${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}, box-shadow ${s.boxShadow})`;
    for (const bar of document.querySelectorAll<HTMLElement>("body *")) {
      const b = getComputedStyle(bar);
      if (b.position !== "sticky" && b.position !== "fixed") continue;
      if (b.top === "auto" && b.bottom === "auto") continue; // sticky sideways only (a table's first column)
      if (bar.contains(el) || el.contains(bar)) continue;
      const q = bar.getBoundingClientRect();
      const overlap = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top) > 1 && Math.min(r.right, q.right) - Math.max(r.left, q.left) > 1;
      if (overlap) return `${label} is under a ${b.position} bar (${bar.className})`;
    }
    return "";
  });

/**
 * Presses a key and checks the focus rules where the focus lands. A key that
 * opens another page (`navigates`) gets until the new page is shown for the
 * focus to land on it (its heading, see src/components/route-focus.ts).
 */
async function press(key: string, { navigates = false } = {}): Promise<void> {
  await page.keyboard.press(key);
  if (navigates) await expect.poll(() => focusProblem(page), { timeout: 30_000, message: `after ${key}` }).toBe("");
  else expect(await focusProblem(page), `after ${key}`).toBe("");
}

/**
 * Tabs (or Shift+Tabs) until the focused element matches `selector`, checking
 * the focus rules at every stop; if `max` presses do not reach it, goes the
 * other way for twice as many before failing.
 */
async function tabTo(selector: string, { backwards = false, max = 150 } = {}): Promise<void> {
  for (const [dir, n] of [[backwards, max], [!backwards, 2 * max]] as const) {
    for (let i = 0; i < n; i++) {
      const key = dir ? "Shift+Tab" : "Tab";
      await page.keyboard.press(key);
      const problem = await focusProblem(page);
      // Past either end of the page the focus passes through the browser's own controls (the body, here) and comes back at the other end.
      if (problem === "nothing focused") continue;
      expect(problem, `after ${key}`).toBe("");
      if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
    }
  }
  throw new Error(`${selector} not reached with Tab or Shift+Tab`);
}

const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute("aria-label") ?? "");
const focusedValue = () => page.evaluate(() => (document.activeElement as HTMLSelectElement | HTMLInputElement).value);
const text = async (testId: string) => ((await page.getByTestId(testId).first().textContent()) ?? "").trim();

/** Waits until the page has loaded its data. */
async function settled(testId: string): Promise<void> {
  await page.getByTestId(testId).first().waitFor({ timeout: 120_000 });
  await expect.poll(() => page.locator(".animate-pulse, [aria-busy='true']").count(), { timeout: 90_000 }).toBe(0);
}

/** Moves through a chart's points with ArrowRight from the focused first point; returns each point's name. */
async function readPoints(count: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    names.push(await focusedName());
    if (i < count - 1) await press("ArrowRight");
  }
  return names;
}

/** Goes to a page with the header's navigation: Shift+Tab back to the link, Enter. */
async function navigate(path: string, linkText: string, ready: string): Promise<void> {
  await tabTo(`nav a[href^="${path}"]`, { backwards: true });
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(linkText);
  await press("Enter", { navigates: true });
  await settled(ready);
}

describe("keyboard only", () => {
  it("reads the county's 2016 KPIs: skip link to the content, the cataract sparkline's months by arrow keys add up to the report's 156", async () => {
    await page.goto(`${baseUrl}/?periodType=year&period=2016&orgUnit=LZ`);
    await settled("kpi-value-cataract_surgeries");
    // The skip link is the first stop and takes the focus to the main content.
    await press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe("#main");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    // The figures (DOMAIN.md §5).
    expect(await text("kpi-value-cataract_surgeries")).toBe(formatValue(156, "count", "zh-CN"));
    expect(await text("kpi-value-subsidy_paid_cny")).toBe(formatValue(1_856_400, "cny", "zh-CN"));
    expect(await text("kpi-value-subsidy_recipients")).toBe(formatValue(1_688, "count", "zh-CN"));
    // The sparkline's points: hidden until focused, then shown with a visible focus.
    await tabTo("[data-testid='kpi-points-cataract_surgeries'] button");
    const months = await readPoints(12);
    const values = months.map((n) => Number(n.split("：")[1]!.split("，")[0]!.replace(/,/g, "")));
    expect(values.reduce((a, b) => a + b, 0)).toBe(156);
    expect(months[0]!.startsWith(`${formatPeriod("2016-01", "zh-CN")}：`)).toBe(true);
    expect(months[11]!.startsWith(`${formatPeriod("2016-12", "zh-CN")}：`)).toBe(true);
    await press("ArrowRight"); // stays on December
    expect(await focusedName()).toBe(months[11]);
    // Leaving the row hides it again; the next stop is the card's data table.
    await press("Tab");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SUMMARY");
    await page.keyboard.press("Enter");
    expect(await page.getByTestId("kpi-cataract_surgeries").locator("details").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
  });

  it("compares the townships' 2016 enrollment rates, then drills down to 沙河镇's villages", async () => {
    await navigate("/townships", "乡镇对比", "chart-by-township");
    expect(new URL(page.url()).searchParams.get("period")).toBe("2016");
    await tabTo("[data-testid='chart-by-township-points'] button");
    const names = await readPoints(7);
    const codes = await page.getByTestId("chart-by-township-points").locator("button").evaluateAll((bs) => bs.map((b) => b.getAttribute("data-point")!));
    const ind = indicator("enrollment_rate");
    const rows = await api.values.list.query({ indicators: ["enrollment_rate"], orgUnits: codes, periods: ["2016"] });
    const expected = (level: number) => (r: { value: number | null }) =>
      r.value === null ? "—" : `${formatValue(r.value, "percent", "zh-CN")}，${STATUS_ZH[targetStatus(ind, level, "2016", r.value)]}`;
    expect(names.map((n) => n.split("：")[1])).toEqual(rows.map(expected(2)));
    expect(names[0]!.startsWith("沙河镇：")).toBe(true);

    // Drill down: back to the organisation-unit filter, 沙河镇 chosen with the arrow key.
    await tabTo("[data-testid='filter-org-unit']", { backwards: true });
    expect(await focusedValue()).toBe("LZ");
    await press("ArrowDown");
    await expect.poll(() => new URL(page.url()).searchParams.get("orgUnit")).toBe("LZ-SH");
    await settled("chart-villages");
    await tabTo("[data-testid='chart-villages-points'] button");
    const villageCodes = await page.getByTestId("chart-villages-points").locator("button").evaluateAll((bs) => bs.map((b) => b.getAttribute("data-point")!));
    expect(villageCodes.length).toBeGreaterThan(1);
    expect(villageCodes.every((c) => c.startsWith("LZ-SH-"))).toBe(true);
    const villageNames = await readPoints(villageCodes.length);
    const villageRows = await api.values.list.query({ indicators: ["enrollment_rate"], orgUnits: villageCodes, periods: ["2016"] });
    expect(villageNames.map((n) => n.split("：")[1])).toEqual(villageRows.map(expected(3)));
    await press("End");
    expect(await focusedName()).toBe(villageNames[villageNames.length - 1]);
    await press("Home");
    expect(await focusedName()).toBe(villageNames[0]);
  });

  it("edits 沙河镇's 2016 letter: moves a point from the first item to the second and saves it as the next version", async () => {
    const before = (await api.letters.list.query({ year: 2016, kind: "township" })).find((l) => l.assessedUnit.code === "LZ-SH")!;
    await navigate("/letters", "责任书", "letter-row-LZ-SH");
    await tabTo("[data-testid='letter-row-LZ-SH'] a");
    await press("Enter", { navigates: true });
    await settled("points-total");
    expect(await page.getByTestId("points-total").getAttribute("data-total")).toBe("100");
    const [p0, p1] = [before.items[0]!.points, before.items[1]!.points];
    await tabTo("[data-testid='item-0-points']");
    await page.keyboard.press("Control+A");
    await page.keyboard.type(String(p0 - 1));
    await expect.poll(() => page.getByTestId("points-total").getAttribute("data-total")).toBe("99");
    await tabTo("[data-testid='item-1-points']");
    await page.keyboard.press("Control+A");
    await page.keyboard.type(String(p1 + 1));
    await expect.poll(() => page.getByTestId("points-total").getAttribute("data-total")).toBe("100");
    await tabTo("[data-testid='save-letter']", { backwards: true });
    await press("Enter");
    await expect.poll(() => text("save-status")).toBe(`已保存，现为第${before.version + 1}版。`);
    const saved = await api.letters.get.query({ id: before.id });
    expect(saved.version).toBe(before.version + 1);
    expect(saved.items.slice(0, 2).map((i) => i.points)).toEqual([p0 - 1, p1 + 1]);
  });

  it("runs the 2016 Q4 township assessment, submits, reviews and publishes it, and exports it as XLSX", async () => {
    await navigate("/assessments", "季度考核", "start-run-submit");
    await tabTo("[data-testid='start-quarter']");
    expect(await focusedValue()).toBe("4");
    await tabTo("[data-testid='start-scope']");
    expect(await focusedValue()).toBe("townships");
    await tabTo("[data-testid='start-run-submit']");
    await press("Enter", { navigates: true });
    await expect.poll(() => /\/assessments\/\d+$/.test(new URL(page.url()).pathname), { timeout: 120_000 }).toBe(true);
    const runId = Number(new URL(page.url()).pathname.split("/").pop());
    await settled("run-next");
    const got = await api.assessments.get.query({ id: runId });
    expect(got.run).toMatchObject({ year: 2016, quarter: 4, scope: "townships", status: "draft" });
    expect(got.ranking).toHaveLength(7);
    // The grade distribution's points by keyboard agree with the ranking.
    await tabTo("[data-testid='grade-distribution-points'] button");
    const grades = await readPoints(5);
    const count = (g: string) => got.ranking.filter((l) => (l.grade ?? "ungraded") === g).length;
    expect(grades).toEqual([
      `优秀：${count("excellent")}`,
      `良好：${count("good")}`,
      `合格：${count("pass")}`,
      `不合格：${count("fail")}`,
      `未定等次：${count("ungraded")}`,
    ]);

    // demo-admin submits; review and publish are another user's (separation of duties).
    await tabTo("[data-testid='run-next']", { backwards: true });
    expect(await text("run-next")).toBe("提交");
    await press("Enter");
    await expect.poll(() => page.getByTestId("run-status").getAttribute("data-status")).toBe("submitted");
    await expect.poll(() => page.getByTestId("run-next").count()).toBe(0);
    expect(await text("run-next-for-another")).toMatch(/^本次考核由您提交，须由其他用户审核/);

    // demo-leader reviews and publishes, by keyboard, on its own page.
    const admin = page;
    page = await harness.openPageAs("demo-leader");
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${baseUrl}/assessments/${runId}`);
    await settled("run-next");
    await tabTo("[data-testid='run-next']");
    expect(await text("run-next")).toBe("审核通过");
    await press("Enter");
    await expect.poll(() => page.getByTestId("run-status").getAttribute("data-status")).toBe("reviewed");
    await tabTo("[data-testid='run-next']", { backwards: true });
    expect(await text("run-next")).toBe("发布");
    // Publishing asks first: a modal dialog, the focus on 取消; Escape closes it and gives the focus back to 发布.
    await press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("publish-confirm-cancel");
    expect(await page.evaluate(() => document.activeElement?.closest("dialog[open]")?.getAttribute("data-testid"))).toBe("publish-confirm");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("run-next");
    expect((await api.assessments.get.query({ id: runId })).run.status).toBe("reviewed");
    await press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("publish-confirm-cancel");
    // Tab stays inside the dialog: the next stop is its confirm button.
    await press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("publish-confirm-confirm");
    expect(await text("publish-confirm-confirm")).toBe("确认发布");
    await press("Enter");
    await expect.poll(() => page.getByTestId("run-status").getAttribute("data-status")).toBe("published");
    const published = (await api.assessments.get.query({ id: runId })).run;
    expect(published).toMatchObject({ status: "published", submittedBy: "demo-admin", reviewedBy: "demo-leader", publishedBy: "demo-leader" });
    expect(await text("run-hash")).toBe(published.inputsHash);

    // Export: the XLSX link, followed with Enter, downloads the run's workbook.
    await tabTo("[data-testid='xlsx-link']", { backwards: true });
    const download = page.waitForEvent("download");
    await press("Enter");
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = await readFile((await file.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    await page.close();
    page = admin;
  });
});
