/**
 * Target-responsibility letters (目标管理责任书), committee members and
 * supervision findings (月督查): the inputs of a quarterly assessment
 * (季考核). DOMAIN.md §2 and §6.
 *
 * Points are assessment points (a letter's base points sum to 100). Targets
 * are in the indicator's unit: percent for rates (95 = 95 %), a count, or CNY.
 * Month labels are `YYYY-MM`; due dates are calendar-date labels `YYYY-MM-DD`
 * (labels, never Date objects).
 */
import { z } from "zod";
import { MonthSchema } from "../periods.ts";
import { OrgUnitCodeSchema } from "../org-units.ts";
import { indicator, isIndicatorCode } from "../indicators.ts";

export const AssessedUnitKindSchema = z.enum(["township", "committeeMember"]);
export type AssessedUnitKind = z.infer<typeof AssessedUnitKindSchema>;

/** A township (its org unit code, e.g. `LZ-SH`) or a committee member (its member code, e.g. `CM-LZ-SH-V03`). */
export const AssessedUnitSchema = z.object({ kind: AssessedUnitKindSchema, code: z.string().min(1) });
export type AssessedUnit = z.infer<typeof AssessedUnitSchema>;

export const DateLabelSchema = z
  .string()
  // An empty field says "required" first (the form shows each field's first issue).
  .min(1, { message: "required (必填)" })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: "expected a date YYYY-MM-DD (日期格式应为 YYYY-MM-DD)" });

/** ≥ 0 here; above 0 unless the item is a veto item (checked by LetterSchema): a veto item may carry no points of its own. */
const points = z.number().nonnegative({ message: "points must not be negative (分值不能为负)" }).max(100);

/**
 * How an indicator item turns actual and expected values into points
 * (DOMAIN.md §6). `points` is the item's points; ratio = actual ÷ expected
 * (expected ÷ actual for "lower is better").
 * - proportional (default): points × min(ratio, 1);
 * - thresholds: full points at or above the expected value; `pointsOffPerPoint`
 *   points off per percentage point (rates) or per percent of the expected
 *   value (counts) below it; 0 when below `floor` (in the indicator's unit);
 * - perCase: points ÷ expected cases per case, one share off per missing case.
 */
export const ScoringRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("proportional") }),
  z.object({
    kind: z.literal("thresholds"),
    pointsOffPerPoint: z.number().positive(),
    floor: z.number().nonnegative(),
  }),
  z.object({ kind: z.literal("perCase") }),
]);
export type ScoringRule = z.infer<typeof ScoringRuleSchema>;

const itemBase = {
  /** Stable within a letter, e.g. `i1`; findings and self-scores refer to it. */
  id: z.string().min(1).max(40),
  points,
  /** A veto item (一票否决): failing it makes the whole result "fail" whatever the points. */
  veto: z.boolean().default(false),
};

export const IndicatorItemSchema = z.object({
  ...itemBase,
  kind: z.literal("indicator"),
  indicator: z.string().min(1),
  /** The org unit whose value is assessed; default: the assessed unit's own org unit. */
  orgUnit: OrgUnitCodeSchema.optional(),
  annualTarget: z.number().nonnegative(),
  direction: z.enum(["higher", "lower"]).default("higher"),
  rule: ScoringRuleSchema.default({ kind: "proportional" }),
  /** Over-achievement bonus: bonus points per case above the expected value (into the capped bonus). */
  bonusPerCase: z.number().positive().optional(),
});

export const ManualItemSchema = z.object({
  ...itemBase,
  kind: z.literal("manual"),
  titleZh: z.string().min(1),
  titleEn: z.string().min(1),
});

export const LetterItemSchema = z.discriminatedUnion("kind", [IndicatorItemSchema, ManualItemSchema]);
export type LetterItem = z.infer<typeof LetterItemSchema>;
export type IndicatorItem = z.infer<typeof IndicatorItemSchema>;
export type ManualItem = z.infer<typeof ManualItemSchema>;

/**
 * What makes an indicator item's target meaningless (DOMAIN.md §6), as
 * bilingual messages naming the item, each with its path inside the item:
 * - higher is better: the annual target must be above 0 (a target of 0 is
 *   met by anything: full points for no work); lower is better may allow 0
 *   (e.g. no complaints), scoring handles it;
 * - a rate's target (percent) within 0–100; a thresholds floor within 0–100 too;
 * - thresholds: the floor ("0 points beyond it") must not be on the better
 *   side of the target — not above it for higher is better, not below it for
 *   lower is better, where the floor is the highest acceptable value.
 * An indicator code not in the catalogue is not checked for its unit.
 */
function targetIssues(item: IndicatorItem): { path: (string | number)[]; message: string }[] {
  const ind = isIndicatorCode(item.indicator) ? indicator(item.indicator) : null;
  const en = ind ? `item ${item.id} (${ind.nameEn})` : `item ${item.id}`;
  const zh = ind ? `项目${item.id}「${ind.nameZh}」` : `项目${item.id}`;
  const rate = ind?.unit === "percent";
  const target = item.annualTarget;
  const out: { path: (string | number)[]; message: string }[] = [];
  if (item.direction === "higher" && target <= 0) {
    out.push({ path: ["annualTarget"], message: `${en}: the annual target must be above 0 when higher is better (${zh}越高越好，全年目标须大于0)` });
  } else if (rate && target > 100) {
    out.push({ path: ["annualTarget"], message: `${en}: a rate's annual target must be within 0–100 %, not ${target} % (${zh}为比率，全年目标须在0–100%之间，现为${target}%)` });
  }
  if (item.rule.kind !== "thresholds") return out;
  const floor = item.rule.floor;
  if (rate && floor > 100) {
    out.push({ path: ["rule", "floor"], message: `${en}: a rate's floor must be within 0–100 %, not ${floor} % (${zh}为比率，底线须在0–100%之间，现为${floor}%)` });
  } else if (item.direction === "higher" && floor > target) {
    out.push({ path: ["rule", "floor"], message: `${en}: the floor ${floor} must not be above the annual target ${target} when higher is better (${zh}越高越好，底线${floor}不能高于全年目标${target})` });
  } else if (item.direction === "lower" && floor < target) {
    out.push({ path: ["rule", "floor"], message: `${en}: the floor ${floor} must not be below the annual target ${target} when lower is better; the floor is the highest acceptable value (${zh}越低越好，底线是可接受的最高值，${floor}不能低于全年目标${target})` });
  }
  return out;
}

/** Points are compared exactly in hundredths, so 33.33 + 33.33 + 33.34 sums to 100. */
export function pointsTotal(items: readonly { points: number }[]): number {
  return items.reduce((s, i) => s + Math.round(i.points * 100), 0) / 100;
}

export const LetterSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    assessedUnit: AssessedUnitSchema,
    items: z.array(LetterItemSchema).min(1).max(60),
  })
  .superRefine((letter, ctx) => {
    const total = pointsTotal(letter.items);
    if (total !== 100) {
      ctx.addIssue({
        code: "custom",
        path: ["items"],
        message: `the items' points sum to ${total}, not 100 (各项分值合计为${total}，应为100)`,
      });
    }
    const seen = new Set<string>();
    letter.items.forEach((item, i) => {
      if (item.points === 0 && !item.veto) ctx.addIssue({ code: "custom", path: ["items", i, "points"], message: "points must be above 0 (分值须大于0); only a veto item may have 0" });
      if (seen.has(item.id)) ctx.addIssue({ code: "custom", path: ["items", i, "id"], message: `duplicate item id ${item.id} (项目编号重复)` });
      seen.add(item.id);
      if (item.kind === "indicator") {
        for (const issue of targetIssues(item)) ctx.addIssue({ code: "custom", path: ["items", i, ...issue.path], message: issue.message });
      }
    });
  });
export type Letter = z.infer<typeof LetterSchema>;

/** A full-time committee member's post (残疾人专职委员), DOMAIN.md §2. Names in the demo are visibly synthetic. */
export const CommitteeMemberSchema = z.object({
  code: z.string().regex(/^CM-[A-Z0-9-]+$/, { message: "expected a member code such as CM-LZ-SH-V03 (专职委员编号格式错误)" }),
  name: z.string().min(1).max(60),
  /** The org unit served: a township or a village/community. */
  orgUnit: OrgUnitCodeSchema,
  inPostFrom: MonthSchema,
  inPostTo: MonthSchema.nullable(),
});
export type CommitteeMember = z.infer<typeof CommitteeMemberSchema>;

export const RectificationStatusSchema = z.enum(["open", "rectified", "verified"]);
export type RectificationStatus = z.infer<typeof RectificationStatusSchema>;

/** A problem found in monthly supervision and its rectification (整改). */
export const SupervisionFindingSchema = z.object({
  assessedUnit: AssessedUnitSchema,
  month: MonthSchema,
  /** The letter item the deduction comes off. */
  itemId: z.string().min(1),
  description: z.string().min(1).max(2000),
  /** Assessment points deducted from that item (never below 0 for the item). */
  pointsDeducted: z.number().nonnegative({ message: "points deducted must not be negative (扣分不能为负)" }).max(100),
  rectification: z.object({
    owner: z.string().min(1).max(100),
    dueDate: DateLabelSchema,
    status: RectificationStatusSchema,
    verificationNote: z.string().max(2000).nullable(),
  }),
}).superRefine((f, ctx) => {
  // A rectification cannot be due before the problem was found: a due date before the finding's month is a slip
  // (found 2016-12, due 2016-11-01 would be 60 days overdue the moment it is recorded). Labels compare as text.
  const monthStart = `${f.month}-01`;
  if (f.rectification.dueDate < monthStart) {
    ctx.addIssue({
      code: "custom",
      path: ["rectification", "dueDate"],
      message: `the due date ${f.rectification.dueDate} is before the month found, ${f.month}: give ${monthStart} or later (整改期限 ${f.rectification.dueDate} 早于发现问题的月份 ${f.month}，应不早于 ${monthStart})`,
    });
  }
});
export type SupervisionFinding = z.infer<typeof SupervisionFindingSchema>;
