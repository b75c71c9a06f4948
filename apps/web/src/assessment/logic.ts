/**
 * Pure helpers of the assessment pages (issue 3): the letter's running points
 * total, a server message in the reader's language, the grade distribution of
 * a ranking, the next step of a rectification and of a run, and date labels.
 * No React, no I/O: tested in test/assessment-logic.test.ts.
 */
import { LetterSchema, pointsTotal, type Grade, type Letter, type LetterItem, type Locale, type RectificationStatus } from "@linze/domain";

export const GRADES: readonly Grade[] = ["excellent", "good", "pass", "fail"];

/**
 * A letter's base points total (hundredths exact, as `LetterSchema` adds them)
 * and whether it is the required 100. Items whose points are not a finite
 * number (an empty field) count as 0.
 */
export function letterPoints(items: readonly { points: number }[]): { total: number; ok: boolean } {
  const total = pointsTotal(items.map((i) => ({ points: Number.isFinite(i.points) ? i.points : 0 })));
  return { total, ok: total === 100 };
}

/** Issues of a letter by field path ("items", "items.2.points"), from the same `LetterSchema` the server uses. */
export function letterIssues(letter: Letter): Record<string, string> {
  const parsed = LetterSchema.safeParse(letter);
  if (parsed.success) return {};
  const out: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join(".");
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * The server's and the domain's messages carry both languages: "English
 * text (中文说明)". The part for the reader; the whole text when it has no
 * such pair.
 */
export function messageIn(message: string, locale: Locale): string {
  const m = /^(.*\S)\s*[(（]([^()（）]*[\u4e00-\u9fff][^()（）]*)[)）]\s*$/s.exec(message.trim());
  if (!m) return message;
  return locale === "zh-CN" ? m[2]!.trim() : m[1]!.trim();
}

/** A field's issues from a tRPC error (`data.zodError.issues`, see packages/api/src/trpc.ts), by path; the message under "" otherwise. */
export function issuesOf(error: unknown): Record<string, string> {
  const e = error as { message?: string; data?: { zodError?: { issues?: { path: string; message: string }[] } | null } } | null;
  if (!e) return {};
  const issues = e.data?.zodError?.issues;
  if (issues && issues.length > 0) {
    const out: Record<string, string> = {};
    for (const i of issues) out[i.path] ??= i.message;
    return out;
  }
  return { "": e.message ?? String(error) };
}

/** Count of units per final grade, plus incomplete and vetoed units (a vetoed unit's grade is "fail" and is also counted there). */
export interface GradeDistribution {
  readonly counts: Readonly<Record<Grade, number>>;
  readonly ungraded: number;
  readonly vetoed: number;
  readonly total: number;
}

export function gradeDistribution(ranking: readonly { grade: string | null; vetoed: boolean }[]): GradeDistribution {
  const counts: Record<Grade, number> = { excellent: 0, good: 0, pass: 0, fail: 0 };
  let ungraded = 0;
  let vetoed = 0;
  for (const r of ranking) {
    if (r.vetoed) vetoed++;
    if (r.grade !== null && (GRADES as readonly string[]).includes(r.grade)) counts[r.grade as Grade]++;
    else ungraded++;
  }
  return { counts, ungraded, vetoed, total: ranking.length };
}

/** The only step a rectification may take (open → rectified → verified); null when verified. */
export function nextFindingStatus(status: RectificationStatus): RectificationStatus | null {
  return status === "open" ? "rectified" : status === "rectified" ? "verified" : null;
}

/** Whether a step is allowed, as the server checks it: one step forward, and verifying needs a note. */
export function canMoveFinding(from: RectificationStatus, to: RectificationStatus, note: string | null): boolean {
  if (nextFindingStatus(from) !== to) return false;
  return to !== "verified" || (note ?? "").trim().length > 0;
}

export type RunStatus = "draft" | "submitted" | "reviewed" | "published";
export const RUN_STEPS: readonly RunStatus[] = ["draft", "submitted", "reviewed", "published"];

/** The workflow of DOMAIN.md §6 (draft → submitted → reviewed → published); null once published (frozen). */
export function nextRunStatus(status: RunStatus): RunStatus | null {
  const i = RUN_STEPS.indexOf(status);
  return i >= 0 && i < RUN_STEPS.length - 1 ? RUN_STEPS[i + 1]! : null;
}

/** The tRPC procedure that moves a run to `to`. */
export function runTransitionProcedure(to: RunStatus): "submit" | "review" | "publish" | null {
  return to === "submitted" ? "submit" : to === "reviewed" ? "review" : to === "published" ? "publish" : null;
}

/**
 * Separation of duties (DOMAIN.md §6 workflow): whether the next step of a
 * run is for someone other than `me` because `me` submitted it — review and
 * publish are (the server refuses them to the submitter); submitting is not.
 */
export function stepForAnotherUser(next: RunStatus | null, submittedBy: string | null, me: string | undefined): boolean {
  return (next === "reviewed" || next === "published") && me !== undefined && submittedBy === me;
}

/** The last day of a month label, as a date label: "2016-02" → "2016-02-29". Calendar arithmetic on labels, no time zone. */
export function monthEndLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new Error(`expected a month YYYY-MM, got ${month}`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mon - 1]!;
  return `${m[1]}-${m[2]}-${String(days)}`;
}

/** Whole days from due date to as-of date, both labels (`YYYY-MM-DD`); positive when overdue. */
export function daysOverdue(dueDate: string, asOf: string): number {
  const day = (label: string) => {
    const [y, m, d] = label.split("-").map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d) / 86_400_000;
  };
  return day(asOf) - day(dueDate);
}

/** Assessment points as written on the letter (up to two decimals, never rounded to whole points). */
export function formatPoints(points: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(points);
}

/** A new item for the letter editor, with an id unused in the letter (`i3`, `m2`). */
export function newItem(kind: LetterItem["kind"], items: readonly LetterItem[]): LetterItem {
  const prefix = kind === "indicator" ? "i" : "m";
  const used = new Set(items.map((i) => i.id));
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  const id = `${prefix}${n}`;
  return kind === "indicator"
    ? { id, kind, indicator: "enrollment_rate", annualTarget: 95, direction: "higher", rule: { kind: "proportional" }, points: 0, veto: false }
    : { id, kind, titleZh: "", titleEn: "", points: 0, veto: false };
}

/** The run scopes and their heading on the official paper (Chinese, DOMAIN.md §2). */
export type Scope = "townships" | "townshipMembers" | "countyMembers";
