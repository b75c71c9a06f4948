/**
 * The demo's quarterly assessment inputs for 2016 (DOMAIN.md §6): what the
 * county's assessor entered for the manual items of every letter, the
 * townships' self-scores, one commendation and one veto. Pure and
 * deterministic: from the letters and members of {@link AssessmentDemo} and
 * its own seed (so it never changes another file). All synthetic: the veto's
 * reason says it is a fictitious case.
 *
 * - Manual items: the assessor's points each quarter, in half points between
 *   80 % and 100 % of the item's points; the veto item 数据真实 gets its full
 *   points (no falsified data) — except the one demo veto.
 * - Q4 is still being scored: {@link Q4_UNSCORED} members have no manual
 *   scores yet (the seeded Q4 draft shows them incomplete, "not scored").
 * - Self-scores: each township scores its own manual items each quarter; most
 *   agree with the assessor, about one in four claims 1–2 points more (flagged).
 * - One commendation (Q3, 2 points) and one veto (Q2), both on drawn members in post.
 */
import { lastMonthOf, type CommitteeMember, type Letter, type UnitQuarterInputs } from "@linze/domain";
import type { AssessmentDemo } from "./assessment.ts";
import { Random } from "./random.ts";
import { REPORT_YEAR } from "./report-figures.ts";

export const ASSESSMENT_INPUTS_SEED = 20170115;
/** How many members are not yet scored in Q4. */
export const Q4_UNSCORED = 3;

const COMMENDATION_REASON = "县政府残工委通报表扬：助残日活动组织突出（演示数据）/ Commended by the county committee for the Day for Helping the Disabled (demo data)";
const VETO_REASON = "演示数据：虚构的数据造假事例，入户走访记录虚报 / Demo data: a fictitious case of falsified data (home visits over-reported)";

const inPostAt = (m: CommitteeMember, month: string) => m.inPostFrom <= month && (m.inPostTo === null || m.inPostTo >= month);

/** The assessor's points for a manual item: half points in [0.8 × points, points]. */
function assessorPoints(rnd: Random, points: number): number {
  const lowest = Math.ceil(points * 0.8 * 2);
  return rnd.int(lowest, points * 2) / 2;
}

/**
 * One entry per (quarter, assessed unit in post at the quarter's end), in
 * quarter order, then the letters' order (townships, then members).
 */
export function generateAssessmentInputs(demo: AssessmentDemo, seed: number = ASSESSMENT_INPUTS_SEED): UnitQuarterInputs[] {
  const rnd = new Random(seed);
  const memberByCode = new Map(demo.members.map((m) => [m.code, m]));
  const lettersOf = (quarter: number): Letter[] => {
    const end = lastMonthOf(`${REPORT_YEAR}Q${quarter}`);
    return demo.letters.filter((l) => l.year === REPORT_YEAR && (l.assessedUnit.kind === "township" || inPostAt(memberByCode.get(l.assessedUnit.code)!, end)));
  };
  const memberCodes = (quarter: number) => lettersOf(quarter).filter((l) => l.assessedUnit.kind === "committeeMember").map((l) => l.assessedUnit.code);
  const unscoredQ4 = new Set(rnd.sample(memberCodes(4), Q4_UNSCORED));
  const vetoed = rnd.pick(memberCodes(2));
  const commended = rnd.pick(memberCodes(3).filter((c) => c !== vetoed));

  const out: UnitQuarterInputs[] = [];
  for (const quarter of [1, 2, 3, 4]) {
    for (const letter of lettersOf(quarter)) {
      const code = letter.assessedUnit.code;
      const manualScores: Record<string, number> = {};
      const selfScores: Record<string, number> = {};
      const unscored = quarter === 4 && unscoredQ4.has(code);
      for (const item of letter.items) {
        if (item.kind !== "manual") continue;
        const points = item.veto ? item.points : assessorPoints(rnd, item.points);
        if (!unscored) manualScores[item.id] = points;
        if (letter.assessedUnit.kind === "township") selfScores[item.id] = rnd.chance(25) ? Math.min(item.points, points + rnd.int(1, 2)) : points;
      }
      const isVetoed = quarter === 2 && code === vetoed;
      out.push({
        year: REPORT_YEAR,
        quarter,
        assessedUnit: letter.assessedUnit,
        manualScores,
        selfScores,
        commendations: quarter === 3 && code === commended ? [{ reason: COMMENDATION_REASON, points: 2 }] : [],
        vetoes: isVetoed ? [{ itemId: "v1", reason: VETO_REASON }] : [],
      });
    }
  }
  return out;
}

/** The file text: a JSON array, one unit-quarter a line, LF endings. */
export function assessmentInputsJson(inputs: readonly UnitQuarterInputs[]): string {
  return `[\n${inputs.map((u) => `  ${JSON.stringify(u)}`).join(",\n")}\n]\n`;
}
