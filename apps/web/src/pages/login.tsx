/**
 * 登录 / Sign in (issue 5 point 2): labelled username and password fields;
 * the server's message (wrong password, locked until when, disabled) in the
 * current language in a live region; after signing in, the page asked for
 * (`?next=`), loaded afresh. A user still signed in is sent there at once,
 * without the form.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router-dom";
import { login, mayHaveSession, safeNext, sessionUntil, useSession } from "../auth/session.ts";
import { buttonClass } from "../components/assessment.tsx";
import { useLocale } from "../components/locale.ts";

/** How long the sign-in page waits for GET /auth/me before it shows the form anyway, ms. */
const CHECK_WAIT_MS = 3000;

export default function Login() {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const location = useLocation();
  const id = useId();
  const params = new URLSearchParams(location.search);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<{ zh: string; en: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);
  // A user still signed in goes on, loaded afresh as after signing in. The server is asked only when this browser saw a
  // session that has not ended (mayHaveSession): a signed-out visitor's sign-in page asks nothing.
  const [ask] = useState(() => mayHaveSession(location.search, sessionUntil(), Date.now()));
  const session = useSession(ask);
  // A server that does not answer within CHECK_WAIT_MS does not keep the form away: it shows, and signing in still works.
  const [waitedOut, setWaitedOut] = useState(false);
  useEffect(() => {
    if (!ask) return;
    const timer = window.setTimeout(() => setWaitedOut(true), CHECK_WAIT_MS);
    return () => window.clearTimeout(timer);
  }, [ask]);
  const [sentOn, setSentOn] = useState(false);
  useEffect(() => {
    // An answer after the form was shown does not take the page away from someone who may be typing in it.
    if (!session.data || waitedOut || sentOn) return;
    setSentOn(true);
    window.location.replace(safeNext(location.search));
  }, [session.data, waitedOut, sentOn, location.search]);
  const goingOn = sentOn || (ask && !waitedOut && (session.isPending || session.data != null));
  useEffect(() => {
    document.title = `${t("auth.login.title")} · ${t("app.title")}`;
    userRef.current?.focus();
  }, [t, goingOn]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await login(username, password).catch(() => ({ ok: false as const, reason: "network", messageZh: i18n.getFixedT("zh-CN")("auth.login.network"), messageEn: i18n.getFixedT("en")("auth.login.network") }));
    if (result.ok) {
      window.location.assign(safeNext(location.search));
      return;
    }
    setBusy(false);
    setPassword("");
    setError({ zh: result.messageZh, en: result.messageEn });
  };

  const field = "mt-1 block w-full rounded-md border border-gray-400 px-3 py-2 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600";
  const notice = params.get("expired") ? t("auth.login.expired") : params.get("signedOut") ? t("auth.login.signedOut") : "";
  if (goingOn) {
    return (
      <p role="status" className="p-6 text-sm text-gray-700">
        {t("auth.login.checking")}
      </p>
    );
  }
  return (
    <div className="flex min-h-screen flex-col bg-gray-50">
      <header className="border-b border-gray-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between gap-4 px-4 py-3">
          <p className="text-lg font-semibold text-gray-900">{t("app.title")}</p>
          <button
            type="button"
            lang={locale === "zh-CN" ? "en" : "zh-CN"}
            aria-label={t("app.switchLanguageLabel")}
            data-testid="language-switch"
            onClick={() => void i18n.changeLanguage(locale === "zh-CN" ? "en" : "zh-CN")}
            className="rounded-md border border-gray-300 px-3 py-1.5 text-sm font-medium text-gray-800 hover:bg-gray-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
          >
            {t("app.switchLanguage")}
          </button>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-md flex-1 px-4 py-10">
        <section aria-labelledby={`${id}-h`} className="space-y-4 rounded-lg border border-gray-200 bg-white p-6 shadow-sm">
          <h1 id={`${id}-h`} className="text-xl font-semibold text-gray-900">
            {t("auth.login.heading")}
          </h1>
          {notice && (
            <p role="status" className="rounded-md border border-blue-200 bg-blue-50 p-3 text-sm text-blue-900">
              {notice}
            </p>
          )}
          <form onSubmit={(e) => void submit(e)} className="space-y-4" data-testid="login-form">
            <div>
              <label htmlFor={`${id}-u`} className="block text-sm font-medium text-gray-800">
                {t("auth.login.username")}
              </label>
              <input ref={userRef} id={`${id}-u`} name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} required value={username} onChange={(e) => setUsername(e.target.value)} aria-describedby={`${id}-e`} className={field} />
            </div>
            <div>
              <label htmlFor={`${id}-p`} className="block text-sm font-medium text-gray-800">
                {t("auth.login.password")}
              </label>
              <input id={`${id}-p`} name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby={`${id}-e`} className={field} />
            </div>
            <div id={`${id}-e`} role="alert" aria-live="assertive" data-testid="login-error" className="text-sm text-rose-800">
              {error ? t("auth.login.failed", { message: locale === "zh-CN" ? error.zh : error.en }) : ""}
            </div>
            <button type="submit" disabled={busy} className={`${buttonClass.primary} w-full justify-center py-2`}>
              {busy ? t("auth.login.submitting") : t("auth.login.submit")}
            </button>
          </form>
          <p className="text-xs text-gray-600">{t("auth.login.demoHint")}</p>
        </section>
      </main>
    </div>
  );
}
