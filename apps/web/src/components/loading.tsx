/** Placeholder while duckdb-wasm computes; the status text is announced by the page's live region. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { httpStatusOf } from "../data/trpc.ts";

/**
 * The placeholder, or the error in its place: a record the server does not
 * have is said as such in the page's language, with the way back to the
 * overview; any other error as "could not load" with the error's message.
 * `notFoundTitle`, given where the block stands for the whole page (the page's
 * own record, e.g. the run of /assessments/:runId), is the not-found state's
 * h1 — and so the document title (route-focus.ts), as on the page-not-found page.
 */
export function LoadingBlock({ height = "h-40", error, notFoundTitle }: { height?: string; error?: Error | null; notFoundTitle?: string }) {
  const { t } = useTranslation();
  // The server's "not found" (404): a run, letter or finding that does not exist.
  if (error && httpStatusOf(error) === 404)
    return (
      <div className="space-y-3">
        {notFoundTitle && (
          <h1 className="text-2xl font-semibold" data-testid="record-not-found-heading">
            {notFoundTitle}
          </h1>
        )}
        <div role="alert" className="space-y-2 rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-900" data-testid="record-not-found">
          <p>{t("app.recordNotFound")}</p>
          <Link to="/" className="text-blue-700 underline">
            {t("app.backHome")}
          </Link>
        </div>
      </div>
    );
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
