/**
 * The assessment pages (issue 3) in real Chromium against the real server
 * (./harness.ts: one server with a fresh database and one browser for the
 * file). Values on the pages are compared with the server's tRPC answers:
 * the letter's points total and the server's refusal of 97, a run's ranking
 * against `assessments.get`, a rectification moved open → rectified →
 * verified, the overdue list against `supervision.overdue`, and axe-core on
 * every new page in Chinese and English.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { axeViolations, startHarness, type Api, type Harness } from "./harness.ts";

let harness: Harness;
let baseUrl: string;
let api: Api;
let runId: number;

async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? "").trim();
}

async function setLanguage(page: Page, language: "zh-CN" | "en"): Promise<void> {
  if ((await page.evaluate(() => document.documentElement.lang)) !== language) await page.getByTestId("language-switch").click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

beforeAll(async () => {
  harness = await startHarness();
  ({ baseUrl, api } = harness);
  // The demo data has letters, members and findings but no runs: compute 2016 Q4 for the townships.
  const run = await api.assessments.run.mutate({ year: 2016, quarter: 4, scope: "townships", manualDefault: "full" });
  runId = run.run.id;
});

afterAll(async () => {
  await harness?.stop();
});

describe("assessment pages in Chromium", () => {
  it("lists the 2016 township letters, and the editor refuses a total of 97 with the server's message in zh and en", async () => {
    const letters = await api.letters.list.query({ year: 2016, kind: "township" });
    expect(letters).toHaveLength(7);
    const shahe = letters.find((l) => l.assessedUnit.code === "LZ-SH")!;
    const first = shahe.items[0]!.points;

    const page = await harness.openPage();
    await page.goto(`${baseUrl}/letters?year=2016`);
    const row = page.getByTestId("letter-row-LZ-SH");
    await row.waitFor({ timeout: 60_000 });
    expect(await text(row.locator("td").nth(2))).toBe("100");
    expect(await page.locator("[data-testid^='letter-row-']").count()).toBe(7);
    // Loaded with the dataset: who saved it is the dataset loader, named as such, its id in the title (it was "dataset-loader").
    expect(shahe.updatedBy).toBe("dataset-loader");
    expect(await text(row.locator("td").nth(4))).toMatch(/^数据集导入 · /);
    expect(await row.locator("td").nth(4).locator("[data-person]").getAttribute("title")).toBe("dataset-loader");

    await row.getByRole("link").click();
    const total = page.getByTestId("points-total");
    await total.waitFor({ timeout: 30_000 });
    expect(await total.getAttribute("data-total")).toBe("100");
    expect(await text(total)).toBe("分值合计 100 分（应为100分）：正确");

    await page.getByTestId("item-0-points").fill(String(first - 3));
    await expect.poll(() => total.getAttribute("data-total")).toBe("97");
    expect(await text(total)).toBe("分值合计 97 分，应为100分");
    // Saving sends it anyway: the server refuses it, and its message stands by the total.
    const refused = page.waitForResponse((r) => r.url().includes("/trpc/letters.update"));
    await page.getByTestId("save-letter").click();
    expect((await refused).status()).toBe(400);
    await expect.poll(() => text(page.getByTestId("points-error"))).toBe("各项分值合计为97，应为100");
    await setLanguage(page, "en");
    await expect.poll(() => text(page.getByTestId("points-error"))).toBe("the items' points sum to 97, not 100");
    expect(await text(total)).toBe("Points total 97; must be 100");
    await setLanguage(page, "zh-CN");
    expect((await api.letters.get.query({ id: shahe.id })).version).toBe(shahe.version);

    // 全年目标 0 on i1 (update rate, higher is better, thresholds with floor 80) would give everyone full points:
    // the form names the item at both fields, in the reader's language, and the server refuses it (the shared LetterSchema).
    await page.getByTestId("item-0-points").fill(String(first));
    await page.getByTestId("item-0-annualTarget").fill("0");
    const targetError = page.getByTestId("item-0").getByRole("alert").first();
    await expect.poll(() => text(targetError)).toBe("项目i1「动态更新完成率」越高越好，全年目标须大于0");
    expect(await text(page.getByTestId("item-0").getByRole("alert").nth(1))).toBe("项目i1「动态更新完成率」越高越好，底线80不能高于全年目标0");
    await setLanguage(page, "en");
    await expect.poll(() => text(targetError)).toBe("item i1 (Dynamic data update completion rate): the annual target must be above 0 when higher is better");
    await setLanguage(page, "zh-CN");
    const refusedTarget = page.waitForResponse((r) => r.url().includes("/trpc/letters.update"));
    await page.getByTestId("save-letter").click();
    expect((await refusedTarget).status()).toBe(400);
    expect((await api.letters.get.query({ id: shahe.id })).version).toBe(shahe.version);
    await page.getByTestId("item-0-annualTarget").fill("100");
    await expect.poll(() => page.getByTestId("item-0").getByRole("alert").count()).toBe(0);

    // Back to 100: saved as the next version.
    await page.getByTestId("item-0-points").fill(String(first));
    await expect.poll(() => total.getAttribute("data-total")).toBe("100");
    expect(await page.getByTestId("points-error").count()).toBe(0);
    await page.getByTestId("save-letter").click();
    await expect.poll(() => text(page.getByTestId("save-status"))).toBe(`已保存，现为第${shahe.version + 1}版。`);
    const saved = await api.letters.get.query({ id: shahe.id });
    expect(saved.version).toBe(shahe.version + 1);
    expect(saved.items.map((i) => i.points)).toEqual(shahe.items.map((i) => i.points));
    await page.close();
  });

  it("gives each unit's self-score total beside the assessor's points for the same items (板桥镇 10 + 9 + 5 = 24.00 beside 8.50 + 9.00 + 5.00 = 22.50), and compares m2's 9.00 with its 9.00 before the 1.50 deduction", async () => {
    // Every unit had "—" here: the total was given only when every item, the indicator items too, had a self-score.
    const got = await api.assessments.get.query({ id: runId });
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/assessments/${runId}`);
    await page.getByTestId("self-total-LZ-BQ").waitFor({ timeout: 60_000 });
    expect(await text(page.getByTestId("self-total-LZ-BQ"))).toBe("24.003项；计分 22.50");
    for (const line of got.ranking) {
      const res = got.results.find((r) => r.assessedCode === line.code)!.result;
      expect(await text(page.getByTestId(`self-total-${line.code}`))).toBe(`${res.selfTotal!.display}${res.selfScoredItems!.length}项；计分 ${res.selfComparedTotal!.display}`);
    }
    await page.goto(`${baseUrl}/assessments/${runId}/units/LZ-BQ`);
    await page.getByTestId("unit-self-total").waitFor({ timeout: 60_000 });
    expect(await text(page.getByTestId("unit-self-total"))).toBe("24.00");
    expect(await text(page.getByTestId("unit-self-compared"))).toBe("自评项目 m1、m2、v1；同样项目计分得分（督查扣分前）22.50");
    // m2: the assessor's 9, less January's finding of 1.5 = 7.5; the unit's own 9 is compared with the 9 (it read "相差 1.50").
    expect(await text(page.getByTestId("item-score-m2"))).toBe("得分 7.50 / 10.00");
    expect(await text(page.getByTestId("item-self-m2"))).toBe("9.00与督查扣分前的计分得分 9.00 相差 0.00");
    expect(await text(page.getByTestId("item-self-m1"))).toBe("10.00与督查扣分前的计分得分 8.50 相差 1.50");
    await page.close();
  });

  it("keeps a unit's name and a short heading on one line in the ranking at 400 px, in large text too (沙/河/镇 one character a line before)", async () => {
    const page = await harness.openPage();
    await page.setViewportSize({ width: 400, height: 900 });
    await page.goto(`${baseUrl}/assessments/${runId}`);
    const ranking = page.getByTestId("ranking");
    await ranking.locator("tbody tr").first().waitFor({ timeout: 60_000 });
    /** The lines a cell's text takes: the distinct tops of its text's boxes. */
    const lines = (cell: Locator) =>
      cell.evaluate((el) => {
        const tops = new Set<number>();
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
        }
        return tops.size;
      });
    for (const large of [false, true]) {
      if (large) {
        await page.getByTestId("large-text-toggle").click();
        await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains("large-text"))).toBe(true);
      }
      const names = ranking.locator("tbody th[scope=row]");
      expect(await names.count()).toBe(7);
      for (let i = 0; i < 7; i++) expect(await lines(names.nth(i)), `${await text(names.nth(i))}${large ? " (large text)" : ""}`).toBe(1);
      const headings = ranking.locator("thead th");
      for (let i = 0; i < (await headings.count()); i++) expect(await lines(headings.nth(i)), `${await text(headings.nth(i))}${large ? " (large text)" : ""}`).toBe(1);
      // The table scrolls in its region; the page does not.
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(400);
    }
    // The shared context remembers large text: off again for the other tests.
    await page.getByTestId("large-text-toggle").click();
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains("large-text"))).toBe(false);
    await page.close();
  });

  it("shows a run's ranking with the totals, ranks and grades of assessments.get, then moves it to published with its hash: submitted by demo-admin, reviewed and published (after a confirmation) by demo-leader", async () => {
    const got = await api.assessments.get.query({ id: runId });
    expect(got.ranking).toHaveLength(7);
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/assessments/${runId}`);
    await page.getByTestId(`ranking-row-${got.ranking[0]!.code}`).waitFor({ timeout: 60_000 });
    // The server may have seeded demo runs (2016 Q1–Q3 published, Q4 draft): ours is the next revision.
    expect(await text(page.getByTestId("run-heading"))).toBe(`2016年第4季度考核结果：乡镇（第${got.run.revision}版）`);
    // Same order, ranks, totals (the engine's display text) and grades.
    const rows = page.locator("[data-testid^='ranking-row-']");
    expect(await rows.count()).toBe(got.ranking.length);
    for (let i = 0; i < got.ranking.length; i++) {
      const line = got.ranking[i]!;
      expect(await rows.nth(i).getAttribute("data-testid")).toBe(`ranking-row-${line.code}`);
      expect(await text(page.getByTestId(`rank-${line.code}`))).toBe(line.rank === null ? "—" : String(line.rank));
      expect(await text(page.getByTestId(`total-${line.code}`))).toBe(line.total);
      expect(await page.getByTestId(`grade-${line.code}`).getAttribute("data-grade")).toBe(line.grade ?? "ungraded");
    }
    // Grade in words next to the icon.
    const top = got.ranking[0]!;
    expect(await text(page.getByTestId(`grade-${top.code}`))).toBe({ excellent: "优秀", good: "良好", pass: "合格", fail: "不合格" }[top.grade as "excellent"]);
    // The distribution table agrees with the ranking.
    for (const g of ["excellent", "good", "pass", "fail"]) {
      expect(await page.getByTestId(`dist-${g}`).textContent()).toBe(String(got.ranking.filter((l) => l.grade === g).length));
    }

    // The server's XLSX export of the run, linked from the page.
    const href = await page.getByTestId("xlsx-link").getAttribute("href");
    expect(href).toBe(`/export/assessments/${runId}.xlsx`);
    const xlsx = await fetch(`${baseUrl}${href}`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");

    // demo-admin submits; review and publish are another user's (separation of duties): the page says so instead of offering them.
    expect(await text(page.getByTestId("run-next"))).toBe("提交");
    await page.getByTestId("run-next").click();
    await expect.poll(() => page.getByTestId("run-status").getAttribute("data-status")).toBe("submitted");
    await expect.poll(() => text(page.getByTestId("run-next-for-another"))).toBe("本次考核由您提交，须由其他用户审核：提交人不能审核或发布本人提交的考核结果。");
    expect(await page.getByTestId("run-next").count()).toBe(0);
    await setLanguage(page, "en");
    await expect.poll(() => text(page.getByTestId("run-next-for-another"))).toBe("You submitted this run, so another user must review it: the submitter may not review or publish the own submission.");
    await setLanguage(page, "zh-CN");
    // The server refuses it too (the page only follows it).
    await expect(api.assessments.review.mutate({ id: runId })).rejects.toThrow("another user must review it");

    // demo-leader reviews, then publishes after confirming: publishing freezes the result.
    const leader = await harness.openPageAs("demo-leader");
    await leader.goto(`${baseUrl}/assessments/${runId}`);
    await leader.getByTestId("run-next").waitFor({ timeout: 60_000 });
    expect(await text(leader.getByTestId("run-next"))).toBe("审核通过");
    await leader.getByTestId("run-next").click();
    await expect.poll(() => leader.getByTestId("run-status").getAttribute("data-status")).toBe("reviewed");
    expect(await text(leader.getByTestId("run-next"))).toBe("发布");
    await leader.getByTestId("run-next").click();
    const dialog = leader.getByRole("dialog", { name: "发布考核结果？" });
    await dialog.waitFor();
    expect(await dialog.getAttribute("data-testid")).toBe("publish-confirm");
    expect(await text(dialog.locator("p"))).toContain("发布后结果即冻结");
    // Cancelling publishes nothing.
    await leader.getByTestId("publish-confirm-cancel").click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await api.assessments.get.query({ id: runId })).run.status).toBe("reviewed");
    await leader.getByTestId("run-next").click();
    await leader.getByTestId("publish-confirm-confirm").click();
    await expect.poll(() => leader.getByTestId("run-status").getAttribute("data-status")).toBe("published");
    expect(await leader.getByTestId("run-next").count()).toBe(0);
    const published = (await api.assessments.get.query({ id: runId })).run;
    expect(published).toMatchObject({ status: "published", submittedBy: "demo-admin", reviewedBy: "demo-leader", publishedBy: "demo-leader" });
    expect(await text(leader.getByTestId("run-hash"))).toBe(published.inputsHash);
    // The accounts' display names, the usernames in the titles.
    await expect.poll(() => text(leader.getByTestId("step-published-by"))).toMatch(/^演示县领导 \/ Demo county leader，/);
    expect(await leader.getByTestId("step-published-by").getAttribute("title")).toBe("demo-leader");
    await expect.poll(() => text(leader.getByTestId("step-submitted-by"))).toMatch(/^演示管理员 \/ Demo administrator，/);
    expect(await leader.getByTestId("step-submitted-by").getAttribute("title")).toBe("demo-admin");
    await leader.close();

    // A unit's detail shows the same total and explains its items.
    const unit = got.ranking[2]!;
    await page.goto(`${baseUrl}/assessments/${runId}/units/${unit.code}`);
    await expect.poll(() => text(page.getByTestId("unit-total")), { timeout: 60_000 }).toBe(unit.total);
    const result = got.results.find((r) => r.assessedCode === unit.code)!.result;
    for (const item of result.items) {
      expect(await text(page.getByTestId(`item-score-${item.itemId}`))).toBe(`得分 ${item.score!.display} / ${item.points.display}`);
    }
    // The explanation's lines (made when the run is read, not stored with it): the first item's, opened, in Chinese:
    // its title and points first, its score last, as the API gives them.
    const first = result.items[0]!;
    const lines = page.getByTestId(`item-lines-${first.itemId}`);
    await lines.locator("summary").click();
    const shown = (await lines.locator("li").allTextContents()).map((l) => l.trim());
    expect(shown).toEqual([...first.explanation.lines.zh]);
    expect(shown[0]).toMatch(new RegExp(`^${first.itemId} .+，分值 `));
    expect(shown.at(-1)).toBe(`得分 ${first.score!.display} / ${Number(first.points.exact)}`);
    // The scores' last change names the demo's assessor or the unit's self-score source in words, never "demo-assessor" or "demo-self:…".
    const inputs = await api.assessmentInputs.get.query({ year: 2016, quarter: 4, assessedUnit: { kind: "township", code: unit.code } });
    const scored = inputs.manualScores[0]!;
    const lastOf = page.getByTestId(`entry-last-${scored.itemId}`);
    await expect.poll(() => text(lastOf)).toMatch(/^(县残联考核组（演示）|.+自评（数据集）) · /);
    expect(await lastOf.locator("[data-person]").getAttribute("title")).toMatch(/^(demo-assessor|demo-self:LZ-[A-Z]+)$/);
    expect(await text(page.getByTestId("quarter-4").locator("td").nth(1))).toBe(unit.total);
    // Q1–Q3: the quarter's published townships run (else its latest revision), as the API lists them; "—" without one.
    const runs = await api.assessments.list.query({ year: 2016, scope: "townships" });
    for (const q of [1, 2, 3]) {
      const of = runs.filter((r) => r.quarter === q).sort((a, b) => b.revision - a.revision);
      const chosen = of.find((r) => r.status === "published") ?? of[0];
      const expected = chosen ? (await api.assessments.get.query({ id: chosen.id })).ranking.find((l) => l.code === unit.code)?.total ?? "—" : "—";
      await expect.poll(() => text(page.getByTestId(`quarter-${q}`).locator("td").nth(1))).toBe(expected);
    }

    // The unit's self-score for a manual item, entered and read by the next revision (this run is frozen).
    const manual = result.items.find((i) => i.kind === "manual" && i.score !== null)!;
    const assessed = Number(manual.score!.display);
    const self = assessed >= 1 ? assessed - 1 : assessed + 1;
    await page.getByTestId(`entry-self-${manual.itemId}`).fill(String(self));
    await page.getByTestId("entries-save").click();
    await expect.poll(() => text(page.getByTestId("entries-status"))).toBe("已保存 1 项。");
    const entered = await api.assessmentInputs.get.query({ year: 2016, quarter: 4, assessedUnit: { kind: "township", code: unit.code } });
    expect(entered.selfScores.find((s) => s.itemId === manual.itemId)?.points).toBe(self);
    await page.getByTestId("entries-rerun").click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).not.toContain(`/assessments/${runId}/`);
    const nextId = Number(/\/assessments\/(\d+)\//.exec(page.url())![1]);
    const next = await api.assessments.get.query({ id: nextId });
    expect(next.run).toMatchObject({ year: 2016, quarter: 4, scope: "townships", revision: got.run.revision + 1, status: "draft" });
    const nextItem = next.results.find((r) => r.assessedCode === unit.code)!.result.items.find((i) => i.itemId === manual.itemId)!;
    expect(nextItem.selfScore?.selfScore.display).toBe(self.toFixed(2));
    expect(nextItem.selfScore?.flagged).toBe(true);
    await page.close();
  });

  it("prints the published result on A4 with Chinese headings, repeated table headers and no page frame", async () => {
    const got = await api.assessments.get.query({ id: runId });
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/assessments/${runId}/print`);
    await page.getByTestId("print-title").waitFor({ timeout: 60_000 });
    expect(await text(page.getByTestId("print-title"))).toBe("2016年第4季度乡镇目标管理责任考核结果");
    expect(await page.getByTestId("print-draft").count()).toBe(0);
    expect(await text(page.getByTestId("print-hash"))).toContain(got.run.inputsHash);
    for (const line of got.ranking) expect(await text(page.getByTestId(`print-row-${line.code}`).locator("td").nth(1))).toBe(line.total);
    // The publisher by the account's display name (published in the test above by demo-leader), the username in the title.
    await expect.poll(() => text(page.getByTestId("print-published"))).toMatch(/^演示县领导 \/ Demo county leader于\d{4}年\d{1,2}月\d{1,2}日发布。$/);
    expect(await page.getByTestId("print-published").getAttribute("title")).toBe("demo-leader");
    await page.emulateMedia({ media: "print" });
    const styles = await page.evaluate(() => ({
      thead: getComputedStyle(document.querySelector(".print-table thead")!).display,
      header: getComputedStyle(document.querySelector("header")!).display,
      nav: getComputedStyle(document.querySelector("nav")!).display === "none" || document.querySelector("header")!.contains(document.querySelector("nav")),
      controls: getComputedStyle(document.querySelector("[data-testid='print-controls']")!).display,
    }));
    expect(styles).toEqual({ thead: "table-header-group", header: "none", nav: true, controls: "none" });
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.close();

    // The trial's case: a run the demo seeding published as demo-leader printed "demo-leader于…发布".
    const seeded = (await api.assessments.list.query({ year: 2016, scope: "townships" })).find((r) => r.id !== runId && r.status === "published" && r.publishedBy === "demo-leader");
    expect(seeded).toBeDefined();
    const paper = await harness.openPage();
    await paper.goto(`${baseUrl}/assessments/${seeded!.id}/print`);
    await expect.poll(() => text(paper.getByTestId("print-published")), { timeout: 60_000 }).toMatch(/^演示县领导 \/ Demo county leader于/);
    expect(await paper.getByTestId("print-published").getAttribute("title")).toBe("demo-leader");
    await paper.close();
  });

  it("moves a finding open → rectified → verified (verifying needs a note) and lists overdue rectifications as of the latest data month's end", async () => {
    const latest = await api.meta.latestPeriod.query();
    expect(latest).toBe("2016-12");
    const overdue = await api.supervision.overdue.query({ asOf: "2016-12-31" });
    expect(overdue.length).toBeGreaterThan(0);
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/supervision?period=2016`);
    await page.getByTestId(`overdue-${overdue[0]!.id}`).waitFor({ timeout: 60_000 });
    expect(await text(page.getByTestId("overdue-as-of"))).toBe("截止日期：2016-12-31，即最新数据月份（2016年12月）的月末；可另选日期。");
    expect(await page.locator("[data-testid^='overdue-']:not([data-testid='overdue-as-of']):not([data-testid='overdue-date'])").count()).toBe(overdue.length);

    const open = (await api.supervision.list.query({ period: "2016", status: "open" }))[0]!;
    const status = page.getByTestId(`finding-status-${open.id}`);
    expect(await status.getAttribute("data-status")).toBe("open");
    expect(await text(status)).toBe("待整改");
    await page.getByTestId(`finding-move-${open.id}`).click();
    await expect.poll(() => status.getAttribute("data-status")).toBe("rectified");
    expect(await text(status)).toMatch(/^已整改/);
    expect((await api.supervision.get.query({ id: open.id })).rectification.status).toBe("rectified");

    // Verifying without a note is refused here, before the server is asked.
    await page.getByTestId(`finding-move-${open.id}`).click();
    await expect.poll(() => page.getByTestId(`finding-${open.id}`).getByRole("alert").count()).toBe(1);
    expect(await status.getAttribute("data-status")).toBe("rectified");
    await page.getByTestId(`finding-note-${open.id}`).fill("复查已整改到位（测试）");
    await page.getByTestId(`finding-move-${open.id}`).click();
    await expect.poll(() => status.getAttribute("data-status")).toBe("verified");
    const verified = await api.supervision.get.query({ id: open.id });
    expect(verified.rectification).toMatchObject({ status: "verified", verificationNote: "复查已整改到位（测试）" });
    // Who rectified and verified: the account's display name (it was "demo-admin").
    expect(verified.verifiedBy).toBe("demo-admin");
    await expect.poll(() => text(page.getByTestId(`finding-${open.id}`))).toContain("演示管理员 / Demo administrator 于");
    expect(await text(page.getByTestId(`finding-${open.id}`))).not.toContain("demo-admin");

    // A chosen date is said to be chosen, and the list follows the server's answer for it.
    await page.getByTestId("overdue-date").fill("2016-06-30");
    await expect.poll(() => text(page.getByTestId("overdue-as-of"))).toBe("截止日期：2016-06-30（自选日期）。");
    const june = await api.supervision.overdue.query({ asOf: "2016-06-30" });
    await expect.poll(() => page.locator("[data-testid^='overdue-']:not([data-testid='overdue-as-of']):not([data-testid='overdue-date'])").count()).toBe(june.length);
    await page.close();
  });

  it("lists committee members by township and adds one", async () => {
    const shahe = await api.members.list.query({ under: "LZ-SH" });
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/members?township=LZ-SH`);
    await page.getByTestId(`member-row-${shahe[0]!.code}`).waitFor({ timeout: 60_000 });
    expect(await page.locator("[data-testid^='member-row-']").count()).toBe(shahe.length);
    await page.getByTestId("member-code").fill("CM-LZ-SH-T01");
    await page.getByTestId("member-name").fill("专职委员 测试 / Committee member, test");
    await page.getByTestId("member-orgUnit").selectOption("LZ-SH-V01");
    await page.getByTestId("member-inPostFrom").fill("2016-07");
    await page.getByTestId("member-save").click();
    await expect.poll(() => text(page.getByTestId("member-status"))).toBe("已添加专职委员 CM-LZ-SH-T01。");
    expect(await api.members.get.query({ code: "CM-LZ-SH-T01" })).toMatchObject({ orgUnit: "LZ-SH-V01", inPostFrom: "2016-07", inPostTo: null });
    await page.getByTestId("member-row-CM-LZ-SH-T01").waitFor();
    await page.close();
  });

  it("adds a commendation of 2 points on a draft run's unit page; computing again adds it to the unit's bonus (capped)", async () => {
    type Bonus = { bonus: { fromItems: { display: string }; fromCommendations: { display: string }; cap: { display: string }; total: { display: string } } };
    const bonusOf = (got: Awaited<ReturnType<typeof api.assessments.get.query>>, code: string) => (got.results.find((r) => r.assessedCode === code)!.result as Bonus).bonus;
    const draft = await api.assessments.run.mutate({ year: 2016, quarter: 4, scope: "townships" });
    expect(draft.run.status).toBe("draft");
    const before = await api.assessments.get.query({ id: draft.run.id });
    // Prefer a township whose bonus leaves room for 2 more points under the cap.
    const room = (code: string) => Number(bonusOf(before, code).cap.display) - Number(bonusOf(before, code).total.display);
    const code = [...before.ranking].sort((a, b) => room(b.code) - room(a.code))[0]!.code;
    const prev = bonusOf(before, code);
    const key = { year: 2016, quarter: 4, assessedUnit: { kind: "township" as const, code } };
    const commendationsBefore = (await api.assessmentInputs.get.query(key)).commendations.length;

    const page = await harness.openPage();
    await page.goto(`${baseUrl}/assessments/${draft.run.id}/units/${code}`);
    await page.getByTestId("commendation-reason").waitFor({ timeout: 60_000 });
    // The cap is said next to the points field.
    expect(await text(page.getByTestId("adjustments"))).toContain("加分合计最多5分");
    // Refused here before the server is asked: no reason, no points.
    await page.getByTestId("commendation-add").click();
    await expect.poll(() => page.getByTestId("adjustments").getByRole("alert").count()).toBe(2);
    await page.getByTestId("commendation-reason").fill("抗洪抢险表彰（测试）");
    await page.getByTestId("commendation-points").fill("2");
    await page.getByTestId("commendation-add").click();
    await expect.poll(() => text(page.getByTestId("adjustments-status"))).toBe("已添加表彰加分 2 分。");
    const entered = await api.assessmentInputs.get.query(key);
    expect(entered.commendations).toHaveLength(commendationsBefore + 1);
    const added = entered.commendations.find((c) => c.reason === "抗洪抢险表彰（测试）")!;
    expect(added.points).toBe(2);
    await page.getByTestId(`adjustment-${added.id}`).waitFor();

    await page.getByTestId("entries-rerun").click();
    await expect.poll(() => page.url(), { timeout: 30_000 }).not.toContain(`/assessments/${draft.run.id}/`);
    const nextId = Number(/\/assessments\/(\d+)\//.exec(page.url())![1]);
    const next = await api.assessments.get.query({ id: nextId });
    expect(next.run).toMatchObject({ year: 2016, quarter: 4, scope: "townships", revision: draft.run.revision + 1, status: "draft" });
    const bonus = bonusOf(next, code);
    expect(Number(bonus.fromCommendations.display)).toBeCloseTo(Number(prev.fromCommendations.display) + 2, 2);
    expect(Number(bonus.total.display)).toBeCloseTo(Math.min(Number(prev.fromItems.display) + Number(prev.fromCommendations.display) + 2, Number(prev.cap.display)), 2);
    await page.close();
  });

  it("the finding form: each submit recomputes the messages, a due date before the month, more points than the item and a published month are refused; the number is named; a withdrawal needs a reason and is shown with it", async () => {
    const page = await harness.openPage();
    await page.goto(`${baseUrl}/supervision?period=2016`);
    const form = page.getByTestId("add-finding");
    await page.getByTestId("finding-add").waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator(".animate-pulse").count(), { timeout: 30_000 }).toBe(0);
    /** The fields marked invalid, each with the text of the message its aria-describedby points to. */
    const invalid = () =>
      form.locator("[aria-invalid='true']").evaluateAll((els) => els.map((e) => [e.getAttribute("data-testid"), document.getElementById(e.getAttribute("aria-describedby") ?? "")?.textContent?.trim() ?? null]));

    await page.getByTestId("finding-add").click();
    await expect.poll(invalid).toEqual([
      ["finding-unit", "必填"],
      ["finding-item", "必填"],
      ["finding-description", "必填"],
      ["finding-owner", "必填"],
      ["finding-due", "必填"],
    ]);
    // A field's message goes when the field changes, and the next submit says only what is still wrong
    // (−3 was blocked by the browser's own check, and the five "必填" stayed under the filled fields).
    await page.getByTestId("finding-unit").selectOption("LZ-PC");
    await expect.poll(() => page.getByTestId("finding-unit").getAttribute("aria-invalid")).toBeNull();
    await expect.poll(() => page.getByTestId("finding-item").isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId("finding-item").selectOption("m2");
    await page.getByTestId("finding-owner").fill("平川镇残联（测试）");
    await page.getByTestId("finding-points").fill("-3");
    await page.getByTestId("finding-add").click();
    await expect.poll(invalid).toEqual([
      ["finding-description", "必填"],
      ["finding-points", "扣分不能为负"],
      ["finding-due", "必填"],
    ]);
    expect(await form.locator("[role='alert']").count()).toBe(3);

    // 25 typed for 2.5 on m2 (10 points), due before December: both refused here, under their fields.
    await page.getByTestId("finding-description").fill("月报表逾期报送（测试）");
    await page.getByTestId("finding-points").fill("25");
    await page.getByTestId("finding-due").fill("2016-11-01");
    await page.getByTestId("finding-add").click();
    await expect.poll(invalid).toEqual([
      ["finding-points", "扣分 25 超过项目 m2“信息报送：月报表按时、准确报送”的分值 10 分"],
      ["finding-due", "整改期限 2016-11-01 早于发现问题的月份 2016-12，应不早于 2016-12-01"],
    ]);

    // February is in the published 2016 Q1 assessment (the demo server publishes Q1–Q3): backdating the finding there is
    // refused under the month, as that month's data values are.
    const lock = (await api.dataEntry.form.query({ orgUnit: "LZ-PC", period: "2016-02" })).locked;
    expect(lock?.quarter).toBe("2016Q1");
    await page.getByTestId("finding-month").fill("2016-02");
    await page.getByTestId("finding-points").fill("2.5");
    await page.getByTestId("finding-due").fill("2016-03-15");
    await page.getByTestId("finding-add").click();
    await expect.poll(invalid).toEqual([["finding-month", "2016-02 属于已发布的2016年第1季度考核，须先开始新的修订版本"]]);
    expect((await api.supervision.list.query({ kind: "township", code: "LZ-PC", period: "2016-02" })).map((f) => f.description)).not.toContain("月报表逾期报送（测试）");

    // A new revision of each published series of Q1 opens the quarter; then the finding is recorded and named by its number.
    for (const r of lock!.runs) {
      await api.assessments.run.mutate({ year: r.year, quarter: r.quarter, scope: r.scope as "townships", ...(r.scope === "townshipMembers" ? { township: r.scopeOrgUnit } : {}), manualDefault: "full" });
    }
    await page.getByTestId("finding-add").click();
    const done = form.getByRole("status");
    await expect.poll(() => text(done)).toMatch(/^已登记问题（编号 \d+）。$/);
    const created = (await api.supervision.list.query({ kind: "township", code: "LZ-PC", period: "2016-02" })).find((f) => f.description === "月报表逾期报送（测试）")!;
    expect(created.pointsDeducted).toBe(2.5);
    expect(await text(done)).toBe(`已登记问题（编号 ${created.id}）。`);
    expect(await invalid()).toEqual([]);

    // Withdrawing it: the reason is required; then the row stays, marked, with the reason, and cannot be withdrawn again.
    const row = page.getByTestId(`finding-${created.id}`);
    await row.waitFor({ timeout: 30_000 });
    await page.getByTestId(`finding-withdraw-${created.id}`).click();
    await page.getByTestId(`finding-withdraw-confirm-${created.id}`).click();
    await expect.poll(() => text(row.getByRole("alert"))).toBe("撤销须填写原因。");
    expect((await api.supervision.get.query({ id: created.id })).withdrawal).toBeNull();
    await page.getByTestId(`finding-withdraw-reason-${created.id}`).fill("误录，重复登记（测试）");
    await page.getByTestId(`finding-withdraw-confirm-${created.id}`).click();
    await expect.poll(() => row.getAttribute("data-withdrawn")).toBe("true");
    expect((await api.supervision.get.query({ id: created.id })).withdrawal).toMatchObject({ reason: "误录，重复登记（测试）", by: "demo-admin" });
    expect(await text(page.getByTestId(`finding-withdrawn-${created.id}`))).toMatch(/^已撤销，不再扣分演示管理员 \/ Demo administrator 于 .+ 撤销：误录，重复登记（测试）$/);
    expect(await page.getByTestId(`finding-withdraw-${created.id}`).count()).toBe(0);
    expect(await page.getByTestId(`finding-move-${created.id}`).count()).toBe(0);

    await setLanguage(page, "en");
    await expect.poll(() => text(page.getByTestId(`finding-withdrawn-${created.id}`))).toMatch(/^Withdrawn, no longer deductedWithdrawn by 演示管理员 \/ Demo administrator on .+: 误录，重复登记（测试）$/);
    expect(await text(done)).toBe(`Finding recorded (no. ${created.id}).`);
    await setLanguage(page, "zh-CN");
    await page.close();
  });

  it("has no axe violations on the new pages, in Chinese and in English", async () => {
    const letter = (await api.letters.list.query({ year: 2016, kind: "township" }))[0]!;
    const pages = [
      ["/letters?year=2016", "letter-row-LZ-SH"],
      [`/letters/${letter.id}`, "points-total"],
      ["/members?township=LZ-XH", "member-row-CM-LZ-XH"],
      ["/supervision?period=2016", "overdue-as-of"],
      ["/assessments?year=2016", `run-row-${runId}`],
      [`/assessments/${runId}`, "ranking"],
      [`/assessments/${runId}/units/LZ-SH`, "unit-total"],
      [`/assessments/${runId}/print`, "print-title"],
    ] as const;
    const page = await harness.openPage();
    for (const [url, ready] of pages) {
      await page.goto(`${baseUrl}${url}`);
      await page.getByTestId(ready).waitFor({ timeout: 60_000 });
      // Let the page's queries settle (tables replace their placeholders).
      await expect.poll(() => page.locator(".animate-pulse").count(), { timeout: 30_000 }).toBe(0);
      for (const language of ["zh-CN", "en"] as const) {
        await setLanguage(page, language);
        expect(await axeViolations(page), `${language} ${url}`).toEqual([]);
      }
      await setLanguage(page, "zh-CN");
    }
    await page.close();
  });
});
