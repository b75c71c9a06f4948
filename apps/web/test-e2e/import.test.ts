/**
 * The import page (issue 4 point 9) in real Chromium against the real server
 * (./harness.ts: fresh database, the demo seeded on start — 2016 Q1–Q3
 * published and locked, Q4 a draft). The test writes its own files:
 *
 * - a GB18030 wide CSV of 新华镇's eleven villages for 2016-12 (title row
 *   with the month, a 合计 row), first with a negative count (refused), then
 *   corrected; expected counts and the township's total are worked out from
 *   data/linze/data_values.csv below;
 * - an XLSX of 平川镇 for 2016-11 with two merged header rows (exceljs),
 *   where village 1 sent no November report (new values);
 * - a long CSV changing a value of 2016-03 (locked) and one of a month not yet begun;
 * - 沙河镇's officer (demo-township) checking a file with a row of 新华镇's village;
 * - a wide CSV with a header nothing matches, mapped on the page and saved;
 * - 10,000 rows of data_values.csv (progress announced, all unchanged).
 *
 * The main flow is done with the keyboard only (Tab, Shift+Tab, Enter,
 * Space; the file is set on the focused input with setInputFiles), starting
 * and ending on the townships page reached by the app's own navigation, so
 * the total read there comes from the same in-browser duckdb-wasm before and
 * after the import. axe-core finds nothing in Chinese or English with the
 * summary and the problem table shown.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { formatValue } from "@linze/domain";
import { axeViolations, signIn, startHarness, type Api, type Harness } from "./harness.ts";

let harness: Harness;
let baseUrl: string;
let api: Api;
let dir: string;

const DATA = fileURLToPath(new URL("../../../data/linze/", import.meta.url));
const CSV_LINES = readFileSync(path.join(DATA, "data_values.csv"), "utf8").trim().split("\n");
const CSV = CSV_LINES.slice(1).map((l) => l.split(","));
const NAMES = new Map(
  readFileSync(path.join(DATA, "org_units.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(","))
    .map((r) => [r[0]!, r[3]!]),
);
const RECIPIENTS = ["nursing_subsidy_recipients", "living_subsidy_recipients", "elderly_allowance_recipients", "fuel_subsidy_recipients"];

const csvValue = (ou: string, p: string, de: string): number | undefined => {
  const row = CSV.find((r) => r[0] === ou && r[1] === p && r[2] === de);
  return row ? Number(row[3]) : undefined;
};
/** subsidy_recipients of a township in a month by hand: the four rolls summed over its villages (DOMAIN.md §4). */
const townshipRecipients = (township: string, month: string) =>
  CSV.filter(([ou, p, de]) => ou!.startsWith(`${township}-`) && p === month && RECIPIENTS.includes(de!)).reduce((s, r) => s + Number(r[3]), 0);
const villages = (township: string) => [...NAMES.keys()].filter((c) => c.startsWith(`${township}-V`));

// --- 新华镇 2016-12, GB18030 wide CSV --------------------------------------------------------------------------
const XH_COLUMNS = [
  ["持证残疾人数", "certified_persons"],
  ["重度残疾人护理补贴人数", "nursing_subsidy_recipients"],
  ["困难残疾人生活补贴人数", "living_subsidy_recipients"],
  ["残疾老人生活补助人数", "elderly_allowance_recipients"],
  ["机动车燃油补贴人数", "fuel_subsidy_recipients"],
] as const;
/** The corrected file's changes to the stored values: 4 cells updated, of which three are subsidy rolls (+2 +5 −1 = +6). */
const XH_CHANGES: Record<string, number> = {
  "LZ-XH-V02|nursing_subsidy_recipients": +2,
  "LZ-XH-V05|living_subsidy_recipients": +5,
  "LZ-XH-V07|elderly_allowance_recipients": -1,
  "LZ-XH-V09|certified_persons": +3,
};

/**
 * Rows: 1 title, 2 header, 3–13 villages V01–V11, 14 合计. Village 10's fuel cell is "—" (missing, never 0).
 * The 合计 row holds the corrected file's sums, except nursing, where it still holds the stored total 48
 * (a clerk who changed a village's cell but not the total): a warning naming both numbers, 48 and 50.
 * `negative`: village 4's certified persons written as −3 (an error at row 6, column B).
 */
function xinhuaCsv(negative: boolean): Uint8Array {
  const lines = ["新华镇残联2016年12月工作月报表", ["单位", ...XH_COLUMNS.map(([h]) => h)].join(",")];
  for (const v of villages("LZ-XH")) {
    const cells = XH_COLUMNS.map(([, code]) => {
      if (v === "LZ-XH-V10" && code === "fuel_subsidy_recipients") return "—";
      if (negative && v === "LZ-XH-V04" && code === "certified_persons") return "-3";
      return String(csvValue(v, "2016-12", code)! + (XH_CHANGES[`${v}|${code}`] ?? 0));
    });
    lines.push([NAMES.get(v)!, ...cells].join(","));
  }
  // The corrected file's own sums (village 10's missing fuel cell left out), except nursing: the stored total.
  const fileValue = (v: string, code: string) => (v === "LZ-XH-V10" && code === "fuel_subsidy_recipients" ? 0 : csvValue(v, "2016-12", code)! + (XH_CHANGES[`${v}|${code}`] ?? 0));
  const total = (code: string) => villages("LZ-XH").reduce((s, v) => s + (code === "nursing_subsidy_recipients" ? csvValue(v, "2016-12", code)! : fileValue(v, code)), 0);
  lines.push(["合 计", ...XH_COLUMNS.map(([, code]) => total(code))].join(","));
  return new Uint8Array(iconv.encode(lines.join("\r\n") + "\r\n", "gb18030"));
}

// --- 平川镇 2016-11, XLSX with two merged header rows ------------------------------------------------------
const PC_COLUMNS = ["nursing_subsidy_recipients", "nursing_subsidy_cny", "living_subsidy_recipients", "living_subsidy_cny"] as const;
/** Village 1 sent no November report (data/README.md): its four cells are new, taken from its October values. One stored cell changes. */
const pcValue = (v: string, code: string) =>
  v === "LZ-PC-V01" ? csvValue(v, "2016-10", code)! : csvValue(v, "2016-11", code)! + (v === "LZ-PC-V02" && code === "living_subsidy_cny" ? 100 : 0);

async function pingchuanXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("11月");
  ws.getCell("A1").value = "平川镇残联2016年11月工作月报表";
  ws.mergeCells("A1:E1");
  ws.getCell("A2").value = "单位";
  ws.mergeCells("A2:A3");
  ws.getCell("B2").value = "重度残疾人护理补贴";
  ws.mergeCells("B2:C2");
  ws.getCell("D2").value = "困难残疾人生活补贴";
  ws.mergeCells("D2:E2");
  ws.getRow(3).values = [null, "人数", "金额（元）", "人数", "金额（元）"];
  villages("LZ-PC").forEach((v, i) => {
    ws.getRow(4 + i).values = [NAMES.get(v)!, ...PC_COLUMNS.map((c) => pcValue(v, c))];
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

// --- helpers ---------------------------------------------------------------------------------------------------
async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").trim();
}

async function setLanguage(page: Page, language: "zh-CN" | "en"): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== language) await page.getByTestId("language-switch").click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`; fails after `max` presses. */
async function tabTo(page: Page, selector: string, { backwards = false, max = 120 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${selector} was not reached with ${backwards ? "Shift+Tab" : "Tab"} in ${max} presses`);
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? document.activeElement?.tagName ?? null);

/** The townships page's cell of subsidy_recipients for `township` in the latest month (2016-12), once it reads `expected`. */
async function expectRecipients(page: Page, township: string, expected: number): Promise<void> {
  const cell = page.getByTestId(`score-${township}-subsidy_recipients`).locator("span").first();
  await expect.poll(() => text(cell), { timeout: 60_000 }).toBe(formatValue(expected, "count", "zh-CN"));
}

/** Waits for the check of `fileName` to finish and returns the summary's figures as shown. */
async function summaryOf(page: Page, fileName: string) {
  await expect.poll(() => page.getByTestId("import-phase").getAttribute("data-phase"), { timeout: 90_000 }).toBe("checked");
  const summary = page.getByTestId("import-summary");
  expect(await text(summary.locator("h2"))).toBe(`检查结果：${fileName}`);
  // A figure's first text node is its number ("忽略" has a breakdown below it).
  const figure = (id: string) => page.getByTestId(id).evaluate((el) => Number(el.firstChild!.textContent!.replace(/,/g, "")));
  return {
    rowsRead: await figure("import-rows-read"),
    read: await figure("import-values-read"),
    new: await figure("import-new"),
    updated: await figure("import-updated"),
    unchanged: await figure("import-unchanged"),
    refused: await figure("import-refused"),
    ignored: await figure("import-ignored"),
    totalRows: await figure("import-total-rows"),
    canCommit: (await page.getByTestId("import-verdict").getAttribute("data-can-commit")) === "true",
  };
}

/** The problem table's rows as their cells' visible text. */
async function problemRows(page: Page): Promise<string[][]> {
  const rows = page.getByTestId("import-problem-table").locator("tbody tr");
  const out: string[][] = [];
  for (let i = 0; i < (await rows.count()); i++) out.push((await rows.nth(i).locator("td").allInnerTexts()).map((c) => c.trim()));
  return out;
}

beforeAll(async () => {
  harness = await startHarness();
  ({ baseUrl, api } = harness);
  dir = await mkdtemp(path.join(tmpdir(), "linze-import-e2e-"));
});

afterAll(async () => {
  await harness?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the import page in Chromium", () => {
  it("has no axe violations in Chinese and English with the summary, the changes and the problem table shown; a dropped file is chosen too", async () => {
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/import`);
    await page.getByTestId("import-form").waitFor({ timeout: 90_000 });
    // Drop the draft on the file box (a DataTransfer built in the page): it becomes the chosen file.
    const bytes = Array.from(xinhuaCsv(true));
    await page.evaluate((b) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(b)], "新华镇2016年12月月报-初稿.csv", { type: "text/csv" }));
      document.querySelector('[data-testid="import-drop-zone"]')!.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, bytes);
    expect(await text(page.getByTestId("import-chosen"))).toMatch(/^已选择：新华镇2016年12月月报-初稿\.csv（\d+ B）$/);
    await page.getByTestId("import-check").click();
    await summaryOf(page, "新华镇2016年12月月报-初稿.csv");
    await page.getByTestId("import-changes").locator("summary").click();
    await page.getByTestId("import-problem-table").waitFor();
    for (const language of ["zh-CN", "en"] as const) {
      await setLanguage(page, language);
      expect(await axeViolations(page), language).toEqual([]);
    }
    expect(await text(page.getByTestId("import-problem-counts"))).toBe("Problems — errors: 1, warnings: 1");
    expect((await problemRows(page))[0]![6]).toBe("a count cannot be negative: -3\n人数/个数不能为负数：-3");
    await setLanguage(page, "zh-CN");
    await page.close();
  });

  it("keyboard only: a GB18030 wide CSV with a negative count is refused with its row, the corrected file is confirmed, and the township's total on the dashboard moves by exactly the difference", async () => {
    const draft = path.join(dir, "新华镇2016年12月月报-初稿.csv");
    const final = path.join(dir, "新华镇2016年12月月报.csv");
    await writeFile(draft, xinhuaCsv(true));
    await writeFile(final, xinhuaCsv(false));
    // 新华镇's persons on subsidy rolls in 2016-12 by hand: Σ of the four rolls over V01–V11 =
    // 32 + 12 + 13 + 14 + 23 + 19 + 23 + 38 + 14 + 26 + 21 = 235; the corrected file adds +2 +5 −1 = +6.
    const before = townshipRecipients("LZ-XH", "2016-12");
    expect(before).toBe(235);
    const after = before + 6;

    const page = await harness.openPage();
    await page.goto(`${baseUrl}/townships`);
    await page.getByTestId("scorecard").waitFor({ timeout: 90_000 });
    await expectRecipients(page, "LZ-XH", before);

    // To the import page by the app's navigation, with the keyboard.
    await page.locator("body").focus();
    await tabTo(page, 'nav a[href="/import"]');
    await page.keyboard.press("Enter");
    await page.getByTestId("import-form").waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).pathname).toBe("/import");

    // The draft: choose it on the focused file input, Tab to "检查文件", Enter.
    await tabTo(page, '[data-testid="import-file"]');
    await page.getByTestId("import-file").setInputFiles(draft);
    await tabTo(page, '[data-testid="import-check"]');
    await page.keyboard.press("Enter");
    const s1 = await summaryOf(page, "新华镇2016年12月月报-初稿.csv");
    // The result has the keyboard: its heading is focused and read first.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H2");
    // 11 village rows × 5 columns = 55 cells: 1 missing ("—"), 1 refused (−3) → 53 values; of them the 4 changed cells are updated.
    expect(s1).toEqual({ rowsRead: 11, read: 53, new: 0, updated: 4, unchanged: 49, refused: 0, ignored: 2, totalRows: 1, canCommit: false });
    expect(await text(page.getByTestId("import-encoding"))).toBe("GB18030（GBK）");
    expect(await text(page.getByTestId("import-layout"))).toBe("宽表（每行一个单位，每列一个数据元）");
    expect(await text(page.getByTestId("import-problem-counts"))).toBe("问题：错误 1 个，警告 1 个");
    // The error first: village 4 (row 6), column B (持证残疾人数), −3. Then the 合计 row's nursing cell: stored total 48, rows sum to 50.
    expect(await problemRows(page)).toEqual([
      ["错误", "新华镇2016年12月月报-初稿.csv", "—", "6", "B\n持证残疾人数", "-3", "人数/个数不能为负数：-3\na count cannot be negative: -3"],
      ["警告", "新华镇2016年12月月报-初稿.csv", "—", "14", "C\n重度残疾人护理补贴人数", "48", "合计行 48 与各行之和 50 不符\ntotal row says 48, rows sum to 50"],
    ]);
    const confirm = page.getByTestId("import-confirm");
    expect(await confirm.isDisabled()).toBe(true);
    expect(await text(page.getByTestId("import-confirm-reason"))).toBe("有 1 个错误，不能导入。请更正文件后重新检查；导入是一个整体，不会只导入没有错误的部分。");
    expect((await confirm.getAttribute("aria-describedby"))!).toBe(await page.getByTestId("import-confirm-reason").getAttribute("id"));
    // Nothing was written by the check.
    expect(await api.dataValues.history.query({ orgUnit: "LZ-XH-V02", period: "2016-12", dataElement: "nursing_subsidy_recipients" })).toEqual([]);

    // The corrected file: back to the file input with Shift+Tab.
    await tabTo(page, '[data-testid="import-file"]', { backwards: true });
    await page.getByTestId("import-file").setInputFiles(final);
    await tabTo(page, '[data-testid="import-check"]');
    await page.keyboard.press("Enter");
    const s2 = await summaryOf(page, "新华镇2016年12月月报.csv");
    // 55 cells − 1 missing = 54 values: 4 updated, 50 unchanged, nothing new (every village reported December).
    expect(s2).toEqual({ rowsRead: 11, read: 54, new: 0, updated: 4, unchanged: 50, refused: 0, ignored: 1, totalRows: 1, canCommit: true });
    expect(await text(page.getByTestId("import-problem-counts"))).toBe("问题：错误 0 个，警告 1 个");
    expect(await text(page.getByTestId("import-confirm-reason"))).toBe("将写入新增 0 项、修改 4 项；全部写入或全部不写入。");

    // Confirm with Space.
    await tabTo(page, '[data-testid="import-confirm"]');
    await page.keyboard.press("Space");
    const result = page.getByTestId("import-result");
    // The validation rules ran after the import: the live region says how many broke, as many as the quality page lists for 2016-12 at the county and 新华镇.
    await expect.poll(() => text(result), { timeout: 60_000 }).toMatch(/^已导入（导入编号 \d+）：新增 0 项，修改 4 项，未变 50 项，忽略 1 项。看板数据已更新。/);
    const broken = (await api.quality.validation.query({ period: "2016-12" })).violations.filter((v) => v.orgUnit === "LZ" || v.orgUnit === "LZ-XH").length;
    expect(broken).toBeGreaterThan(0);
    expect(await text(result)).toMatch(new RegExp(`^已导入（导入编号 \\d+）：新增 0 项，修改 4 项，未变 50 项，忽略 1 项。看板数据已更新。 导入后校验：${broken} 条校验规则未通过。数据已导入，请核对下列数值或更正后重新导入。$`));
    expect(await page.locator('[data-testid^="import-violation-"]').count()).toBe(broken);
    expect(await result.getAttribute("aria-live")).toBe("polite");
    expect(await result.getAttribute("role")).toBe("status");
    expect(await page.getByTestId("import-confirm").isDisabled()).toBe(true);
    // The previous value is kept in the history.
    expect(
      (await api.dataValues.history.query({ orgUnit: "LZ-XH-V02", period: "2016-12", dataElement: "nursing_subsidy_recipients" })).map((h) => [h.previousValue, h.value, h.source]),
    ).toEqual([[5, 7, "import"]]);
    // The past imports list shows it.
    const imports = await api.imports.list.query();
    expect(imports[0]).toMatchObject({ fileName: "新华镇2016年12月月报.csv", rowsRead: 11, valuesNew: 0, valuesUpdated: 4, valuesUnchanged: 50, valuesIgnored: 1 });
    await expect.poll(() => page.getByTestId(`import-history-${imports[0]!.id}`).count(), { timeout: 30_000 }).toBe(1);
    // Committed by: the account's display name, the username in the title (it was "demo-admin").
    expect(imports[0]!.committedBy).toBe("demo-admin");
    const by = page.getByTestId(`import-history-${imports[0]!.id}`).locator("[data-person]");
    await expect.poll(() => by.textContent()).toBe("演示管理员 / Demo administrator");
    expect(await by.getAttribute("title")).toBe("demo-admin");

    // Back to the townships page by the app's navigation, with the keyboard: 新华镇's total is up by exactly 6.
    await tabTo(page, 'nav a[href="/townships"]', { backwards: true, max: 200 });
    await page.keyboard.press("Enter");
    await page.getByTestId("scorecard").waitFor({ timeout: 60_000 });
    await expectRecipients(page, "LZ-XH", after);
    await page.close();
  });

  it("the same file again: 0 new, 0 updated, and confirming it writes no history", async () => {
    const final = path.join(dir, "新华镇2016年12月月报.csv");
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/import`);
    await page.getByTestId("import-file").setInputFiles(final);
    await page.getByTestId("import-check").click();
    const s = await summaryOf(page, "新华镇2016年12月月报.csv");
    expect([s.read, s.new, s.updated, s.unchanged, s.canCommit]).toEqual([54, 0, 0, 54, true]);
    await page.getByTestId("import-confirm").click();
    await expect.poll(() => text(page.getByTestId("import-result")), { timeout: 60_000 }).toMatch(/新增 0 项，修改 0 项，未变 54 项，忽略 1 项。/);
    expect((await api.dataValues.history.query({ orgUnit: "LZ-XH-V02", period: "2016-12", dataElement: "nursing_subsidy_recipients" })).length).toBe(1);
    await page.close();
  });

  it("an XLSX with two merged header rows: village 1's November values are new, one amount updated; confirmed, they are in the database", async () => {
    const file = path.join(dir, "平川镇2016年11月.xlsx");
    await writeFile(file, await pingchuanXlsx());
    expect(PC_COLUMNS.map((c) => csvValue("LZ-PC-V01", "2016-11", c))).toEqual([undefined, undefined, undefined, undefined]);
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/import`);
    await page.getByTestId("import-file").setInputFiles(file);
    await page.getByTestId("import-check").click();
    const s = await summaryOf(page, "平川镇2016年11月.xlsx");
    // 11 villages × 4 columns = 44 values: village 1's 4 new, village 2's living subsidy amount +100 CNY, 39 unchanged.
    expect([s.rowsRead, s.read, s.new, s.updated, s.unchanged, s.ignored, s.totalRows, s.canCommit]).toEqual([11, 44, 4, 1, 39, 0, 0, true]);
    expect(await text(page.getByTestId("import-encoding"))).toBe("XLSX 工作簿");
    expect(await text(page.getByTestId("import-sheets"))).toBe("11月");
    expect(await text(page.getByTestId("import-problem-counts"))).toBe("问题：错误 0 个，警告 0 个");
    // The grouped headers: "重度残疾人护理补贴 / 金额（元）" is column C.
    const mappingRow = page.getByTestId("import-mapping-row-C");
    expect(await text(mappingRow.locator("th"))).toBe("重度残疾人护理补贴 / 金额（元）");
    expect(await page.getByTestId("import-mapping-target-C").inputValue()).toBe("nursing_subsidy_cny");
    await page.getByTestId("import-confirm").click();
    await expect.poll(() => text(page.getByTestId("import-result")), { timeout: 60_000 }).toMatch(/新增 4 项，修改 1 项，未变 39 项，忽略 0 项。/);
    // The validation rules ran after the import: village 2's living subsidy is 100 CNY more with the same recipients.
    // Village 2's amount is 100 CNY more, its recipients the same (126 in 平川镇, 914 in the county): 平川镇 12,700 ≠ 126 × 100, the county 91,500 ≠ 914 × 100.
    expect(await text(page.getByTestId("import-violations-count"))).toBe("导入后校验：2 条校验规则未通过。数据已导入，请核对下列数值或更正后重新导入。");
    const violationRows = await page.locator('[data-testid^="import-violation-"]').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((c) => c.textContent)));
    expect(violationRows).toEqual([
      ["生活补贴金额 = 人数 × 100元", "临泽县", "2016年11月", "生活补贴金额 91,500 ≠ 生活补贴人数 914 × 100 = 91,400"],
      ["生活补贴金额 = 人数 × 100元", "平川镇", "2016年11月", "生活补贴金额 12,700 ≠ 生活补贴人数 126 × 100 = 12,600"],
    ]);
    expect(await page.getByTestId("import-violations").getByRole("link").getAttribute("href")).toBe("/quality");
    expect(await axeViolations(page)).toEqual([]);
    const form = await api.dataEntry.form.query({ orgUnit: "LZ-PC-V01", period: "2016-11" });
    expect(PC_COLUMNS.map((c) => form.fields.find((f) => f.code === c)!.value)).toEqual(PC_COLUMNS.map((c) => csvValue("LZ-PC-V01", "2016-10", c)!));
    await page.close();
  });

  it("a change to 2016-03 (published 2016 Q1) shows the locked error, a month not yet begun its error at the period's cell; both values refused, nothing can be confirmed", async () => {
    const stored = csvValue("LZ-SH-V01", "2016-03", "certified_persons")!;
    const file = path.join(dir, "沙河镇2016年3月补报.csv");
    await writeFile(file, `org_unit,period,data_element,value\r\nLZ-SH-V01,2016-03,certified_persons,${stored + 1}\r\nLZ-SH-V01,2999-03,cataract_screened,3\r\n`);
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/import`);
    await page.getByTestId("import-file").setInputFiles(file);
    await page.getByTestId("import-check").click();
    const s = await summaryOf(page, "沙河镇2016年3月补报.csv");
    // Every value read is counted: both are refused.
    expect([s.rowsRead, s.read, s.new, s.updated, s.unchanged, s.refused, s.ignored, s.canCommit]).toEqual([2, 2, 0, 0, 0, 2, 0, false]);
    expect(await text(page.getByTestId("import-locked-months"))).toBe("2016年3月");
    expect(await text(page.getByTestId("import-layout"))).toBe("长表（每行一个数值）");
    expect(await problemRows(page)).toEqual([
      [
        "错误",
        "沙河镇2016年3月补报.csv",
        "—",
        "2",
        "D\nvalue",
        String(stored + 1),
        "2016-03 属于已发布的2016年第1季度考核，须先开始新的修订版本\n2016-03 is in the published assessment of 2016 Q1; start a new revision first",
      ],
      [
        "错误",
        "沙河镇2016年3月补报.csv",
        "—",
        "3",
        "B\nperiod",
        "2999-03",
        expect.stringMatching(/^期间 "2999-03" 尚未开始（本月为 \d{4}-\d{2}）\nperiod "2999-03" has not begun \(this month is \d{4}-\d{2}\)$/),
      ],
    ]);
    expect(await page.getByTestId("import-confirm").isDisabled()).toBe(true);
    const form = await api.dataEntry.form.query({ orgUnit: "LZ-SH-V01", period: "2016-03" });
    expect(form.fields.find((f) => f.code === "certified_persons")!.value).toBe(stored);
    await page.close();
  });

  it("沙河镇's officer checks a file with a row of 新华镇's village: that row's org unit cell is an error among the file's other problems, the value refused", async () => {
    const file = path.join(dir, "沙河镇2016年12月.csv");
    await writeFile(file, "org_unit,period,data_element,value\r\nLZ-SH-V01,2016-12,health_checks,5\r\nLZ-XH-V01,2016-12,health_checks,7\r\nLZ-SH-V01,2016-12,cataract_screened,-1\r\n");
    const cookie = await signIn(baseUrl, "demo-township", harness.demoPasswords.get("demo-township")!);
    const context = await harness.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    try {
      await context.addCookies([{ name: cookie.name, value: cookie.value, url: baseUrl, httpOnly: true, sameSite: "Strict" }]);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/import`);
      await page.getByTestId("import-file").setInputFiles(file);
      await page.getByTestId("import-check").click();
      const s = await summaryOf(page, "沙河镇2016年12月.csv");
      expect([s.rowsRead, s.read, s.new, s.updated, s.unchanged, s.refused, s.ignored, s.canCommit]).toEqual([3, 2, 0, 1, 0, 1, 1, false]);
      expect(await problemRows(page)).toEqual([
        [
          "错误",
          "沙河镇2016年12月.csv",
          "—",
          "3",
          "A\norg_unit",
          "LZ-XH-V01",
          "无权为新华镇 1号村（LZ-XH-V01）录入数据：您只能录入沙河镇（LZ-SH）及其下属单位的数据\nyou may not enter data for Xinhua Village 1 (LZ-XH-V01): you may enter data only for Shahe Township (LZ-SH) and the units under it",
        ],
        ["错误", "沙河镇2016年12月.csv", "—", "4", "D\nvalue", "-1", expect.stringMatching(/^\S.*\n.+$/)],
      ]);
      expect(await page.getByTestId("import-confirm").isDisabled()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("maps an unmatched header to a data element, saves the mapping under a name and checks again with it", async () => {
    const v1 = csvValue("LZ-YN-V01", "2016-12", "nursing_subsidy_recipients")!;
    const v2 = csvValue("LZ-YN-V02", "2016-12", "nursing_subsidy_recipients")!;
    const file = path.join(dir, "鸭暖镇护理.csv");
    // No month in the file: chosen on the page.
    const c1 = csvValue("LZ-YN-V01", "2016-12", "certified_persons")!;
    const c2 = csvValue("LZ-YN-V02", "2016-12", "certified_persons")!;
    await writeFile(file, `单位,持证残疾人数,重残护理人数\r\n${NAMES.get("LZ-YN-V01")},${c1},${v1}\r\n${NAMES.get("LZ-YN-V02")},${c2},${v2}\r\n`);
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/import`);
    await page.getByTestId("import-file").setInputFiles(file);
    await page.getByTestId("import-period").selectOption("2016-12");
    await page.getByTestId("import-check").click();
    const s1 = await summaryOf(page, "鸭暖镇护理.csv");
    // Column C names nothing: its 2 cells are not read (a warning on the header row).
    expect([s1.rowsRead, s1.read, s1.unchanged]).toEqual([2, 2, 2]);
    expect(await page.getByTestId("import-mapping-row-C").getAttribute("data-source")).toBe("unmatched");
    expect((await problemRows(page)).map((r) => [r[0], r[3], r[4]])).toEqual([["警告", "1", "C\n重残护理人数"]]);

    await page.getByTestId("import-mapping-target-C").selectOption("nursing_subsidy_recipients");
    expect(await text(page.getByTestId("import-mapping-changed"))).toBe("已修改 1 列（尚未保存）");
    await page.getByTestId("import-mapping-name").fill("鸭暖镇护理表");
    await page.getByTestId("import-mapping-save").click();
    await expect.poll(() => page.getByTestId("import-mapping-row-C").getAttribute("data-source"), { timeout: 60_000 }).toBe("mapping");
    const s2 = await summaryOf(page, "鸭暖镇护理.csv");
    // Column C is read through the mapping now: 2 more values, the stored ones, unchanged; no warning left.
    expect([s2.read, s2.new, s2.updated, s2.unchanged, s2.canCommit]).toEqual([4, 0, 0, 4, true]);
    expect(await text(page.getByTestId("import-problem-counts"))).toBe("问题：错误 0 个，警告 0 个");
    expect(await page.getByTestId("import-mapping").inputValue()).toBe("鸭暖镇护理表");
    const saved = (await api.mappings.list.query()).find((m) => m.name === "鸭暖镇护理表")!;
    expect(saved.mapping).toEqual({ 单位: "orgUnit", 持证残疾人数: "certified_persons", 重残护理人数: "nursing_subsidy_recipients" });
    await page.close();
  });

  it("announces reading, parsing row by row and validating for 10,000 rows, with a progress bar; all unchanged", async () => {
    const file = path.join(dir, "data_values-10000.csv");
    // The first 10,000 values of org units no other test here changes (新华镇, 平川镇 and 鸭暖镇 left out).
    const untouched = CSV_LINES.slice(1).filter((l) => !/^LZ-(XH|PC|YN)\b/.test(l)).slice(0, 10_000);
    expect(untouched).toHaveLength(10_000);
    await writeFile(file, [CSV_LINES[0], ...untouched].join("\n") + "\n");
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/import`);
    await page.getByTestId("import-form").waitFor({ timeout: 90_000 });
    await page.evaluate(() => {
      const w = window as unknown as { phases: string[]; progress: string[] };
      w.phases = [];
      w.progress = [];
      const live = document.querySelector('[data-testid="import-phase"]')!;
      new MutationObserver(() => {
        w.phases.push(live.textContent ?? "");
        const bar = document.querySelector('[data-testid="import-progress"]');
        if (bar) w.progress.push(`${bar.getAttribute("value")}/${bar.getAttribute("max")}`);
      }).observe(live, { childList: true, characterData: true, subtree: true });
    });
    await page.getByTestId("import-file").setInputFiles(file);
    await page.getByTestId("import-check").click();
    const s = await summaryOf(page, "data_values-10000.csv");
    expect([s.rowsRead, s.read, s.new, s.updated, s.unchanged, s.canCommit]).toEqual([10_000, 10_000, 0, 0, 10_000, true]);
    const { phases, progress } = await page.evaluate(() => {
      const w = window as unknown as { phases: string[]; progress: string[] };
      return { phases: w.phases, progress: w.progress };
    });
    const distinct = phases.filter((p, i) => p !== "" && p !== phases[i - 1]);
    // The parser reports at 0, every 2,000 rows and at the end; the page renders each report (flushSync), then the server's validation.
    expect(distinct).toEqual([
      "正在读取文件…",
      "正在解析第 0 行，共 10,000 行",
      "正在解析第 2,000 行，共 10,000 行",
      "正在解析第 4,000 行，共 10,000 行",
      "正在解析第 6,000 行，共 10,000 行",
      "正在解析第 8,000 行，共 10,000 行",
      "正在解析第 10,000 行，共 10,000 行",
      "正在服务器上校验…",
      "检查完成：没有错误，可以导入",
    ]);
    expect(progress).toContain("4000/10000");
    const ms = Number((await text(page.getByTestId("import-verdict"))).match(/用时 ([\d,]+) 毫秒/)![1]!.replace(/,/g, ""));
    console.log(`import page: 10,000-row long CSV parsed in the browser's worker in ${ms} ms`);
    await page.close();
  });
});
