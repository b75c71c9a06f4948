/** A monthly report's status in words, icon and colour together — never colour alone. */
import { useTranslation } from "react-i18next";
import type { ReportStatus } from "@linze/domain";

const PATHS: Record<ReportStatus, string> = {
  // check in a circle
  onTime: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.857-9.809a.75.75 0 0 0-1.214-.882l-3.483 4.79-1.88-1.88a.75.75 0 1 0-1.06 1.061l2.5 2.5a.75.75 0 0 0 1.137-.089l4-5.5Z",
  // clock
  late: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm.75-13a.75.75 0 0 0-1.5 0v5c0 .414.336.75.75.75h4a.75.75 0 0 0 0-1.5h-3.25V5Z",
  // cross in a circle
  missing: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM8.28 7.22a.75.75 0 0 0-1.06 1.06L8.94 10l-1.72 1.72a.75.75 0 1 0 1.06 1.06L10 11.06l1.72 1.72a.75.75 0 1 0 1.06-1.06L11.06 10l1.72-1.72a.75.75 0 0 0-1.06-1.06L10 8.94 8.28 7.22Z",
  // dash in a circle
  notYetDue: "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16ZM6.75 9.25a.75.75 0 0 0 0 1.5h6.5a.75.75 0 0 0 0-1.5h-6.5Z",
};

export const REPORT_STATUS_CLASSES: Record<ReportStatus, string> = {
  onTime: "bg-emerald-50 text-emerald-800",
  late: "bg-amber-50 text-amber-900",
  missing: "bg-rose-50 text-rose-800",
  notYetDue: "bg-gray-50 text-gray-700",
};

export function ReportStatusIcon({ status, className = "h-3.5 w-3.5" }: { status: ReportStatus; className?: string }) {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" focusable="false" className={`shrink-0 ${className}`}>
      <path fillRule="evenodd" clipRule="evenodd" d={PATHS[status]} />
    </svg>
  );
}

/** "按时" / "逾期13天" / "未报送" / "未到期" with its icon; in a legend, "逾期" without days. */
export function ReportStatusText({ status, daysLate, legend = false }: { status: ReportStatus; daysLate: number; legend?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap font-medium">
      <ReportStatusIcon status={status} />
      {status === "late" ? (legend ? t("quality.status.lateWord") : t("quality.status.late", { days: daysLate })) : t(`quality.status.${status}`)}
    </span>
  );
}

/** A small warning triangle (decorative). */
export function WarningIcon({ className = "h-4 w-4" }: { className?: string }) {
  return (
    <svg viewBox="0 0 20 20" fill="currentColor" aria-hidden="true" focusable="false" className={`shrink-0 ${className}`}>
      <path
        fillRule="evenodd"
        clipRule="evenodd"
        d="M8.485 2.495c.673-1.167 2.357-1.167 3.03 0l6.28 10.875c.673 1.167-.17 2.625-1.516 2.625H3.72c-1.347 0-2.189-1.458-1.515-2.625L8.485 2.495ZM10 5a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 5Zm0 9a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z"
      />
    </svg>
  );
}
