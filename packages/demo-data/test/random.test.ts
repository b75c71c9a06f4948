import { describe, expect, it } from "vitest";
import { Random } from "../src/random.ts";

describe("Random", () => {
  it("the same seed gives the same draws; another seed other draws", () => {
    const draws = (seed: number) => {
      const r = new Random(seed);
      return Array.from({ length: 20 }, () => r.int(0, 1_000_000));
    };
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
  });

  it("split adds up to the total exactly, gives nothing to a weight of 0 and respects caps", () => {
    const r = new Random(1);
    const counts = r.split(1000, [1, 0, 3, 6]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(counts[1]).toBe(0);
    expect(counts[3]!).toBeGreaterThan(counts[0]!);
    const capped = r.split(10, [100, 1, 1], [2, 5, 5]);
    expect(capped.reduce((a, b) => a + b, 0)).toBe(10);
    expect(capped[0]!).toBeLessThanOrEqual(2);
  });

  it("split throws when the caps leave no room for the total", () => {
    expect(() => new Random(1).split(5, [1, 1], [2, 2])).toThrow(/cannot place 1 more of 5/);
    expect(() => new Random(1).split(2.5, [1])).toThrow(/whole number/);
  });
});
