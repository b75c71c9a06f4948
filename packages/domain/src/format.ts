/**
 * Number formatting for every reader of the product (dashboard, CLI), one
 * module, through Intl. No value is "—", never NaN %, 0 % or Infinity.
 * Rates are percent values (83.3 means 83.3 %). Money is CNY; Chinese readers
 * get 万元 from 10,000 yuan up, always with two decimals (16.20万元 next to
 * 15.08万元 in one column), English readers whole yuan (CNY 16,200).
 */
import type { IndicatorUnit } from "./indicators.ts";

export type Locale = "zh-CN" | "en";

export const NO_VALUE = "—";

const cache = new Map<string, Intl.NumberFormat>();
function nf(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = locale + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/** A value in its unit for display: 83.3%, 1,688, 185.64万元 / CNY 1,856,400. */
export function formatValue(value: number | null, unit: IndicatorUnit, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  if (unit === "percent") return nf(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value / 100);
  if (unit === "count") return nf(locale, { maximumFractionDigits: 0 }).format(value);
  if (locale === "zh-CN") {
    if (Math.abs(value) >= 10_000) return `${nf(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value / 10_000)}万元`;
    return `${nf(locale, { maximumFractionDigits: 2 }).format(value)}元`;
  }
  return nf(locale, { style: "currency", currency: "CNY", currencyDisplay: "code", maximumFractionDigits: 0 }).format(value);
}

/** A plain number with grouping and up to two decimals (48,000; 9.5): counts and CNY inside sentences. */
export function formatNumber(value: number | null, locale: Locale): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  return nf(locale, { maximumFractionDigits: 2 }).format(value);
}

/** A change: "+2.5个百分点" / "+2.5 pts" for rates, "+10.0%" for counts; "—" for none. */
export function formatChange(change: { kind: "points" | "ratio"; value: number } | null, locale: Locale): string {
  if (change === null) return NO_VALUE;
  if (change.kind === "points") {
    const n = nf(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: "exceptZero" }).format(change.value);
    return locale === "zh-CN" ? `${n}个百分点` : `${n} pts`;
  }
  return nf(locale, { style: "percent", maximumFractionDigits: 1, minimumFractionDigits: 1, signDisplay: "exceptZero" }).format(change.value);
}

/** A period label for display: 2016年3月 / Mar 2016, 2016年第1季度 / 2016 Q1, 2016年 / 2016. */
export function formatPeriod(label: string, locale: Locale): string {
  const m = /^(\d{4})(?:-(\d{2})|Q([1-4]))?$/.exec(label);
  if (!m) return label;
  const [, y, month, q] = m;
  if (month) {
    if (locale === "zh-CN") return `${y}年${Number(month)}月`;
    const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    return `${names[Number(month) - 1]} ${y}`;
  }
  if (q) return locale === "zh-CN" ? `${y}年第${q}季度` : `${y} Q${q}`;
  return locale === "zh-CN" ? `${y}年` : y!;
}
