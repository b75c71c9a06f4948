/**
 * Target-responsibility letters (目标管理责任书), DOMAIN.md §2 and §6: the
 * letters of a year by assessed unit (townships, or committee members
 * filtered by township), units still without one (create, or copy last
 * year's), and one letter's items in an editor with the running points
 * total. The total is checked with the server's own `LetterSchema`, and the
 * server's error ("points sum to 97") is shown next to it.
 */
import { useEffect, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { INDICATORS, type AssessedUnitKind, type LetterItem } from "@linze/domain";
import { FilterSection } from "../components/filter-section.tsx";
import { BusyStatus, LoadingBlock } from "../components/loading.tsx";
import { buttonClass, FieldError, formatInstant, ListTable, Section, useUnitName } from "../components/assessment.tsx";
import { indicatorName, orgUnitName, useLocale } from "../components/locale.ts";
import { useAbilities, useSession } from "../auth/session.ts";
import { useData } from "../data/hooks.ts";
import { useCopyLetter, useCreateLetter, useLetter, useLetters, useMembers, useUpdateLetter } from "../data/assessment-hooks.ts";
import { formatPoints, issuesOf, letterIssues, letterPoints, newItem } from "../assessment/logic.ts";
import { usePeople } from "../data/people.ts";
import { Person } from "../components/person.tsx";

const DEFAULT_YEAR = 2016;

export default function Letters() {
  const { id } = useParams();
  if (id === "new") return <LetterEditor letterId={null} />;
  if (id !== undefined) return <LetterEditor letterId={Number(id)} />;
  return <LetterList />;
}

function LetterList() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  // Writing letters is the county's (assessment.manage); the others read them.
  const mayManage = useAbilities().can("assessment.manage");
  const unitName = useUnitName(tree);
  const [params, setParams] = useSearchParams();
  const year = Number(params.get("year") ?? DEFAULT_YEAR);
  // A committee member reads the own letter: the list opens on the members' letters (the townships' would be empty).
  const isMember = (useSession().data?.user?.committeeMember ?? null) !== null;
  const kind = (params.get("kind") ?? (isMember ? "committeeMember" : "township")) as AssessedUnitKind;
  const township = params.get("township") ?? "";
  const townships = tree.children(tree.root.code);
  const all = useLetters({});
  const members = useMembers(township ? { under: township } : {});
  const copy = useCopyLetter();
  const navigate = useNavigate();
  const id = useId();
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };

  const years = useMemo(() => {
    const ys = new Set((all.data ?? []).map((l) => l.year));
    ys.add(DEFAULT_YEAR);
    const max = Math.max(...ys);
    ys.add(max + 1);
    // The year asked for in the URL is always among the choices, so the select shows the year the page lists.
    if (Number.isInteger(year)) ys.add(year);
    return [...ys].sort();
  }, [all.data, year]);

  const inScope = (code: string, k: AssessedUnitKind) => {
    if (k !== kind) return false;
    if (kind === "township" || !township) return true;
    return (members.data ?? []).some((m) => m.code === code);
  };
  const letters = (all.data ?? []).filter((l) => l.year === year && inScope(l.assessedUnit.code, l.assessedUnit.kind));
  const lastYear = new Map((all.data ?? []).filter((l) => l.year === year - 1 && l.assessedUnit.kind === kind).map((l) => [l.assessedUnit.code, l]));
  const expectedUnits: { code: string; orgUnit: string }[] =
    kind === "township" ? townships.map((u) => ({ code: u.code, orgUnit: u.code })) : (members.data ?? []).map((m) => ({ code: m.code, orgUnit: m.orgUnit }));
  const withLetter = new Set(letters.map((l) => l.assessedUnit.code));
  const missing = expectedUnits.filter((u) => !withLetter.has(u.code));
  const orgOf = new Map((members.data ?? []).map((m) => [m.code, m.orgUnit]));
  const person = usePeople(letters.map((l) => l.updatedBy));

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">{t("assess.letters.heading", { year })}</h1>
      <p className="text-sm text-gray-700">{t("assess.letters.intro")}</p>
      <BusyStatus busy={all.isFetching || members.isFetching || copy.isPending} />
      <FilterSection gridClassName="grid grid-cols-1 gap-4 sm:grid-cols-3" className="print:hidden">
        <div>
          <label htmlFor={`${id}-y`} className="text-sm font-medium text-gray-800">
            {t("assess.common.year")}
          </label>
          <select id={`${id}-y`} data-testid="letters-year" className="field-select" value={year} onChange={(e) => set({ year: e.target.value })}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-k`} className="text-sm font-medium text-gray-800">
            {t("assess.common.assessedKind")}
          </label>
          <select id={`${id}-k`} data-testid="letters-kind" className="field-select" value={kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="township">{t("assess.kinds.township")}</option>
            <option value="committeeMember">{t("assess.kinds.committeeMember")}</option>
          </select>
        </div>
        {kind === "committeeMember" && (
          <div>
            <label htmlFor={`${id}-t`} className="text-sm font-medium text-gray-800">
              {t("filters.township")}
            </label>
            <select id={`${id}-t`} data-testid="letters-township" className="field-select" value={township} onChange={(e) => set({ township: e.target.value })}>
              <option value="">{t("assess.common.allTownships")}</option>
              {townships.map((u) => (
                <option key={u.code} value={u.code}>
                  {orgUnitName(u, locale)}
                </option>
              ))}
            </select>
          </div>
        )}
      </FilterSection>

      <Section title={t("assess.letters.listHeading", { year, count: letters.length })} testId="letters-list">
        <ListTable
          rows={all.data ? letters : undefined}
          error={all.error}
          empty={t("assess.letters.none", { year })}
          caption={t("assess.letters.listHeading", { year, count: letters.length })}
          columns={[
            { label: t("assess.common.assessedUnit") },
            { label: t("assess.common.code") },
            { label: t("assess.letters.items"), num: true },
            { label: t("assess.letters.pointsTotal"), num: true },
            { label: t("assess.common.version"), num: true },
            { label: t("assess.common.updated") },
          ]}
        >
          {(rows) =>
            rows.map((l) => (
              <tr key={l.id} data-testid={`letter-row-${l.assessedUnit.code}`}>
                <th scope="row" className="font-normal">
                  <Link to={`/letters/${l.id}`} className={buttonClass.link}>
                    {unitName(l.assessedUnit.kind, l.assessedUnit.code, orgOf.get(l.assessedUnit.code))}
                  </Link>
                </th>
                <td className="font-mono text-xs">{l.assessedUnit.code}</td>
                <td className="num">{l.items.length}</td>
                <td className="num">{formatPoints(letterPoints(l.items).total, locale)}</td>
                <td className="num">{l.version}</td>
                <td className="whitespace-nowrap text-xs">
                  <Person id={l.updatedBy} name={person} /> · {formatInstant(l.updatedAt, locale)}
                </td>
              </tr>
            ))
          }
        </ListTable>
      </Section>

      {all.data && missing.length > 0 && mayManage && (
        <Section title={t("assess.letters.missingHeading", { year, count: missing.length })} testId="letters-missing">
          {copy.error && <FieldError id={`${id}-copy-err`} message={issuesOf(copy.error)[""] ?? copy.error.message} />}
          <ul className="divide-y divide-gray-200">
            {missing.map((u) => {
              const previous = lastYear.get(u.code);
              return (
                <li key={u.code} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span>
                    {unitName(kind, u.code, u.orgUnit)} <span className="font-mono text-xs text-gray-600">{u.code}</span>
                  </span>
                  <span className="flex gap-2">
                    {previous && (
                      <button
                        type="button"
                        className={buttonClass.secondary}
                        data-testid={`copy-${u.code}`}
                        disabled={copy.isPending}
                        onClick={() => copy.mutate({ id: previous.id }, { onSuccess: (l) => navigate(`/letters/${l.id}`) })}
                      >
                        {t("assess.letters.copyFrom", { year: year - 1 })}
                      </button>
                    )}
                    <Link to={`/letters/new?year=${year}&kind=${kind}&code=${encodeURIComponent(u.code)}`} className={buttonClass.secondary}>
                      {t("assess.letters.create")}
                    </Link>
                  </span>
                </li>
              );
            })}
          </ul>
        </Section>
      )}
    </div>
  );
}

/** The editor of one letter's items; `letterId` null: a new letter for the unit in the URL (?year&kind&code). */
function LetterEditor({ letterId }: { letterId: number | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  const unitName = useUnitName(tree);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const stored = useLetter(letterId);
  const update = useUpdateLetter();
  const create = useCreateLetter();
  const copy = useCopyLetter();
  const id = useId();
  const [items, setItems] = useState<LetterItem[] | null>(null);
  const [saved, setSaved] = useState<string>("");
  const mayManage = useAbilities().can("assessment.manage");

  const year = letterId === null ? Number(params.get("year") ?? DEFAULT_YEAR) : stored.data?.year;
  const assessedUnit = letterId === null ? { kind: (params.get("kind") ?? "township") as AssessedUnitKind, code: params.get("code") ?? "" } : stored.data?.assessedUnit;
  const members = useMembers({});
  const orgOf = new Map((members.data ?? []).map((m) => [m.code, m.orgUnit]));
  const person = usePeople([stored.data?.updatedBy]);

  useEffect(() => {
    if (letterId === null && items === null) setItems([{ ...(newItem("manual", []) as LetterItem), points: 100 }]);
    if (letterId !== null && stored.data && items === null) setItems(stored.data.items.map((i) => ({ ...i })));
  }, [letterId, stored.data, items]);

  if (letterId !== null && !stored.data) return <LoadingBlock height="h-96" error={stored.error} notFoundTitle={t("app.letterNotFound")} />;
  if (!items || year === undefined || !assessedUnit) return <LoadingBlock height="h-96" />;

  const mutation = letterId === null ? create : update;
  const serverIssues = mutation.error ? issuesOf(mutation.error) : {};
  const clientIssues = letterIssues({ year, assessedUnit, items });
  const { total, ok } = letterPoints(items);
  // The server's message once saving was refused; until then the same check run here.
  const totalError = serverIssues["items"] ?? clientIssues["items"];
  const otherServerError = Object.entries(serverIssues).filter(([k]) => k !== "items");
  const name = unitName(assessedUnit.kind, assessedUnit.code, orgOf.get(assessedUnit.code));

  const change = (index: number, next: LetterItem) => {
    mutation.reset();
    setSaved("");
    setItems(items.map((it, i) => (i === index ? next : it)));
  };
  const save = () => {
    setSaved("");
    if (letterId === null) {
      create.mutate({ year, assessedUnit, items }, { onSuccess: (l) => navigate(`/letters/${l.id}`, { replace: true }) });
    } else {
      update.mutate(
        { id: letterId, version: stored.data!.version, items },
        { onSuccess: (l) => { setItems(l.items.map((i) => ({ ...i }))); setSaved(t("assess.letters.saved", { version: l.version })); } },
      );
    }
  };

  return (
    <div className="space-y-6">
      <p className="print:hidden">
        <Link to={`/letters?year=${year}&kind=${assessedUnit.kind}`} className={buttonClass.link}>
          {t("assess.letters.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold text-gray-900" data-testid="letter-heading">
        {letterId !== null ? t("assess.letters.editHeading", { unit: name, year }) : name ? t("assess.letters.newHeading", { unit: name, year }) : t("assess.letters.newHeadingNoUnit", { year })}
      </h1>
      {stored.data && (
        <p className="text-sm text-gray-700" title={stored.data.updatedBy} data-testid="letter-meta">
          {t("assess.letters.meta", { code: assessedUnit.code, version: stored.data.version, by: person(stored.data.updatedBy), at: formatInstant(stored.data.updatedAt, locale) })}
        </p>
      )}

      {!mayManage && (
        <p role="note" className="text-sm text-gray-700" data-testid="read-only-note">
          {t("scope.readOnly")}
        </p>
      )}
      <form
        className="space-y-4"
        aria-describedby={`${id}-total`}
        onSubmit={(e) => {
          e.preventDefault();
          if (mayManage && !mutation.isPending) save();
        }}
      >
        {/* Not a disabled fieldset: a role that may not edit reads the fields as read-only (ItemFields `readOnly`), focusable and announced so. */}
        <div className="space-y-4">
        <div className="sticky top-0 z-10 rounded-lg border border-gray-200 bg-white p-3 shadow-sm">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p id={`${id}-total`} data-testid="points-total" data-total={total} aria-live="polite" className={`text-base font-semibold ${ok ? "text-emerald-800" : "text-rose-800"}`}>
              {t(ok ? "assess.letters.totalOk" : "assess.letters.totalBad", { total: formatPoints(total, locale) })}
            </p>
            {mayManage && (
            <div className="flex flex-wrap gap-2">
              <button type="button" className={buttonClass.secondary} onClick={() => setItems([...items, newItem("indicator", items)])} data-testid="add-indicator-item">
                {t("assess.letters.addIndicator")}
              </button>
              <button type="button" className={buttonClass.secondary} onClick={() => setItems([...items, newItem("manual", items)])} data-testid="add-manual-item">
                {t("assess.letters.addManual")}
              </button>
              {/* aria-disabled, not disabled: a disabled button drops the keyboard focus to the page's body while saving. */}
              <button type="submit" className={buttonClass.primary} aria-disabled={mutation.isPending} data-testid="save-letter">
                {mutation.isPending ? t("assess.common.saving") : t("assess.common.save")}
              </button>
            </div>
            )}
          </div>
          <FieldError id={`${id}-total-err`} message={totalError} testId="points-error" />
          {otherServerError.map(([k, m]) => (
            <FieldError key={k} id={`${id}-err-${k}`} message={k ? `${k}: ${m}` : m} testId="save-error" />
          ))}
          <div role="status" aria-live="polite" data-testid="save-status" className="text-sm text-emerald-800">
            {saved}
          </div>
        </div>

        <ol className="space-y-3">
          {items.map((item, index) => (
            <li key={index}>
              <ItemFields
                item={item}
                index={index}
                issues={clientIssues}
                onChange={(next) => change(index, next)}
                onRemove={mayManage && items.length > 1 ? () => { mutation.reset(); setItems(items.filter((_, i) => i !== index)); } : undefined}
                readOnly={!mayManage}
              />
            </li>
          ))}
        </ol>
        </div>
      </form>

      {stored.data && (
        <Section title={t("assess.letters.otherActions")}>
          {copy.error && <FieldError id={`${id}-copy`} message={copy.error.message} testId="copy-error" />}
          {mayManage && (
          <button
            type="button"
            className={buttonClass.secondary}
            disabled={copy.isPending}
            data-testid="copy-next-year"
            onClick={() => copy.mutate({ id: letterId! }, { onSuccess: (l) => navigate(`/letters/${l.id}`) })}
          >
            {t("assess.letters.copyToNext", { year: year + 1 })}
          </button>
          )}
          <h3 className="mt-4 text-base font-semibold text-gray-900">{t("assess.letters.revisions")}</h3>
          <ol className="mt-1 list-inside list-decimal text-sm text-gray-700">
            {stored.data.revisions.map((r) => (
              <li key={r.version}>{t("assess.letters.revision", { version: r.version, by: r.changedBy, at: formatInstant(r.changedAt, locale), total: formatPoints(letterPoints(r.items).total, locale) })}</li>
            ))}
          </ol>
        </Section>
      )}
    </div>
  );
}

/**
 * One item's fields. `readOnly` (a role that may view the letter, not change
 * it): the text and number fields are readOnly — focusable, announced as read
 * only, their values selectable — and the selects and the veto checkbox, which
 * have no readOnly in HTML, disabled; index.css draws both as read-only.
 */
function ItemFields({ item, index, issues, onChange, onRemove, readOnly = false }: { item: LetterItem; index: number; issues: Record<string, string>; onChange: (i: LetterItem) => void; onRemove?: () => void; readOnly?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const num = (v: string) => (v.trim() === "" ? Number.NaN : Number(v));
  const numValue = (v: number | undefined) => (v === undefined || Number.isNaN(v) ? "" : String(v));
  const err = (field: string) => issues[`items.${index}.${field}`];
  const field = (key: string, label: string, input: React.ReactNode, wide = false) => (
    <div className={wide ? "sm:col-span-2" : ""}>
      <label htmlFor={`${id}-${key}`} className="text-sm font-medium text-gray-800">
        {label}
      </label>
      {input}
      <FieldError id={`${id}-${key}-err`} message={err(key)} />
    </div>
  );
  const numberInput = (key: string, value: number | undefined, set: (n: number) => void, step = "any") => (
    <input id={`${id}-${key}`} type="number" step={step} min={0} className="field-select" readOnly={readOnly} value={numValue(value)} onChange={(e) => set(num(e.target.value))} data-testid={`item-${index}-${key}`} />
  );

  return (
    <fieldset className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid={`item-${index}`}>
      <legend className="px-1 text-sm font-semibold text-gray-900">
        {t("assess.letters.itemLegend", { n: index + 1, id: item.id, kind: t(`assess.letters.itemKinds.${item.kind}`) })}
      </legend>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {item.kind === "indicator" ? (
          <>
            {field(
              "indicator",
              t("filters.indicator"),
              <select id={`${id}-indicator`} className="field-select" disabled={readOnly} value={item.indicator} onChange={(e) => onChange({ ...item, indicator: e.target.value })}>
                {INDICATORS.map((i) => (
                  <option key={i.code} value={i.code}>
                    {indicatorName(i, locale)}
                  </option>
                ))}
              </select>,
              true,
            )}
            {field("annualTarget", t("assess.letters.annualTarget"), numberInput("annualTarget", item.annualTarget, (n) => onChange({ ...item, annualTarget: n })))}
            {field(
              "direction",
              t("assess.letters.direction"),
              <select id={`${id}-direction`} className="field-select" disabled={readOnly} value={item.direction} onChange={(e) => onChange({ ...item, direction: e.target.value as "higher" | "lower" })}>
                <option value="higher">{t("assess.letters.directions.higher")}</option>
                <option value="lower">{t("assess.letters.directions.lower")}</option>
              </select>,
            )}
          </>
        ) : (
          <>
            {field("titleZh", t("assess.letters.titleZh"), <input id={`${id}-titleZh`} lang="zh-CN" className="field-select" readOnly={readOnly} value={item.titleZh} onChange={(e) => onChange({ ...item, titleZh: e.target.value })} />, true)}
            {field("titleEn", t("assess.letters.titleEn"), <input id={`${id}-titleEn`} lang="en" className="field-select" readOnly={readOnly} value={item.titleEn} onChange={(e) => onChange({ ...item, titleEn: e.target.value })} />, true)}
          </>
        )}
        {field("points", t("assess.letters.points"), numberInput("points", item.points, (n) => onChange({ ...item, points: n })))}
        {item.kind === "indicator" && (
          <>
            {field(
              "rule",
              t("assess.letters.rule"),
              <select
                id={`${id}-rule`}
                className="field-select"
                disabled={readOnly}
                value={item.rule.kind}
                onChange={(e) => {
                  const k = e.target.value;
                  onChange({ ...item, rule: k === "thresholds" ? { kind: "thresholds", pointsOffPerPoint: 1, floor: 0 } : { kind: k as "proportional" | "perCase" } });
                }}
              >
                <option value="proportional">{t("assess.rules.proportional")}</option>
                <option value="thresholds">{t("assess.rules.thresholds")}</option>
                <option value="perCase">{t("assess.rules.perCase")}</option>
              </select>,
            )}
            {item.rule.kind === "thresholds" && (
              <>
                {field("rule.pointsOffPerPoint", t("assess.letters.pointsOffPerPoint"), numberInput("rule.pointsOffPerPoint", item.rule.pointsOffPerPoint, (n) => onChange({ ...item, rule: { ...(item.rule as { kind: "thresholds"; floor: number; pointsOffPerPoint: number }), pointsOffPerPoint: n } })))}
                {field("rule.floor", t("assess.letters.floor"), numberInput("rule.floor", item.rule.floor, (n) => onChange({ ...item, rule: { ...(item.rule as { kind: "thresholds"; floor: number; pointsOffPerPoint: number }), floor: n } })))}
              </>
            )}
            {field(
              "bonusPerCase",
              t("assess.letters.bonusPerCase"),
              numberInput("bonusPerCase", item.bonusPerCase, (n) => {
                const { bonusPerCase: _drop, ...rest } = item;
                onChange(Number.isNaN(n) || n === 0 ? rest : { ...rest, bonusPerCase: n });
              }),
            )}
          </>
        )}
        <div className="flex items-end gap-2 pb-1">
          <input id={`${id}-veto`} type="checkbox" className="h-4 w-4 rounded border-gray-300 text-blue-700 focus:ring-blue-600" disabled={readOnly} checked={item.veto} onChange={(e) => onChange({ ...item, veto: e.target.checked })} />
          <label htmlFor={`${id}-veto`} className="text-sm font-medium text-gray-800">
            {t("assess.letters.veto")}
          </label>
        </div>
      </div>
      {onRemove && (
        <button type="button" className={`${buttonClass.danger} mt-3`} onClick={onRemove} data-testid={`remove-item-${index}`}>
          {t("assess.letters.remove", { id: item.id })}
        </button>
      )}
    </fieldset>
  );
}
