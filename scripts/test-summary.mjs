#!/usr/bin/env node
/**
 * Totals the vitest JSON reports of every workspace into the one line CI
 * reads: "N passed, N failed", from each workspace's test-results/*.json.
 * A workspace with a test script but no report
 * (its run crashed before vitest wrote one) counts as one failed suite.
 *
 *   node scripts/test-summary.mjs clean          remove old reports
 *   node scripts/test-summary.mjs report [code]  print per-suite lines and the total;
 *                                                exit 1 on any failure or a non-zero code
 */
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const REPORTS = "test-results";

function workspaces() {
  const out = [];
  for (const group of ["apps", "packages"]) {
    for (const name of readdirSync(join(root, group))) {
      const dir = join(root, group, name);
      const pkgFile = join(dir, "package.json");
      if (!existsSync(pkgFile)) continue;
      const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
      if (pkg.scripts?.test) out.push({ name: pkg.name, dir });
    }
  }
  return out;
}

const [command = "report", code = "0"] = process.argv.slice(2);
if (command === "clean") {
  for (const w of workspaces()) rmSync(join(w.dir, "test-results"), { recursive: true, force: true });
  process.exit(0);
}

let passed = 0;
let failed = 0;
for (const w of workspaces()) {
  const dir = join(w.dir, REPORTS);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : [];
  if (files.length === 0) {
    console.log(`${w.name}: no test report (the suite did not run to the end) — counted as 1 failed`);
    failed += 1;
    continue;
  }
  for (const file of files.sort()) {
    const r = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const p = r.numPassedTests ?? 0;
    // skipped and todo tests count as failed: nothing may pass by not running
    const f = (r.numFailedTests ?? 0) + (r.numTodoTests ?? 0) + (r.numPendingTests ?? 0);
    // A file that fails to load has no tests but fails the suite.
    const brokenFiles = (r.testResults ?? []).filter((t) => t.status === "failed" && (t.assertionResults ?? []).length === 0).length;
    console.log(`${w.name} (${file}): ${p} passed, ${f + brokenFiles} failed`);
    passed += p;
    failed += f + brokenFiles;
  }
}
if (failed === 0 && code !== "0") {
  console.log(`the test run exited with code ${code} — counted as 1 failed`);
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
