/**
 * An empty chart is not drawn (recharts puts an axis over no numbers at NaN,
 * logged by the browser for every bar): the indicator page of 沙河镇 for
 * 2016-12, where no township reported the rights-case closure rate.
 */
import { describe, expect, it } from "vitest";
import { hasValueToDraw } from "../src/charts/drawable.ts";

describe("hasValueToDraw", () => {
  it("is false for no points, and for points that are all without a value", () => {
    expect(hasValueToDraw([])).toBe(false);
    expect(hasValueToDraw([null, null, null])).toBe(false);
    expect(hasValueToDraw([Number.NaN, null])).toBe(false);
  });

  it("is true with one value among them, 0 included (a real 0 is drawn, not missing)", () => {
    expect(hasValueToDraw([null, 0, null])).toBe(true);
    expect(hasValueToDraw([96.2])).toBe(true);
  });
});
