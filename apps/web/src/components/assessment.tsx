/** Small shared pieces of the assessment pages: grade and status badges (words + icon + colour), field errors, page headings, unit names, the latest revision of a run's series. */
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Grade, OrgUnitTree, RectificationStatus } from "@linze/domain";
import { messageIn, type RunStatus } from "../assessment/logic.ts";
import { useRuns } from "../data/assessment-hooks.ts";
import { FindingStatusIcon, GradeIcon, StatusIcon } from "./icons.tsx";
import { LoadingBlock } from "./loading.tsx";
import { orgUnitName, useLocale } from "./locale.ts";

const GRADE_CLASSES: Record<Grade | "ungraded", string> = {
  excellent: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  good: "bg-blue-50 text-blue-800 ring-blue-600/30",
  pass: "bg-amber-50 text-amber-900 ring-amber-600/40",
  fail: "bg-rose-50 text-rose-800 ring-rose-600/30",
  ungraded: "bg-gray-50 text-gray-700 ring-gray-500/30",
};

export function GradeBadge({ grade, testId }: { grade: string | null; testId?: string }) {
  const { t } = useTranslation();
  const g = (grade ?? "ungraded") as Grade | "ungraded";
  return (
    <span data-testid={testId} data-grade={g} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${GRADE_CLASSES[g]}`}>
      <GradeIcon grade={g} className="h-3.5 w-3.5" />
      {t(`assess.grades.${g}`)}
    </span>
  );
}

const FINDING_CLASSES: Record<RectificationStatus, string> = {
  open: "bg-amber-50 text-amber-900 ring-amber-600/40",
  rectified: "bg-blue-50 text-blue-800 ring-blue-600/30",
  verified: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
};

export function FindingStatusBadge({ status, testId }: { status: RectificationStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span data-testid={testId} data-status={status} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${FINDING_CLASSES[status]}`}>
      <FindingStatusIcon status={status} />
      {t(`assess.findingStatus.${status}`)}
    </span>
  );
}

export function RunStatusBadge({ status, testId }: { status: RunStatus; testId?: string }) {
  const { t } = useTranslation();
  const cls = status === "published" ? "bg-emerald-50 text-emerald-800 ring-emerald-600/30" : status === "draft" ? "bg-gray-50 text-gray-700 ring-gray-500/30" : "bg-blue-50 text-blue-800 ring-blue-600/30";
  return (
    <span data-testid={testId} data-status={status} className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${cls}`}>
      {status === "published" && <FindingStatusIcon status="verified" />}
      {t(`assess.runStatus.${status}`)}
    </span>
  );
}

/** An error under a field, in the reader's language (the server's messages carry both). */
export function FieldError({ id, message, testId }: { id: string; message: string | undefined; testId?: string }) {
  const locale = useLocale();
  if (!message) return null;
  return (
    <p id={id} role="alert" data-testid={testId} className="mt-1 text-sm text-rose-800">
      {messageIn(message, locale)}
    </p>
  );
}

/** A titled card section (`aria-labelledby` its heading). */
export function Section({ title, children, testId, actions, level = 2 }: { title: string; children: ReactNode; testId?: string; actions?: ReactNode; level?: 2 | 3 }) {
  const id = useId();
  const H = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={`${id}-h`} data-testid={testId} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <H id={`${id}-h`} className="text-lg font-semibold text-gray-900">
          {title}
        </H>
        {actions}
      </div>
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** A wide table in a keyboard-scrollable, labelled region. */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="relative overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600">
      {children}
    </div>
  );
}

/** A column of a {@link ListTable}: its header (for screen readers only with `srOnly`), right-aligned for numbers with `num`. */
export interface ListColumn {
  readonly label: string;
  readonly num?: boolean;
  readonly srOnly?: boolean;
}

/**
 * A list a query reads, as the assessment pages show it: a loading block (or
 * the query's error) until `rows` come; the `empty` sentence when there are
 * none (without one, an empty table); else a table in a labelled,
 * keyboard-scrollable region, with `caption` for screen readers, the
 * columns' headers, and the body rows `children` makes of `rows`.
 */
export function ListTable<Row>({
  rows,
  error,
  empty,
  caption,
  columns,
  children,
}: {
  rows: readonly Row[] | undefined;
  error: Error | null;
  empty?: string;
  caption: string;
  columns: readonly ListColumn[];
  children: (rows: readonly Row[]) => ReactNode;
}) {
  const { t } = useTranslation();
  if (!rows) return <LoadingBlock error={error} />;
  if (rows.length === 0 && empty !== undefined) return <p className="text-sm text-gray-700">{empty}</p>;
  return (
    <TableRegion label={t("assess.common.scrollTable", { title: caption })}>
      <table className="data-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={c.num ? "num" : undefined}>
                {c.srOnly ? <span className="sr-only">{c.label}</span> : c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children(rows)}</tbody>
      </table>
    </TableRegion>
  );
}

/** An assessed unit's name: a township's name, or the org unit a member serves with the member's code. */
export function useUnitName(tree: OrgUnitTree) {
  const locale = useLocale();
  const { t } = useTranslation();
  return (kind: "township" | "committeeMember", code: string, orgUnit?: string) => {
    if (kind === "township") return tree.has(code) ? orgUnitName(tree.get(code), locale) : code;
    const ou = orgUnit ?? code.replace(/^CM-/, "");
    return tree.has(ou) ? t("assess.memberOf", { orgUnit: orgUnitName(tree.get(ou), locale), code }) : code;
  };
}

export const buttonClass = {
  primary:
    "inline-flex items-center rounded-md bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:bg-gray-400",
  secondary:
    "inline-flex items-center rounded-md border border-gray-300 bg-white px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 disabled:cursor-not-allowed disabled:text-gray-400",
  danger:
    "inline-flex items-center rounded-md border border-rose-300 bg-white px-3 py-1.5 text-sm font-medium text-rose-800 hover:bg-rose-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-rose-600",
  link: "text-blue-700 underline hover:text-blue-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600",
};

/**
 * "2026-11-29T09:51:13Z" → China's wall-clock date and time in the reader's language ("2026年11月29日 17:51"; audit stamps are
 * instants, unlike period labels), in Asia/Shanghai whatever the browser's zone, as the data-entry history and the users list
 * show theirs — one clock on every page.
 */
export function formatInstant(iso: string | null, locale: string): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(new Date(iso));
}

/** The latest revision of the run's series (year, quarter, scope, scope org unit), or undefined while loading. */
export function useLatestRevision(run: { year: number; quarter: number; scope: "townships" | "townshipMembers" | "countyMembers"; scopeOrgUnit: string }) {
  const runs = useRuns({ year: run.year, quarter: run.quarter, scope: run.scope });
  return (runs.data ?? []).filter((r) => r.scopeOrgUnit === run.scopeOrgUnit).sort((a, b) => b.revision - a.revision)[0];
}

/** "Published: changes go into a new revision", in words and with an icon. */
export function PublishedNote({ text, testId }: { text: string; testId: string }) {
  return (
    <p className="mb-3 flex items-start gap-2 rounded-md border border-blue-200 bg-blue-50 p-2 text-sm text-blue-900" data-testid={testId}>
      <StatusIcon status="near" className="mt-0.5 h-4 w-4" />
      <span>{text}</span>
    </p>
  );
}
