/**
 * A seeded random source (pure-rand's xoroshiro128+) with the few draws the
 * breakdown needs. Only integer draws are used, so the same seed gives the
 * same numbers on every machine and Node version.
 */
import { unsafeUniformIntDistribution, xoroshiro128plus, type RandomGenerator } from "pure-rand";

export class Random {
  private readonly rng: RandomGenerator;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number {
    return unsafeUniformIntDistribution(min, max, this.rng);
  }

  /** true with probability percent / 100 (percent a whole number 0–100). */
  chance(percent: number): boolean {
    return this.int(1, 100) <= percent;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(0, items.length - 1)]!;
  }

  /** `count` distinct items, in the order drawn. */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count > items.length) throw new Error(`cannot sample ${count} of ${items.length}`);
    const pool = [...items];
    const out: T[] = [];
    for (let i = 0; i < count; i++) out.push(pool.splice(this.int(0, pool.length - 1), 1)[0]!);
    return out;
  }

  /**
   * Splits a whole-number total into one count per slot, drawing the units
   * one at a time with probability proportional to `weights` (non-negative
   * integers) among the slots whose count is still below its cap (default: no
   * cap). The counts always add up to `total` exactly; throws when the caps or
   * weights leave no room for it.
   */
  split(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
    if (!Number.isInteger(total) || total < 0) throw new Error(`total must be a whole number ≥ 0, got ${total}`);
    if (weights.some((w) => !Number.isInteger(w) || w < 0)) throw new Error("weights must be whole numbers ≥ 0");
    const counts = weights.map(() => 0);
    for (let unit = 0; unit < total; unit++) {
      let sum = 0;
      for (let i = 0; i < weights.length; i++) if (caps === undefined || counts[i]! < caps[i]!) sum += weights[i]!;
      if (sum === 0) throw new Error(`cannot place ${total - unit} more of ${total}: no slot with weight and room left`);
      let r = this.int(0, sum - 1);
      for (let i = 0; i < weights.length; i++) {
        if (caps !== undefined && counts[i]! >= caps[i]!) continue;
        r -= weights[i]!;
        if (r < 0) {
          counts[i]!++;
          break;
        }
      }
    }
    return counts;
  }
}
