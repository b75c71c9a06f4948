/**
 * A short notice under a page's filters when the shown month (or the last
 * month of the shown period) has a township whose report is missing or
 * villages that did not report, so its monthly rates may be off; links to
 * the data-quality page. Nothing while loading or when all is well.
 */
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatPeriod, lastMonthOf } from "@linze/domain";
import { useData } from "../data/hooks.ts";
import { useCompleteness } from "../data/quality-hooks.ts";
import { reportingNoticeItems } from "../quality/notice.ts";
import { orgUnitName, useLocale } from "./locale.ts";
import { WarningIcon } from "./report-status.tsx";

export function ReportingNotice({ period, orgUnit }: { period: string; orgUnit: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { tree } = useData();
  const month = lastMonthOf(period);
  const year = Number(month.slice(0, 4));
  const completeness = useCompleteness(year);
  if (!completeness.data) return null;
  const items = reportingNoticeItems(completeness.data, tree, orgUnit, period);
  if (items.length === 0) return null;
  const text = items
    .map((i) => {
      const township = orgUnitName(tree.get(i.township), locale);
      return i.kind === "reportMissing" ? t("quality.notice.reportMissing", { township }) : t("quality.notice.villagesMissing", { township, count: i.count });
    })
    .join(t("quality.notice.separator"));
  return (
    <p role="note" data-testid="reporting-notice" className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      <WarningIcon />
      <span>{t("quality.notice.line", { month: formatPeriod(month, locale), items: text })}</span>
      <Link to={`/quality?year=${year}`} className="font-medium text-blue-800 underline hover:text-blue-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600">
        {t("quality.notice.link")}
      </Link>
    </p>
  );
}
