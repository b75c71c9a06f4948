/** The reader's locale and the names of catalogue items in it (names are data, from the domain). */
import { useTranslation } from "react-i18next";
import type { Indicator, Locale, OrgUnit } from "@linze/domain";
import { localeOf } from "../i18n/index.ts";

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return localeOf(i18n.language);
}

export const orgUnitName = (u: Pick<OrgUnit, "nameZh" | "nameEn">, locale: Locale) => (locale === "zh-CN" ? u.nameZh : u.nameEn);
export const indicatorName = (i: Pick<Indicator, "nameZh" | "nameEn">, locale: Locale) => (locale === "zh-CN" ? i.nameZh : i.nameEn);
