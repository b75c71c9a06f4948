/**
 * Cell text → a data value's canonical decimal text, exactly (no floating
 * point on text: "0.1" stays "0.1"), with the unit rules of the data element's
 * value type (DOMAIN.md §3, §5; data/README.md "Data elements").
 */
import type { ValueType } from "@linze/domain";
import { normaliseText } from "./text.ts";

/**
 * `count`: a whole number ≥ 0. `cny`: yuan ≥ 0, at most 2 decimals (fen).
 * `ratio`: a rate as a ratio 0–1 ("95%", "19/20", a percent-formatted XLSX cell → "0.95");
 * no data element is a ratio today, it is there for a mapping that targets a rate column.
 */
export type CellValueType = ValueType | "ratio";

export type CellNumberErrorCode = "bad_number" | "exponent" | "too_large" | "negative_count" | "negative_amount" | "decimal_count" | "too_many_decimals";

export type CellNumber =
  | { kind: "value"; value: string }
  | { kind: "missing" }
  | { kind: "error"; code: CellNumberErrorCode; messageZh: string; messageEn: string };

/** Written for "no value" on report sheets: missing, never 0 (compared after NFKC, lower case). */
const MISSING = new Set(["", "-", "--", "---", "—", "——", "–", "――", "―", "/", "\\", "无", "空", "n/a", "na", "null", "none"]);

const EXCEL_ERROR = /^#(n\/a|div\/0!|value!|ref!|name\?|num!|null!|getting_data|spill!|calc!)$/i;

/** Integer digits beyond this cannot leave as exact JS numbers (2^53 ≈ 9.0e15). */
const MAX_INTEGER_DIGITS = 15;

/** Decimal places kept when a fraction ("1/3") does not terminate; rounded half up. */
const RATIO_DECIMALS = 12;

const MISSING_VALUE: CellNumber = { kind: "missing" };

function fail(code: CellNumberErrorCode, messageZh: string, messageEn: string): CellNumber {
  return { kind: "error", code, messageZh, messageEn };
}

function notANumber(text: string): CellNumber {
  return fail("bad_number", `不是数字：“${text}”`, `not a number: "${text}"`);
}

/** An exact decimal: sign, integer digits without leading zeros ("0" for none), fraction digits without trailing zeros. */
interface Decimal {
  negative: boolean;
  int: string;
  frac: string;
}

function makeDecimal(negative: boolean, int: string, frac: string): Decimal {
  const i = int.replace(/^0+/, "") || "0";
  const f = frac.replace(/0+$/, "");
  return { negative: negative && (i !== "0" || f !== ""), int: i, frac: f };
}

function decimalText(d: Decimal): string {
  return `${d.negative ? "-" : ""}${d.int}${d.frac ? `.${d.frac}` : ""}`;
}

const DECIMAL_RE = /^([+-])?(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?(?:e([+-]?\d{1,3}))?$/i;

/**
 * Plain decimal text ("1,200.50", "-3", ".5") → exact decimal; null if it is
 * not one. An exponent ("1.2E+03") is read too: String() writes one for the
 * numbers of XLSX cells below 1e-6 or from 1e21; text with one is refused
 * before it gets here ({@link writtenWithExponent}).
 */
function parseDecimal(text: string): Decimal | null {
  const m = DECIMAL_RE.exec(text);
  if (!m) return null;
  const int = (m[2] ?? "").replace(/,/g, "");
  const frac = m[3] ?? "";
  if (int === "" && frac === "") return null;
  const exp = m[4] ? Number(m[4]) : 0;
  if (Math.abs(exp) > 30) return null;
  let digits = int + frac;
  let point = int.length + exp;
  if (point < 0) {
    digits = "0".repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += "0".repeat(point - digits.length);
  return makeDecimal(m[1] === "-", digits.slice(0, point), digits.slice(point));
}

/** Text a person or a spreadsheet wrote with an exponent ("1e3", "1.23457E+11"): a number, but not one to store as written. */
function writtenWithExponent(text: string): boolean {
  return DECIMAL_RE.exec(text)?.[4] !== undefined;
}

function exponentRefused(written: string): CellNumber {
  return fail(
    "exponent",
    `不接受科学计数法：“${written}”（请写出完整数字；电子表格以这种形式显示长数字时可能已四舍五入）`,
    `exponent notation is not accepted: "${written}" (write the number in full; a spreadsheet that shows a long number this way may have rounded it)`,
  );
}

/** A JS number as Excel shows it (15 significant digits) → exact decimal. */
function decimalFromNumber(n: number): Decimal | null {
  if (!Number.isFinite(n)) return null;
  return parseDecimal(String(Number(n.toPrecision(15))));
}

/** d × 10^-places, exactly (a percentage → a ratio). */
function shiftLeft(d: Decimal, places: number): Decimal {
  const int = d.int.padStart(places + 1, "0");
  const cut = int.length - places;
  return makeDecimal(d.negative, int.slice(0, cut), int.slice(cut) + d.frac);
}

function toScaled(d: Decimal, scale: number): bigint {
  const v = BigInt(d.int + d.frac.padEnd(scale, "0"));
  return d.negative ? -v : v;
}

function fromScaled(v: bigint, scale: number): Decimal {
  const negative = v < 0n;
  const s = (negative ? -v : v).toString().padStart(scale + 1, "0");
  return makeDecimal(negative, s.slice(0, s.length - scale), s.slice(s.length - scale));
}

/** numerator / denominator rounded half up to {@link RATIO_DECIMALS}; null for a 0 denominator. */
function divide(n: Decimal, d: Decimal): Decimal | null {
  const scale = Math.max(n.frac.length, d.frac.length);
  const a = toScaled(n, scale);
  const b = toScaled(d, scale);
  if (b === 0n) return null;
  const negative = a < 0n !== b < 0n && a !== 0n;
  const absA = a < 0n ? -a : a;
  const absB = b < 0n ? -b : b;
  const q = (absA * 10n ** BigInt(RATIO_DECIMALS) * 2n + absB) / (absB * 2n);
  return fromScaled(negative ? -q : q, RATIO_DECIMALS);
}

/** Exact sum of canonical decimal texts ("12", "9.5", "-0.25"). */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map((v) => parseDecimal(v)).filter((d): d is Decimal => d !== null);
  const scale = Math.max(0, ...parsed.map((d) => d.frac.length));
  let total = 0n;
  for (const d of parsed) total += toScaled(d, scale);
  return decimalText(fromScaled(total, scale));
}

const UNIT_NAME_ZH: Record<CellValueType, string> = { count: "人数/个数", cny: "金额（元）", ratio: "比率" };
const UNIT_NAME_EN: Record<CellValueType, string> = { count: "a count", cny: "an amount in CNY", ratio: "a rate" };

function checkUnit(d: Decimal, valueType: CellValueType, written: string): CellNumber {
  if (d.int.length > MAX_INTEGER_DIGITS) {
    return fail("too_large", `数字过大：“${written}”（整数部分最多${MAX_INTEGER_DIGITS}位）`, `number too large: "${written}" (at most ${MAX_INTEGER_DIGITS} digits before the decimal point)`);
  }
  const text = decimalText(d);
  if (valueType === "count") {
    if (d.negative) return fail("negative_count", `人数/个数不能为负数：${text}`, `a count cannot be negative: ${text}`);
    if (d.frac) return fail("decimal_count", `人数/个数须为整数：${text}`, `a count must be a whole number: ${text}`);
  } else if (valueType === "cny") {
    if (d.negative) return fail("negative_amount", `金额不能为负数：${text}`, `an amount cannot be negative: ${text}`);
    if (d.frac.length > 2) {
      return fail("too_many_decimals", `金额（元）最多两位小数（分）：${text}`, `an amount in CNY has at most 2 decimals (fen): ${text}`);
    }
  } else if (d.negative) {
    return fail("bad_number", `比率不能为负数：${text}`, `a rate cannot be negative: ${text}`);
  }
  return { kind: "value", value: text };
}

function notARate(written: string, valueType: CellValueType, what: "percent" | "fraction"): CellNumber {
  const zh = what === "percent" ? "百分数" : "分数";
  const en = what === "percent" ? "a percentage" : "a fraction";
  return fail(
    "bad_number",
    `${UNIT_NAME_ZH[valueType]}列不能填${zh}：“${written}”（请填写数量本身）`,
    `${en} cannot go in ${UNIT_NAME_EN[valueType]} column: "${written}" (write the number itself)`,
  );
}

/**
 * Reads one cell as a number of `valueType`.
 *
 * Accepts: full-width digits, spaces and punctuation (NFKC); thousands separators ("1,200",
 * "1，200"); a leading "+"; for `cny` a "¥"/"￥" prefix or "元" suffix; for `ratio` a percentage ("95%", "95 %"), a fraction
 * ("19/20") or, with `percentFormat`, a percent-formatted XLSX number (0.95 shown as 95%).
 * Numbers from XLSX are read to Excel's 15 significant digits (a formula's 0.30000000000000004 is 0.3).
 *
 * Returns `missing` for null, blank, whitespace-only, "—", "-", "－", "无", "/", "N/A" (and the
 * like): never 0, never an error. A fraction with a 0 denominator is missing too (DOMAIN.md §3:
 * 0 denominator → no value). Otherwise an error: `bad_number` (text, an Excel error value such
 * as "#DIV/0!", a percentage or fraction in a count/CNY column), `exponent` (text such as "1e3"
 * or "1.23457E+11": a typing slip, or a long number a spreadsheet rounded to show it — the data
 * entry form and the import refuse it alike), `too_large` (more than 15 integer digits: no longer
 * exact as a number), `negative_count`, `negative_amount`, `decimal_count` ("12.5" persons; "12.0" is 12),
 * `too_many_decimals` (CNY below the fen).
 */
export function parseCellNumber(
  raw: string | number | null | undefined,
  valueType: CellValueType,
  options: { percentFormat?: boolean } = {},
): CellNumber {
  if (raw === null || raw === undefined) return MISSING_VALUE;
  if (typeof raw === "number") {
    const d = decimalFromNumber(raw);
    if (d === null) return notANumber(String(raw));
    if (options.percentFormat) {
      if (valueType !== "ratio") return notARate(percentText(d), valueType, "percent");
      return checkUnit(d, valueType, percentText(d));
    }
    return checkUnit(d, valueType, decimalText(d));
  }
  if (/^(0|[1-9]\d{0,14})$/.test(raw)) return { kind: "value", value: raw };
  if (/^\d{1,15}$/.test(raw)) return checkUnit(makeDecimal(false, raw, ""), valueType, raw);
  const text = normaliseText(raw);
  if (MISSING.has(text.toLowerCase())) return MISSING_VALUE;
  if (EXCEL_ERROR.test(text)) {
    return fail("bad_number", `Excel 错误值：“${text}”（请检查公式）`, `Excel error value: "${text}" (check the formula)`);
  }

  const percent = /^(.*?)\s*%$/.exec(text);
  if (percent) {
    if (writtenWithExponent(percent[1]!.trim())) return exponentRefused(text);
    const d = parseDecimal(percent[1]!.trim());
    if (d === null) return notANumber(text);
    if (valueType !== "ratio") return notARate(text, valueType, "percent");
    return checkUnit(shiftLeft(d, 2), valueType, text);
  }

  const fraction = /^(.+?)\s*\/\s*(.+)$/.exec(text);
  if (fraction) {
    if (writtenWithExponent(fraction[1]!.trim()) || writtenWithExponent(fraction[2]!.trim())) return exponentRefused(text);
    const n = parseDecimal(fraction[1]!.trim());
    const dd = parseDecimal(fraction[2]!.trim());
    if (n === null || dd === null) return notANumber(text);
    if (valueType !== "ratio") return notARate(text, valueType, "fraction");
    const ratio = divide(n, dd);
    return ratio === null ? MISSING_VALUE : checkUnit(ratio, valueType, text);
  }

  let body = text;
  if (valueType === "cny") body = body.replace(/^[¥]\s*/u, "").replace(/\s*元$/u, "");
  body = body.replace(/^([+-])\s+/, "$1");
  if (writtenWithExponent(body)) return exponentRefused(text);
  const d = parseDecimal(body);
  if (d === null) return notANumber(text);
  return checkUnit(d, valueType, text);
}

/** 0.95 → "95%": how Excel shows a percent-formatted cell. */
function percentText(d: Decimal): string {
  const frac = d.frac.padEnd(2, "0");
  return `${decimalText(makeDecimal(d.negative, d.int + frac.slice(0, 2), frac.slice(2)))}%`;
}
