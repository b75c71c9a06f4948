/**
 * 数据录入 / Data entry (issue 4 point 8): one township or village and one
 * month (URL: `?orgUnit=LZ-SH-V01&period=2016-12`; one it cannot open is
 * said under the choice, not quietly replaced), a labelled field per data
 * element its level reports, grouped by topic, each with its current value,
 * its last change and its history. Fields are checked as one types with the
 * rule the server applies (`entryValue` in @linze/api/schemas), a save sends
 * the changed fields through the same zod schema as one transaction, and a
 * month locked by a published assessment is shown read-only with the reason.
 * After a save the dashboard's in-browser data are reloaded.
 */
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { dataElement, formatPeriod, formatValue, type Locale, type OrgUnit } from "@linze/domain";
import type { RouterOutputs } from "@linze/api";
import { DataEntrySaveInputSchema, entryValue } from "@linze/api/schemas";
import { buttonClass, TableRegion } from "../components/assessment.tsx";
import { StatusIcon } from "../components/icons.tsx";
import { LoadingBlock } from "../components/loading.tsx";
import { orgUnitName, useLocale } from "../components/locale.ts";
import { useAbilities } from "../auth/session.ts";
import { useData } from "../data/hooks.ts";
import { defaultOrgUnit, useViewScope } from "../filters/use-filters.ts";
import { quoted } from "../filters/url-filters.ts";
import { refreshDashboardData } from "../data/refresh.ts";
import { trpc } from "../data/trpc.ts";
import { issuesOf, messageIn } from "../assessment/logic.ts";
import { changedValues, entryMonths, formatChangedAt, groupFields, initialText } from "../entry/logic.ts";
import { usePeople } from "../data/people.ts";
import { Person } from "../components/person.tsx";

type Form = RouterOutputs["dataEntry"]["form"];
type Field = Form["fields"][number];
type HistoryEntry = RouterOutputs["dataValues"]["history"][number];

export default function DataEntry() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree, months, snapshot } = useData();
  const [params, setParams] = useSearchParams();
  const id = useId();
  // Townships present by their totals only (a township officer's others) have no form to open, nor has a township that is
  // only the path to the user's own village (a committee member's: org-unit-scope.ts); its villages are still listed.
  const summaryOnly = new Set(snapshot.summaryOnly ?? []);
  const { scope, hasFigures } = useViewScope();
  const opens = (code: string) => tree.has(code) && tree.get(code).level > 1 && !summaryOnly.has(code) && hasFigures(code);
  const branches = tree.children(tree.root.code).filter((u) => !summaryOnly.has(u.code));
  const townships = branches.filter((u) => opens(u.code));
  const monthOptions = entryMonths(months);
  const rawUnit = params.get("orgUnit");
  // By default the user's own branch (a committee member's village, an officer's township), else the first township.
  const own = defaultOrgUnit(tree, snapshot.summaryOnly, scope);
  const orgUnit = rawUnit && opens(rawUnit) ? rawUnit : tree.get(own).level > 1 ? own : (townships[0]?.code ?? own);
  const rawPeriod = params.get("period");
  const period = rawPeriod && monthOptions.includes(rawPeriod) ? rawPeriod : months[months.length - 1]!;
  const unit = tree.get(orgUnit);
  // What the address named and the page did not take, said rather than quietly opening another form (someone following
  // a link would type into the wrong unit or month); as the dashboard's filters do (components/filter-bar.tsx).
  const ignoredUnit = rawUnit && rawUnit !== orgUnit ? rawUnit : null;
  const ignoredPeriod = rawPeriod && rawPeriod !== period ? rawPeriod : null;
  const [status, setStatus] = useState("");
  const form = useQuery({ queryKey: ["data-entry-form", orgUnit, period], queryFn: () => trpc.dataEntry.form.query({ orgUnit, period }) });

  const choose = (next: { orgUnit?: string; period?: string }) => {
    setStatus("");
    setParams({ orgUnit: next.orgUnit ?? orgUnit, period: next.period ?? period });
  };

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900" data-testid="entry-heading">
        {t("entry.heading", { orgUnit: orgUnitName(unit, locale), period: formatPeriod(period, locale) })}
      </h1>
      <p className="max-w-3xl text-sm text-gray-700">{t("entry.intro")}</p>

      <section aria-labelledby={`${id}-c`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
        <h2 id={`${id}-c`} className="sr-only">
          {t("entry.chooser")}
        </h2>
        <form className="grid grid-cols-1 gap-4 sm:grid-cols-2" onSubmit={(e) => e.preventDefault()}>
          <div>
            <label htmlFor={`${id}-ou`} className="text-sm font-medium text-gray-800">
              {t("entry.orgUnit")}
            </label>
            <select
              id={`${id}-ou`}
              className="field-select"
              aria-describedby={ignoredUnit !== null ? `${id}-ou-ignored` : undefined}
              value={orgUnit} onChange={(e) => choose({ orgUnit: e.target.value })} data-testid="entry-org-unit">
              {townships.length > 0 && (
                <optgroup label={t("entry.township")}>
                  {townships.map((u) => (
                    <option key={u.code} value={u.code}>
                      {orgUnitName(u, locale)}
                    </option>
                  ))}
                </optgroup>
              )}
              {branches.map((tw) => (
                <optgroup key={tw.code} label={t("entry.villagesOf", { township: orgUnitName(tw, locale) })}>
                  {tree.children(tw.code).filter((v) => opens(v.code)).map((v) => (
                    <option key={v.code} value={v.code}>
                      {orgUnitName(v, locale)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-pe`} className="text-sm font-medium text-gray-800">
              {t("entry.period")}
            </label>
            <select
              id={`${id}-pe`}
              className="field-select"
              aria-describedby={ignoredPeriod !== null ? `${id}-pe-ignored` : undefined}
              value={period} onChange={(e) => choose({ period: e.target.value })} data-testid="entry-period">
              {monthOptions.map((m) => (
                <option key={m} value={m}>
                  {formatPeriod(m, locale)}
                </option>
              ))}
            </select>
          </div>
        </form>
        {(ignoredUnit !== null || ignoredPeriod !== null) && (
          <div role="status" data-testid="entry-ignored" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 [overflow-wrap:anywhere]">
            {ignoredUnit !== null && (
              <p id={`${id}-ou-ignored`}>
                {t(tree.has(ignoredUnit) && tree.get(ignoredUnit).level === 1 ? "entry.countyIgnored" : "entry.orgUnitIgnored", {
                  code: quoted(ignoredUnit),
                  shown: orgUnitName(unit, locale),
                })}
              </p>
            )}
            {ignoredPeriod !== null && (
              <p id={`${id}-pe-ignored`}>
                {t("entry.periodIgnored", {
                  period: quoted(ignoredPeriod),
                  first: formatPeriod(monthOptions[monthOptions.length - 1]!, locale),
                  last: formatPeriod(monthOptions[0]!, locale),
                  shown: formatPeriod(period, locale),
                })}
              </p>
            )}
          </div>
        )}
      </section>

      <div role="status" aria-live="polite" data-testid="entry-status" className={status ? "flex items-center gap-2 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900" : "sr-only"}>
        {status && <StatusIcon status="met" />}
        {status}
      </div>

      {form.data ? (
        <EntryForm key={`${orgUnit}|${period}`} form={form.data} unit={unit} onSaved={setStatus} onEdit={() => setStatus("")} />
      ) : (
        <LoadingBlock height="h-96" error={form.error} />
      )}
    </div>
  );
}

function EntryForm({ form, unit, onSaved, onEdit }: { form: Form; unit: OrgUnit; onSaved: (message: string) => void; onEdit: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const client = useQueryClient();
  const id = useId();
  const { tree } = useData();
  // Leadership and auditors read the form; an officer or member enters data only for the own org units.
  const mayCapture = useAbilities().canCapture(form.orgUnit.code, tree);
  const locked = form.locked !== null;
  const readOnly = locked || !mayCapture;
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(form.fields.map((f) => [f.code, initialText(f.value)])));
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const person = usePeople(form.fields.map((f) => f.lastChange?.changedBy));
  // Worded when shown, so it follows a change of language (issue 7).
  const [formError, setFormError] = useState<{ text: (l: Locale) => string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  // Saved values come back as a new form (same object while nothing changed): the fields start from them again.
  const [shown, setShown] = useState(form);
  if (shown !== form) {
    setShown(form);
    setTexts(Object.fromEntries(form.fields.map((f) => [f.code, initialText(f.value)])));
    setServerErrors({});
  }

  const clientError = (code: string): string | undefined => {
    const checked = entryValue(dataElement(code), texts[code] ?? "");
    return checked.ok ? undefined : checked.error;
  };
  const errorOf = (code: string) => clientError(code) ?? serverErrors[`values.${code}`];
  const changed = changedValues(form.fields, texts);
  const changedCount = Object.keys(changed).length;

  const save = useMutation({
    mutationFn: (values: Record<string, string | null>) => trpc.dataEntry.save.mutate({ orgUnit: form.orgUnit.code, period: form.period, values }),
    onSuccess: async (result) => {
      onSaved(t("entry.saved", { ...result.counts }));
      await client.invalidateQueries({ queryKey: ["data-entry-form"] });
      await client.invalidateQueries({ queryKey: ["value-history"] });
      void refreshDashboardData(client);
    },
    onError: (error) => {
      const issues = issuesOf(error);
      setServerErrors(issues);
      const general = Object.entries(issues).filter(([k]) => !k.startsWith("values."));
      setFormError({ text: (l) => (general.length > 0 ? t("entry.saveFailed", { message: messageIn(general[0]![1], l) }) : t("entry.fixErrors", { count: Object.keys(issues).length })) });
    },
  });

  useEffect(() => {
    // After a refused save, take the keyboard to the first field in error.
    if (Object.keys(serverErrors).length > 0) formRef.current?.querySelector<HTMLInputElement>("[aria-invalid='true']")?.focus();
  }, [serverErrors]);

  const submit = () => {
    setFormError(null);
    setServerErrors({});
    if (changedCount === 0) {
      onSaved(t("entry.nothingToSave"));
      return;
    }
    const parsed = DataEntrySaveInputSchema.safeParse({ orgUnit: form.orgUnit.code, period: form.period, values: changed });
    if (!parsed.success) {
      const count = parsed.error.issues.length;
      setFormError({ text: () => t("entry.fixErrors", { count }) });
      formRef.current?.querySelector<HTMLInputElement>("[aria-invalid='true']")?.focus();
      return;
    }
    save.mutate(changed);
  };

  return (
    <form
      ref={formRef}
      noValidate
      aria-labelledby={`${id}-h`}
      data-testid="entry-form"
      data-locked={locked ? "true" : "false"}
      data-read-only={readOnly ? "true" : "false"}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      className="space-y-6"
    >
      <h2 id={`${id}-h`} className="sr-only">
        {t("entry.heading", { orgUnit: orgUnitName(unit, locale), period: formatPeriod(form.period, locale) })}
      </h2>
      {form.locked && (
        <div role="note" data-testid="entry-locked" className="flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
          <StatusIcon status="near" className="mt-0.5 h-4 w-4" />
          <div>
            <p>
              <strong className="mr-1 font-semibold">{t("entry.locked")}</strong>
              <span data-testid="entry-locked-reason">{t("entry.lockedNote", { reason: locale === "zh-CN" ? form.locked.messageZh : form.locked.messageEn })}</span>
            </p>
            <p className="mt-1 text-amber-900">
              {t("entry.lockedRuns", {
                runs: form.locked.runs.map((r) => t("entry.lockedRun", { revision: r.revision, scope: t(`entry.scopes.${r.scope as "townships"}`) })).join(locale === "zh-CN" ? "、" : ", "),
              })}
            </p>
          </div>
        </div>
      )}

      {!mayCapture && (
        <p role="note" data-testid="entry-read-only" className="rounded-md border border-gray-300 bg-gray-50 p-3 text-sm text-gray-800">
          {t("scope.entryReadOnly", { orgUnit: orgUnitName(unit, locale) })}
        </p>
      )}

      {groupFields(form.fields).map((group) => (
        <fieldset key={group.key} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid={`entry-group-${group.key}`}>
          <legend className="px-1 text-lg font-semibold text-gray-900">{t(`entry.groups.${group.key}`)}</legend>
          <div className="mt-2 grid grid-cols-1 gap-x-6 gap-y-5 md:grid-cols-2 xl:grid-cols-3">
            {group.fields.map((f) => (
              <EntryField
                key={f.code}
                field={f}
                text={texts[f.code] ?? ""}
                error={errorOf(f.code)}
                readOnly={readOnly}
                orgUnit={form.orgUnit.code}
                period={form.period}
                person={person}
                onChange={(text) => {
                  onEdit();
                  setTexts((prev) => ({ ...prev, [f.code]: text }));
                  setServerErrors((prev) => {
                    const { [`values.${f.code}`]: _dropped, ...rest } = prev;
                    return rest;
                  });
                }}
              />
            ))}
          </div>
        </fieldset>
      ))}

      {!readOnly && (
        <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-gray-200 bg-white/95 py-3">
          <button type="submit" className={buttonClass.primary} disabled={save.isPending} data-testid="entry-save">
            {save.isPending ? t("entry.saving") : t("entry.save")}
          </button>
          <span className="text-sm text-gray-700" data-testid="entry-changed-count">
            {changedCount > 0 ? t("entry.changedCount", { count: changedCount }) : ""}
          </span>
          {formError && (
            <p role="alert" className="flex items-center gap-1 text-sm font-medium text-rose-800" data-testid="entry-form-error">
              <StatusIcon status="below" />
              {formError.text(locale)}
            </p>
          )}
        </div>
      )}
    </form>
  );
}

function EntryField({
  field,
  text,
  error,
  readOnly,
  orgUnit,
  period,
  person,
  onChange,
}: {
  field: Field;
  text: string;
  error: string | undefined;
  readOnly: boolean;
  orgUnit: string;
  period: string;
  /** Who a change names, as a person reads it (data/people.ts). */
  person: (id: string) => string;
  onChange: (text: string) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const name = locale === "zh-CN" ? field.nameZh : field.nameEn;
  const unit = field.valueType === "cny" ? "cny" : "count";
  const last = field.lastChange;
  return (
    <div data-testid={`entry-field-${field.code}`}>
      <label htmlFor={`${id}-in`} className="block text-sm font-medium text-gray-900">
        {name} <span className="font-mono text-xs font-normal text-gray-600">{field.code}</span>
      </label>
      <input
        id={`${id}-in`}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        className={`field-select tabular-nums ${error ? "border-rose-600 focus:border-rose-600 focus:ring-rose-600" : ""} ${readOnly ? "bg-gray-100 text-gray-800" : ""}`}
        value={text}
        readOnly={readOnly}
        aria-invalid={error ? "true" : "false"}
        aria-describedby={`${id}-hint${error ? ` ${id}-err` : ""}`}
        onChange={(e) => onChange(e.target.value)}
        data-testid={`entry-${field.code}`}
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-gray-700">
        <span>{t(`entry.units.${unit}`)}</span>
        {" · "}
        <span data-testid={`entry-current-${field.code}`}>{field.value === null ? t("entry.currentNone") : t("entry.current", { value: formatValue(field.value, unit, locale) })}</span>
        {" · "}
        <span data-testid={`entry-last-${field.code}`} title={last?.changedBy}>
          {last
            ? t("entry.lastChange", {
                who: person(last.changedBy),
                when: formatChangedAt(last.changedAt),
                source: last.source === "import" ? t("entry.sources.import", { file: last.fileName ?? "" }) : t("entry.sources.entry"),
              })
            : t("entry.noChange")}
        </span>
      </p>
      {error && (
        <p id={`${id}-err`} className="mt-1 flex items-center gap-1 text-sm text-rose-800" data-testid={`entry-error-${field.code}`}>
          <StatusIcon status="below" className="h-3.5 w-3.5" />
          <span>{t("entry.invalid", { message: messageIn(error, locale) })}</span>
        </p>
      )}
      <ValueHistory field={field} name={name} orgUnit={orgUnit} period={period} />
    </div>
  );
}

/** "修改记录 / History": who changed the value when, previous → new; loaded when opened. */
function ValueHistory({ field, name, orgUnit, period }: { field: Field; name: string; orgUnit: string; period: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const unit = field.valueType === "cny" ? "cny" : "count";
  const history = useQuery({
    queryKey: ["value-history", orgUnit, period, field.code],
    queryFn: () => trpc.dataValues.history.query({ orgUnit, period, dataElement: field.code }),
    enabled: open,
  });
  const person = usePeople(history.data?.map((h) => h.changedBy) ?? []);
  const shown = (v: number | null) => (v === null ? t("entry.none") : formatValue(v, unit, locale));
  const caption = t("entry.historyOf", { element: name });
  return (
    <details className="mt-1 text-sm" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid={`entry-history-${field.code}`}>
      <summary className="cursor-pointer text-blue-700 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600">
        {t("entry.history")}
        <span className="sr-only">{t("entry.historyOfSuffix", { element: name })}</span>
      </summary>
      {open &&
        (history.data ? (
          history.data.length === 0 ? (
            <p className="mt-1 text-gray-700">{t("entry.historyEmpty")}</p>
          ) : (
            <TableRegion label={caption}>
              <table className="data-table mt-1" data-testid={`entry-history-table-${field.code}`}>
                <caption className="sr-only">{caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("entry.historyWhen")}</th>
                    <th scope="col">{t("entry.historyWho")}</th>
                    <th scope="col">{t("entry.historySource")}</th>
                    <th scope="col" className="num">
                      {t("entry.historyChange")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {history.data.map((h: HistoryEntry) => (
                    <tr key={h.id}>
                      <td className="whitespace-nowrap">{formatChangedAt(h.changedAt)}</td>
                      <td>
                        <Person id={h.changedBy} name={person} />
                      </td>
                      <td>{h.source === "import" ? t("entry.sources.import", { file: h.fileName ?? "" }) : t("entry.sources.entry")}</td>
                      <td className="num whitespace-nowrap">
                        {shown(h.previousValue)} → {shown(h.value)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )
        ) : (
          <LoadingBlock height="h-16" error={history.error} />
        ))}
    </details>
  );
}
