/**
 * Focus management after an in-app navigation (issue 7 point 2). A link
 * inside the content (a letter in the list, a run in the table) is removed
 * with the page it belongs to, and the browser then leaves the focus on the
 * document body: a keyboard user starts again from the top and a screen
 * reader says nothing. When that happens, the new page's main heading
 * (<main> h1, made focusable with tabindex -1) takes the focus once it is
 * rendered (pages show their heading after their data: tried for up to 5 s).
 * The header's links stay in place, so a navigation from them keeps the focus
 * on the link, as before. The browser's Back and Forward (a POP navigation)
 * have no link the reader chose: the focus left wherever it was (often a
 * header link) would belong to the page before, so the heading takes it
 * there too. Not on the first load.
 */
import { useEffect, useRef } from "react";
import { useLocation, useNavigationType } from "react-router-dom";

export function useFocusAfterNavigation(): void {
  const { pathname } = useLocation();
  const history = useNavigationType() === "POP";
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const from = document.activeElement;
    let tries = 0;
    let timer = 0;
    const attempt = () => {
      const active = document.activeElement;
      const lost = !active || active === document.body;
      // The reader has moved the focus somewhere else meanwhile: leave it.
      if (!lost && !(active === from && from.isConnected)) return;
      if (lost || history) {
        const heading = document.querySelector<HTMLElement>("main h1");
        if (heading) {
          if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
          heading.focus();
          return;
        }
      }
      if (++tries < 100) timer = window.setTimeout(attempt, 50);
    };
    timer = window.setTimeout(attempt, 0);
    return () => window.clearTimeout(timer);
    // Only a new path is a navigation: the type is read with the path it came with, not watched on its own.
  }, [pathname]);
}

/**
 * The document title names the page (WCAG 2.4.2): "<the main heading> · <the
 * app's title>", following the heading as the page renders it (pages show it
 * after their data) and the language; the app's title alone until a heading
 * is shown. `appTitle` is the app's title in the page's language.
 */
export function useDocumentTitle(appTitle: string): void {
  const { pathname } = useLocation();
  useEffect(() => {
    const main = document.getElementById("main");
    const update = () => {
      const heading = main?.querySelector("h1")?.textContent?.trim();
      const title = heading ? `${heading} · ${appTitle}` : appTitle;
      if (document.title !== title) document.title = title;
    };
    update();
    if (!main) return;
    const observer = new MutationObserver(update);
    observer.observe(main, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [pathname, appTitle]);
}
