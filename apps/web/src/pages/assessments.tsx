/**
 * Quarterly assessments (季度考核), DOMAIN.md §6: the runs (year, quarter,
 * scope, status, revision, content hash) and a form to start one; the run's
 * page shows its results.
 */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { AssessmentRunInputSchema } from "@linze/api/schemas";
import { formatPeriod } from "@linze/domain";
import { FilterSection } from "../components/filter-section.tsx";
import { BusyStatus } from "../components/loading.tsx";
import { buttonClass, FieldError, formatInstant, RunStatusBadge, ListTable, Section } from "../components/assessment.tsx";
import { orgUnitName, useLocale } from "../components/locale.ts";
import { useAbilities } from "../auth/session.ts";
import { useData } from "../data/hooks.ts";
import { useRuns, useStartRun } from "../data/assessment-hooks.ts";
import { usePeople } from "../data/people.ts";
import { Person } from "../components/person.tsx";
import { issuesOf, type Scope } from "../assessment/logic.ts";

const SCOPES: readonly Scope[] = ["townships", "townshipMembers", "countyMembers"];

export default function Assessments() {
  // Running an assessment is the county's (assessment.manage).
  const mayRun = useAbilities().can("assessment.manage");
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree, months } = useData();
  const latestYear = Number(months[months.length - 1]!.slice(0, 4));
  const [params, setParams] = useSearchParams();
  const year = Number(params.get("year") ?? latestYear);
  const runs = useRuns({ year });
  const person = usePeople(runs.data?.map((r) => r.createdBy) ?? []);
  const id = useId();
  // The year in the address is an option even without data (e.g. 2015), so the select shows the year the page is about.
  const years = [...new Set([...months.map((m) => Number(m.slice(0, 4))), ...(Number.isInteger(year) ? [year] : [])])].sort();
  const scopeName = (scope: Scope, org: string) =>
    scope === "townshipMembers" && tree.has(org) ? t("assess.scopes.townshipMembersOf", { township: orgUnitName(tree.get(org), locale) }) : t(`assess.scopes.${scope}`);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">{t("assess.runs.heading", { year })}</h1>
      <p className="text-sm text-gray-700">{t("assess.runs.intro")}</p>
      <BusyStatus busy={runs.isFetching} />
      <FilterSection gridClassName="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-y`} className="text-sm font-medium text-gray-800">
            {t("assess.common.year")}
          </label>
          <select id={`${id}-y`} className="field-select" value={year} onChange={(e) => setParams({ year: e.target.value }, { replace: true })}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </FilterSection>

      <Section title={t("assess.runs.listHeading", { year, count: runs.data?.length ?? 0 })} testId="runs-list">
        <ListTable
          rows={runs.data}
          error={runs.error}
          empty={t("assess.runs.none", { year })}
          caption={t("assess.runs.listTitle")}
          columns={[
            { label: t("assess.runs.period") },
            { label: t("assess.runs.scope") },
            { label: t("assess.runs.revision"), num: true },
            { label: t("assess.runs.status") },
            { label: t("assess.runs.created") },
            { label: t("assess.runs.hash") },
          ]}
        >
          {(rows) =>
            rows.map((r) => (
              <tr key={r.id} data-testid={`run-row-${r.id}`}>
                <th scope="row" className="whitespace-nowrap font-normal">
                  <Link to={`/assessments/${r.id}`} className={buttonClass.link}>
                    {formatPeriod(`${r.year}Q${r.quarter}`, locale)}
                  </Link>
                </th>
                <td>{scopeName(r.scope, r.scopeOrgUnit)}</td>
                <td className="num">{r.revision}</td>
                <td>
                  <RunStatusBadge status={r.status} />
                </td>
                <td className="whitespace-nowrap text-xs">
                  <Person id={r.createdBy} name={person} /> · {formatInstant(r.createdAt, locale)}
                </td>
                <td className="font-mono text-xs" title={r.inputsHash}>
                  {r.inputsHash.slice(0, 12)}…
                </td>
              </tr>
            ))
          }
        </ListTable>
      </Section>
      {mayRun && <StartRun defaultYear={year} />}
    </div>
  );
}

function StartRun({ defaultYear }: { defaultYear: number }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  const navigate = useNavigate();
  const id = useId();
  const start = useStartRun();
  const [year, setYear] = useState(String(defaultYear));
  const [quarter, setQuarter] = useState("4");
  const [scope, setScope] = useState<Scope>("townships");
  const [township, setTownship] = useState("");
  const [manualFull, setManualFull] = useState(false);
  const [clientIssues, setClientIssues] = useState<Record<string, string>>({});
  const issues = { ...clientIssues, ...(start.error ? issuesOf(start.error) : {}) };

  const submit = () => {
    const parsed = AssessmentRunInputSchema.safeParse({
      year: Number(year),
      quarter: Number(quarter),
      scope,
      ...(scope === "townshipMembers" && township ? { township } : {}),
      manualDefault: manualFull ? "full" : "none",
    });
    if (!parsed.success) {
      const out: Record<string, string> = {};
      for (const i of parsed.error.issues) out[i.path.map(String).join(".")] ??= i.message;
      setClientIssues(out);
      return;
    }
    setClientIssues({});
    start.mutate(parsed.data, { onSuccess: (r) => navigate(`/assessments/${r.run.id}`) });
  };

  return (
    <Section title={t("assess.runs.startHeading")} testId="start-run">
      <form
        className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          // aria-disabled while running (a disabled button would drop the keyboard focus): a second press does nothing.
          if (!start.isPending) submit();
        }}
      >
        <div>
          <label htmlFor={`${id}-y`} className="text-sm font-medium text-gray-800">
            {t("assess.common.year")}
          </label>
          <input id={`${id}-y`} type="number" className="field-select" value={year} onChange={(e) => setYear(e.target.value)} />
          <FieldError id={`${id}-y-err`} message={issues["year"]} />
        </div>
        <div>
          <label htmlFor={`${id}-q`} className="text-sm font-medium text-gray-800">
            {t("assess.runs.quarter")}
          </label>
          <select id={`${id}-q`} className="field-select" value={quarter} onChange={(e) => setQuarter(e.target.value)} data-testid="start-quarter">
            {[1, 2, 3, 4].map((q) => (
              <option key={q} value={q}>
                {t("assess.runs.quarterN", { n: q })}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-s`} className="text-sm font-medium text-gray-800">
            {t("assess.runs.scope")}
          </label>
          <select id={`${id}-s`} className="field-select" value={scope} onChange={(e) => setScope(e.target.value as Scope)} data-testid="start-scope">
            {SCOPES.map((s) => (
              <option key={s} value={s}>
                {t(`assess.scopes.${s}`)}
              </option>
            ))}
          </select>
        </div>
        {scope === "townshipMembers" && (
          <div>
            <label htmlFor={`${id}-t`} className="text-sm font-medium text-gray-800">
              {t("filters.township")}
            </label>
            <select id={`${id}-t`} className="field-select" value={township} onChange={(e) => setTownship(e.target.value)}>
              <option value="">{t("assess.common.choose")}</option>
              {tree.children(tree.root.code).map((u) => (
                <option key={u.code} value={u.code}>
                  {orgUnitName(u, locale)}
                </option>
              ))}
            </select>
            <FieldError id={`${id}-t-err`} message={issues["township"]} />
          </div>
        )}
        <div className="flex items-start gap-2 sm:col-span-2 lg:col-span-4">
          <input id={`${id}-m`} type="checkbox" className="mt-0.5 h-4 w-4 rounded border-gray-300 text-blue-700 focus:ring-blue-600" checked={manualFull} onChange={(e) => setManualFull(e.target.checked)} />
          <label htmlFor={`${id}-m`} className="text-sm text-gray-800">
            {t("assess.runs.manualFull")}
          </label>
        </div>
        <div className="sm:col-span-2 lg:col-span-4">
          <button type="submit" className={buttonClass.primary} aria-disabled={start.isPending} data-testid="start-run-submit">
            {start.isPending ? t("assess.runs.starting") : t("assess.runs.start")}
          </button>
          {issues[""] && <FieldError id={`${id}-err`} message={issues[""]} testId="start-error" />}
          <p role="status" aria-live="polite" className="sr-only">
            {start.isPending ? t("assess.runs.starting") : ""}
          </p>
        </div>
      </form>
    </Section>
  );
}
