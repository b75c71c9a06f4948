/**
 * The printable result of a quarterly assessment: the official paper, in
 * Chinese whatever the screen language (A4, headings such as
 * "2016年第4季度乡镇目标管理责任考核结果"). The print stylesheet (index.css)
 * hides the page frame and controls, repeats the table header on every page
 * and keeps rows whole. A run not yet published prints as a draft, said so.
 */
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { DEMO_DATA_NOTICE, formatPeriod, type RankedResult } from "@linze/domain";
import { LoadingBlock } from "../components/loading.tsx";
import { buttonClass } from "../components/assessment.tsx";
import { orgUnitName } from "../components/locale.ts";
import { useData } from "../data/hooks.ts";
import { useRun } from "../data/assessment-hooks.ts";
import { usePeople } from "../data/people.ts";
import { gradeDistribution } from "../assessment/logic.ts";

export default function AssessmentPrint() {
  const { t, i18n } = useTranslation();
  const zh = i18n.getFixedT("zh-CN");
  const { tree } = useData();
  const runId = Number(useParams().runId);
  const run = useRun(runId);
  // The paper is Chinese: the publisher's display name, or a system identity's Chinese label.
  const person = usePeople([run.data?.run.publishedBy], "zh-CN");
  if (!run.data) return <LoadingBlock height="h-96" error={run.error} notFoundTitle={t("app.runNotFound")} />;
  const { run: r, ranking, results } = run.data;
  const full = new Map(results.map((x) => [x.assessedCode, x.result as RankedResult]));
  const dist = gradeDistribution(ranking);
  const zhName = (code: string) => (tree.has(code) ? orgUnitName(tree.get(code), "zh-CN") : code);
  const title =
    r.scope === "townships"
      ? zh("print.titleTownships", { year: r.year, quarter: r.quarter })
      : r.scope === "townshipMembers"
        ? zh("print.titleTownshipMembers", { year: r.year, quarter: r.quarter, township: zhName(r.scopeOrgUnit) })
        : zh("print.titleCountyMembers", { year: r.year, quarter: r.quarter });
  const unitName = (kind: string, code: string, orgUnit: string) => (kind === "township" ? zhName(code) : zh("assess.memberOf", { orgUnit: zhName(orgUnit), code }));
  const date = (iso: string | null) => (iso ? new Intl.DateTimeFormat("zh-CN", { dateStyle: "long", timeZone: "Asia/Shanghai" }).format(new Date(iso)) : "");
  const published = r.status === "published";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 print:hidden" data-testid="print-controls">
        <Link to={`/assessments/${r.id}`} className={buttonClass.link}>
          {t("assess.print.back")}
        </Link>
        <button type="button" className={buttonClass.primary} onClick={() => window.print()}>
          {t("assess.print.print")}
        </button>
        <a href={`/export/assessments/${r.id}.xlsx`} download className={buttonClass.secondary}>
          {t("assess.run.xlsx")}
        </a>
        <p className="text-sm text-gray-700">{t("assess.print.note")}</p>
      </div>

      <article lang="zh-CN" className="print-sheet mx-auto max-w-[210mm] bg-white p-8 text-gray-900 shadow print:max-w-none print:p-0 print:shadow-none" data-testid="print-sheet">
        {!published && (
          <p className="mb-4 border-2 border-rose-700 p-2 text-center text-base font-bold text-rose-800" data-testid="print-draft">
            {zh("print.draft", { status: zh(`assess.runStatus.${r.status}`) })}
          </p>
        )}
        <h1 className="text-center text-xl font-bold" data-testid="print-title">
          {title}
        </h1>
        <p className="mt-1 text-center text-sm">{zh("print.issuer")}</p>
        <p className="mt-3 text-sm">
          {zh("print.meta", { revision: r.revision, through: formatPeriod(`${r.year}-${String(r.quarter * 3).padStart(2, "0")}`, "zh-CN"), status: zh(`assess.runStatus.${r.status}`) })}
          {published && (
            <span title={r.publishedBy ?? undefined} data-testid="print-published">
              {` ${zh("print.publishedOn", { date: date(r.publishedAt), by: r.publishedBy ? person(r.publishedBy) : "—" })}`}
            </span>
          )}
        </p>

        <table className="print-table mt-4 w-full border-collapse text-sm">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col" className="border border-gray-800 px-2 py-1 text-center">
                {zh("assess.run.rank")}
              </th>
              <th scope="col" className="border border-gray-800 px-2 py-1 text-left">
                {zh("print.unit")}
              </th>
              <th scope="col" className="border border-gray-800 px-2 py-1 text-right">
                {zh("print.total")}
              </th>
              <th scope="col" className="border border-gray-800 px-2 py-1 text-center">
                {zh("print.grade")}
              </th>
              <th scope="col" className="border border-gray-800 px-2 py-1 text-left">
                {zh("assess.run.remarks")}
              </th>
            </tr>
          </thead>
          <tbody>
            {ranking.map((line) => {
              const res = full.get(line.code);
              const remarks = [
                line.incomplete ? zh("assess.run.incomplete", { count: res?.incompleteItems.length ?? 0 }) : null,
                line.vetoed ? zh("assess.run.vetoed") : null,
                res?.cappedFromExcellent ? zh("assess.run.capped") : null,
              ].filter(Boolean);
              return (
                <tr key={line.code} data-testid={`print-row-${line.code}`}>
                  <td className="border border-gray-800 px-2 py-1 text-center tabular-nums">{line.rank ?? "—"}</td>
                  <th scope="row" className="border border-gray-800 px-2 py-1 text-left font-normal">
                    {unitName(line.kind, line.code, line.orgUnit)}
                  </th>
                  <td className="border border-gray-800 px-2 py-1 text-right tabular-nums">{line.total}</td>
                  <td className="border border-gray-800 px-2 py-1 text-center">{line.grade ? zh(`assess.grades.${line.grade}`) : zh("assess.grades.ungraded")}</td>
                  <td className="border border-gray-800 px-2 py-1 text-xs">{remarks.join("；")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>

        <p className="mt-3 text-sm">
          {zh("assess.run.distributionSummary", {
            total: dist.total,
            excellent: dist.counts.excellent,
            good: dist.counts.good,
            pass: dist.counts.pass,
            fail: dist.counts.fail,
            ungraded: dist.ungraded,
            vetoed: dist.vetoed,
          })}
        </p>
        <p className="mt-2 text-xs">{zh("print.rules")}</p>
        <p className="mt-2 break-all text-xs" data-testid="print-hash">
          {zh("print.hash", { hash: r.inputsHash, engine: r.engineVersion })}
        </p>
        <p className="mt-2 text-xs">
          {/* The notice begins with its own "演示数据：". */}
          {DEMO_DATA_NOTICE.zh}
        </p>
        <div className="print-signature mt-10 grid grid-cols-2 gap-8 text-sm">
          <p>{zh("print.stamp")}</p>
          <p>{zh("print.dateLine")}</p>
        </div>
      </article>
    </div>
  );
}
