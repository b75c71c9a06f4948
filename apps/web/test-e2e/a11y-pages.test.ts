/**
 * Issue 7 points 1 and 8: every page of src/app.tsx's routes, and the states
 * a user meets on them (forms with their errors shown, disclosures open,
 * empty lists, an import checked with errors, the sign-in error), in zh-CN
 * and in English, in real Chromium against the real server (./harness.ts:
 * fresh database, demo data seeded with the 2016 assessments). On each page
 * and state, in each language:
 *
 * - `<html lang>` is the language ("zh-CN" or "en");
 * - axe-core finds no violation of WCAG 2.0/2.1/2.2 A and AA (tags wcag2a,
 *   wcag2aa, wcag21a, wcag21aa, wcag22aa) nor of its best practices;
 * - a full-page screenshot is saved as
 *   apps/web/test-results/screenshots/<lang>/<NN-name>.png (test-results/ is
 *   ignored by git) for a person to look at.
 *
 * One page is reused: routes change with the router's own history (push +
 * popstate) so the in-browser engine loads once; the language is switched in
 * place with the header's switch, so a message already on screen must follow
 * the language too.
 */
import { mkdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { signIn, startHarness, type Api, type Harness } from "./harness.ts";

type Language = "zh-CN" | "en";
const LANGUAGES: readonly Language[] = ["zh-CN", "en"];
const SHOTS = fileURLToPath(new URL("../test-results/screenshots/", import.meta.url));
const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

let harness: Harness;
let baseUrl: string;
let api: Api;

/** axe-core's violations under AXE_TAGS, one line each: "rule (impact): target — summary". */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async (tags) => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<Result> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary.replace(/\s+/g, " ").slice(0, 200)}`));
  }, AXE_TAGS);
}

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);

async function setLanguage(page: Page, language: Language): Promise<void> {
  if ((await htmlLang(page)) !== language) await page.getByTestId("language-switch").click();
  await expect.poll(() => htmlLang(page)).toBe(language);
}

/** Waits until no loading placeholder (Tailwind's animate-pulse) nor loading status is left on the page. */
async function settle(page: Page): Promise<void> {
  await expect.poll(() => page.locator(".animate-pulse, [aria-busy='true']").count(), { timeout: 60_000 }).toBe(0);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Goes to `url` inside the app (router history: no reload) once the app is loaded, else loads it. */
async function visit(page: Page, url: string): Promise<void> {
  const loaded = page.url().startsWith(baseUrl) && !new URL(page.url()).pathname.startsWith("/login") && (await page.getByTestId("load-status").getAttribute("data-state").catch(() => null)) === "success";
  if (!loaded) {
    await page.goto(`${baseUrl}${url}`);
    return;
  }
  await page.evaluate((u) => {
    window.history.pushState(null, "", u);
    window.dispatchEvent(new PopStateEvent("popstate", { state: null }));
  }, url);
  await expect.poll(() => page.url()).toBe(`${baseUrl}${url}`);
}

/** What the scenes' URLs need from the seeded database. */
interface Seeded {
  readonly published: number;
  readonly draft: number;
  readonly members: number;
  readonly letter: number;
  readonly letterFirstPoints: number;
  /** The demo committee member's (CM-LZ-SH-V01) own 2016 letter. */
  readonly memberLetter: number;
}

interface Scene {
  /** The screenshot's name (and the test's). */
  readonly name: string;
  readonly url: string | ((s: Seeded) => string);
  /** Resolves once the page shows what is checked (in the language current when it runs). */
  readonly ready: (page: Page) => Promise<unknown>;
  /** Brings the page into the state (a form submitted, a disclosure opened …). */
  readonly act?: (page: Page) => Promise<unknown>;
  /** Load the page afresh (the state needs a new page, e.g. after a previous one's form). */
  readonly reload?: boolean;
  /** The state's messages (CSS): after a switch of language they must be in the new one (Chinese characters in zh-CN, none in English). */
  readonly messages?: string;
}

const byTestId = (id: string) => (page: Page) => page.getByTestId(id).first().waitFor({ timeout: 90_000 });
const mainHeading = (page: Page) => page.locator("main h1").first().waitFor({ timeout: 90_000 });

let shot = 0;
const HAN = /\p{Script=Han}/u;

/**
 * Visits a scene and checks it in both languages (starting with the current
 * one, so no switch is wasted): `<html lang>`, the state's messages in the
 * language, axe-core; a screenshot of each.
 */
async function check(page: Page, scene: Scene, seeded: Seeded): Promise<void> {
  const started = Date.now();
  const url = typeof scene.url === "string" ? scene.url : scene.url(seeded);
  if (scene.reload) await page.goto(`${baseUrl}${url}`);
  else await visit(page, url);
  await scene.ready(page);
  await settle(page);
  if (scene.act) {
    await scene.act(page);
    await settle(page);
  }
  const current = (await htmlLang(page)) as Language;
  const order = current === "en" ? [...LANGUAGES].reverse() : LANGUAGES;
  const n = String(++shot).padStart(2, "0");
  const found: Record<string, { lang: string; messagesNotInTheLanguage: string[]; violations: string[] }> = {};
  for (const language of order) {
    await setLanguage(page, language);
    await settle(page);
    const violations = await axeViolations(page);
    const messages = scene.messages ? (await page.locator(scene.messages).allInnerTexts()).map((m) => m.trim()).filter(Boolean) : [];
    if (scene.messages) expect(messages.length, `${scene.name}: messages shown`).toBeGreaterThan(0);
    found[language] = { lang: await htmlLang(page), messagesNotInTheLanguage: messages.filter((m) => HAN.test(m) !== (language === "zh-CN")), violations };
    await page.screenshot({ path: path.join(SHOTS, language, `${n}-${scene.name}.png`), fullPage: true, animations: "disabled" });
  }
  if (process.env.A11Y_TIMES) console.log(`${scene.name}: ${Date.now() - started} ms`);
  expect(found).toEqual(Object.fromEntries(LANGUAGES.map((l) => [l, { lang: l, messagesNotInTheLanguage: [], violations: [] }])));
}

/** The long CSV of a checked import with errors: a negative count, an unknown unit, an unknown data element, a locked month. */
const BAD_IMPORT_CSV = [
  "org_unit,period,data_element,value",
  "LZ-SH-V01,2016-12,certified_persons,-3",
  "LZ-NOPE,2016-12,certified_persons,5",
  "LZ-SH-V02,2016-12,no_such_element,5",
  "LZ-SH-V03,2016-03,certified_persons,40",
  "LZ-SH-V04,2016-12,certified_persons,abc",
].join("\n");

const SCENES: readonly Scene[] = [
  {
    name: "overview",
    url: "/",
    ready: byTestId("kpi-value-enrollment_rate"),
    // December 2016's persons on any subsidy roll in the county: the report's 1,688 (DOMAIN.md §5, a stock: the December value).
    act: async (page) => expect(await page.getByTestId("kpi-value-subsidy_recipients").textContent()).toBe("1,688"),
  },
  { name: "overview-village", url: "/?orgUnit=LZ-XH-V02&period=2016-12", ready: byTestId("kpi-value-enrollment_rate") },
  { name: "townships", url: "/townships", ready: byTestId("scorecard") },
  { name: "townships-villages-quarter", url: "/townships?orgUnit=LZ-SH&periodType=quarter&period=2016Q3", ready: byTestId("chart-villages") },
  { name: "indicator", url: "/indicator?indicator=subsidy_paid_cny&orgUnit=LZ-XH-V02", ready: byTestId("detail-by-month") },
  { name: "letters", url: "/letters?year=2016", ready: byTestId("letter-row-LZ-SH") },
  { name: "letters-empty", url: "/letters?year=2015", ready: mainHeading },
  {
    name: "letter-editor-total-wrong",
    url: (s) => `/letters/${s.letter}`,
    ready: byTestId("points-total"),
    messages: "[data-testid='points-total'], [data-testid='points-error']",
    act: async (page) => {
      await page.getByTestId("item-0-points").fill(String(seeded.letterFirstPoints - 3));
      await page.getByTestId("save-letter").click();
      await page.getByTestId("points-error").waitFor({ timeout: 30_000 });
    },
  },
  { name: "members", url: "/members?township=LZ-XH", ready: byTestId("member-row-CM-LZ-XH") },
  {
    name: "members-form-errors",
    url: "/members?township=LZ-SH",
    ready: byTestId("member-save"),
    messages: "[data-testid='member-form'] [role='alert']",
    act: async (page) => {
      await page.getByTestId("member-save").click();
      await page.locator("[aria-invalid='true']").first().waitFor({ timeout: 30_000 });
    },
  },
  { name: "supervision", url: "/supervision?period=2016", ready: byTestId("overdue-as-of") },
  {
    name: "supervision-form-errors",
    url: "/supervision?period=2016-12&township=LZ-PC",
    ready: byTestId("finding-add"),
    messages: "[data-testid='add-finding'] [role='alert']",
    act: async (page) => {
      await page.getByTestId("finding-add").click();
      await page.getByTestId("add-finding").locator("[role='alert']").first().waitFor({ timeout: 30_000 });
      // The five fields left empty (unit, item, description, owner, due date) are marked and point to their messages.
      const described = await page
        .getByTestId("add-finding")
        .locator("[aria-invalid='true']")
        .evaluateAll((els) => els.map((e) => document.getElementById(e.getAttribute("aria-describedby") ?? "")?.textContent?.trim() ?? ""));
      expect(described).toHaveLength(5);
      expect(described.filter((m) => m === "")).toEqual([]);
    },
  },
  { name: "assessments", url: "/assessments?year=2016", ready: (page) => page.locator("[data-testid^='run-row-']").first().waitFor({ timeout: 90_000 }) },
  {
    name: "supervision-form-over-item-and-early-due",
    url: "/supervision?period=2016-12&township=LZ-PC",
    ready: byTestId("finding-add"),
    messages: "[data-testid='add-finding'] [role='alert']",
    act: async (page) => {
      await page.getByTestId("finding-unit").selectOption("LZ-PC");
      await expect.poll(() => page.getByTestId("finding-item").isEnabled(), { timeout: 30_000 }).toBe(true);
      await page.getByTestId("finding-item").selectOption("m2");
      await page.getByTestId("finding-description").fill("测试");
      await page.getByTestId("finding-owner").fill("测试");
      await page.getByTestId("finding-points").fill("25");
      await page.getByTestId("finding-due").fill("2016-11-01");
      await page.getByTestId("finding-add").click();
      // Both refused in the form: more than m2's 10 points, due before December.
      await expect.poll(() => page.getByTestId("add-finding").locator("[aria-invalid='true']").count(), { timeout: 30_000 }).toBe(2);
    },
  },
  {
    name: "supervision-withdraw-reason",
    url: "/supervision?period=2016&township=LZ-XH",
    ready: (page) => page.locator("[data-testid^='finding-withdraw-']").first().waitFor({ timeout: 60_000 }),
    messages: "[data-testid='findings-list'] [role='alert']",
    act: async (page) => {
      await page.locator("[data-testid^='finding-withdraw-']").first().click();
      await page.locator("[data-testid^='finding-withdraw-confirm-']").first().click();
      await page.getByTestId("findings-list").locator("[role='alert']").first().waitFor({ timeout: 30_000 });
    },
  },
  { name: "assessments-empty", url: "/assessments?year=2015", ready: mainHeading },
  { name: "run-published", url: (s) => `/assessments/${s.published}`, ready: byTestId("ranking") },
  { name: "run-draft", url: (s) => `/assessments/${s.draft}`, ready: byTestId("ranking") },
  { name: "run-members", url: (s) => `/assessments/${s.members}`, ready: byTestId("ranking") },
  { name: "unit-published", url: (s) => `/assessments/${s.published}/units/LZ-SH`, ready: byTestId("unit-total") },
  {
    name: "unit-draft-data-values-open",
    url: (s) => `/assessments/${s.draft}/units/LZ-SH`,
    ready: byTestId("unit-total"),
    act: async (page) => {
      await page.getByTestId("data-values-i7").locator("summary").click();
      await page.getByTestId("data-values-table-i7").waitFor({ timeout: 30_000 });
    },
  },
  { name: "print", url: (s) => `/assessments/${s.published}/print`, ready: byTestId("print-title") },
  { name: "print-draft", url: (s) => `/assessments/${s.draft}/print`, ready: byTestId("print-draft") },
  { name: "quality", url: "/quality", ready: byTestId("completeness-summary") },
  {
    name: "quality-due-day-error",
    url: "/quality?year=2016&period=2016-11",
    ready: byTestId("due-day-input"),
    messages: "[data-testid='due-day-error']",
    act: async (page) => {
      await page.getByTestId("due-day-input").fill("40");
      await page.getByTestId("due-day-save").click();
      await page.getByTestId("due-day-error").waitFor({ timeout: 30_000 });
    },
  },
  { name: "entry", url: "/entry?orgUnit=LZ-SH-V01&period=2016-11", ready: byTestId("entry-form") },
  {
    name: "entry-error-history-open",
    url: "/entry?orgUnit=LZ-SH-V01&period=2016-12",
    ready: byTestId("entry-form"),
    messages: "[data-testid='entry-form-error'], [data-testid='entry-error-cataract_surgeries']",
    act: async (page) => {
      await page.getByTestId("entry-cataract_surgeries").fill("1.5");
      await page.getByTestId("entry-save").click();
      await page.getByTestId("entry-form-error").waitFor();
      await page.getByTestId("entry-history-nursing_subsidy_recipients").locator("summary").click();
      await page.getByTestId("entry-history-table-nursing_subsidy_recipients").waitFor({ timeout: 30_000 });
    },
  },
  { name: "entry-locked", url: "/entry?orgUnit=LZ-SH&period=2016-02", ready: byTestId("entry-locked") },
  {
    name: "import-no-file",
    url: "/import",
    ready: byTestId("import-form"),
    messages: "[data-testid='import-file-error']",
    act: async (page) => {
      await page.getByTestId("import-check").click();
      await page.getByTestId("import-file-error").waitFor({ timeout: 30_000 });
    },
  },
  {
    name: "import-summary-errors",
    url: "/import",
    ready: byTestId("import-form"),
    act: async (page) => {
      await page.getByTestId("import-file").setInputFiles({ name: "shahe-2016-12-errors.csv", mimeType: "text/csv", buffer: Buffer.from(BAD_IMPORT_CSV, "utf8") });
      await page.getByTestId("import-check").click();
      await expect.poll(() => page.getByTestId("import-phase").getAttribute("data-phase"), { timeout: 90_000 }).toBe("checked");
      await page.getByTestId("import-problem-table").waitFor();
    },
  },
  { name: "admin-users", url: "/admin/users", ready: byTestId("users-table") },
  {
    name: "admin-users-form-error",
    url: "/admin/users",
    ready: byTestId("users-table"),
    messages: "[data-testid='users-status']",
    act: async (page) => {
      await page.locator("main button").filter({ hasText: /^(新建用户|New user)$/ }).first().click();
      const form = page.getByTestId("user-form");
      await form.locator("input").nth(0).fill("demo-admin");
      await form.locator("input").nth(1).fill("重复的用户名");
      await form.locator("button[type='submit']").click();
      await expect.poll(() => page.getByTestId("users-status").textContent(), { timeout: 30_000 }).not.toBe("");
    },
  },
  {
    name: "admin-audit-details-open",
    url: "/admin/audit",
    ready: byTestId("audit-table"),
    act: async (page) => {
      await page.getByTestId("audit-row").first().locator("summary").first().click();
    },
  },
  { name: "admin-audit-empty", url: "/admin/audit?actor=nobody-at-all", ready: byTestId("audit-empty") },
  {
    name: "account-mismatch",
    url: "/account",
    ready: mainHeading,
    messages: "[data-testid='password-status']",
    act: async (page) => {
      const inputs = page.locator("main input[type='password']");
      await inputs.nth(0).fill("whatever-it-is");
      await inputs.nth(1).fill("a-new-password-1");
      await inputs.nth(2).fill("a-new-password-2");
      await page.locator("main button[type='submit']").click();
      await expect.poll(() => page.getByTestId("password-status").textContent()).not.toBe("");
    },
  },
  { name: "not-found", url: "/no-such-page", ready: mainHeading },
];

const loginForm = byTestId("login-form");
/** Signed out: the sign-in page, plain, with the session-expired notice, and with a wrong password's error. */
const LOGIN_SCENES: readonly Scene[] = [
  { name: "login", url: "/login", reload: true, ready: loginForm },
  { name: "login-expired", url: "/login?expired=1&next=%2Fquality", reload: true, ready: loginForm },
  {
    name: "login-error",
    url: "/login",
    reload: true,
    ready: loginForm,
    messages: "[data-testid='login-error']",
    act: async (p) => {
      const inputs = p.getByTestId("login-form").locator("input");
      await inputs.nth(0).fill("demo-township");
      await inputs.nth(1).fill("not-the-password");
      await p.getByTestId("login-form").locator("button[type='submit']").click();
      await p.getByTestId("login-error").waitFor({ timeout: 30_000 });
    },
  },
];

const notAllowed = byTestId("not-allowed");
/** The demo roles other than the administrator, each on the pages as the role sees them, its "not for this role" states included. */
const ROLE_SCENES: readonly { role: string; username: string; scenes: readonly Scene[] }[] = [
  {
    role: "leader",
    username: "demo-leader",
    scenes: [
      { name: "overview", url: "/", ready: byTestId("kpi-value-enrollment_rate") },
      { name: "townships", url: "/townships", ready: byTestId("scorecard") },
      { name: "run-draft", url: (s) => `/assessments/${s.draft}`, ready: byTestId("ranking") },
      { name: "entry-read-only", url: "/entry?orgUnit=LZ-SH-V01&period=2016-12", ready: byTestId("entry-read-only") },
      { name: "import-not-allowed", url: "/import", ready: notAllowed },
      { name: "admin-users-not-allowed", url: "/admin/users", ready: notAllowed },
    ],
  },
  {
    role: "township",
    username: "demo-township",
    scenes: [
      { name: "townships", url: "/townships", ready: byTestId("compare-note") },
      { name: "townships-villages-withheld", url: "/townships?orgUnit=LZ-XH", ready: byTestId("villages-withheld") },
      { name: "quality", url: "/quality", ready: byTestId("completeness") },
      { name: "entry", url: "/entry?orgUnit=LZ-SH-V02&period=2016-11", ready: byTestId("entry-save") },
      { name: "supervision", url: "/supervision?period=2016", ready: byTestId("overdue-as-of") },
    ],
  },
  {
    role: "member",
    username: "demo-member",
    scenes: [
      { name: "overview", url: "/", ready: byTestId("kpi-value-enrollment_rate") },
      { name: "townships-not-allowed", url: "/townships", ready: notAllowed },
      // The list opens on the members' letters (the own one); the townships' letters are none of the member's: an empty list.
      { name: "letters", url: "/letters?year=2016", ready: byTestId("letter-row-CM-LZ-SH-V01") },
      { name: "letters-townships-empty", url: "/letters?year=2016&kind=township", ready: mainHeading },
      { name: "letter", url: (s) => `/letters/${s.memberLetter}`, ready: byTestId("points-total") },
      { name: "self-score", url: (s) => `/assessments/${s.members}/units/CM-LZ-SH-V01`, ready: byTestId("unit-total") },
      { name: "quality", url: "/quality?year=2016", ready: byTestId("reports-LZ-SH") },
      { name: "admin-audit-not-allowed", url: "/admin/audit", ready: notAllowed },
    ],
  },
  {
    role: "auditor",
    username: "demo-auditor",
    scenes: [
      { name: "entry-read-only", url: "/entry?orgUnit=LZ-SH-V01&period=2016-12", ready: byTestId("entry-read-only") },
      { name: "import-not-allowed", url: "/import", ready: notAllowed },
      { name: "letter-read-only", url: (s) => `/letters/${s.letter}`, ready: byTestId("read-only-note") },
      { name: "assessments", url: "/assessments?year=2016", ready: (page) => page.locator("[data-testid^='run-row-']").first().waitFor({ timeout: 90_000 }) },
      { name: "admin-audit", url: "/admin/audit", ready: byTestId("audit-table") },
    ],
  },
];

let seeded: Seeded;
let page: Page;
let visitor: BrowserContext;
let signedOut: Page;

beforeAll(async () => {
  harness = await startHarness();
  ({ baseUrl, api } = harness);
  await rm(SHOTS, { recursive: true, force: true });
  for (const l of LANGUAGES) await mkdir(path.join(SHOTS, l), { recursive: true });
  const runs = await api.assessments.list.query({ year: 2016 });
  const run = (scope: string, quarter: number, status?: string) => runs.find((r) => r.scope === scope && r.quarter === quarter && (!status || r.status === status))?.id;
  const letter = (await api.letters.list.query({ year: 2016, kind: "township" })).find((l) => l.assessedUnit.code === "LZ-SH")!;
  const memberLetter = (await api.letters.list.query({ year: 2016 })).find((l) => l.assessedUnit.code === "CM-LZ-SH-V01");
  seeded = { published: run("townships", 3, "published")!, draft: run("townships", 4, "draft")!, members: run("countyMembers", 4)!, letter: letter.id, letterFirstPoints: letter.items[0]!.points, memberLetter: memberLetter?.id ?? NaN };
  expect(seeded, "the demo seed's 2016 Q3 and Q4 runs and letters").toEqual({ published: expect.any(Number), draft: expect.any(Number), members: expect.any(Number), letter: expect.any(Number), letterFirstPoints: expect.any(Number), memberLetter: expect.any(Number) });
  // Two changes of a value, the second back to the seeded one, so the data-entry page has a history to show while every figure
  // on the other pages (the overview's December subsidy roll, 1,688) stays the report's.
  const form = await api.dataEntry.form.query({ orgUnit: "LZ-SH-V01", period: "2016-12" });
  const nursing = form.fields.find((f) => f.code === "nursing_subsidy_recipients")!.value;
  await api.dataEntry.save.mutate({ orgUnit: "LZ-SH-V01", period: "2016-12", values: { nursing_subsidy_recipients: String(Number(nursing) + 1) } });
  await api.dataEntry.save.mutate({ orgUnit: "LZ-SH-V01", period: "2016-12", values: { nursing_subsidy_recipients: String(nursing) } });
  page = await harness.openPage();
  visitor = await harness.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  signedOut = await visitor.newPage();
});

const roleContexts: BrowserContext[] = [];

/** A page in a context of its own signed in as a demo account (the browser and server are the suite's). */
async function pageAs(username: string): Promise<Page> {
  const cookie = await signIn(baseUrl, username, harness.demoPasswords.get(username)!);
  const context = await harness.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  roleContexts.push(context);
  await context.addCookies([{ name: cookie.name, value: cookie.value, url: baseUrl, httpOnly: true, sameSite: "Strict" }]);
  const p = await context.newPage();
  p.on("pageerror", (e) => console.error(`page error (${username}):`, e.message));
  return p;
}

afterAll(async () => {
  for (const c of roleContexts) await c.close();
  await visitor?.close();
  await harness?.stop();
});

describe("every page and state, in zh-CN and English: <html lang>, messages in the language, no axe violation (WCAG 2.2 A/AA, best practice); a screenshot of each", () => {
  for (const scene of SCENES) it(scene.name, () => check(page, scene, seeded), 240_000);
  for (const scene of LOGIN_SCENES) it(scene.name, () => check(signedOut, scene, seeded), 240_000);
});

describe("the same as each other demo role sees the pages (its own data, read-only and not-for-this-role states); screenshots <role>-<page>", () => {
  for (const { role, username, scenes } of ROLE_SCENES) {
    describe(role, () => {
      let rolePage: Page;
      beforeAll(async () => {
        rolePage = await pageAs(username);
      });
      afterAll(async () => {
        await rolePage?.close();
      });
      for (const scene of scenes) it(scene.name, () => check(rolePage, { ...scene, name: `${role}-${scene.name}` }, seeded), 240_000);
    });
  }
});

describe("details", () => {
  it("the demo-data notice names itself once (badge, then a description that does not repeat it) in both languages", async () => {
    await visit(page, "/");
    await byTestId("kpi-value-enrollment_rate")(page);
    for (const [language, badge] of [["zh-CN", "演示数据"], ["en", "Demo data"]] as const) {
      await setLanguage(page, language);
      const notice = page.getByTestId("demo-notice");
      // What a screen reader reads of the notice: its accessibility tree.
      const read = await notice.ariaSnapshot();
      expect(read.split(badge).length - 1, `${language}: ${read}`).toBe(1);
      expect(await page.getByTestId("demo-badge").textContent()).toBe(badge);
      const describedBy = await page.getByTestId("demo-badge").getAttribute("aria-describedby");
      expect((await page.locator(`[id='${describedBy}']`).textContent())?.length).toBeGreaterThan(20);
    }
  });

  it("a button waiting for the server (aria-disabled, the letter being saved) looks unavailable — faded, not-allowed cursor, 正在保存… — and axe passes", async () => {
    const p = await harness.openPage();
    const url = `${baseUrl}/letters/${seeded.letter}`;
    await p.goto(url);
    await byTestId("points-total")(p);
    await settle(p);
    await setLanguage(p, "zh-CN");
    const save = p.getByTestId("save-letter");
    const look = () => save.evaluate((b) => ({ ariaDisabled: b.getAttribute("aria-disabled"), opacity: getComputedStyle(b).opacity, cursor: getComputedStyle(b).cursor, text: b.textContent }));
    const enabled = await look();
    // Hold the save's request until the checks are done (the letter is saved unchanged).
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await p.route(/\/trpc\/[^?]*letters\.update/, async (route) => {
      await held;
      await route.continue();
    });
    await save.click();
    await expect.poll(() => save.getAttribute("aria-disabled")).toBe("true");
    const waiting = await look();
    const violations: Record<string, string[]> = {};
    for (const language of LANGUAGES) {
      await setLanguage(p, language);
      violations[language] = await axeViolations(p);
      await p.screenshot({ path: path.join(SHOTS, language, "letter-saving-aria-disabled.png"), fullPage: true, animations: "disabled" });
    }
    await setLanguage(p, "zh-CN");
    release();
    await expect.poll(() => save.getAttribute("aria-disabled")).toBe("false");
    await p.unroute(/\/trpc\/[^?]*letters\.update/);
    await p.close();
    expect(enabled).toEqual({ ariaDisabled: "false", opacity: "1", cursor: "pointer", text: "保存" });
    expect(waiting).toEqual({ ariaDisabled: "true", opacity: "0.7", cursor: "not-allowed", text: "正在保存…" });
    expect(violations).toEqual({ "zh-CN": [], en: [] });
  });
});
