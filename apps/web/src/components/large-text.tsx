/**
 * Large-text mode (issue 7 point 5): a toggle button (aria-pressed) that sets
 * `html.large-text` (root font size 125 %, so everything sized in rem grows)
 * and remembers the choice in localStorage under `linze.largeText`. The class
 * is applied when this module loads, before the first paint of the app.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";

const STORAGE_KEY = "linze.largeText";

function stored(): boolean {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === "1";
  } catch {
    return false;
  }
}

function apply(on: boolean): void {
  document.documentElement.classList.toggle("large-text", on);
}

apply(stored());

export function LargeTextToggle() {
  const { t } = useTranslation();
  const [on, setOn] = useState(stored);
  const toggle = () => {
    const next = !on;
    setOn(next);
    apply(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next ? "1" : "0");
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  };
  return (
    <button
      type="button"
      aria-pressed={on}
      data-testid="large-text-toggle"
      onClick={toggle}
      className={`rounded-md border px-3 py-1.5 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${
        on ? "border-blue-700 bg-blue-50 text-blue-900" : "border-gray-300 text-gray-800 hover:bg-gray-100"
      }`}
    >
      {t("a11y.largeText")}
    </button>
  );
}
