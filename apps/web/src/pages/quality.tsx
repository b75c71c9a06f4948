/**
 * Data quality (issue 4, points 5–6): each township's monthly report for each
 * month of a year — on time, late (with the days), missing or not yet due,
 * the date received and the villages that reported — with the reporting rate
 * and the on-time rate per township and for the county; the villages and
 * communities that sent nothing; the report due day (a setting); and the
 * validation rules' violations for a chosen period.
 */
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { formatNumber, formatPeriod, formatValue, periodsOfYear, ReportDueDaySchema, VALIDATION_RULES, type OrgUnit } from "@linze/domain";
import { Section, TableRegion, buttonClass, formatInstant } from "../components/assessment.tsx";
import { FilterSection } from "../components/filter-section.tsx";
import { BusyStatus, LoadingBlock } from "../components/loading.tsx";
import { orgUnitName, useLocale } from "../components/locale.ts";
import { REPORT_STATUS_CLASSES, ReportStatusText, WarningIcon } from "../components/report-status.tsx";
import { messageIn, issuesOf } from "../assessment/logic.ts";
import { useAbilities } from "../auth/session.ts";
import { useData } from "../data/hooks.ts";
import { useCompleteness, useQualitySettings, useSetDueDay, useValidation } from "../data/quality-hooks.ts";
import type { CompletenessData } from "../quality/notice.ts";
import { validationScopeNote } from "../quality/validation-scope.ts";
import { usePeople } from "../data/people.ts";

const percent = (ratio: number | null, locale: "zh-CN" | "en") => formatValue(ratio === null ? null : ratio * 100, "percent", locale);

export default function Quality() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { months } = useData();
  const [params, setParams] = useSearchParams();
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const latestYear = years[years.length - 1]!;
  const year = years.includes(params.get("year") ?? "") ? params.get("year")! : latestYear;
  const periodOptions = [year, ...periodsOfYear(Number(year), "quarter"), ...months.filter((m) => m.startsWith(year))];
  const period = periodOptions.includes(params.get("period") ?? "") ? params.get("period")! : year;
  const completeness = useCompleteness(Number(year));
  const validation = useValidation(period);
  const id = useId();
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) next.set(k, v);
    setParams(next, { replace: true });
  };

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">{t("quality.heading", { year: formatPeriod(year, locale) })}</h1>
      <p className="max-w-4xl text-sm text-gray-700">{t("quality.intro")}</p>
      <BusyStatus busy={completeness.isFetching || validation.isFetching} />
      <FilterSection gridClassName="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor={`${id}-y`} className="text-sm font-medium text-gray-800">
            {t("quality.year")}
          </label>
          <select id={`${id}-y`} className="field-select" data-testid="quality-year" value={year} onChange={(e) => set({ year: e.target.value, period: e.target.value })}>
            {years.map((y) => (
              <option key={y} value={y}>
                {formatPeriod(y, locale)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-p`} className="text-sm font-medium text-gray-800">
            {t("quality.validation.period")}
          </label>
          <select id={`${id}-p`} className="field-select" data-testid="quality-period" value={period} onChange={(e) => set({ year, period: e.target.value })}>
            {periodOptions.map((p) => (
              <option key={p} value={p}>
                {p === year ? t("quality.validation.wholeYear", { year: formatPeriod(year, locale) }) : formatPeriod(p, locale)}
              </option>
            ))}
          </select>
        </div>
      </FilterSection>

      {completeness.data ? <CompletenessGrid data={completeness.data} /> : <LoadingBlock height="h-80" error={completeness.error} />}
      {completeness.data && <MissingVillages data={completeness.data} />}
      <DueDaySetting />
      <Section title={t("quality.validation.heading")} testId="validation">
        <p className="text-sm text-gray-600">{t("quality.validation.note")}</p>
        {validation.data && <ValidationScope orgUnits={validation.data.orgUnits} />}
        {validation.data ? <Violations rows={validation.data.violations} period={period} /> : <LoadingBlock error={validation.error} />}
        <RulesList />
      </Section>
    </div>
  );
}

/** For a caller who does not view everything: which org units the validation list covers (the server checks only the own ones). */
function ValidationScope({ orgUnits }: { orgUnits: readonly string[] }) {
  const { t } = useTranslation();
  const { tree } = useData();
  const note = validationScopeNote(tree, orgUnits, useLocale());
  if (!note) return null;
  return (
    <p className="mt-1 text-sm font-medium text-gray-800" data-testid="validation-scope-note">
      {t(note.key, note.values)}
    </p>
  );
}

function CompletenessGrid({ data }: { data: CompletenessData }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  const title = t("quality.completeness.heading", { year: data.year });
  const county = data.county;
  const compared = data.townships.some((row) => !row.villageDetail);
  return (
    <Section title={title} testId="completeness">
      <p className="text-sm text-gray-600">{t("quality.completeness.note", { day: data.dueDay.day })}</p>
      {county && (
        <p className="mt-1 text-sm text-gray-800" data-testid="completeness-summary">
          {t("quality.completeness.summary", { ...county.rates })}
        </p>
      )}
      {compared && (
        <p className="mt-1 text-sm text-gray-600" data-testid="completeness-scope-note">
          {t("scope.qualityVillageDetailNote")}
        </p>
      )}
      {!county && (
        <p className="mt-1 text-sm text-gray-600" data-testid="completeness-scope-note">
          {t("scope.qualityMemberNote")}
        </p>
      )}
      <ul className="mt-2 flex flex-wrap gap-2 text-xs" aria-label={t("quality.legend")}>
        {(["onTime", "late", "missing", "notYetDue"] as const).map((s) => (
          <li key={s} className={`rounded-full px-2 py-0.5 ${REPORT_STATUS_CLASSES[s]}`}>
            <ReportStatusText status={s} daysLate={0} legend />
          </li>
        ))}
      </ul>
      <div className="mt-3">
        <TableRegion label={t("quality.completeness.scrollRegion", { title })}>
          <table className="data-table">
            <caption className="sr-only">{t("quality.completeness.caption", { year: data.year })}</caption>
            <thead>
              <tr>
                <th scope="col" className="sticky left-0 z-10">
                  {t("quality.completeness.township")}
                </th>
                <th scope="col" className="num">
                  {t("quality.completeness.reportingRate")}
                </th>
                <th scope="col" className="num">
                  {t("quality.completeness.onTimeRate")}
                </th>
                {data.months.map((m) => (
                  <th key={m} scope="col" className="whitespace-nowrap">
                    {formatPeriod(m, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.townships.map((row) => {
                const unit = tree.get(row.orgUnit);
                return (
                  <tr key={row.orgUnit} data-testid={`reports-${row.orgUnit}`}>
                    <th scope="row" className="sticky left-0 z-10 whitespace-nowrap bg-white font-medium">
                      {orgUnitName(unit, locale)}
                    </th>
                    <td className="num font-medium" data-testid={`rate-reporting-${row.orgUnit}`}>
                      {percent(row.rates.reportingRate, locale)}
                      <span className="block text-xs font-normal text-gray-600">{t("quality.completeness.counts", { received: row.rates.received, expected: row.rates.expected })}</span>
                    </td>
                    <td className="num font-medium" data-testid={`rate-ontime-${row.orgUnit}`}>
                      {percent(row.rates.onTimeRate, locale)}
                      <span className="block text-xs font-normal text-gray-600">{t("quality.completeness.counts", { received: row.rates.onTime, expected: row.rates.expected })}</span>
                    </td>
                    {row.months.map((m) => (
                      <td key={m.period} className={`min-w-[8.5rem] align-top ${REPORT_STATUS_CLASSES[m.status]}`} data-testid={`report-${row.orgUnit}-${m.period}`} data-status={m.status}>
                        <ReportStatusText status={m.status} daysLate={m.daysLate} />
                        {m.submittedOn && (
                          <span className="block whitespace-nowrap text-xs tabular-nums" data-testid={`received-${row.orgUnit}-${m.period}`}>
                            {t("quality.completeness.received", { date: m.submittedOn })}
                          </span>
                        )}
                        {m.status !== "notYetDue" && (
                          // relative: the screen-reader text's box stays inside the scrolling table, not past the page's edge.
                          <span className="relative flex items-center gap-1 whitespace-nowrap text-xs tabular-nums" data-testid={`villages-${row.orgUnit}-${m.period}`}>
                            {m.villagesReported < m.villagesExpected && <WarningIcon className="h-3.5 w-3.5" />}
                            {t("quality.completeness.villages", { reported: m.villagesReported, expected: m.villagesExpected })}
                            {m.villagesReported < m.villagesExpected && <span className="sr-only">{t("quality.completeness.villagesMissingSr", { count: m.villagesExpected - m.villagesReported })}</span>}
                          </span>
                        )}
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
            {county && (
            <tfoot>
              <tr className="border-t-2 border-gray-300">
                <th scope="row" className="sticky left-0 z-10 whitespace-nowrap bg-white font-semibold">
                  {orgUnitName(tree.root, locale)}
                </th>
                <td className="num font-semibold" data-testid={`rate-reporting-${county.orgUnit}`}>
                  {percent(county.rates.reportingRate, locale)}
                  <span className="block text-xs font-normal text-gray-600">{t("quality.completeness.counts", { received: county.rates.received, expected: county.rates.expected })}</span>
                </td>
                <td className="num font-semibold" data-testid={`rate-ontime-${county.orgUnit}`}>
                  {percent(county.rates.onTimeRate, locale)}
                  <span className="block text-xs font-normal text-gray-600">{t("quality.completeness.counts", { received: county.rates.onTime, expected: county.rates.expected })}</span>
                </td>
                {county.months.map((m) => (
                  <td key={m.period} className="align-top text-xs tabular-nums">
                    <span className="block">{t("quality.completeness.townshipsReceived", { received: m.townshipsReceived, expected: m.townshipsExpected })}</span>
                    <span className="block">{t("quality.completeness.villages", { reported: m.villagesReported, expected: m.villagesExpected })}</span>
                  </td>
                ))}
              </tr>
            </tfoot>
            )}
          </table>
        </TableRegion>
      </div>
    </Section>
  );
}

function MissingVillages({ data }: { data: CompletenessData }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  const name = (u: OrgUnit) => orgUnitName(u, locale);
  const items = data.months.flatMap((month) =>
    data.townships.flatMap((row) => {
      const m = row.months.find((x) => x.period === month)!;
      return m.status !== "notYetDue" && m.villagesMissing.length > 0 ? [{ month, township: row.orgUnit, villages: m.villagesMissing }] : [];
    }),
  );
  return (
    <Section title={t("quality.missingVillages.heading")} testId="missing-villages">
      {items.length === 0 ? (
        <p className="text-sm text-gray-700">{data.townships.some((row) => !row.villageDetail) ? t("scope.missingVillagesNoneOwn") : t("quality.missingVillages.none")}</p>
      ) : (
        <ul className="list-disc space-y-1 pl-5 text-sm text-gray-800">
          {items.map((i) => (
            <li key={`${i.month}-${i.township}`} data-testid={`missing-${i.township}-${i.month}`}>
              {t("quality.missingVillages.item", {
                month: formatPeriod(i.month, locale),
                township: name(tree.get(i.township)),
                villages: i.villages.map((v) => name(tree.get(v))).join(locale === "zh-CN" ? "、" : ", "),
              })}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function DueDaySetting() {
  const { t } = useTranslation();
  const locale = useLocale();
  const settings = useQualitySettings();
  const save = useSetDueDay();
  const [draft, setDraft] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // The message as given ("English (中文)"), worded in the page's language when shown (issue 7).
  const [error, setError] = useState("");
  const id = useId();
  const current = settings.data?.reportDueDay;
  const value = draft ?? (current ? String(current.day) : "");
  // Only administrators change settings: the others read the day.
  const mayChange = useAbilities().can("settings.manage");
  const person = usePeople([current?.updatedBy]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAnnouncement("");
    const parsed = ReportDueDaySchema.safeParse(value.trim() === "" ? Number.NaN : Number(value));
    if (!parsed.success) {
      setError(parsed.error.issues[0]!.message);
      return;
    }
    setError("");
    save.mutate(parsed.data, {
      onSuccess: (r) => {
        setDraft(null);
        setAnnouncement(t("quality.dueDay.saved", { day: r.reportDueDay.day }));
      },
      onError: (err) => setError(issuesOf(err).day ?? issuesOf(err)[""] ?? String(err)),
    });
  };

  return (
    <Section title={t("quality.dueDay.heading")} testId="due-day">
      {mayChange && (
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
        <div>
          <label htmlFor={`${id}-d`} className="text-sm font-medium text-gray-800">
            {t("quality.dueDay.label")}
          </label>
          <input
            id={`${id}-d`}
            type="number"
            inputMode="numeric"
            min={1}
            max={28}
            step={1}
            data-testid="due-day-input"
            value={value}
            onChange={(e) => setDraft(e.target.value)}
            aria-describedby={`${id}-hint${error ? ` ${id}-err` : ""}`}
            aria-invalid={error ? true : undefined}
            className="mt-1 block w-28 rounded-md border-gray-300 py-1.5 text-sm shadow-sm focus:border-blue-600 focus:ring-blue-600"
          />
        </div>
        <button type="submit" className={buttonClass.primary} data-testid="due-day-save" disabled={save.isPending || !current}>
          {save.isPending ? t("quality.dueDay.saving") : t("quality.dueDay.save")}
        </button>
      </form>
      )}
      <p id={`${id}-hint`} className="mt-2 text-sm text-gray-600">
        {t("quality.dueDay.hint")}{" "}
        {current &&
          (current.isDefault
            ? t("quality.dueDay.currentDefault", { day: current.day })
            : (
              <span title={current.updatedBy ?? undefined} data-testid="due-day-current">
                {t("quality.dueDay.current", { day: current.day, who: current.updatedBy ? person(current.updatedBy) : "—", when: formatInstant(current.updatedAt, locale) })}
              </span>
            ))}
      </p>
      {error && (
        <p id={`${id}-err`} role="alert" data-testid="due-day-error" className="mt-1 text-sm text-rose-800">
          {messageIn(error, locale)}
        </p>
      )}
      <p role="status" aria-live="polite" data-testid="due-day-status" className="mt-1 text-sm text-emerald-800">
        {announcement}
      </p>
    </Section>
  );
}

type ViolationRow = NonNullable<ReturnType<typeof useValidation>["data"]>["violations"][number];

function Violations({ rows, period }: { rows: readonly ViolationRow[]; period: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  const label = period.length === 4 ? t("quality.validation.wholeYear", { year: formatPeriod(period, locale) }) : formatPeriod(period, locale);
  if (rows.length === 0) return <p className="mt-3 text-sm text-gray-700" data-testid="violations-none">{t("quality.validation.none", { period: label })}</p>;
  const caption = t("quality.validation.caption", { period: label });
  return (
    <div className="mt-3">
      <p className="text-sm font-medium text-gray-900" data-testid="violations-count">
        {t("quality.validation.count", { period: label, count: rows.length })}
      </p>
      <TableRegion label={t("quality.completeness.scrollRegion", { title: caption })}>
        <table className="data-table mt-2">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("quality.validation.rule")}</th>
              <th scope="col">{t("quality.validation.orgUnit")}</th>
              <th scope="col">{t("quality.validation.month")}</th>
              <th scope="col" className="num">
                {t("quality.validation.left")}
              </th>
              <th scope="col" className="num">
                {t("quality.validation.right")}
              </th>
              <th scope="col">{t("quality.validation.detail")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <tr key={`${v.rule}-${v.orgUnit}-${v.period}`} data-testid={`violation-${v.rule}-${v.orgUnit}-${v.period}`}>
                <td>
                  {locale === "zh-CN" ? v.ruleNameZh : v.ruleNameEn}
                  <span className="block text-xs text-gray-600">
                    {t("quality.validation.importanceText", { importance: t(`quality.validation.importance.${v.importance}`) })}
                  </span>
                </td>
                <td className="whitespace-nowrap">{orgUnitName(tree.get(v.orgUnit), locale)}</td>
                <td className="whitespace-nowrap">{formatPeriod(v.period, locale)}</td>
                <td className="num" data-testid="violation-left">
                  {formatNumber(v.left, locale)}
                </td>
                <td className="num" data-testid="violation-right">
                  {formatNumber(v.right, locale)}
                </td>
                <td data-testid="violation-text">{locale === "zh-CN" ? v.textZh : v.textEn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </div>
  );
}

function RulesList() {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <details className="mt-4 text-sm">
      <summary className="cursor-pointer font-medium text-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600">
        {t("quality.validation.rules", { count: VALIDATION_RULES.length })}
      </summary>
      <ul className="mt-2 list-disc space-y-1 pl-5 text-gray-800">
        {VALIDATION_RULES.map((r) => (
          <li key={r.code}>
            {locale === "zh-CN" ? r.nameZh : r.nameEn}
            <span className="block text-xs text-gray-600">{t("quality.validation.source", { source: locale === "zh-CN" ? r.basisZh : r.basisEn })}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}
