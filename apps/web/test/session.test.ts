/**
 * Leaving the page when the session ends (auth/session.ts): signing out goes
 * to `/login?signedOut=1` even when a request still in flight is answered 401
 * after /auth/logout (CI of 2026-12-05 saw `/login?expired=1&next=…`); a 401
 * on a page whose session was seen goes to `/login?expired=1` with the way back.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";

const assigned: string[] = [];

let testNumber = 0;

beforeEach(() => {
  vi.resetModules();
  assigned.length = 0;
  // Node's own BroadcastChannel, named apart for each test: the tabs of one test do not hear an earlier test's.
  const name = `test-${++testNumber}`;
  vi.stubGlobal(
    "BroadcastChannel",
    class extends BroadcastChannel {
      constructor(channel: string) {
        super(`${channel}-${name}`);
      }
    },
  );
  vi.stubGlobal("window", { location: { pathname: "/townships", search: "?period=2016", assign: (url: string) => assigned.push(url) } });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** A fetch answering /auth/me with a session and /auth/logout after `logoutDone` resolves. */
function stubServer(logoutDone: Promise<void>): void {
  vi.stubGlobal("fetch", async (url: string) => {
    if (url === "/auth/me") return new Response(JSON.stringify({ user: { username: "demo-township" }, expiresAt: "2016-12-31T00:00:00Z" }));
    if (url === "/auth/logout") return logoutDone.then(() => new Response(null, { status: 204 }));
    throw new Error(`unexpected ${url}`);
  });
}

describe("leaving for the sign-in page", () => {
  test("a 401 while signing out does not turn the sign-out into 'session expired'", async () => {
    let finishLogout!: () => void;
    stubServer(new Promise((resolve) => (finishLogout = resolve)));
    const session = await import("../src/auth/session.ts");
    expect(await session.fetchSession()).not.toBeNull();
    const signingOut = session.logout();
    // The server has ended the session; a request of the page comes back 401.
    session.sessionEnded();
    finishLogout();
    await signingOut;
    expect(assigned).toEqual(["/login?signedOut=1"]);
  });

  test("a 401 after the session was seen goes to sign-in, once, coming back to the page", async () => {
    stubServer(Promise.resolve());
    const session = await import("../src/auth/session.ts");
    await session.fetchSession();
    session.sessionEnded();
    session.sessionEnded();
    expect(assigned).toEqual([`/login?expired=1&next=${encodeURIComponent("/townships?period=2016")}`]);
  });

  test("a 401 before any session was seen (signed-out visitor) leaves the page alone", async () => {
    stubServer(Promise.resolve());
    const session = await import("../src/auth/session.ts");
    session.sessionEnded();
    expect(assigned).toEqual([]);
  });

  test("the dashboard's engine is let start by a session found, not by a signed-out answer", async () => {
    vi.stubGlobal("fetch", async () => new Response(null, { status: 401 }));
    const signedOut = await import("../src/auth/session.ts");
    expect(await signedOut.fetchSession()).toBeNull();
    const settled = await Promise.race([signedOut.whenSignedIn.then(() => "signed in"), new Promise((r) => setTimeout(() => r("waiting"), 20))]);
    expect(settled).toBe("waiting");

    vi.resetModules();
    stubServer(Promise.resolve());
    const signedIn = await import("../src/auth/session.ts");
    await signedIn.fetchSession();
    await expect(signedIn.whenSignedIn).resolves.toBeUndefined();
  });

  test("signing out in one tab sends the site's other signed-in tabs to the sign-in page; a tab not signed in stays", async () => {
    stubServer(Promise.resolve());
    const tabA = await import("../src/auth/session.ts");
    await tabA.fetchSession();
    vi.resetModules();
    const tabB = await import("../src/auth/session.ts");
    await tabB.fetchSession();
    vi.resetModules();
    await import("../src/auth/session.ts"); // a third tab, on the sign-in page: no session seen
    await tabA.logout();
    await expect.poll(() => assigned.length).toBe(2);
    await new Promise((r) => setTimeout(r, 20));
    // Tab A's own way out, then tab B's; the third tab is left alone.
    expect(assigned).toEqual(["/login?signedOut=1", "/login?signedOut=1"]);
  });
});

describe("where signing in leads", () => {
  test("safeNext: a page of this site, with its query and hash; anything else is the overview", async () => {
    const { safeNext } = await import("../src/auth/session.ts");
    const origin = "http://localhost:3000";
    const next = (value: string) => safeNext(`?next=${encodeURIComponent(value)}`, origin);
    expect(next("/townships?period=2016#top")).toBe("/townships?period=2016#top");
    expect(next("/letters/12")).toBe("/letters/12");
    // Other sites, however written: browsers read a backslash or a tab after the first slash as "//".
    expect(next("//example.com/x")).toBe("/");
    expect(next("/\\example.com")).toBe("/");
    expect(next("/\texample.com")).toBe("/example.com"); // the tab dropped: a (missing) page of this site
    expect(next("/\t/example.com")).toBe("/");
    expect(next("https://example.com/")).toBe("/");
    expect(next("javascript:alert(1)")).toBe("/");
    // Paths that resolve to "//example.com" on this origin: as an address, another site (a fresh-eyes test of 12-05).
    for (const dotted of ["/..//example.com", "/.//example.com", "/%2e%2e//example.com", "/a/..//example.com/phish"]) expect(next(dotted)).toBe("/");
    expect(next("/a/../townships")).toBe("/townships");
    // The server's own addresses are not pages.
    for (const api of ["/auth/logout", "/auth/me", "/trpc/account.me", "/TRPC", "/healthz", "/snapshot.arrow", "/assets/index.js"]) expect(next(api)).toBe("/");
    expect(next("/authors")).toBe("/authors"); // a (missing) page, not /auth/
    // The sign-in page itself, in any of the forms the router takes.
    expect(next("/login")).toBe("/");
    expect(next("/LOGIN/")).toBe("/");
    expect(next("/login%2F")).toBe("/");
    expect(safeNext("", origin)).toBe("/");
  });

  test("isSignInPath: /login, case and trailing slashes (written or encoded) aside", async () => {
    const { isSignInPath } = await import("../src/auth/session.ts");
    expect(["/login", "/login/", "/LOGIN", "/Login/", "/login//", "/login%2F", "/login%2f/"].map(isSignInPath)).toEqual([true, true, true, true, true, true, true]);
    expect(["/", "/login/x", "/logins", "/x/login"].map(isSignInPath)).toEqual([false, false, false, false]);
  });
});

describe("a signed-in user on the sign-in page", () => {
  const now = Date.parse("2016-12-31T08:00:00Z");
  const later = "2016-12-31T16:00:00.000Z";

  test("mayHaveSession: asked only with a session seen that has not ended, and never just after signing out", async () => {
    const { mayHaveSession } = await import("../src/auth/session.ts");
    expect(mayHaveSession("", later, now)).toBe(true);
    expect(mayHaveSession(`?next=${encodeURIComponent("/townships?period=2016")}`, later, now)).toBe(true);
    expect(mayHaveSession("?expired=1&next=%2F", later, now)).toBe(true);
    // A signed-out visitor: nothing seen, or the session's time is over.
    expect(mayHaveSession("", null, now)).toBe(false);
    expect(mayHaveSession("", "2016-12-31T07:59:59.000Z", now)).toBe(false);
    expect(mayHaveSession("", "not a time", now)).toBe(false);
    // After signing out the form is what was asked for, whatever the browser remembers.
    expect(mayHaveSession("?signedOut=1", later, now)).toBe(false);
  });

  test("the session's end is remembered when /auth/me finds one, and forgotten by signing out and by a 401", async () => {
    const stored = new Map<string, string>();
    const localStorage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v), removeItem: (k: string) => void stored.delete(k) };
    vi.stubGlobal("window", { location: { pathname: "/townships", search: "", assign: (url: string) => assigned.push(url) }, localStorage });
    stubServer(Promise.resolve());
    const session = await import("../src/auth/session.ts");
    expect(session.sessionUntil()).toBeNull();
    await session.fetchSession();
    expect(session.sessionUntil()).toBe("2016-12-31T00:00:00Z");
    await session.logout();
    expect(session.sessionUntil()).toBeNull();

    stored.set("linze.sessionUntil", later);
    vi.stubGlobal("fetch", async () => new Response(null, { status: 401 }));
    expect(await session.fetchSession()).toBeNull();
    expect(session.sessionUntil()).toBeNull();
  });

  test("without storage (blocked) nothing is remembered and nothing fails", async () => {
    vi.stubGlobal("window", { location: { pathname: "/townships", search: "", assign: (url: string) => assigned.push(url) }, get localStorage(): Storage { throw new Error("SecurityError") } });
    stubServer(Promise.resolve());
    const session = await import("../src/auth/session.ts");
    expect(await session.fetchSession()).not.toBeNull();
    expect(session.sessionUntil()).toBeNull();
  });
});
