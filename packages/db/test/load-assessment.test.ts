/**
 * Loading the assessment inputs (committee_members.csv, letters_2016.json,
 * supervision_findings_2016.csv) with the dataset: one transaction, validated
 * first, idempotent; and the store's reads of what was loaded.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Database } from "../src/client.ts";
import { DatasetError, loadDataset } from "../src/load.ts";
import { getLetter, listFindings, listLetters, listLetterRevisions, listMembers } from "../src/assessment-store.ts";
import { openEmptyTestDatabase, writeLinzeFixture, writeLinzeFixtureWithAssessment } from "../src/testing.ts";

let db: Database;
beforeAll(async () => {
  db = await openEmptyTestDatabase();
  await db.migrate();
}, 60_000);
afterAll(() => db.close());

const count = async (table: string) => Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n);
const counts = async () => ({
  orgUnits: await count("org_units"),
  members: await count("committee_members"),
  letters: await count("letters"),
  revisions: await count("letter_revisions"),
  findings: await count("supervision_findings"),
});

describe("loading the assessment inputs", () => {
  test("a bad letter (points sum to 97) stops the whole load: no org units, no data values, no members", async () => {
    const dir = await writeLinzeFixtureWithAssessment();
    const file = path.join(dir, "letters_2016.json");
    const letters = JSON.parse(await readFile(file, "utf8")) as { items: { points: number }[] }[];
    letters[5]!.items[0]!.points -= 3;
    await writeFile(file, JSON.stringify(letters));
    const error = await loadDataset(db, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect(error).toMatchObject({ file: "letters_2016.json", column: "[5].items" });
    expect((error as Error).message).toContain("the items' points sum to 97, not 100");
    expect(await counts()).toEqual({ orgUnits: 0, members: 0, letters: 0, revisions: 0, findings: 0 });
    expect(await count("data_values")).toBe(0);
  });

  test("a finding against an item its unit's letter lacks names file, line and column", async () => {
    const dir = await writeLinzeFixtureWithAssessment();
    const file = path.join(dir, "supervision_findings_2016.csv");
    const lines = (await readFile(file, "utf8")).split("\n");
    lines[3] = lines[3]!.replace(/^(\w+,[^,]+,[^,]+,)[^,]+,/, "$1zz9,");
    await writeFile(file, lines.join("\n"));
    const error = await loadDataset(db, dir).catch((e: unknown) => e);
    expect(error).toMatchObject({ file: "supervision_findings_2016.csv", line: 4, column: "item_id" });
    expect((error as Error).message).toMatch(/has no item zz9$/);
    expect(await counts()).toEqual({ orgUnits: 0, members: 0, letters: 0, revisions: 0, findings: 0 });
  });

  test("loads with the dataset in one go (83 members, 90 letters with version 1, 24 findings), and a second load does nothing", async () => {
    const dir = await writeLinzeFixtureWithAssessment();
    const first = await loadDataset(db, dir);
    expect(first.assessment).toEqual({ members: 83, letters: 90, findings: 24 });
    expect(await counts()).toEqual({ orgUnits: 84, members: 83, letters: 90, revisions: 90, findings: 24 });
    const again = await loadDataset(db, dir);
    expect(again.loaded).toBe(false);
    expect(again.assessment).toBeUndefined();
    expect(await counts()).toEqual({ orgUnits: 84, members: 83, letters: 90, revisions: 90, findings: 24 });
  });

  test("what was loaded reads back: members under a township, letters of a township's scope, findings overdue as of 2016-12-31", async () => {
    const shahe = await listMembers(db, { under: "LZ-SH" });
    expect(shahe).toHaveLength(18);
    expect(shahe.find((m) => m.code === "CM-LZ-SH-V03")).toMatchObject({
      name: "专职委员 沙河镇 3号村 / Committee member, Shahe Village 3",
      orgUnit: "LZ-SH-V03",
      inPostTo: null,
      version: 1,
      createdBy: "dataset-loader",
    });
    const letters = await listLetters(db, { year: 2016, under: "LZ-SH" });
    expect(letters).toHaveLength(19);
    expect(letters[0]!.assessedUnit).toEqual({ kind: "township", code: "LZ-SH" });
    const letter = await getLetter(db, letters[0]!.id);
    expect(letter.items.map((i) => i.id)).toEqual(["i1", "i2", "i3", "i4", "i5", "i6", "i7", "i8", "m1", "m2", "v1"]);
    expect(await listLetterRevisions(db, letter.id)).toHaveLength(1);
    expect(await listLetters(db, { year: 2016, kind: "township" })).toHaveLength(7);
    const overdue = await listFindings(db, { overdueAsOf: "2016-12-31" });
    expect(overdue).toHaveLength(7);
    expect(overdue.every((f) => f.rectification.status === "open" && f.rectification.dueDate < "2016-12-31")).toBe(true);
    expect((await listFindings(db, { period: "2016-03" })).map((f) => f.assessedUnit.code)).toEqual(["CM-LZ-YN-V05", "LZ-LQ"]);
    const verified = await listFindings(db, { status: "verified" });
    expect(verified.every((f) => f.rectification.verificationNote !== null)).toBe(true);
    expect((await listFindings(db, { period: "2016" })).length).toBe(24);
  });

  test("a database loaded before the assessment files existed gets them on the next start, once", async () => {
    const fresh = await openEmptyTestDatabase();
    try {
      await fresh.migrate();
      await loadDataset(fresh, await writeLinzeFixture());
      expect((await fresh.query<{ n: number }>("SELECT count(*)::int AS n FROM letters"))[0]!.n).toBe(0);
      const later = await loadDataset(fresh, await writeLinzeFixtureWithAssessment());
      expect(later).toMatchObject({ loaded: false, assessment: { members: 83, letters: 90, findings: 24 } });
      const again = await loadDataset(fresh, await writeLinzeFixtureWithAssessment());
      expect(again.assessment).toBeUndefined();
      expect((await fresh.query<{ n: number }>("SELECT count(*)::int AS n FROM letters"))[0]!.n).toBe(90);
    } finally {
      await fresh.close();
    }
  });
});
