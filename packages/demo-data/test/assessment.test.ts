/**
 * The committed assessment inputs (committee_members.csv, letters_2016.json,
 * supervision_findings_2016.csv), read with a parser and checked against the
 * domain's schemas and the committed data values.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CommitteeMemberSchema, LetterSchema, monthLabel, pointsTotal, SupervisionFindingSchema, type IndicatorItem, type Letter } from "@linze/domain";
import { parse } from "csv-parse/sync";
import { apportion, generateAssessmentDemo } from "../src/assessment.ts";
import { generateLinzeDemoData } from "../src/breakdown.ts";
import { committeeMembersCsv, lettersJson, supervisionFindingsCsv } from "../src/csv.ts";
import { COMMITTEE_MEMBERS_FILE, LETTERS_FILE, SUPERVISION_FINDINGS_FILE } from "../src/paths.ts";
import { committedData } from "./committed-data.ts";

const membersText = readFileSync(COMMITTEE_MEMBERS_FILE, "utf8");
const lettersText = readFileSync(LETTERS_FILE, "utf8");
const findingsText = readFileSync(SUPERVISION_FINDINGS_FILE, "utf8");
const { tree, index } = committedData();

const members = (parse(membersText, { columns: true }) as Record<string, string>[]).map((r) =>
  CommitteeMemberSchema.parse({ code: r.code, name: r.name, orgUnit: r.org_unit, inPostFrom: r.in_post_from, inPostTo: r.in_post_to === "" ? null : r.in_post_to }),
);
const rawLetters = JSON.parse(lettersText) as unknown[];
const findings = (parse(findingsText, { columns: true }) as Record<string, string>[]).map((r) =>
  SupervisionFindingSchema.parse({
    assessedUnit: { kind: r.assessed_kind, code: r.assessed_code },
    month: r.month,
    itemId: r.item_id,
    description: r.description,
    pointsDeducted: Number(r.points_deducted),
    rectification: { owner: r.owner, dueDate: r.due_date, status: r.status, verificationNote: r.verification_note === "" ? null : r.verification_note },
  }),
);

describe("committee_members.csv", () => {
  it("has the 83 posts: one per township (7) and per village or community (76), coded CM-<org unit>", () => {
    expect(members).toHaveLength(83);
    const served = members.map((m) => tree.get(m.orgUnit));
    expect(served.filter((u) => u.level === 2)).toHaveLength(7);
    expect(served.filter((u) => u.level === 3)).toHaveLength(76);
    expect(new Set(members.map((m) => m.orgUnit)).size).toBe(83);
    for (const m of members) expect(m.code).toBe(`CM-${m.orgUnit}`);
    expect(members.map((m) => m.code)).toContain("CM-LZ-SH-V03");
    expect(members.map((m) => m.code)).toContain("CM-LZ-SH");
  });

  it("names are visibly synthetic: the post and the org unit's own synthetic name, no person's name", () => {
    const m = members.find((x) => x.code === "CM-LZ-SH-V03")!;
    expect(m.name).toBe("专职委员 沙河镇 3号村 / Committee member, Shahe Village 3");
    for (const x of members) {
      const u = tree.get(x.orgUnit);
      expect(x.name).toBe(`专职委员 ${u.nameZh} / Committee member, ${u.nameEn}`);
    }
  });

  it("in post from the month the data first show the post filled: 3 village posts in Oct/Nov 2016, one township post in March", () => {
    const late = members.filter((m) => m.inPostFrom >= "2016-01").map((m) => [m.code, m.inPostFrom]);
    expect(late).toEqual([
      ["CM-LZ-BQ-V03", "2016-10"],
      ["CM-LZ-YN-V02", "2016-11"],
      ["CM-LZ-NJY", "2016-03"],
      ["CM-LZ-NJY-V08", "2016-10"],
    ]);
    for (const m of members) {
      expect(m.inPostTo).toBeNull();
      for (let month = 1; month <= 12; month++) {
        const label = monthLabel(2016, month);
        const inPost = index.aggregate("committee_members_in_post", [m.orgUnit], [label]);
        if (inPost === null) continue; // a month the village did not report
        expect([m.code, label, inPost]).toEqual([m.code, label, label >= m.inPostFrom ? 1 : 0]);
      }
    }
  });
});

describe("letters_2016.json", () => {
  const letters = rawLetters.map((l) => LetterSchema.parse(l));
  const indicatorItem = (l: Letter, indicator: string) => l.items.find((i): i is IndicatorItem => i.kind === "indicator" && i.indicator === indicator)!;

  it("every letter parses with LetterSchema and its points sum to exactly 100", () => {
    expect(letters).toHaveLength(90);
    for (const l of letters) expect([l.assessedUnit.code, pointsTotal(l.items)]).toEqual([l.assessedUnit.code, 100]);
    // The file holds exactly what the schema keeps (no defaults left to fill in, no stray keys).
    expect(letters).toEqual(rawLetters);
  });

  it("7 township letters and one letter per committee member", () => {
    expect(letters.filter((l) => l.assessedUnit.kind === "township").map((l) => l.assessedUnit.code).sort()).toEqual(tree.atLevel(2).map((u) => u.code).sort());
    expect(letters.filter((l) => l.assessedUnit.kind === "committeeMember").map((l) => l.assessedUnit.code).sort()).toEqual(members.map((m) => m.code).sort());
    expect(letters.every((l) => l.year === 2016)).toBe(true);
  });

  it("count targets apportion the report's totals: 156 surgeries and 1,688 subsidy recipients over the townships, each township's over its villages", () => {
    const townships = letters.filter((l) => l.assessedUnit.kind === "township");
    const sum = (ls: Letter[], ind: string) => ls.reduce((s, l) => s + indicatorItem(l, ind).annualTarget, 0);
    expect(sum(townships, "cataract_surgeries")).toBe(156);
    expect(sum(townships, "subsidy_recipients")).toBe(1688);
    for (const t of townships) {
      const villageLetters = letters.filter((l) => l.assessedUnit.kind === "committeeMember" && tree.get(l.assessedUnit.code.slice(3)).parent === t.assessedUnit.code);
      expect(villageLetters.length).toBe(tree.children(t.assessedUnit.code).length);
      expect(sum(villageLetters, "cataract_surgeries")).toBe(indicatorItem(t, "cataract_surgeries").annualTarget);
      expect(sum(villageLetters, "subsidy_recipients")).toBe(indicatorItem(t, "subsidy_recipients").annualTarget);
      const own = letters.find((l) => l.assessedUnit.code === `CM-${t.assessedUnit.code}`)!;
      expect(indicatorItem(own, "cataract_surgeries").annualTarget).toBe(indicatorItem(t, "cataract_surgeries").annualTarget);
    }
    // The report's rate targets.
    expect(indicatorItem(townships[0]!, "enrollment_rate").annualTarget).toBe(95);
    expect(indicatorItem(townships[0]!, "record_update_rate").annualTarget).toBe(100);
  });

  it("mixes rules: proportional, thresholds, perCase, a bonus, manual items and a veto item", () => {
    const items = letters.flatMap((l) => l.items);
    const rules = new Set(items.flatMap((i) => (i.kind === "indicator" ? [i.rule.kind] : [])));
    expect([...rules].sort()).toEqual(["perCase", "proportional", "thresholds"]);
    expect(items.some((i) => i.kind === "indicator" && i.bonusPerCase === 0.2)).toBe(true);
    expect(items.filter((i) => i.kind === "manual").map((i) => i.kind === "manual" && i.titleZh.slice(0, 4))).toContain("档案管理");
    for (const l of letters) expect(l.items.filter((i) => i.veto).map((i) => i.kind === "manual" && i.titleZh)).toEqual(["数据真实：数据造假一票否决"]);
  });
});

describe("supervision_findings_2016.csv", () => {
  const letters = rawLetters.map((l) => LetterSchema.parse(l));
  const letterOf = new Map(letters.map((l) => [`${l.assessedUnit.kind}|${l.assessedUnit.code}`, l]));

  it("every finding refers to an existing unit and to an item of that unit's letter, in a month of 2016", () => {
    expect(findings).toHaveLength(24);
    for (const f of findings) {
      const letter = letterOf.get(`${f.assessedUnit.kind}|${f.assessedUnit.code}`);
      expect(letter, f.assessedUnit.code).toBeDefined();
      expect(letter!.items.map((i) => i.id)).toContain(f.itemId);
      expect(f.month >= "2016-01" && f.month <= "2016-12").toBe(true);
      expect(f.rectification.dueDate > f.month).toBe(true);
    }
    expect(new Set(findings.filter((f) => f.assessedUnit.kind === "township").map((f) => f.assessedUnit.code)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(findings.filter((f) => f.assessedUnit.kind === "committeeMember").map((f) => f.assessedUnit.code)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(findings.map((f) => f.month)).size).toBe(12);
  });

  it("statuses: open (7 overdue as of 2016-12-31), rectified, verified — only verified ones carry a note", () => {
    const by = (s: string) => findings.filter((f) => f.rectification.status === s);
    expect(by("open").length + by("rectified").length + by("verified").length).toBe(24);
    expect(by("open").filter((f) => f.rectification.dueDate < "2016-12-31")).toHaveLength(7);
    expect(by("open").filter((f) => f.rectification.dueDate >= "2016-12-31").length).toBeGreaterThan(0);
    expect(by("rectified").length).toBeGreaterThan(0);
    expect(by("verified").length).toBeGreaterThan(0);
    for (const f of findings) expect(f.rectification.verificationNote !== null).toBe(f.rectification.status === "verified");
  });
});

describe("assessment demo generation", () => {
  it("is deterministic: generating again gives the committed bytes", () => {
    const demo = generateAssessmentDemo(generateLinzeDemoData());
    expect(committeeMembersCsv(demo.members)).toBe(membersText);
    expect(lettersJson(demo.letters)).toBe(lettersText);
    expect(supervisionFindingsCsv(demo.findings)).toBe(findingsText);
  });

  it("apportion splits by largest remainder, exactly, with a minimum", () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(7, [5, 3, 2])).toEqual([4, 2, 1]);
    expect(apportion(5, [100, 0, 0], 1)).toEqual([3, 1, 1]);
    expect(() => apportion(2, [1, 1, 1], 1)).toThrow("cannot give 3 units at least 1 of 2");
  });
});
