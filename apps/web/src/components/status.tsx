/** A target status in words, colour and an icon together — never colour alone. */
import { useTranslation } from "react-i18next";
import type { TargetStatus } from "@linze/domain";
import { StatusIcon } from "./icons.tsx";

export const STATUS_CLASSES: Record<TargetStatus, string> = {
  met: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  near: "bg-amber-50 text-amber-900 ring-amber-600/40",
  below: "bg-rose-50 text-rose-800 ring-rose-600/30",
  noTarget: "bg-gray-50 text-gray-700 ring-gray-500/30",
  noValue: "bg-gray-50 text-gray-700 ring-gray-500/30",
};

export function StatusBadge({ status, testId }: { status: TargetStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_CLASSES[status]}`}
    >
      <StatusIcon status={status} className="h-3.5 w-3.5" />
      {t(`status.${status}`)}
    </span>
  );
}
