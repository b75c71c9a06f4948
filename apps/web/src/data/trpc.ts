/**
 * The tRPC client: one transformer (superjson) shared with the server,
 * batched over HTTP with a bounded URL length; a call made with
 * `{ context: { alone: true } }` goes in a request of its own, not waiting
 * for slower calls of its batch (the overview's first KPIs, issue 6 P2).
 * Only the router's type is imported from @linze/api; nothing of the server
 * is bundled.
 */
import { createTRPCClient, httpBatchLink, httpLink, splitLink, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@linze/api";
import superjson from "superjson";
import { CSRF_HEADERS, sessionEnded } from "../auth/session.ts";
import { takeEarlyResponse } from "./early.ts";

/**
 * Every request carries the CSRF header (the server refuses mutations without
 * it); a 401 means the session ended. A query index.html asked for early is
 * answered with that response (data/early.ts).
 */
async function fetchWithSession(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const res = await ((typeof input === "string" ? takeEarlyResponse(input) : undefined) ?? fetch(input, init));
  if (res.status === 401) sessionEnded();
  return res;
}

export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.context.alone === true,
      true: httpLink({ url: "/trpc", transformer: superjson, headers: () => CSRF_HEADERS, fetch: fetchWithSession }),
      false: httpBatchLink({ url: "/trpc", transformer: superjson, maxURLLength: 2083, headers: () => CSRF_HEADERS, fetch: fetchWithSession }),
    }),
  ],
});

/** Tries of a failing query in all (react-query's default is 4: the first and 3 retries). */
const MAX_TRIES = 4;

/**
 * react-query's `retry` for every query (main.tsx): a failure that may pass
 * (no network, the server down or 5xx) is tried again, up to
 * {@link MAX_TRIES} tries in all; an answer that will not change — a 4xx from
 * tRPC (no permission, not found, bad input; 401 has sent the page to sign
 * in already) — is shown at once, not after the 7–13 s of three backed-off
 * retries.
 */
export function retryUnlessRefused(failureCount: number, error: unknown): boolean {
  const status = httpStatusOf(error);
  if (status !== null && status >= 400 && status < 500) return false;
  return failureCount + 1 < MAX_TRIES;
}

/** The HTTP status of the server's answer behind a tRPC call's error (404, 403, …); null for any other error (no network). */
export function httpStatusOf(error: unknown): number | null {
  const status = error instanceof TRPCClientError ? (error.data as { httpStatus?: unknown } | undefined)?.httpStatus : undefined;
  return typeof status === "number" ? status : null;
}
