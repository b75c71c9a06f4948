/**
 * What every browser test file needs, once per file: the real server started
 * the way `npm start` starts it (node --import tsx src/main.ts in
 * apps/server) on a free port with a fresh PGlite directory, a tRPC client
 * of it, and one Chromium with one context (so the 34 MB duckdb wasm is
 * fetched once and then served from the HTTP cache), both signed in as the
 * demo administrator (`demo-admin`, whose random password the server writes
 * to the demo-users file in the test's data directory). Expects
 * apps/web/dist to be built. Also the axe-core check used by every file.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@linze/api";
import { spawnServer } from "@linze/server/spawn";

const WEB_DIR = fileURLToPath(new URL("../", import.meta.url));
const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // Date and month fields formatted in the page's language (its lang attribute: 2016/12/31, ----年--月 on a zh-CN page), as in a
  // browser whose own language is the page's, not in the test browser's en-US (12/31/2016, mm/dd/yyyy).
  "--enable-blink-features=LangAttributeAwareFormControlUI",
];

export type Api = ReturnType<typeof createTRPCClient<AppRouter>>;

export interface Harness {
  readonly baseUrl: string;
  /** The demo administrator's session: `{ cookie, "x-linze-request": "1" }` for requests outside the browser. */
  readonly session: Record<string, string>;
  /** Every demo account's password, by username (demo-admin, demo-leader, demo-township, demo-member, demo-auditor). */
  readonly demoPasswords: ReadonlyMap<string, string>;
  readonly api: Api;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** A new page in the shared context; page errors are logged. */
  openPage(): Promise<Page>;
  /** A new page in a fresh context signed in as another demo account (e.g. `demo-leader` to review what `demo-admin` submitted). */
  openPageAs(username: string): Promise<Page>;
  /** Stops Chromium and the server and removes the data directory. */
  stop(): Promise<void>;
}

/** Starts the server (fresh database), the tRPC client and Chromium. Call in `beforeAll`; call `stop()` in `afterAll`. */
export async function startHarness(): Promise<Harness> {
  // WEB_DIST (as the server reads it) lets a run test its own build, e.g. `npx vite build --outDir /tmp/x`.
  const webDist = process.env.WEB_DIST || path.join(WEB_DIR, "dist");
  if (!existsSync(path.join(webDist, "index.html"))) throw new Error(`${webDist} is not built: run \`npm run build -w @linze/web\` first`);
  // As `npm start` does (@linze/server/spawn): a fresh PGlite directory, demo mode, a free port.
  const server = await spawnServer({ host: "localhost", env: { WEB_DIST: webDist }, timeoutMs: 180_000 });
  const baseUrl = server.url;
  let browser: Browser | undefined;
  let restoreFetch = () => {};
  const others: BrowserContext[] = [];
  const stop = async () => {
    for (const c of others) await c.close();
    restoreFetch();
    await browser?.close();
    await server.stop();
  };
  try {
    const demoPasswords = await server.demoPasswords();
    const cookie = await signIn(baseUrl, "demo-admin", demoPasswords.get("demo-admin")!);
    const session = { cookie: `${cookie.name}=${cookie.value}`, "x-linze-request": "1" };
    const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${baseUrl}/trpc`, transformer: superjson, headers: () => session })] });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    await context.addCookies([{ name: cookie.name, value: cookie.value, url: baseUrl, httpOnly: true, sameSite: "Strict" }]);
    // A test's own fetch of the server (e.g. an export link) goes as the signed-in browser's would: with the session.
    const plainFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!url.startsWith(baseUrl)) return plainFetch(input, init);
      const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
      if (!headers.has("cookie")) headers.set("cookie", session.cookie);
      if (!headers.has("x-linze-request")) headers.set("x-linze-request", "1");
      return plainFetch(input, { ...init, headers });
    };
    restoreFetch = () => {
      globalThis.fetch = plainFetch;
    };
    const openPage = async () => {
      const page = await context.newPage();
      page.on("pageerror", (e) => console.error("page error:", e.message));
      return page;
    };
    const openPageAs = async (username: string) => {
      const own = await signIn(baseUrl, username, demoPasswords.get(username)!);
      const other = await browser!.newContext({ viewport: { width: 1400, height: 1000 } });
      others.push(other);
      await other.addCookies([{ name: own.name, value: own.value, url: baseUrl, httpOnly: true, sameSite: "Strict" }]);
      const page = await other.newPage();
      page.on("pageerror", (e) => console.error(`page error (${username}):`, e.message));
      return page;
    };
    return { baseUrl, session, demoPasswords, api, browser, context, openPage, openPageAs, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** POST /auth/login as the dashboard does; returns the session cookie. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<{ name: string; value: string }> {
  const res = await fetch(`${baseUrl}/auth/login`, { method: "POST", headers: { "content-type": "application/json", "x-linze-request": "1" }, body: JSON.stringify({ username, password }) });
  const set = res.headers.get("set-cookie");
  if (res.status !== 200 || !set) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  const [name, value] = set.split(";")[0]!.split("=") as [string, string];
  return { name, value };
}

/** axe-core's violations on the page (WCAG 2.1 A/AA and best practice), one line each: "rule: targets". */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  });
}
