/**
 * 审计日志 / Audit log (issue 5 point 4): filters (user, entity type,
 * period, date range, outcome) in the URL, the rows newest first with who
 * (the display name or a system identity's label, the username beside it),
 * when (China time), the action (named in the page's language, the
 * procedure beside it), outcome in words and icon, the entity and
 * period, and the input, before and after as JSON in a disclosure; older
 * rows on request. Administrators and auditors.
 */
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { useInfiniteQuery } from "@tanstack/react-query";
import { buttonClass, TableRegion } from "../components/assessment.tsx";
import { LoadingBlock } from "../components/loading.tsx";
import { useLocale } from "../components/locale.ts";
import { trpc } from "../data/trpc.ts";
import { messageIn } from "../assessment/logic.ts";
import { chinaTime } from "./admin-users.tsx";
import { procedureLabel } from "../auth/audit-labels.ts";
import { usePeople } from "../data/people.ts";

const ENTITIES = ["user", "dataValues", "import", "columnMapping", "assessmentRun", "assessmentInputs", "assessmentAdjustment", "letter", "committeeMember", "supervisionFinding", "setting"] as const;
const KEYS = ["actor", "entityType", "period", "from", "to", "outcome"] as const;
type Key = (typeof KEYS)[number];
const PAGE = 100;

const json = (v: unknown) => (v === null || v === undefined ? "—" : JSON.stringify(v, null, 2));

export default function AdminAudit() {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? ""])) as Record<Key, string>;
  const [form, setForm] = useState(applied);
  const filter = Object.fromEntries(Object.entries(applied).filter(([, v]) => v !== "")) as Partial<Record<Key, string>>;
  const rows = useInfiniteQuery({
    queryKey: ["audit", filter],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      trpc.audit.list.query({ ...filter, outcome: filter.outcome as "ok" | "denied" | undefined, limit: PAGE, ...(pageParam ? { beforeId: pageParam } : {}) }),
    getNextPageParam: (last) => (last.length === PAGE ? last[last.length - 1]!.id : undefined),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setParams(Object.fromEntries(Object.entries(form).filter(([, v]) => v !== "")));
  };
  const field = "mt-1 block w-full rounded-md border border-gray-400 px-2 py-1.5 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600";
  const all = rows.data?.pages.flat() ?? [];
  const person = usePeople(all.map((r) => r.actor));

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">{t("auth.audit.heading")}</h1>
      <p className="max-w-3xl text-sm text-gray-700">{t("auth.audit.intro")}</p>
      <section aria-labelledby={`${id}-f`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
        <h2 id={`${id}-f`} className="sr-only">{t("auth.audit.filters")}</h2>
        <form onSubmit={submit} className="grid gap-3 sm:grid-cols-3 lg:grid-cols-7" data-testid="audit-filters">
          <div>
            <label htmlFor={`${id}-actor`} className="block text-sm font-medium">{t("auth.audit.actor")}</label>
            <input id={`${id}-actor`} value={form.actor} onChange={(e) => setForm({ ...form, actor: e.target.value })} className={field} autoCapitalize="none" spellCheck={false} />
          </div>
          <div>
            <label htmlFor={`${id}-entity`} className="block text-sm font-medium">{t("auth.audit.entity")}</label>
            <select id={`${id}-entity`} value={form.entityType} onChange={(e) => setForm({ ...form, entityType: e.target.value })} className={field}>
              <option value="">{t("auth.audit.entityAny")}</option>
              {ENTITIES.map((e) => (
                <option key={e} value={e}>{t(`auth.audit.entities.${e}`)}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-period`} className="block text-sm font-medium">{t("auth.audit.period")}</label>
            <input id={`${id}-period`} value={form.period} onChange={(e) => setForm({ ...form, period: e.target.value })} className={field} />
          </div>
          <div>
            <label htmlFor={`${id}-from`} className="block text-sm font-medium">{t("auth.audit.from")}</label>
            <input key={locale} lang={locale} id={`${id}-from`} type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} className={field} />
          </div>
          <div>
            <label htmlFor={`${id}-to`} className="block text-sm font-medium">{t("auth.audit.to")}</label>
            <input key={locale} lang={locale} id={`${id}-to`} type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} className={field} />
          </div>
          <div>
            <label htmlFor={`${id}-outcome`} className="block text-sm font-medium">{t("auth.audit.outcome")}</label>
            <select id={`${id}-outcome`} value={form.outcome} onChange={(e) => setForm({ ...form, outcome: e.target.value })} className={field}>
              <option value="">{t("auth.audit.outcomeAny")}</option>
              <option value="ok">{t("auth.audit.ok")}</option>
              <option value="denied">{t("auth.audit.denied")}</option>
            </select>
          </div>
          <div className="flex items-end">
            <button type="submit" className={buttonClass.primary}>{t("auth.audit.apply")}</button>
          </div>
        </form>
      </section>

      {rows.isPending ? (
        <LoadingBlock height="h-64" />
      ) : rows.isError ? (
        <p role="alert" className="text-rose-800">{messageIn(rows.error.message, locale)}</p>
      ) : all.length === 0 ? (
        <p role="status" data-testid="audit-empty">{t("auth.audit.empty")}</p>
      ) : (
        <>
          <p role="status" className="text-sm text-gray-700" data-testid="audit-count">{t("auth.audit.count", { count: all.length })}</p>
          <TableRegion label={t("auth.audit.caption")}>
            <table className="min-w-full divide-y divide-gray-200 text-sm" data-testid="audit-table">
              <caption className="sr-only">{t("auth.audit.caption")}</caption>
              <thead className="bg-gray-50 text-left">
                <tr>
                  {(["at", "actor", "procedure", "outcome", "entityCol", "periodCol", "change"] as const).map((c) => (
                    <th key={c} scope="col" className="px-3 py-2 font-medium text-gray-700">{t(`auth.audit.${c}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-gray-100">
                {all.map((r) => {
                  const action = procedureLabel(i18n, r.procedure);
                  const actor = person(r.actor);
                  return (
                    <tr key={r.id} data-testid="audit-row">
                      <td className="whitespace-nowrap px-3 py-2">{chinaTime(r.at)}</td>
                      <th scope="row" className="px-3 py-2 font-medium" data-testid="audit-actor">
                        {actor}
                        {actor !== r.actor && <span className="block font-mono text-xs font-normal text-gray-600">{r.actor}</span>}
                      </th>
                      <td className="px-3 py-2" data-testid="audit-action">
                        {action ?? <span className="font-mono">{r.procedure}</span>}
                        {action !== null && <span className="block font-mono text-xs text-gray-600">{r.procedure}</span>}
                      </td>
                      <td className="whitespace-nowrap px-3 py-2"><span aria-hidden="true">{r.outcome === "ok" ? "✓ " : "× "}</span>
                        {r.outcome === "ok" ? t("auth.audit.ok") : t("auth.audit.denied")}</td>
                      <td className="px-3 py-2">{r.entityType ? `${(ENTITIES as readonly string[]).includes(r.entityType) ? t(`auth.audit.entities.${r.entityType}`) : r.entityType}${r.entityId ? ` ${r.entityId}` : ""}` : "—"}</td>
                      <td className="px-3 py-2">{r.period ?? "—"}</td>
                      <td className="px-3 py-2">
                        <details>
                          <summary className="cursor-pointer text-blue-700 underline">{t("auth.audit.details")}</summary>
                          <dl className="mt-2 grid gap-2 md:grid-cols-3">
                            {(["input", "before", "after"] as const).map((k) => (
                              <div key={k}>
                                <dt className="font-medium">{t(`auth.audit.${k}`)}</dt>
                                <dd>
                                  <pre tabIndex={0} className="max-h-64 max-w-md overflow-auto whitespace-pre-wrap break-all rounded bg-gray-50 p-2 text-xs">{json(r[k])}</pre>
                                </dd>
                              </div>
                            ))}
                          </dl>
                        </details>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableRegion>
          {rows.hasNextPage && (
            <button type="button" className={buttonClass.secondary} disabled={rows.isFetchingNextPage} onClick={() => void rows.fetchNextPage()}>
              {t("auth.audit.more")}
            </button>
          )}
        </>
      )}
    </div>
  );
}
