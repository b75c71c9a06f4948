/**
 * The committed report_submissions.csv: what the generator writes, one row
 * per township-month with data, in the following month, on time (days 1–10)
 * except the 6 drawn late ones (12th–25th).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { monthsOf, nextPeriod } from "@linze/domain";
import { generateLinzeDemoData } from "../src/breakdown.ts";
import { reportSubmissionsCsv } from "../src/csv.ts";
import { LINZE_DATA_DIR, REPORT_SUBMISSIONS_FILE } from "../src/paths.ts";
import { generateReportSubmissions, LATE_SUBMISSIONS, SUBMISSIONS_SEED } from "../src/submissions.ts";
import { committedData } from "./committed-data.ts";

const text = readFileSync(REPORT_SUBMISSIONS_FILE, "utf8");
const rows = parse(text, { columns: true }) as { org_unit: string; period: string; submitted_on: string }[];
const day = (r: { submitted_on: string }) => Number(r.submitted_on.slice(8));

describe("report_submissions.csv", () => {
  it("is what the generator writes from the committed data and its own seed (byte for byte), with the documented header and LF endings", () => {
    const data = generateLinzeDemoData();
    expect(reportSubmissionsCsv(generateReportSubmissions(data.orgUnits, data.dataValues))).toBe(text);
    expect(text.split("\n", 1)[0]).toBe("org_unit,period,submitted_on");
    expect(text).not.toContain("\r");
    expect(text.endsWith("\n")).toBe(true);
  });

  it("has one submission for every township-month with data: 7 townships × 12 months, each dated in the following month", () => {
    const { tree, values } = committedData();
    const townships = tree.atLevel(2).map((u) => u.code);
    const withData = new Set(values.map((v) => `${tree.get(v.orgUnit).level === 3 ? tree.get(v.orgUnit).parent : v.orgUnit}|${v.period}`));
    const expected = townships.flatMap((t) => monthsOf("2016").filter((m) => withData.has(`${t}|${m}`)).map((m) => `${t}|${m}`));
    expect(expected).toHaveLength(84);
    expect(rows.map((r) => `${r.org_unit}|${r.period}`).sort()).toEqual(expected.sort());
    for (const r of rows) expect(r.submitted_on.slice(0, 7)).toBe(nextPeriod(r.period));
  });

  it("most arrive on days 1–10; the 6 late ones on the 12th–25th; none on the 11th", () => {
    const late = rows.filter((r) => day(r) > 10);
    expect(LATE_SUBMISSIONS).toBe(6);
    expect(late.map((r) => `${r.org_unit} ${r.period} ${r.submitted_on}`)).toEqual([
      "LZ-XH 2016-02 2016-03-23",
      "LZ-XH 2016-04 2016-05-13",
      "LZ-LQ 2016-08 2016-09-21",
      "LZ-PC 2016-09 2016-10-13",
      "LZ-BQ 2016-05 2016-06-13",
      "LZ-YN 2016-09 2016-10-21",
    ]);
    for (const r of late) expect(day(r)).toBeGreaterThanOrEqual(12);
    for (const r of late) expect(day(r)).toBeLessThanOrEqual(25);
    for (const r of rows.filter((x) => day(x) <= 10)) expect(day(r)).toBeGreaterThanOrEqual(1);
    expect(rows.filter((r) => day(r) === 11)).toEqual([]);
  });

  it("another seed gives other dates and the same shape", () => {
    const data = generateLinzeDemoData();
    const other = generateReportSubmissions(data.orgUnits, data.dataValues, SUBMISSIONS_SEED + 1);
    expect(reportSubmissionsCsv(other)).not.toBe(text);
    expect(other).toHaveLength(84);
    expect(other.filter((s) => Number(s.submittedOn.slice(8)) > 10)).toHaveLength(LATE_SUBMISSIONS);
  });

  it("data/README.md documents the file, its seed and the late reports", () => {
    const readme = readFileSync(`${LINZE_DATA_DIR}../README.md`, "utf8");
    expect(readme).toContain("`linze/report_submissions.csv`");
    expect(readme).toContain(`SUBMISSIONS_SEED = ${SUBMISSIONS_SEED}`);
    expect(readme).toContain("新华镇 Xinhua 2016-02 on 2016-03-23");
  });
});
