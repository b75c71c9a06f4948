/**
 * What every browser test file needs, once per file: the real server started
 * the way `npm start` starts it (node --import tsx src/main.ts in
 * apps/server) on a free port with a fresh PGlite directory, a tRPC client
 * of it, and one Chromium with one context (so the 34 MB duckdb wasm is
 * fetched once and then served from the HTTP cache). Expects apps/web/dist
 * to be built. Also the axe-core check used by every file.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "@linze/api";

const WEB_DIR = fileURLToPath(new URL("../", import.meta.url));
const SERVER_DIR = path.resolve(WEB_DIR, "../server");
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
];

export type Api = ReturnType<typeof createTRPCClient<AppRouter>>;

export interface Harness {
  readonly baseUrl: string;
  readonly api: Api;
  readonly browser: Browser;
  readonly context: BrowserContext;
  /** A new page in the shared context; page errors are logged. */
  openPage(): Promise<Page>;
  /** Stops Chromium and the server and removes the data directory. */
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForHealthy(server: ChildProcess, log: () => string, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`The server exited with ${server.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server was not healthy after ${timeoutMs} ms:\n${log()}`);
}

/** Starts the server (fresh database), the tRPC client and Chromium. Call in `beforeAll`; call `stop()` in `afterAll`. */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(path.join(WEB_DIR, "dist", "index.html"))) throw new Error("apps/web/dist is not built: run `npm run build -w @linze/web` first");
  const dataDir = await mkdtemp(path.join(tmpdir(), "linze-web-e2e-"));
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  let serverLog = "";
  // As `npm start` does: apps/server's start script, from its folder.
  const server = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: SERVER_DIR,
    env: { ...process.env, PORT: String(port), PGLITE_DIR: path.join(dataDir, "pglite"), DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d: Buffer) => (serverLog += d.toString()));
  server.stderr!.on("data", (d: Buffer) => (serverLog += d.toString()));
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once("exit", r));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealthy(server, () => serverLog, baseUrl, 180_000);
    const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${baseUrl}/trpc`, transformer: superjson })] });
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const openPage = async () => {
      const page = await context.newPage();
      page.on("pageerror", (e) => console.error("page error:", e.message));
      return page;
    };
    return { baseUrl, api, browser, context, openPage, stop };
  } catch (e) {
    await stop();
    throw e;
  }
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
