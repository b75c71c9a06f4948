/**
 * Text normalisation shared by cells, headers and names. NFKC folds what
 * Chinese input methods type in full width (digits, letters, "，", "％", "（）",
 * the ideographic space U+3000) to ASCII; the minus sign U+2212 joins "-".
 */

const WHITESPACE = /\s+/g;

/** NFKC, U+2212 → "-", whitespace runs → one space, trimmed. */
export function normaliseText(raw: string): string {
  return raw.normalize("NFKC").replace(/\u2212/g, "-").replace(WHITESPACE, " ").trim();
}

/** {@link normaliseText} without any whitespace, lower case: the key names are compared by. */
export function compactKey(raw: string): string {
  return raw.normalize("NFKC").replace(/\u2212/g, "-").replace(WHITESPACE, "").toLowerCase();
}

/** "A" for 0, "Z" for 25, "AA" for 26: the Excel letter of a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Quotes a cell for a message, shortened so one wild cell cannot flood the problem table. */
export function quote(value: string): string {
  const v = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return `“${v}”`;
}

/**
 * Total-row labels: 合计 / 总计 (everything above) and 小计 (since the previous subtotal),
 * with any spacing or full width ("合 计", "小　计"), optionally after a short prefix
 * ("全镇合计") and before a colon.
 */
export function totalKind(label: string): "total" | "subtotal" | null {
  if (!label.includes("计")) return null;
  const k = compactKey(label).replace(/[:：]$/, "");
  const m = /^.{0,8}?(合计|总计|小计)$/u.exec(k);
  if (!m) return null;
  return m[1] === "小计" ? "subtotal" : "total";
}

/** Signature and footer lines under a report ("填表人：", "审核人：", "注：") are not data. */
export function isNoteLabel(label: string): boolean {
  if (!/[:：]/u.test(label)) return false;
  return /^(填表人|填报人|制表人|审核人|负责人|联系人|联系电话|填报日期|填表日期|报送日期|报出日期|单位负责人|注|说明|备注)\s*[:：]/u.test(
    normaliseText(label),
  );
}
