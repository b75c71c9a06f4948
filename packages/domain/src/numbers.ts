/**
 * The one place where numbers leave a database engine. DuckDB gives BigInt for
 * COUNT/SUM of integers and may give DECIMAL; PostgreSQL (pg, PGlite) gives
 * NUMERIC and BIGINT as strings. Everything becomes a JS number or null here,
 * so "9.50", "10.00" and "100.00" compare as 9.5 < 10 < 100, never as text.
 */

export class NotANumber extends Error {
  constructor(readonly raw: unknown) {
    super(`Expected a number from the database, got ${typeof raw} ${JSON.stringify(String(raw))}`);
    this.name = "NotANumber";
  }
}

const NUMERIC_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Converts an engine value to a JS number; null and undefined stay null.
 * Accepts number, bigint, numeric text, and objects whose `valueOf()` or
 * `toString()` yields one (DuckDB DECIMAL wrappers). Throws {@link NotANumber}
 * for anything else, including NaN and infinities.
 */
export function toNumber(raw: unknown): number | null {
  if (raw === null || raw === undefined) return null;
  let n: number;
  if (typeof raw === "number") n = raw;
  else if (typeof raw === "bigint") n = Number(raw);
  else if (typeof raw === "string") {
    const s = raw.trim();
    if (!NUMERIC_TEXT.test(s)) throw new NotANumber(raw);
    n = Number(s);
  } else if (typeof raw === "object") {
    const v = (raw as { valueOf(): unknown }).valueOf();
    if (v !== raw && (typeof v === "number" || typeof v === "bigint")) return toNumber(v);
    return toNumber(String(raw));
  } else throw new NotANumber(raw);
  if (!Number.isFinite(n)) throw new NotANumber(raw);
  return n;
}

/** Converts the listed columns of each row with {@link toNumber}, leaving the others as they are. */
export function numericRows<T extends Record<string, unknown>, K extends string>(
  rows: readonly T[],
  columns: readonly K[],
): (Omit<T, K> & Record<K, number | null>)[] {
  return rows.map((row) => {
    const out: Record<string, unknown> = { ...row };
    for (const c of columns) out[c] = toNumber(row[c]);
    return out as Omit<T, K> & Record<K, number | null>;
  });
}
