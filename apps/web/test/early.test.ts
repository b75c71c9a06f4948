/**
 * index.html asks for the session and the snapshot's layout before the app's
 * JS has loaded (src/data/early.ts): the app takes those responses only when
 * the URLs are the ones it would fetch, so the URL written in index.html must
 * be the one the tRPC client builds for `snapshot.header`.
 */
import { readFileSync } from "node:fs";
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { describe, expect, test } from "vitest";
import type { AppRouter } from "@linze/api";
import { EARLY_SESSION_URL, EARLY_SNAPSHOT_HEADER_URL, takeEarlyResponse } from "../src/data/early.ts";

const indexHtml = readFileSync(new URL("../index.html", import.meta.url), "utf8");

describe("the early requests of index.html", () => {
  test("snapshot.header's URL is the one the tRPC client (httpLink, superjson, /trpc) builds for the call without input", async () => {
    const urls: string[] = [];
    const client = createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: "/trpc",
          transformer: superjson,
          fetch: async (input) => {
            urls.push(String(input));
            return new Response(JSON.stringify({ result: { data: superjson.serialize({ orgUnits: [], months: [] }) } }), { headers: { "content-type": "application/json" } });
          },
        }),
      ],
    });
    await client.snapshot.header.query(undefined);
    expect(urls).toEqual([EARLY_SNAPSHOT_HEADER_URL]);
    // Decoded, the input is superjson's undefined.
    expect(decodeURIComponent(EARLY_SNAPSHOT_HEADER_URL)).toBe('/trpc/snapshot.header?input={"json":null,"meta":{"values":["undefined"],"v":1}}');
  });

  test("index.html asks for exactly these two URLs", () => {
    const asked = [...indexHtml.matchAll(/ask\("([^"]+)"/g)].map((m) => m[1]);
    expect(asked).toEqual([EARLY_SESSION_URL, EARLY_SNAPSHOT_HEADER_URL]);
  });

  test("a response is taken once, by its URL", async () => {
    const response = Promise.resolve(new Response("{}"));
    (globalThis as { __linzeEarly?: Record<string, Promise<Response>> }).__linzeEarly = { [EARLY_SESSION_URL]: response };
    expect(takeEarlyResponse("/auth/me?other")).toBeUndefined();
    expect(takeEarlyResponse(EARLY_SESSION_URL)).toBe(response);
    expect(takeEarlyResponse(EARLY_SESSION_URL)).toBeUndefined();
    delete (globalThis as { __linzeEarly?: unknown }).__linzeEarly;
    expect(takeEarlyResponse(EARLY_SNAPSHOT_HEADER_URL)).toBeUndefined();
  });
});
