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
});
