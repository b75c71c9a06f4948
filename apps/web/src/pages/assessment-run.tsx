/**
 * One assessment run: its ranking (rank, unit, total as the engine's display
 * text, grade in words and icon, self-score differences, incomplete and
 * vetoed units said so), the grade distribution (chart, summary, table), the
 * workflow (draft → submitted → reviewed → published, who and when) and the
 * content hash of the frozen inputs.
 */
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { BarChart } from "@tremor/react";
import { formatNumber, formatPeriod, type RankedResult } from "@linze/domain";
import type { RouterOutputs } from "@linze/api";
import { ChartFigure } from "../components/chart-figure.tsx";
import { GradeIcon } from "../components/icons.tsx";
import { BusyStatus, LoadingBlock } from "../components/loading.tsx";
import { buttonClass, FieldError, formatInstant, GradeBadge, RunStatusBadge, Section, TableRegion, useLatestRevision, useUnitName } from "../components/assessment.tsx";
import { orgUnitName, useLocale } from "../components/locale.ts";
import { useAbilities, useSession } from "../auth/session.ts";
import { ConfirmDialog } from "../components/confirm-dialog.tsx";
import { useData } from "../data/hooks.ts";
import { useRun, useRunTransition, useStartRun } from "../data/assessment-hooks.ts";
import { GRADES, gradeDistribution, nextRunStatus, RUN_STEPS, runTransitionProcedure, stepForAnotherUser, type RunStatus } from "../assessment/logic.ts";
import { usePeople } from "../data/people.ts";

type Run = RouterOutputs["assessments"]["get"]["run"];

export function useRunTitle() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  return (run: Run) => {
    const period = formatPeriod(`${run.year}Q${run.quarter}`, locale);
    const scope =
      run.scope === "townshipMembers" && tree.has(run.scopeOrgUnit)
        ? t("assess.scopes.townshipMembersOf", { township: orgUnitName(tree.get(run.scopeOrgUnit), locale) })
        : t(`assess.scopes.${run.scope}`);
    return t("assess.run.title", { period, scope, revision: run.revision });
  };
}

export default function AssessmentRun() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  const unitName = useUnitName(tree);
  const runId = Number(useParams().runId);
  const run = useRun(runId);
  const title = useRunTitle();
  if (!run.data) return <LoadingBlock height="h-96" error={run.error} notFoundTitle={t("app.runNotFound")} />;
  const { ranking, results } = run.data;
  const full = new Map(results.map((r) => [r.assessedCode, r.result as RankedResult]));
  const dist = gradeDistribution(ranking);
  const r = run.data.run;

  return (
    <div className="space-y-6">
      <p>
        <Link to={`/assessments?year=${r.year}`} className={buttonClass.link}>
          {t("assess.run.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold text-gray-900" data-testid="run-heading">
        {title(r)}
      </h1>
      <BusyStatus busy={run.isFetching} />
      <Workflow run={r} />

      <Section
        title={t("assess.run.ranking")}
        testId="ranking"
        actions={
          <span className="flex flex-wrap gap-2">
            <Link to={`/assessments/${r.id}/print`} className={buttonClass.secondary} data-testid="print-link">
              {t("assess.run.printView")}
            </Link>
            {/* Served by apps/server (GET /export/assessments/<id>.xlsx), not by the SPA router. */}
            <a href={`/export/assessments/${r.id}.xlsx`} download className={buttonClass.secondary} data-testid="xlsx-link">
              {t("assess.run.xlsx")}
            </a>
          </span>
        }
      >
        <p className="mb-2 text-sm text-gray-700">
          {t("assess.run.rankingNote")} {t("assess.run.selfTotalNote")}
        </p>
        <TableRegion label={t("assess.common.scrollTable", { title: t("assess.run.ranking") })}>
          <table className="data-table">
            <caption className="sr-only">{t("assess.run.ranking")}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("assess.run.rank")}
                </th>
                <th scope="col">{t("assess.common.assessedUnit")}</th>
                <th scope="col" className="num">
                  {t("assess.run.total")}
                </th>
                <th scope="col">{t("assess.run.grade")}</th>
                <th scope="col" className="num">
                  {t("assess.run.selfTotal")}
                </th>
                {/* Wide enough to read: at 400 px the table layout gave the remarks one character a line. */}
                <th scope="col" className="min-w-[12rem]">
                  {t("assess.run.remarks")}
                </th>
              </tr>
            </thead>
            <tbody>
              {ranking.map((line) => {
                const res = full.get(line.code);
                const remarks = [
                  line.incomplete
                    ? line.incompleteItems.length > 0
                      ? t("assess.run.incompleteItems", { items: line.incompleteItems.map((i) => (locale === "zh-CN" ? `${i.itemId}（${i.reason.zh}）` : `${i.itemId} (${i.reason.en})`)).join(t("chart.summary.separator")) })
                      : t("assess.run.incomplete", { count: res?.incompleteItems.length ?? 0 })
                    : null,
                  line.vetoed ? t("assess.run.vetoed") : null,
                  res?.cappedFromExcellent ? t("assess.run.capped") : null,
                  res && res.flaggedItems.length > 0 ? t("assess.run.selfFlagged", { items: res.flaggedItems.join(t("chart.summary.separator")) }) : null,
                ].filter((x): x is string => x !== null);
                return (
                  <tr key={line.code} data-testid={`ranking-row-${line.code}`}>
                    <td className="num" data-testid={`rank-${line.code}`}>
                      {line.rank ?? "—"}
                    </td>
                    <th scope="row" className="font-normal">
                      <Link to={`/assessments/${r.id}/units/${encodeURIComponent(line.code)}`} className={buttonClass.link}>
                        {unitName(line.kind, line.code, line.orgUnit)}
                      </Link>
                    </th>
                    <td className="num font-medium" data-testid={`total-${line.code}`}>
                      {line.total}
                    </td>
                    <td>
                      <GradeBadge grade={line.grade} testId={`grade-${line.code}`} />
                    </td>
                    <td className="num" data-testid={`self-total-${line.code}`}>
                      {res?.selfTotal ? (
                        <>
                          {res.selfTotal.display}
                          {res.selfComparedTotal && res.selfScoredItems && (
                            <span className="block whitespace-nowrap text-xs text-gray-600">{t("assess.run.selfCompared", { count: res.selfScoredItems.length, assessed: res.selfComparedTotal.display })}</span>
                          )}
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="text-xs">{remarks.length ? remarks.join("；") : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      </Section>

      <ChartFigure
        testId="grade-distribution"
        headingLevel={2}
        title={t("assess.run.distribution")}
        summary={t("assess.run.distributionSummary", {
          total: dist.total,
          excellent: dist.counts.excellent,
          good: dist.counts.good,
          pass: dist.counts.pass,
          fail: dist.counts.fail,
          ungraded: dist.ungraded,
          vetoed: dist.vetoed,
        })}
        points={[...GRADES, "ungraded" as const].map((g) => ({
          key: g,
          label: t(`assess.grades.${g}`),
          value: formatNumber(g === "ungraded" ? dist.ungraded : dist.counts[g], locale),
          icon: <GradeIcon grade={g} className="h-3 w-3" />,
        }))}
        table={
          <>
            <thead>
              <tr>
                <th scope="col">{t("assess.run.grade")}</th>
                <th scope="col" className="num">
                  {t("assess.run.units")}
                </th>
              </tr>
            </thead>
            <tbody>
              {[...GRADES, "ungraded" as const].map((g) => (
                <tr key={g}>
                  <th scope="row" className="font-normal">
                    {t(`assess.grades.${g}`)}
                  </th>
                  <td className="num" data-testid={`dist-${g}`}>
                    {g === "ungraded" ? dist.ungraded : dist.counts[g]}
                  </td>
                </tr>
              ))}
            </tbody>
          </>
        }
      >
        <BarChart
          className="h-56"
          data={[...GRADES, "ungraded" as const].map((g) => ({ grade: t(`assess.grades.${g}`), [t("assess.run.units")]: g === "ungraded" ? dist.ungraded : dist.counts[g] }))}
          index="grade"
          categories={[t("assess.run.units")]}
          colors={["blue"]}
          allowDecimals={false}
          showLegend={false}
          showAnimation={false}
          yAxisWidth={40}
        />
      </ChartFigure>
      <p className="text-xs text-gray-600">
        {t("assess.run.engine", { engine: r.engineVersion })}
      </p>
    </div>
  );
}

function Workflow({ run }: { run: Run }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const move = useRunTransition();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const rerun = useStartRun();
  const navigate = useNavigate();
  const latest = useLatestRevision(run);
  const abilities = useAbilities();
  const next = nextRunStatus(run.status);
  // The step's own permission: submit (assessment.manage), review and publish (leadership's); running again is the county's.
  const nextProcedure = next ? runTransitionProcedure(next) : null;
  const mayMove = nextProcedure !== null && abilities.can(nextProcedure === "submit" ? "assessment.manage" : nextProcedure === "review" ? "assessment.review" : "assessment.publish");
  const mayRerun = abilities.can("assessment.manage");
  // Separation of duties: the run's submitter is not offered review or publish (the server refuses them); the page says why.
  const forAnother = stepForAnotherUser(next, run.submittedBy, useSession().data?.user?.username);
  // Publishing freezes the result: it waits for a confirmation.
  const [confirming, setConfirming] = useState(false);
  const nextRef = useRef<HTMLButtonElement>(null);
  const moveNext = () => {
    if (move.isPending || !next) return;
    // The last step removes this button: the focus goes to the status it set, not to the page's body.
    move.mutate({ id: run.id, procedure: runTransitionProcedure(next)! }, { onSuccess: () => next === "published" && statusRef.current?.focus() });
  };
  const person = usePeople([run.createdBy, run.submittedBy, run.reviewedBy, run.publishedBy]);
  const stamp = (s: RunStatus): { by: string | null; at: string | null } =>
    s === "draft" ? { by: run.createdBy, at: run.createdAt } : s === "submitted" ? { by: run.submittedBy, at: run.submittedAt } : s === "reviewed" ? { by: run.reviewedBy, at: run.reviewedAt } : { by: run.publishedBy, at: run.publishedAt };
  const reached = RUN_STEPS.indexOf(run.status);
  return (
    <Section title={t("assess.run.workflow")} testId="workflow">
      <p className="text-sm" ref={statusRef} tabIndex={-1}>
        {t("assess.run.currentStatus")} <RunStatusBadge status={run.status} testId="run-status" />
      </p>
      <ol className="mt-3 grid grid-cols-1 gap-2 sm:grid-cols-4">
        {RUN_STEPS.map((s, i) => {
          const st = stamp(s);
          const done = i <= reached;
          return (
            <li key={s} className={`rounded-md border p-2 text-sm ${done ? "border-emerald-300 bg-emerald-50" : "border-dashed border-gray-300 bg-white"}`} data-testid={`step-${s}`}>
              <span className="font-medium">
                {i + 1}. {t(`assess.runStatus.${s}`)}
              </span>
              <span className="block text-xs text-gray-700" title={done && st.at && st.by ? st.by : undefined} data-testid={`step-${s}-by`}>
                {done && st.at ? t("assess.run.stepBy", { by: st.by ? person(st.by) : "—", at: formatInstant(st.at, locale) }) : t("assess.run.stepPending")}
              </span>
            </li>
          );
        })}
      </ol>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        {next ? (
          mayMove &&
          (forAnother ? (
            <p role="note" className="text-sm text-gray-800" data-testid="run-next-for-another">
              {t(`assess.run.anotherUser.${next as "reviewed" | "published"}`)}
            </p>
          ) : (
          <button
            type="button"
            ref={nextRef}
            className={buttonClass.primary}
            // aria-disabled, not disabled: a disabled button drops the keyboard focus to the page's body mid-step.
            aria-disabled={move.isPending}
            aria-haspopup={next === "published" ? "dialog" : undefined}
            data-testid="run-next"
            onClick={() => (next === "published" ? setConfirming(true) : moveNext())}
          >
            {t(`assess.run.moveTo.${next}`)}
          </button>
          ))
        ) : (
          <p className="text-sm text-emerald-800">{t("assess.run.frozen")}</p>
        )}
        {/* A published run is changed only by running the scope again: the next revision. */}
        {run.status === "published" && mayRerun && latest && latest.revision === run.revision && (
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={rerun.isPending}
            data-testid="run-start-revision"
            onClick={() =>
              rerun.mutate(
                { year: run.year, quarter: run.quarter, scope: run.scope, ...(run.scope === "townshipMembers" ? { township: run.scopeOrgUnit } : {}) },
                { onSuccess: (r) => navigate(`/assessments/${r.run.id}`) },
              )
            }
          >
            {rerun.isPending ? t("assess.runs.starting") : t("assessData.published.startRevision", { next: run.revision + 1 })}
          </button>
        )}
        {run.status === "published" && latest && latest.revision > run.revision && (
          <p className="text-sm text-gray-800" data-testid="run-newer-revision">
            {t("assessData.published.newerExists")}{" "}
            <Link to={`/assessments/${latest.id}`} className={buttonClass.link}>
              {t("assessData.published.latest", { revision: latest.revision, status: t(`assess.runStatus.${latest.status}`) })}
            </Link>
          </p>
        )}
        <ConfirmDialog
          open={confirming}
          title={t("assess.run.publishConfirm.title")}
          body={t("assess.run.publishConfirm.body")}
          confirmLabel={t("assess.run.publishConfirm.confirm")}
          onConfirm={() => {
            setConfirming(false);
            moveNext();
          }}
          onCancel={() => {
            setConfirming(false);
            nextRef.current?.focus();
          }}
          testId="publish-confirm"
        />
        {move.error && <FieldError id={`${id}-err`} message={move.error.message} />}
        {rerun.error && <FieldError id={`${id}-rerun-err`} message={rerun.error.message} />}
      </div>
      <dl className="mt-3 text-sm">
        <dt className="font-medium text-gray-800">{run.status === "published" ? t("assess.run.hashPublished") : t("assess.run.hash")}</dt>
        <dd className="break-all font-mono text-xs" data-testid="run-hash">
          {run.inputsHash}
        </dd>
      </dl>
    </Section>
  );
}
