/**
 * The shapes that go in and out of the assessment scoring engine
 * (DOMAIN.md §6, issue 3). Everything that leaves the engine is plain JSON:
 * exact values travel as {@link Exact} (the lossless "n/d" text beside a
 * double and the display text), never as bigint.
 */
import type { AssessedUnit, Letter, ScoringRule, SupervisionFinding, RectificationStatus } from "./letters.ts";
import type { Indicator, IndicatorUnit } from "../indicators.ts";
import type { AggregationType } from "../data-elements.ts";

/** One month of an indicator item for the assessed org unit (its whole subtree). */
export interface MonthActual {
  /** `YYYY-MM`. */
  readonly month: string;
  /** Σ numerator data values of that month (count or CNY); null when none. */
  readonly numerator: number | null;
  /** Σ denominator data values of that month; null when none or for a count/amount indicator. */
  readonly denominator: number | null;
  /** Whether the month was reported. An unreported month of the assessed quarter makes the item incomplete (never scored as 0); earlier months only add to the year to date. */
  readonly reported: boolean;
}

/**
 * An indicator item's actual to date, from January to the period end
 * (`throughMonth`). `numerator` / `denominator` are the year-to-date
 * aggregates by the indicator engine's rules (flow: Σ months; stock: last
 * value per org unit) — see {@link actualToDate}, which builds this from a
 * DataValueIndex. The value (in the indicator's unit) is computed from them
 * exactly by the engine, so a rate is never carried as a rounded float.
 */
export interface ItemActual {
  /** Every month from January to `throughMonth`, in order. */
  readonly months: readonly MonthActual[];
  readonly numerator: number | null;
  readonly denominator: number | null;
}

/** A supervision finding as stored: the zod contract plus its id. */
export type FindingRecord = SupervisionFinding & { readonly id: string };

/** A commendation from a higher level (e.g. 县政府残工委); its points go into the capped bonus. */
export interface Commendation {
  readonly reason: string;
  /** Bonus points, > 0. */
  readonly points: number;
}

/** A serious failing recorded against a veto item (一票否决). */
export interface VetoRecord {
  readonly itemId: string;
  readonly reason: string;
}

export interface UnitAssessmentInput {
  /** The period end `YYYY-MM`: `2016-06` for 2016Q2; any month end works (pacing). Must be in `letter.year`. */
  readonly throughMonth: string;
  readonly letter: Letter;
  /** By item id, for the letter's indicator items. A missing entry makes the item incomplete. Completeness is decided by the months of throughMonth's quarter (see `assessedMonths`). */
  readonly actuals: Readonly<Record<string, ItemActual>>;
  /** The assessor's points for manual items, by item id, in [0, item points]. A missing entry makes the item incomplete. */
  readonly manualScores?: Readonly<Record<string, number>>;
  /** Findings of this unit; those outside January…throughMonth of the letter's year are ignored (listed in the result). */
  readonly findings?: readonly FindingRecord[];
  readonly commendations?: readonly Commendation[];
  readonly vetoes?: readonly VetoRecord[];
  /** The assessed unit's own score per item (自评分), shown beside the assessor's. */
  readonly selfScores?: Readonly<Record<string, number>>;
}

export interface AssessOptions {
  /** The cap on the total bonus (item over-achievement + commendations), default 5 points. */
  readonly bonusCap?: number;
  /** A self-score differing from the displayed assessor score by more than this is flagged; default 0 (any difference). */
  readonly selfScoreTolerance?: number;
  /** Indicator by code; default the catalogue's `indicator()`. */
  readonly indicatorOf?: (code: string) => Indicator;
}

/** An exact value: `exact` is the lossless "n/d" text (read back with `Fraction.from`), `value` the nearest double, `display` two decimals half up. */
export interface Exact {
  readonly exact: string;
  readonly value: number;
  readonly display: string;
}

export type Grade = "excellent" | "good" | "pass" | "fail";

export interface BilingualLines {
  readonly zh: readonly string[];
  readonly en: readonly string[];
}

export interface DeductionLine {
  readonly findingId: string;
  readonly month: string;
  readonly description: string;
  readonly rectificationStatus: RectificationStatus;
  /** Points the finding deducts. */
  readonly pointsDeducted: Exact;
  /** Points actually taken off (the item never goes below 0; findings apply in month order, then id). Null while the item is incomplete. */
  readonly applied: Exact | null;
}

/** How the rule turned the ratio into points, step by step. */
export type RuleSteps =
  | { readonly kind: "proportional"; readonly cappedRatio: Exact }
  | {
      readonly kind: "thresholds";
      /** How far below the expected value: percentage points (rates) or percent of the expected value (counts, amounts). */
      readonly shortfall: Exact;
      readonly shortfallUnit: "percentagePoints" | "percentOfExpected";
      readonly pointsOff: Exact;
      /** The floor paced like the target (flow counts: floor × months / 12). */
      readonly floorToDate: Exact;
      readonly beyondFloor: boolean;
    }
  | {
      readonly kind: "perCase";
      /** Higher is better: cases needed to date (⌈expected⌉); lower is better: cases allowed (⌊expected⌋). */
      readonly targetCases: Exact;
      readonly actualCases: Exact;
      /** Cases missing (higher) or in excess (lower), whole cases. */
      readonly casesShort: Exact;
      readonly share: Exact;
    }
  | { readonly kind: "manual"; readonly entered: Exact };

export interface ItemExplanation {
  readonly indicator: {
    readonly code: string;
    readonly nameZh: string;
    readonly nameEn: string;
    readonly unit: IndicatorUnit;
    readonly aggregationType: AggregationType;
    readonly factor: number;
    /** A rate (numerator over denominator): its months show both sides. Absent in results stored before it was added (they carry their lines). */
    readonly hasDenominator?: boolean;
  } | null;
  readonly titleZh: string;
  readonly titleEn: string;
  readonly direction: "higher" | "lower";
  readonly months: readonly MonthActual[];
  /** The months of the assessed quarter (up to throughMonth) not reported; earlier unreported months show only in `months`. */
  readonly missingMonths: readonly string[];
  /** A rate whose denominator is 0: nothing to assess, full points. Absent in results stored before it was added. */
  readonly notApplicable?: boolean;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** The year-to-date value in the indicator's unit (percent for rates); null when none. */
  readonly actual: Exact | null;
  readonly annualTarget: number | null;
  readonly monthsElapsed: number;
  /** The expected value to date in the indicator's unit. */
  readonly expected: Exact | null;
  /** actual ÷ expected (expected ÷ actual for lower is better), not capped: 1.25 shows 125 %. */
  readonly ratio: Exact | null;
  readonly rule: ScoringRule | { readonly kind: "manual" };
  readonly steps: RuleSteps | null;
  readonly bonus: { readonly perCase: number; readonly casesBeyond: Exact; readonly points: Exact } | null;
}

export interface ItemScore {
  readonly itemId: string;
  readonly kind: "indicator" | "manual";
  readonly points: Exact;
  /** The item is a veto item (一票否决) in the letter. */
  readonly vetoItem: boolean;
  /** This item vetoes the result (a recorded veto, or a veto indicator item below its expected value). */
  readonly vetoed: boolean;
  readonly vetoReasons: readonly string[];
  /** A month of the assessed quarter not reported, no actual, or no manual score: the item has no score (null) until complete. */
  readonly incomplete: boolean;
  /** Why the item is incomplete (e.g. "months of the quarter not reported: 2016-03"), bilingual; null when complete. */
  readonly incompleteReason: { readonly zh: string; readonly en: string } | null;
  /** Uncapped ratio (see {@link ItemExplanation.ratio}). */
  readonly ratio: Exact | null;
  /** The rule's points before deductions, in [0, points]. */
  readonly rawScore: Exact | null;
  readonly deductions: readonly DeductionLine[];
  readonly deductionsApplied: Exact | null;
  /** rawScore − deductions applied, in [0, points]; null when incomplete. */
  readonly score: Exact | null;
  /** Over-achievement bonus points of this item (before the unit's bonus cap). */
  readonly bonus: Exact;
  readonly selfScore: SelfScoreComparison | null;
  readonly explanation: ItemExplanation;
}

/**
 * The unit's self-score (自评分) of an item beside the assessor's points for
 * the same thing: the rule's or the assessor's points before supervision
 * deductions (`rawScore`). A unit scores its own work; the deductions are the
 * county's findings from monthly supervision, applied on top of both, so a
 * self-score equal to the assessor's points is no difference.
 */
export interface SelfScoreComparison {
  readonly selfScore: Exact;
  /** The assessor's points before supervision deductions (`rawScore`); null while the item is incomplete. Absent in results stored before engine 3. */
  readonly assessed?: Exact | null;
  /** Self-score − `assessed` as displayed (two decimals); null while the item is incomplete. Before engine 3: − the score after deductions. */
  readonly difference: Exact | null;
  /** Differs by more than the tolerance, or the assessor has no score yet. */
  readonly flagged: boolean;
}

export interface UnitResult {
  readonly unit: AssessedUnit;
  readonly year: number;
  readonly throughMonth: string;
  readonly items: readonly ItemScore[];
  /** Σ raw scores of the complete items. */
  readonly base: Exact;
  /** Σ deductions applied. */
  readonly deductionsTotal: Exact;
  readonly bonus: {
    readonly fromItems: Exact;
    readonly fromCommendations: Exact;
    readonly cap: Exact;
    /** min(fromItems + fromCommendations, cap). */
    readonly total: Exact;
  };
  /** base − deductionsTotal + bonus.total. While incomplete: the complete items only (see `incomplete`). */
  readonly total: Exact;
  readonly incomplete: boolean;
  readonly incompleteItems: readonly string[];
  readonly vetoed: boolean;
  readonly vetoReasons: readonly VetoRecord[];
  /** The grade from the exact total before the excellent cap; "fail" when vetoed; null when incomplete (and not vetoed). */
  readonly grade: Grade | null;
  /**
   * Σ self-scores of the items the unit scored itself (`selfScoredItems`),
   * null when it scored none. Compare it with `selfComparedTotal`, not with
   * `total`: a unit usually self-scores only some items (the manual ones; an
   * indicator item's score comes from the data it reported).
   */
  readonly selfTotal: Exact | null;
  /** The self-scored items, letter order. Absent in results stored before engine 3. */
  readonly selfScoredItems?: readonly string[];
  /** Σ the assessor's points before supervision deductions (`rawScore`) of `selfScoredItems`; null when there are none or any of them is incomplete. Absent before engine 3. */
  readonly selfComparedTotal?: Exact | null;
  readonly flaggedItems: readonly string[];
  /** Ids of findings outside January…throughMonth, not deducted. */
  readonly ignoredFindings: readonly string[];
  readonly lines: BilingualLines;
}

export interface RankOptions {
  /** Share of the units assessed that may be "excellent", 0–1, default 0.2. */
  readonly excellentShare?: number;
}

export interface RankedResult extends UnitResult {
  /** Standard competition rank among complete, non-vetoed units; null otherwise. */
  readonly rank: number | null;
  /** The grade after the excellent cap. */
  readonly finalGrade: Grade | null;
  /** Excellent by points but over the cap (or tied across it): given "good". */
  readonly cappedFromExcellent: boolean;
  /** The total as shown in the ranking: two decimals half up, more where needed so that no threshold and no rank is crossed by rounding. */
  readonly totalDisplay: string;
}

/** An item's result with its explanation's lines (`explainItem`), as a run's results are read. */
export type ExplainedItemScore = ItemScore & { readonly explanation: ItemExplanation & { readonly lines: BilingualLines } };

/** A unit's result (or ranked result) with every item's explanation lines (`explainResult`). */
export type Explained<R extends UnitResult> = Omit<R, "items"> & { readonly items: readonly ExplainedItemScore[] };

/** A ranked result as `assessments.get` returns it: every item explained. */
export type ExplainedRankedResult = Explained<RankedResult>;
