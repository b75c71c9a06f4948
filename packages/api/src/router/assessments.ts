/**
 * Quarterly assessments (季考核, DOMAIN.md §6): computes a scope's results
 * with the domain's scoring engine from the year-to-date data values, the
 * letters and the supervision findings, stores them as a draft run with a
 * frozen snapshot of those inputs and its SHA-256, and moves the run through
 * draft → submitted → reviewed → published. A published run is never changed:
 * running the scope again makes the next revision.
 */
import { createHash } from "node:crypto";
import { configure } from "safe-stable-stringify";
import {
  compareResults,
  createRun,
  engineInputs,
  listLetters,
  listQuarterInputs,
  getRun,
  getRunInputs,
  listFindings,
  listMembers,
  listResults,
  listRuns,
  transitionRun,
  type AssessmentScope,
  type Database,
  type NewResult,
  type Queryable,
  type RunStatus,
  type StoredLetter,
} from "@linze/db";
import {
  ENGINE_VERSION,
  assessUnit,
  explainResult,
  rankAndGrade,
  yearToDateMonths,
  type AssessedUnit,
  type FindingRecord,
  type ItemActual,
  type ItemScore,
  type OrgUnitTree,
  type RankedResult,
  type UnitAssessmentInput,
} from "@linze/domain";
import { TRPCError } from "@trpc/server";
import { actualsFromFrozen, freezeDataValues, itemDataValues, ItemDataValuesInputSchema, runIndicator, type FrozenDataValues } from "../assessment-data-values.ts";
import { AssessmentRunInputSchema, RunGetInputSchema, RunListInputSchema, type AssessmentRunInput } from "../schemas.ts";
import { requires, router } from "../trpc.ts";
import { canSeeRankingLine, canViewUnit, type Permission } from "../permissions.ts";
import { assertUnitVisible } from "../scope.ts";

/**
 * Canonical JSON for hashing: object keys sorted at every level by UTF-16 code
 * units, `undefined` properties dropped and `undefined` array entries written
 * as null, numbers and strings as JSON.stringify writes them — so the hash of
 * a snapshot survives a JSONB round trip and equals RFC 8785's for these
 * inputs. safe-stable-stringify, strict: throws on what JSON cannot hold
 * (NaN, Infinity, functions, bigint, cycles) rather than hashing a lossy text.
 */
export const canonicalJson: (value: unknown) => string = configure({ deterministic: true, strict: true, bigint: false, circularValue: Error }) as (value: unknown) => string;

/** Entries of a long array canonicalised as one piece by {@link canonicalJsonBytes}. */
const ARRAY_SLICE = 1000;

/**
 * {@link canonicalJson}'s text as UTF-8 bytes, the same bytes as
 * `Buffer.from(canonicalJson(value))`, made piece by piece: the objects and
 * arrays of the first `levels` levels are written here (keys sorted the same
 * way and written as canonicalJson writes strings; an undefined property
 * dropped, an undefined array entry null) and every value below them by
 * canonicalJson, each piece encoded on its own. V8 flattens and encodes a
 * string of a megabyte several times slower per character than many strings
 * of a few kilobytes: a county members run's inputs (405,000 characters) took
 * ~11 ms to encode as one text (issue 6 P3). An array below those levels
 * longer than 1,000 entries is written 1,000 entries at a time. Throws as
 * canonicalJson does.
 */
export function canonicalJsonBytes(value: unknown, levels = 2): Buffer {
  const chunks: Buffer[] = [];
  const text = (s: string) => chunks.push(Buffer.from(s, "utf8"));
  const write = (v: unknown, level: number): void => {
    if (Array.isArray(v) && level >= levels && v.length > ARRAY_SLICE) {
      // A long array below the levels (a province's 390,000 frozen data value rows) in slices of
      // entries: an array's text is "[" + its entries' texts joined by "," + "]".
      text("[");
      for (let i = 0; i < v.length; i += ARRAY_SLICE) text(`${i > 0 ? "," : ""}${canonicalJson(v.slice(i, i + ARRAY_SLICE)).slice(1, -1)}`);
      text("]");
      return;
    }
    if (level >= levels || typeof v !== "object" || v === null || typeof (v as { toJSON?: unknown }).toJSON === "function") {
      text(canonicalJson(v) ?? "null");
      return;
    }
    if (Array.isArray(v)) {
      text("[");
      v.forEach((x, i) => {
        if (i > 0) text(",");
        write(x === undefined ? null : x, level + 1);
      });
      text("]");
      return;
    }
    text("{");
    let first = true;
    for (const key of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[key];
      if (x === undefined) continue;
      text(`${first ? "" : ","}${canonicalJson(key)}:`);
      first = false;
      write(x, level + 1);
    }
    text("}");
  };
  write(value, 0);
  return Buffer.concat(chunks);
}

const sha256 = (text: string | Uint8Array): string => createHash("sha256").update(text).digest("hex");

/** SHA-256 (hex) of the inputs' canonical JSON ({@link canonicalJson}). */
export const inputsHash = (inputs: unknown): string => sha256(canonicalJson(inputs));

interface ScopeUnit {
  readonly unit: AssessedUnit;
  /** The org unit whose data the letter's indicator items are assessed on by default. */
  readonly orgUnit: string;
  readonly letter: StoredLetter;
}

/** The units a scope assesses, each with its letter for the year; BAD_REQUEST naming the units without one. */
async function scopeUnits(db: Database, tree: OrgUnitTree, input: AssessmentRunInput, throughMonth: string): Promise<{ scopeOrgUnit: string; units: ScopeUnit[]; notInPost: string[] }> {
  const county = tree.atLevel(1)[0]!.code;
  let candidates: { unit: AssessedUnit; orgUnit: string }[];
  const notInPost: string[] = [];
  let scopeOrgUnit = county;
  if (input.scope === "townships") {
    candidates = tree.atLevel(2).map((u) => ({ unit: { kind: "township", code: u.code }, orgUnit: u.code }));
  } else {
    scopeOrgUnit = input.scope === "townshipMembers" ? input.township! : county;
    if (input.scope === "townshipMembers" && tree.get(scopeOrgUnit).level !== 2) {
      throw new TRPCError({ code: "BAD_REQUEST", message: `${scopeOrgUnit} is not a township (不是乡镇)` });
    }
    const members = await listMembers(db, { under: scopeOrgUnit });
    // Only members in post at the end of the period are assessed for it.
    const inPost = members.filter((m) => m.inPostFrom <= throughMonth && (m.inPostTo === null || m.inPostTo >= throughMonth));
    notInPost.push(...members.filter((m) => !inPost.includes(m)).map((m) => m.code));
    candidates = inPost.map((m) => ({ unit: { kind: "committeeMember", code: m.code }, orgUnit: m.orgUnit }));
  }
  const units: ScopeUnit[] = [];
  const missing: string[] = [];
  // One query for the year's letters of that kind, not one per unit.
  const kind = input.scope === "townships" ? "township" : "committeeMember";
  const letters = new Map((await listLetters(db, { year: input.year, kind })).map((l) => [l.assessedUnit.code, l]));
  for (const c of candidates) {
    const letter = letters.get(c.unit.code);
    if (letter) units.push({ ...c, letter });
    else missing.push(c.unit.code);
  }
  if (missing.length > 0) throw new TRPCError({ code: "BAD_REQUEST", message: `No ${input.year} letter for ${missing.join(", ")} (${input.year}年度缺少以下单位的责任书：${missing.join("、")})` });
  if (units.length === 0) throw new TRPCError({ code: "BAD_REQUEST", message: `Nobody to assess in scope ${input.scope} ${scopeOrgUnit} (无被考核对象)` });
  return { scopeOrgUnit, units, notInPost };
}

/**
 * The data values every indicator item reads, frozen for the snapshot
 * ({@link freezeDataValues}: one statement, so one consistent view of
 * `data_values`), and the actual to date of every indicator item of every
 * unit computed from them ({@link actualsFromFrozen}): by unit code, then
 * item id. The numerator is taken over the span itself (for a year-to-date
 * indicator such as record_update_rate the span is already January…throughMonth).
 */
async function actualsWithDataValues(db: Queryable, tree: OrgUnitTree, units: readonly ScopeUnit[], throughMonth: string): Promise<{ actuals: Map<string, Record<string, ItemActual>>; dataValues: FrozenDataValues }> {
  const items = units.flatMap((u) =>
    u.letter.items.flatMap((item) => (item.kind === "indicator" ? [{ unit: u.unit.code, itemId: item.id, target: { orgUnit: item.orgUnit ?? u.orgUnit, indicator: runIndicator(item.indicator) } }] : [])),
  );
  const dataValues = await freezeDataValues(db, tree, items.map((i) => i.target), yearToDateMonths(throughMonth));
  const computed = actualsFromFrozen(dataValues, tree, items.map((i) => i.target));
  const actuals = new Map<string, Record<string, ItemActual>>(units.map((u) => [u.unit.code, {}]));
  items.forEach((item, n) => {
    actuals.get(item.unit)![item.itemId] = computed[n]!;
  });
  return { actuals, dataValues };
}

/**
 * A result as a run stores it: each item's explanation without its months
 * where they are the unit's actual of that item in the run's inputs (the
 * engine puts `actuals[item].months` itself there), so a county members' run
 * does not store 7,000 months twice. {@link withInputMonths} puts them back
 * when the run is read; an item whose months are anything else keeps them.
 */
export function storedResult(result: RankedResult, actuals: Readonly<Record<string, ItemActual>>): RankedResult {
  return {
    ...result,
    items: result.items.map((item): ItemScore => {
      if (item.explanation.months !== actuals[item.itemId]?.months) return item;
      const { months: _inInputs, ...explanation } = item.explanation;
      return { ...item, explanation: explanation as ItemScore["explanation"] };
    }),
  };
}

/**
 * A stored result with the months its items' explanations were stored
 * without ({@link storedResult}), from the unit's actuals in the run's
 * inputs snapshot (`units[].letter.assessedUnit`, `units[].actuals`); an
 * item with its months (every run stored before this) is left as it is.
 */
function withInputMonths(result: RankedResult, actuals: Readonly<Record<string, ItemActual>> | undefined): RankedResult {
  if (result.items.every((item) => item.explanation.months !== undefined)) return result;
  return {
    ...result,
    items: result.items.map((item) => (item.explanation.months !== undefined ? item : { ...item, explanation: { ...item.explanation, months: actuals?.[item.itemId]?.months ?? [] } })),
  };
}

/** Each unit's actuals in a run's inputs snapshot, by `kind|code`. */
async function inputActuals(db: Database, runId: number): Promise<Map<string, Record<string, ItemActual>>> {
  const inputs = (await getRunInputs(db, runId)) as { units?: { letter?: { assessedUnit?: AssessedUnit }; actuals?: Record<string, ItemActual> }[] };
  const out = new Map<string, Record<string, ItemActual>>();
  for (const u of inputs.units ?? []) if (u.letter?.assessedUnit && u.actuals) out.set(`${u.letter.assessedUnit.kind}|${u.letter.assessedUnit.code}`, u.actuals);
  return out;
}

/** The displayed ranking of a run (one line per unit, in ranking order). */
export interface RankingLine {
  readonly kind: AssessedUnit["kind"];
  readonly code: string;
  readonly orgUnit: string;
  /** Two decimals half up (more where rounding would cross a threshold or a rank). */
  readonly total: string;
  readonly grade: string | null;
  readonly rank: number | null;
  readonly incomplete: boolean;
  /** Why the unit is incomplete: each incomplete item with its reason (e.g. months of the quarter not reported, not scored by the assessor). */
  readonly incompleteItems: readonly { readonly itemId: string; readonly reason: { readonly zh: string; readonly en: string } }[];
  readonly vetoed: boolean;
}

function rankingOf(results: readonly { assessedKind: AssessedUnit["kind"]; assessedCode: string; orgUnit: string; grade: string | null; rank: number | null; result: unknown }[]): RankingLine[] {
  return results.map((r) => {
    const full = r.result as RankedResult;
    const incompleteItems = full.items
      .filter((i) => i.incomplete)
      .map((i) => ({ itemId: i.itemId, reason: i.incompleteReason ?? { zh: "不完整", en: "incomplete" } }));
    return { kind: r.assessedKind, code: r.assessedCode, orgUnit: r.orgUnit, total: full.totalDisplay, grade: r.grade, rank: r.rank, incomplete: full.incomplete, incompleteItems, vetoed: full.vetoed };
  });
}

const transition = (to: RunStatus, permission: Permission) =>
  requires(permission).input(RunGetInputSchema).mutation(({ ctx, input }) => transitionRun(ctx.db, input.id, to, ctx.user.id, (inputs, hash) => inputsHash(inputs) === hash));

export const assessmentsRouter = router({
  /**
   * Computes the scope's assessment for the year's quarter (through its last
   * month) and stores it as a draft run (the next revision). Input: year,
   * quarter 1–4, scope (townships | townshipMembers with `township` |
   * countyMembers), excellentShare (0–1), bonusCap (points).
   *
   * Manual scores, self-scores, commendations and vetoes are read from the
   * stored inputs (`assessmentInputs.*`) of that quarter. The optional
   * explicit ones by unit code (`manualScores`, `selfScores`, `commendations`,
   * `vetoes`) are applied on top — an explicit score replaces the stored one
   * for its item, explicit commendations and vetoes are added — and
   * `manualDefault: "full"` scores any manual item still without points at
   * its full points (tests and what-if runs; all of it is recorded in the
   * snapshot). Output: the run, the units not in post, and its ranking.
   */
  run: requires("assessment.manage").input(AssessmentRunInputSchema).mutation(async ({ ctx, input }) => {
    const throughMonth = `${input.year}-${String(input.quarter * 3).padStart(2, "0")}`;
    const { scopeOrgUnit, units, notInPost } = await scopeUnits(ctx.db, ctx.tree, input, throughMonth);
    const { actuals, dataValues } = await actualsWithDataValues(ctx.db, ctx.tree, units, throughMonth);
    const stored = new Map(
      (await listQuarterInputs(ctx.db, input.year, input.quarter, units.map((u) => u.unit))).map((s) => [`${s.assessedUnit.kind}|${s.assessedUnit.code}`, s]),
    );
    const snapshotUnits = [];
    const results = [];
    const selfScoresOf = new Map<string, Record<string, number>>();
    const findingsOf = new Map<string, Awaited<ReturnType<typeof listFindings>>>();
    for (const f of await listFindings(ctx.db, { kind: units[0]!.unit.kind, period: String(input.year) })) {
      findingsOf.set(f.assessedUnit.code, [...(findingsOf.get(f.assessedUnit.code) ?? []), f]);
    }
    for (const u of units) {
      const findings: FindingRecord[] = (findingsOf.get(u.unit.code) ?? []).map((f) => ({
        assessedUnit: f.assessedUnit,
        month: f.month,
        itemId: f.itemId,
        description: f.description,
        pointsDeducted: f.pointsDeducted,
        rectification: f.rectification,
        id: String(f.id),
      }));
      const entered = stored.get(`${u.unit.kind}|${u.unit.code}`)!;
      const fromStore = engineInputs(entered);
      const manualScores: Record<string, number> = { ...fromStore.manualScores, ...(input.manualScores[u.unit.code] ?? {}) };
      if (input.manualDefault === "full") for (const item of u.letter.items) if (item.kind === "manual" && manualScores[item.id] === undefined) manualScores[item.id] = item.points;
      const selfScores = { ...fromStore.selfScores, ...(input.selfScores[u.unit.code] ?? {}) };
      const unitInput: UnitAssessmentInput = {
        throughMonth,
        letter: { year: u.letter.year, assessedUnit: u.letter.assessedUnit, items: u.letter.items },
        actuals: actuals.get(u.unit.code) ?? {},
        manualScores,
        findings,
        commendations: [...fromStore.commendations, ...(input.commendations[u.unit.code] ?? [])],
        vetoes: [...fromStore.vetoes, ...(input.vetoes[u.unit.code] ?? [])],
        ...(Object.keys(selfScores).length > 0 ? { selfScores } : {}),
      };
      if (unitInput.selfScores) selfScoresOf.set(u.unit.code, unitInput.selfScores);
      results.push(assessUnit(unitInput, { bonusCap: input.bonusCap }));
      // Who entered what and when, beside the values the engine used.
      const enteredBy = {
        manualScores: entered.manualScores.map((e) => ({ itemId: e.itemId, points: e.points, by: e.updatedBy, at: e.updatedAt })),
        selfScores: entered.selfScores.map((e) => ({ itemId: e.itemId, points: e.points, by: e.updatedBy, at: e.updatedAt })),
        adjustments: [...entered.commendations, ...entered.vetoes].map((a) => ({ id: a.id, type: a.type, by: a.createdBy, at: a.createdAt })),
      };
      snapshotUnits.push({ orgUnit: u.orgUnit, letterId: u.letter.id, letterVersion: u.letter.version, ...unitInput, entered: enteredBy });
    }
    const ranked = rankAndGrade(results, { excellentShare: input.excellentShare });
    const inputs = {
      engineVersion: ENGINE_VERSION,
      year: input.year,
      quarter: input.quarter,
      throughMonth,
      scope: input.scope,
      scopeOrgUnit,
      options: { bonusCap: input.bonusCap, excellentShare: input.excellentShare, manualDefault: input.manualDefault },
      notInPost,
      units: snapshotUnits,
      // The data values the indicator items read, so the hash covers them and the explanation reaches them.
      dataValues,
    };
    // Encoded to UTF-8 once, piece by piece, and those bytes hashed and stored (issue 6 P3).
    const canonical = canonicalJsonBytes(inputs);
    const orgOf = new Map(units.map((u) => [u.unit.code, u.orgUnit]));
    const rows: NewResult[] = ranked.map((r) => ({
      assessedKind: r.unit.kind,
      assessedCode: r.unit.code,
      orgUnit: orgOf.get(r.unit.code)!,
      result: storedResult(r, actuals.get(r.unit.code) ?? {}),
      total: String(r.total.value),
      grade: r.finalGrade,
      rank: r.rank,
      selfScores: selfScoresOf.get(r.unit.code) ?? null,
    }));
    const run = await createRun(
      ctx.db,
      // The canonical text is hashed and stored as it is: what publish hashes again is what was hashed here.
      { year: input.year, quarter: input.quarter, scope: input.scope as AssessmentScope, scopeOrgUnit, engineVersion: ENGINE_VERSION, inputs, inputsHash: sha256(canonical), inputsJson: canonical },
      rows,
      ctx.user.id,
    );
    // The ranking from the results just stored, in listResults' order, rather than reading them back.
    return { run, notInPost, ranking: rankingOf([...rows].sort(compareResults)) };
  }),
  /** Runs by year, quarter and scope; newest revision first within a scope. */
  list: requires("assessment.view").input(RunListInputSchema).query(({ ctx, input }) => listRuns(ctx.db, input)),
  /**
   * A run, its ranking and each unit's full result (items, deductions,
   * explanation) — of the units the caller may see: the ranking's lines of
   * the units visible in detail (and every township for a township
   * officer's comparison), the full results of those visible in detail.
   */
  get: requires("assessment.view").input(RunGetInputSchema).query(async ({ ctx, input }) => {
    const run = await getRun(ctx.db, input.id);
    const all = await listResults(ctx.db, input.id);
    const unit = (r: (typeof all)[number]) => ({ kind: r.assessedKind, code: r.assessedCode });
    const ranked = ctx.access.viewAll ? all : all.filter((r) => canSeeRankingLine(ctx.access, unit(r), r.orgUnit));
    const visible = ctx.access.viewAll ? all : all.filter((r) => canViewUnit(ctx.access, unit(r), r.orgUnit));
    // A run stores its results without the explanation's lines and months: the months come from its
    // inputs (withInputMonths), the lines are made here from each result (explainResult).
    const stored = visible.map((r) => r.result as RankedResult);
    const actualsOf = stored.some((r) => r.items.some((item) => item.explanation.months === undefined)) ? await inputActuals(ctx.db, input.id) : new Map<string, Record<string, ItemActual>>();
    const results = visible.map((r, i) => ({ ...r, result: explainResult(withInputMonths(stored[i]!, actualsOf.get(`${r.assessedKind}|${r.assessedCode}`))) }));
    return { run, ranking: rankingOf(ranked), results };
  }),
  submit: transition("submitted", "assessment.manage"),
  review: transition("reviewed", "assessment.review"),
  /** Publishes a reviewed run after checking its stored inputs against their hash; the run is then frozen. */
  publish: transition("published", "assessment.publish"),
  /**
   * The data values behind one indicator item of one unit of a run, as frozen
   * with the run, beside the current ones: by org unit of the item's subtree
   * and month, the numerator and denominator data elements' values (null: not
   * reported), and per month their sums (= the explanation's numerator and
   * denominator). Input `{ runId, unitCode, itemId }`; see {@link itemDataValues}.
   */
  itemDataValues: requires("assessment.view").input(ItemDataValuesInputSchema).query(async ({ ctx, input }) => {
    const [row] = await ctx.db.query<{ assessed_kind: AssessedUnit["kind"] }>("SELECT assessed_kind FROM assessment_results WHERE run_id = $1 AND assessed_code = $2", [input.runId, input.unitCode]);
    if (row) await assertUnitVisible(ctx.db, ctx.access, { kind: row.assessed_kind, code: input.unitCode });
    return itemDataValues(ctx.db, ctx.tree, input);
  }),
});
