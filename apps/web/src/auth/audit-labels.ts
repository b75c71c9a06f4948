/**
 * The audit log's procedure names (`dataEntry.save`, `auth.login`,
 * `system.demoUsers`) as actions a person reads, in the page's language
 * (i18n `auth.audit.procedures.<router>.<procedure>`). The audit page shows
 * the label with the recorded name beside it for the auditor.
 */
import type { i18n as I18n } from "i18next";

/** The action's label in `i18n`'s language, or null for a name without one (a row written by an older version). */
export function procedureLabel(i18n: Pick<I18n, "exists" | "t">, procedure: string): string | null {
  if (!/^[A-Za-z]+(\.[A-Za-z]+)+$/.test(procedure)) return null;
  const key = `auth.audit.procedures.${procedure}`;
  return i18n.exists(key) ? i18n.t(key) : null;
}
