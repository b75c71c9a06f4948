/**
 * Sign-in, sessions, CSRF and scope over real HTTP (issue 5 points 2, 3 and
 * 6) on the demo data: the cookie's attributes, a forged and an expired
 * cookie, logout, lockout after 5 failures with its message, a mutation
 * without the CSRF header or from a foreign Origin, another township's ids
 * and tampered inputs for a township officer, the snapshot holding the
 * officer's township in detail and the others' totals only, a reset password that must be changed first, and
 * their audit rows.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import superjson from "superjson";
import { listAudit, loadOrgUnitTree, type Database } from "@linze/db";
import { openTestDatabase } from "@linze/db/testing";
import { decodeSnapshot } from "@linze/duckdb/arrow";
import { LOGIN_FAILURE_LIMIT } from "@linze/api";
import { createServer, type AppServer } from "../src/server.ts";
import { DEFAULT_DATASET_DIR } from "../src/paths.ts";
import { ensureAccount, login, signedInHeaders, TEST_PASSWORD } from "./sign-in.ts";

let db: Database;
let app: AppServer;
let admin: Record<string, string>;
let officer: Record<string, string>;

const OFFICER = { username: "sh-officer", role: "township_officer", orgUnits: { capture: ["LZ-SH"], view: ["LZ-SH"] } } as const;

beforeAll(async () => {
  db = await openTestDatabase(DEFAULT_DATASET_DIR);
  app = await createServer({ port: 0, db, tree: await loadOrgUnitTree(db) });
  admin = await signedInHeaders(app.url, db);
  officer = await signedInHeaders(app.url, db, { ...OFFICER, orgUnits: { capture: [...OFFICER.orgUnits.capture], view: [...OFFICER.orgUnits.view] } });
}, 90_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function query(procedure: string, input: unknown, headers: Record<string, string>) {
  const q = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
  const res = await fetch(`${app.url}/trpc/${procedure}${q}`, { headers });
  return { status: res.status, body: (await res.json()) as { result?: { data: never }; error?: { json: { message: string; data: { code: string } } } } };
}
async function mutate(procedure: string, input: unknown, headers: Record<string, string>) {
  const res = await fetch(`${app.url}/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(superjson.serialize(input)) });
  return { status: res.status, body: (await res.json()) as { result?: { data: never }; error?: { json: { message: string; data: { code: string } } } } };
}

describe("sign-in and the session cookie", () => {
  test("a good sign-in sets an HttpOnly, SameSite=Strict, Path=/ cookie with an 8-hour expiry; /auth/me names the user", async () => {
    await ensureAccount(db, { username: "cookie-check", role: "auditor" });
    const { res, body, setCookie } = await login(app.url, "cookie-check", TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(setCookie).toMatch(/^linze_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=(28799|28800); Expires=/);
    // Served over plain http without a proxy setting: not Secure.
    expect(setCookie).not.toContain("Secure");
    expect(body.user).toMatchObject({ username: "cookie-check", role: "auditor", viewAll: true, permissions: expect.arrayContaining(["audit.read"]) });
    const me = await fetch(`${app.url}/auth/me`, { headers: { cookie: setCookie!.split(";")[0]! } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { username: string } }).user.username).toBe("cookie-check");
    // The database holds the token's SHA-256, never the token.
    const token = setCookie!.split(";")[0]!.split("=")[1]!;
    expect(await db.query("SELECT 1 FROM sessions WHERE token_hash = $1", [token])).toEqual([]);
  });

  test("behind a TLS proxy (LINZE_TRUST_PROXY, X-Forwarded-Proto: https) the cookie is Secure", async () => {
    const proxied = await createServer({ port: 0, db, tree: await loadOrgUnitTree(db), auth: { trustProxy: true } });
    try {
      const { setCookie } = await login(proxied.url, "cookie-check", TEST_PASSWORD, { "x-linze-request": "1", "x-forwarded-proto": "https" });
      expect(setCookie).toMatch(/; Secure$/);
    } finally {
      await proxied.close();
    }
  });

  test("without a cookie, with a forged cookie, or with an unknown username: refused", async () => {
    expect((await query("meta.latestPeriod", undefined, {})).status).toBe(401);
    const forged = { cookie: `linze_session=${"A".repeat(43)}` };
    const r = await query("meta.latestPeriod", undefined, forged);
    expect(r.status).toBe(401);
    expect(r.body.error?.json.message).toBe("Sign in first (请先登录)");
    expect((await fetch(`${app.url}/snapshot.arrow`, { headers: forged })).status).toBe(401);
    expect((await fetch(`${app.url}/auth/me`, { headers: forged })).status).toBe(401);
    // Not valid percent-encoding: refused like any unknown token (it was a 500 "URI malformed").
    const malformed = { cookie: "linze_session=%E0%A4%A" };
    expect((await query("meta.latestPeriod", undefined, malformed)).status).toBe(401);
    expect((await fetch(`${app.url}/snapshot.arrow`, { headers: malformed })).status).toBe(401);
    expect((await fetch(`${app.url}/auth/me`, { headers: malformed })).status).toBe(401);
    const unknown = await login(app.url, "nobody-here", "whatever-password");
    expect(unknown.res.status).toBe(401);
    expect(unknown.body.error).toMatchObject({ reason: "invalid", messageZh: "用户名或密码错误。", messageEn: "Wrong username or password." });
  });

  test("an expired session is refused and removed", async () => {
    await ensureAccount(db, { username: "expiring", role: "auditor" });
    const { cookie } = await login(app.url, "expiring", TEST_PASSWORD);
    expect((await query("meta.latestPeriod", undefined, { cookie: cookie! })).status).toBe(200);
    await db.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE username = 'expiring')");
    expect((await query("meta.latestPeriod", undefined, { cookie: cookie! })).status).toBe(401);
    expect(await db.query("SELECT 1 FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'expiring')")).toEqual([]);
  });

  test("logout ends the session and clears the cookie; the old cookie is refused afterwards", async () => {
    await ensureAccount(db, { username: "leaving", role: "auditor" });
    const { cookie } = await login(app.url, "leaving", TEST_PASSWORD);
    const out = await fetch(`${app.url}/auth/logout`, { method: "POST", headers: { cookie: cookie!, "x-linze-request": "1" } });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/^linze_session=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0;/);
    expect((await query("meta.latestPeriod", undefined, { cookie: cookie! })).status).toBe(401);
    const rows = await listAudit(db, { actor: "leaving" });
    expect(rows.map((r) => `${r.procedure}:${r.outcome}`)).toEqual(["auth.logout:ok", "auth.login:ok"]);
  });
});

describe("lockout", () => {
  test(`${LOGIN_FAILURE_LIMIT} wrong passwords lock the account for 15 minutes, with the time in zh and en; the right password is refused while locked`, async () => {
    await ensureAccount(db, { username: "guessed", role: "auditor" });
    for (let i = 1; i < LOGIN_FAILURE_LIMIT; i++) {
      const r = await login(app.url, "guessed", `wrong-${i}`);
      expect([r.res.status, (r.body.error as { reason: string }).reason]).toEqual([401, "invalid"]);
    }
    const fifth = await login(app.url, "guessed", "wrong-5");
    expect(fifth.res.status).toBe(423);
    const e = fifth.body.error as { reason: string; lockedUntil: string; messageZh: string; messageEn: string };
    expect(e.reason).toBe("locked");
    const minutes = (Date.parse(e.lockedUntil) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const at = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(new Date(e.lockedUntil));
    expect(e.messageZh).toContain(`账户已锁定至 ${at}（北京时间）`);
    expect(e.messageEn).toContain(`locked until ${at} (China time)`);
    const right = await login(app.url, "guessed", TEST_PASSWORD);
    expect(right.res.status).toBe(423);
    expect(right.cookie).toBeNull();
    const denied = await listAudit(db, { actor: "guessed", outcome: "denied" });
    expect(denied).toHaveLength(LOGIN_FAILURE_LIMIT + 1);
    expect(denied[0]!.after).toMatchObject({ reason: "locked" });
  });

  test("a username that does not exist answers exactly as an account does: 401 four times, then 423 with a time (the lockout does not tell which names exist)", async () => {
    const answers: number[] = [];
    for (let i = 1; i <= LOGIN_FAILURE_LIMIT + 1; i++) answers.push((await login(app.url, "no-such-user", `wrong-${i}`)).res.status);
    expect(answers).toEqual([401, 401, 401, 401, 423, 423]);
    const last = await login(app.url, "no-such-user", "wrong-again");
    expect(last.body.error).toMatchObject({ reason: "locked" });
    expect((last.body.error as { messageEn: string }).messageEn).toContain("(China time)");
  });

  test("an administrator's reset clears the lock; the user must change the password before anything else", async () => {
    const [u] = await db.query<{ id: number }>("SELECT id FROM users WHERE username = 'guessed'");
    const reset = await mutate("users.resetPassword", { id: u!.id }, admin);
    expect(reset.status).toBe(200);
    const { temporaryPassword } = superjson.deserialize<{ temporaryPassword: string }>(reset.body.result!.data);
    const { res, cookie, body } = await login(app.url, "guessed", temporaryPassword);
    expect(res.status).toBe(200);
    expect(body.user).toMatchObject({ mustChangePassword: true });
    const headers = { cookie: cookie!, "x-linze-request": "1" };
    const blocked = await query("meta.latestPeriod", undefined, headers);
    expect([blocked.status, blocked.body.error?.json.message]).toEqual([403, "Change your password first (请先修改密码)"]);
    expect((await mutate("account.changePassword", { currentPassword: temporaryPassword, newPassword: "short" }, headers)).status).toBe(400);
    expect((await mutate("account.changePassword", { currentPassword: "not-the-one", newPassword: "a much longer one" }, headers)).status).toBe(400);
    expect((await mutate("account.changePassword", { currentPassword: temporaryPassword, newPassword: "a much longer one" }, headers)).status).toBe(200);
    // The change ended the session; the new password signs in and works.
    expect((await query("meta.latestPeriod", undefined, headers)).status).toBe(401);
    const again = await login(app.url, "guessed", "a much longer one");
    expect((await query("meta.latestPeriod", undefined, { cookie: again.cookie! })).status).toBe(200);
    const audit = await listAudit(db, { entityType: "user", procedure: "account.changePassword" });
    expect(audit[0]).toMatchObject({ actor: "guessed", outcome: "ok", input: { currentPassword: "[redacted]", newPassword: "[redacted]" } });
    expect(JSON.stringify(await listAudit(db, { limit: 500 }))).not.toContain(temporaryPassword);
    // The reset's row shows what it changed (the log redacts passwords, not the facts about them).
    const [resetRow] = await listAudit(db, { entityType: "user", procedure: "users.resetPassword" });
    expect(resetRow).toMatchObject({ before: { mustChangePassword: false }, after: { mustChangePassword: true } });
    expect((resetRow!.after as { passwordChangedAt: unknown }).passwordChangedAt).not.toBe("[redacted]");
  });
});

describe("CSRF", () => {
  test("a mutation without the X-Linze-Request header, or from a foreign Origin, is refused; the same origin with the header passes", async () => {
    const { cookie } = { cookie: admin.cookie! };
    const input = { day: 11 };
    const noHeader = await mutate("quality.setDueDay", input, { cookie });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.error?.json.message).toContain("X-Linze-Request");
    const foreign = await mutate("quality.setDueDay", input, { cookie, "x-linze-request": "1", origin: "http://evil.example" });
    expect(foreign.status).toBe(403);
    const host = new URL(app.url).host;
    const same = await mutate("quality.setDueDay", input, { cookie, "x-linze-request": "1", origin: `http://${host}` });
    expect(same.status).toBe(200);
    const setting = superjson.deserialize<{ reportDueDay: { day: number } }>((await query("quality.settings", undefined, { cookie })).body.result!.data);
    expect(setting.reportDueDay.day).toBe(11);
    await mutate("quality.setDueDay", { day: 10 }, admin);
    // Sign-in itself needs the header too (login CSRF).
    expect((await login(app.url, "test-admin", TEST_PASSWORD, {})).res.status).toBe(403);
  });
});

describe("a township officer over HTTP (沙河镇 LZ-SH)", () => {
  test("data of the own township's village is readable; another township's village is FORBIDDEN; other townships' indicator values are there for comparison", async () => {
    expect((await query("dataEntry.form", { orgUnit: "LZ-SH-V01", period: "2016-12" }, officer)).status).toBe(200);
    const other = await query("dataEntry.form", { orgUnit: "LZ-XH-V01", period: "2016-12" }, officer);
    expect([other.status, other.body.error?.json.data.code]).toEqual([403, "FORBIDDEN"]);
    expect((await query("dataValues.history", { orgUnit: "LZ-XH-V01", period: "2016-12", dataElement: "cataract_surgeries" }, officer)).status).toBe(403);
    expect((await query("values.list", { indicators: ["cataract_surgeries"], orgUnits: ["LZ-XH"], periods: ["2016"] }, officer)).status).toBe(200);
    expect((await query("values.list", { indicators: ["cataract_surgeries"], orgUnits: ["LZ-XH-V01"], periods: ["2016"] }, officer)).status).toBe(403);
  });

  test("tampered inputs: saving another township's village, self-scoring another township — FORBIDDEN; importing a file with its rows — that row refused at its org unit cell; nothing written", async () => {
    const before = await db.query("SELECT count(*)::int AS n FROM data_value_history");
    expect((await mutate("dataEntry.save", { orgUnit: "LZ-XH-V01", period: "2016-12", values: { cataract_surgeries: "9" } }, officer)).status).toBe(403);
    expect((await mutate("assessmentInputs.setSelfScore", { year: 2016, quarter: 4, assessedUnit: { kind: "township", code: "LZ-XH" }, itemId: "m1", points: 1 }, officer)).status).toBe(403);
    const csv = "org_unit,period,data_element,value\nLZ-SH-V01,2016-12,cataract_surgeries,1\nLZ-XH-V01,2016-12,cataract_surgeries,1\n";
    const file = { fileName: "two.csv", contentBase64: Buffer.from(csv).toString("base64") };
    const r = await mutate("imports.dryRun", file, officer);
    expect(r.status).toBe(200);
    type Summary = { fileSha256: string; canCommit: boolean; problems: { code: string; row: number; column: string; value: string }[]; changes: { orgUnit: string }[] };
    const summary = superjson.deserialize<Summary>(r.body.result!.data);
    // The other township's row is refused at its org unit cell; its stored value is not compared (no change listed for it).
    expect(summary.problems.map((p) => [p.code, p.row, p.column, p.value])).toEqual([["outside_capture", 3, "A", "LZ-XH-V01"]]);
    expect(summary.changes.map((c) => c.orgUnit)).toEqual(["LZ-SH-V01"]);
    expect(summary.canCommit).toBe(false);
    const commit = await mutate("imports.commit", { ...file, expectedSha256: summary.fileSha256 }, officer);
    expect(commit.status).toBe(400);
    expect(commit.body.error?.json.message).toContain("First: row 3, column A: you may not enter data for Xinhua Village 1 (LZ-XH-V01)");
    expect(await db.query("SELECT count(*)::int AS n FROM data_value_history")).toEqual(before);
    // A county-only action: refused by role.
    expect((await mutate("quality.setDueDay", { day: 12 }, officer)).status).toBe(403);
    const denied = await listAudit(db, { actor: OFFICER.username, outcome: "denied" });
    expect(denied.map((d) => d.procedure).sort()).toEqual(["assessmentInputs.setSelfScore", "dataEntry.save", "quality.setDueDay"]);
  });

  test("a data-entry save whose values hold a key \"__proto__\" is refused at that key as an unknown data element, not answered with success and nothing written", async () => {
    const before = await db.query("SELECT count(*)::int AS n FROM data_value_history");
    // Written by hand: JSON.stringify of an object literal would not carry the key. superjson's deserialize dropped it on the server.
    const body = '{"json":{"orgUnit":"LZ-SH-V01","period":"2016-12","values":{"__proto__":"5"}}}';
    const res = await fetch(`${app.url}/trpc/dataEntry.save`, { method: "POST", headers: { "content-type": "application/json", ...officer }, body });
    const error = ((await res.json()) as { error: { json: { data: { code: string; zodError: { issues: unknown[] } } } } }).error.json.data;
    expect([res.status, error.code]).toEqual([400, "BAD_REQUEST"]);
    expect(error.zodError.issues).toEqual([{ path: "values.__proto__", message: 'unknown data element "__proto__" (未知的数据元)' }]);
    expect(await db.query("SELECT count(*)::int AS n FROM data_value_history")).toEqual(before);
    // Next to a real field the key is refused too, and the real field is not saved.
    const both = await fetch(`${app.url}/trpc/dataEntry.save`, { method: "POST", headers: { "content-type": "application/json", ...officer }, body: body.replace('"5"}', '"5","cataract_surgeries":"3"}') });
    expect(both.status).toBe(400);
    expect(await db.query("SELECT count(*)::int AS n FROM data_value_history")).toEqual(before);
  });

  test("GET /snapshot.arrow holds 沙河镇's data values row by row, and of the county and the other townships only their totals", async () => {
    const res = await fetch(`${app.url}/snapshot.arrow`, { headers: { cookie: officer.cookie! } });
    expect(res.status).toBe(200);
    const snapshot = decodeSnapshot(new Uint8Array(await res.arrayBuffer()));
    const units = new Set(snapshot.dataValues.orgUnit);
    expect([...units].filter((u) => u !== "LZ-SH" && !u.startsWith("LZ-SH-")).sort()).toEqual(["LZ", "LZ-BQ", "LZ-LQ", "LZ-NJY", "LZ-PC", "LZ-XH", "LZ-YN"]);
    expect(units.size).toBeGreaterThan(5);
    expect(snapshot.orgUnits.map((u) => u.code).filter((c) => !c.startsWith("LZ-SH"))).toEqual(["LZ", "LZ-XH", "LZ-LQ", "LZ-PC", "LZ-BQ", "LZ-YN", "LZ-NJY"]);
    expect(snapshot.summaryOnly).toEqual(["LZ-XH", "LZ-LQ", "LZ-PC", "LZ-BQ", "LZ-YN", "LZ-NJY"]);
    // The administrator's has the county's own values and every one of the 7 townships'.
    const all = decodeSnapshot(new Uint8Array(await (await fetch(`${app.url}/snapshot.arrow`, { headers: { cookie: admin.cookie! } })).arrayBuffer()));
    expect([...new Set(all.dataValues.orgUnit.map((u) => u.split("-").slice(0, 2).join("-")))].sort()).toEqual(["LZ", "LZ-BQ", "LZ-LQ", "LZ-NJY", "LZ-PC", "LZ-SH", "LZ-XH", "LZ-YN"]);
  });
});
