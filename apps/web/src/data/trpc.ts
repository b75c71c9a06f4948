/**
 * The tRPC client: one transformer (superjson) shared with the server,
 * batched over HTTP with a bounded URL length. Only the router's type is
 * imported from @linze/api; nothing of the server is bundled.
 */
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { AppRouter } from "@linze/api";
import superjson from "superjson";

export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: "/trpc", transformer: superjson, maxURLLength: 2083 })],
});
