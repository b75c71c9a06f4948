/**
 * The data-entry form (issue 4 point 8): one org unit, one month, every data
 * element its level reports, saved as one transaction through the write path
 * (`applyDataValues` in @linze/db: history, first submission, locked months).
 */
import { applyDataValues, dataValuesOf, DataWriteRefused, lastChangesOf, lockedMonthProblem, lockedMonths, type DataWriteCounts, type LockingRun, type ValueHistoryEntry } from "@linze/db";
import { dataElementsReportedAt, isReportedAt, type AggregationType, type OrgUnit, type ValueType } from "@linze/domain";
import { DataEntryFormInputSchema, DataEntrySaveInputSchema } from "../schemas.ts";
import { inputIssues, requires, router } from "../trpc.ts";
import { assertCapture, assertView } from "../scope.ts";

/** One field of the form. */
export interface DataEntryField {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** `count` (whole persons/items ≥ 0) or `cny` (yuan ≥ 0, at most 2 decimals). */
  readonly valueType: ValueType;
  readonly aggregationType: AggregationType;
  /** The stored value (count or CNY), null when none. */
  readonly value: number | null;
  /** The newest change recorded for it (who, when, previous → new), null when none (e.g. loaded with the dataset). */
  readonly lastChange: ValueHistoryEntry | null;
}

/** Why a month is read-only: its quarter's published runs, and the message "English (中文)" pair. */
export interface DataEntryLock {
  /** e.g. `2016Q1`. */
  readonly quarter: string;
  readonly runs: readonly LockingRun[];
  readonly messageZh: string;
  readonly messageEn: string;
}

export interface DataEntryForm {
  readonly orgUnit: OrgUnit;
  readonly period: string;
  /** null when the month may change. */
  readonly locked: DataEntryLock | null;
  /** The data elements org units of this level report, in catalogue order. */
  readonly fields: readonly DataEntryField[];
}

export interface DataEntrySaveResult {
  readonly counts: DataWriteCounts;
  /** History rows written (new + updated + deleted). */
  readonly historyRows: number;
  /** The township's month registered as submitted by this save (first submission only). */
  readonly submissions: readonly { readonly orgUnit: string; readonly period: string }[];
}

export const dataEntryRouter = router({
  /**
   * `{ orgUnit, period }` → {@link DataEntryForm}: every data element reported
   * at the org unit's level (`dataElementsReportedAt`, @linze/domain
   * data-sets.ts) with its current value as a JS number or null, its value
   * type and its last change; and whether the month is locked (a published
   * assessment of its quarter without an open new revision: `lockedMonths`).
   * Unknown org unit → BAD_REQUEST listing the valid codes; one the caller
   * may not view → FORBIDDEN.
   */
  form: requires("data.view").input(DataEntryFormInputSchema).query(async ({ ctx, input }): Promise<DataEntryForm> => {
    const orgUnit = ctx.tree.get(input.orgUnit);
    assertView(ctx.access, [orgUnit.code]);
    const [values, changes, locked] = await Promise.all([
      dataValuesOf(ctx.db, orgUnit.code, input.period),
      lastChangesOf(ctx.db, orgUnit.code, input.period),
      lockedMonths(ctx.db, [input.period]),
    ]);
    const lock = locked[0];
    const reason = lock ? lockedMonthProblem({ orgUnit: orgUnit.code, period: input.period, dataElement: "", value: null }, lock) : null;
    return {
      orgUnit,
      period: input.period,
      locked: lock && reason ? { quarter: lock.quarter, runs: lock.runs, messageZh: reason.messageZh, messageEn: reason.messageEn } : null,
      fields: dataElementsReportedAt(orgUnit.level).map((d) => ({
        code: d.code,
        nameZh: d.nameZh,
        nameEn: d.nameEn,
        valueType: d.valueType,
        aggregationType: d.aggregationType,
        value: values.get(d.code) ?? null,
        lastChange: changes.get(d.code) ?? null,
      })),
    };
  }),

  /**
   * `{ orgUnit, period, values: { <data element code>: text | null } }` →
   * {@link DataEntrySaveResult}. Fields left out are not touched; null or a
   * blank text deletes the stored value. One transaction (`applyDataValues`,
   * source "entry", the caller as user): all fields or none. BAD_REQUEST with
   * an issue per field (`values.<code>`, "English (中文)") for: not a number,
   * negative, decimals in a count, more than 2 decimals in CNY, an unknown
   * data element, one the org unit's level does not report, a change in a
   * locked month. FORBIDDEN for an org unit outside the caller's capture set.
   */
  save: requires("data.capture").input(DataEntrySaveInputSchema).mutation(async ({ ctx, input }): Promise<DataEntrySaveResult> => {
    const orgUnit = ctx.tree.get(input.orgUnit);
    assertCapture(ctx.access, [orgUnit.code]);
    const issues: { path: string[]; message: string }[] = [];
    for (const code of Object.keys(input.values)) {
      if (!isReportedAt(code, orgUnit.level)) {
        issues.push({ path: ["values", code], message: `${code} is not reported by ${LEVEL_EN[orgUnit.level]} org units (${LEVEL_ZH[orgUnit.level]}不上报此项)` });
      }
    }
    if (issues.length > 0) throw inputIssues(issues);
    const values = Object.entries(input.values).map(([dataElement, value]) => ({ orgUnit: orgUnit.code, period: input.period, dataElement, value }));
    try {
      const result = await applyDataValues(ctx.db, values, { source: "entry", user: ctx.user.id });
      return { counts: result.counts, historyRows: result.historyRows, submissions: result.submissions };
    } catch (e) {
      if (e instanceof DataWriteRefused) throw inputIssues(e.problems.map((p) => ({ path: ["values", p.dataElement], message: `${p.messageEn} (${p.messageZh})` })));
      throw e;
    }
  }),
});

const LEVEL_ZH = { 1: "县级", 2: "乡镇", 3: "村（社区）" } as const;
const LEVEL_EN = { 1: "county", 2: "township", 3: "village or community" } as const;
