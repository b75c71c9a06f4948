/**
 * Responses asked for by index.html's first script, while the app's JS is
 * still loading: the session (`/auth/me`) and the snapshot's layout (tRPC
 * `snapshot.header`). On a loaded machine the app's JS took ~400 ms to run
 * to main.tsx after it had arrived, and the overview's first KPIs wait for
 * both answers (issue 6 P2). Each response is taken once, by the URL the app
 * would fetch (a later call, a refetch, fetches afresh); a URL that does not
 * match (tRPC encoding its input otherwise) is simply not taken, and the app
 * fetches as before. {@link EARLY_SNAPSHOT_HEADER_URL} is the URL the tRPC
 * client builds for `snapshot.header` (test/early.test.ts builds it with the
 * real client and compares it with index.html's).
 */
export const EARLY_SESSION_URL = "/auth/me";
export const EARLY_SNAPSHOT_HEADER_URL = "/trpc/snapshot.header?input=%7B%22json%22%3Anull%2C%22meta%22%3A%7B%22values%22%3A%5B%22undefined%22%5D%2C%22v%22%3A1%7D%7D";

type EarlyResponses = Record<string, Promise<Response> | undefined>;

const early = (): EarlyResponses => (globalThis as { __linzeEarly?: EarlyResponses }).__linzeEarly ?? {};

/** The early response for `url`, once; undefined when there is none (or it was taken). */
export function takeEarlyResponse(url: string): Promise<Response> | undefined {
  const responses = early();
  const response = responses[url];
  delete responses[url];
  return response;
}
