/**
 * Changing one's own password (`account.changePassword`): current password,
 * new password twice; errors in both languages in a live region. After a
 * change the server ends the session: the page goes to sign-in.
 */
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { trpc } from "../data/trpc.ts";
import { buttonClass } from "../components/assessment.tsx";
import type { Locale } from "@linze/domain";
import { useLocale } from "../components/locale.ts";
import { messageIn } from "../assessment/logic.ts";
import { MIN_PASSWORD_LENGTH } from "@linze/api/auth-schemas";

export function ChangePasswordForm({ forced = false }: { forced?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const id = useId();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  // The message is worded when shown, so it follows a change of language (issue 7).
  const [message, setMessage] = useState<{ kind: "error" | "ok"; text: (l: Locale) => string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) return setMessage({ kind: "error", text: () => t("auth.account.mismatch") });
    setBusy(true);
    try {
      await trpc.account.changePassword.mutate({ currentPassword: current, newPassword: next });
      setMessage({ kind: "ok", text: () => t("auth.account.saved") });
      window.setTimeout(() => window.location.assign("/login"), 1500);
    } catch (err) {
      setMessage({ kind: "error", text: (l) => t("auth.account.failed", { message: messageIn((err as Error).message, l) }) });
    } finally {
      setBusy(false);
    }
  };

  const field = "mt-1 block w-full rounded-md border border-gray-400 px-3 py-2 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600";
  return (
    <section aria-labelledby={`${id}-h`} className="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
      <h1 id={`${id}-h`} className="text-xl font-semibold text-gray-900">
        {t("auth.account.changePassword")}
      </h1>
      {forced && <p className="text-sm text-amber-900">{t("auth.account.mustChange")}</p>}
      <form onSubmit={(e) => void submit(e)} className="space-y-3" noValidate>
        <div>
          <label htmlFor={`${id}-c`} className="block text-sm font-medium text-gray-800">
            {t("auth.account.current")}
          </label>
          <input id={`${id}-c`} type="password" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} className={field} />
        </div>
        <div>
          <label htmlFor={`${id}-n`} className="block text-sm font-medium text-gray-800">
            {t("auth.account.new")}
          </label>
          <input id={`${id}-n`} type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH} value={next} onChange={(e) => setNext(e.target.value)} className={field} />
        </div>
        <div>
          <label htmlFor={`${id}-a`} className="block text-sm font-medium text-gray-800">
            {t("auth.account.confirm")}
          </label>
          <input id={`${id}-a`} type="password" autoComplete="new-password" required value={again} onChange={(e) => setAgain(e.target.value)} className={field} />
        </div>
        <div role="status" aria-live="polite" data-testid="password-status" className={message?.kind === "error" ? "text-sm text-rose-800" : "text-sm text-green-800"}>
          {message?.text(locale) ?? ""}
        </div>
        <button type="submit" disabled={busy} className={buttonClass.primary}>
          {t("auth.account.save")}
        </button>
      </form>
    </section>
  );
}

export default function AccountPage() {
  return (
    <div className="max-w-md">
      <ChangePasswordForm />
    </div>
  );
}
