/**
 * The assessment scoring engine: a letter's items scored against the actual
 * to date, supervision deductions, bonus, veto items and the grade
 * (DOMAIN.md §3 targets, §4 conventions, §6 assessment practice).
 *
 * Every value is exact (a {@link Fraction}); a value is rounded only when it
 * is displayed, once, to two decimals half up. Grades compare the exact
 * total with the thresholds (DOMAIN.md §4). So that the shown total and the
 * compared total never disagree, a total is shown with two decimals unless
 * two-decimal rounding would carry it across a grade threshold (89.996 would
 * show "90.00" yet is "good"): then it is shown with as many more decimals as
 * it takes ("89.996"). See {@link displayScore}.
 *
 * Incomplete data is never scored as zero: an item with a month of the
 * assessed quarter not reported (or no actual, or no manual score) has score
 * null and marks the unit's total incomplete; an incomplete unit has no grade
 * and no rank until it is complete (a veto still makes it "fail"). Earlier
 * months of the year decide nothing: a village that missed February sends
 * February's flows with March's report, so its year-to-date sums hold and it
 * is complete again in Q2 (issue 3: "a month of the QUARTER not reported
 * marks the item incomplete"). See {@link assessedMonths}.
 */
import { indicator as catalogueIndicator, indicatorAggregationType, type Indicator } from "../indicators.ts";
import { monthsOf, parsePeriod, periodContaining, yearToDateMonths, MonthSchema } from "../periods.ts";
import { compareCodes } from "../org-units.ts";
import type { IndicatorItem, LetterItem } from "./letters.ts";
import { Fraction } from "./fraction.ts";
import type {
  AssessOptions,
  BilingualLines,
  DeductionLine,
  Exact,
  Explained,
  ExplainedItemScore,
  FindingRecord,
  Grade,
  ItemActual,
  ItemExplanation,
  ItemScore,
  RankOptions,
  RankedResult,
  RuleSteps,
  SelfScoreComparison,
  UnitAssessmentInput,
  UnitResult,
  VetoRecord,
} from "./types.ts";

/** Bad input to the engine (a caller's mistake, not a data gap); the message is bilingual. */
export class AssessmentInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AssessmentInputError";
  }
}

/** The grade thresholds of DOMAIN.md §6, compared with the exact total: excellent ≥ 90, good ≥ 80, pass ≥ 60, else fail. */
export const GRADE_THRESHOLDS: readonly { readonly grade: Grade; readonly min: number }[] = [
  { grade: "excellent", min: 90 },
  { grade: "good", min: 80 },
  { grade: "pass", min: 60 },
];

/**
 * The rule version stored with every run (DOMAIN.md §6: a published result
 * keeps the rule version it was computed from). 2: completeness is decided
 * by the months of the assessed quarter, no longer by every month of the year to date.
 * 3: a self-score is compared with the assessor's points before supervision
 * deductions (no longer the score after them), and the self-score total sums
 * the self-scored items beside the assessor's points for those items (no
 * longer null unless every item was self-scored).
 */
export const ENGINE_VERSION = "linze-domain-assessment/3";

export const DEFAULT_BONUS_CAP = 5;
export const DEFAULT_EXCELLENT_SHARE = 0.2;

const HUNDRED = Fraction.of(100);

/** An exact value for output: lossless text, nearest double, two decimals half up. */
export function exact(f: Fraction): Exact {
  return { exact: f.toString(), value: f.toNumber(), display: f.toFixed(2) };
}

/** Two decimals, half up: formatScore(92.5) → "92.50", formatScore("179999/2000") → "90.00". */
export function formatScore(x: Fraction | number | string, digits = 2): string {
  return Fraction.from(x).toFixed(digits);
}

/**
 * A score for display: two decimals half up, or more decimals where two
 * would make the shown value disagree with the exact one — cross a grade
 * threshold (89.996 → "89.996", not "90.00") or look equal to a different
 * value it is ranked against (92.004 and 92.001 → "92.004", "92.001").
 * Up to 20 decimals; beyond that the exact "n/d" text.
 */
export function displayScore(x: Fraction, opts: { thresholds?: readonly number[]; others?: readonly Fraction[] } = {}): string {
  const thresholds = (opts.thresholds ?? GRADE_THRESHOLDS.map((t) => t.min)).map((t) => Fraction.from(t));
  const others = (opts.others ?? []).filter((o) => !o.eq(x));
  for (let d = 2; d <= 20; d++) {
    const shown = x.toFixed(d);
    const r = Fraction.from(shown);
    if (thresholds.some((t) => r.gte(t) !== x.gte(t))) continue;
    if (others.some((o) => o.toFixed(d) === shown)) continue;
    return shown;
  }
  return x.toString();
}

/**
 * {@link displayScore} of every total against all the others, in the order
 * given: the same strings as `totals.map((x) => displayScore(x, { others:
 * totals }))`, in O(n log n) instead of O(n²). Rounding to d decimals is
 * monotone, so when any other total shows as x does, the nearest distinct
 * total on that side does too: x need only be compared with its two
 * neighbours among the distinct totals (a province's 7,000 members took
 * 100 s the quadratic way, bench P3).
 */
export function displayScores(totals: readonly Fraction[]): string[] {
  const distinct: Fraction[] = [];
  for (const t of [...totals].sort((a, b) => a.cmp(b))) if (distinct.length === 0 || !distinct[distinct.length - 1]!.eq(t)) distinct.push(t);
  const indexOf = (x: Fraction): number => {
    let lo = 0;
    let hi = distinct.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (distinct[mid]!.cmp(x) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return totals.map((x) => {
    const i = indexOf(x);
    const neighbours = [distinct[i - 1], distinct[i + 1]].filter((n): n is Fraction => n !== undefined);
    return displayScore(x, { others: neighbours });
  });
}

/** The grade of an exact total (DOMAIN.md §6), thresholds compared exactly: 89.996 is "good". */
export function gradeOf(total: Fraction): Grade {
  for (const t of GRADE_THRESHOLDS) if (total.gte(t.min)) return t.grade;
  return "fail";
}

function monthsElapsed(throughMonth: string): number {
  const p = parsePeriod(throughMonth);
  if (p.type !== "month") throw new AssessmentInputError(`throughMonth must be a month YYYY-MM, got "${throughMonth}" (截止月份格式应为 YYYY-MM)`);
  return p.month!;
}

/**
 * The months whose reports decide whether an item is complete: those of the
 * quarter containing `throughMonth` (`YYYY-MM`), up to it — `2016-06` →
 * 2016-04…2016-06, `2016-05` → 2016-04, 2016-05. Actuals still run from
 * January. Throws AssessmentInputError for anything but a month.
 */
export function assessedMonths(throughMonth: string): string[] {
  monthsElapsed(throughMonth);
  return monthsOf(periodContaining(throughMonth, "quarter")).filter((m) => m <= throughMonth);
}

/** Rates and stocks are compared with the target as it is; flows are paced (DOMAIN.md §3, as targets.ts `expectedValue`). */
function isPaced(ind: Indicator): boolean {
  return ind.unit !== "percent" && indicatorAggregationType(ind) === "flow";
}

/**
 * The expected value to date, in the indicator's unit (percent for rates,
 * a count, CNY): for a flow count or amount the letter's annual target ×
 * months elapsed (January…throughMonth) / 12 — "half the time, half the
 * task" (时间过半任务过半, DOMAIN.md §3); for rates and stocks the annual
 * target itself. throughMonth is `YYYY-MM`; throws AssessmentInputError otherwise.
 */
export function expectedToDate(item: IndicatorItem, ind: Indicator, throughMonth: string): Fraction {
  const m = monthsElapsed(throughMonth);
  const target = Fraction.from(item.annualTarget);
  return isPaced(ind) ? target.mul(m).div(12) : target;
}

/** The inputs of one item: the actual (indicator items) or the assessor's points (manual items), its findings, vetoes and self-score. */
export interface ItemContext {
  /** `YYYY-MM`, the period end. */
  readonly throughMonth: string;
  /** Required for indicator items. */
  readonly indicator?: Indicator;
  readonly actual?: ItemActual;
  readonly manualScore?: number;
  /** This item's findings within January…throughMonth. */
  readonly findings?: readonly FindingRecord[];
  /** Vetoes recorded against this item. */
  readonly vetoes?: readonly VetoRecord[];
  readonly selfScore?: number;
  /** Default 0. */
  readonly selfScoreTolerance?: number;
}

interface Measured {
  actual: Fraction | null;
  expected: Fraction | null;
  ratio: Fraction | null;
  missingMonths: string[];
  /** Why the item cannot be scored yet, or null. */
  incompleteReason: { zh: string; en: string } | null;
  /** Rate with a denominator of 0: nothing to assess. */
  notApplicable: boolean;
  actualCases: Fraction | null;
  expectedCases: Fraction | null;
}

const pct = (f: Fraction) => `${f.mul(100).toFixed(2)}%`;
const num = (f: Fraction) => (f.isInteger() ? f.toString() : f.toFixed(2));

function measure(item: IndicatorItem, ind: Indicator, actual: ItemActual | undefined, throughMonth: string): Measured {
  const expected = expectedToDate(item, ind, throughMonth);
  const base: Measured = { actual: null, expected, ratio: null, missingMonths: [], incompleteReason: null, notApplicable: false, actualCases: null, expectedCases: null };
  const quarter = assessedMonths(throughMonth);
  if (!actual) {
    return { ...base, missingMonths: quarter, incompleteReason: { zh: "无实际数据", en: "no actual data" } };
  }
  const reported = new Set(actual.months.filter((m) => m.reported).map((m) => m.month));
  const missingMonths = quarter.filter((m) => !reported.has(m));
  if (missingMonths.length > 0) {
    return { ...base, missingMonths, incompleteReason: { zh: `本季度未报送月份：${missingMonths.join("、")}`, en: `months of the quarter not reported: ${missingMonths.join(", ")}` } };
  }
  if (actual.numerator === null || (ind.denominator && actual.denominator === null)) {
    return { ...base, incompleteReason: { zh: "无数据值", en: "no data value" } };
  }
  const n = Fraction.from(actual.numerator);
  let value: Fraction;
  let actualCases: Fraction;
  let expectedCases: Fraction;
  if (ind.denominator) {
    const d = Fraction.from(actual.denominator!);
    if (d.isZero()) return { ...base, notApplicable: true };
    value = n.div(d).mul(ind.factor);
    actualCases = n;
    // The numerator that would give the expected rate over this denominator.
    expectedCases = expected.mul(d).div(ind.factor);
  } else {
    value = n.mul(ind.factor);
    actualCases = value;
    expectedCases = expected;
  }
  let ratio: Fraction | null;
  if (item.direction === "higher") ratio = expected.isZero() ? null : value.div(expected);
  else ratio = value.isZero() ? null : expected.div(value);
  return { ...base, actual: value, ratio, actualCases, expectedCases };
}

/** Whether the actual reaches the expected value (at or above; at or below for lower is better). */
function meets(item: IndicatorItem, m: Measured): boolean {
  if (m.notApplicable) return true;
  return item.direction === "higher" ? m.actual!.gte(m.expected!) : m.actual!.lte(m.expected!);
}

/** The rule's points in [0, points] for a complete, applicable item. */
function applyRule(item: IndicatorItem, ind: Indicator, m: Measured, throughMonth: string): { score: Fraction; steps: RuleSteps } {
  const P = Fraction.from(item.points);
  const A = m.actual!;
  const E = m.expected!;
  const rule = item.rule;
  const higher = item.direction === "higher";
  if (rule.kind === "proportional") {
    // No ratio: expected 0 (higher) or actual 0 (lower) — nothing could do better.
    const capped = m.ratio === null ? Fraction.ONE : Fraction.min(m.ratio, Fraction.ONE);
    return { score: P.mul(capped), steps: { kind: "proportional", cappedRatio: exact(capped) } };
  }
  if (rule.kind === "thresholds") {
    const floor = Fraction.from(rule.floor);
    const floorToDate = isPaced(ind) ? floor.mul(monthsElapsed(throughMonth)).div(12) : floor;
    const percentPoints = ind.unit === "percent";
    const gap = higher ? E.sub(A) : A.sub(E);
    const met = gap.lte(0);
    const beyondFloor = !met && (higher ? A.lt(floorToDate) : A.gt(floorToDate));
    let shortfall = Fraction.ZERO;
    let pointsOff = Fraction.ZERO;
    let score = P;
    if (!met) {
      if (percentPoints) shortfall = gap;
      else if (!E.isZero()) shortfall = gap.div(E).mul(HUNDRED);
      pointsOff = percentPoints || !E.isZero() ? shortfall.mul(rule.pointsOffPerPoint) : P; // lower is better with 0 allowed: any case is a total miss
      score = beyondFloor ? Fraction.ZERO : Fraction.max(Fraction.ZERO, P.sub(pointsOff));
    }
    return {
      score,
      steps: {
        kind: "thresholds",
        shortfall: exact(shortfall),
        shortfallUnit: percentPoints ? "percentagePoints" : "percentOfExpected",
        pointsOff: exact(Fraction.min(pointsOff, P)),
        floorToDate: exact(floorToDate),
        beyondFloor,
      },
    };
  }
  // perCase: whole cases. Higher: ⌈expected⌉ cases needed, one share (points ÷ needed) off per missing case.
  // Lower: ⌊expected⌋ cases allowed, one share (points ÷ max(allowed, 1)) off per case over.
  const actualCases = m.actualCases!;
  const expectedCases = m.expectedCases!;
  let target: Fraction;
  let short: Fraction;
  let share: Fraction;
  if (higher) {
    target = Fraction.of(expectedCases.ceil());
    short = Fraction.of(Fraction.max(Fraction.ZERO, target.sub(actualCases)).ceil());
    share = target.isZero() ? P : P.div(target);
  } else {
    target = Fraction.of(expectedCases.floor());
    short = Fraction.of(Fraction.max(Fraction.ZERO, actualCases.sub(target)).ceil());
    share = P.div(Fraction.max(target, Fraction.ONE));
  }
  const score = Fraction.max(Fraction.ZERO, P.sub(share.mul(short)));
  return { score, steps: { kind: "perCase", targetCases: exact(target), actualCases: exact(actualCases), casesShort: exact(short), share: exact(share) } };
}

function itemBonus(item: IndicatorItem, m: Measured): { perCase: number; casesBeyond: Fraction; points: Fraction } | null {
  if (item.bonusPerCase === undefined) return null;
  if (m.notApplicable || m.actualCases === null || m.expectedCases === null) {
    return { perCase: item.bonusPerCase, casesBeyond: Fraction.ZERO, points: Fraction.ZERO };
  }
  const beyond = item.direction === "higher" ? m.actualCases.sub(m.expectedCases) : m.expectedCases.sub(m.actualCases);
  const cases = Fraction.of(Fraction.max(Fraction.ZERO, beyond).floor());
  return { perCase: item.bonusPerCase, casesBeyond: cases, points: cases.mul(item.bonusPerCase) };
}

function sortFindings(fs: readonly FindingRecord[]): FindingRecord[] {
  return [...fs].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Scores one letter item (DOMAIN.md §6).
 *
 * Indicator items: actual to date (from `ctx.actual`, January…throughMonth)
 * against {@link expectedToDate}; ratio = actual ÷ expected, inverted for
 * "lower is better"; the rule gives rawScore in [0, points]:
 * - proportional: points × min(ratio, 1);
 * - thresholds: full points when the expected value is reached; else
 *   `pointsOffPerPoint` × shortfall off (percentage points for rates, percent
 *   of the expected value for counts); 0 beyond the floor (the floor is
 *   paced like the target; for lower is better it is the highest acceptable value);
 * - perCase: whole cases; see RuleSteps. For rates the cases are the
 *   numerator against target % × denominator.
 * A rate whose denominator is 0 has nothing to assess: full points.
 * Over-achievement bonus: `bonusPerCase` × whole cases beyond the expected value.
 *
 * Manual items: the assessor's points, in [0, points] (AssessmentInputError otherwise).
 *
 * Deductions: the item's findings in month order take points off the raw
 * score, never below 0. Veto: a recorded veto, or a veto indicator item
 * that does not reach its expected value to date.
 *
 * Incomplete (a month of the quarter not reported, no actual, no manual score): score,
 * rawScore and deductions applied are null, bonus 0 — never a score as if
 * the missing month were 0.
 */
export function scoreItem(item: LetterItem, ctx: ItemContext): ItemScore {
  const P = Fraction.from(item.points);
  const elapsed = monthsElapsed(ctx.throughMonth);
  const vetoReasons = (ctx.vetoes ?? []).map((v) => {
    if (v.itemId !== item.id) throw new AssessmentInputError(`veto for item ${v.itemId} passed to item ${item.id} (否决事项与项目不符)`);
    if (!item.veto) throw new AssessmentInputError(`item ${item.id} is not a veto item; a veto needs an item marked veto in the letter (${item.id} 不是一票否决项目)`);
    return v.reason;
  });

  let raw: Fraction | null = null;
  let steps: RuleSteps | null = null;
  let measured: Measured | null = null;
  let bonus: { perCase: number; casesBeyond: Fraction; points: Fraction } | null = null;
  let incompleteReason: { zh: string; en: string } | null = null;
  let ind: Indicator | null = null;
  if (item.kind === "indicator") {
    if (!ctx.indicator || ctx.indicator.code !== item.indicator) {
      throw new AssessmentInputError(`item ${item.id} needs indicator ${item.indicator} (项目 ${item.id} 缺少指标定义)`);
    }
    ind = ctx.indicator;
    measured = measure(item, ind, ctx.actual, ctx.throughMonth);
    incompleteReason = measured.incompleteReason;
    // An incomplete item is not scored (explainItem says why); a rate over a denominator of 0 gets full points.
    if (!incompleteReason && measured.notApplicable) {
      raw = P;
    } else if (!incompleteReason) {
      const r = applyRule(item, ind, measured, ctx.throughMonth);
      raw = r.score;
      steps = r.steps;
      bonus = itemBonus(item, measured);
    }
  } else {
    if (ctx.manualScore === undefined) {
      incompleteReason = { zh: "未评分", en: "not scored by the assessor" };
    } else {
      const entered = Fraction.from(ctx.manualScore);
      if (entered.lt(0) || entered.gt(P)) {
        throw new AssessmentInputError(`manual score ${ctx.manualScore} for item ${item.id} is outside 0…${item.points} (评分超出 0–${item.points} 分)`);
      }
      raw = entered;
      steps = { kind: "manual", entered: exact(entered) };
    }
  }
  // Deductions, month order; the item never goes below 0.
  let remaining = raw;
  const deductions: DeductionLine[] = sortFindings(ctx.findings ?? []).map((f) => {
    if (f.itemId !== item.id) throw new AssessmentInputError(`finding ${f.id} concerns item ${f.itemId}, not ${item.id} (督查问题与项目不符)`);
    const d = Fraction.from(f.pointsDeducted);
    let applied: Fraction | null = null;
    if (remaining !== null) {
      applied = Fraction.min(d, remaining);
      remaining = remaining.sub(applied);
    }
    return {
      findingId: f.id,
      month: f.month,
      description: f.description,
      rectificationStatus: f.rectification.status,
      pointsDeducted: exact(d),
      applied: applied ? exact(applied) : null,
    };
  });
  const deductionsApplied = raw === null ? null : raw.sub(remaining!);
  const score = remaining;

  const bonusPoints = bonus?.points ?? Fraction.ZERO;

  const autoVeto = item.veto && item.kind === "indicator" && measured !== null && !measured.incompleteReason && !meets(item, measured);
  if (autoVeto) vetoReasons.unshift(`below the expected value to date (未达到应完成值)`);

  let selfScore: SelfScoreComparison | null = null;
  if (ctx.selfScore !== undefined) {
    const s = Fraction.from(ctx.selfScore);
    const tol = Fraction.from(ctx.selfScoreTolerance ?? 0);
    // Against the assessor's points before supervision deductions (SelfScoreComparison), as shown
    // (two decimals): a self-score of 13.33 beside a shown 13.33 is no difference.
    const assessed = incompleteReason === null ? raw : null;
    const diff = assessed === null ? null : s.sub(Fraction.from(assessed.toFixed(2)));
    const flagged = diff === null || (diff.lt(0) ? diff.neg() : diff).gt(tol);
    selfScore = { selfScore: exact(s), assessed: assessed ? exact(assessed) : null, difference: diff ? exact(diff) : null, flagged };
  }

  const explanation: ItemExplanation = {
    indicator: ind
      ? { code: ind.code, nameZh: ind.nameZh, nameEn: ind.nameEn, unit: ind.unit, aggregationType: indicatorAggregationType(ind), factor: ind.factor, hasDenominator: ind.denominator !== undefined && ind.denominator !== null }
      : null,
    titleZh: item.kind === "manual" ? item.titleZh : ind!.nameZh,
    titleEn: item.kind === "manual" ? item.titleEn : ind!.nameEn,
    direction: item.kind === "indicator" ? item.direction : "higher",
    months: ctx.actual?.months ?? [],
    missingMonths: measured?.missingMonths ?? [],
    notApplicable: measured?.notApplicable ?? false,
    numerator: ctx.actual?.numerator ?? null,
    denominator: ctx.actual?.denominator ?? null,
    actual: measured?.actual ? exact(measured.actual) : null,
    annualTarget: item.kind === "indicator" ? item.annualTarget : null,
    monthsElapsed: elapsed,
    expected: measured?.expected ? exact(measured.expected) : null,
    ratio: measured?.ratio ? exact(measured.ratio) : null,
    rule: item.kind === "indicator" ? item.rule : { kind: "manual" },
    steps,
    bonus: bonus ? { perCase: bonus.perCase, casesBeyond: exact(bonus.casesBeyond), points: exact(bonus.points) } : null,
  };

  return {
    itemId: item.id,
    kind: item.kind,
    points: exact(P),
    vetoItem: item.veto,
    vetoed: vetoReasons.length > 0,
    vetoReasons,
    incomplete: incompleteReason !== null,
    incompleteReason,
    ratio: measured?.ratio ? exact(measured.ratio) : null,
    rawScore: raw ? exact(raw) : null,
    deductions,
    deductionsApplied: deductionsApplied ? exact(deductionsApplied) : null,
    score: score ? exact(score) : null,
    bonus: exact(bonusPoints),
    selfScore,
    explanation,
  };
}

function ruleLines(steps: RuleSteps | null, rule: ItemExplanation["rule"], P: Fraction): { zh: string; en: string } | null {
  if (!steps) return null;
  switch (steps.kind) {
    case "proportional":
      return {
        zh: `按完成比例计分（封顶）：${num(P)} × ${pct(Fraction.from(steps.cappedRatio.exact))}`,
        en: `Proportional, capped: ${num(P)} × ${pct(Fraction.from(steps.cappedRatio.exact))}`,
      };
    case "thresholds": {
      const k = rule.kind === "thresholds" ? rule.pointsOffPerPoint : 0;
      const unitZh = steps.shortfallUnit === "percentagePoints" ? "个百分点" : "%（相对应完成值）";
      const unitEn = steps.shortfallUnit === "percentagePoints" ? " percentage points" : " % of the expected value";
      if (steps.beyondFloor) {
        return { zh: `阈值计分：超出底线 ${steps.floorToDate.display}，得 0 分`, en: `Thresholds: beyond the floor ${steps.floorToDate.display}, 0 points` };
      }
      return {
        zh: `阈值计分：差 ${steps.shortfall.display}${unitZh}，每${steps.shortfallUnit === "percentagePoints" ? "个百分点" : "1%"}扣 ${k} 分，共扣 ${steps.pointsOff.display} 分（底线 ${steps.floorToDate.display}）`,
        en: `Thresholds: ${steps.shortfall.display}${unitEn} short, ${k} off per ${steps.shortfallUnit === "percentagePoints" ? "percentage point" : "1 %"}, ${steps.pointsOff.display} off (floor ${steps.floorToDate.display})`,
      };
    }
    case "perCase":
      return {
        zh: `按件计分：目标 ${steps.targetCases.display} 件，实际 ${steps.actualCases.display} 件，差 ${steps.casesShort.display} 件，每件 ${steps.share.display} 分`,
        en: `Per case: target ${steps.targetCases.display} cases, actual ${steps.actualCases.display}, ${steps.casesShort.display} short, ${steps.share.display} points a case`,
      };
    case "manual":
      return { zh: `评分人打分：${steps.entered.display}`, en: `Assessor's points: ${steps.entered.display}` };
  }
}

/**
 * The explanation of a scored item as a person reads it, in Chinese and
 * English, line by line: the item and its points; for an indicator item each
 * month's numerator (and denominator) or "not reported", the expected value
 * to date and how it was paced, why it is incomplete, or the actual to date
 * and the ratio; the rule's step; each supervision deduction; the
 * over-achievement bonus; vetoes; the score; the self-score beside it.
 *
 * A pure function of the item's result (every number comes from its exact
 * values), so a run stores results without these lines and they are made
 * when a result is read ({@link explainResult}): the lines are about a
 * quarter of a result's size and most of the string work of scoring
 * (issue 6 P3).
 */
export function explainItem(s: ItemScore): BilingualLines {
  const ex = s.explanation;
  const P = Fraction.from(s.points.exact);
  const F = (e: Exact) => Fraction.from(e.exact);
  const zh: string[] = [];
  const en: string[] = [];
  const ind = ex.indicator;
  if (s.kind === "indicator" && ind) {
    zh.push(`${s.itemId} ${ind.nameZh}（${ex.direction === "higher" ? "越高越好" : "越低越好"}），分值 ${num(P)}`);
    en.push(`${s.itemId} ${ind.nameEn} (${ex.direction === "higher" ? "higher is better" : "lower is better"}), ${num(P)} points`);
    for (const mo of ex.months) {
      const side = (v: number | null) => (v === null ? "—" : String(v));
      if (!mo.reported) {
        zh.push(`${mo.month}：未报送`);
        en.push(`${mo.month}: not reported`);
      } else if (ind.hasDenominator) {
        zh.push(`${mo.month}：分子 ${side(mo.numerator)}，分母 ${side(mo.denominator)}`);
        en.push(`${mo.month}: numerator ${side(mo.numerator)}, denominator ${side(mo.denominator)}`);
      } else {
        zh.push(`${mo.month}：${side(mo.numerator)}`);
        en.push(`${mo.month}: ${side(mo.numerator)}`);
      }
    }
    const m = ex.monthsElapsed;
    const paced = ind.unit !== "percent" && ind.aggregationType === "flow";
    zh.push(paced ? `应完成值 = 全年目标 ${ex.annualTarget} × ${m}/12 = ${num(F(ex.expected!))}（时间过半任务过半）` : `应完成值 = 目标 ${ex.annualTarget}（比率和存量按目标本身比较）`);
    en.push(
      paced
        ? `Expected = annual target ${ex.annualTarget} × ${m}/12 = ${num(F(ex.expected!))} (half the time, half the task)`
        : `Expected = the target ${ex.annualTarget} (rates and stocks are compared as they are)`,
    );
    if (s.incompleteReason) {
      zh.push(`不完整：${s.incompleteReason.zh}；暂不计分`);
      en.push(`Incomplete: ${s.incompleteReason.en}; not scored yet`);
    } else if (ex.notApplicable) {
      zh.push(`分母为 0，无可考核事项，得满分 ${num(P)}`);
      en.push(`Denominator 0: nothing to assess, full points ${num(P)}`);
    } else {
      const unitSuffix = ind.unit === "percent" ? "%" : "";
      const ratio = ex.ratio ? pct(F(ex.ratio)) : "—";
      zh.push(`年初至今实际值 ${num(F(ex.actual!))}${unitSuffix}，完成比 ${ratio}`);
      en.push(`Actual to date ${num(F(ex.actual!))}${unitSuffix}, ratio ${ratio}`);
    }
  } else {
    zh.push(`${s.itemId} ${ex.titleZh}，分值 ${num(P)}`);
    en.push(`${s.itemId} ${ex.titleEn}, ${num(P)} points`);
    if (s.incomplete) {
      zh.push("不完整：评分人尚未打分");
      en.push("Incomplete: the assessor has not scored it");
    }
  }
  const rl = ruleLines(ex.steps, ex.rule, P);
  if (rl) {
    zh.push(rl.zh);
    en.push(rl.en);
  }
  for (const d of s.deductions) {
    const off = F(d.pointsDeducted);
    const applied = d.applied ? F(d.applied) : null;
    zh.push(`督查扣分 ${d.month}（${d.findingId}）：${d.description}，扣 ${num(off)} 分${applied && !applied.eq(off) ? `，实扣 ${num(applied)} 分（不低于 0）` : ""}`);
    en.push(`Supervision ${d.month} (${d.findingId}): ${d.description}, ${num(off)} off${applied && !applied.eq(off) ? `, ${num(applied)} applied (not below 0)` : ""}`);
  }
  if (ex.bonus && F(ex.bonus.points).gt(0)) {
    const { casesBeyond, perCase, points } = ex.bonus;
    zh.push(`超额奖励：超出 ${num(F(casesBeyond))} 件 × ${perCase} = ${num(F(points))} 分（计入加分，加分有上限）`);
    en.push(`Over-achievement bonus: ${num(F(casesBeyond))} cases × ${perCase} = ${num(F(points))} (into the capped bonus)`);
  }
  for (const r of s.vetoReasons) {
    zh.push(`一票否决：${r}`);
    en.push(`Veto: ${r}`);
  }
  if (s.score) {
    zh.push(`得分 ${s.score.display} / ${num(P)}`);
    en.push(`Score ${s.score.display} / ${num(P)}`);
  }
  if (s.selfScore) {
    const { selfScore, difference, flagged } = s.selfScore;
    const assessed = s.selfScore.assessed;
    if (assessed) {
      zh.push(`自评 ${num(F(selfScore))}，督查扣分前计分 ${assessed.display}，相差 ${difference!.display}${flagged ? "（需核对）" : ""}`);
      en.push(`Self-score ${num(F(selfScore))}, points before supervision deductions ${assessed.display}, difference ${difference!.display}${flagged ? " (flagged)" : ""}`);
    } else {
      // Incomplete, or a result stored before engine 3 (its difference was against the score after deductions).
      zh.push(`自评 ${num(F(selfScore))}${difference ? `，与得分相差 ${difference.display}` : ""}${flagged ? "（需核对）" : ""}`);
      en.push(`Self-score ${num(F(selfScore))}${difference ? `, differs from the score by ${difference.display}` : ""}${flagged ? " (flagged)" : ""}`);
    }
  }
  return { zh, en };
}

/**
 * A result with every item's explanation lines ({@link explainItem}), as a
 * run's results are read. An item that already has its lines (a run stored
 * before the lines were made on read) keeps them as they were stored.
 */
export function explainResult<R extends UnitResult>(result: R): Explained<R> {
  return {
    ...result,
    items: result.items.map((item) => {
      const stored = (item.explanation as Partial<ExplainedItemScore["explanation"]>).lines;
      return { ...item, explanation: { ...item.explanation, lines: stored ?? explainItem(item) } };
    }),
  };
}

const sameUnit = (a: { kind: string; code: string }, b: { kind: string; code: string }) => a.kind === b.kind && a.code === b.code;

/**
 * Assesses one unit against its letter for January…`throughMonth` of the
 * letter's year (a quarter end such as `2016-06`, or any month end).
 *
 * total = Σ item raw scores − Σ deductions applied + min(item bonuses +
 * commendations, bonusCap = 5); all exact. Grade before the excellent cap:
 * "fail" when any item vetoes; null while any item is incomplete (its total
 * then covers the complete items only and is marked `incomplete`); else
 * {@link gradeOf} the exact total.
 *
 * Findings of January…throughMonth count whatever their rectification status
 * (a rectified problem was still found); later or other-year findings are
 * listed in `ignoredFindings`. Throws AssessmentInputError for a finding of
 * another unit or an unknown item, a veto on a non-veto item, a throughMonth
 * outside the letter's year, a manual score out of range, commendation points ≤ 0.
 */
export function assessUnit(input: UnitAssessmentInput, opts: AssessOptions = {}): UnitResult {
  const { letter, throughMonth } = input;
  if (!MonthSchema.safeParse(throughMonth).success || parsePeriod(throughMonth).year !== letter.year) {
    throw new AssessmentInputError(`throughMonth "${throughMonth}" must be a month YYYY-MM of the letter's year ${letter.year} (截止月份须在责任书年度内)`);
  }
  const indicatorOf = opts.indicatorOf ?? catalogueIndicator;
  const ids = new Set(letter.items.map((i) => i.id));
  const window = new Set(yearToDateMonths(throughMonth));
  const findingsByItem = new Map<string, FindingRecord[]>();
  const ignoredFindings: string[] = [];
  for (const f of input.findings ?? []) {
    if (!sameUnit(f.assessedUnit, letter.assessedUnit)) {
      throw new AssessmentInputError(`finding ${f.id} concerns ${f.assessedUnit.code}, not ${letter.assessedUnit.code} (督查问题不属于被考核单位)`);
    }
    if (!ids.has(f.itemId)) throw new AssessmentInputError(`finding ${f.id} names item ${f.itemId}, which is not in the letter (责任书中无此项目)`);
    if (!window.has(f.month)) {
      ignoredFindings.push(f.id);
      continue;
    }
    findingsByItem.set(f.itemId, [...(findingsByItem.get(f.itemId) ?? []), f]);
  }
  const vetoesByItem = new Map<string, VetoRecord[]>();
  for (const v of input.vetoes ?? []) {
    if (!ids.has(v.itemId)) throw new AssessmentInputError(`veto names item ${v.itemId}, which is not in the letter (责任书中无此项目)`);
    vetoesByItem.set(v.itemId, [...(vetoesByItem.get(v.itemId) ?? []), v]);
  }
  for (const c of input.commendations ?? []) {
    if (!(c.points > 0)) throw new AssessmentInputError(`commendation "${c.reason}" must add points above 0 (表彰加分须大于0)`);
  }

  const items = letter.items.map((item) =>
    scoreItem(item, {
      throughMonth,
      indicator: item.kind === "indicator" ? indicatorOf(item.indicator) : undefined,
      actual: input.actuals[item.id],
      manualScore: input.manualScores?.[item.id],
      findings: findingsByItem.get(item.id) ?? [],
      vetoes: vetoesByItem.get(item.id) ?? [],
      selfScore: input.selfScores?.[item.id],
      selfScoreTolerance: opts.selfScoreTolerance,
    }),
  );

  const F = (e: Exact | null) => (e ? Fraction.from(e.exact) : Fraction.ZERO);
  const base = Fraction.sum(items.map((i) => F(i.rawScore)));
  const deductionsTotal = Fraction.sum(items.map((i) => F(i.deductionsApplied)));
  const fromItems = Fraction.sum(items.map((i) => F(i.bonus)));
  const fromCommendations = Fraction.sum((input.commendations ?? []).map((c) => Fraction.from(c.points)));
  const cap = Fraction.from(opts.bonusCap ?? DEFAULT_BONUS_CAP);
  const bonusTotal = Fraction.min(fromItems.add(fromCommendations), cap);
  const total = base.sub(deductionsTotal).add(bonusTotal);
  const incompleteItems = items.filter((i) => i.incomplete).map((i) => i.itemId);
  const vetoReasons = items.flatMap((i) => i.vetoReasons.map((reason) => ({ itemId: i.itemId, reason })));
  const vetoed = vetoReasons.length > 0;
  const incomplete = incompleteItems.length > 0;
  const grade: Grade | null = vetoed ? "fail" : incomplete ? null : gradeOf(total);
  const selfScored = items.filter((i) => i.selfScore !== null);
  const selfTotal = selfScored.length > 0 ? Fraction.sum(selfScored.map((i) => F(i.selfScore!.selfScore))) : null;
  const selfComparedTotal = selfScored.length > 0 && selfScored.every((i) => i.selfScore!.assessed) ? Fraction.sum(selfScored.map((i) => F(i.selfScore!.assessed!))) : null;
  const flaggedItems = items.filter((i) => i.selfScore?.flagged).map((i) => i.itemId);

  const totalText = displayScore(total);
  const gradeZh: Record<Grade, string> = { excellent: "优秀", good: "良好", pass: "合格", fail: "不合格" };
  const zh = [
    `${letter.assessedUnit.code} ${letter.year}年1月至${parsePeriod(throughMonth).month}月`,
    `基础分 ${base.toFixed(2)}，督查扣分 ${deductionsTotal.toFixed(2)}，加分 ${bonusTotal.toFixed(2)}（上限 ${num(cap)}），总分 ${totalText}${incomplete ? "（不完整）" : ""}`,
    ...(vetoed ? [`一票否决：${vetoReasons.map((v) => `${v.itemId} ${v.reason}`).join("；")}`] : []),
    grade ? `等次（未计优秀比例限制）：${gradeZh[grade]}` : `不完整项目：${incompleteItems.join("、")}，暂不定等次`,
  ];
  const en = [
    `${letter.assessedUnit.code}, January to ${throughMonth}`,
    `Base ${base.toFixed(2)}, supervision deductions ${deductionsTotal.toFixed(2)}, bonus ${bonusTotal.toFixed(2)} (cap ${num(cap)}), total ${totalText}${incomplete ? " (incomplete)" : ""}`,
    ...(vetoed ? [`Veto: ${vetoReasons.map((v) => `${v.itemId} ${v.reason}`).join("; ")}`] : []),
    grade ? `Grade before the excellent cap: ${grade}` : `Incomplete items: ${incompleteItems.join(", ")}; no grade yet`,
  ];

  return {
    unit: letter.assessedUnit,
    year: letter.year,
    throughMonth,
    items,
    base: exact(base),
    deductionsTotal: exact(deductionsTotal),
    bonus: { fromItems: exact(fromItems), fromCommendations: exact(fromCommendations), cap: exact(cap), total: exact(bonusTotal) },
    total: { ...exact(total), display: totalText },
    incomplete,
    incompleteItems,
    vetoed,
    vetoReasons,
    grade,
    selfTotal: selfTotal ? exact(selfTotal) : null,
    selfScoredItems: selfScored.map((i) => i.itemId),
    selfComparedTotal: selfComparedTotal ? exact(selfComparedTotal) : null,
    flaggedItems,
    ignoredFindings,
    lines: { zh, en },
  };
}

/**
 * Ranks and grades the units of one assessment (same year and throughMonth).
 *
 * Rank: standard competition ranking by the exact total among the complete,
 * non-vetoed units (95.5, 92, 92, 92, 88 → 1, 2, 2, 2, 5 in any input
 * order), DOMAIN.md §4; ties listed by unit code (V2 before V10). Vetoed
 * units follow, then incomplete ones, each by code, with rank null.
 *
 * Excellent cap: at most ⌊n × excellentShare⌋ units are "excellent", n being
 * every unit passed in (those assessed); default share 20 % (DOMAIN.md §6),
 * so 7 townships allow 1. Excellent goes by rank. TIE AT THE BOUNDARY: units
 * tied at the boundary rank all keep "excellent" only if they all fit under
 * the cap; otherwise they all drop to "good", and so does every unit ranked
 * below them — the cap is never exceeded and tied totals never get different
 * grades. A unit dropped by the cap has `cappedFromExcellent` true.
 *
 * `totalDisplay` is {@link displayScore} against the grade thresholds and the
 * other units' totals. Throws AssessmentInputError for mixed periods,
 * duplicate units or a share outside 0–1.
 */
export function rankAndGrade(results: readonly UnitResult[], opts: RankOptions = {}): RankedResult[] {
  const shareNum = opts.excellentShare ?? DEFAULT_EXCELLENT_SHARE;
  if (!(shareNum >= 0 && shareNum <= 1)) throw new AssessmentInputError(`excellentShare must be within 0…1, got ${shareNum} (优秀比例须在 0–1 之间)`);
  const seen = new Set<string>();
  for (const r of results) {
    const key = `${r.unit.kind}:${r.unit.code}`;
    if (seen.has(key)) throw new AssessmentInputError(`unit ${r.unit.code} appears twice (被考核单位重复)`);
    seen.add(key);
    if (r.year !== results[0]!.year || r.throughMonth !== results[0]!.throughMonth) {
      throw new AssessmentInputError(`results for different periods: ${results[0]!.throughMonth} and ${r.throughMonth} (考核期间不一致)`);
    }
  }
  const limit = Fraction.from(shareNum).mul(results.length).floor();
  const totalOf = new Map(results.map((r) => [r, Fraction.from(r.total.exact)]));
  const byCode = (a: UnitResult, b: UnitResult) => compareCodes(a.unit.code, b.unit.code);
  const ranked = results
    .filter((r) => !r.vetoed && !r.incomplete)
    .sort((a, b) => totalOf.get(b)!.cmp(totalOf.get(a)!) || byCode(a, b));
  const vetoed = results.filter((r) => r.vetoed).sort(byCode);
  const incomplete = results.filter((r) => !r.vetoed && r.incomplete).sort(byCode);

  const ranks = new Map<UnitResult, number>();
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    ranks.set(r, prev && totalOf.get(prev)!.eq(totalOf.get(r)!) ? ranks.get(prev)! : i + 1);
  });

  // Excellent by rank, whole tie groups only.
  const keepsExcellent = new Set<UnitResult>();
  const excellent = ranked.filter((r) => r.grade === "excellent");
  let kept = 0n;
  for (let i = 0; i < excellent.length; ) {
    let j = i;
    while (j < excellent.length && ranks.get(excellent[j]!) === ranks.get(excellent[i]!)) j++;
    if (kept + BigInt(j - i) > limit) break;
    for (let k = i; k < j; k++) keepsExcellent.add(excellent[k]!);
    kept += BigInt(j - i);
    i = j;
  }

  const ordered = [...ranked, ...vetoed, ...incomplete];
  const shown = displayScores(ordered.map((r) => totalOf.get(r)!));
  return ordered.map((r, i) => {
    const capped = r.grade === "excellent" && !keepsExcellent.has(r);
    return {
      ...r,
      rank: ranks.get(r) ?? null,
      finalGrade: capped ? "good" : r.grade,
      cappedFromExcellent: capped,
      totalDisplay: shown[i]!,
    };
  });
}
