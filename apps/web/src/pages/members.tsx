/**
 * The registry of full-time committee members (残疾人专职委员, DOMAIN.md §2):
 * code, name, org unit served and months in post, filtered by township; add a
 * member or edit one (validated with the API's own member schemas; a stale
 * version is refused by the server and said so).
 */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import { MemberCreateInputSchema } from "@linze/api/schemas";
import { formatPeriod, type CommitteeMember } from "@linze/domain";
import { FilterSection } from "../components/filter-section.tsx";
import { BusyStatus } from "../components/loading.tsx";
import { buttonClass, FieldError, ListTable, Section } from "../components/assessment.tsx";
import { orgUnitName, useLocale } from "../components/locale.ts";
import { useAbilities } from "../auth/session.ts";
import { useData } from "../data/hooks.ts";
import { useCreateMember, useMembers, useUpdateMember } from "../data/assessment-hooks.ts";
import { issuesOf } from "../assessment/logic.ts";

type Draft = { code: string; name: string; orgUnit: string; inPostFrom: string; inPostTo: string };
const EMPTY: Draft = { code: "CM-", name: "", orgUnit: "", inPostFrom: "2016-01", inPostTo: "" };

export default function Members() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree, snapshot } = useData();
  const [params, setParams] = useSearchParams();
  const township = params.get("township") ?? "";
  const members = useMembers(township ? { under: township } : {});
  // Members of townships present by their totals only (a township officer's others) are never listed.
  const townships = tree.children(tree.root.code).filter((u) => !(snapshot.summaryOnly ?? []).includes(u.code));
  // Adding and editing members is the county's (assessment.manage).
  const mayManage = useAbilities().can("assessment.manage");
  const id = useId();
  const [editing, setEditing] = useState<{ version: number; code: string } | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  // Worded when shown, so it follows a change of language.
  const [done, setDone] = useState<{ text: () => string } | null>(null);
  const create = useCreateMember();
  const update = useUpdateMember();
  const [clientIssues, setClientIssues] = useState<Record<string, string>>({});
  const mutation = editing ? update : create;
  const issues = { ...clientIssues, ...(mutation.error ? issuesOf(mutation.error) : {}) };

  const startEdit = (m: CommitteeMember & { version: number }) => {
    create.reset();
    update.reset();
    setClientIssues({});
    setDone(null);
    setEditing({ version: m.version, code: m.code });
    setDraft({ code: m.code, name: m.name, orgUnit: m.orgUnit, inPostFrom: m.inPostFrom, inPostTo: m.inPostTo ?? "" });
    document.getElementById(`${id}-form`)?.scrollIntoView();
    document.getElementById(`${id}-name`)?.focus();
  };
  const submit = () => {
    setDone(null);
    const member = { code: draft.code.trim(), name: draft.name.trim(), orgUnit: draft.orgUnit, inPostFrom: draft.inPostFrom, inPostTo: draft.inPostTo || null };
    const parsed = MemberCreateInputSchema.safeParse(member);
    if (!parsed.success) {
      const out: Record<string, string> = {};
      for (const i of parsed.error.issues) out[i.path.map(String).join(".")] ??= i.message;
      setClientIssues(out);
      return;
    }
    setClientIssues({});
    const onSuccess = (m: { code: string }) => {
      const key = editing ? "assess.members.updated" : "assess.members.created";
      setDone({ text: () => t(key, { code: m.code }) });
      setEditing(null);
      setDraft(EMPTY);
    };
    if (editing) update.mutate({ ...parsed.data, version: editing.version }, { onSuccess });
    else create.mutate(parsed.data, { onSuccess });
  };
  const input = (key: keyof Draft, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div>
      <label htmlFor={`${id}-${key}`} className="text-sm font-medium text-gray-800">
        {label}
      </label>
      <input
        // A month field is laid out in the language it was created under (Chromium): a change of language re-creates it.
        key={props.type === "month" ? locale : "field"}
        lang={props.type === "month" ? locale : undefined}
        id={`${id}-${key}`}
        className="field-select"
        value={draft[key]}
        aria-invalid={issues[key] ? true : undefined}
        aria-describedby={issues[key] ? `${id}-${key}-err` : undefined}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        data-testid={`member-${key}`}
        {...props}
      />
      <FieldError id={`${id}-${key}-err`} message={issues[key]} />
    </div>
  );
  const inPost = (from: string, to: string | null) => (to ? t("assess.members.range", { from: formatPeriod(from, locale), to: formatPeriod(to, locale) }) : t("assess.members.since", { from: formatPeriod(from, locale) }));

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold text-gray-900">{t("assess.members.heading")}</h1>
      <p className="text-sm text-gray-700">{t("assess.members.intro")}</p>
      <BusyStatus busy={members.isFetching} />
      <FilterSection gridClassName="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor={`${id}-t`} className="text-sm font-medium text-gray-800">
            {t("filters.township")}
          </label>
          <select
            id={`${id}-t`}
            className="field-select"
            data-testid="members-township"
            value={township}
            onChange={(e) => setParams(e.target.value ? { township: e.target.value } : {}, { replace: true })}
          >
            <option value="">{t("assess.common.allTownships")}</option>
            {townships.map((u) => (
              <option key={u.code} value={u.code}>
                {orgUnitName(u, locale)}
              </option>
            ))}
          </select>
        </div>
      </FilterSection>

      <Section title={t("assess.members.listHeading", { count: members.data?.length ?? 0 })} testId="members-list">
        <ListTable
          rows={members.data}
          error={members.error}
          caption={t("assess.members.listHeading", { count: members.data?.length ?? 0 })}
          columns={[
            { label: t("assess.common.code") },
            { label: t("assess.members.name") },
            { label: t("assess.members.orgUnit") },
            { label: t("assess.members.inPost") },
            { label: t("assess.common.actions"), srOnly: true },
          ]}
        >
          {(rows) =>
            rows.map((m) => (
              <tr key={m.code} data-testid={`member-row-${m.code}`}>
                <th scope="row" className="whitespace-nowrap font-mono text-xs font-normal">
                  {m.code}
                </th>
                <td>{m.name}</td>
                <td className="whitespace-nowrap">{tree.has(m.orgUnit) ? orgUnitName(tree.get(m.orgUnit), locale) : m.orgUnit}</td>
                <td className="whitespace-nowrap">{inPost(m.inPostFrom, m.inPostTo)}</td>
                <td>
                  {mayManage && (
                    <button type="button" className={buttonClass.link} onClick={() => startEdit(m)} aria-label={t("assess.members.editLabel", { code: m.code })}>
                      {t("assess.common.edit")}
                    </button>
                  )}
                </td>
              </tr>
            ))
          }
        </ListTable>
      </Section>

      {mayManage && (
      <Section title={editing ? t("assess.members.editHeading", { code: editing.code }) : t("assess.members.addHeading")} testId="member-form">
        <form
          id={`${id}-form`}
          className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {input("code", t("assess.common.code"), { readOnly: editing !== null, "aria-readonly": editing !== null })}
          {input("name", t("assess.members.name"))}
          <div>
            <label htmlFor={`${id}-orgUnit`} className="text-sm font-medium text-gray-800">
              {t("assess.members.orgUnit")}
            </label>
            <select id={`${id}-orgUnit`} className="field-select" value={draft.orgUnit} onChange={(e) => setDraft({ ...draft, orgUnit: e.target.value })} data-testid="member-orgUnit">
              <option value="">{t("assess.common.choose")}</option>
              {townships.map((town) => (
                <optgroup key={town.code} label={orgUnitName(town, locale)}>
                  <option value={town.code}>{orgUnitName(town, locale)}</option>
                  {tree.children(town.code).map((v) => (
                    <option key={v.code} value={v.code}>
                      {"\u2003"}
                      {orgUnitName(v, locale)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
            <FieldError id={`${id}-orgUnit-err`} message={issues["orgUnit"]} />
          </div>
          {input("inPostFrom", t("assess.members.inPostFrom"), { type: "month" })}
          {input("inPostTo", t("assess.members.inPostTo"), { type: "month" })}
          <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-3">
            <button type="submit" className={buttonClass.primary} disabled={mutation.isPending} data-testid="member-save">
              {editing ? t("assess.common.save") : t("assess.members.add")}
            </button>
            {editing && (
              <button type="button" className={buttonClass.secondary} onClick={() => { setEditing(null); setDraft(EMPTY); update.reset(); setClientIssues({}); }}>
                {t("assess.common.cancel")}
              </button>
            )}
          </div>
          {issues[""] && <FieldError id={`${id}-err`} message={issues[""]} testId="member-error" />}
          <p role="status" aria-live="polite" className="text-sm text-emerald-800 sm:col-span-2 lg:col-span-3" data-testid="member-status">
            {done?.text() ?? ""}
          </p>
        </form>
      </Section>
      )}
    </div>
  );
}
