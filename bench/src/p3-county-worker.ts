/**
 * A worker thread of the province's county runs (p3-assessment.ts
 * `runCountyRuns`): opens its own connection pool to the PostgreSQL database
 * in `workerData.url`, says "ready", and on "go" takes counties one at a
 * time from the shared counter until none is left, running each county's
 * members' run (`assessCountyMembers`); then posts its county count and
 * closes. Before "ready" it runs county 1 once, not counted (V8 compiles
 * the run's code as it goes).
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "@linze/db";
import type { OrgUnit } from "@linze/domain";
import { assessCountyMembers, provinceMembers, unitsByCounty } from "./p3-assessment.ts";

interface CountyWorkerData {
  readonly url: string;
  readonly counties: number;
  readonly orgUnits: readonly OrgUnit[];
  /** Int32Array over a SharedArrayBuffer: [0] the next county's index (0-based). */
  readonly next: SharedArrayBuffer;
}

const data = workerData as CountyWorkerData;
const port = parentPort!;
const db = await openDatabase({ databaseUrl: data.url });
const byCounty = unitsByCounty(await provinceMembers(data.counties), data.counties);
const next = new Int32Array(data.next);
// One county's run before the clock starts, as on the main thread (whose code is warm from the single run before).
await assessCountyMembers(db, data.orgUnits, byCounty[0]!, 1);
port.once("message", async () => {
  let done = 0;
  try {
    for (let i = Atomics.add(next, 0, 1); i < data.counties; i = Atomics.add(next, 0, 1)) {
      await assessCountyMembers(db, data.orgUnits, byCounty[i]!, i + 1);
      done++;
    }
    port.postMessage({ done });
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  } finally {
    await db.close();
  }
});
port.postMessage("ready");
