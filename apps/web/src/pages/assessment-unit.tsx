/**
 * One unit's result in a run, explained item by item from the engine's
 * structured explanation (DOMAIN.md §6): numerator and denominator by month,
 * the expected value to date, the rule and its steps, the deductions with
 * their supervision findings, the bonus and the veto; then the unit's score
 * in every quarter of the year (the run being read for its quarter; for the
 * others the published run, or the latest revision when none is published). Every score is the engine's `display`.
 */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { useQueries, useQuery } from "@tanstack/react-query";
import { DEFAULT_BONUS_CAP, formatPeriod, formatValue, indicator as indicatorByCode, isIndicatorCode, type Exact, type IndicatorUnit, type ExplainedItemScore, type ItemScore } from "@linze/domain";
import type { RouterOutputs } from "@linze/api";
import { LoadingBlock } from "../components/loading.tsx";
import { buttonClass, FieldError, FindingStatusBadge, formatInstant, GradeBadge, PublishedNote, RunStatusBadge, Section, TableRegion, useLatestRevision, useUnitName } from "../components/assessment.tsx";
import { StatusIcon } from "../components/icons.tsx";
import { indicatorName, orgUnitName, useLocale } from "../components/locale.ts";
import { useAbilities } from "../auth/session.ts";
import { useData } from "../data/hooks.ts";
import { AddCommendationInputSchema, AddVetoInputSchema, RemoveAdjustmentInputSchema } from "@linze/api/schemas";
import { useAddCommendation, useAddVeto, useAssessmentInputs, useRemoveAdjustment, useRun, useRuns, useSetItemScore, useStartRun } from "../data/assessment-hooks.ts";
import { trpc } from "../data/trpc.ts";
import { formatPoints, issuesOf, messageIn } from "../assessment/logic.ts";
import { useRunTitle } from "./assessment-run.tsx";
import { usePeople } from "../data/people.ts";
import { Person } from "../components/person.tsx";

export default function AssessmentUnit() {
  const { t } = useTranslation();
  const { tree } = useData();
  const unitName = useUnitName(tree);
  const params = useParams();
  const runId = Number(params.runId);
  const code = params.code!;
  const run = useRun(runId);
  const title = useRunTitle();
  if (!run.data) return <LoadingBlock height="h-96" error={run.error} notFoundTitle={t("app.runNotFound")} />;
  const stored = run.data.results.find((r) => r.assessedCode === code);
  if (!stored)
    // The page's heading (and so its title, route-focus.ts) names the code asked for, with the way back to the run.
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold text-gray-900" data-testid="unit-heading">
          {t("assess.unit.heading", { unit: code })}
        </h1>
        <p role="alert" data-testid="unit-not-in-run">
          {t("assess.unit.notInRun", { code })}
        </p>
        <p>
          <Link to={`/assessments/${runId}`} className={buttonClass.link}>
            {t("assess.unit.back", { run: title(run.data.run) })}
          </Link>
        </p>
      </div>
    );
  const res = stored.result;
  const name = unitName(stored.assessedKind, code, stored.orgUnit);

  return (
    <div className="space-y-6">
      <p>
        <Link to={`/assessments/${runId}`} className={buttonClass.link}>
          {t("assess.unit.back", { run: title(run.data.run) })}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold text-gray-900" data-testid="unit-heading">
        {t("assess.unit.heading", { unit: name })}
      </h1>
      <Section title={t("assess.unit.summary")} testId="unit-summary">
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4 lg:grid-cols-8">
          <Term label={t("assess.run.total")} value={<span data-testid="unit-total">{res.totalDisplay}</span>} />
          <Term label={t("assess.run.grade")} value={<GradeBadge grade={res.finalGrade} />} />
          <Term label={t("assess.run.rank")} value={res.rank ?? "—"} />
          <Term label={t("assess.unit.base")} value={res.base.display} />
          <Term label={t("assess.unit.deductions")} value={res.deductionsTotal.display} />
          <Term label={t("assess.unit.bonus")} value={t("assess.unit.bonusOf", { total: res.bonus.total.display, cap: res.bonus.cap.display })} />
          <Term label={t("assess.run.selfTotal")} value={<span data-testid="unit-self-total">{res.selfTotal?.display ?? "—"}</span>} />
          <Term label={t("assess.unit.veto")} value={res.vetoed ? t("assess.run.vetoed") : t("assess.common.no")} />
        </dl>
        {res.incomplete && <p className="mt-2 text-sm text-amber-900">{t("assess.unit.incompleteNote", { items: res.incompleteItems.join(t("chart.summary.separator")) })}</p>}
        {res.vetoReasons.length > 0 && (
          <ul className="mt-2 list-inside list-disc text-sm text-rose-800">
            {res.vetoReasons.map((v) => (
              <li key={v.itemId}>{t("assess.unit.vetoReason", { item: v.itemId, reason: v.reason })}</li>
            ))}
          </ul>
        )}
        {res.cappedFromExcellent && <p className="mt-2 text-sm text-gray-700">{t("assess.run.capped")}</p>}
        {res.selfComparedTotal && res.selfScoredItems && (
          <p className="mt-2 text-sm text-gray-700" data-testid="unit-self-compared">
            {t("assess.unit.selfTotalOf", { items: res.selfScoredItems.join(t("chart.summary.separator")), assessed: res.selfComparedTotal.display })}
          </p>
        )}
      </Section>

      <Quarters year={res.year} code={code} run={run.data.run} />
      <Entries run={run.data.run} unit={{ kind: stored.assessedKind, code }} />

      <section aria-labelledby="items-h" className="space-y-4">
        <h2 id="items-h" className="text-lg font-semibold text-gray-900">
          {t("assess.unit.items", { count: res.items.length })}
        </h2>
        {res.items.map((item) => (
          <ItemCard key={item.itemId} item={item} runId={runId} unitCode={code} />
        ))}
      </section>
    </div>
  );
}

function Term({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-gray-600">{label}</dt>
      <dd className="font-medium tabular-nums text-gray-900">{value}</dd>
    </div>
  );
}

/** A value of the indicator's unit from the engine's display text (never re-rounded). */
function useInUnit() {
  const { t } = useTranslation();
  return (e: Exact | null, unit: IndicatorUnit | undefined) => (e === null ? "—" : unit ? t(`assess.unit.inUnit.${unit}`, { v: e.display }) : e.display);
}

function ItemCard({ item, runId, unitCode }: { item: ExplainedItemScore; runId: number; unitCode: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const inUnit = useInUnit();
  const ex = item.explanation;
  const unit = ex.indicator?.unit;
  const title = locale === "zh-CN" ? ex.titleZh : ex.titleEn;
  const partUnit: IndicatorUnit = unit === "cny" ? "cny" : "count";
  const rule = ex.rule;
  const ruleText =
    rule.kind === "thresholds"
      ? t("assess.unit.ruleThresholds", { off: formatPoints(rule.pointsOffPerPoint, locale), floor: rule.floor })
      : t(`assess.rules.${rule.kind}`);
  return (
    <article aria-labelledby={`item-${item.itemId}-h`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid={`item-${item.itemId}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`item-${item.itemId}-h`} className="text-base font-semibold text-gray-900">
          <span className="font-mono text-sm text-gray-600">{item.itemId}</span> {title}
          {item.vetoItem && <span className="ml-2 rounded bg-rose-100 px-1.5 py-0.5 text-xs font-medium text-rose-800">{t("assess.unit.vetoItem")}</span>}
        </h3>
        <p className="text-sm font-medium" data-testid={`item-score-${item.itemId}`}>
          {item.score ? t("assess.unit.scoreOf", { score: item.score.display, points: item.points.display }) : t("assess.unit.itemIncomplete", { points: item.points.display })}
        </p>
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-3 lg:grid-cols-6">
        {ex.indicator && <Term label={t("filters.indicator")} value={<span className="font-mono text-xs">{ex.indicator.code}</span>} />}
        {ex.indicator && <Term label={t("assess.letters.direction")} value={t(`assess.letters.directions.${ex.direction}`)} />}
        {ex.annualTarget !== null && <Term label={t("assess.letters.annualTarget")} value={formatValue(ex.annualTarget, unit ?? "count", locale)} />}
        {ex.indicator && <Term label={t("assess.unit.expected", { months: ex.monthsElapsed })} value={inUnit(ex.expected, unit)} />}
        {ex.indicator && <Term label={t("assess.unit.actual")} value={inUnit(ex.actual, unit)} />}
        {ex.ratio && <Term label={t("assess.unit.ratio")} value={ex.ratio.display} />}
        <Term label={t("assess.letters.rule")} value={ruleText} />
        <Term label={t("assess.unit.raw")} value={item.rawScore?.display ?? "—"} />
        <Term label={t("assess.unit.deductions")} value={item.deductionsApplied?.display ?? "—"} />
        <Term label={t("assess.unit.bonus")} value={item.bonus.display} />
        {item.selfScore && (
          <Term
            label={t("assess.unit.selfScore")}
            value={
              <span className={item.selfScore.flagged ? "text-rose-800" : ""} data-testid={`item-self-${item.itemId}`}>
                {item.selfScore.selfScore.display}
                {item.selfScore.assessed && item.selfScore.difference ? (
                  <span className="block text-xs font-normal">{t("assess.unit.selfVsRaw", { assessed: item.selfScore.assessed.display, diff: item.selfScore.difference.display })}</span>
                ) : (
                  // A result stored before engine 3 compared with the score after deductions: its difference says only that.
                  item.selfScore.flagged && ` (${t("assess.unit.selfDiff", { diff: item.selfScore.difference?.display ?? "—" })})`
                )}
              </span>
            }
          />
        )}
      </dl>
      {ex.steps && <p className="mt-2 text-sm text-gray-800">{stepsText(ex.steps, t)}</p>}
      {ex.bonus && <p className="mt-1 text-sm text-gray-800">{t("assess.unit.bonusLine", { perCase: formatPoints(ex.bonus.perCase, locale), cases: ex.bonus.casesBeyond.display, points: ex.bonus.points.display })}</p>}
      {item.vetoReasons.length > 0 && <p className="mt-1 text-sm text-rose-800">{t("assess.unit.vetoed", { reasons: item.vetoReasons.join("；") })}</p>}
      {ex.missingMonths.length > 0 && <p className="mt-1 text-sm text-amber-900">{t("assess.unit.missingMonths", { months: ex.missingMonths.map((m) => formatPeriod(m, locale)).join(t("chart.summary.separator")) })}</p>}

      {ex.months.length > 0 && (
        <details className="mt-3 text-sm">
          <summary className="cursor-pointer text-blue-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600">{t("assess.unit.byMonth")}</summary>
          <TableRegion label={t("assess.common.scrollTable", { title: t("assess.unit.byMonthOf", { item: item.itemId }) })}>
            <table className="data-table mt-2">
              <caption className="sr-only">{t("assess.unit.byMonthOf", { item: item.itemId })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("assess.supervision.month")}</th>
                  <th scope="col" className="num">
                    {t("kpi.numerator")}
                  </th>
                  <th scope="col" className="num">
                    {t("kpi.denominator")}
                  </th>
                  <th scope="col">{t("assess.unit.reported")}</th>
                </tr>
              </thead>
              <tbody>
                {ex.months.map((m) => (
                  <tr key={m.month}>
                    <th scope="row" className="font-normal">
                      {formatPeriod(m.month, locale)}
                    </th>
                    <td className="num">{formatValue(m.numerator, partUnit, locale)}</td>
                    <td className="num">{formatValue(m.denominator, partUnit, locale)}</td>
                    <td>{m.reported ? t("assess.common.yes") : t("value.notReported")}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("assess.unit.toDate")}</th>
                  <td className="num">{formatValue(ex.numerator, partUnit, locale)}</td>
                  <td className="num">{formatValue(ex.denominator, partUnit, locale)}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </TableRegion>
        </details>
      )}
      {item.kind === "indicator" && <DataValuesDisclosure runId={runId} unitCode={unitCode} itemId={item.itemId} />}

      {item.deductions.length > 0 && (
        <div className="mt-3">
          <h4 className="text-sm font-semibold text-gray-900">{t("assess.unit.deductionsHeading")}</h4>
          <TableRegion label={t("assess.common.scrollTable", { title: t("assess.unit.deductionsOf", { item: item.itemId }) })}>
            <table className="data-table mt-1">
              <caption className="sr-only">{t("assess.unit.deductionsOf", { item: item.itemId })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("assess.supervision.month")}</th>
                  <th scope="col">{t("assess.supervision.description")}</th>
                  <th scope="col">{t("assess.supervision.status")}</th>
                  <th scope="col" className="num">
                    {t("assess.supervision.pointsDeducted")}
                  </th>
                  <th scope="col" className="num">
                    {t("assess.unit.applied")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {item.deductions.map((d) => (
                  <tr key={d.findingId}>
                    <th scope="row" className="whitespace-nowrap font-normal">
                      {formatPeriod(d.month, locale)}
                    </th>
                    <td>
                      {d.description} <span className="text-xs text-gray-600">({t("assess.unit.finding", { id: d.findingId })})</span>
                    </td>
                    <td>
                      <FindingStatusBadge status={d.rectificationStatus} />
                    </td>
                    <td className="num">{d.pointsDeducted.display}</td>
                    <td className="num">{d.applied?.display ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </div>
      )}
      <details className="mt-3 text-sm" data-testid={`item-lines-${item.itemId}`}>
        <summary className="cursor-pointer text-blue-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600">{t("assess.unit.lines")}</summary>
        <ol className="mt-1 list-inside space-y-0.5 text-gray-800">
          {(locale === "zh-CN" ? ex.lines.zh : ex.lines.en).map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ol>
      </details>
    </article>
  );
}

type ItemDataValues = RouterOutputs["assessments"]["itemDataValues"];

/**
 * "数据值明细 / Data values": the data values frozen with the run behind one
 * indicator item, loaded when opened (assessments.itemDataValues).
 */
function DataValuesDisclosure({ runId, unitCode, itemId }: { runId: number; unitCode: string; itemId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const query = useQuery({
    queryKey: ["item-data-values", runId, unitCode, itemId],
    queryFn: () => trpc.assessments.itemDataValues.query({ runId, unitCode, itemId }),
    enabled: open,
    staleTime: 30_000,
  });
  return (
    <details className="mt-3 text-sm" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={`data-values-${itemId}`}>
      <summary className="cursor-pointer text-blue-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600">{t("assessData.disclosure")}</summary>
      {open && (query.data ? <DataValuesTable data={query.data} /> : <LoadingBlock height="h-24" error={query.error} />)}
    </details>
  );
}

/**
 * One month of an item's data values: a row per org unit of the item's
 * subtree, a column per numerator and denominator data element; the footer
 * gives the month's numerator and denominator as the server summed them
 * (the figures of the monthly breakdown above). A missing value is "not
 * reported" (or "—" where the level does not report the element), never 0;
 * a value changed since the run says so in words, with an icon.
 */
function DataValuesTable({ data }: { data: ItemDataValues }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  const id = useId();
  const [month, setMonth] = useState(data.months[data.months.length - 1] ?? "");
  if (!data.frozen) {
    return (
      <p className="mt-2 text-gray-700" data-testid={`data-values-not-frozen-${data.itemId}`}>
        {t("assessData.notFrozen")}
      </p>
    );
  }
  const rows = data.rows.filter((r) => r.month === month);
  const sum = data.sums.find((s) => s.month === month);
  const unitOf = (valueType: "count" | "cny"): IndicatorUnit => (valueType === "cny" ? "cny" : "count");
  const numeratorUnit = unitOf(data.numerator[0]?.valueType ?? "count");
  const denominatorUnit = unitOf(data.denominator?.[0]?.valueType ?? "count");
  const name = (d: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? d.nameZh : d.nameEn);
  const root = tree.has(data.orgUnit) ? orgUnitName(tree.get(data.orgUnit), locale) : data.orgUnit;
  const caption = t("assessData.caption", { item: data.itemId, orgUnit: root, month: formatPeriod(month, locale) });
  const shown = (v: number | null, unit: IndicatorUnit) => (v === null ? t("assessData.none") : formatValue(v, unit, locale));
  const cell = (c: ItemDataValues["rows"][number]["numerator"][number], unit: IndicatorUnit, orgUnit: string) => (
    <td key={c.dataElement} className="num" data-testid={`dv-${data.itemId}-${orgUnit}-${c.dataElement}`} data-value={c.value ?? ""} data-changed={c.changed ? "true" : undefined}>
      {c.value !== null ? (
        formatValue(c.value, unit, locale)
      ) : c.reportedAtLevel ? (
        t("assessData.notReported")
      ) : (
        <>
          <span aria-hidden="true">{t("assessData.notAtLevel")}</span>
          <span className="sr-only">{t("assessData.notAtLevelText")}</span>
        </>
      )}
      {c.changed && (
        <span className="mt-0.5 flex items-center justify-end gap-1 whitespace-nowrap text-xs font-medium text-amber-900">
          <StatusIcon status="near" className="h-3.5 w-3.5" />
          {t("assessData.changed", { then: c.value === null ? t("assessData.notReported") : formatValue(c.value, unit, locale), now: shown(c.current, unit) })}
        </span>
      )}
    </td>
  );
  return (
    <div className="mt-2 space-y-2" data-testid={`data-values-panel-${data.itemId}`}>
      <p className="text-gray-700">{t("assessData.intro")}</p>
      <p className={`flex items-center gap-1 ${data.changedCount > 0 ? "font-medium text-amber-900" : "text-gray-700"}`} data-testid={`data-values-changed-${data.itemId}`}>
        <StatusIcon status={data.changedCount > 0 ? "near" : "met"} />
        {data.changedCount > 0 ? t("assessData.changedCount", { count: data.changedCount }) : t("assessData.unchanged")}
      </p>
      <div>
        <label htmlFor={`${id}-month`} className="mr-2 font-medium text-gray-800">
          {t("assessData.month")}
        </label>
        <select id={`${id}-month`} className="field-select w-48" value={month} onChange={(e) => setMonth(e.target.value)} data-testid={`data-values-month-${data.itemId}`}>
          {data.months.map((m) => (
            <option key={m} value={m}>
              {formatPeriod(m, locale)}
            </option>
          ))}
        </select>
      </div>
      <TableRegion label={t("assess.common.scrollTable", { title: caption })}>
        <table className="data-table" data-testid={`data-values-table-${data.itemId}`}>
          <caption className="mb-1 text-left font-medium text-gray-900">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("assessData.orgUnit")}</th>
              <th scope="col">{t("assessData.level")}</th>
              {data.numerator.map((d) => (
                <th key={d.code} scope="col" className="num">
                  {t("assessData.numeratorOf", { name: name(d) })}
                </th>
              ))}
              {data.denominator?.map((d) => (
                <th key={d.code} scope="col" className="num">
                  {t("assessData.denominatorOf", { name: name(d) })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.orgUnit.code} data-testid={`dv-row-${data.itemId}-${r.orgUnit.code}`}>
                <th scope="row" className="font-normal">
                  {name(r.orgUnit)} <span className="font-mono text-xs text-gray-600">{r.orgUnit.code}</span>
                </th>
                <td>{t(`assessData.levels.${r.orgUnit.level}`)}</td>
                {r.numerator.map((c) => cell(c, unitOf(data.numerator.find((d) => d.code === c.dataElement)?.valueType ?? "count"), r.orgUnit.code))}
                {r.denominator?.map((c) => cell(c, unitOf(data.denominator?.find((d) => d.code === c.dataElement)?.valueType ?? "count"), r.orgUnit.code))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t("assessData.total")}
              </th>
              <td colSpan={data.numerator.length} className="num" data-testid={`dv-sum-numerator-${data.itemId}`}>
                {formatValue(sum?.numerator ?? null, numeratorUnit, locale)}
              </td>
              {data.denominator && (
                <td colSpan={data.denominator.length} className="num" data-testid={`dv-sum-denominator-${data.itemId}`}>
                  {formatValue(sum?.denominator ?? null, denominatorUnit, locale)}
                </td>
              )}
            </tr>
          </tfoot>
        </table>
      </TableRegion>
      <p className="text-xs text-gray-700">{t("assessData.legend")}</p>
    </div>
  );
}

function stepsText(steps: NonNullable<ItemScore["explanation"]["steps"]>, t: (k: string, o?: Record<string, unknown>) => string): string {
  switch (steps.kind) {
    case "proportional":
      return t("assess.unit.steps.proportional", { ratio: steps.cappedRatio.display });
    case "thresholds":
      return t(steps.shortfallUnit === "percentagePoints" ? "assess.unit.steps.thresholdsPp" : "assess.unit.steps.thresholdsPct", {
        shortfall: steps.shortfall.display,
        off: steps.pointsOff.display,
        floor: steps.floorToDate.display,
      }) + (steps.beyondFloor ? t("assess.unit.steps.beyondFloor") : "");
    case "perCase":
      return t("assess.unit.steps.perCase", { target: steps.targetCases.display, actual: steps.actualCases.display, short: steps.casesShort.display, share: steps.share.display });
    case "manual":
      return t("assess.unit.steps.manual", { entered: steps.entered.display });
  }
}

/** The unit across the year's quarters: for each quarter the published run of this scope, else its latest revision. */
function Quarters({ year, code, run }: { year: number; code: string; run: { id: number; quarter: number; scope: "townships" | "townshipMembers" | "countyMembers"; scopeOrgUnit: string } }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const runs = useRuns({ year, scope: run.scope });
  const chosen = [1, 2, 3, 4].map((q) => {
    const of = (runs.data ?? []).filter((r) => r.quarter === q && r.scopeOrgUnit === run.scopeOrgUnit).sort((a, b) => b.revision - a.revision);
    // The run being read stands for its own quarter.
    return of.find((r) => r.id === run.id) ?? of.find((r) => r.status === "published") ?? of[0] ?? null;
  });
  const details = useQueries({
    queries: chosen.map((r) => ({ queryKey: ["run", r?.id ?? null], queryFn: () => trpc.assessments.get.query({ id: r!.id }), enabled: r !== null, staleTime: 30_000 })),
  });
  return (
    <Section title={t("assess.unit.quarters", { year })} testId="unit-quarters">
      {!runs.data ? (
        <LoadingBlock error={runs.error} />
      ) : (
        <TableRegion label={t("assess.common.scrollTable", { title: t("assess.unit.quarters", { year }) })}>
          <table className="data-table">
            <caption className="sr-only">{t("assess.unit.quarters", { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("assess.runs.period")}</th>
                <th scope="col">{t("assess.unit.run")}</th>
                <th scope="col" className="num">
                  {t("assess.run.total")}
                </th>
                <th scope="col">{t("assess.run.grade")}</th>
                <th scope="col" className="num">
                  {t("assess.run.rank")}
                </th>
              </tr>
            </thead>
            <tbody>
              {chosen.map((r, i) => {
                const line = details[i]?.data?.ranking.find((l) => l.code === code);
                return (
                  <tr key={i} data-testid={`quarter-${i + 1}`}>
                    <th scope="row" className="font-normal">
                      {formatPeriod(`${year}Q${i + 1}`, locale)}
                    </th>
                    <td>
                      {r ? (
                        <span className="inline-flex items-center gap-2">
                          <Link to={`/assessments/${r.id}/units/${encodeURIComponent(code)}`} className={buttonClass.link}>
                            {t("assess.unit.revision", { revision: r.revision })}
                          </Link>
                          <RunStatusBadge status={r.status} />
                        </span>
                      ) : (
                        t("assess.unit.noRun")
                      )}
                    </td>
                    <td className="num">{line?.total ?? "—"}</td>
                    <td>{line ? <GradeBadge grade={line.grade} /> : "—"}</td>
                    <td className="num">{line?.rank ?? "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
    </Section>
  );
}

/**
 * What is entered for the unit's quarter (the assessor's points for manual
 * items, the unit's self-scores), editable; a run reads them when computed,
 * so a change shows in the next revision ("compute again"), never in this run.
 */
function Entries({ run, unit }: { run: { year: number; quarter: number; scope: "townships" | "townshipMembers" | "countyMembers"; scopeOrgUnit: string }; unit: { kind: "township" | "committeeMember"; code: string } }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const navigate = useNavigate();
  const key = { year: run.year, quarter: run.quarter, assessedUnit: unit };
  const inputs = useAssessmentInputs(key);
  const setScore = useSetItemScore();
  const rerun = useStartRun();
  const latest = useLatestRevision(run);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [status, setStatus] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const abilities = useAbilities();
  // The assessor's points and running again are the county's; a self-score the unit's own (or an administrator's).
  const mayAssess = abilities.can("assessment.manage");
  const maySelfScore = abilities.can("assessment.selfScore") && abilities.canActFor(unit);
  const person = usePeople([...(inputs.data?.manualScores ?? []), ...(inputs.data?.selfScores ?? [])].map((s) => s.updatedBy));
  if (!inputs.data) return <LoadingBlock error={inputs.error} />;
  const letter = inputs.data.letter;
  if (!letter) return null;
  const storedOf = (who: "assessor" | "self", itemId: string) => (who === "self" ? inputs.data.selfScores : inputs.data.manualScores).find((s) => s.itemId === itemId);
  const value = (who: "assessor" | "self", itemId: string) => draft[`${who}|${itemId}`] ?? (storedOf(who, itemId) ? String(storedOf(who, itemId)!.points) : "");

  const save = async () => {
    setStatus("");
    const next: Record<string, string> = {};
    let saved = 0;
    for (const [k, raw] of Object.entries(draft)) {
      const [who, itemId] = k.split("|") as ["assessor" | "self", string];
      const points = raw.trim() === "" ? null : Number(raw);
      if ((storedOf(who, itemId)?.points ?? null) === points) continue;
      try {
        await setScore.mutateAsync({ ...key, itemId, points, who });
        saved++;
      } catch (e) {
        const issues = issuesOf(e);
        next[k] = issues["points"] ?? issues["itemId"] ?? Object.values(issues)[0] ?? String(e);
      }
    }
    setErrors(next);
    setDraft(Object.fromEntries(Object.entries(draft).filter(([k]) => next[k] !== undefined)));
    setStatus(t("assess.entries.saved", { count: saved }));
  };
  const cell = (who: "assessor" | "self", itemId: string, label: string) => {
    const k = `${who}|${itemId}`;
    if (!(who === "assessor" ? mayAssess : maySelfScore))
      return (
        <td className="tabular-nums" data-testid={`entry-${who}-${itemId}`}>
          {value(who, itemId) === "" ? "—" : formatPoints(Number(value(who, itemId)), locale)}
        </td>
      );
    return (
      <td>
        <label htmlFor={`${id}-${k}`} className="sr-only">
          {label}
        </label>
        <input
          id={`${id}-${k}`}
          type="number"
          min={0}
          step="any"
          className="field-select w-24"
          value={value(who, itemId)}
          aria-invalid={errors[k] ? true : undefined}
          aria-describedby={errors[k] ? `${id}-${k}-err` : undefined}
          onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
          data-testid={`entry-${who}-${itemId}`}
        />
        <FieldError id={`${id}-${k}-err`} message={errors[k]} />
      </td>
    );
  };

  const published = latest?.status === "published" ? latest : null;
  return (
    <Section title={t("assess.entries.heading", { period: formatPeriod(`${run.year}Q${run.quarter}`, locale) })} testId="entries">
      {published && <PublishedNote text={t("assessData.published.note", { revision: published.revision, next: published.revision + 1 })} testId="entries-published" />}
      <p className="mb-2 text-sm text-gray-700">{t("assess.entries.note")}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TableRegion label={t("assess.common.scrollTable", { title: t("assess.entries.table") })}>
          <table className="data-table">
            <caption className="sr-only">{t("assess.entries.table")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("assess.supervision.item")}</th>
                <th scope="col" className="num">
                  {t("assess.letters.points")}
                </th>
                <th scope="col">{t("assess.entries.assessor")}</th>
                <th scope="col">{t("assess.run.selfTotal")}</th>
                <th scope="col">{t("assess.entries.lastEntered")}</th>
              </tr>
            </thead>
            <tbody>
              {letter.items.map((item) => {
                const title = item.kind === "manual" ? (locale === "zh-CN" ? item.titleZh : item.titleEn) : isIndicatorCode(item.indicator) ? indicatorName(indicatorByCode(item.indicator), locale) : item.indicator;
                const last = [storedOf("assessor", item.id), storedOf("self", item.id)].filter((x) => x !== undefined).sort((a, b) => (a!.updatedAt < b!.updatedAt ? 1 : -1))[0];
                return (
                  <tr key={item.id}>
                    <th scope="row" className="font-normal">
                      <span className="font-mono text-xs text-gray-600">{item.id}</span> {title}
                    </th>
                    <td className="num">{formatPoints(item.points, locale)}</td>
                    {item.kind === "manual" ? cell("assessor", item.id, t("assess.entries.assessorOf", { item: item.id })) : <td className="text-xs text-gray-600">{t("assess.entries.fromData")}</td>}
                    {cell("self", item.id, t("assess.entries.selfOf", { item: item.id }))}
                    <td className="whitespace-nowrap text-xs" data-testid={`entry-last-${item.id}`}>
                      {last ? (
                        <>
                          <Person id={last.updatedBy} name={person} /> · {formatInstant(last.updatedAt, locale)}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
        <div className="mt-3 flex flex-wrap items-center gap-3">
          {(mayAssess || maySelfScore) && (
            <button type="submit" className={buttonClass.primary} disabled={setScore.isPending} data-testid="entries-save">
              {t("assess.entries.save")}
            </button>
          )}
          <p role="status" aria-live="polite" className="text-sm text-emerald-800" data-testid="entries-status">
            {status}
          </p>
        </div>
      </form>
      <Adjustments unitKey={key} inputs={inputs.data} letter={letter} published={published !== null} mayManage={mayAssess} />
      {mayAssess && (
      <div className="mt-4 border-t border-gray-200 pt-3">
        <button
          type="button"
          className={buttonClass.secondary}
          disabled={rerun.isPending}
          data-testid="entries-rerun"
          onClick={() =>
            rerun.mutate(
              { year: run.year, quarter: run.quarter, scope: run.scope, ...(run.scope === "townshipMembers" ? { township: run.scopeOrgUnit } : {}) },
              { onSuccess: (r) => navigate(`/assessments/${r.run.id}/units/${encodeURIComponent(unit.code)}`) },
            )
          }
        >
          {rerun.isPending ? t("assess.runs.starting") : published ? t("assessData.published.startRevision", { next: published.revision + 1 }) : t("assess.entries.rerun")}
        </button>
        {rerun.error && <p role="alert" className="mt-1 text-sm text-rose-800">{messageIn(rerun.error.message, locale)}</p>}
      </div>
      )}
    </Section>
  );
}

type UnitQuarterKey = { year: number; quarter: number; assessedUnit: { kind: "township" | "committeeMember"; code: string } };
type Inputs = NonNullable<ReturnType<typeof useAssessmentInputs>["data"]>;

/** Issues of a client-side zod parse, by field path (as `issuesOf` gives the server's). */
function parseIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.map(String).join(".")] ??= i.message;
  return out;
}

/**
 * The quarter's commendations (表彰加分) and vetoes (一票否决): listed, added
 * and removed. Like the scores, a run reads them when computed ("compute
 * again"), so this run's result does not change.
 */
function Adjustments({ unitKey, inputs, letter, published, mayManage }: { unitKey: UnitQuarterKey; inputs: Inputs; letter: NonNullable<Inputs["letter"]>; published: boolean; mayManage: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const addCommendation = useAddCommendation();
  const addVeto = useAddVeto();
  const remove = useRemoveAdjustment();
  const vetoItems = letter.items.filter((i) => i.veto);
  const [commendation, setCommendation] = useState({ reason: "", points: "" });
  const [veto, setVeto] = useState({ itemId: "", reason: "" });
  const [commendationErrors, setCommendationErrors] = useState<Record<string, string>>({});
  const [vetoErrors, setVetoErrors] = useState<Record<string, string>>({});
  const [removeError, setRemoveError] = useState("");
  const [status, setStatus] = useState("");
  const vetoItemId = veto.itemId || vetoItems[0]?.id || "";

  const submitCommendation = async () => {
    setStatus("");
    // An empty field is 0, refused with the schema's own "above 0" message.
    const parsed = AddCommendationInputSchema.safeParse({ ...unitKey, reason: commendation.reason, points: commendation.points.trim() === "" ? 0 : Number(commendation.points) });
    if (!parsed.success) return setCommendationErrors(parseIssues(parsed.error.issues));
    try {
      await addCommendation.mutateAsync(parsed.data);
      setCommendationErrors({});
      setCommendation({ reason: "", points: "" });
      setStatus(t("assess.adjustments.commendationAdded", { points: formatPoints(parsed.data.points, locale) }));
    } catch (e) {
      setCommendationErrors(issuesOf(e));
    }
  };
  const submitVeto = async () => {
    setStatus("");
    const parsed = AddVetoInputSchema.safeParse({ ...unitKey, itemId: vetoItemId, reason: veto.reason });
    if (!parsed.success) return setVetoErrors(parseIssues(parsed.error.issues));
    try {
      await addVeto.mutateAsync(parsed.data);
      setVetoErrors({});
      setVeto({ itemId: "", reason: "" });
      setStatus(t("assess.adjustments.vetoAdded", { item: parsed.data.itemId }));
    } catch (e) {
      setVetoErrors(issuesOf(e));
    }
  };
  const removeOne = async (adjustmentId: number) => {
    setStatus("");
    setRemoveError("");
    const parsed = RemoveAdjustmentInputSchema.safeParse({ id: adjustmentId });
    if (!parsed.success) return setRemoveError(parsed.error.issues[0]?.message ?? "");
    try {
      await remove.mutateAsync(parsed.data);
      setStatus(t("assess.adjustments.removed"));
    } catch (e) {
      const issues = issuesOf(e);
      setRemoveError(Object.values(issues)[0] ?? String(e));
    }
  };
  const otherError = (errors: Record<string, string>, fields: string[]) => Object.entries(errors).find(([k]) => !fields.includes(k))?.[1];
  const field = (
    form: "commendation" | "veto",
    name: string,
    label: string,
    errors: Record<string, string>,
    control: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string; "data-testid": string }) => React.ReactNode,
    hint?: string,
  ) => {
    const fid = `${id}-${form}-${name}`;
    const describedBy = [hint ? `${fid}-hint` : "", errors[name] ? `${fid}-err` : ""].filter(Boolean).join(" ") || undefined;
    return (
      // At most the row's width: a 288 px field (w-72) no longer widens a 320 px page.
      <div className="min-w-0 max-w-full">
        <label htmlFor={fid} className="block text-sm font-medium text-gray-800">
          {label}
        </label>
        {control({ id: fid, "aria-invalid": errors[name] ? true : undefined, "aria-describedby": describedBy, "data-testid": `${form}-${name}` })}
        {hint && (
          <p id={`${fid}-hint`} className="mt-1 text-xs text-gray-700">
            {hint}
          </p>
        )}
        <FieldError id={`${fid}-err`} message={errors[name]} />
      </div>
    );
  };

  return (
    <div className="mt-4 space-y-4 border-t border-gray-200 pt-3" data-testid="adjustments">
      <h3 className="text-base font-semibold text-gray-900">{t("assess.adjustments.heading")}</h3>
      {published && (
        <p className="flex items-center gap-1 text-sm text-blue-900" data-testid="adjustments-published">
          <StatusIcon status="near" className="h-4 w-4" />
          {t("assessData.published.short")}
        </p>
      )}
      {inputs.commendations.length === 0 && inputs.vetoes.length === 0 ? (
        <p className="text-sm text-gray-700">{t("assess.adjustments.none")}</p>
      ) : (
        <ul className="space-y-1 text-sm text-gray-800">
          {inputs.commendations.map((c) => {
            const text = t("assess.entries.commendation", { reason: c.reason, points: formatPoints(c.points ?? 0, locale) });
            return (
              <li key={c.id} className="flex flex-wrap items-center gap-2" data-testid={`adjustment-${c.id}`}>
                <span>{text}</span>
                {mayManage && <button type="button" className={buttonClass.danger} disabled={remove.isPending} aria-label={t("assess.adjustments.removeOf", { what: text })} onClick={() => void removeOne(c.id)} data-testid={`adjustment-remove-${c.id}`}>
                  {t("assess.adjustments.remove")}
                </button>}
              </li>
            );
          })}
          {inputs.vetoes.map((v) => {
            const text = t("assess.entries.veto", { item: v.itemId, reason: v.reason });
            return (
              <li key={v.id} className="flex flex-wrap items-center gap-2" data-testid={`adjustment-${v.id}`}>
                <span>{text}</span>
                {mayManage && <button type="button" className={buttonClass.danger} disabled={remove.isPending} aria-label={t("assess.adjustments.removeOf", { what: text })} onClick={() => void removeOne(v.id)} data-testid={`adjustment-remove-${v.id}`}>
                  {t("assess.adjustments.remove")}
                </button>}
              </li>
            );
          })}
        </ul>
      )}
      {removeError && (
        <p role="alert" className="text-sm text-rose-800">
          {messageIn(removeError, locale)}
        </p>
      )}

      {mayManage && (
      <>
      <form
        aria-labelledby={`${id}-commendation-h`}
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          void submitCommendation();
        }}
      >
        <h4 id={`${id}-commendation-h`} className="text-sm font-semibold text-gray-900">
          {t("assess.adjustments.addCommendation")}
        </h4>
        <div className="flex flex-wrap items-start gap-3">
          {field("commendation", "reason", t("assess.adjustments.commendationReason"), commendationErrors, (p) => (
            <input {...p} type="text" className="field-select w-72 max-w-full" value={commendation.reason} onChange={(e) => setCommendation({ ...commendation, reason: e.target.value })} />
          ))}
          {field(
            "commendation",
            "points",
            t("assess.adjustments.points"),
            commendationErrors,
            (p) => <input {...p} type="number" min={0} step="any" className="field-select w-24" value={commendation.points} onChange={(e) => setCommendation({ ...commendation, points: e.target.value })} />,
            t("assess.adjustments.capNote", { cap: formatPoints(DEFAULT_BONUS_CAP, locale) }),
          )}
        </div>
        <FieldError id={`${id}-commendation-other`} message={otherError(commendationErrors, ["reason", "points"])} />
        <button type="submit" className={buttonClass.primary} disabled={addCommendation.isPending} data-testid="commendation-add">
          {t("assess.adjustments.addCommendationButton")}
        </button>
      </form>

      <form
        aria-labelledby={`${id}-veto-h`}
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          void submitVeto();
        }}
      >
        <h4 id={`${id}-veto-h`} className="text-sm font-semibold text-gray-900">
          {t("assess.adjustments.addVeto")}
        </h4>
        {vetoItems.length === 0 ? (
          <p className="text-sm text-gray-700">{t("assess.adjustments.noVetoItems")}</p>
        ) : (
          <>
            <div className="flex flex-wrap items-start gap-3">
              {field("veto", "itemId", t("assess.adjustments.vetoItem"), vetoErrors, (p) => (
                <select {...p} className="field-select" value={vetoItemId} onChange={(e) => setVeto({ ...veto, itemId: e.target.value })}>
                  {vetoItems.map((item) => (
                    <option key={item.id} value={item.id}>
                      {item.id} {item.kind === "manual" ? (locale === "zh-CN" ? item.titleZh : item.titleEn) : isIndicatorCode(item.indicator) ? indicatorName(indicatorByCode(item.indicator), locale) : item.indicator}
                    </option>
                  ))}
                </select>
              ))}
              {field("veto", "reason", t("assess.adjustments.vetoReason"), vetoErrors, (p) => (
                <input {...p} type="text" className="field-select w-72 max-w-full" value={veto.reason} onChange={(e) => setVeto({ ...veto, reason: e.target.value })} />
              ))}
            </div>
            <FieldError id={`${id}-veto-other`} message={otherError(vetoErrors, ["itemId", "reason"])} />
            <button type="submit" className={buttonClass.primary} disabled={addVeto.isPending} data-testid="veto-add">
              {t("assess.adjustments.addVetoButton")}
            </button>
          </>
        )}
      </form>
      </>
      )}
      <p role="status" aria-live="polite" className="text-sm text-emerald-800" data-testid="adjustments-status">
        {status}
      </p>
    </div>
  );
}
