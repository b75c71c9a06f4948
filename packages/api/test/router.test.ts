import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { TRPCError } from "@trpc/server";
import { loadOrgUnitTree, type Database } from "@linze/db";
import { openTestDatabase } from "@linze/db/testing";
import { DEMO_DATA_NOTICE, INDICATOR_CODES } from "@linze/domain";
import { createCaller, createContext, DEMO_USER, type RouterOutputs } from "../src/index.ts";
import { appRouter } from "../src/root.ts";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";

let db: Database;
let api: ReturnType<typeof createCaller>;
beforeAll(async () => {
  db = await openTestDatabase();
  api = createCaller(createContext({ db, tree: await loadOrgUnitTree(db) }));
}, 60_000);
afterAll(() => db.close());

/** The error a call rejects with, and the shape a client would receive. */
async function failure(call: Promise<unknown>) {
  const error = await call.then(
    () => expect.fail("expected the call to fail"),
    (e: unknown) => e as TRPCError,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const shape = getErrorShape({ config: appRouter._def._config, error, type: "query", path: "values.list", input: undefined, ctx: undefined });
  return { error, shape: shape as typeof shape & { data: { zodError: { issues: { path: string; message: string }[] } | null } } };
}

describe("values.list", () => {
  test("county cataract surgeries in 2016 = 156, and 39 in Q1", async () => {
    const rows = await api.values.list({ indicators: ["cataract_surgeries"], orgUnits: ["LZ"], periods: ["2016", "2016Q1", "2016-02"] });
    expect(rows).toEqual([
      { indicator: "cataract_surgeries", orgUnit: "LZ", period: "2016", numerator: 156, denominator: null, value: 156 },
      { indicator: "cataract_surgeries", orgUnit: "LZ", period: "2016Q1", numerator: 39, denominator: null, value: 39 },
      { indicator: "cataract_surgeries", orgUnit: "LZ", period: "2016-02", numerator: 13, denominator: null, value: 13 },
    ]);
  });

  test("the townships (level 2), in the report's order (沙河镇, 新华镇, 蓼泉镇, 平川镇, 板桥镇, 鸭暖镇, 倪家营镇), with null for those without data", async () => {
    const rows = await api.values.list({ indicators: ["cataract_surgeries"], level: 2, periods: ["2016"] });
    expect(rows.map((r) => [r.orgUnit, r.value])).toEqual([
      ["LZ-SH", 60], ["LZ-XH", 96], ["LZ-LQ", null], ["LZ-PC", null], ["LZ-BQ", null], ["LZ-YN", null], ["LZ-NJY", null],
    ]);
  });

  test("children of an org unit; a stock rate uses the last month's value (Q1 75 of 76, 100 % for the year)", async () => {
    const rows = await api.values.list({ indicators: ["association_coverage"], childrenOf: "LZ", periods: ["2016Q1", "2016"] });
    const njy = rows.filter((r) => r.orgUnit === "LZ-NJY");
    expect(njy.map((r) => [r.period, r.numerator, r.denominator])).toEqual([["2016Q1", 9, 10], ["2016", 10, 10]]);
    expect(njy[0]!.value).toBeCloseTo(90, 10);
    expect(rows.filter((r) => r.orgUnit === "LZ-SH").map((r) => r.value)).toEqual([100, 100]);
  });

  test("a 0 denominator is no value, not 0 %", async () => {
    const [row] = await api.values.list({ indicators: ["rehab_effectiveness_rate"], orgUnits: ["LZ-XH-V02"], periods: ["2016-02"] });
    expect(row).toEqual({ indicator: "rehab_effectiveness_rate", orgUnit: "LZ-XH-V02", period: "2016-02", numerator: 0, denominator: 0, value: null });
  });

  test("an unknown indicator answers BAD_REQUEST naming it and listing the valid codes", async () => {
    const { error, shape } = await failure(api.values.list({ indicators: ["cataract"], orgUnits: ["LZ"], periods: ["2016"] }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain('Unknown indicator "cataract"');
    expect(error.message).toContain(`Valid indicators: ${INDICATOR_CODES.join(", ")}`);
    expect(shape.data.httpStatus).toBe(400);
  });

  test("an unknown org unit answers BAD_REQUEST listing the valid codes", async () => {
    const { error } = await failure(api.values.list({ indicators: ["cataract_surgeries"], childrenOf: "LZ-ZZ", periods: ["2016"] }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^Unknown org unit "LZ-ZZ".*Valid org units: LZ, LZ-BQ, /);
    expect(error.message).toContain(" LZ-SH-C05, ");
  });

  test("a bad period answers BAD_REQUEST whose error names the field path", async () => {
    const { error, shape } = await failure(api.values.list({ indicators: ["cataract_surgeries"], orgUnits: ["LZ"], periods: ["2016", "2016-13"] }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(shape.data.zodError?.issues).toEqual([{ path: "periods.1", message: expect.stringContaining("expected a period") }]);
    expect(shape.message).toContain("at periods[1]");
  });

  test("a request for too many values is refused with the count, and no error carries a stack trace", async () => {
    const periods = Array.from({ length: 48 }, (_, i) => `${2013 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`);
    // 12 indicators × 84 org units × 48 months = 48,384 values
    const orgUnits = (await api.catalogue.orgUnits()).map((u) => u.code);
    const { error, shape } = await failure(api.values.list({ indicators: [...INDICATOR_CODES], orgUnits: orgUnits.slice(0, 84), periods }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toContain("12 indicators × 84 org units × 48 periods = 48384 values; at most 5000");
    expect(shape.data).not.toHaveProperty("stack");
  });

  test("two ways of choosing org units at once is refused on the orgUnits field", async () => {
    const { shape } = await failure(api.values.list({ indicators: ["cataract_surgeries"], orgUnits: ["LZ"], level: 2, periods: ["2016"] }));
    expect(shape.data.zodError?.issues.map((i) => i.path)).toEqual(["orgUnits"]);
  });
});

describe("catalogue, meta, snapshot", () => {
  test("catalogue: 84 org units county first; indicators with targets", async () => {
    const units = await api.catalogue.orgUnits();
    expect(units).toHaveLength(84);
    // The county, then the townships in the report's order.
    expect(units.slice(0, 2).map((u) => u.code)).toEqual(["LZ", "LZ-SH"]);
    const indicators = await api.catalogue.indicators();
    expect(indicators.find((i) => i.code === "enrollment_rate")?.target).toEqual({ value: 95, comparison: "atLeast", scope: "everyOrgUnit" });
    expect((await api.catalogue.dataElements()).find((d) => d.code === "villages_total")?.aggregationType).toBe("stock");
  });

  test("meta: latest month with data, the caller", async () => {
    expect(await api.meta.latestPeriod()).toBe("2016-12");
    expect(await api.meta.me()).toEqual(DEMO_USER);
  });

  test("snapshot: org units and every data value in columns of numbers, with the demo notice", async () => {
    const snapshot: RouterOutputs["snapshot"]["get"] = await api.snapshot.get();
    expect(snapshot.orgUnits).toHaveLength(84);
    expect(snapshot.source).toEqual(DEMO_DATA_NOTICE);
    const { orgUnit, period, dataElement, value } = snapshot.dataValues;
    expect(new Set([orgUnit.length, period.length, dataElement.length]).size).toBe(1);
    expect(value).toHaveLength(orgUnit.length);
    const i = orgUnit.findIndex((u, k) => u === "LZ-SH-V01" && period[k] === "2016-03" && dataElement[k] === "ecommerce_funds_cny");
    expect(value[i]).toBe(9.5);
    const surgeries = value.filter((_, k) => dataElement[k] === "cataract_surgeries").reduce((a, b) => a + b, 0);
    expect(surgeries).toBe(156);
  });

  test("an anonymous caller is refused", async () => {
    const anonymous = createCaller(createContext({ db, tree: await loadOrgUnitTree(db), user: null }));
    await expect(anonymous.meta.latestPeriod()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
