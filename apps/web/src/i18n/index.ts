/**
 * i18next set-up: zh-CN by default, English on request (remembered in
 * localStorage). `<html lang>` and the document title follow the language.
 */
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Locale } from "@linze/domain";
import { en } from "./en.ts";
import { zhCN } from "./zh-CN.ts";
import { offlineEn } from "./offline.en.ts";
import { offlineZhCN } from "./offline.zh-CN.ts";

export const resources = { "zh-CN": { translation: { ...zhCN, offline: offlineZhCN } }, en: { translation: { ...en, offline: offlineEn } } } as const;
export const LOCALES: readonly Locale[] = ["zh-CN", "en"];
const STORAGE_KEY = "linze.lang";

/** The domain formatter's locale for an i18next language. */
export function localeOf(language: string | undefined): Locale {
  return language?.startsWith("en") ? "en" : "zh-CN";
}

/** A fresh i18next instance with the app's resources (tests use this too). */
export function createI18n(lng: Locale = "zh-CN"): i18n {
  const instance = i18next.createInstance();
  void instance.init({ resources, lng, fallbackLng: "zh-CN", interpolation: { escapeValue: false }, initAsync: false, showSupportNotice: false });
  return instance;
}

function storedLocale(): Locale {
  try {
    return localeOf(window.localStorage.getItem(STORAGE_KEY) ?? "zh-CN");
  } catch {
    return "zh-CN";
  }
}

/** The browser's instance, bound to React. */
export function setUpI18n(): i18n {
  const instance = i18next.createInstance();
  instance.use(initReactI18next);
  const apply = (lng: string) => {
    document.documentElement.lang = localeOf(lng);
    document.title = instance.t("app.title");
  };
  instance.on("languageChanged", (lng) => {
    apply(lng);
    try {
      window.localStorage.setItem(STORAGE_KEY, localeOf(lng));
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  });
  void instance.init({ resources, lng: storedLocale(), fallbackLng: "zh-CN", interpolation: { escapeValue: false }, initAsync: false, showSupportNotice: false });
  apply(instance.language);
  return instance;
}
