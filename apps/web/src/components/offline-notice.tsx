/**
 * Says that the page shows the offline copy of the data (the server could not
 * be reached; the service worker answered, sw/sw.ts) and from when that copy
 * is. Nothing when the data came from the server.
 */
import { useTranslation } from "react-i18next";
import { useLocale } from "./locale.ts";

/** `since`: null (data from the server), or the copy's fetch time as ISO 8601 ("" when unknown). */
export function OfflineNotice({ since }: { since: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (since === null) return null;
  const time = since ? new Date(since) : null;
  const when = time && !Number.isNaN(time.getTime()) ? time.toLocaleString(locale === "zh-CN" ? "zh-CN" : "en-GB", { dateStyle: "medium", timeStyle: "short" }) : null;
  return (
    <div role="note" data-testid="offline-notice" data-since={since} className="border-t border-sky-200 bg-sky-50">
      <p className="mx-auto max-w-7xl px-4 py-2 text-sm text-sky-900">
        <strong className="mr-2 rounded bg-sky-200 px-1.5 py-0.5 font-semibold">{t("offline.badge")}</strong>
        {when ? t("offline.notice", { when }) : t("offline.noticeUnknownTime")}
      </p>
    </div>
  );
}
