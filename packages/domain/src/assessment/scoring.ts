/** The assessment scoring engine (DOMAIN.md §6). Implementation in progress: signatures are final. */
import type { Indicator } from "../indicators.ts";
import type { IndicatorItem, LetterItem } from "./letters.ts";
import { Fraction } from "./fraction.ts";
import type { AssessOptions, FindingRecord, ItemActual, ItemScore, RankOptions, RankedResult, UnitAssessmentInput, UnitResult, VetoRecord, Grade } from "./types.ts";

/** Expected value to date in the indicator's unit: flow counts annualTarget × months / 12, rates and stocks the target. */
export function expectedToDate(item: IndicatorItem, ind: Indicator, throughMonth: string): Fraction {
  void item; void ind; void throughMonth;
  throw new Error("not implemented yet");
}

export interface ItemContext {
  readonly throughMonth: string;
  readonly indicator?: Indicator;
  readonly actual?: ItemActual;
  readonly manualScore?: number;
  readonly findings?: readonly FindingRecord[];
  readonly vetoes?: readonly VetoRecord[];
  readonly selfScore?: number;
  readonly selfScoreTolerance?: number;
}

export function scoreItem(item: LetterItem, ctx: ItemContext): ItemScore {
  void item; void ctx;
  throw new Error("not implemented yet");
}

export function assessUnit(input: UnitAssessmentInput, opts?: AssessOptions): UnitResult {
  void input; void opts;
  throw new Error("not implemented yet");
}

export function gradeOf(total: Fraction): Grade {
  void total;
  throw new Error("not implemented yet");
}

export function rankAndGrade(results: readonly UnitResult[], opts?: RankOptions): RankedResult[] {
  void results; void opts;
  throw new Error("not implemented yet");
}

export function formatScore(x: Fraction | number | string, digits = 2): string {
  return Fraction.from(x).toFixed(digits);
}
