/**
 * The data values behind an assessment run, frozen with it (issue 3, points 5
 * and 6: "publishing freezes the result with the data values it came from";
 * the explanation goes "down to the data values").
 *
 * When a run is computed, the data values its indicator items read — for
 * each indicator item, the data elements of its numerator and denominator
 * (`@linze/domain` indicators.ts), for every org unit in the subtree of the
 * item's org unit, for January…the run's last month — are stored inside the
 * run's inputs snapshot (so the snapshot's SHA-256 covers them), in the
 * compact shape {@link FrozenDataValues}. The actuals the engine scores are
 * computed from those frozen values by the domain's reference evaluator
 * (`actualToDate`, {@link actualsFromFrozen}), so the values are read once,
 * in one statement (one consistent snapshot), and the village values shown
 * under a township's month always add up to the month shown in its
 * explanation. A test keeps the reference evaluator equal to the SQL
 * compiler (`queryIndicatorRows`) on every item of the demo's runs.
 */
import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { getRun, getRunInputs, type Queryable } from "@linze/db";
import {
  actualOver,
  actualToDate,
  DataValueIndex,
  dataElement,
  indicator,
  isReportedAt,
  toNumber,
  type Indicator,
  type IndicatorUnit,
  type ItemActual,
  type LetterItem,
  type OrgUnitLevel,
  type OrgUnitTree,
  type ValueType,
  yearToDateMonths,
} from "@linze/domain";
import { RecordIdSchema } from "./record-id.ts";

/**
 * Data values as frozen in a run's snapshot: `months` are January…the run's
 * last month (`YYYY-MM`, in order); each row is `[org unit code, data element
 * code, values by month]`, a value being a count or CNY amount as reported,
 * or null when the org unit has no data value for that month (not reported —
 * never 0). Rows are sorted by org unit code, then data element code (plain
 * string order), and hold only (org unit, data element) pairs with at least
 * one value. The run's items read every pair of their subtree × data
 * elements, so a pair that is absent had no value in any of the months.
 */
export interface FrozenDataValues {
  readonly months: readonly string[];
  readonly rows: readonly (readonly [orgUnit: string, dataElement: string, values: readonly (number | null)[]])[];
}

const FrozenDataValuesSchema = z.object({
  months: z.array(z.string()),
  rows: z.array(z.tuple([z.string(), z.string(), z.array(z.number().nullable())])),
});

/** What an indicator item reads: the indicator as the run computes it, on one org unit's subtree. */
export interface ItemTarget {
  readonly orgUnit: string;
  readonly indicator: Indicator;
}

/** The indicator as a run computes its items: the numerator over the year-to-date span itself (see the run's `actualsFor`). */
export const runIndicator = (code: string): Indicator => ({ ...indicator(code), numeratorYearToDate: false });

/** The data elements an indicator reads, numerator first, each once. */
const elementsOf = (ind: Indicator): string[] => [...new Set([...ind.numerator, ...(ind.denominator ?? [])])];

/** (org unit, data element) pairs read by the targets: every unit of each subtree × the item's data elements, each pair once. */
function pairsOf(tree: OrgUnitTree, targets: readonly ItemTarget[]): { orgUnits: string[]; dataElements: string[] } {
  const seen = new Set<string>();
  const orgUnits: string[] = [];
  const dataElements: string[] = [];
  for (const t of targets) {
    const units = tree.subtree(t.orgUnit);
    for (const de of elementsOf(t.indicator)) {
      for (const u of units) {
        const key = `${u.code}|${de}`;
        if (seen.has(key)) continue;
        seen.add(key);
        orgUnits.push(u.code);
        dataElements.push(de);
      }
    }
  }
  return { orgUnits, dataElements };
}

/**
 * The stored data values of the given (org unit, data element) pairs in the
 * months, frozen: one row per pair with at least one value, its values by
 * month (null: none). One statement filtering by the pairs' org units, data
 * elements and months (no join: on PGlite the join with the pairs sorted every
 * value of the year by its text keys), the values back as one text (org unit,
 * month, data element and the value as numeric text, `toNumber`), keeping
 * only the pairs asked for, each value put straight into its pair's row (no
 * object per value: a county's members run reads some 20,000). On PGlite about
 * four times faster than the JSON of a join, and some ten times faster than
 * ~12,000 result rows (a county's township run). Codes hold no "," or ";"
 * (OrgUnitCodeSchema, the data element catalogue); a malformed record throws.
 */
async function readFrozenRows(db: Queryable, pairs: { orgUnits: string[]; dataElements: string[] }, months: readonly string[]): Promise<Map<string, (number | null)[]>> {
  const byPair = new Map<string, (number | null)[]>();
  if (pairs.orgUnits.length === 0) return byPair;
  const wanted = new Set(pairs.orgUnits.map((orgUnit, i) => `${orgUnit},${pairs.dataElements[i]}`));
  const [row] = await db.query<{ values: string | null }>(
    `SELECT string_agg(dv.org_unit || ',' || dv.data_element || ',' || dv.period || ',' || dv.value::text, ';') AS values
     FROM data_values dv
     WHERE dv.org_unit = ANY($1::text[]) AND dv.data_element = ANY($2::text[]) AND dv.period = ANY($3::text[])`,
    [[...new Set(pairs.orgUnits)], [...new Set(pairs.dataElements)], [...months]],
  );
  if (!row?.values) return byPair;
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  for (const record of row.values.split(";")) {
    // org unit,data element,period,value: the pair is the text before the second comma.
    const second = record.indexOf(",", record.indexOf(",") + 1);
    const third = record.indexOf(",", second + 1);
    const pair = record.slice(0, second);
    const month = monthIndex.get(record.slice(second + 1, third));
    if (second < 0 || third < 0 || month === undefined || record.indexOf(",", third + 1) >= 0) throw new Error(`readFrozenRows: malformed data value record ${JSON.stringify(record)}`);
    if (!wanted.has(pair)) continue;
    let values = byPair.get(pair);
    if (!values) byPair.set(pair, (values = months.map(() => null)));
    values[month] = toNumber(record.slice(third + 1))!;
  }
  return byPair;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Reads the data values the targets read (see the module comment) for
 * `months` and returns them frozen: sorted, deduplicated across targets.
 * Throws UnknownOrgUnit for an org unit outside the tree.
 */
export async function freezeDataValues(db: Queryable, tree: OrgUnitTree, targets: readonly ItemTarget[], months: readonly string[]): Promise<FrozenDataValues> {
  const byPair = await readFrozenRows(db, pairsOf(tree, targets), months);
  const rows = [...byPair.entries()]
    .map(([pair, values]) => {
      const comma = pair.indexOf(",");
      return [pair.slice(0, comma), pair.slice(comma + 1), values] as const;
    })
    .sort((a, b) => byText(a[0], b[0]) || byText(a[1], b[1]));
  return { months: [...months], rows };
}

/** The frozen values as the reference evaluator's index. */
export function frozenIndex(frozen: FrozenDataValues): DataValueIndex {
  return DataValueIndex.fromMonthRows(frozen.months, frozen.rows);
}

/**
 * The actual to date of each target (same order), computed from the frozen
 * values by the reference evaluator `actualToDate` (`@linze/domain`
 * assessment/actuals.ts): each month of `frozen.months` alone and the whole
 * span (January…the last month), numerator and denominator summed over the
 * target's subtree (flows summed over the months, stocks each org unit's last
 * value), a month `reported` when its numerator has any value. Counts or CNY as JS numbers; null = no value.
 * With no months frozen every target gets no months and no values.
 */
export function actualsFromFrozen(frozen: FrozenDataValues, tree: OrgUnitTree, targets: readonly ItemTarget[]): ItemActual[] {
  const throughMonth = frozen.months[frozen.months.length - 1];
  if (throughMonth === undefined) return targets.map(() => ({ months: [], numerator: null, denominator: null }));
  const index = frozenIndex(frozen);
  // Each subtree's codes once: a county's members read the same few org units' subtrees item after item.
  const subtrees = new Map<string, string[]>();
  const unitsOf = (orgUnit: string) => subtrees.get(orgUnit) ?? subtrees.set(orgUnit, tree.subtree(orgUnit).map((u) => u.code)).get(orgUnit)!;
  const ytd = yearToDateMonths(throughMonth);
  return targets.map((t) => actualOver(t.indicator, index, unitsOf(t.orgUnit), ytd));
}

// --- Reading them back: one item's data values --------------------------------------------------

export const ItemDataValuesInputSchema = z.object({
  runId: RecordIdSchema,
  /** The assessed unit's code: a township `LZ-SH` or a committee member `CM-LZ-SH-V03`. */
  unitCode: z.string().min(1, { message: "must not be empty" }),
  /** An indicator item of the unit's letter, e.g. `i7`. */
  itemId: z.string().min(1, { message: "must not be empty" }),
});
export type ItemDataValuesInput = z.infer<typeof ItemDataValuesInputSchema>;

export interface DataElementRef {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** `count` (persons, items) or `cny` (yuan). */
  readonly valueType: ValueType;
}

/** One data element of one org unit in one month. */
export interface DataValueCell {
  readonly dataElement: string;
  /** The value frozen with the run; null: no data value (not reported, never 0). */
  readonly value: number | null;
  /** Whether org units of this level report the data element (`@linze/domain` data-sets.ts); no value where it is not reported is "not applicable", not "not reported". */
  readonly reportedAtLevel: boolean;
  /** The value in `data_values` now; null when there is none. */
  readonly current: number | null;
  /** The current value differs from the frozen one (including one appearing or disappearing). */
  readonly changed: boolean;
}

export interface DataValueRow {
  readonly orgUnit: { readonly code: string; readonly nameZh: string; readonly nameEn: string; readonly level: OrgUnitLevel };
  /** `YYYY-MM`. */
  readonly month: string;
  /** One cell per numerator data element, in the indicator's order. */
  readonly numerator: readonly DataValueCell[];
  /** One cell per denominator data element; null for a count or amount indicator. */
  readonly denominator: readonly DataValueCell[] | null;
}

export interface ItemDataValues {
  readonly runId: number;
  readonly unitCode: string;
  readonly itemId: string;
  /** The org unit the item is assessed on; the rows are its subtree. */
  readonly orgUnit: string;
  readonly indicator: { readonly code: string; readonly nameZh: string; readonly nameEn: string; readonly unit: IndicatorUnit };
  /**
   * False for a run computed before data values were frozen with runs: its
   * snapshot has none, and `rows` and `sums` are empty.
   */
  readonly frozen: boolean;
  /** January…the run's last month. */
  readonly months: readonly string[];
  readonly numerator: readonly DataElementRef[];
  readonly denominator: readonly DataElementRef[] | null;
  /**
   * By org unit (the subtree depth first, codes in order), then month. An org
   * unit is listed when its level reports any of the item's data elements or
   * it has a value, frozen or current.
   */
  readonly rows: readonly DataValueRow[];
  /** Per month, Σ of the frozen values over the subtree: equal to the explanation's month numerator and denominator (null when none). */
  readonly sums: readonly { readonly month: string; readonly numerator: number | null; readonly denominator: number | null }[];
  /** Cells whose current value differs from the frozen one. */
  readonly changedCount: number;
}

interface SnapshotUnit {
  orgUnit: string;
  letter: { assessedUnit: { code: string }; items: LetterItem[] };
}

const elementRef = (code: string): DataElementRef => {
  const d = dataElement(code);
  return { code: d.code, nameZh: d.nameZh, nameEn: d.nameEn, valueType: d.valueType };
};

/**
 * The data values behind one indicator item of one unit of a run, from the
 * run's frozen snapshot, beside the current values (see {@link ItemDataValues}).
 * Errors: NOT_FOUND for an unknown run, a unit not in the run or an item not
 * in its letter; BAD_REQUEST for a manual item (scored by the assessor, no data values).
 */
export async function itemDataValues(db: Queryable, tree: OrgUnitTree, input: ItemDataValuesInput): Promise<ItemDataValues> {
  await getRun(db, input.runId);
  const snapshot = (await getRunInputs(db, input.runId)) as { units?: SnapshotUnit[]; dataValues?: unknown };
  const unit = (snapshot.units ?? []).find((u) => u.letter.assessedUnit.code === input.unitCode);
  if (!unit) throw new TRPCError({ code: "NOT_FOUND", message: `Run ${input.runId} did not assess ${input.unitCode} (该考核版本中无此被考核对象)` });
  const item = unit.letter.items.find((i) => i.id === input.itemId);
  if (!item) {
    throw new TRPCError({ code: "NOT_FOUND", message: `The letter of ${input.unitCode} has no item "${input.itemId}"; its items: ${unit.letter.items.map((i) => i.id).join(", ")} (责任书中无此项目)` });
  }
  if (item.kind !== "indicator") {
    throw new TRPCError({ code: "BAD_REQUEST", message: `Item ${item.id} of ${input.unitCode} is scored by the assessor: it has no data values (人工评分项目，无数据值)` });
  }
  const ind = runIndicator(item.indicator);
  const orgUnit = item.orgUnit ?? unit.orgUnit;
  const header = {
    runId: input.runId,
    unitCode: input.unitCode,
    itemId: item.id,
    orgUnit,
    indicator: { code: ind.code, nameZh: ind.nameZh, nameEn: ind.nameEn, unit: ind.unit },
    numerator: ind.numerator.map(elementRef),
    denominator: ind.denominator ? ind.denominator.map(elementRef) : null,
  };
  const parsed = FrozenDataValuesSchema.safeParse(snapshot.dataValues);
  if (!parsed.success) return { ...header, frozen: false, months: [], rows: [], sums: [], changedCount: 0 };
  const frozen = parsed.data;
  const index = frozenIndex(frozen);
  const units = tree.subtree(orgUnit);
  const current = DataValueIndex.fromMonthRows(frozen.months, (await freezeDataValues(db, tree, [{ orgUnit, indicator: ind }], frozen.months)).rows);

  let changedCount = 0;
  const cell = (code: string, level: OrgUnitLevel, u: string, month: string): DataValueCell => {
    const value = index.get(u, month, code) ?? null;
    const now = current.get(u, month, code) ?? null;
    const changed = value !== now;
    if (changed) changedCount++;
    return { dataElement: code, value, reportedAtLevel: isReportedAt(code, level), current: now, changed };
  };
  const elements = elementsOf(ind);
  const rows: DataValueRow[] = [];
  for (const u of units) {
    const listed =
      elements.some((de) => isReportedAt(de, u.level)) ||
      frozen.months.some((m) => elements.some((de) => index.get(u.code, m, de) !== undefined || current.get(u.code, m, de) !== undefined));
    if (!listed) continue;
    for (const month of frozen.months) {
      rows.push({
        orgUnit: { code: u.code, nameZh: u.nameZh, nameEn: u.nameEn, level: u.level },
        month,
        numerator: ind.numerator.map((de) => cell(de, u.level, u.code, month)),
        denominator: ind.denominator ? ind.denominator.map((de) => cell(de, u.level, u.code, month)) : null,
      });
    }
  }
  const throughMonth = frozen.months[frozen.months.length - 1];
  const sums = throughMonth ? actualToDate(ind, index, tree, orgUnit, throughMonth).months.map((m) => ({ month: m.month, numerator: m.numerator, denominator: m.denominator })) : [];
  return { ...header, frozen: true, months: frozen.months, rows, sums, changedCount };
}
