/**
 * Monthly supervision and rectification (月督查, 整改), DOMAIN.md §6: the
 * findings by unit and month, each with its rectification (owner, due date,
 * open → rectified → verified, the verification note); adding a finding;
 * moving a rectification one step (verifying needs a note); withdrawing a
 * finding with a reason (the county's; it stays listed, marked, and no longer
 * deducts in later runs); and the overdue
 * rectifications as of a stated date — the end of the latest data month
 * unless the reader picks another (never the browser's clock).
 */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { FindingCreateInputSchema } from "@linze/api/schemas";
import { formatPeriod, indicator as indicatorByCode, isIndicatorCode, type AssessedUnitKind, type LetterItem, type Locale, type RectificationStatus } from "@linze/domain";
import { FilterSection } from "../components/filter-section.tsx";
import { BusyStatus } from "../components/loading.tsx";
import { buttonClass, FieldError, FindingStatusBadge, formatInstant, ListTable, Section, useUnitName } from "../components/assessment.tsx";
import { indicatorName, orgUnitName, useLocale } from "../components/locale.ts";
import { useAbilities } from "../auth/session.ts";
import { useData } from "../data/hooks.ts";
import { useCreateFinding, useFindings, useLetters, useMembers, useOverdue, useSetFindingStatus, useWithdrawFinding } from "../data/assessment-hooks.ts";
import { canMoveFinding, daysOverdue, formatPoints, issuesOf, monthEndLabel, nextFindingStatus } from "../assessment/logic.ts";
import type { RouterOutputs } from "@linze/api";
import { usePeople } from "../data/people.ts";

type Finding = RouterOutputs["supervision"]["list"][number];
const STATUSES: readonly RectificationStatus[] = ["open", "rectified", "verified"];

export default function Supervision() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree, months, snapshot } = useData();
  const unitName = useUnitName(tree);
  const [params, setParams] = useSearchParams();
  const township = params.get("township") ?? "";
  const period = params.get("period") ?? months[months.length - 1]!.slice(0, 4);
  const status = (params.get("status") ?? "") as RectificationStatus | "";
  const kind = (params.get("kind") ?? "") as AssessedUnitKind | "";
  const findings = useFindings({ period, ...(township ? { under: township } : {}), ...(status ? { status } : {}), ...(kind ? { kind } : {}) });
  const members = useMembers({});
  const orgOf = new Map((members.data ?? []).map((m) => [m.code, m.orgUnit]));
  // Findings of townships present by their totals only (a township officer's others) are never listed.
  const townships = tree.children(tree.root.code).filter((u) => !(snapshot.summaryOnly ?? []).includes(u.code));
  const years = [...new Set(months.map((m) => m.slice(0, 4)))];
  const id = useId();
  // Recording findings is the county's (assessment.manage).
  const mayManage = useAbilities().can("assessment.manage");
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };
  const nameOf = (f: Finding) => unitName(f.assessedUnit.kind, f.assessedUnit.code, orgOf.get(f.assessedUnit.code));
  const person = usePeople((findings.data ?? []).flatMap((f) => [f.rectifiedBy, f.verifiedBy, f.withdrawal?.by ?? null]));
  const mayWithdraw = useAbilities().can("supervision.verify");

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">{t("assess.supervision.heading")}</h1>
      <p className="text-sm text-gray-700">{t("assess.supervision.intro")}</p>
      <BusyStatus busy={findings.isFetching} />
      <FilterSection gridClassName="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <label htmlFor={`${id}-p`} className="text-sm font-medium text-gray-800">
            {t("filters.period")}
          </label>
          <select id={`${id}-p`} className="field-select" data-testid="findings-period" value={period} onChange={(e) => set({ period: e.target.value })}>
            {years.map((y) => (
              <optgroup key={y} label={formatPeriod(y, locale)}>
                <option value={y}>{t("assess.supervision.wholeYear", { year: formatPeriod(y, locale) })}</option>
                {months
                  .filter((m) => m.startsWith(y))
                  .map((m) => (
                    <option key={m} value={m}>
                      {formatPeriod(m, locale)}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-t`} className="text-sm font-medium text-gray-800">
            {t("filters.township")}
          </label>
          <select id={`${id}-t`} className="field-select" data-testid="findings-township" value={township} onChange={(e) => set({ township: e.target.value })}>
            <option value="">{t("assess.common.allTownships")}</option>
            {townships.map((u) => (
              <option key={u.code} value={u.code}>
                {orgUnitName(u, locale)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-k`} className="text-sm font-medium text-gray-800">
            {t("assess.common.assessedKind")}
          </label>
          <select id={`${id}-k`} className="field-select" value={kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="">{t("assess.common.all")}</option>
            <option value="township">{t("assess.kinds.township")}</option>
            <option value="committeeMember">{t("assess.kinds.committeeMember")}</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-s`} className="text-sm font-medium text-gray-800">
            {t("assess.supervision.status")}
          </label>
          <select id={`${id}-s`} className="field-select" data-testid="findings-status" value={status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">{t("assess.common.all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`assess.findingStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </FilterSection>

      <Section title={t("assess.supervision.listHeading", { period: formatPeriod(period, locale), count: findings.data?.length ?? 0 })} testId="findings-list">
        <ListTable
          rows={findings.data}
          error={findings.error}
          empty={t("assess.supervision.none")}
          caption={t("assess.supervision.listTitle")}
          columns={[
            { label: t("assess.supervision.month") },
            { label: t("assess.common.assessedUnit") },
            { label: t("assess.supervision.item") },
            { label: t("assess.supervision.description") },
            { label: t("assess.supervision.pointsDeducted"), num: true },
            { label: t("assess.supervision.owner") },
            { label: t("assess.supervision.dueDate") },
            { label: t("assess.supervision.status") },
            { label: t("assess.supervision.note") },
            { label: t("assess.supervision.nextStep") },
          ]}
        >
          {(rows) =>
            rows.map((f) => (
              <tr key={f.id} data-testid={`finding-${f.id}`} data-withdrawn={f.withdrawal ? "true" : undefined} className={f.withdrawal ? "text-gray-600" : undefined}>
                <td className="whitespace-nowrap">{formatPeriod(f.month, locale)}</td>
                <th scope="row" className="font-normal">
                  {nameOf(f)}
                </th>
                <td className="font-mono text-xs">{f.itemId}</td>
                <td className="min-w-[12rem]">{f.description}</td>
                <td className="num">{f.withdrawal ? <del>{formatPoints(f.pointsDeducted, locale)}</del> : formatPoints(f.pointsDeducted, locale)}</td>
                <td className="min-w-[8rem]">{f.rectification.owner}</td>
                <td className="whitespace-nowrap">{f.rectification.dueDate}</td>
                <td>
                  <FindingStatusBadge status={f.rectification.status} testId={`finding-status-${f.id}`} />
                  {f.rectifiedAt && (
                    <span className="block text-xs text-gray-600" title={f.rectifiedBy ?? undefined}>
                      {t("assess.supervision.rectifiedBy", { by: f.rectifiedBy ? person(f.rectifiedBy) : "—", at: formatInstant(f.rectifiedAt, locale) })}
                    </span>
                  )}
                  {f.verifiedAt && (
                    <span className="block text-xs text-gray-600" title={f.verifiedBy ?? undefined}>
                      {t("assess.supervision.verifiedBy", { by: f.verifiedBy ? person(f.verifiedBy) : "—", at: formatInstant(f.verifiedAt, locale) })}
                    </span>
                  )}
                  {f.withdrawal && (
                    <span className="mt-1 block text-xs" data-testid={`finding-withdrawn-${f.id}`}>
                      <strong className="font-semibold text-rose-800">{t("assess.supervision.withdrawn")}</strong>
                      <span className="block text-gray-700" title={f.withdrawal.by}>
                        {t("assess.supervision.withdrawnBy", { by: person(f.withdrawal.by), at: formatInstant(f.withdrawal.at, locale), reason: f.withdrawal.reason })}
                      </span>
                    </span>
                  )}
                </td>
                <td className="min-w-[8rem] text-xs">{f.rectification.verificationNote ?? "—"}</td>
                <td>
                  {!f.withdrawal && (
                    <div className="flex flex-col gap-2">
                      <StatusStep finding={f} unitName={nameOf(f)} />
                      {mayWithdraw && <Withdraw finding={f} unitName={nameOf(f)} />}
                    </div>
                  )}
                </td>
              </tr>
            ))
          }
        </ListTable>
      </Section>

      <Overdue latestMonth={months[months.length - 1]!} township={township} nameOf={nameOf} />
      {mayManage && <AddFinding defaultMonth={months[months.length - 1]!} />}
    </div>
  );
}

/** The one step a finding may take next: a button (and, to verify, the required note). */
function StatusStep({ finding, unitName }: { finding: Finding; unitName: string }) {
  const { t } = useTranslation();
  const id = useId();
  const move = useSetFindingStatus();
  const [note, setNote] = useState("");
  const [tried, setTried] = useState(false);
  const abilities = useAbilities();
  const next = nextFindingStatus(finding.rectification.status);
  if (!next) return <span className="text-xs text-gray-600">{t("assess.supervision.done")}</span>;
  // Rectified is reported by the unit itself (or an administrator); verifying is the county's.
  const mayMove = next === "verified" ? abilities.can("supervision.verify") : abilities.can("supervision.rectify") && abilities.canActFor(finding.assessedUnit);
  if (!mayMove) return null;
  const needsNote = next === "verified";
  const allowed = canMoveFinding(finding.rectification.status, next, needsNote ? note : null);
  const label = t(`assess.supervision.moveTo.${next}`);
  return (
    <form
      className="flex min-w-[10rem] flex-col gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (allowed) move.mutate({ id: finding.id, status: next, note: needsNote ? note.trim() : null });
      }}
    >
      {needsNote && (
        <>
          <label htmlFor={`${id}-note`} className="text-xs font-medium text-gray-800">
            {t("assess.supervision.noteLabel")}
          </label>
          <textarea
            id={`${id}-note`}
            rows={2}
            className="field-select text-xs"
            value={note}
            aria-invalid={tried && !allowed ? true : undefined}
            aria-describedby={tried && !allowed ? `${id}-need` : undefined}
            onChange={(e) => setNote(e.target.value)}
            data-testid={`finding-note-${finding.id}`}
          />
          {tried && !allowed && <FieldError id={`${id}-need`} message={t("assess.supervision.noteRequired")} />}
        </>
      )}
      <button type="submit" className={buttonClass.secondary} disabled={move.isPending} aria-label={t("assess.supervision.moveLabel", { step: label, unit: unitName, id: finding.id })} data-testid={`finding-move-${finding.id}`}>
        {label}
      </button>
      {move.error && <FieldError id={`${id}-err`} message={move.error.message} />}
    </form>
  );
}

/** Withdrawing a finding (撤销), the county's: a button that opens the required reason and the confirmation. */
function Withdraw({ finding, unitName }: { finding: Finding; unitName: string }) {
  const { t } = useTranslation();
  const id = useId();
  const withdraw = useWithdrawFinding();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [tried, setTried] = useState(false);
  const missing = tried && reason.trim() === "";
  const describedBy = [missing ? `${id}-need` : "", withdraw.error ? `${id}-err` : ""].filter(Boolean).join(" ");
  if (!open) {
    return (
      <button type="button" className={buttonClass.secondary} aria-label={t("assess.supervision.withdrawLabel", { unit: unitName, id: finding.id })} onClick={() => setOpen(true)} data-testid={`finding-withdraw-${finding.id}`}>
        {t("assess.supervision.withdraw")}
      </button>
    );
  }
  return (
    <form
      className="flex min-w-[10rem] flex-col gap-1"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (reason.trim() !== "") withdraw.mutate({ id: finding.id, reason: reason.trim() });
      }}
    >
      <label htmlFor={`${id}-reason`} className="text-xs font-medium text-gray-800">
        {t("assess.supervision.withdrawReason")}
      </label>
      <textarea
        id={`${id}-reason`}
        rows={2}
        className="field-select text-xs"
        value={reason}
        aria-invalid={missing || withdraw.error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(e) => setReason(e.target.value)}
        data-testid={`finding-withdraw-reason-${finding.id}`}
      />
      {missing && <FieldError id={`${id}-need`} message={t("assess.supervision.withdrawReasonRequired")} />}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass.secondary} disabled={withdraw.isPending} aria-label={t("assess.supervision.withdrawConfirmLabel", { unit: unitName, id: finding.id })} data-testid={`finding-withdraw-confirm-${finding.id}`}>
          {t("assess.supervision.withdrawConfirm")}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={() => { setOpen(false); setTried(false); withdraw.reset(); }}>
          {t("assess.supervision.withdrawCancel")}
        </button>
      </div>
      {withdraw.error && <FieldError id={`${id}-err`} message={withdraw.error.message} />}
    </form>
  );
}

function Overdue({ latestMonth, township, nameOf }: { latestMonth: string; township: string; nameOf: (f: Finding) => string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const defaultAsOf = monthEndLabel(latestMonth);
  const [chosen, setChosen] = useState("");
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(chosen) ? chosen : defaultAsOf;
  const overdue = useOverdue({ asOf, ...(township ? { under: township } : {}) });
  return (
    <Section title={t("assess.supervision.overdueHeading", { asOf })} testId="overdue">
      <p className="text-sm text-gray-700" data-testid="overdue-as-of">
        {asOf === defaultAsOf ? t("assess.supervision.asOfDefault", { asOf, month: formatPeriod(latestMonth, locale) }) : t("assess.supervision.asOfChosen", { asOf })}
      </p>
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor={`${id}-asof`} className="text-sm font-medium text-gray-800">
            {t("assess.supervision.asOfLabel")}
          </label>
          {/* key and lang: a date field is laid out in the lang it was created under (Chromium); a change of language re-creates it in the new one (<html lang> follows only after the render). */}
          <input key={locale} lang={locale} id={`${id}-asof`} type="date" className="field-select" value={asOf} onChange={(e) => setChosen(e.target.value)} data-testid="overdue-date" />
        </div>
        {asOf !== defaultAsOf && (
          <button type="button" className={buttonClass.secondary} onClick={() => setChosen("")}>
            {t("assess.supervision.asOfReset", { asOf: defaultAsOf })}
          </button>
        )}
      </div>
      <div className="mt-3">
        <ListTable
          rows={overdue.data}
          error={overdue.error}
          empty={t("assess.supervision.noOverdue")}
          caption={t("assess.supervision.overdueHeading", { asOf })}
          columns={[
            { label: t("assess.common.assessedUnit") },
            { label: t("assess.supervision.month") },
            { label: t("assess.supervision.description") },
            { label: t("assess.supervision.owner") },
            { label: t("assess.supervision.dueDate") },
            { label: t("assess.supervision.daysOverdue"), num: true },
            { label: t("assess.supervision.status") },
          ]}
        >
          {(rows) =>
            rows.map((f) => (
              <tr key={f.id} data-testid={`overdue-${f.id}`}>
                <th scope="row" className="font-normal">
                  {nameOf(f)}
                </th>
                <td className="whitespace-nowrap">{formatPeriod(f.month, locale)}</td>
                <td>{f.description}</td>
                <td>{f.rectification.owner}</td>
                <td className="whitespace-nowrap">{f.rectification.dueDate}</td>
                <td className="num">{daysOverdue(f.rectification.dueDate, asOf)}</td>
                <td>
                  <FindingStatusBadge status={f.rectification.status} />
                </td>
              </tr>
            ))
          }
        </ListTable>
      </div>
    </Section>
  );
}

function AddFinding({ defaultMonth }: { defaultMonth: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  const id = useId();
  const townships = tree.children(tree.root.code);
  const [kind, setKind] = useState<AssessedUnitKind>("township");
  const [code, setCode] = useState("");
  const [month, setMonth] = useState(defaultMonth);
  const [itemId, setItemId] = useState("");
  const [description, setDescription] = useState("");
  const [points, setPoints] = useState("0.5");
  const [owner, setOwner] = useState("");
  const [dueDate, setDueDate] = useState("");
  // The issues of the last submit (the form's own checks, else the server's), by field path; a field's issue is
  // dropped when that field (or one it depends on) changes, so no message outlives the value it was about.
  const [issues, setIssues] = useState<Record<string, string>>({});
  // Worded when shown, so it follows a change of language.
  const [done, setDone] = useState<{ text: () => string } | null>(null);
  const members = useMembers({});
  const year = Number(month.slice(0, 4));
  const letters = useLetters({ year, kind });
  const letter = (letters.data ?? []).find((l) => l.assessedUnit.code === code);
  const create = useCreateFinding();
  const unitName = useUnitName(tree);
  const { i18n } = useTranslation();
  const clear = (...paths: string[]) =>
    setIssues((prev) => (paths.some((p) => p in prev) || "" in prev ? Object.fromEntries(Object.entries(prev).filter(([k]) => k !== "" && !paths.includes(k))) : prev));
  /** A field in error says so and points to its message (screen readers read it with the field). */
  const invalid = (key: string, issue: string) => (issues[issue] ? { "aria-invalid": true, "aria-describedby": `${id}-${key}-err` } : {});

  const submit = () => {
    setDone(null);
    const finding = {
      assessedUnit: { kind, code },
      month,
      itemId,
      description: description.trim(),
      pointsDeducted: points.trim() === "" ? Number.NaN : Number(points),
      rectification: { owner: owner.trim(), dueDate, status: "open" as const, verificationNote: null },
    };
    const parsed = FindingCreateInputSchema.safeParse(finding);
    const out: Record<string, string> = {};
    if (!parsed.success) for (const i of parsed.error.issues) out[i.path.map(String).join(".")] ??= i.message;
    // The deduction comes off the chosen item (DOMAIN.md §6): never more than the item's points (the server refuses it too).
    const item = letter?.items.find((i) => i.id === itemId);
    if (item && finding.pointsDeducted > item.points && !out["pointsDeducted"]) {
      // "English (中文)", as the server's messages are, so it follows a change of language.
      const worded = (lng: Locale) => i18n.getFixedT(lng)("assess.supervision.pointsOverItem", { points: finding.pointsDeducted, id: item.id, item: itemTitle(item, lng), itemPoints: item.points });
      out["pointsDeducted"] = `${worded("en")} (${worded("zh-CN")})`;
    }
    setIssues(out);
    if (!parsed.success || Object.keys(out).length > 0) return;
    create.mutate(parsed.data, {
      onSuccess: (f) => {
        setDone({ text: () => t("assess.supervision.added", { id: f.id }) });
        setDescription("");
      },
      onError: (e) => setIssues(issuesOf(e)),
    });
  };
  const label = (key: string, text: string) => (
    <label htmlFor={`${id}-${key}`} className="text-sm font-medium text-gray-800">
      {text}
    </label>
  );

  return (
    <Section title={t("assess.supervision.addHeading")} testId="add-finding">
      <form
        className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4"
        // The form's own checks, shown under each field, decide (the browser's would block a submit for −3 and leave the old messages).
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div>
          {label("kind", t("assess.common.assessedKind"))}
          <select id={`${id}-kind`} className="field-select" value={kind} onChange={(e) => { setKind(e.target.value as AssessedUnitKind); setCode(""); setItemId(""); clear("assessedUnit.code", "itemId", "pointsDeducted"); }}>
            <option value="township">{t("assess.kinds.township")}</option>
            <option value="committeeMember">{t("assess.kinds.committeeMember")}</option>
          </select>
        </div>
        <div className="sm:col-span-1 lg:col-span-2">
          {label("code", t("assess.common.assessedUnit"))}
          <select id={`${id}-code`} {...invalid("code", "assessedUnit.code")} className="field-select" value={code} onChange={(e) => { setCode(e.target.value); setItemId(""); clear("assessedUnit.code", "itemId", "pointsDeducted", "month"); }} data-testid="finding-unit">
            <option value="">{t("assess.common.choose")}</option>
            {kind === "township"
              ? townships.map((u) => (
                  <option key={u.code} value={u.code}>
                    {orgUnitName(u, locale)}
                  </option>
                ))
              : (members.data ?? []).map((m) => (
                  <option key={m.code} value={m.code}>
                    {unitName("committeeMember", m.code, m.orgUnit)}
                  </option>
                ))}
          </select>
          <FieldError id={`${id}-code-err`} message={issues["assessedUnit.code"]} />
        </div>
        <div>
          {label("month", t("assess.supervision.month"))}
          <input key={locale} lang={locale} id={`${id}-month`} {...invalid("month", "month")} type="month" className="field-select" value={month} onChange={(e) => { setMonth(e.target.value); clear("month", "rectification.dueDate", "itemId"); }} data-testid="finding-month" />
          <FieldError id={`${id}-month-err`} message={issues["month"]} />
        </div>
        <div className="lg:col-span-2">
          {label("item", t("assess.supervision.item"))}
          <select id={`${id}-item`} {...invalid("item", "itemId")} className="field-select" value={itemId} onChange={(e) => { setItemId(e.target.value); clear("itemId", "pointsDeducted"); }} disabled={!letter} data-testid="finding-item">
            <option value="">{letter ? t("assess.common.choose") : code === "" ? t("assess.supervision.unitFirst") : t("assess.supervision.noLetter", { year })}</option>
            {(letter?.items ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.id} · {itemTitle(i, locale)} ({formatPoints(i.points, locale)})
              </option>
            ))}
          </select>
          <FieldError id={`${id}-item-err`} message={issues["itemId"]} />
        </div>
        <div className="lg:col-span-2">
          {label("desc", t("assess.supervision.description"))}
          <textarea id={`${id}-desc`} {...invalid("desc", "description")} rows={2} className="field-select" value={description} onChange={(e) => { setDescription(e.target.value); clear("description"); }} data-testid="finding-description" />
          <FieldError id={`${id}-desc-err`} message={issues["description"]} />
        </div>
        <div>
          {label("points", t("assess.supervision.pointsDeducted"))}
          <input id={`${id}-points`} {...invalid("points", "pointsDeducted")} type="number" min={0} step="any" className="field-select" value={points} onChange={(e) => { setPoints(e.target.value); clear("pointsDeducted"); }} data-testid="finding-points" />
          <FieldError id={`${id}-points-err`} message={issues["pointsDeducted"]} />
        </div>
        <div>
          {label("owner", t("assess.supervision.owner"))}
          <input id={`${id}-owner`} {...invalid("owner", "rectification.owner")} className="field-select" value={owner} onChange={(e) => { setOwner(e.target.value); clear("rectification.owner"); }} data-testid="finding-owner" />
          <FieldError id={`${id}-owner-err`} message={issues["rectification.owner"]} />
        </div>
        <div>
          {label("due", t("assess.supervision.dueDate"))}
          <input key={locale} lang={locale} id={`${id}-due`} {...invalid("due", "rectification.dueDate")} type="date" className="field-select" value={dueDate} onChange={(e) => { setDueDate(e.target.value); clear("rectification.dueDate"); }} data-testid="finding-due" />
          <FieldError id={`${id}-due-err`} message={issues["rectification.dueDate"]} />
        </div>
        <div className="flex items-end">
          <button type="submit" className={buttonClass.primary} disabled={create.isPending} data-testid="finding-add">
            {t("assess.supervision.add")}
          </button>
        </div>
        {issues[""] && <FieldError id={`${id}-err`} message={issues[""]} testId="finding-form-error" />}
        <p role="status" aria-live="polite" className="text-sm text-emerald-800 sm:col-span-2 lg:col-span-4">
          {done?.text() ?? ""}
        </p>
      </form>
    </Section>
  );
}

/** A letter item as the form names it: a manual item's title, an indicator's name (its code when unknown), in `locale`. */
function itemTitle(item: LetterItem, locale: Locale): string {
  if (item.kind === "manual") return locale === "zh-CN" ? item.titleZh : item.titleEn;
  return isIndicatorCode(item.indicator) ? indicatorName(indicatorByCode(item.indicator), locale) : item.indicator;
}
