import { describe, expect, it } from "vitest";
import { parseCellNumber, sumDecimals, type CellNumber } from "../src/index.ts";

const value = (v: string): CellNumber => ({ kind: "value", value: v });
const codeOf = (c: CellNumber) => (c.kind === "error" ? c.code : c.kind);

describe("parseCellNumber: what report sheets hold", () => {
  it("reads plain, full-width, spaced and signed numbers to canonical decimal text", () => {
    expect(parseCellNumber("12", "count")).toEqual(value("12"));
    expect(parseCellNumber("０１２", "count")).toEqual(value("12")); // full-width digits, a leading zero
    expect(parseCellNumber("　１２　", "count")).toEqual(value("12")); // ideographic spaces around
    expect(parseCellNumber(" +7 ", "count")).toEqual(value("7"));
    expect(parseCellNumber("12.0", "count")).toEqual(value("12")); // a whole number written with a decimal
    expect(parseCellNumber("９．５０", "cny")).toEqual(value("9.5")); // full-width point, trailing zero dropped
    expect(parseCellNumber("0.10", "cny")).toEqual(value("0.1"));
    expect(parseCellNumber(".5", "cny")).toEqual(value("0.5"));
  });

  it("reads thousands separators, ASCII and full-width, and refuses a bad grouping", () => {
    expect(parseCellNumber("1,200", "count")).toEqual(value("1200"));
    expect(parseCellNumber("1，200", "count")).toEqual(value("1200"));
    expect(parseCellNumber("1,856,400.00", "cny")).toEqual(value("1856400"));
    expect(codeOf(parseCellNumber("1,2", "count"))).toBe("bad_number");
    expect(codeOf(parseCellNumber("12,00", "count"))).toBe("bad_number");
  });

  it("refuses text written with an exponent, as the data-entry form does: a slip, or a long number a spreadsheet rounded to show it", () => {
    expect(parseCellNumber("1e3", "count")).toEqual({
      kind: "error",
      code: "exponent",
      messageZh: "不接受科学计数法：“1e3”（请写出完整数字；电子表格以这种形式显示长数字时可能已四舍五入）",
      messageEn: 'exponent notation is not accepted: "1e3" (write the number in full; a spreadsheet that shows a long number this way may have rounded it)',
    });
    // Excel's General format shows 123456789012 as 1.23457E+11 and writes that to CSV: read as written it would be 123457000000.
    expect(codeOf(parseCellNumber("1.23457E+11", "cny"))).toBe("exponent");
    expect(codeOf(parseCellNumber("４.７８８ｅ５", "cny"))).toBe("exponent"); // full-width
    expect(codeOf(parseCellNumber("¥1.5e-1", "cny"))).toBe("exponent");
    expect(codeOf(parseCellNumber("+ 1E3", "count"))).toBe("exponent");
    expect(codeOf(parseCellNumber("1e2%", "ratio"))).toBe("exponent");
    expect(codeOf(parseCellNumber("1e1/20", "ratio"))).toBe("exponent");
    expect(codeOf(parseCellNumber("12e", "count"))).toBe("bad_number"); // no exponent digits: not a number at all
    // An XLSX cell holds a number, not text: 1000 stays 1000, 1e21 (String() writes an exponent) is too large.
    expect(parseCellNumber(1e3, "count")).toEqual(value("1000"));
    expect(codeOf(parseCellNumber(1e21, "count"))).toBe("too_large");
  });

  it("reads XLSX numbers as Excel shows them (15 significant digits)", () => {
    expect(parseCellNumber(0.1 + 0.2, "cny")).toEqual(value("0.3")); // 0.30000000000000004 in binary
    expect(parseCellNumber(478800, "cny")).toEqual(value("478800"));
    expect(parseCellNumber(1e-7, "ratio")).toEqual(value("0.0000001")); // String(1e-7) is "1e-7"
    expect(parseCellNumber(-0, "count")).toEqual(value("0"));
    expect(codeOf(parseCellNumber(Number.NaN, "count"))).toBe("bad_number");
    expect(codeOf(parseCellNumber(Number.POSITIVE_INFINITY, "count"))).toBe("bad_number");
  });

  it("treats blank and 'nothing' marks as missing, never 0 and never an error", () => {
    for (const raw of [null, undefined, "", "   ", "　", "—", "——", "-", "－", "--", "无", "/", "／", "N/A", "n/a", "NA"]) {
      expect(parseCellNumber(raw, "count"), String(raw)).toEqual({ kind: "missing" });
    }
    expect(parseCellNumber("0", "count")).toEqual(value("0")); // a real zero stays a zero
  });

  it("¥ and 元 are accepted on amounts only", () => {
    expect(parseCellNumber("¥1,200.50", "cny")).toEqual(value("1200.5"));
    expect(parseCellNumber("￥600", "cny")).toEqual(value("600"));
    expect(parseCellNumber("600元", "cny")).toEqual(value("600"));
    expect(codeOf(parseCellNumber("600元", "count"))).toBe("bad_number");
  });

  it("refuses negative counts and amounts, decimal counts, amounts below the fen", () => {
    expect(parseCellNumber("-3", "count")).toEqual({
      kind: "error",
      code: "negative_count",
      messageZh: "人数/个数不能为负数：-3",
      messageEn: "a count cannot be negative: -3",
    });
    expect(codeOf(parseCellNumber("－３", "count"))).toBe("negative_count"); // full-width minus
    expect(codeOf(parseCellNumber("\u22123", "count"))).toBe("negative_count"); // U+2212 minus sign
    expect(codeOf(parseCellNumber("-100", "cny"))).toBe("negative_amount");
    expect(parseCellNumber("12.5", "count")).toMatchObject({ kind: "error", code: "decimal_count", messageEn: "a count must be a whole number: 12.5" });
    expect(codeOf(parseCellNumber(2.5, "count"))).toBe("decimal_count");
    expect(parseCellNumber("12.345", "cny")).toMatchObject({ kind: "error", code: "too_many_decimals" });
    expect(parseCellNumber("12.34", "cny")).toEqual(value("12.34"));
  });

  it("refuses text, Excel error values and numbers too large to stay exact", () => {
    expect(parseCellNumber("十二", "count")).toMatchObject({ kind: "error", code: "bad_number", messageEn: 'not a number: "十二"' });
    expect(parseCellNumber("12人", "count")).toMatchObject({ code: "bad_number" });
    expect(parseCellNumber("#DIV/0!", "count")).toMatchObject({ code: "bad_number", messageEn: 'Excel error value: "#DIV/0!" (check the formula)' });
    // More than 15 integer digits is too large (not "not a number"): it would not stay exact.
    expect(parseCellNumber("1234567890123456", "count")).toEqual({
      kind: "error",
      code: "too_large",
      messageZh: "数字过大：“1234567890123456”（整数部分最多15位）",
      messageEn: 'number too large: "1234567890123456" (at most 15 digits before the decimal point)',
    });
    expect(codeOf(parseCellNumber("12345678901234567890", "count"))).toBe("too_large"); // 20 digits
    expect(codeOf(parseCellNumber("123,456,789,012,345,678.5", "cny"))).toBe("too_large");
    expect(parseCellNumber("123456789012345", "count")).toEqual(value("123456789012345")); // 15 digits are fine
    expect(parseCellNumber("1e31", "count")).toMatchObject({ code: "exponent" });
  });

  it("a percentage or fraction in a count or CNY column is a bad number that says so", () => {
    expect(parseCellNumber("95%", "count")).toEqual({
      kind: "error",
      code: "bad_number",
      messageZh: "人数/个数列不能填百分数：“95%”（请填写数量本身）",
      messageEn: 'a percentage cannot go in a count column: "95%" (write the number itself)',
    });
    expect(codeOf(parseCellNumber("95 %", "cny"))).toBe("bad_number");
    expect(parseCellNumber(0.95, "count", { percentFormat: true })).toMatchObject({ code: "bad_number", messageEn: 'a percentage cannot go in a count column: "95%" (write the number itself)' });
    expect(parseCellNumber("19/20", "count")).toMatchObject({ code: "bad_number", messageEn: 'a fraction cannot go in a count column: "19/20" (write the number itself)' });
  });

  it("reads rates as ratios 0–1: '95%', '95 %', '９５％', a percent-formatted cell, a fraction", () => {
    expect(parseCellNumber("95%", "ratio")).toEqual(value("0.95"));
    expect(parseCellNumber("95 %", "ratio")).toEqual(value("0.95"));
    expect(parseCellNumber("９５％", "ratio")).toEqual(value("0.95"));
    expect(parseCellNumber("96.6%", "ratio")).toEqual(value("0.966"));
    expect(parseCellNumber("100%", "ratio")).toEqual(value("1"));
    expect(parseCellNumber(0.95, "ratio", { percentFormat: true })).toEqual(value("0.95"));
    expect(parseCellNumber("19/20", "ratio")).toEqual(value("0.95"));
    expect(parseCellNumber("143 / 148", "ratio")).toEqual(value("0.966216216216")); // 143/148 = 0.96621621…, 12 places
    expect(parseCellNumber("1/3", "ratio")).toEqual(value("0.333333333333"));
    expect(parseCellNumber("2/3", "ratio")).toEqual(value("0.666666666667")); // half up
    // DOMAIN.md §3: a 0 denominator gives no value, not 0 % and not an error.
    expect(parseCellNumber("0/0", "ratio")).toEqual({ kind: "missing" });
    expect(codeOf(parseCellNumber("-5%", "ratio"))).toBe("bad_number");
  });
});

describe("sumDecimals", () => {
  it("adds exactly", () => {
    expect(sumDecimals(["0.1", "0.2"])).toBe("0.3");
    expect(sumDecimals(["12", "9.5", "0.25"])).toBe("21.75");
    expect(sumDecimals([])).toBe("0");
  });
});
