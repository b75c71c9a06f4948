/** Placeholder while duckdb-wasm computes; the status text is announced by the page's live region. */
import { useTranslation } from "react-i18next";

export function LoadingBlock({ height = "h-40", error }: { height?: string; error?: Error | null }) {
  const { t } = useTranslation();
  if (error)
    return (
      <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-900">
        {t("app.loadError", { message: error.message })}
      </p>
    );
  return (
    <div className={`${height} animate-pulse rounded-lg bg-gray-200`}>
      <span className="sr-only">{t("app.loadingRows")}</span>
    </div>
  );
}

/** A polite live region announcing that values are being (re)computed. */
export function BusyStatus({ busy }: { busy: boolean }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" className="sr-only">
      {busy ? t("app.loadingRows") : ""}
    </div>
  );
}
