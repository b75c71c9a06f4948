/**
 * The filter panel of a page: a labelled section (its heading for screen
 * readers only) holding a form whose fields apply at once, so the form is
 * never submitted.
 */
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function FilterSection({ gridClassName, className = "", children }: { gridClassName: string; className?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-f`} className={`rounded-lg border border-gray-200 bg-white p-4 shadow-sm ${className}`.trim()}>
      <h2 id={`${id}-f`} className="sr-only">
        {t("filters.heading")}
      </h2>
      <form className={gridClassName} onSubmit={(e) => e.preventDefault()}>
        {children}
      </form>
    </section>
  );
}
