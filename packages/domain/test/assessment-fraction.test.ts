import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Fraction, InvalidFraction, formatScore } from "../src/index.ts";

describe("Fraction", () => {
  it("reads numbers as the decimals they print as, so 0.1 + 0.2 is exactly 3/10", () => {
    // Floats: 0.1 + 0.2 = 0.30000000000000004.
    expect(Fraction.from(0.1).add(0.2).toString()).toBe("3/10");
    expect(Fraction.from(0.1).add(0.2).eq(Fraction.from("0.3"))).toBe(true);
    expect(Fraction.from(33.33).toString()).toBe("3333/100");
    expect(Fraction.from(1e-7).toString()).toBe("1/10000000");
    expect(Fraction.from(1.5e21).toString()).toBe("1500000000000000000000");
    expect(Fraction.from("-12/8").toString()).toBe("-3/2");
    expect(Fraction.from(Fraction.from("7/3").toString()).eq(Fraction.of(7, 3))).toBe(true);
  });

  it("rejects NaN, infinities, junk and a zero denominator", () => {
    expect(() => Fraction.from(NaN)).toThrow(InvalidFraction);
    expect(() => Fraction.from(Infinity)).toThrow(InvalidFraction);
    expect(() => Fraction.from("abc")).toThrow(InvalidFraction);
    expect(() => Fraction.from("1/0")).toThrow(InvalidFraction);
    expect(() => Fraction.ONE.div(0)).toThrow(RangeError);
  });

  it("floor and ceil of negative and positive values", () => {
    expect(Fraction.of(7, 2).floor()).toBe(3n);
    expect(Fraction.of(-7, 2).floor()).toBe(-4n);
    expect(Fraction.of(7, 2).ceil()).toBe(4n);
    expect(Fraction.of(-7, 2).ceil()).toBe(-3n);
    expect(Fraction.of(6, 2).ceil()).toBe(3n);
  });

  it("rounds half up to two decimals where a float would not", () => {
    // 1.005 as a double is 1.00499999…, so Number#toFixed gives "1.00"; exactly it is 1.005 → "1.01".
    expect((1.005).toFixed(2)).toBe("1.00");
    expect(formatScore(1.005)).toBe("1.01");
    expect(formatScore(89.995)).toBe("90.00");
    expect(formatScore(89.994999)).toBe("89.99");
    expect(formatScore(92.5)).toBe("92.50");
    expect(formatScore("1/3")).toBe("0.33");
    expect(formatScore("2/3")).toBe("0.67");
    expect(formatScore(-0.005)).toBe("-0.01");
    expect(formatScore(-0.004)).toBe("0.00");
    expect(formatScore(0)).toBe("0.00");
    expect(Fraction.from(7).toFixed(0)).toBe("7");
  });

  it("gives an integer the same value, text and double as the general path (the integer fast paths)", () => {
    // Golden values by hand: 2^53 + 2 is exact as a double; -0 is 0; 10^21 prints as 1e+21.
    expect(Fraction.from(2 ** 53 + 2).toString()).toBe("9007199254740994");
    expect(Fraction.from(-0).toFixed(2)).toBe("0.00");
    expect(Fraction.from(-7).toFixed(2)).toBe("-7.00");
    expect(Fraction.from(1e21).toString()).toBe("1000000000000000000000");
    expect(Fraction.of(2n ** 70n).toNumber()).toBe(2 ** 70);
    // The general path the integers now skip: scale, divide, round half up, place the point.
    const byDivision = (num: bigint, den: bigint, digits: number): string => {
      const neg = num < 0n;
      const n = (neg ? -num : num) * 10n ** BigInt(digits);
      let q = n / den;
      if ((n % den) * 2n >= den) q += 1n;
      let s = q.toString().padStart(digits + 1, "0");
      if (digits > 0) s = `${s.slice(0, -digits)}.${s.slice(-digits)}`;
      return neg && q !== 0n ? `-${s}` : s;
    };
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), fc.integer({ min: 0, max: 20 }), (n, digits) => {
        const f = Fraction.of(n);
        expect(f.toString()).toBe(Fraction.from(n.toString()).toString());
        expect(f.toFixed(digits)).toBe(byDivision(n, 1n, digits));
        expect(f.toNumber()).toBe(Number(byDivision(n, 1n, 15)));
        if (Number.isSafeInteger(Number(n))) expect(Fraction.from(Number(n)).eq(f)).toBe(true);
      }),
    );
  });
});
