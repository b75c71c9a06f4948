/**
 * Which failed queries are tried again (data/trpc.ts `retryUnlessRefused`,
 * every query's `retry` in main.tsx): a tRPC answer of 4xx (no permission,
 * not found, bad input) is final and shown at once; a failure that may pass
 * (5xx, no network) is tried 4 times in all, react-query's default.
 */
import { describe, expect, test } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { retryUnlessRefused } from "../src/data/trpc.ts";

/** The error the tRPC client makes of a server's error answer (the wire shape, as `TRPCClientError.from` gets it). */
function answered(httpStatus: number, code: string): TRPCClientError<never> {
  return TRPCClientError.from({ error: { code: -32000, message: `${code} from the server`, data: { code, httpStatus, path: "assessments.get" } } });
}


describe("retryUnlessRefused", () => {
  test("403, 404 and 400 from the server are not retried", () => {
    expect(retryUnlessRefused(0, answered(403, "FORBIDDEN"))).toBe(false);
    expect(retryUnlessRefused(0, answered(404, "NOT_FOUND"))).toBe(false);
    expect(retryUnlessRefused(0, answered(400, "BAD_REQUEST"))).toBe(false);
  });

  test("a 500 from the server and a network failure are tried 4 times in all", () => {
    // react-query calls retry(failureCount, error) with failureCount 0 after the first failure, 1 after the second, …
    const calls = (error: unknown) => [0, 1, 2, 3].map((n) => retryUnlessRefused(n, error));
    expect(calls(answered(500, "INTERNAL_SERVER_ERROR"))).toEqual([true, true, true, false]);
    expect(calls(new TypeError("Failed to fetch"))).toEqual([true, true, true, false]);
    expect(calls(TRPCClientError.from(new TypeError("Failed to fetch")))).toEqual([true, true, true, false]);
  });
});
