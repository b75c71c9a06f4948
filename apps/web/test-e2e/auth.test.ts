/**
 * Sign-in and administration in the browser (issue 5): a visitor without a
 * session lands on the sign-in page; a wrong password shows the server's
 * message in the live region; the demo township officer signs in, sees the
 * own name and role in the header and no admin links, and signs out; the
 * demo administrator creates a user (first password shown once), sees it in
 * the audit log filtered by user, its actions named in zh and en; lockout after 5 wrong passwords says until
 * when; a signed-in user opening the sign-in page is sent on. axe-core finds nothing on the sign-in, users and audit pages, in zh
 * and en.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { axeViolations, signIn, startHarness, type Harness } from "./harness.ts";

let h: Harness;
let visitor: BrowserContext;

beforeAll(async () => {
  h = await startHarness();
  visitor = await h.browser.newContext({ viewport: { width: 1300, height: 900 } });
}, 240_000);
afterAll(async () => {
  await visitor?.close();
  await h?.stop();
});

async function signInThroughForm(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

describe("signing in", () => {
  test("no session → the sign-in page; a wrong password is announced; the officer signs in and out", async () => {
    const page = await visitor.newPage();
    const requested: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`${h.baseUrl}/townships?period=2016`);
    await page.waitForURL(/\/login\?next=/);
    await page.getByRole("heading", { name: "登录临泽县残联目标考核系统" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.waitForLoadState("networkidle");
    // A signed-out visitor's page found no session (one 401) and started neither duckdb-wasm nor the service worker.
    expect(requested.filter((p) => p === "/auth/me")).toEqual(["/auth/me"]);
    expect(requested.filter((p) => p.endsWith(".wasm") || p === "/sw.js")).toEqual([]);

    await signInThroughForm(page, "demo-township", "not-the-password");
    await expect.poll(() => page.getByTestId("login-error").textContent()).toBe("登录失败：用户名或密码错误。");
    expect(await page.getByTestId("login-error").getAttribute("role")).toBe("alert");

    await signInThroughForm(page, "demo-township", h.demoPasswords.get("demo-township")!);
    await page.waitForURL(`${h.baseUrl}/townships?period=2016`);
    await page.getByTestId("load-status").and(page.locator('[data-state="success"]')).waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("signed-in-as").textContent()).toBe("当前用户：演示乡镇专干（沙河镇）/ Demo township officer (Shahe)（乡镇专干）");
    expect(await page.getByRole("link", { name: "用户管理" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "审计日志" }).count()).toBe(0);

    await page.getByTestId("logout").click();
    await page.waitForURL(/\/login\?signedOut=1/);
    await page.getByText("您已退出登录。").waitFor();
    // The old session is gone: a page needing one goes back to sign-in.
    await page.goto(`${h.baseUrl}/`);
    await page.waitForURL(/\/login\?next=/);
    await page.close();
  }, 180_000);

  test("the sign-in page asks for nothing of the dashboard; in English it passes axe; five wrong passwords lock the account with the time", async () => {
    const page = await visitor.newPage();
    const requested: string[] = [];
    const consoleErrors: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    await page.goto(`${h.baseUrl}/login`);
    await page.getByRole("heading", { name: "登录临泽县残联目标考核系统" }).waitFor();
    await page.waitForLoadState("networkidle");
    // No session to ask about, no snapshot, no duckdb-wasm (34 MB), no service worker's precache: and so no 401s.
    expect(requested.filter((p) => p === "/auth/me" || p === "/snapshot.arrow" || p.startsWith("/trpc/") || p.endsWith(".wasm") || p === "/sw.js")).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.getByTestId("language-switch").click();
    await page.getByRole("heading", { name: "Sign in to the Linze disability-work targets system" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel("Username").fill("demo-auditor");
      await page.getByLabel("Password").fill(`wrong-${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect.poll(() => page.getByTestId("login-error").textContent()).toMatch(i < 5 ? /Wrong username or password\.$/ : /locked until \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(China time\)/);
    }
    await page.close();
  });
});

describe("a signed-in user opening the sign-in page", () => {
  test("is sent on to the safe `next` or the overview (/login, /login/, /LOGIN, /login%2F), never off the site nor to the server's addresses; a server that does not answer shows the form; after signing out the form is shown", async () => {
    const page = await h.openPage();
    // The demo administrator's session (the harness's cookie), seen once by a page of the dashboard.
    await page.goto(`${h.baseUrl}/supervision`);
    await page.getByTestId("signed-in-as").waitFor({ timeout: 120_000 });
    await page.goto(`${h.baseUrl}/login?next=${encodeURIComponent("/townships?period=2016")}`);
    await page.waitForURL(`${h.baseUrl}/townships?period=2016`);
    await page.goto(`${h.baseUrl}/login/`);
    await page.waitForURL(`${h.baseUrl}/`);
    await page.goto(`${h.baseUrl}/LOGIN?next=${encodeURIComponent("//example.com/")}`);
    await page.waitForURL(`${h.baseUrl}/`);
    // A path that resolves to "//example.com" led off the site with no click (a fresh-eyes test); the server's addresses are not pages.
    await page.goto(`${h.baseUrl}/login?next=${encodeURIComponent("/..//example.com/phish")}`);
    await page.waitForURL(`${h.baseUrl}/`);
    await page.goto(`${h.baseUrl}/login%2F?next=${encodeURIComponent("/auth/logout")}`);
    await page.waitForURL(`${h.baseUrl}/`);
    // A server that does not answer /auth/me: "checking", then the form after 3 s, not "loading" for ever.
    await page.route("**/auth/me", () => undefined);
    await page.goto(`${h.baseUrl}/login?next=${encodeURIComponent("/townships")}`);
    await page.getByText("正在确认您是否仍在登录…").waitFor();
    await page.getByTestId("login-form").waitFor({ timeout: 10_000 });
    expect(new URL(page.url()).pathname).toBe("/login");
    // Let the held answer through now (Playwright sends a request on when its route goes): the form stays, the page is not taken away.
    await page.unroute("**/auth/me");
    await page.waitForTimeout(1000);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByTestId("login-form").waitFor();
    // Just signed out (the page's own word for it): the form, even with the session still there.
    await page.goto(`${h.baseUrl}/login?signedOut=1`);
    await page.getByTestId("login-form").waitFor();
    await page.getByText("您已退出登录。").waitFor();
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  }, 180_000);
});

describe("the session ends while the page is open", () => {
  test("signed out elsewhere: the next request of the page goes to the sign-in page, which brings the user back; the leader sees no import link", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1300, height: 900 } });
    try {
      const cookie = await signIn(h.baseUrl, "demo-leader", h.demoPasswords.get("demo-leader")!);
      await context.addCookies([{ ...cookie, url: h.baseUrl, httpOnly: true, sameSite: "Strict" }]);
      const page = await context.newPage();
      await page.goto(`${h.baseUrl}/letters?year=2016`);
      await page.getByTestId("signed-in-as").waitFor({ timeout: 120_000 });
      // County leadership: no import (data.capture), quality yes.
      expect(await page.getByRole("link", { name: "导入数据" }).count()).toBe(0);
      expect(await page.getByRole("link", { name: "数据质量" }).count()).toBe(1);
      // The session ends (as after 8 hours, or a sign-out in another tab).
      await fetch(`${h.baseUrl}/auth/logout`, { method: "POST", headers: { cookie: `${cookie.name}=${cookie.value}`, "x-linze-request": "1" } });
      await page.getByRole("link", { name: "督查整改" }).click();
      await page.waitForURL(/\/login\?expired=1&next=%2Fsupervision/);
      await page.getByText("登录已过期，请重新登录。").waitFor();
      await page.getByLabel("用户名").fill("demo-leader");
      await page.getByLabel("密码").fill(h.demoPasswords.get("demo-leader")!);
      await page.getByRole("button", { name: "登录" }).click();
      await page.waitForURL(`${h.baseUrl}/supervision`);
    } finally {
      await context.close();
    }
  }, 180_000);
});

describe("two tabs", () => {
  test("signing out in one tab takes the other tab, on another page, to the sign-in page at once", async () => {
    const context = await h.browser.newContext({ viewport: { width: 1300, height: 900 } });
    try {
      // The township officer (the auditor is locked out by the test above).
      const cookie = await signIn(h.baseUrl, "demo-township", h.demoPasswords.get("demo-township")!);
      await context.addCookies([{ ...cookie, url: h.baseUrl, httpOnly: true, sameSite: "Strict" }]);
      const tabA = await context.newPage();
      const tabB = await context.newPage();
      await tabA.goto(`${h.baseUrl}/letters?year=2016`);
      await tabB.goto(`${h.baseUrl}/supervision`);
      await tabA.getByTestId("signed-in-as").waitFor({ timeout: 120_000 });
      await tabB.getByTestId("signed-in-as").waitFor({ timeout: 120_000 });
      await tabA.getByTestId("logout").click();
      await tabA.waitForURL(/\/login\?signedOut=1/);
      // Tab B asks the server for nothing meanwhile; it is told by tab A.
      await tabB.waitForURL(/\/login\?signedOut=1/, { timeout: 10_000 });
      await tabB.getByText("您已退出登录。").waitFor();
    } finally {
      await context.close();
    }
  }, 180_000);
});

describe("administration (demo administrator)", () => {
  test("users: the demo accounts listed; a new township officer created with a first password shown once; axe in zh and en", async () => {
    const page = await h.openPage();
    await page.goto(`${h.baseUrl}/admin/users`);
    await page.getByTestId("users-table").waitFor({ timeout: 120_000 });
    for (const u of ["admin", "demo-admin", "demo-leader", "demo-township", "demo-member", "demo-auditor"]) await page.getByTestId(`user-${u}`).waitFor();
    expect(await page.getByTestId("user-demo-member").textContent()).toContain("CM-LZ-SH-V01");

    await page.getByRole("button", { name: "新建用户" }).click();
    const form = page.getByTestId("user-form");
    await form.getByLabel("用户名").fill("xh-officer");
    await form.getByLabel("姓名").fill("新华镇专干（测试）");
    await form.getByLabel("角色").selectOption("township_officer");
    await form.getByLabel("录入范围").selectOption(["LZ-XH"]);
    await form.getByLabel("查看范围").selectOption(["LZ-XH"]);
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole("button", { name: "创建用户" }).click();
    await expect.poll(() => page.getByTestId("users-status").textContent()).toMatch(/^已创建用户 xh-officer，初始密码：[A-Za-z0-9]{16}（只显示这一次/);
    const row = page.getByTestId("user-xh-officer");
    await row.waitFor();
    expect(await row.textContent()).toContain("须修改密码");

    await page.getByTestId("language-switch").click();
    await page.getByRole("heading", { name: "Users" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId("language-switch").click();
    await page.close();
  }, 180_000);

  test("audit log: the creation is there with its after-state; filtering by user; axe", async () => {
    const page = await h.openPage();
    await page.goto(`${h.baseUrl}/admin/audit`);
    await page.getByTestId("audit-table").waitFor({ timeout: 120_000 });
    await page.getByTestId("audit-filters").getByLabel("操作人（用户名）").fill("demo-admin");
    await page.getByTestId("audit-filters").getByLabel("对象类型").selectOption("user");
    await page.getByRole("button", { name: "筛选", exact: true }).click();
    await page.waitForURL(/actor=demo-admin/);
    const first = page.getByTestId("audit-row").first();
    await expect.poll(() => first.textContent()).toContain("users.create");
    // The action in words, the procedure beside it for the auditor (it was the procedure alone).
    expect(await first.getByTestId("audit-action").textContent()).toBe("新建用户users.create");
    // Who: the display name, the username beside it (it was the username alone).
    // The names come from a second query (users.names): until it answers the username stands alone.
    await expect.poll(() => first.getByTestId("audit-actor").textContent()).toBe("演示管理员 / Demo administratordemo-admin");
    expect(await first.textContent()).toContain("用户账户 xh-officer");
    await first.getByText("查看详情").click();
    const details = await first.locator("dl").textContent();
    expect(details).toContain('"username": "xh-officer"');
    // The first password is never recorded.
    expect(details).not.toMatch(/temporaryPassword/);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId("language-switch").click();
    await page.getByRole("heading", { name: "Audit log" }).waitFor();
    expect(await first.getByTestId("audit-action").textContent()).toBe("Create a userusers.create");
    // The server's own rows: "system" named in words in either language.
    await page.goto(`${h.baseUrl}/admin/audit?actor=system`);
    const system = page.getByTestId("audit-row").first().getByTestId("audit-actor");
    await expect.poll(() => system.textContent(), { timeout: 60_000 }).toBe("System (server)system");
    await page.getByTestId("language-switch").click();
    await expect.poll(() => system.textContent()).toBe("系统（服务器）system");
    await page.close();
  }, 180_000);
});
