/**
 * The read path's caches over real HTTP (issue 6, bench P4): kept answers of
 * the dashboard's queries and kept sessions never outlive a write — one made
 * through the API, one made in plain SQL as the CLI or another process would
 * (the database's change counters, migration 0007) — and a kept answer is
 * never served to a caller of another scope. On the Linze fixture
 * (testing.ts): cataract surgeries 5 a month in LZ-SH-V01 and 8 in LZ-XH-V01.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import superjson from "superjson";
import { findUser, loadOrgUnitTree, type Database } from "@linze/db";
import { openTestDatabase } from "@linze/db/testing";
import { createServer, type AppServer } from "../src/server.ts";
import { ensureAccount, login, signedInHeaders, TEST_PASSWORD } from "./sign-in.ts";

let db: Database;
let app: AppServer;
let admin: Record<string, string>;
let leader: Record<string, string>;

beforeAll(async () => {
  db = await openTestDatabase();
  app = await createServer({ port: 0, db, tree: await loadOrgUnitTree(db) });
  admin = await signedInHeaders(app.url, db);
  leader = await signedInHeaders(app.url, db, { username: "cache-leader", role: "county_leader" });
}, 90_000);
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const url = (procedure: string, input?: unknown) => `${app.url}/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`}`;

async function get(procedure: string, input: unknown, headers: Record<string, string>) {
  const res = await fetch(url(procedure, input), { headers });
  const text = await res.text();
  return { status: res.status, text, contentType: res.headers.get("content-type"), json: JSON.parse(text) as { result?: { data: unknown }; error?: { json: { message: string; data: { code: string } } } } };
}
async function mutate(procedure: string, input: unknown, headers: Record<string, string>) {
  const res = await fetch(`${app.url}/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(superjson.serialize(input)) });
  return { status: res.status, body: (await res.json()) as { result?: { data: { json: unknown } }; error?: { json: { message: string } } } };
}

const CATARACT_MARCH = { indicators: ["cataract_surgeries"], orgUnits: ["LZ-SH", "LZ-XH"], periods: ["2016-03"] };
/** values.list's values, by org unit. */
async function cataractMarch(headers: Record<string, string>): Promise<Record<string, number | null>> {
  const r = await get("values.list", CATARACT_MARCH, headers);
  expect(r.status).toBe(200);
  const rows = superjson.deserialize<{ orgUnit: string; value: number | null }[]>(r.json.result!.data as never);
  return Object.fromEntries(rows.map((x) => [x.orgUnit, x.value]));
}

const setMarchSurgeries = (value: number) =>
  db.query("UPDATE data_values SET value = $1 WHERE org_unit = 'LZ-SH-V01' AND period = '2016-03' AND data_element = 'cataract_surgeries'", [value]);

describe("kept answers of the dashboard's queries", () => {
  test("an answer served again is tRPC's answer, byte for byte, singly and in a batch", async () => {
    const first = await get("values.list", CATARACT_MARCH, leader);
    const again = await get("values.list", CATARACT_MARCH, leader);
    expect(first.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.contentType).toBe(first.contentType);
    expect(await cataractMarch(leader)).toEqual({ "LZ-SH": 5, "LZ-XH": 8 });
    const batchUrl = `${app.url}/trpc/meta.latestPeriod,values.list?batch=1&input=${encodeURIComponent(JSON.stringify({ "1": superjson.serialize(CATARACT_MARCH) }))}`;
    const batch1 = await fetch(batchUrl, { headers: leader });
    const batch2 = await fetch(batchUrl, { headers: leader });
    const body = await batch1.text();
    expect(batch1.status).toBe(200);
    expect(await batch2.text()).toBe(body);
    const parsed = JSON.parse(body) as { result: { data: { json: unknown } } }[];
    expect(parsed[0]!.result.data.json).toBe("2016-12");
    expect(parsed[1]!.result.data.json).toEqual(first.json.result!.data && (first.json.result!.data as { json: unknown }).json);
  });

  test("a value saved through the API shows in the next read", async () => {
    expect(await cataractMarch(leader)).toEqual({ "LZ-SH": 5, "LZ-XH": 8 });
    const saved = await mutate("dataEntry.save", { orgUnit: "LZ-SH-V01", period: "2016-03", values: { cataract_surgeries: "6" } }, admin);
    expect(saved.status).toBe(200);
    expect(await cataractMarch(leader)).toEqual({ "LZ-SH": 6, "LZ-XH": 8 });
  });

  test("a value written in plain SQL (the CLI's or another process's way) shows in the next read", async () => {
    await cataractMarch(leader);
    await setMarchSurgeries(11);
    expect(await cataractMarch(leader)).toEqual({ "LZ-SH": 11, "LZ-XH": 8 });
    // The latest period moves with a value for a new month.
    expect((await get("meta.latestPeriod", undefined, leader)).json.result!.data).toEqual({ json: "2016-12" });
    await db.query("INSERT INTO data_values (org_unit, period, data_element, value) VALUES ('LZ-SH-V01', '2017-01', 'cataract_surgeries', 1)");
    expect((await get("meta.latestPeriod", undefined, leader)).json.result!.data).toEqual({ json: "2017-01" });
    await db.query("DELETE FROM data_values WHERE period = '2017-01'");
    expect((await get("meta.latestPeriod", undefined, leader)).json.result!.data).toEqual({ json: "2016-12" });
  });

  test("answers are kept: a write that bypasses the counters is not seen until the counters move", async () => {
    await setMarchSurgeries(5);
    expect(await cataractMarch(leader)).toEqual({ "LZ-SH": 5, "LZ-XH": 8 });
    // What the triggers are for: without them the kept answer would be served stale.
    await db.transaction(async (tx) => {
      await tx.query("ALTER TABLE data_values DISABLE TRIGGER data_values_data_version");
      await tx.query("UPDATE data_values SET value = 50 WHERE org_unit = 'LZ-SH-V01' AND period = '2016-03' AND data_element = 'cataract_surgeries'");
      await tx.query("ALTER TABLE data_values ENABLE TRIGGER data_values_data_version");
    });
    expect(await cataractMarch(leader)).toEqual({ "LZ-SH": 5, "LZ-XH": 8 });
    await setMarchSurgeries(7);
    expect(await cataractMarch(leader)).toEqual({ "LZ-SH": 7, "LZ-XH": 8 });
    await setMarchSurgeries(5);
  });

  test("an answer kept for the county leader is not served to a township officer of another scope", async () => {
    const officer = await signedInHeaders(app.url, db, { username: "cache-sh-officer", role: "township_officer", orgUnits: { capture: ["LZ-SH"], view: ["LZ-SH"] } });
    const villages = { indicators: ["cataract_surgeries"], orgUnits: ["LZ-XH-V01"], periods: ["2016-03"] };
    expect((await get("values.list", villages, leader)).status).toBe(200);
    const refused = await get("values.list", villages, officer);
    expect(refused.status).toBe(403);
    expect(refused.json.error!.json.data.code).toBe("FORBIDDEN");
    // The officer's own village, and the townships for comparison.
    expect((await get("values.list", { ...villages, orgUnits: ["LZ-SH-V01"] }, officer)).status).toBe(200);
    expect(await cataractMarch(officer)).toEqual({ "LZ-SH": 5, "LZ-XH": 8 });
    // Taking LZ-SH away in plain SQL (no sign-out): the next read is refused.
    const id = (await findUser(db, "cache-sh-officer"))!.id;
    await db.query("UPDATE user_org_units SET org_unit = 'LZ-LQ' WHERE user_id = $1", [id]);
    expect((await get("values.list", { ...villages, orgUnits: ["LZ-SH-V01"] }, officer)).status).toBe(403);
  });
});

describe("kept sessions", () => {
  test("a signed-out cookie is refused at once, for kept and other procedures", async () => {
    await ensureAccount(db, { username: "cache-logout", role: "county_leader" });
    const { cookie } = await login(app.url, "cache-logout", TEST_PASSWORD);
    const headers = { cookie: cookie!, "x-linze-request": "1" };
    expect((await get("meta.latestPeriod", undefined, headers)).status).toBe(200);
    expect((await get("account.me", undefined, headers)).status).toBe(200);
    expect((await fetch(`${app.url}/auth/logout`, { method: "POST", headers })).status).toBe(200);
    expect((await get("meta.latestPeriod", undefined, headers)).status).toBe(401);
    expect((await get("account.me", undefined, headers)).status).toBe(401);
    expect((await fetch(`${app.url}/auth/me`, { headers })).status).toBe(401);
  });

  test("after a password change the old cookie is refused at once", async () => {
    await ensureAccount(db, { username: "cache-password", role: "auditor" });
    const { cookie } = await login(app.url, "cache-password", TEST_PASSWORD);
    const headers = { cookie: cookie!, "x-linze-request": "1" };
    expect((await get("values.list", CATARACT_MARCH, headers)).status).toBe(200);
    const changed = await mutate("account.changePassword", { currentPassword: TEST_PASSWORD, newPassword: "a different horse battery" }, headers);
    expect(changed.status).toBe(200);
    expect((await get("values.list", CATARACT_MARCH, headers)).status).toBe(401);
    expect((await get("account.me", undefined, headers)).status).toBe(401);
  });

  test("a user disabled by an administrator, or in plain SQL, is refused at once", async () => {
    await ensureAccount(db, { username: "cache-disabled", role: "county_leader" });
    const first = { cookie: (await login(app.url, "cache-disabled", TEST_PASSWORD)).cookie!, "x-linze-request": "1" };
    expect((await get("values.list", CATARACT_MARCH, first)).status).toBe(200);
    const id = (await findUser(db, "cache-disabled"))!.id;
    expect((await mutate("users.setDisabled", { id, disabled: true }, admin)).status).toBe(200);
    expect((await get("values.list", CATARACT_MARCH, first)).status).toBe(401);
    expect((await mutate("users.setDisabled", { id, disabled: false }, admin)).status).toBe(200);
    // Disabled in the database by another process, sessions left in place: refused all the same.
    const second = { cookie: (await login(app.url, "cache-disabled", TEST_PASSWORD)).cookie!, "x-linze-request": "1" };
    expect((await get("values.list", CATARACT_MARCH, second)).status).toBe(200);
    await db.query("UPDATE users SET disabled = true WHERE id = $1", [id]);
    expect((await get("values.list", CATARACT_MARCH, second)).status).toBe(401);
    expect((await get("catalogue.indicators", undefined, second)).status).toBe(401);
  });

  test("a role changed in plain SQL takes effect at the next request", async () => {
    await ensureAccount(db, { username: "cache-role", role: "county_leader" });
    const headers = { cookie: (await login(app.url, "cache-role", TEST_PASSWORD)).cookie!, "x-linze-request": "1" };
    const villages = { indicators: ["cataract_surgeries"], orgUnits: ["LZ-XH-V01"], periods: ["2016-03"] };
    expect((await get("values.list", villages, headers)).status).toBe(200);
    const id = (await findUser(db, "cache-role"))!.id;
    await db.transaction(async (tx) => {
      await tx.query("UPDATE users SET role = 'township_officer' WHERE id = $1", [id]);
      await tx.query("INSERT INTO user_org_units (user_id, org_unit, kind) VALUES ($1, 'LZ-SH', 'view')", [id]);
    });
    expect((await get("values.list", villages, headers)).status).toBe(403);
    expect((await get("account.me", undefined, headers)).json.result!.data).toMatchObject({ json: { role: "township_officer" } });
  });
});
