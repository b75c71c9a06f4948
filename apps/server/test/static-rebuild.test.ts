/**
 * The dashboard rebuilt under a running server (as `npm test` does while
 * `npm start` runs): new files are served, vanished ones answer 404, and the
 * process survives.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { staticFiles } from "../src/static.ts";

let dist: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), "linze-rebuild-"));
  await mkdir(path.join(dist, "assets"));
  await writeFile(path.join(dist, "index.html"), '<script src="/assets/app-1.js"></script>');
  await writeFile(path.join(dist, "assets", "app-1.js"), "console.log(1)");
  server = createServer(staticFiles(dist));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dist, { recursive: true, force: true });
});

test("a rebuild's new files are served and the old ones answer 404", async () => {
  const get = (url: string) => fetch(base + url, { headers: { "accept-encoding": "identity" } });
  expect(await (await get("/assets/app-1.js")).text()).toBe("console.log(1)");

  // what `vite build` does: empty the folder, write new hashed files
  await rm(path.join(dist, "assets"), { recursive: true });
  await mkdir(path.join(dist, "assets"));
  await writeFile(path.join(dist, "index.html"), '<script src="/assets/app-2.js"></script>');
  await writeFile(path.join(dist, "assets", "app-2.js"), "console.log(2)");

  expect((await get("/assets/app-1.js")).status).toBe(404);
  expect(await (await get("/assets/app-2.js")).text()).toBe("console.log(2)");
  expect(await (await get("/townships")).text()).toBe('<script src="/assets/app-2.js"></script>');
});
