import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import Sparkline, { type SparklinePoint } from "../src/charts/sparkline.tsx";

// The drawing is 100 × 40 units with a 1-unit margin: x runs 1…99 over the months, y 39 (the baseline, 0) … 1 (the rounded maximum).
const paths = (points: SparklinePoint[]) => {
  const html = renderToStaticMarkup(createElement(Sparkline, { points }));
  const d = (cls: string) => new RegExp(`class="${cls}" d="([^"]*)"`).exec(html)?.[1];
  return { area: d("visx-area-closed"), line: d("visx-linepath"), html };
};

describe("Sparkline", () => {
  it("draws the months left to right from 0 up to the maximum, an unreported month as a gap", () => {
    // 4 months at x = 1, 33.667, 66.333, 99; y(0) = 39, y(10) = 1, y(5) = 20. The third month is not reported:
    // the line stops at the second and starts again at the fourth (a lone point), not connected across the gap.
    const { line, area } = paths([
      { label: "2016-01", value: 0 },
      { label: "2016-02", value: 10 },
      { label: "2016-03", value: null },
      { label: "2016-04", value: 5 },
    ]);
    expect(line).toBe("M1,39L33.667,1M99,20Z");
    // The area closes each run down to the baseline (y 39).
    expect(area).toBe("M1,39L33.667,1L33.667,39L1,39ZM99,20L99,39Z");
  });

  it("rounds the top of the axis up (nice), so a maximum of 96.6 is drawn below the top", () => {
    // Domain 0…100 after nice(): 96.6 sits at 39 − 96.6 × 38 / 100 = 2.292.
    const { line } = paths([
      { label: "2016-11", value: 96.6 },
      { label: "2016-12", value: 96.6 },
    ]);
    expect(line).toBe("M1,2.292L99,2.292");
  });

  it("keeps a series of zeros on the baseline and draws nothing for a series with no value", () => {
    expect(paths([{ label: "a", value: 0 }, { label: "b", value: 0 }]).line).toBe("M1,39L99,39");
    const empty = paths([{ label: "a", value: null }, { label: "b", value: null }]);
    expect(empty.line).toBe("");
    expect(empty.area).toBe("");
  });
});
