/**
 * A value in a table cell: formatted by the domain, "—" for no value, and
 * "not reported" (visibly different) when the org unit reported nothing.
 */
import { useTranslation } from "react-i18next";
import { formatValue, NO_VALUE, type IndicatorRow, type IndicatorUnit } from "@linze/domain";
import { useLocale } from "./locale.ts";

export function ValueText({ row, unit, part = "value" }: { row: IndicatorRow | undefined; unit: IndicatorUnit; part?: "value" | "numerator" | "denominator" }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!row) return <span className="text-xs italic text-gray-600">{t("value.notReported")}</span>;
  const v = row[part];
  if (v === null) return <span title={t("value.noValue")}>{NO_VALUE}</span>;
  // Numerator and denominator are counts or CNY amounts of data elements.
  const partUnit: IndicatorUnit = part === "value" ? unit : unit === "cny" ? "cny" : "count";
  return <>{formatValue(v, partUnit, locale)}</>;
}
