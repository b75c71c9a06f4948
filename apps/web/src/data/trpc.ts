/**
 * The tRPC client: one transformer (superjson) shared with the server,
 * batched over HTTP with a bounded URL length; a call made with
 * `{ context: { alone: true } }` goes in a request of its own, not waiting
 * for slower calls of its batch (the overview's first KPIs, issue 6 P2).
 * Only the router's type is imported from @linze/api; nothing of the server
 * is bundled.
 */
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
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
