/**
 * Exact rational numbers over bigint, for assessment scores (DOMAIN.md §4:
 * "scores are computed exactly and rounded once, for display"). Floats are
 * not exact (0.1 + 0.2 ≠ 0.3), so every score, ratio and expected value in
 * the scoring engine is a Fraction; a JS number enters through
 * {@link Fraction.from}, which reads it as the decimal it prints as
 * (33.33 → 3333/100), the value the user typed.
 *
 * Immutable; always reduced, with a positive denominator.
 */

export class InvalidFraction extends Error {
  constructor(readonly raw: unknown) {
    super(`Not an exact number: ${JSON.stringify(String(raw))} (expected a finite number, a decimal or "n/d") / 不是有效的数值`);
    this.name = "InvalidFraction";
  }
}

const abs = (a: bigint) => (a < 0n ? -a : a);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const RATIO = /^([+-]?\d+)\/(\d+)$/;

export class Fraction {
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    if (den === 0n) throw new RangeError("Fraction with denominator 0");
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = den === 1n ? 1n : gcd(num, den);
    this.num = g > 1n ? num / g : num;
    this.den = g > 1n ? den / g : den;
  }

  static readonly ZERO = new Fraction(0n, 1n);
  static readonly ONE = new Fraction(1n, 1n);

  static of(num: bigint | number, den: bigint | number = 1n): Fraction {
    return new Fraction(BigInt(num), BigInt(den));
  }

  /**
   * A JS number read as the shortest decimal that prints it (0.1 → 1/10,
   * 33.33 → 3333/100, 1e-7 → 1/10000000), or a decimal string, or "n/d".
   * Throws {@link InvalidFraction} for NaN, infinities and other text.
   */
  static from(x: number | string | bigint | Fraction): Fraction {
    if (x instanceof Fraction) return x;
    if (typeof x === "bigint") return new Fraction(x, 1n);
    // A safe integer prints as its exact digits: the same value, without the text (issue 6 P3: scores are mostly integers).
    if (typeof x === "number" && Number.isSafeInteger(x)) return new Fraction(BigInt(x), 1n);
    if (typeof x === "number" && !Number.isFinite(x)) throw new InvalidFraction(x);
    const s = String(x).trim();
    const r = RATIO.exec(s);
    if (r) {
      if (BigInt(r[2]!) === 0n) throw new InvalidFraction(x);
      return new Fraction(BigInt(r[1]!), BigInt(r[2]!));
    }
    const m = DECIMAL.exec(s);
    if (!m || (m[2] === "" && (m[3] ?? "") === "")) throw new InvalidFraction(x);
    const digits = (m[2] ?? "") + (m[3] ?? "");
    let num = BigInt(digits === "" ? "0" : digits);
    if (m[1] === "-") num = -num;
    const exp = Number(m[4] ?? "0") - (m[3] ?? "").length;
    return exp >= 0 ? new Fraction(num * 10n ** BigInt(exp), 1n) : new Fraction(num, 10n ** BigInt(-exp));
  }

  add(o: Fraction | number): Fraction {
    const b = Fraction.from(o);
    return new Fraction(this.num * b.den + b.num * this.den, this.den * b.den);
  }
  sub(o: Fraction | number): Fraction {
    const b = Fraction.from(o);
    return new Fraction(this.num * b.den - b.num * this.den, this.den * b.den);
  }
  mul(o: Fraction | number): Fraction {
    const b = Fraction.from(o);
    return new Fraction(this.num * b.num, this.den * b.den);
  }
  /** Throws RangeError on division by 0 (callers check for 0 first and say what it means). */
  div(o: Fraction | number): Fraction {
    const b = Fraction.from(o);
    if (b.num === 0n) throw new RangeError("Fraction division by 0");
    return new Fraction(this.num * b.den, this.den * b.num);
  }
  neg(): Fraction {
    return new Fraction(-this.num, this.den);
  }

  /** -1, 0 or 1. */
  cmp(o: Fraction | number): number {
    const b = Fraction.from(o);
    const d = this.num * b.den - b.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  eq(o: Fraction | number): boolean {
    return this.cmp(o) === 0;
  }
  lt(o: Fraction | number): boolean {
    return this.cmp(o) < 0;
  }
  lte(o: Fraction | number): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Fraction | number): boolean {
    return this.cmp(o) > 0;
  }
  gte(o: Fraction | number): boolean {
    return this.cmp(o) >= 0;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }

  static min(a: Fraction, b: Fraction): Fraction {
    return a.lte(b) ? a : b;
  }
  static max(a: Fraction, b: Fraction): Fraction {
    return a.gte(b) ? a : b;
  }
  static sum(xs: Iterable<Fraction>): Fraction {
    let s = Fraction.ZERO;
    for (const x of xs) s = s.add(x);
    return s;
  }

  /** The greatest integer ≤ this. */
  floor(): bigint {
    const q = this.num / this.den; // truncates toward 0
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }
  /** The least integer ≥ this. */
  ceil(): bigint {
    return -new Fraction(-this.num, this.den).floor();
  }

  /**
   * Decimal text with `digits` decimals, rounded half up (half away from
   * zero, the rule people learn: 89.995 → "90.00", -0.005 → "-0.01").
   */
  toFixed(digits: number): string {
    // An integer needs no division: its digits and `digits` zeros (a negative zero cannot occur, num is reduced).
    if (this.den === 1n) return digits > 0 ? `${this.num}.${"0".repeat(digits)}` : this.num.toString();
    const scale = 10n ** BigInt(digits);
    const neg = this.num < 0n;
    const n = abs(this.num) * scale;
    let q = n / this.den;
    if ((n % this.den) * 2n >= this.den) q += 1n;
    let s = q.toString().padStart(digits + 1, "0");
    if (digits > 0) s = `${s.slice(0, -digits)}.${s.slice(-digits)}`;
    return neg && q !== 0n ? `-${s}` : s;
  }

  /** The nearest double, for charts and sorting hints only — never for a comparison that decides a grade. */
  toNumber(): number {
    // An integer is its own 15-decimal text: the same double, without the text.
    if (this.den === 1n) return Number(this.num);
    return Number(this.toFixed(15));
  }

  /** "n/d" (or "n" for an integer): the lossless text form, read back by {@link Fraction.from}. */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
  toJSON(): string {
    return this.toString();
  }
}
